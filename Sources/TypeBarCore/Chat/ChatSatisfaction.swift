/// A customer's satisfaction with their chat, 1 to 5, from what happened to them, with the reasons (docs/chat.md,
/// "Satisfaction"). Deterministic: the same shift gives the same ratings.
///
/// The thresholds come from published figures: in Zendesk's benchmark of 2,261 companies satisfaction falls once
/// the first reply passes about 50 seconds and again past 2 minutes; Comm100 saw a sharp drop past 3 minutes of
/// waiting. A customer starts at 5 and loses points for each thing that went wrong; the rating is never below 1.
public enum ChatSatisfaction {
    /// What happened to one customer, as the rating reads it.
    public struct Facts: Equatable, Sendable {
        public var outcome: CustomerFigures.Outcome
        /// Seconds to the first reply, or waited without one (until they left, or the shift ended).
        public var firstWait: Double
        /// The longest later wait for a reply, or time on hold, in seconds.
        public var laterWait: Double = 0
        public var wrongReplies = 0
        /// Corrections they had to make, and the detail of the first ("order number").
        public var corrections = 0
        public var correctedDetail: String?
        /// Replies that answered them less well than the best (an acceptable one, or a guess instead of a question).
        public var lesserAnswers = 0
        /// Escalated when they could have been helped here, or to the wrong team.
        public var wrongTransfer = false
        /// The team an escalation they needed should have gone to, when none was made.
        public var missedEscalation: String?
        /// Details the escalation note lacked, as labels.
        public var noteLacks: [String] = []

        public init(outcome: CustomerFigures.Outcome, firstWait: Double) {
            self.outcome = outcome
            self.firstWait = firstWait
        }
    }

    /// Seconds after which a first reply costs a point, two, three.
    public static let firstReplySteps = [50.0, 120.0, 180.0]
    /// Seconds after which a later wait costs a point.
    public static let laterWait = 60.0

    /// The rating and its reasons, the weightiest first; nil for a customer who never arrived.
    public static func rate(_ facts: Facts) -> (rating: Int, reasons: [String])? {
        switch facts.outcome {
        case .notArrived: return nil
        case .abandoned: return (1, ["left after waiting \(clock(facts.firstWait)) without a reply"])
        case .closed: return (1, ["the chat was closed before they had an answer"])
        default: break
        }
        var deductions: [(points: Int, reason: String)] = []
        let late = firstReplySteps.filter { facts.firstWait > $0 }.count
        if late > 0 {
            let waited = facts.outcome == .unserved && facts.firstWait > 0 ? "waited \(clock(facts.firstWait))" : "waited \(clock(facts.firstWait)) for a first reply"
            deductions.append((late, waited))
        }
        if facts.laterWait > laterWait { deductions.append((1, "waited \(clock(facts.laterWait)) for a later reply")) }
        if facts.wrongReplies > 0 {
            deductions.append((facts.wrongReplies, facts.wrongReplies == 1 ? "got a reply that did not answer them" : "got \(facts.wrongReplies) replies that did not answer them"))
        }
        if facts.corrections > 0 {
            let detail = facts.correctedDetail ?? "details"
            deductions.append((facts.corrections, facts.corrections == 1 ? "had to give their \(detail) again" : "had to correct the agent \(facts.corrections) times"))
        }
        if facts.lesserAnswers > 0 { deductions.append((1, "got a workable answer, not the best one")) }
        if facts.wrongTransfer { deductions.append((2, "was transferred when the right help was here or elsewhere")) }
        if let team = facts.missedEscalation { deductions.append((2, "needed \(team), and was never escalated")) }
        if !facts.noteLacks.isEmpty { deductions.append((1, "will have to repeat their \(facts.noteLacks.joined(separator: " and ")) to the next team")) }
        var rating = max(1, 5 - deductions.reduce(0) { $0 + $1.points })
        var reasons = deductions.enumerated().sorted { ($0.element.points, -$0.offset) > ($1.element.points, -$1.offset) }.map(\.element.reason)
        if facts.outcome == .unserved {
            rating = min(rating, 2)
            reasons.insert("still waiting when the shift ended", at: 0)
        }
        return (rating, reasons)
    }

    /// "1:05" for 65 seconds (rounded up, as every chat time is shown).
    static func clock(_ seconds: Double) -> String {
        let whole = ChatResult.shownSeconds(seconds)
        let rest = whole % 60
        return "\(whole / 60):" + (rest < 10 ? "0" : "") + "\(rest)"
    }
}
