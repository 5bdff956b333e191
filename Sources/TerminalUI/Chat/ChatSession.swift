import TypeBarCore
import TypeBarFormats

/// One shift at the chat desk with what the screen adds: the events to record (each with its time) and the
/// two-step Esc. Pure; the loop passes in keys and the time in milliseconds since the shift began.
public struct ChatSession: Sendable {
    public private(set) var shift: ChatShift
    /// Every event handed to the shift, in order, with its time: what the keystroke log holds.
    public private(set) var events: [(event: ChatShift.Event, time: Double)] = []
    public private(set) var view = ChatDeskView()
    /// Pastes refused (typing only counts when typed).
    public private(set) var pastes = 0

    /// What the shift is judged against: Ctrl-N and the chat list count down to its first-reply target.
    public let targets: ChatTargets

    public init(shift: ChatShift, targets: ChatTargets = ChatTargets()) {
        self.shift = shift
        self.targets = targets
        view.firstReplyTarget = targets.maxFirstResponse
    }

    /// Times are kept to the microsecond, so the recorded log reads back to exactly the same numbers.
    /// A recorded shift played back, as the title names it ("replay 3f9a1c2b"): the desk says so and shows the
    /// replay's keys.
    public var replay: String? {
        get { view.replay }
        set { view.replay = newValue }
    }

    public static func recordable(_ milliseconds: Double) -> Double {
        (milliseconds * 1000).rounded() / 1000
    }

    public mutating func advance(to now: Double) {
        shift.advance(to: ChatSession.recordable(now))
        keepPanel(at: ChatSession.recordable(now))
    }

    public mutating func handle(_ action: ChatKeys.Action, at now: Double) {
        let time = ChatSession.recordable(now)
        view.notice = nil
        keepPanel(at: time)
        if view.panelOpen != nil, handlePanel(action, at: time) { return }
        switch action {
        case .escape:
            if view.confirmingLeave {
                apply(.leave, at: time)
            } else {
                shift.advance(to: time)
                view.confirmingLeave = true
            }
        case .shift(.type("/")) where deskTools && slashSearches:
            view.confirmingLeave = false
            open(.search, at: time)
        case .shift(let event):
            view.confirmingLeave = false
            apply(event, at: time)
        case .mostUrgent:
            view.confirmingLeave = false
            apply(.selectLongestWaiting(firstReplyTarget: targets.maxFirstResponse), at: time)
        case .search, .escalate, .close:
            view.confirmingLeave = false
            guard deskTools else { return }
            open(action, at: time)
        case .profile:
            view.confirmingLeave = false
            guard deskTools else { return }
            view.profileShown.toggle()
        case .pasted:
            pastes += 1
        case .resize, .scroll:
            break
        }
    }

    // MARK: - The help desk's tools

    /// Whether the desk has its tools: the knowledge base, actions and profiles (desk and free modes).
    private var deskTools: Bool { shift.mode.judgesChoices && replay == nil }

    /// `/` opens the search in an empty reply or after a space, with the cursor at the end of the reply; elsewhere
    /// (in a blank, inside a word: "and/or") it is typed.
    private var slashSearches: Bool {
        guard let customer = shift.selectedCustomer else { return false }
        let draft = shift.customers[customer].draft
        return draft.activeBlank == nil && (draft.isEmpty || draft.text.last?.isWhitespace == true)
    }

    /// Opens the search, the escalation or the close for the selected customer, or says why not.
    private mutating func open(_ action: ChatKeys.Action, at time: Double) {
        shift.advance(to: time)
        closePanel(at: time)
        guard let index = shift.selectedCustomer else {
            view.notice = "No customer in chat \(shift.selected + 1) yet."
            return
        }
        let customer = shift.customers[index]
        let name = customer.script.name
        switch action {
        case .search:
            guard !customer.status.isFinished else {
                view.notice = shift.isDone(index) ? "\(name)'s chat is finished: nothing to reply to." : "\(name) is served: close the chat with Ctrl-T and a wrap-up tag."
                return
            }
            view.panel = .search(DeskPanel.Search(customer: index, knowledgeBase: shift.knowledgeBase))
        case .escalate:
            guard customer.status.isActive else {
                view.notice = customer.status.isFinished ? "\(name)'s chat is finished: nothing to escalate." : "Nobody to escalate in chat \(shift.selected + 1)."
                return
            }
            view.panel = .escalate(DeskPanel.Escalation(customer: index, teams: shift.scenario.teams))
        case .close:
            guard customer.status.isActive || !shift.isDone(index) else {
                view.notice = "\(name)'s chat is already finished."
                return
            }
            view.panel = .close(DeskPanel.Closing(customer: index, tags: shift.scenario.tags))
        default:
            break
        }
    }

