import TypeBarCore

extension ChatSession {
    /// Plays a few moments of `scenario` where nobody sees them and throws them away: the first customer arrives, a
    /// search is opened and narrowed, its reply goes in, a character is typed into it and taken back, the other
    /// tools open and close, with a frame drawn after each step. What the desk does only at a tool's first use in
    /// a program (Swift building the metadata of generic types at run time, the code's pages touched for the first
    /// time) is then done before the shift, not at the agent's first search or Tab. Run on another thread while
    /// the intro is read; it shares nothing with the shift that follows, and writes nothing anywhere. Returns the
    /// events it played.
    @discardableResult
    public static func rehearse(_ scenario: ChatScenario, mode: ChatShift.Mode, chats: Int?) -> [ChatShift.Event] {
        var session = ChatSession(shift: ChatShift(scenario: scenario, mode: mode, chats: chats))
        var now = 0.0
        func step(_ actions: ChatKeys.Action...) {
            for action in actions { session.handle(action, at: now) }
            _ = session.frame(rows: 24, columns: 80, now: now)
            now += 100
        }
        step()
        // Up to the first customer, or the first few things to happen on the customers' side.
        var happenings = 0
        while session.shift.selectedCustomer == nil, happenings < 20, let next = session.shift.nextHappening, !session.shift.isOver {
            now = max(now, next)
            session.advance(to: now)
            happenings += 1
        }
        guard session.shift.selectedCustomer != nil, !session.shift.isOver else { return [] }
        step()
        let letter: Character = session.shift.knowledgeBase.replies.first?.shortcut.first ?? "a"
        if mode.judgesChoices {
            step(.shift(.type("/")))
            step(.shift(.type(letter)))
            step(.shift(.backspace))
            step(.shift(.type(letter)))
            step(.shift(.tab))
        }
        step(.shift(.type("a")))
        step(.shift(.type(" ")))
        step(.shift(.backspace))
        step(.shift(.tab))
        if mode.judgesChoices {
            step(.profile)
            step(.profile)
            step(.escalate)
            step(.escape)
            step(.close)
            step(.escape)
        }
        step(.escape)
        return session.events.map(\.event)
    }
}
