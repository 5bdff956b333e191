import Foundation
import TypeBarCore
internal import Yams

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
        if let line, !source.hasPrefix("preset ") { return .badLine(path: source, line: line, problem: problem) }
        return .badFile(path: source, problem: problem)
    }

    // MARK: - Reading a config file

    /// The fields a config may have (docs/assessments.md).
    static let fields = [
        "name", "minutes", "seconds", "passages", "categories", "seed", "passages_dir", "bar", "min_accuracy",
        "max_errors", "backspace", "show_live", "attempts", "instructions",
    ]

    /// Reads and checks the config at `path`.
    public static func load(path: String) throws(TypeBarError) -> AssessmentDefinition {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .cannotRead(path: path, reason: (error as NSError).localizedFailureReason ?? "no such file, or no permission to read it")
        }
        guard data.count <= 1 << 20 else { throw .badFile(path: path, problem: "over 1 MiB: this is not an assessment config") }
        guard let text = String(data: data, encoding: .utf8) else { throw .badFile(path: path, problem: "not UTF-8 text") }
        var definition = try parse(text, path: path)
        if let directory = definition.passagesDirectory, !directory.hasPrefix("/") {
            definition.passagesDirectory = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(directory).standardizedFileURL.path
        }
        return definition
    }

    /// Parses config text (YAML, or JSON, which YAML reads too); `path` names the file in errors.
    public static func parse(_ text: String, path: String) throws(TypeBarError) -> AssessmentDefinition {
        let root: Node?
        do {
            root = try YAMLFields.compose(text)
        } catch let error as YamlError {
            throw yamlProblem(error, path: path)
        } catch {
            throw .badFile(path: path, problem: "not readable as YAML or JSON: \(error)")
        }
        guard let root else { throw .badFile(path: path, problem: "the file is empty; docs/assessments.md has a complete example") }
        guard let mapping = root.mapping else {
            throw .badLine(path: path, line: root.mark?.line ?? 1, problem: "expected fields like `name: ...` and `minutes: 3` at the top level")
        }
        var reader = ConfigReader(path: path)
        for (key, value) in mapping {
            guard let name = key.scalar?.string else { throw reader.problem(key, "a field name must be a plain word") }
            guard fields.contains(name) else {
                let guess = fields.min { editDistance($0, name) < editDistance($1, name) }
                let hint = guess.map { editDistance($0, name) <= 3 ? " (did you mean \($0)?)" : "" } ?? ""
                throw reader.problem(key, "unknown field \(quoted(name))\(hint); the fields are \(fields.joined(separator: ", "))")
            }
            reader.values[name] = value
        }
        return try reader.definition(rootLine: root.mark?.line ?? 1)
    }

    /// A YAML reader's error as typebar says it: the file, the line, and what is wrong there.
    static func yamlProblem(_ error: YamlError, path: String) -> TypeBarError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return .badLine(path: path, line: mark.line, problem: "not valid YAML: \(problem) (column \(mark.column))")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .badLine(path: path, line: context.mark.line, problem: "a field is given twice: \(duplicates.joined(separator: ", "))")
        default:
            return .badFile(path: path, problem: "not valid YAML: \(error)")
        }
    }
}

/// Turns the config's fields into rules, naming the line and field of the first value that does not fit.
private struct ConfigReader {
    let path: String
    var values: [String: Node] = [:]

    func problem(_ node: Node, _ message: String) -> TypeBarError {
        .badLine(path: path, line: node.mark?.line ?? 1, problem: message)
    }

    func definition(rootLine: Int) throws(TypeBarError) -> AssessmentDefinition {
        func missing(_ field: String, _ example: String) -> TypeBarError {
            .badLine(path: path, line: rootLine, problem: "the config has no \(field); add a line like `\(example)`")
        }
        guard let nameNode = values["name"] else { throw missing("name", "name: Acme chat support, round 1") }
        let name = try text("name", nameNode, limit: 80).trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw problem(nameNode, "field name: give the assessment a name") }

        let seconds: Double
        switch (values["minutes"], values["seconds"]) {
        case (let node?, nil): seconds = try number("minutes", node, in: 0.25...60, unit: "minutes") * 60
        case (nil, let node?): seconds = try number("seconds", node, in: 15...3600, unit: "seconds")
        case (_?, let node?): throw problem(node, "field seconds: give minutes or seconds, not both")
        case (nil, nil): throw missing("length", "minutes: 3")
        }

