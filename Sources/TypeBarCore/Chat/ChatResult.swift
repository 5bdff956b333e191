/// The targets a chat shift is judged against. Defaults follow help-desk benchmarks: a first reply within a
/// minute, nobody left waiting until they leave, replies at least 95 % accurate, no detail wrong, and typing at
/// the hiring bar.
public struct ChatTargets: Equatable, Sendable {
    /// Seconds from a customer's arrival to the first reply, for every customer answered.
    public var maxFirstResponse: Double = 60
    public var maxAbandoned: Int = 0
    /// Percent.
    public var minReplyAccuracy: Double = 95
    public var maxWrongDetails: Int = 0
    /// Net WPM while typing replies.
    public var bar: Double = 40

    public init(maxFirstResponse: Double = 60, maxAbandoned: Int = 0, minReplyAccuracy: Double = 95, maxWrongDetails: Int = 0, bar: Double = 40) {
        self.maxFirstResponse = maxFirstResponse
        self.maxAbandoned = maxAbandoned
        self.minReplyAccuracy = minReplyAccuracy
        self.maxWrongDetails = maxWrongDetails
        self.bar = bar
    }
}

/// A target the shift missed, and by how much.
public struct MissedTarget: Equatable, Sendable {
    public enum Kind: String, Sendable {
        case firstResponse = "first_response"
        case abandoned
        /// Customers still waiting (or not yet arrived) when the shift ended.
        case notServed = "not_served"
        case replyAccuracy = "reply_accuracy"
        case wrongDetails = "wrong_details"
        case netWPM = "net_wpm"
    }

    public var kind: Kind
    /// The figure and the target, in the target's unit.
    public var actual: Double
    public var target: Double
    /// One line: "worst first response 74 s: 14 s over the 60 s target".
    public var description: String
}

/// How one sent reply compares with the reply expected.
public struct ReplyFigures: Equatable, Sendable {
    public var customer: Int
    public var turn: Int
    public var text: String
    public var expected: String
    /// Characters sent and characters expected.
    public var characters: Int
    public var expectedCharacters: Int
    /// Edit distance from the sent reply to the whole expected reply.
    public var errors: Int
    /// 100 × (1 − errors / max(sent, expected)).
    public var accuracy: Double
    /// The blanks whose value is missing from the reply (a refund sent to the wrong order).
    public var wrongDetails: [String]
    /// Milliseconds from the first key on the reply to its send.
    public var firstKey: Double
    public var sentAt: Double
    public var keystrokes: Int
    /// Characters a macro inserted; the rest the agent typed.
    public var cannedCharacters: Int
    public var keystrokesSaved: Int
}

/// How one customer fared.
public struct CustomerFigures: Equatable, Sendable {
    public enum Outcome: String, Sendable {
        case served
        case abandoned
        /// Still in a chat or the queue when the shift ended.
        case unserved
        /// Never arrived before the shift ended.
        case notArrived = "not_arrived"
    }

    public var name: String
    public var outcome: Outcome
    /// Seconds from arrival to the first reply; nil when never answered.
    public var firstResponse: Double?
    /// Seconds from arrival to the last reply, for a customer served.
    public var handleTime: Double?
    public var replies: Int
    public var turns: Int
}

/// Every figure of a chat shift (docs/chat.md has the formulas), and the verdict against the targets.
public struct ChatResult: Equatable, Sendable {
    public var scenario: String
    public var mode: ChatShift.Mode
    public var ending: ChatShift.Ending
    /// Seconds from the start of the shift to its end.
    public var shiftSeconds: Double
    public var customers: [CustomerFigures]
    public var replies: [ReplyFigures]
    public var targets: ChatTargets

    public var served: Int { customers.filter { $0.outcome == .served }.count }
    public var abandoned: Int { customers.filter { $0.outcome == .abandoned }.count }
    public var unserved: Int { customers.filter { $0.outcome == .unserved || $0.outcome == .notArrived }.count }
    public var leftEarly: Bool { ending == .leftEarly }

    /// Per customer, in scenario order; nil for one never answered.
    public var firstResponses: [Double?] { customers.map(\.firstResponse) }
    public var medianFirstResponse: Double? { median(customers.compactMap(\.firstResponse)) }
    public var worstFirstResponse: Double? { customers.compactMap(\.firstResponse).max() }

    /// Every wait for a reply, in seconds, answered or not (a customer who left waited until they left).
    public var waits: [Double]
    public var averageWait: Double? { waits.isEmpty ? nil : waits.reduce(0, +) / Double(waits.count) }
    public var worstWait: Double? { waits.max() }

