import Foundation
import TypeBarCore
internal import Yams

/// An assessment on the chat desk (`mode: chat` in an assessment config, docs/chat.md): one scenario with a
/// fixed seed, so every candidate meets the same customers with the same details, judged by the trainer's targets.
public struct ChatAssessment: Sendable {
    public var name: String
    /// The scenario as the config names it: a built-in id, or a file relative to the config.
    public var scenarioReference: String
    public var scenario: ScenarioFile
    public var mode: ChatShift.Mode
    public var seed: UInt64
    public var chats: Int?
    public var targets: ChatTargets
    public var attempts: Int
    public var instructions: String
    /// The config file, for messages.
    public var source: String

    static let fields = [
        "name", "mode", "scenario", "chat_mode", "seed", "chats", "max_first_response", "max_abandoned",
        "min_reply_accuracy", "max_wrong_details", "bar", "min_judgement", "min_satisfaction", "max_missed_actions", "min_writing",
        "attempts", "instructions",
    ]

    /// The rules as one JSON object in a fixed order, with the scenario file's hash: what `config_sha256` is
    /// taken over, so a changed scenario is a different assessment.
    public var canonicalJSON: String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("name"); writer.string(name)
        writer.key("mode"); writer.string("chat")
        writer.key("scenario"); writer.string(scenario.id)
        writer.key("scenario_sha256"); writer.string(HistoryRecord.sha256(scenario.sourceText))
        writer.key("chat_mode"); writer.string(mode.rawValue)
        writer.key("seed"); writer.string(String(seed))
        writer.key("chats"); if let chats { writer.int(chats) } else { writer.null() }
        writer.key("max_first_response"); writer.number(targets.maxFirstResponse)
        writer.key("max_abandoned"); writer.int(targets.maxAbandoned)
        writer.key("min_reply_accuracy"); writer.number(targets.minReplyAccuracy)
        writer.key("max_wrong_details"); writer.int(targets.maxWrongDetails)
        writer.key("bar"); writer.number(targets.bar)
        // Written only when given, so the rules of a config without them hash as they always have.
        if let judgement = targets.minJudgement { writer.key("min_judgement"); writer.number(judgement) }
        if let satisfaction = targets.minSatisfaction { writer.key("min_satisfaction"); writer.number(satisfaction) }
        if let actions = targets.maxMissedActions { writer.key("max_missed_actions"); writer.int(actions) }
        if let writing = targets.minWriting { writer.key("min_writing"); writer.number(writing) }
        writer.key("attempts"); writer.int(attempts)
        writer.key("instructions"); writer.string(instructions)
        writer.endObject()
        return writer.text
    }

    public var configHash: String { HistoryRecord.sha256(canonicalJSON) }

    /// The rules in one line.
    public var summary: String {
        "chat desk, \(scenario.name) (\(mode.rawValue), seed \(seed)): first reply within \(ChatResult.shownSeconds(targets.maxFirstResponse)) s, "
            + "\(ChatTargets.abandonedRule(targets.maxAbandoned)), \(formatDecimal(targets.minReplyAccuracy, places: 1)) % reply accuracy, "
            + "\(ChatTargets.wrongDetailsRule(targets.maxWrongDetails)), \(formatDecimal(targets.bar, places: 0)) net WPM, "
            + (attempts == 1 ? "1 attempt" : "\(attempts) attempts")
    }

    /// Whether the config at `path` says `mode: chat` (a config that cannot be read is left to the usual reader).
    public static func isChatConfig(path: String) -> Bool {
        guard let text = try? YAMLFields.fileText(at: path, kind: "an assessment config"),
              let root = try? YAMLFields.compose(text), let mapping = root.mapping else { return false }
        return mapping.contains { $0.key.scalar?.string == "mode" && $0.value.scalar?.string == "chat" }
    }

    public static func load(path: String) throws(TypeBarError) -> ChatAssessment {
        try parse(YAMLFields.fileText(at: path, kind: "an assessment config"), path: path)
    }

    public static func parse(_ text: String, path: String) throws(TypeBarError) -> ChatAssessment {
        let root = try YAMLFields.root(text, path: path, example: "docs/chat.md has an example assessment")
        let fields = try YAMLFields(root, path: path, context: "assessment", known: ChatAssessment.fields)
        guard let modeNode = fields["mode"], (try fields.scalar("mode", modeNode, expected: "chat")) == "chat" else {
            throw fields.missing("mode", example: "mode: chat")
        }
        let name = try fields.text("name", limit: 80, required: "name: Acme chat desk, round 1")!
        let reference = try fields.text("scenario", limit: 4096, required: "scenario: late-parcels")!
        let scenario: ScenarioFile
        do {
            if reference.contains("/") || reference.hasSuffix(".yaml") || reference.hasSuffix(".yml") {
                let resolved = reference.hasPrefix("/") ? reference
                    : URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(reference).standardizedFileURL.path
                scenario = try ScenarioCatalog.load(path: resolved)
            } else {
                scenario = try ScenarioCatalog.builtIn(reference)
            }
        } catch {
            if case .usage(let message) = error { throw fields.problem(fields["scenario"]!, "scenario", message) }
            throw error
        }
        var mode = ChatShift.Mode.template
        if let node = fields["chat_mode"] {
            let value = try fields.scalar("chat_mode", node, expected: "guided, template, macros, desk or free")
            guard let parsed = ChatShift.Mode(rawValue: value) else { throw fields.problem(node, "chat_mode", "must be guided, template, macros, desk or free, not \(quoted(value))") }
            mode = parsed
        }
        let seed = try fields.whole("seed", in: 0...UInt64.max, unit: nil) ?? 1
        var targets = ChatTargets()
        targets.maxFirstResponse = try fields.number("max_first_response", in: 5...600, unit: "seconds") ?? targets.maxFirstResponse
        targets.maxAbandoned = try fields.whole("max_abandoned", in: 0...20, unit: "customers") ?? targets.maxAbandoned
        targets.minReplyAccuracy = try fields.number("min_reply_accuracy", in: 0...100, unit: "percent") ?? targets.minReplyAccuracy
        targets.maxWrongDetails = try fields.whole("max_wrong_details", in: 0...100, unit: "wrong details") ?? targets.maxWrongDetails
        targets.bar = try fields.number("bar", in: 1...300, unit: "net WPM") ?? targets.bar
        targets.minJudgement = try fields.number("min_judgement", in: 0...100, unit: "points of judgement")
        targets.minSatisfaction = try fields.number("min_satisfaction", in: 0...100, unit: "percent of customers rated 4 or 5")
        targets.maxMissedActions = try fields.whole("max_missed_actions", in: 0...100, unit: "actions")
        targets.minWriting = try fields.number("min_writing", in: 0...100, unit: "points of writing")
        var instructions = try fields.text("instructions", limit: 2000) ?? ""
        while let last = instructions.last, last.isWhitespace { instructions.removeLast() }
        return ChatAssessment(
            name: name, scenarioReference: reference, scenario: scenario, mode: mode, seed: seed,
            chats: try fields.whole("chats", in: ScenarioFile.Limits.chats, unit: "chats at once"),
            targets: targets, attempts: try fields.whole("attempts", in: 1...20, unit: "attempts") ?? 1,
            instructions: instructions, source: path)
    }
}

extension HistoryRecord {
    /// The record of a chat assessment attempt: the shift's record with the candidate, the assessment, the hash of
    /// its rules, the attempt, and a PASS or FAIL verdict.
    public init(id: String, time: Double, chat result: ChatResult, assessment: ChatAssessment, candidate: String, attempt: Int) {
        self.init(id: id, time: time, chat: result, seed: assessment.seed, scenarioName: assessment.scenario.name)
        self.candidate = candidate
        self.assessment = assessment.name
        configHash = assessment.configHash
        self.attempt = attempt
        attempts = assessment.attempts
        let missed = result.missedTargets
        verdict = (missed.isEmpty ? "PASS: " : "FAIL: ") + "\(result.served)/\(result.customers.count) served, first reply median "
            + (result.medianFirstResponse.map { "\(ChatResult.shownSeconds($0)) s" } ?? "–")
            + ", \(formatDecimal(result.replyAccuracy ?? 0, places: 1)) % reply accuracy, \(formatDecimal(result.netWPM ?? 0, places: 0)) net WPM"
            + (missed.isEmpty ? "" : " (" + missed.map(\.description).joined(separator: "; ") + ")")
    }
}
