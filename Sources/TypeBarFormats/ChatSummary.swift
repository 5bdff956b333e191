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
    /// The targets besides the record's bar and minimum accuracy, so a rescore judges the same way.
    public var maxFirstResponse: Double = 60
    public var maxAbandoned: Int = 0
    public var maxWrongDetails: Int = 0
    /// Targets set beyond the mode's defaults (an assessment's), so a rescore judges the same way.
    public var minJudgement: Double?
    public var minSatisfaction: Double?
    public var maxMissedActions: Int?
    public var minWriting: Double?
    /// Free mode's writing score, 0-100.
    public var writing: Double?
    /// Judgement 0-100 (desk mode), the mean satisfaction rating 1-5, the percentage of customers rated 4 or 5,
    /// and the percentage of customers resolved; nil when there is nothing to measure (and in records written
    /// before these figures existed).
    public var judgement: Double?
    public var satisfaction: Double?
    public var satisfied: Double?
    public var resolution: Double?
    /// Customers transferred to another team; expected actions, and how many were right.
    public var transferred = 0
    public var actionsExpected = 0
    public var actionsRight = 0

    /// The shift's targets: these and the record's bar and minimum accuracy.
    public func targets(bar: Double, minReplyAccuracy: Double) -> ChatTargets {
        ChatTargets(
            maxFirstResponse: maxFirstResponse, maxAbandoned: maxAbandoned, minReplyAccuracy: minReplyAccuracy, maxWrongDetails: maxWrongDetails,
            bar: bar, minJudgement: minJudgement, minSatisfaction: minSatisfaction, maxMissedActions: maxMissedActions, minWriting: minWriting)
    }

    /// The `chat` object of a history record.
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writeFields(to: &writer)
        writer.endObject()
    }

    /// The record's chat fields, inside an object the caller opened: `typebar score --json` writes its details
    /// after them, so the figures a record keeps and the figures a rescore prints are written once, here.
    public func writeFields(to writer: inout JSONWriter) {
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
        writer.key("max_first_response"); writer.number(maxFirstResponse)
        writer.key("max_abandoned"); writer.int(maxAbandoned)
        writer.key("max_wrong_details"); writer.int(maxWrongDetails)
        // Each written when it has a value, so records of shifts without them stay as they were.
        let optional: [(String, Double?)] = [
            ("judgement", judgement), ("satisfaction", satisfaction), ("satisfied_percent", satisfied), ("resolution_percent", resolution),
            ("min_judgement", minJudgement), ("min_satisfaction", minSatisfaction), ("max_missed_actions", maxMissedActions.map(Double.init)),
            ("writing", writing), ("min_writing", minWriting),
        ]
        for (key, value) in optional { if let value { writer.key(key); writer.number(value) } }
        if transferred > 0 { writer.key("transferred"); writer.int(transferred) }
        if actionsExpected > 0 || actionsRight > 0 {
            writer.key("actions_expected"); writer.int(actionsExpected)
            writer.key("actions_right"); writer.int(actionsRight)
        }
    }

    /// Reads the object at the cursor with the byte-level reader (numbers exactly as written, so a signed record
    /// reads back to the content it was signed over), every number bounded; the message says what is wrong.
    static func read(_ cursor: inout JSONCursor) throws(LineProblem) -> ChatSummary {
        guard cursor.peek() == UInt8(ascii: "{") else { throw LineProblem("\"chat\" must be an object") }
        var texts: [String: String] = [:]
        var numbers: [String: Double?] = [:]
        var leftEarly: Bool?
        var missed: [String]?
        try cursor.members(of: "\"chat\"", name: { (cursor: inout JSONCursor) throws(LineProblem) in try cursor.text("chat") }) { (cursor: inout JSONCursor, key: String) throws(LineProblem) in
            switch key {
            case "scenario", "mode", "seed":
                texts[key] = try cursor.text("chat: \(key)")
            case "left_early":
                let value = cursor.peek()
                guard value == UInt8(ascii: "t") || value == UInt8(ascii: "f") else { throw LineProblem("\"chat\": \"left_early\" must be true or false") }
                try cursor.skipValue(depth: 2)
                leftEarly = value == UInt8(ascii: "t")
            case "missed_targets":
                guard cursor.peek() == UInt8(ascii: "[") else { throw LineProblem("\"chat\": \"missed_targets\" must be a list of names") }
                cursor.index += 1
                var names: [String] = []
                while true {
                    cursor.skipWhitespace()
                    if cursor.peek() == UInt8(ascii: "]") { cursor.index += 1; break }
                    if !names.isEmpty {
                        guard cursor.peek() == UInt8(ascii: ",") else { throw LineProblem("\"chat\": \"missed_targets\" must be a list of names") }
                        cursor.index += 1
                        cursor.skipWhitespace()
                    }
                    names.append(try cursor.text("chat: missed_targets"))
                }
                missed = names
            default:
                if cursor.peek() == UInt8(ascii: "n") {
                    try cursor.skipValue(depth: 2)
                    numbers[key] = .some(nil)
                } else {
                    guard cursor.peek() == UInt8(ascii: "-") || cursor.isDigit(cursor.peek()) else {
                        throw LineProblem("\"chat\": \"\(key)\" must be a number")
                    }
                    numbers[key] = try cursor.number()
                }
            }
        }
        func text(_ key: String) throws(LineProblem) -> String {
            guard let value = texts[key], value.count <= 4096 else { throw LineProblem("\"chat\": \"\(key)\" must be a string") }
            return value
        }
        func count(_ key: String, required: Bool = true) throws(LineProblem) -> Int {
            guard let stored = numbers[key] else {
                if required { throw LineProblem("\"chat\" has no \"\(key)\"") }
                return 0
            }
            guard let value = stored, value.rounded() == value, (0...100_000).contains(value) else {
                throw LineProblem("\"chat\": \"\(key)\" must be a whole number from 0 to 100000")
            }
            return Int(value)
        }
        func number(_ key: String, in range: ClosedRange<Double> = 0...86_400) throws(LineProblem) -> Double? {
            guard let stored = numbers[key], let value = stored else { return nil }
            guard value.isFinite, range.contains(value) else {
                throw LineProblem("\"chat\": \"\(key)\" must be null or a number from \(jsonNumber(range.lowerBound)) to \(jsonNumber(range.upperBound))")
            }
            return value
        }
        guard let leftEarly else { throw LineProblem("\"chat\": \"left_early\" must be true or false") }
        guard let missed else { throw LineProblem("\"chat\": \"missed_targets\" must be a list of names") }
        var summary = ChatSummary(
            scenario: try text("scenario"), mode: try text("mode"), seed: try text("seed"), customers: try count("customers"),
            served: try count("served"), abandoned: try count("abandoned"), notServed: try count("not_served"), replies: try count("replies"),
            wrongDetails: try count("wrong_details"), effectiveWPM: try number("effective_wpm", in: 0...10_000) ?? 0,
            keystrokesSaved: try count("keystrokes_saved"), leftEarly: leftEarly, missedTargets: missed)
        summary.medianFirstResponse = try number("median_first_response_seconds")
        summary.worstFirstResponse = try number("worst_first_response_seconds")
        summary.averageWait = try number("average_wait_seconds")
        summary.worstWait = try number("worst_wait_seconds")
        summary.replyAccuracy = try number("reply_accuracy", in: 0...100)
        summary.maxFirstResponse = try number("max_first_response", in: 1...3600) ?? 60
        summary.maxAbandoned = try count("max_abandoned", required: false)
        summary.maxWrongDetails = try count("max_wrong_details", required: false)
        summary.judgement = try number("judgement", in: 0...100)
        summary.satisfaction = try number("satisfaction", in: 1...5)
        summary.satisfied = try number("satisfied_percent", in: 0...100)
        summary.resolution = try number("resolution_percent", in: 0...100)
        summary.minJudgement = try number("min_judgement", in: 0...100)
        summary.minSatisfaction = try number("min_satisfaction", in: 0...100)
        summary.maxMissedActions = numbers["max_missed_actions"] == nil ? nil : try count("max_missed_actions")
        summary.writing = try number("writing", in: 0...100)
        summary.minWriting = try number("min_writing", in: 0...100)
        summary.transferred = try count("transferred", required: false)
        summary.actionsExpected = try count("actions_expected", required: false)
        summary.actionsRight = try count("actions_right", required: false)
        return summary
    }

    public init(
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
        return try ChatSummary.read(&self)
    }
}