    public var replyCount: Int { replies.count }
    public var sentCharacters: Int { replies.reduce(0) { $0 + $1.characters } }
    public var uncorrectedErrors: Int { replies.reduce(0) { $0 + $1.errors } }
    /// 100 × (1 − Σ errors / Σ max(sent, expected)) over the replies sent; nil when none was.
    public var replyAccuracy: Double? {
        let base = replies.reduce(0) { $0 + max($1.characters, $1.expectedCharacters) }
        return base == 0 ? nil : 100 * (1 - Double(uncorrectedErrors) / Double(base))
    }
    public var wrongDetails: Int { replies.reduce(0) { $0 + $1.wrongDetails.count } }
    public var keystrokesSaved: Int { replies.reduce(0) { $0 + $1.keystrokesSaved } }

    /// Seconds spent typing: the union of every sent reply's span from its first key to its send, so typing
    /// two drafts in turn is not counted twice, and reading and switching between replies do not count.
    public var typingSeconds: Double {
        let spans = replies.map { ($0.firstKey, $0.sentAt) }.sorted { $0.0 < $1.0 }
        var total = 0.0
        var current: (Double, Double)?
        for span in spans {
            if let open = current, span.0 <= open.1 {
                current = (open.0, max(open.1, span.1))
            } else {
                if let open = current { total += open.1 - open.0 }
                current = span
            }
        }
        if let open = current { total += open.1 - open.0 }
        return total / 1000
    }

    /// Characters the agent typed in the replies sent, not those a macro inserted.
    public var typedCharacters: Int { replies.reduce(0) { $0 + max(0, $1.characters - $1.cannedCharacters) } }

    /// Net WPM over the typing time, counting the characters the agent typed:
    /// (typed / 5 − errors) / (typing seconds / 60), never below zero; nil without typing time.
    public var netWPM: Double? {
        let seconds = typingSeconds
        guard seconds > 0 else { return nil }
        return max(0, (Double(typedCharacters) / 5 - Double(uncorrectedErrors)) / (seconds / 60))
    }

    /// Gross WPM over the typing time: (typed / 5) / (typing seconds / 60); nil without typing time.
    public var grossWPM: Double? {
        let seconds = typingSeconds
        guard seconds > 0 else { return nil }
        return (Double(typedCharacters) / 5) / (seconds / 60)
    }

    /// Reply characters sent per minute of the shift, in five-character words: (sent / 5) / (shift seconds / 60).
    public var effectiveWPM: Double {
        shiftSeconds > 0 ? (Double(sentCharacters) / 5) / (shiftSeconds / 60) : 0
    }

    /// The targets missed, in a fixed order; empty when the shift meets them all.
    public var missedTargets: [MissedTarget] {
        var missed: [MissedTarget] = []
        if let worst = worstFirstResponse, worst > targets.maxFirstResponse {
            missed.append(MissedTarget(
                kind: .firstResponse, actual: worst, target: targets.maxFirstResponse,
                description: "worst first response \(seconds(worst)): \(seconds(worst - targets.maxFirstResponse, up: true)) over the \(seconds(targets.maxFirstResponse)) target"))
        }
        if abandoned > targets.maxAbandoned {
            missed.append(MissedTarget(
                kind: .abandoned, actual: Double(abandoned), target: Double(targets.maxAbandoned),
                description: "\(abandoned) customer\(abandoned == 1 ? "" : "s") left unanswered: the target is at most \(targets.maxAbandoned)"))
        }
        if unserved > 0 {
            missed.append(MissedTarget(
                kind: .notServed, actual: Double(unserved), target: 0,
                description: "\(unserved) customer\(unserved == 1 ? "" : "s") not served by the end of the shift: every customer should be"))
        }
        let accuracy = replyAccuracy ?? 0
        if accuracy < targets.minReplyAccuracy {
            missed.append(MissedTarget(
                kind: .replyAccuracy, actual: accuracy, target: targets.minReplyAccuracy,
                description: replies.isEmpty ? "no reply sent: reply accuracy needs at least one"
                    : "reply accuracy \(formatDecimal(accuracy, places: 1)) %: \(formatDecimal(((targets.minReplyAccuracy - accuracy) * 10).rounded(.up) / 10, places: 1)) points under the \(formatDecimal(targets.minReplyAccuracy, places: 0)) % target"))
        }
        if wrongDetails > targets.maxWrongDetails {
            missed.append(MissedTarget(
                kind: .wrongDetails, actual: Double(wrongDetails), target: Double(targets.maxWrongDetails),
                description: "\(wrongDetails) wrong detail\(wrongDetails == 1 ? "" : "s"): the target is at most \(targets.maxWrongDetails)"))
        }
        let speed = netWPM ?? 0
        if speed < targets.bar {
            missed.append(MissedTarget(
                kind: .netWPM, actual: speed, target: targets.bar,
                description: "net \(formatDecimal(speed, places: 0)) WPM while typing: \(formatDecimal((targets.bar - speed).rounded(.up), places: 0)) short of the \(formatDecimal(targets.bar, places: 0)) WPM bar"))
        }
        return missed
    }

