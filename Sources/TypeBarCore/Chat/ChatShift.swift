/// One shift at the chat desk: customers arrive on the scenario's schedule, write, wait, and leave when nobody
/// answers; the agent switches between chats, composes and sends replies, and in desk mode finds them in the
/// knowledge base, escalates and closes chats, while customers react to what they are sent.
///
/// A state machine on passed-in time (milliseconds from the start of the shift): `advance(to:)` plays what the
/// customers do up to a time, `apply(_:at:)` does that and then the agent's event. It never reads a clock, so a
/// recorded stream of agent events replays to the same shift and the same figures (docs/chat.md).
public struct ChatShift: Sendable {
    /// What the agent types, by mode.
    public enum Mode: String, CaseIterable, Sendable {
        /// The exact reply is shown: pure typing under multi-chat pressure.
        case guided
        /// The canned reply is shown with blanks the agent fills from the conversation.
        case template
        /// `/shortcut` Tab inserts a canned reply; Tab moves between its blanks.
        case macros
        /// Nothing says which reply to send: the agent finds it in the knowledge base, reads the customer's
        /// profile, escalates and closes chats; each reply's choice is scored and customers react to it.
        case desk
        /// As desk, but the agent writes each reply in their own words (the knowledge base still helps), scored on
        /// the turn's writing rubric.
        case free

        /// Whether what to send is the agent's to decide, and so scored and reacted to, with the help desk's
        /// profile, knowledge base, actions and wrap-up tags.
        public var judgesChoices: Bool { self == .desk || self == .free }
    }

    /// The most chats an agent holds at once.
    public static let maximumChats = 6

    /// The chats at once: `chats` when given, else the scenario's, from 1 to `maximumChats`.
    public static func chatCount(_ chats: Int?, scenario: Int) -> Int {
        max(1, min(maximumChats, chats ?? scenario))
    }

    /// Something the agent did.
    public enum Event: Equatable, Sendable {
        case type(Character)
        case backspace
        case wordBackspace
        /// Tab: insert the macro whose `/shortcut` ends the draft, or move to the next blank.
        case tab
        /// Enter: send the draft to the selected customer.
        case send
        /// Show chat `n` (0-based).
        case select(Int)
        /// Show the chat of the most urgent customer: those still waiting for a first reply, the one whose
        /// `firstReplyTarget` (seconds after arrival) comes first, then the others, the one waiting longest. Without
        /// a target, the one waiting longest.
        case selectLongestWaiting(firstReplyTarget: Double?)
        /// End the shift now (Esc twice): customers still waiting count as not served.
        case leave
        /// Insert the canned reply with this shortcut, found in the knowledge base by searching `query`.
        case pick(String, query: String)
        /// A knowledge-base search closed without a pick (kept for the transcript; it changes nothing).
        case search(String)
        /// Transfer the selected chat to `team` with an internal note.
        case escalate(team: String, note: String)
        /// Close the selected chat with a wrap-up tag.
        case close(tag: String)
    }

    /// Where a customer is.
    public enum Status: Equatable, Sendable {
        /// Not yet arrived.
        case expected
        /// Arrived while every chat was taken: waiting for a free chat since `since`.
        case queued(since: Double)
        /// Their message is unanswered since `since`.
        case waiting(since: Double)
        /// Writing their next message, which arrives at `until` ("typing…").
        case typing(until: Double)
        /// Answered, and waiting since `since` for the agent to act (a turn that calls for an escalation).
        case holding(since: Double)
        /// Every turn answered.
        case served(at: Double)
        /// Left without an answer.
        case left(at: Double)
        /// Escalated to another team.
        case transferred(at: Double)
        /// Their chat was closed by the agent before they were served.
        case closed(at: Double)

        public var isFinished: Bool {
            switch self {
            case .served, .left, .transferred, .closed: true
            default: false
            }
        }

        /// In a chat and expecting something of the agent.
        public var isActive: Bool {
            switch self {
            case .waiting, .typing, .holding: true
            default: false
            }
        }
    }

    /// Why the shift ended.
    public enum Ending: String, Equatable, Sendable {
        /// Every customer was served or left.
        case allDone = "all_done"
        case timeLimit = "time_limit"
        /// The agent ended it early.
        case leftEarly = "left_early"
    }

