import Foundation
import TypeBarCore

/// An assessment as a trainer defines it: the rules, where its passages come from, and a hash that names this
/// exact definition in every result taken under it. Read from a YAML or JSON file, or one of the presets
/// (docs/assessments.md).
public struct AssessmentDefinition: Sendable {
    public var rules: AssessmentRules
    /// A folder of the trainer's own passages (the config's `passages_dir`, relative to the config file).
    public var passagesDirectory: String?
    /// Where it came from, for messages: "preset chat-40" or the config file's path.
    public var source: String
    /// Lines of the config naming each passage id, for errors about an id that is not in the library.
    var passageLines: [Int] = []
    var categoryLines: [Int] = []

    public init(rules: AssessmentRules, passagesDirectory: String? = nil, source: String) {
        self.rules = rules
        self.passagesDirectory = passagesDirectory
        self.source = source
    }

    // MARK: - Presets

    /// The built-in assessments: the chat-support hiring bars and the U.S. federal clerk-typist standard.
    public static let presets: [AssessmentDefinition] = [
        chatPreset(bar: 40),
        chatPreset(bar: 50),
        AssessmentDefinition(rules: AssessmentRules(
            name: "federal-40", seconds: 300, passages: .init(seed: 1940), bar: HiringBar(netWPM: 40, minimumAccuracy: 0),
            maximumErrors: 3,
            instructions: """
            This is a 5-minute typing test on the clerk-typist standard: 40 net words per minute \
            with no more than 3 errors (a word left with a mistake is one error). \
            Backspace fixes mistakes before you move on. The clock starts at your first key. You have one attempt.
            """), source: "preset federal-40"),
    ]

    /// `chat-40` and `chat-50`: 3 minutes at 95 % accuracy, on every built-in passage in an order fixed by the bar.
    private static func chatPreset(bar: Int) -> AssessmentDefinition {
        AssessmentDefinition(rules: AssessmentRules(
            name: "chat-\(bar)", seconds: 180, passages: .init(seed: UInt64(bar)), bar: HiringBar(netWPM: Double(bar), minimumAccuracy: 95),
            instructions: """
            This is a 3-minute typing test on replies a chat-support agent sends every day. \
            To pass you need \(bar) net words per minute with at least 95 % accuracy. \
            Type the text as it appears; Backspace fixes mistakes. The clock starts at your first key, \
            and the time left shows at the top. You have one attempt.
            """), source: "preset chat-\(bar)")
    }

    public static func preset(_ name: String) throws(TypeBarError) -> AssessmentDefinition {
        guard let preset = presets.first(where: { $0.rules.name == name }) else {
            throw .notFound("no preset \(quoted(name)); the presets are \(presets.map(\.rules.name).joined(separator: ", ")) (typebar assess --list-presets)")
        }
        return preset
    }

    // MARK: - The canonical form and its hash

