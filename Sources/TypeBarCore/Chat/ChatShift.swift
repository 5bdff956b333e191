/// One shift at the chat desk: customers arrive on the scenario's schedule, write, wait, and leave when nobody
/// answers; the agent switches between chats, composes and sends replies.
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
        /// Every turn answered.
        case served(at: Double)
        /// Left without an answer.
        case left(at: Double)

        public var isFinished: Bool {
            switch self {
            case .served, .left: true
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

    public struct Message: Equatable, Sendable {
        public var fromCustomer: Bool
        public var text: String
        public var time: Double
    }

    /// A reply as it went out.
    public struct SentReply: Equatable, Sendable {
        public var customer: Int
        public var turn: Int
        public var text: String
        /// The filled-in reply the scenario expected.
        public var expected: String
        /// The detail values the reply had to hold, by blank name.
        public var details: [(name: String, value: String)]
        public var sentAt: Double
        public var firstKey: Double
        public var keystrokes: Int
        public var cannedCharacters: Int
        public var macroSavings: [Int]

        public static func == (lhs: SentReply, rhs: SentReply) -> Bool {
            lhs.customer == rhs.customer && lhs.turn == rhs.turn && lhs.text == rhs.text && lhs.sentAt == rhs.sentAt
                && lhs.firstKey == rhs.firstKey && lhs.keystrokes == rhs.keystrokes
        }
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
    public private(set) var customers: [Customer]
    /// The customer in each chat (nil: empty), `chats` of them.
    public private(set) var chats: [Int?]
    public private(set) var selected = 0
    /// Customers waiting for a free chat, first come first served.
    public private(set) var queue: [Int] = []
    public private(set) var replies: [SentReply] = []
    public private(set) var waits: [Wait] = []
    public private(set) var announcements: [Announcement] = []
    /// Milliseconds up to which the customers' side has been played.
    public private(set) var now: Double = 0
    public private(set) var ending: (reason: Ending, time: Double)?
    /// A short message about the agent's last event (a refused send, an unknown shortcut); cleared by the next.
    public private(set) var notice: String?
    /// Counts every change besides a draft's text (a happening, a switch, a send), so a screen can tell when
    /// more than the reply box needs drawing.
    public private(set) var revision = 0

    /// `chats` overrides the scenario's number of chats at once (1-4).
    public init(scenario: ChatScenario, mode: Mode, chats: Int? = nil) {
        self.scenario = scenario
        self.mode = mode
        customers = scenario.customers.map { Customer(script: $0) }
        self.chats = Array(repeating: nil, count: max(1, min(4, chats ?? scenario.chats)))
    }

    public var isOver: Bool { ending != nil }

    /// The customer shown in the selected chat.
    public var selectedCustomer: Int? { chats[selected] }

    public func patience(of customer: Int) -> Double {
        (customers[customer].script.patience ?? scenario.patience) * 1000
    }

    /// When the shift ends at the latest, in milliseconds.
    public var deadline: Double { scenario.timeLimit * 1000 }

    // MARK: - The customers' side

    /// The next time something happens on the customers' side (an arrival, a message, a customer leaving, the
    /// time limit), or nil when the shift is over. The screen sleeps until then (or the next second of a wait).
    public var nextHappening: Double? {
        guard ending == nil else { return nil }
        var next = deadline
        for (index, customer) in customers.enumerated() {
            switch customer.status {
            case .expected: next = min(next, customer.arrival)
            case .queued(let since), .waiting(let since): next = min(next, since + patience(of: index))
            case .typing(let until): next = min(next, until)
            case .served, .left: break
            }
        }
        return next
    }

    /// Plays the customers' side up to `time`: everything due at or before it happens, in time order.
    public mutating func advance(to time: Double) {
        while ending == nil, let next = nextHappening, next <= time {
            now = max(now, next)
            happen(at: next)
        }
        if ending == nil { now = max(now, time) }
    }

    /// Everything due at `time`, in a fixed order: customers leave, messages arrive, customers arrive, the time
    /// limit ends the shift.
    private mutating func happen(at time: Double) {
        revision += 1
        for index in customers.indices {
            switch customers[index].status {
            case .queued(let since) where since + patience(of: index) <= time:
                queue.removeAll { $0 == index }
                leave(index, at: time)
            case .waiting(let since) where since + patience(of: index) <= time:
                leave(index, at: time)
            default: break
            }
        }
        for index in customers.indices {
            if case .typing(let until) = customers[index].status, until <= time {
                deliver(index, at: time)
            }
        }
        for index in customers.indices where customers[index].status == .expected && customers[index].arrival <= time {
            arrive(index, at: time)
        }
        if customers.allSatisfy({ $0.status.isFinished }) {
            end(.allDone, at: time)
        } else if time >= deadline {
            end(.timeLimit, at: time)
        }
    }

    private mutating func arrive(_ index: Int, at time: Double) {
        if let chat = freeChat() {
            seat(index, in: chat, at: time, since: customers[index].arrival)
        } else {
            customers[index].status = .queued(since: customers[index].arrival)
            queue.append(index)
            announce("\(customers[index].script.name) is in the queue: every chat is taken", chat: nil, at: time)
        }
    }

    /// The chat a new customer takes: an empty one, else the one whose customer finished first.
    private func freeChat() -> Int? {
        if let empty = chats.firstIndex(where: { $0 == nil }) { return empty }
        let finished = chats.indices.compactMap { chat -> (Int, Double)? in
            guard let customer = chats[chat] else { return nil }
            switch customers[customer].status {
            case .served(let at), .left(let at): return (chat, at)
            default: return nil
            }
        }
        return finished.min { $0.1 < $1.1 }?.0
    }

    private mutating func seat(_ index: Int, in chat: Int, at time: Double, since: Double) {
        chats[chat] = index
        customers[index].status = .waiting(since: since)
        let turn = customers[index].script.turns[0]
        customers[index].messages.append(Message(fromCustomer: true, text: turn.message, time: time))
        announce("\(customers[index].script.name) wrote in chat \(chat + 1)", chat: chat, at: time)
    }

    private mutating func deliver(_ index: Int, at time: Double) {
        let customer = customers[index]
        customers[index].status = .waiting(since: time)
        customers[index].messages.append(Message(fromCustomer: true, text: customer.script.turns[customer.turn].message, time: time))
        announce("\(customer.script.name) wrote in chat \((chat(of: index) ?? 0) + 1)", chat: chat(of: index), at: time)
    }

    private mutating func leave(_ index: Int, at time: Double) {
        if let since = customers[index].waitingSince {
            waits.append(Wait(customer: index, start: since, end: time, answered: false))
        }
        customers[index].status = .left(at: time)
        if let chat = chat(of: index) {
            announce("\(customers[index].script.name) left chat \(chat + 1) after waiting too long", chat: chat, at: time)
            freed(chat, at: time)
        } else {
            announce("\(customers[index].script.name) left the queue after waiting too long", chat: nil, at: time)
        }
    }

    /// A chat's customer finished: the first in the queue takes it.
    private mutating func freed(_ chat: Int, at time: Double) {
        guard !queue.isEmpty else { return }
        let next = queue.removeFirst()
        seat(next, in: chat, at: time, since: customers[next].arrival)
    }

    private mutating func end(_ reason: Ending, at time: Double) {
        guard ending == nil else { return }
        for index in customers.indices {
            if let since = customers[index].waitingSince {
                waits.append(Wait(customer: index, start: since, end: time, answered: false))
            }
        }
        ending = (reason, time)
        now = time
    }

    private mutating func announce(_ text: String, chat: Int?, at time: Double) {
        announcements.append(Announcement(time: time, text: text, chat: chat))
    }

    public func chat(of customer: Int) -> Int? { chats.firstIndex { $0 == customer } }

    // MARK: - The agent's side

    /// What became of an agent's event.
    public enum Outcome: Equatable, Sendable {
        case applied
        /// It did nothing (`notice` says why, when it is worth saying).
        case refused
        /// The shift was already over, or ended before the event.
        case over
    }

    /// Plays the customers' side up to `time`, then applies the agent's `event`.
    @discardableResult
    public mutating func apply(_ event: Event, at time: Double) -> Outcome {
        advance(to: time)
        guard ending == nil else { return .over }
        let time = max(time, now)
        notice = nil
        switch event {
        case .type, .backspace, .wordBackspace: break
        default: revision += 1
        }
        switch event {
        case .select(let chat):
            guard chat >= 0 && chat < chats.count else { return .refused }
            selected = chat
        case .selectLongestWaiting(let target):
            // Urgency as (rank, due): rank 0 for a customer still owed a first reply when there is a target, due
            // when that reply is (arrival + target); rank 1 for the rest, due since they began waiting. The
            // earliest due of the lowest rank wins; a tie goes to the lower chat.
            let waiting = chats.indices.compactMap { chat -> (chat: Int, rank: Int, due: Double)? in
                guard let index = chats[chat], case .waiting(let since) = customers[index].status else { return nil }
                if let target, customers[index].firstReply == nil {
                    return (chat, 0, customers[index].arrival + target * 1000)
                }
                return (chat, 1, since)
            }
            guard let urgent = waiting.min(by: { ($0.rank, $0.due) < ($1.rank, $1.due) }) else {
                notice = "Nobody is waiting for a reply."
                return .refused
            }
            selected = urgent.chat
        case .leave:
            end(.leftEarly, at: time)
        case .type(let character):
            guard let customer = selectedCustomer, !customers[customer].status.isFinished else { return .refused }
            customers[customer].draft.type(character, at: time)
        case .backspace:
            guard let customer = selectedCustomer, !customers[customer].status.isFinished else { return .refused }
            customers[customer].draft.backspace(at: time)
        case .wordBackspace:
            guard let customer = selectedCustomer, !customers[customer].status.isFinished else { return .refused }
            customers[customer].draft.wordBackspace(at: time)
        case .tab:
            guard let customer = selectedCustomer, !customers[customer].status.isFinished else { return .refused }
            return tab(customer, at: time)
        case .send:
            guard let customer = selectedCustomer else { return .refused }
            return send(customer, at: time)
        }
        return .applied
    }

    private mutating func tab(_ customer: Int, at time: Double) -> Outcome {
        if mode == .macros, let shortcut = customers[customer].draft.pendingShortcut {
            guard let macro = scenario.macro(shortcut) else {
                notice = "No macro /\(shortcut). The macros are " + scenario.macros.map { "/" + $0.shortcut }.joined(separator: " ")
                return .refused
            }
            customers[customer].draft.expand(macro, at: time)
            return .applied
        }
        if customers[customer].draft.nextBlank(at: time) { return .applied }
        if mode == .macros { notice = "Type a macro's /shortcut, then Tab." }
        return .refused
    }

    private mutating func send(_ index: Int, at time: Double) -> Outcome {
        let customer = customers[index]
        guard case .waiting(let since) = customer.status else {
            if case .typing = customer.status { notice = "\(customer.script.name) is typing: wait for their message." }
            return .refused
        }
        let text = TargetText.normaliseWhitespace(customer.draft.text)
        guard !text.isEmpty, let firstKey = customer.draft.firstKey else {
            notice = "Type a reply first."
            return .refused
        }
        let turn = customer.script.turns[customer.turn]
        let details = turn.reply.blanks.map { (name: $0, value: customer.script.details[$0] ?? "[\($0)]") }
        replies.append(SentReply(
            customer: index, turn: customer.turn, text: text,
            expected: TargetText.normaliseWhitespace(turn.reply.filled(with: customer.script.details)),
            details: details, sentAt: time, firstKey: firstKey, keystrokes: customer.draft.keystrokes,
            cannedCharacters: customer.draft.cannedCharacters, macroSavings: customer.draft.macroSavings))
        waits.append(Wait(customer: index, start: since, end: time, answered: true))
        customers[index].messages.append(Message(fromCustomer: false, text: text, time: time))
        customers[index].draft = ReplyDraft()
        if customers[index].firstReply == nil { customers[index].firstReply = time }
        customers[index].turn += 1
        if customers[index].turn < customer.script.turns.count {
            customers[index].status = .typing(until: time + turn.delay * 1000)
        } else {
            customers[index].status = .served(at: time)
            if let chat = chat(of: index) { freed(chat, at: time) }
            if customers.allSatisfy({ $0.status.isFinished }) { end(.allDone, at: time) }
        }
        return .applied
    }

    /// Ends the shift if it is not over yet: at its time limit when `leftEarly` is false, else now.
    public mutating func finish(leftEarly time: Double? = nil) {
        if let time {
            advance(to: time)
            end(.leftEarly, at: max(time, now))
        } else {
            advance(to: .infinity)
        }
    }
}