        var rules = AssessmentRules(name: name, seconds: seconds, bar: HiringBar())
        guard let barNode = values["bar"] else { throw missing("bar", "bar: 40") }
        rules.bar.netWPM = try number("bar", barNode, in: 1...300, unit: "net WPM")
        if let node = values["min_accuracy"] {
            rules.bar.minimumAccuracy = try number("min_accuracy", node, in: 0...100, unit: "percent")
            if rules.bar.minimumAccuracy > 0 && rules.bar.minimumAccuracy < 1 {
                throw problem(node, "field min_accuracy: a percentage like 95, not a fraction like 0.95 (0 means no accuracy rule)")
            }
        }
        if let node = values["max_errors"] { rules.maximumErrors = try whole("max_errors", node, in: 0...10_000) }
        if let node = values["backspace"] { rules.backspace = try boolean("backspace", node) }
        if let node = values["show_live"] { rules.showLiveFigures = try boolean("show_live", node) }
        if let node = values["attempts"] { rules.attempts = try whole("attempts", node, in: 1...20) }
        if let node = values["instructions"] {
            // Trailing blank lines (a YAML block keeps one) say nothing, so they do not change the hash.
            var instructions = try text("instructions", node, limit: 2000)
            while let last = instructions.last, last.isWhitespace { instructions.removeLast() }
            rules.instructions = instructions
        }

        var definition = AssessmentDefinition(rules: rules, source: path)
        if let node = values["passages"] {
            let ids = try list("passages", node)
            definition.rules.passages.ids = ids.map(\.text)
            definition.passageLines = ids.map(\.line)
        }
        if let node = values["categories"] {
            guard values["passages"] == nil else { throw problem(node, "field categories: give passages or categories, not both") }
            let categories = try list("categories", node)
            definition.rules.passages.categories = categories.map(\.text)
            definition.categoryLines = categories.map(\.line)
        }
        if let node = values["seed"] {
            guard let seed = node.scalar.flatMap({ UInt64($0.string) }) else {
                throw problem(node, "field seed: must be a whole number from 0 to \(UInt64.max) (every candidate gets the text this seed picks)")
            }
            definition.rules.passages.seed = seed
        }
        if let node = values["passages_dir"] { definition.passagesDirectory = try text("passages_dir", node, limit: 4096) }
        return definition
    }

    private func scalar(_ field: String, _ node: Node, expected: String) throws(TypeBarError) -> String {
        guard let scalar = node.scalar else { throw problem(node, "field \(field): must be \(expected), not a list or a group of fields") }
        return scalar.string.trimmingCharacters(in: .whitespaces)
    }

    private func text(_ field: String, _ node: Node, limit: Int) throws(TypeBarError) -> String {
        let value = try scalar(field, node, expected: "text")
        guard value.count <= limit else { throw problem(node, "field \(field): longer than \(limit) characters") }
        return node.scalar?.string ?? value
    }

    private func number(_ field: String, _ node: Node, in range: ClosedRange<Double>, unit: String) throws(TypeBarError) -> Double {
        let value = try scalar(field, node, expected: "a number")
        guard let number = Double(value), number.isFinite, range.contains(number) else {
            throw problem(node, "field \(field): must be a number of \(unit) from \(formatDecimal(range.lowerBound, places: range.lowerBound.rounded() == range.lowerBound ? 0 : 2)) to \(formatDecimal(range.upperBound, places: 0)), not \(quoted(value))")
        }
        return number
    }

    private func whole(_ field: String, _ node: Node, in range: ClosedRange<Int>) throws(TypeBarError) -> Int {
        let value = try scalar(field, node, expected: "a whole number")
        guard let number = Int(value), range.contains(number) else {
            throw problem(node, "field \(field): must be a whole number from \(range.lowerBound) to \(range.upperBound), not \(quoted(value))")
        }
        return number
    }

    private func boolean(_ field: String, _ node: Node) throws(TypeBarError) -> Bool {
        let value = try scalar(field, node, expected: "true or false")
        switch value.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw problem(node, "field \(field): must be true or false, not \(quoted(value))")
        }
    }

    private func list(_ field: String, _ node: Node) throws(TypeBarError) -> [(text: String, line: Int)] {
        let items: [Node]
        if let sequence = node.sequence {
            items = Array(sequence)
        } else if node.scalar != nil {
            items = [node]
        } else {
            throw problem(node, "field \(field): must be a list, like [billing, shipping]")
        }
        guard !items.isEmpty else { throw problem(node, "field \(field): the list is empty; leave the field out to use every passage") }
        var result: [(text: String, line: Int)] = []
        for item in items {
            let value = try scalar(field, item, expected: "a list of names")
            guard !value.isEmpty else { throw problem(item, "field \(field): an entry is empty") }
            result.append((value, item.mark?.line ?? node.mark?.line ?? 1))
        }
        return result
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