    public var meetsTargets: Bool { missedTargets.isEmpty }

    private func seconds(_ value: Double, up: Bool = false) -> String {
        formatDecimal(up ? value.rounded(.up) : value, places: 0) + " s"
    }
}

/// The middle value, or the mean of the two middle values; nil for none.
func median(_ values: [Double]) -> Double? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

extension ChatShift {
    /// The figures of the shift so far (final once it is over), judged against `targets`.
    public func result(targets: ChatTargets = ChatTargets()) -> ChatResult {
        let end = ending?.time ?? now
        var customerFigures: [CustomerFigures] = []
        for (index, customer) in customers.enumerated() {
            let outcome: CustomerFigures.Outcome
            var handle: Double?
            switch customer.status {
            case .served(let at):
                outcome = .served
                handle = (at - customer.arrival) / 1000
            case .left: outcome = .abandoned
            case .expected: outcome = .notArrived
            case .queued, .waiting, .typing: outcome = .unserved
            }
            customerFigures.append(CustomerFigures(
                name: customer.script.name, outcome: outcome,
                firstResponse: customer.firstReply.map { ($0 - customer.arrival) / 1000 },
                handleTime: handle, replies: replies.filter { $0.customer == index }.count, turns: customer.script.turns.count))
        }
        var allWaits = waits.map(\.seconds)
        if ending == nil {
            // A shift still running: the waits still open count up to now.
            for customer in customers { if let since = customer.waitingSince { allWaits.append((end - since) / 1000) } }
        }
        return ChatResult(
            scenario: scenario.id, mode: mode, ending: ending?.reason ?? .leftEarly, shiftSeconds: end / 1000,
            customers: customerFigures, replies: replies.map(ChatShift.figures), targets: targets, waits: allWaits)
    }

    static func figures(_ reply: SentReply) -> ReplyFigures {
        let target = TargetText(reply.expected)
        var aligner = PrefixAligner(target: target.codes)
        for character in reply.text { aligner.append(target.code(for: character)) }
        let errors = aligner.wholeTargetErrors
        let characters = reply.text.count
        let base = max(characters, target.count)
        let wrong = reply.details.filter { !contains(reply.text, detail: $0.value) }.map(\.name)
        return ReplyFigures(
            customer: reply.customer, turn: reply.turn, text: reply.text, expected: reply.expected,
            characters: characters, expectedCharacters: target.count, errors: errors,
            accuracy: base == 0 ? 0 : 100 * (1 - Double(errors) / Double(base)),
            wrongDetails: wrong, firstKey: reply.firstKey, sentAt: reply.sentAt, keystrokes: reply.keystrokes,
            cannedCharacters: reply.cannedCharacters, keystrokesSaved: reply.macroSavings.reduce(0, +))
    }

    /// Whether `text` holds `detail` exactly, not as part of a longer word or number ("#4821" is not in "#48213").
    static func contains(_ text: String, detail: String) -> Bool {
        let value = Array(TargetText.normaliseWhitespace(detail))
        guard !value.isEmpty else { return true }
        let characters = Array(text)
        guard characters.count >= value.count else { return false }
        func isWordCharacter(_ character: Character) -> Bool { character.isLetter || character.isNumber }
        for start in 0...(characters.count - value.count) where characters[start] == value[0] {
            guard Array(characters[start..<(start + value.count)]) == value else { continue }
            let before = start > 0 ? characters[start - 1] : nil
            let after = start + value.count < characters.count ? characters[start + value.count] : nil
            if let before, isWordCharacter(before), isWordCharacter(value[0]) { continue }
            if let after, isWordCharacter(after), let last = value.last, isWordCharacter(last) { continue }
            return true
        }
        return false
    }
}