    /// A line of a conversation.
    public struct Message: Equatable, Sendable {
        public enum Kind: String, Equatable, Sendable {
            /// The customer's scripted message.
            case message
            /// The customer, kept waiting, asks whether anyone is there.
            case nudge
            /// The customer answers a reply that missed: not what they asked, or a detail wrong.
            case reaction
            /// The customer answers a clarifying question.
            case answer
            /// The agent's reply.
            case reply
            /// The agent's internal note, with an escalation (the customer does not see it).
            case note
        }

        public var kind: Kind
        public var text: String
        public var time: Double

        public var fromCustomer: Bool { kind != .reply && kind != .note }

        public init(kind: Kind, text: String, time: Double) {
            self.kind = kind
            self.text = text
            self.time = time
        }
    }

    /// What a sent reply was taken to be, against the turn it answered.
    public enum Choice: Equatable, Sendable {
        /// The turn's best reply.
        case best
        /// One of the turn's acceptable replies (its index).
        case acceptable(Int)
        /// The clarifying question the turn called for.
        case clarify
        /// Something else: a canned reply that does not answer this turn (its shortcut), or text that is none of them.
        case wrong(String?)

        /// How logs, JSON and reports name it: `best`, `acceptable`, `clarify`, `wrong`.
        public var name: String {
            switch self {
            case .best: "best"
            case .acceptable: "acceptable"
            case .clarify: "clarify"
            case .wrong: "wrong"
            }
        }
    }

    /// A reply as it went out.
    public struct SentReply: Equatable, Sendable {
        public var customer: Int
        public var turn: Int
        public var text: String
        /// The filled-in reply it is measured against: the expected reply, or in desk mode the one it was taken for.
        public var expected: String
        /// The detail values the reply had to hold, by blank name.
        public var details: [(name: String, value: String)]
        public var sentAt: Double
        public var firstKey: Double
        public var keystrokes: Int
        public var cannedCharacters: Int
        public var macroSavings: [Int]
        /// Desk mode: what the reply was taken for, and its points when it was the first answer to its step of the
        /// turn (a second try earns none). Free mode: the points are the rubric's.
        public var choice: Choice?
        public var points: Int?
        /// Free mode: the reply scored on the turn's writing rubric.
        public var rubric: RubricScore?

        public static func == (lhs: SentReply, rhs: SentReply) -> Bool {
            lhs.customer == rhs.customer && lhs.turn == rhs.turn && lhs.text == rhs.text && lhs.sentAt == rhs.sentAt
                && lhs.firstKey == rhs.firstKey && lhs.keystrokes == rhs.keystrokes && lhs.choice == rhs.choice && lhs.points == rhs.points
        }
    }

    /// An escalation or a close, as the agent did it and as it was judged.
    public struct Action: Equatable, Sendable {
        public enum Kind: Equatable, Sendable {
            case escalate(team: String, note: String)
            case close(tag: String)
        }

        public var customer: Int
        /// The turn the customer was at.
        public var turn: Int
        public var kind: Kind
        public var time: Double
        /// Whether the scenario expected an action here (an escalation at this turn, or a tag for this customer).
        public var expected: Bool
        /// Right: the action expected, with the right team, detail or tag.
        public var right: Bool
        /// What was wrong with it, one line each ("sent to shipping; billing was needed").
        public var problems: [String]
    }

    /// A knowledge-base search: what was looked for, in which chat, and the reply picked (nil: closed without one).
    public struct Search: Equatable, Sendable {
        public var customer: Int?
        public var query: String
        public var pick: String?
        public var time: Double
    }

    /// One stretch a customer spent waiting for a reply: from their message (or arrival) to the reply, or to
    /// when they left or the shift ended.
    public struct Wait: Equatable, Sendable {
        public var customer: Int
        public var start: Double
        public var end: Double
        public var answered: Bool
        public var seconds: Double { (end - start) / 1000 }
    }

    /// A line for the screen: a new message, a customer arriving or leaving.
    public struct Announcement: Equatable, Sendable {
        public var time: Double
        public var text: String
        /// The chat it is about, if it has one.
        public var chat: Int?
    }