    /// The rules as one JSON object, keys in a fixed order: what `config_sha256` is taken over. Two files that
    /// say the same thing (comments, order, YAML or JSON) have the same hash; any change to a rule changes it.
    public var canonicalJSON: String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("name"); writer.string(rules.name)
        writer.key("seconds"); writer.number(rules.seconds)
        writer.key("passages"); writer.value(.array(rules.passages.ids.map { .string($0) }))
        writer.key("categories"); writer.value(.array(rules.passages.categories.map { .string($0) }))
        writer.key("seed"); writer.string(String(rules.passages.seed))
        writer.key("passages_dir"); if let passagesDirectory { writer.string(passagesDirectory) } else { writer.null() }
        writer.key("bar"); writer.number(rules.bar.netWPM)
        writer.key("min_accuracy"); writer.number(rules.bar.minimumAccuracy)
        writer.key("max_errors"); if let maximum = rules.maximumErrors { writer.int(maximum) } else { writer.null() }
        writer.key("backspace"); writer.bool(rules.backspace)
        writer.key("show_live"); writer.bool(rules.showLiveFigures)
        writer.key("attempts"); writer.int(rules.attempts)
        writer.key("instructions"); writer.string(rules.instructions)
        writer.endObject()
        return writer.text
    }

    public var configHash: String { HistoryRecord.sha256(canonicalJSON) }

    // MARK: - The text

    /// The assessment's text from the built-in passages and its own `passages_dir`.
    public func text() throws(TypeBarError) -> (text: String, ids: [String]) {
        try text(from: PassageLibrary.load(userDirectory: passagesDirectory))
    }

    /// The assessment's text, the same on every run: the listed passages in order, or the chosen categories
    /// shuffled by the seed and joined until there is enough for 250 WPM over the whole test.
    public func text(from library: PassageLibrary) throws(TypeBarError) -> (text: String, ids: [String]) {
        let choice = rules.passages
        if !choice.ids.isEmpty {
            var passages: [Passage] = []
            for (index, id) in choice.ids.enumerated() {
                do {
                    passages.append(try library.passage(id: id))
                } catch {
                    throw at(index < passageLines.count ? passageLines[index] : nil, "passages: \(error.description)")
                }
            }
            return (passages.map(\.text).joined(separator: " "), passages.map(\.id))
        }
        var pool: [Passage] = []
        if choice.categories.isEmpty {
            pool = library.passages
        } else {
            for (index, category) in choice.categories.enumerated() {
                let found = (try? library.passages(category: category)) ?? []
                guard !found.isEmpty else {
                    let known = Set(library.passages.map(\.category)).sorted().joined(separator: ", ")
                    throw at(index < categoryLines.count ? categoryLines[index] : nil, "categories: no passages in category \(quoted(category)); the categories are \(known)")
                }
                pool += found
            }
        }
        guard !pool.isEmpty else { throw at(nil, "there are no passages to make the text from") }
        let characters = Int(clampingFigure: (rules.seconds / 60 * 250 * 5).rounded(.up))
        return PassageLibrary.continuousText(from: pool, seed: choice.seed, minimumCharacters: characters)
    }

    private func at(_ line: Int?, _ problem: String) -> TypeBarError {
        if let line, !source.hasPrefix("preset ") { return .badLine(path: source, line: line, problem: "\(Self.context): \(problem)") }
        return .badFile(path: source, problem: problem)
    }

    // MARK: - Reading a config file

    /// The fields a config may have (docs/assessments.md).
    static let fields = [
        "name", "minutes", "seconds", "passages", "categories", "seed", "passages_dir", "bar", "min_accuracy",
        "max_errors", "backspace", "show_live", "attempts", "instructions",
    ]

    /// Where a config's fields are, in its messages: `FILE:LINE: assessment: bar: ...`, as a chat assessment's.
    static let context = "assessment"

    /// Reads and checks the config at `path`.
    public static func load(path: String) throws(TypeBarError) -> AssessmentDefinition {
        var definition = try parse(YAMLFields.fileText(at: path, kind: "an assessment config"), path: path)
        if let directory = definition.passagesDirectory, !directory.hasPrefix("/") {
            definition.passagesDirectory = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(directory).standardizedFileURL.path
        }
        return definition
    }

    /// Parses config text (YAML, or JSON, which YAML reads too); `path` names the file in errors, each naming the
    /// line and field of the first value that does not fit.
    public static func parse(_ text: String, path: String) throws(TypeBarError) -> AssessmentDefinition {
        let root = try YAMLFields.root(text, path: path, example: "docs/assessments.md has a complete example")
        let fields = try YAMLFields(root, path: path, context: context, known: fields)

        guard let nameNode = fields["name"] else { throw fields.missing("name", example: "name: Acme chat support, round 1") }
        // The name is kept as written but for the spaces around it: it is part of the hash.
        let name = try fields.verbatim("name", limit: 80)!.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw fields.problem(nameNode, "name", "is empty; give the assessment a name") }

        let seconds: Double
        switch (fields["minutes"], fields["seconds"]) {
        case (_?, nil): seconds = try fields.number("minutes", in: 0.25...60, unit: "minutes")! * 60
        case (nil, _?): seconds = try fields.number("seconds", in: 15...3600, unit: "seconds")!
        case (_?, let node?): throw fields.problem(node, "seconds", "give minutes or seconds, not both")
        case (nil, nil): throw fields.missing("length", example: "minutes: 3")
        }

        var rules = AssessmentRules(name: name, seconds: seconds, bar: HiringBar())
        rules.bar.netWPM = try fields.number("bar", in: 1...300, unit: "net WPM", required: "bar: 40")!
        if let accuracy = try fields.number("min_accuracy", in: 0...100, unit: "percent") {
            if accuracy > 0 && accuracy < 1 {
                throw fields.problem(fields["min_accuracy"]!, "min_accuracy", "must be a percentage like 95, not a fraction like 0.95 (0 means no accuracy rule)")
            }
            rules.bar.minimumAccuracy = accuracy
        }
        if let maximum = try fields.whole("max_errors", in: 0...10_000, unit: "errors") { rules.maximumErrors = maximum }
        if let backspace = try fields.boolean("backspace") { rules.backspace = backspace }
        if let showLive = try fields.boolean("show_live") { rules.showLiveFigures = showLive }
        if let attempts = try fields.whole("attempts", in: 1...20, unit: "attempts") { rules.attempts = attempts }
        if var instructions = try fields.verbatim("instructions", limit: 2000) {
            // Trailing blank lines (a YAML block keeps one) say nothing, so they do not change the hash.
            while let last = instructions.last, last.isWhitespace { instructions.removeLast() }
            rules.instructions = instructions
        }

        var definition = AssessmentDefinition(rules: rules, source: path)
        if let ids = try names("passages", in: fields) {
            definition.rules.passages.ids = ids.map(\.text)
            definition.passageLines = ids.map(\.line)
        }
        if let node = fields["categories"], fields["passages"] != nil {
            throw fields.problem(node, "categories", "give passages or categories, not both")
        }
        if let categories = try names("categories", in: fields) {
            definition.rules.passages.categories = categories.map(\.text)
            definition.categoryLines = categories.map(\.line)
        }
        if let seed = try fields.whole("seed", in: 0...UInt64.max, unit: nil) { definition.rules.passages.seed = seed }
        definition.passagesDirectory = try fields.verbatim("passages_dir", limit: 4096)
        return definition
    }

    /// The passage ids or category names a list field gives, each with its line for errors about it later.
    private static func names(_ field: String, in fields: YAMLFields) throws(TypeBarError) -> [(text: String, line: Int)]? {
        guard let items = try fields.list(field, ifEmpty: "leave the field out to use every passage") else { return nil }
        var names: [(text: String, line: Int)] = []
        for item in items {
            let name = try fields.scalar(field, item, expected: "a list of names").trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { throw fields.problem(item, field, "an entry is empty; write a name there or remove it") }
            names.append((name, YAMLFields.line(item)))
        }
        return names
    }
}

extension HistoryRecord {
    /// The record of an assessment attempt: the result, judged under the definition's rules.
    public init(
        id: String, time: Double, result: ScoreResult, definition: AssessmentDefinition, candidate: String, attempt: Int,
        targetText: String, passages: [String]
    ) {
        let rules = definition.rules
        self.init(id: id, time: time, mode: .assessment, result: result, bar: rules.bar, targetText: targetText, passages: passages, timeLimit: rules.seconds)
        self.candidate = candidate
        assessment = rules.name
        configHash = definition.configHash
        self.attempt = attempt
        attempts = rules.attempts
        maximumErrors = rules.maximumErrors
        backspace = rules.backspace
        let judged = rules.judge(result)
        meetsBar = judged.passed
        verdict = judged.summary
    }
}
