/// The targets a chat shift is judged against. Defaults follow help-desk benchmarks: a first reply within a
/// minute, nobody left waiting until they leave, replies at least 95 % accurate, no detail wrong, and typing at
/// the hiring bar. Where the agent chooses the replies (desk mode), also a judgement score of 70, four customers
/// in five satisfied, and every expected escalation and wrap-up tag right.
public struct ChatTargets: Equatable, Sendable {
    /// Seconds from a customer's arrival to the first reply, for every customer answered.
    public var maxFirstResponse: Double = 60
    public var maxAbandoned: Int = 0
    /// Percent.
    public var minReplyAccuracy: Double = 95
    public var maxWrongDetails: Int = 0
    /// Net WPM while typing replies.
    public var bar: Double = 40
    /// The judgement score (0-100) to reach; nil for the mode's default (70 where choices are judged).
    public var minJudgement: Double?
    /// The percentage of customers rated 4 or 5 to reach; nil for the mode's default (80 where choices are judged).
    public var minSatisfaction: Double?
    /// Free mode's writing score (0-100) to reach; nil for the mode's default (70 in free mode).
    public var minWriting: Double?
    /// Expected actions (escalations, wrap-up tags) that may be missed or wrong; nil for the mode's default (0 where
    /// choices are judged).
    public var maxMissedActions: Int?

    public static let standardJudgement = 70.0
    public static let standardSatisfaction = 80.0
    public static let standardWriting = 70.0

    public init(
        maxFirstResponse: Double = 60, maxAbandoned: Int = 0, minReplyAccuracy: Double = 95, maxWrongDetails: Int = 0, bar: Double = 40,
        minJudgement: Double? = nil, minSatisfaction: Double? = nil, maxMissedActions: Int? = nil, minWriting: Double? = nil
    ) {
        self.maxFirstResponse = maxFirstResponse
        self.maxAbandoned = maxAbandoned
        self.minReplyAccuracy = minReplyAccuracy
        self.maxWrongDetails = maxWrongDetails
        self.bar = bar
        self.minJudgement = minJudgement
        self.minSatisfaction = minSatisfaction
        self.maxMissedActions = maxMissedActions
        self.minWriting = minWriting
    }

    /// The targets in force for a shift in `mode`: those given, else the mode's defaults.
    public func inForce(for mode: ChatShift.Mode) -> (judgement: Double?, satisfaction: Double?, missedActions: Int?, writing: Double?) {
        let judged = mode.judgesChoices
        return (minJudgement ?? (mode == .desk ? ChatTargets.standardJudgement : nil),
                minSatisfaction ?? (judged ? ChatTargets.standardSatisfaction : nil),
                maxMissedActions ?? (judged ? 0 : nil),
                minWriting ?? (mode == .free ? ChatTargets.standardWriting : nil))
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
        case judgement
        case satisfaction
        case actions
        case writing
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
    /// Each wrong detail with the value expected and what the reply held in its place.
    public var mismatches: [DetailMismatch] = []
    /// Desk mode: what the reply was taken for, and its points (nil for a second try at the same step).
    public var choice: ChatShift.Choice?
    public var points: Int?
    /// Free mode: the reply scored on its turn's writing rubric.
    public var rubric: RubricScore?
    /// Milliseconds from the first key on the reply to its send.
    public var firstKey: Double
    public var sentAt: Double
    public var keystrokes: Int
    /// Characters a macro inserted; the rest the agent typed.
    public var cannedCharacters: Int
    public var keystrokesSaved: Int
}

/// A detail a reply got wrong: its blank, the value expected, and what the reply held in its place ("" when
/// nothing stood there).
public struct DetailMismatch: Equatable, Sendable {
    public var name: String
    public var expected: String
    public var sent: String
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
        /// Escalated to another team.
        case transferred
        /// Their chat was closed before they were served.
        case closed
    }

    public var name: String
    public var outcome: Outcome
    /// Seconds from arrival to the first reply; nil when never answered.
    public var firstResponse: Double?
    /// Seconds from arrival to the last reply, for a customer served.
    public var handleTime: Double?
    public var replies: Int
    public var turns: Int
    /// Served, or escalated where an escalation was needed.
    public var resolved = false
    /// 1-5 (docs/chat.md, "Satisfaction"); nil for a customer who never arrived.
    public var rating: Int?
    /// Why the rating is below 5, the weightiest first.
    public var reasons: [String] = []
    public var wrongReplies = 0
    public var corrections = 0
    public var nudges = 0
    /// The wrap-up tag their chat was closed with, if it was.
    public var tag: String?
}

