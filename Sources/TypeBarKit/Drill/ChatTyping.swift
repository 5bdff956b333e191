import TypeBarCore
import TypeBarFormats

/// The typing inside a chat shift, for drills and key figures: each reply the agent typed themselves (no macro or
/// canned reply inserted text into it), as the reply it is measured against and the keystrokes that went into its
/// draft. A reply is measured as a typing session is; the shift's figures are its replies' together
/// (docs/drills.md).
public struct ChatTyping: Sendable {
    /// One reply sent: what was due, and the keys pressed on its draft in order.
    public struct Reply: Sendable {
        public var expected: TargetText
        /// Times run on the reply's own clock: a key pressed straight after another key on the same draft keeps
        /// its interval; the first key after time spent elsewhere (another chat, a send) comes after a gap longer
        /// than the idle limit, so it is not timed, as the first key of a session is not.
        public var keystrokes: [Keystroke]
    }

    public var replies: [Reply] = []

    /// Replays `recorded` and follows each draft from its first key to its send.
    public init(_ recorded: ChatLog.Recorded) {
        var shift = ChatShift(scenario: recorded.scenario, mode: recorded.header.mode, chats: recorded.header.chats)
        // Per customer: the draft's keys so far, on its own clock, and whether a macro went into it.
        var drafts: [Int: (keystrokes: [Keystroke], clock: Double, canned: Bool)] = [:]
        // The customer whose draft the agent's last event typed into (nil after anything else), and when.
        var lastKey: (customer: Int, time: Double)?
        for (event, time) in recorded.events where !shift.isOver {
            // The customers' side first, so the chat shown is the one the event lands in.
            shift.advance(to: time)
            let customer = shift.selectedCustomer
            let sent = shift.replies.count
            guard shift.apply(event, at: time) == .applied, let customer else {
                lastKey = nil
                continue
            }
            let action: Keystroke.Action
            switch event {
            case .type(let character): action = .character(character)
            case .backspace: action = .backspace
            case .wordBackspace: action = .wordBackspace
            case .tab, .pick:
                drafts[customer, default: ([], 0, false)].canned = true
                lastKey = nil
                continue
            case .send:
                if shift.replies.count > sent, let reply = shift.replies.last, let draft = drafts.removeValue(forKey: reply.customer), !draft.canned {
                    // In free mode the words are the agent's own: the reply as sent is what they meant to type.
                    let target = recorded.header.mode == .free ? reply.text : reply.expected
                    replies.append(Reply(expected: TargetText(target), keystrokes: draft.keystrokes))
                }
                lastKey = nil
                continue
            case .select, .selectLongestWaiting, .leave, .search, .escalate, .close:
                lastKey = nil
                continue
            }
            let gap: Double
            if let lastKey, lastKey.customer == customer {
                gap = time - lastKey.time
            } else if drafts[customer]?.keystrokes.isEmpty == false {
                gap = IntegrityRules.idleMilliseconds + 1
            } else {
                gap = 0
            }
            // Changed in place, so the draft's keys are not copied at every key.
            drafts[customer, default: ([], 0, false)].clock += gap
            let clock = drafts[customer]!.clock
            drafts[customer]!.keystrokes.append(Keystroke(time: clock, action: action))
            lastKey = (customer, time)
        }
    }

    /// Every key's and every timed pair's figures over the replies: times due, errors and the mean time of each
    /// key, each reply scored against its expected text as a typing session is; nil when no reply was typed.
    public var timings: SessionTimings? {
        var keys: [Character: (typed: Int, errors: Int, timed: Int, total: Double)] = [:]
        var keyOrder: [Character] = []
        var pairs: [String: (count: Int, total: Double)] = [:]
        for reply in replies where !reply.expected.isEmpty {
            var attempt = Attempt(target: reply.expected)
            for keystroke in reply.keystrokes { attempt.apply(keystroke) }
            // A reply of a few keys typed within a second has no score of its own; its keys say little anyway.
            guard let figures = try? attempt.result().keystrokes else { continue }
            for key in figures.keys {
                if keys[key.character] == nil { keyOrder.append(key.character) }
                var tally = keys[key.character, default: (0, 0, 0, 0)]
                tally.typed += key.typed
                tally.errors += key.errors
                tally.timed += key.timed
                tally.total += (key.meanMilliseconds ?? 0) * Double(key.timed)
                keys[key.character] = tally
            }
            for pair in PairTimings.measure(target: reply.expected, keystrokes: reply.keystrokes) {
                pairs[pair.key, default: (0, 0)].count += pair.typed
                pairs[pair.key, default: (0, 0)].total += (pair.meanMilliseconds ?? 0) * Double(pair.typed)
            }
        }
        guard !keys.isEmpty else { return nil }
        return SessionTimings(
            keys: keyOrder.map { character in
                let tally = keys[character]!
                return TimingObservation(
                    key: String(character), typed: tally.typed, errors: tally.errors,
                    meanMilliseconds: tally.timed == 0 ? nil : tally.total / Double(tally.timed))
            },
            bigrams: pairs.keys.sorted().map { TimingObservation(key: $0, typed: pairs[$0]!.count, meanMilliseconds: pairs[$0]!.total / Double(pairs[$0]!.count)) })
    }
}
