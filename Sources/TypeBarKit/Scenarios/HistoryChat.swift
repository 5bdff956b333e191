import Foundation
import TypeBarCore

/// The chat figures a history record of a chat shift keeps (`"chat": {…}` in the record, docs/chat.md).
public struct ChatSummary: Equatable, Sendable {
    public var scenario: String
    public var mode: String
    public var seed: String
    public var customers: Int
    public var served: Int
    public var abandoned: Int
    public var notServed: Int
    public var medianFirstResponse: Double?
    public var worstFirstResponse: Double?
    public var averageWait: Double?
    public var worstWait: Double?
    public var replies: Int
    public var replyAccuracy: Double?
    public var wrongDetails: Int
    public var effectiveWPM: Double
    public var keystrokesSaved: Int
    public var leftEarly: Bool
    /// The targets missed, each as its name (`first_response`, `abandoned`…).
    public var missedTargets: [String]

    public init(_ result: ChatResult, seed: UInt64) {
        scenario = result.scenario
        mode = result.mode.rawValue
        self.seed = String(seed)
        customers = result.customers.count
        served = result.served
        abandoned = result.abandoned
        notServed = result.unserved
        medianFirstResponse = result.medianFirstResponse
        worstFirstResponse = result.worstFirstResponse
        averageWait = result.averageWait
        worstWait = result.worstWait
        replies = result.replyCount
        replyAccuracy = result.replyAccuracy
        wrongDetails = result.wrongDetails
        effectiveWPM = result.effectiveWPM
        keystrokesSaved = result.keystrokesSaved
        leftEarly = result.leftEarly
        missedTargets = result.missedTargets.map(\.kind.rawValue)
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("scenario"); writer.string(scenario)
        writer.key("mode"); writer.string(mode)
        writer.key("seed"); writer.string(seed)
        writer.key("customers"); writer.int(customers)
        writer.key("served"); writer.int(served)
        writer.key("abandoned"); writer.int(abandoned)
        writer.key("not_served"); writer.int(notServed)
        writer.key("median_first_response_seconds"); writer.number(medianFirstResponse)
        writer.key("worst_first_response_seconds"); writer.number(worstFirstResponse)
        writer.key("average_wait_seconds"); writer.number(averageWait)
        writer.key("worst_wait_seconds"); writer.number(worstWait)
        writer.key("replies"); writer.int(replies)
        writer.key("reply_accuracy"); writer.number(replyAccuracy)
        writer.key("wrong_details"); writer.int(wrongDetails)
        writer.key("effective_wpm"); writer.number(effectiveWPM)
        writer.key("keystrokes_saved"); writer.int(keystrokesSaved)
        writer.key("left_early"); writer.bool(leftEarly)
        writer.key("missed_targets"); writer.value(.array(missedTargets.map { .string($0) }))
        writer.endObject()
    }

    /// Reads the object from its JSON, every number bounded; the message says what is wrong.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>) throws(LineProblem) -> ChatSummary {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(buffer: bytes))) as? [String: Any] else {
            throw LineProblem("\"chat\" must be an object")
        }
        func text(_ key: String) throws(LineProblem) -> String {
            guard let value = object[key] as? String, value.count <= 200 else { throw LineProblem("\"chat\": \"\(key)\" must be a string") }
            return value
        }
        func count(_ key: String) throws(LineProblem) -> Int {
            guard let value = object[key].flatMap(jsonNumericValue), value.rounded() == value, (0...100_000).contains(value) else {
                throw LineProblem("\"chat\": \"\(key)\" must be a whole number from 0 to 100000")
            }
            return Int(value)
        }
        func seconds(_ key: String, in range: ClosedRange<Double> = 0...86_400) throws(LineProblem) -> Double? {
            guard let value = object[key], !(value is NSNull) else { return nil }
            guard let number = jsonNumericValue(value), range.contains(number) else {
                throw LineProblem("\"chat\": \"\(key)\" must be null or a number from \(jsonNumber(range.lowerBound)) to \(jsonNumber(range.upperBound))")
            }
            return number
        }
        guard let leftEarly = object["left_early"] as? Bool, jsonNumericValue(object["left_early"] as Any) == nil else {
            throw LineProblem("\"chat\": \"left_early\" must be true or false")
        }
        guard let missed = object["missed_targets"] as? [String] else { throw LineProblem("\"chat\": \"missed_targets\" must be a list of names") }
        var summary = ChatSummary(
            scenario: try text("scenario"), mode: try text("mode"), seed: try text("seed"), customers: try count("customers"),
            served: try count("served"), abandoned: try count("abandoned"), notServed: try count("not_served"), replies: try count("replies"),
            wrongDetails: try count("wrong_details"), effectiveWPM: try seconds("effective_wpm", in: 0...10_000) ?? 0,
            keystrokesSaved: try count("keystrokes_saved"), leftEarly: leftEarly, missedTargets: missed)
        summary.medianFirstResponse = try seconds("median_first_response_seconds")
        summary.worstFirstResponse = try seconds("worst_first_response_seconds")
        summary.averageWait = try seconds("average_wait_seconds")
        summary.worstWait = try seconds("worst_wait_seconds")
        summary.replyAccuracy = try seconds("reply_accuracy", in: 0...100)
        return summary
    }

    private init(
        scenario: String, mode: String, seed: String, customers: Int, served: Int, abandoned: Int, notServed: Int, replies: Int,
        wrongDetails: Int, effectiveWPM: Double, keystrokesSaved: Int, leftEarly: Bool, missedTargets: [String]
    ) {
        self.scenario = scenario
        self.mode = mode
        self.seed = seed
        self.customers = customers
        self.served = served
        self.abandoned = abandoned
        self.notServed = notServed
        self.replies = replies
        self.wrongDetails = wrongDetails
        self.effectiveWPM = effectiveWPM
        self.keystrokesSaved = keystrokesSaved
        self.leftEarly = leftEarly
        self.missedTargets = missedTargets
    }
}