/// An action the scenario expected or the agent took, as judged.
public struct ActionFigures: Equatable, Sendable {
    public var customer: Int
    /// What was expected ("escalate to billing with the order number", "close as shipping"); nil when nothing was.
    public var expected: String?
    /// What the agent did ("escalated to billing: …", "closed as returns"); nil when nothing was done.
    public var done: String?
    public var right: Bool
    public var problems: [String]
    /// Milliseconds from the start of the shift, when it was done.
    public var time: Double?
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
    /// Expected actions and actions taken, judged.
    public var actions: [ActionFigures] = []
    /// Every conversation as it happened, customer by customer.
    public var transcripts: [[ChatShift.Message]] = []

    public var served: Int { customers.filter { $0.outcome == .served }.count }
    public var abandoned: Int { customers.filter { $0.outcome == .abandoned }.count }
    public var unserved: Int { customers.filter { $0.outcome == .unserved || $0.outcome == .notArrived }.count }
    public var transferred: Int { customers.filter { $0.outcome == .transferred }.count }
    /// Customers who arrived.
    public var arrived: [CustomerFigures] { customers.filter { $0.outcome != .notArrived } }

    /// Judgement, 0-100: the mean of the scored replies' points, times 10; nil where choices are not judged or none
    /// was scored.
    public var judgement: Double? {
        let points = replies.compactMap(\.points)
        guard mode == .desk, !points.isEmpty else { return nil }
        return Double(points.reduce(0, +)) / Double(points.count) * 10
    }

    /// Free mode's writing score, 0-100: the mean of the scored replies' rubric points, times 10.
    public var writing: Double? {
        let points = replies.compactMap(\.points)
        guard mode == .free, !points.isEmpty else { return nil }
        return Double(points.reduce(0, +)) / Double(points.count) * 10
    }

    /// A free-written reply with at least these points answered the customer well.
    public static let goodWriting = 7

    /// The customers rated, their mean rating, and the percentage rated 4 or 5.
    public var meanRating: Double? {
        let ratings = customers.compactMap(\.rating)
        return ratings.isEmpty ? nil : Double(ratings.reduce(0, +)) / Double(ratings.count)
    }
    public var positiveRating: Double? {
        let ratings = customers.compactMap(\.rating)
        return ratings.isEmpty ? nil : 100 * Double(ratings.filter { $0 >= 4 }.count) / Double(ratings.count)
    }

    /// Percentage of the customers who arrived whose problem was resolved or rightly escalated.
    public var resolutionRate: Double? {
        let arrived = self.arrived
        return arrived.isEmpty ? nil : 100 * Double(arrived.filter(\.resolved).count) / Double(arrived.count)
    }