    public struct Customer: Sendable {
        public let script: ChatCustomer
        public internal(set) var status: Status = .expected
        /// The turn whose message is next or unanswered.
        public internal(set) var turn = 0
        public internal(set) var messages: [Message] = []
        public internal(set) var draft = ReplyDraft()
        /// Milliseconds of arrival (from the schedule).
        public var arrival: Double { script.arrival * 1000 }
        public internal(set) var firstReply: Double?
        /// The message they are writing while `typing`, when it is not their next scripted one.
        var pending: Message?
        /// Desk mode: the current turn's clarifying question was asked.
        public internal(set) var clarified = false
        /// Desk mode: the steps of the current turn already scored (the question, the reply).
        var scoredSteps: Set<Int> = []
        /// Desk mode: whether they nudged in the current wait.
        var nudged = false
        /// The wrap-up tag their chat was closed with, once served (desk mode keeps the chat until then).
        public internal(set) var closedTag: String?
        /// How the conversation went, for satisfaction.
        public internal(set) var wrongReplies = 0
        public internal(set) var corrections = 0
        public internal(set) var nudges = 0
        /// Milliseconds on hold (answered, waiting for the agent to act), added up.
        public internal(set) var heldFor = 0.0

        /// When the customer's current unanswered message arrived, while they wait.
        public var waitingSince: Double? {
            switch status {
            case .waiting(let since), .queued(let since): since
            default: nil
            }
        }
    }

    public let scenario: ChatScenario
    public let mode: Mode
    public internal(set) var customers: [Customer]
    /// The customer in each chat (nil: empty), `chats` of them.
    public internal(set) var chats: [Int?]
    public internal(set) var selected = 0
    /// Customers waiting for a free chat, first come first served.
    public internal(set) var queue: [Int] = []
    public internal(set) var replies: [SentReply] = []
    public internal(set) var actions: [Action] = []
    /// Knowledge-base searches, with what they found: the query, and the shortcut picked (nil when closed).
    public internal(set) var searches: [Search] = []
    public internal(set) var waits: [Wait] = []
    public internal(set) var announcements: [Announcement] = []
    /// Milliseconds up to which the customers' side has been played.
    public internal(set) var now: Double = 0
    public internal(set) var ending: (reason: Ending, time: Double)?
    /// A short message about the agent's last event (a refused send, an unknown shortcut); cleared by the next.
    public internal(set) var notice: String?
    /// Counts every change besides a draft's text (a happening, a switch, a send), so a screen can tell when
    /// more than the reply box needs drawing.
    public internal(set) var revision = 0
    /// The knowledge base the desk searches: the scenario's canned replies.
    public let knowledgeBase: KnowledgeBase
    /// Free mode's spell checker (nil: spelling is not checked).
    public let speller: (any SpellChecker)?

    /// `chats` overrides the scenario's number of chats at once (1 to `maximumChats`); `speller` checks free-written
    /// replies' spelling.
    public init(scenario: ChatScenario, mode: Mode, chats: Int? = nil, speller: (any SpellChecker)? = nil) {
        self.scenario = scenario
        self.mode = mode
        self.speller = speller
        customers = scenario.customers.map { Customer(script: $0) }
        self.chats = Array(repeating: nil, count: ChatShift.chatCount(chats, scenario: scenario.chats))
        knowledgeBase = KnowledgeBase(scenario.macros)
    }

    public var isOver: Bool { ending != nil }

    /// The customer shown in the selected chat.
    public var selectedCustomer: Int? { chats[selected] }

    public func patience(of customer: Int) -> Double {
        (customers[customer].script.patience ?? scenario.patience) * 1000
    }

    /// When the shift ends at the latest, in milliseconds.
    public var deadline: Double { scenario.timeLimit * 1000 }

    /// Whether a customer needs nothing more from the agent. In desk mode a served customer's chat stays open
    /// until the agent closes it with a wrap-up tag, as on a real help desk.
    public func isDone(_ customer: Int) -> Bool {
        let status = customers[customer].status
        if case .served = status, mode.judgesChoices { return customers[customer].closedTag != nil }
        return status.isFinished
    }

    public func chat(of customer: Int) -> Int? { chats.firstIndex { $0 == customer } }

    mutating func announce(_ text: String, chat: Int?, at time: Double) {
        announcements.append(Announcement(time: time, text: text, chat: chat))
    }
}