extension JSONCursor {
    /// The `chat` object of a history record.
    mutating func chatSummary() throws(LineProblem) -> ChatSummary? {
        if peek() == UInt8(ascii: "n") {
            try skipValue(depth: 1)
            return nil
        }
        let start = index
        try skipValue(depth: 1)
        return try ChatSummary.read(UnsafeBufferPointer(rebasing: bytes[start..<index]))
    }
}

extension HistoryRecord {
    /// The record of a chat shift: the chat figures in `chat`, and in the shared fields what they mean for any
    /// result (net WPM while typing, reply accuracy, the targets as the bar, the verdict).
    public init(id: String, time: Double, chat result: ChatResult, seed: UInt64, scenarioName: String) {
        self.init()
        self.id = id
        self.time = time
        mode = .chat
        passages = [result.scenario]
        textHash = HistoryRecord.sha256("chat \(result.scenario) seed \(seed)")
        textCharacters = result.replies.reduce(0) { $0 + $1.expectedCharacters }
        timeLimit = nil
        elapsedSeconds = result.shiftSeconds
        completed = !result.leftEarly
        characters = result.sentCharacters
        netWPM = result.netWPM ?? 0
        grossWPM = result.typingSeconds > 0 ? (Double(result.replies.reduce(0) { $0 + max(0, $1.characters - $1.cannedCharacters) }) / 5) / (result.typingSeconds / 60) : 0
        accuracy = result.replyAccuracy ?? 0
        uncorrectedErrors = result.uncorrectedErrors
        barWPM = result.targets.bar
        minimumAccuracy = result.targets.minReplyAccuracy
        meetsBar = result.meetsTargets
        let missed = result.missedTargets
        verdict = "\(scenarioName): \(result.served)/\(result.customers.count) served, first reply median "
            + (result.medianFirstResponse.map { formatDecimal($0, places: 0) + " s" } ?? "–")
            + (missed.isEmpty ? ": meets every target" : "; missed: " + missed.map(\.description).joined(separator: "; "))
        if result.leftEarly {
            flags = [Flag(name: "left_early", atSeconds: result.shiftSeconds, detail: "ended the shift early at \(formatDecimal(result.shiftSeconds, places: 0)) s; customers still waiting count as not served")]
        }
        chat = ChatSummary(result, seed: seed)
        typebarVersion = TypeBarVersion.current
    }
}

/// One chat shift as the response-time section of `typebar stats` sees it.
public struct ChatShiftPoint: Equatable, Sendable {
    public var time: Double
    public var scenario: String
    public var medianFirstResponse: Double?
    public var worstFirstResponse: Double?
    public var served: Int
    public var customers: Int
    public var abandoned: Int
    public var meetsTargets: Bool

    public init(time: Double, _ chat: ChatSummary) {
        self.time = time
        scenario = chat.scenario
        medianFirstResponse = chat.medianFirstResponse
        worstFirstResponse = chat.worstFirstResponse
        served = chat.served
        customers = chat.customers
        abandoned = chat.abandoned
        meetsTargets = chat.missedTargets.isEmpty
    }

    public init(time: Double, scenario: String, medianFirstResponse: Double?, worstFirstResponse: Double?, served: Int, customers: Int, abandoned: Int, meetsTargets: Bool) {
        self.time = time
        self.scenario = scenario
        self.medianFirstResponse = medianFirstResponse
        self.worstFirstResponse = worstFirstResponse
        self.served = served
        self.customers = customers
        self.abandoned = abandoned
        self.meetsTargets = meetsTargets
    }
}