    /// Expected actions, and how many of them were done right.
    public var actionsExpected: Int { actions.filter { $0.expected != nil }.count }
    public var actionsRight: Int { actions.filter { $0.expected != nil && $0.right }.count }
    /// Expected actions missed or wrong, and actions taken where none was expected.
    public var actionsMissed: Int { actions.filter { !$0.right }.count }
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
    /// 100 × (1 − Σ errors / Σ max(sent, expected)) over the replies sent; nil when none was. In free mode, where
    /// a reply's errors are its misspelt words, the share of the words sent that are spelt right, as each reply's.
    public var replyAccuracy: Double? {
        if mode == .free {
            let words = replies.reduce(0) { $0 + max(1, WritingLexicon.words(in: $1.text).count) }
            return words == 0 ? nil : 100 * (1 - Double(uncorrectedErrors) / Double(words))
        }
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

    /// The targets missed, in a fixed order; empty when the shift meets them all. Each line says the figure as
    /// it is shown everywhere (`ChatResult.shownSeconds`, `formatDecimal`) and the difference between the shown
    /// figure and the target.
    public var missedTargets: [MissedTarget] {
        var missed: [MissedTarget] = []
        if let worst = worstFirstResponse, worst > targets.maxFirstResponse {
            let shown = ChatResult.shownSeconds(worst), target = ChatResult.shownSeconds(targets.maxFirstResponse)
            missed.append(MissedTarget(
                kind: .firstResponse, actual: worst, target: targets.maxFirstResponse,
                description: "worst first response \(shown) s: \(max(1, shown - target)) s over the \(target) s target"))
        }
        if abandoned > targets.maxAbandoned {
            missed.append(MissedTarget(
                kind: .abandoned, actual: Double(abandoned), target: Double(targets.maxAbandoned),
                description: "\(count(abandoned, "customer")) left unanswered: "
                    + (targets.maxAbandoned == 0 ? "the target is that nobody leaves" : "the target is at most \(targets.maxAbandoned)")))
        }
        if unserved > 0 {
            missed.append(MissedTarget(
                kind: .notServed, actual: Double(unserved), target: 0,
                description: "\(count(unserved, "customer")) not served by the end of the shift: the target is that every customer is served"))
        }
        let accuracy = replyAccuracy ?? 0
        if accuracy < targets.minReplyAccuracy {
            let shown = formatDecimal(accuracy, places: 1)
            let under = targets.minReplyAccuracy - (Double(shown) ?? accuracy)
            missed.append(MissedTarget(
                kind: .replyAccuracy, actual: accuracy, target: targets.minReplyAccuracy,
                description: replies.isEmpty ? "no reply sent: reply accuracy needs at least one"
                    : "reply accuracy \(shown) %: \(formatDecimal(under + 1e-9, places: 1)) points under the \(formatDecimal(targets.minReplyAccuracy, places: 0)) % target"))
        }
        if wrongDetails > targets.maxWrongDetails {
            missed.append(MissedTarget(
                kind: .wrongDetails, actual: Double(wrongDetails), target: Double(targets.maxWrongDetails),
                description: "\(count(wrongDetails, "wrong detail")): "
                    + (targets.maxWrongDetails == 0 ? "the target is none" : "the target is at most \(targets.maxWrongDetails)")))
        }
        let speed = netWPM ?? 0
        if speed < targets.bar {
            let shown = Int(formatDecimal(speed, places: 0)) ?? 0
            missed.append(MissedTarget(
                kind: .netWPM, actual: speed, target: targets.bar,
                description: "net \(shown) WPM while typing: \(max(1, Int(targets.bar.rounded(.up)) - shown)) short of the \(formatDecimal(targets.bar, places: 0)) WPM bar"))
        }
        let inForce = targets.inForce(for: mode)
        if let minimum = inForce.judgement, let judgement, judgement < minimum {
            let shown = Int(formatDecimal(judgement, places: 0)) ?? 0
            missed.append(MissedTarget(
                kind: .judgement, actual: judgement, target: minimum,
                description: "judgement \(shown): \(max(1, Int(minimum.rounded(.up)) - shown)) under the \(formatDecimal(minimum, places: 0)) target (\(wrongChoices) of \(replies.compactMap(\.points).count) replies did not answer the customer)"))
        }
        if let minimum = inForce.writing, let writing, writing < minimum {
            let shown = Int(formatDecimal(writing, places: 0)) ?? 0
            missed.append(MissedTarget(
                kind: .writing, actual: writing, target: minimum,
                description: "writing \(shown): \(max(1, Int(minimum.rounded(.up)) - shown)) under the \(formatDecimal(minimum, places: 0)) target"))
        }
        if let minimum = inForce.satisfaction, let positive = positiveRating, positive < minimum {
            let rated = customers.compactMap(\.rating)
            let pleased = rated.filter { $0 >= 4 }.count
            missed.append(MissedTarget(
                kind: .satisfaction, actual: positive, target: minimum,
                description: "\(pleased) of \(count(rated.count, "customer")) satisfied (\(formatDecimal(positive, places: 0)) %): the target is \(formatDecimal(minimum, places: 0)) %"))
        }
        if let allowed = inForce.missedActions, actionsMissed > allowed {
            let first = actions.first { !$0.right }.flatMap { action in action.problems.first.map { customers[action.customer].name + ": " + $0 } }
            missed.append(MissedTarget(
                kind: .actions, actual: Double(actionsMissed), target: Double(allowed),
                description: "\(count(actionsMissed, "action")) missed or wrong"
                    + (actionsExpected > 0 ? " (\(actionsRight) of \(actionsExpected) expected right)" : "") + (first.map { "; " + $0 } ?? "")))
        }
        return missed
    }

    public var meetsTargets: Bool { missedTargets.isEmpty }

    /// Replies scored 0 points.
    public var wrongChoices: Int { replies.filter { $0.points == 0 }.count }

    /// Whole seconds as every screen, report and verdict shows a chat time: rounded up, so a time is never shown
    /// under what it was (77.81 s is 78 s), as speeds are never shown over what they were.
    public static func shownSeconds(_ seconds: Double) -> Int {
        guard seconds.isFinite, seconds > 0 else { return 0 }
        // The nudge keeps a whole number stored a hair over (12.000000001) at 12.
        return Int((min(seconds, 1e9) - 1e-9).rounded(.up))
    }

    /// "1 customer", "2 customers".
    private func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)" + (number == 1 ? "" : "s")
    }
}

/// The middle value, or the mean of the two middle values; nil for none.
func median(_ values: [Double]) -> Double? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