    /// A key while a panel is open; false when the panel leaves it to the desk (after closing, for a key that
    /// switches chats).
    private mutating func handlePanel(_ action: ChatKeys.Action, at time: Double) -> Bool {
        guard var panel = view.panel else { return false }
        view.confirmingLeave = false
        switch action {
        case .escape:
            closePanel(at: time)
            return true
        case .shift(.select), .shift(.leave), .mostUrgent:
            closePanel(at: time)
            return false
        case .search, .escalate, .close:
            let reopen: Bool
            switch (panel, action) {
            case (.search, .search), (.escalate, .escalate), (.close, .close): reopen = false
            default: reopen = true
            }
            closePanel(at: time)
            if reopen { open(action, at: time) }
            return true
        case .profile:
            view.profileShown.toggle()
            return true
        case .resize, .pasted:
            return false
        case .scroll(let lines):
            let step = abs(lines) >= ChatKeys.page ? 5 * lines.signum() : lines
            switch panel {
            case .search(var search): search.move(by: step); panel = .search(search)
            case .escalate(var escalation): escalation.move(by: step); panel = .escalate(escalation)
            case .close(var closing): closing.move(by: step); panel = .close(closing)
            }
            view.panel = panel
            return true
        case .shift(let event):
            switch panel {
            case .search(var search):
                switch event {
                case .type(let character): search.type(character)
                case .backspace: search.backspace()
                case .wordBackspace: search.wordBackspace()
                case .tab, .send:
                    guard let reply = search.chosen else {
                        view.notice = "No reply matches \"\(search.query)\": Backspace widens the search, Esc closes it."
                        return true
                    }
                    view.panel = nil
                    apply(.pick(reply.shortcut, query: search.query), at: time)
                    return true
                default: break
                }
                view.panel = .search(search)
            case .escalate(var escalation):
                switch event {
                case .type(let character):
                    if escalation.team == nil { _ = escalation.choose(character) } else { escalation.type(character) }
                case .backspace: escalation.backspace()
                case .wordBackspace: escalation.wordBackspace()
                case .tab where escalation.team == nil: escalation.confirmTeam()
                case .send:
                    guard let team = escalation.team, let note = escalation.note else {
                        escalation.confirmTeam()
                        break
                    }
                    guard !note.allSatisfy(\.isWhitespace) else {
                        view.notice = "Write the note for \(team) first: what they need to know, with the details."
                        break
                    }
                    view.panel = nil
                    apply(.escalate(team: team, note: TargetText.normaliseWhitespace(note)), at: time)
                    return true
                default: break
                }
                view.panel = .escalate(escalation)
            case .close(var closing):
                var chosen = false
                switch event {
                case .type(let character): chosen = closing.choose(character)
                case .send: chosen = true
                default: break
                }
                view.panel = .close(closing)
                if chosen, let tag = closing.tags.chosen {
                    view.panel = nil
                    apply(.close(tag: tag), at: time)
                }
            }
            return true
        }
    }

    /// Closes the open panel; a search in which something was typed is recorded, so the transcript keeps it.
    private mutating func closePanel(at time: Double) {
        guard let panel = view.panel else { return }
        view.panel = nil
        if case .search(let search) = panel, !search.query.isEmpty, shift.selectedCustomer == search.customer {
            apply(.search(search.query), at: time)
        }
    }

    /// Closes the panel when its customer is no longer there to act on (they left, or the chat was freed), and
    /// says so.
    private mutating func keepPanel(at time: Double) {
        // Asked at every key and wake-up: read from what the view keeps of the tool, not from a copy of it, and of
        // the customer's status alone.
        guard let (index, kind) = view.panelOpen else { return }
        let status = shift.customers[index].status
        let still: Bool
        switch kind {
        case DeskPanel.searchKind: still = !status.isFinished
        case DeskPanel.teamKind, DeskPanel.noteKind: still = status.isActive
        default: still = status.isActive || !shift.isDone(index)
        }
        guard shift.selectedCustomer != index || !still || shift.isOver else { return }
        view.panel = nil
        if case .left = status { view.notice = "\(shift.customers[index].script.name) left: nobody answered in time." }
    }

    /// Applies a recorded event as it was (a replay).
    public mutating func apply(_ event: ChatShift.Event, at time: Double) {
        guard !shift.isOver else { return }
        shift.apply(event, at: time)
        events.append((event, time))
    }

    public func frame(rows: Int, columns: Int, now: Double) -> Frame {
        view.frame(for: shift, rows: rows, columns: columns, now: now)
    }
}
