import TypeBarCore
import TypeBarFormats

/// The chat desk as a pure function of the shift and the window: the chat list (names, state, waits and the
/// first-reply countdown coloured as they grow, the queue), the selected conversation, the reply expected (by
/// mode), the reply box, and a line of announcements that never takes the reply box. 80 x 24 shows every chat in
/// a side list; narrower or shorter windows show the chats as tabs on one line; below 40 x 12 the screen says how
/// big it must be. What the agent must read to act (the reply expected, a notice, the Esc prompt) is wrapped,
/// never cut: the conversation gives up rows first, and a reply too long even then scrolls with the draft.
///
/// In desk and free modes the desk is a help desk's: the customer's profile beside the conversation from
/// `profileColumns` columns (in its place, on Ctrl-P, below that), and the knowledge-base search, the escalation
/// and the close drawn over the lower part of the conversation while they are open (ChatDeskView+Desk.swift).
public struct ChatDeskView: Sendable {
    public static let minimumColumns = 40
    public static let minimumRows = 12
    /// Waits past these many seconds are shown as a warning, then in red.
    public static let longWait = 30.0
    public static let veryLongWait = 60.0
    /// A customer this close (seconds) to leaving is shown as leaving.
    public static let aboutToLeave = 15.0
    /// How long an announcement stays on its line, in milliseconds.
    public static let announcementMilliseconds = 8000.0

    /// The first Esc of two was pressed: the bottom lines ask for the second.
    public var confirmingLeave = false
    /// Seconds from a customer's arrival to the first reply the shift is judged by: the chat list counts down to it.
    public var firstReplyTarget = 60.0
    /// A recorded shift played back: what the title says of it ("replay 3f9a1c2b at 4×"); the key bar then gives
    /// the replay's keys.
    public var replay: String?
    /// The help desk's tool open for the chat shown, if any (desk and free modes).
    public var panel: DeskPanel?
    /// Ctrl-P: the customer's profile in place of the conversation, in a window too narrow to show it beside it.
    public var profileShown = false
    /// A notice about the last key from the desk's side (why a tool did not open); the shift's own notice otherwise.
    public var notice: String?
    /// The wrapped conversation and reply hint of the chat shown, kept while they stay the same, so a keystroke
    /// re-wraps nothing.
    let cache = WrappedLines()

    public init() {}

    /// Whether the window is big enough for the side list (else tabs).
    static func usesSideList(rows: Int, columns: Int) -> Bool { columns >= 64 && rows >= 18 }

    public func frame(for shift: ChatShift, rows: Int, columns: Int, now: Double) -> Frame {
        guard columns >= ChatDeskView.minimumColumns, rows >= ChatDeskView.minimumRows else {
            return ChatDeskView.tooSmall(rows: rows, columns: columns)
        }
        let sideList = ChatDeskView.usesSideList(rows: rows, columns: columns)
        let listWidth = sideList ? 22 : 0
        let top = 2
        let left = listWidth
        // The reply box takes the whole width right of the list; the conversation and what goes under it leave the
        // profile pane its columns.
        let width = columns - left
        // Ctrl-P shows the profile in the conversation's place at any width (the whole of one too long for the pane).
        let profileInstead = profileShown && shift.mode.judgesChoices && shift.selectedCustomer != nil
        let pane = sideList && shift.mode.judgesChoices && columns >= ChatDeskView.profileColumns && !profileInstead ? ChatDeskView.paneWidth(columns: columns) : 0
        let talk = width - pane
        // From the bottom: the key bar, the announcement (or a notice, or the Esc prompt, wrapped), the reply box,
        // the reply expected (or an open tool), the line over it, and the conversation in what is left.
        let footer = footerLines(for: shift, now: now, columns: columns)
        let footerTop = rows - footer.count
        let replyLines = sideList ? 3 : 2
        let replyTop = footerTop - replyLines
        let panel = self.panel.flatMap { shift.selectedCustomer == $0.customer ? $0 : nil }
        let upper = profileInstead ? profileView(for: shift, width: talk - 2) : conversationLines(for: shift, width: talk - 2)
        let guide = panel == nil ? self.guide(for: shift, width: talk - 2) : Guide()
        let region = replyTop - top
        let room = region - 1
        // Rows the conversation keeps: none in guided mode, where the reply shown is all there is to type; in the
        // other modes the details to fill in are in the customer's messages.
        let kept = shift.mode == .guided ? 0 : min(upper.count, 2)
        var lowerRows = min(guide.lines.count, max(1, room - kept))
        var panelRows: [PanelRow] = []
        if let panel {
            panelRows = self.panelRows(panel, shift: shift, width: talk - 2, rows: region)
            lowerRows = min(panelRows.count, region)
        }
        // No line over a tool that takes every row.
        let divider = lowerRows >= region ? top - 1 : replyTop - lowerRows - 1
        let hintStart = panel == nil && guide.lines.count > lowerRows ? guide.firstLine(showing: typingPosition(in: shift, guide: guide), rows: lowerRows) : 0

        // Everything but the reply box and an open tool changes only with the second, the shift's state, the
        // drafts' presence, a notice, an announcement fading, the reply expected scrolling, or a tool opening,
        // closing or changing its height: between those, a keystroke redraws the reply box (or the tool) alone.
        let fresh = shift.announcements.last.map { now - $0.time < ChatDeskView.announcementMilliseconds } ?? false
        let background = WrappedLines.Background(
            rows: rows, columns: columns, second: Int(max(0, now) / 1000), revision: shift.revision,
            drafts: shift.chats.map { chat in chat.map { !shift.customers[$0].draft.isEmpty } ?? false },
            notice: notice ?? shift.notice, confirmingLeave: confirmingLeave, announcementFresh: fresh, hintStart: hintStart,
            panel: panel.map(WrappedLines.kind) ?? 0, panelRows: lowerRows, profileShown: profileInstead)
        var frame = cache.background(background) {
            var frame = Frame(width: columns, height: rows)
            drawTitle(&frame, shift: shift, now: now)
            if sideList {
                drawSideList(&frame, shift: shift, now: now, width: listWidth, top: top, bottom: footerTop)
            } else {
                drawTabs(&frame, shift: shift, now: now, row: 1)
            }
            let shown = max(0, divider - top)
            var visible = profileInstead ? Array(upper.prefix(shown)) : Array(upper.suffix(shown))
            // Over an open tool, a few rows that cannot hold the latest message show its start: who wrote and
            // what they asked.
            if panel != nil, !profileInstead, let last = upper.lastIndex(where: \.starts), upper.count - last > shown {
                visible = Array(upper[last..<(last + shown)])
            }
            for (offset, line) in visible.enumerated() {
                line.draw(into: &frame, row: top + offset, column: left + 1)
            }
            if divider >= top { frame.put(String(repeating: "─", count: max(0, talk - 1)), row: divider, column: left, role: .dim) }
            if panel == nil {
                for (offset, line) in guide.lines.dropFirst(hintStart).prefix(lowerRows).enumerated() {
                    frame.put(line, row: divider + 1 + offset, column: left + 1, role: guide.role)
                }
                // Arrows in the last column say the reply expected goes on above or below.
                if hintStart > 0 { frame.put("↑", row: divider + 1, column: left + talk - 1, role: .key) }
                if hintStart + lowerRows < guide.lines.count { frame.put("↓", row: replyTop - 1, column: left + talk - 1, role: .key) }
            }
            if pane > 0 { drawProfilePane(&frame, shift: shift, top: top, bottom: replyTop, left: columns - pane, width: pane) }
            for (offset, line) in footer.enumerated() { frame.put(line.0, row: footerTop + offset, column: 0, role: line.1) }
            return frame
        }
        drawReplyBox(&frame, shift: shift, top: replyTop, lines: replyLines, left: left + 1, width: width - 2)
        if panel != nil {
            drawPanel(&frame, rows: panelRows, top: divider + 1, count: lowerRows, left: left + 1, width: talk - 2)
        }
        return frame
    }

    // MARK: - Parts

    /// The title: the scenario and mode on the left, cut before the count served and the time left on the right.
    private func drawTitle(_ frame: inout Frame, shift: ChatShift, now: Double) {
        let left = max(0, shift.deadline - now) / 1000
        let served = shift.customers.filter { if case .served = $0.status { true } else { false } }.count
        let counts = String(served) + "/" + String(shift.customers.count)
        let clocks = [counts + " served · " + ChatDeskView.clock(left) + " left ", counts + " · " + ChatDeskView.clock(left) + " "]
        let clock = clocks.first { DisplayWidth.of($0) + 14 <= frame.width } ?? clocks[1]
        let room = frame.width - DisplayWidth.of(clock) - 1
        let brands = replay.map { [" typebar chat · " + $0, " " + $0, " replay"] } ?? [" typebar chat", " typebar"]
        let brand = brands.first { DisplayWidth.of($0) <= room } ?? brands[brands.count - 1]
        var column = frame.put(brand, row: 0, column: 0, role: .title)
        let about = " · \(shift.scenario.name) · \(shift.mode.rawValue)"
        column = frame.put(ChatDeskView.fitted(about, width: room - column), row: 0, column: column, role: .dim)
        frame.put(clock, row: 0, column: frame.width - DisplayWidth.of(clock), role: left < 30 ? .bad : .status)
    }

    /// `text` if it fits `width` columns, else cut with "…" (nothing when too little would be left).
    static func fitted(_ text: String, width: Int) -> String {
        if DisplayWidth.of(text) <= width { return text }
        guard width >= 6 else { return "" }
        var cut = ""
        for character in text {
            if DisplayWidth.of(cut) + DisplayWidth.of(character) + 1 > width { break }
            cut.append(character)
        }
        return cut + "…"
    }

    /// What a chat's line says about its customer, long (the side list) and short (a tab), and in which role.
    struct State: Equatable {
        var text: String
        var short: String
        var role: Role
        /// One character for a tab in a window too narrow for `short`.
        var tiny = ""
    }

    /// A waiting customer's state: leaving soon, else (still owed a first reply) the countdown to the first-reply
    /// target or how far past it, else how long they have waited.
    func state(of customer: Int?, in shift: ChatShift, now: Double) -> State {
        guard let customer else { return State(text: "empty", short: "", role: .dim) }
        let status = shift.customers[customer].status
        switch status {
        case .waiting(let since), .queued(let since):
            let waited = max(0, now - since) / 1000
            let left = (since + shift.patience(of: customer) - now) / 1000
            if left <= ChatDeskView.aboutToLeave {
                let seconds = String(Int(max(0, left).rounded(.up)))
                return State(text: "leaving in " + seconds + " s!", short: "!" + seconds + "s", role: .bad, tiny: "!")
            }
            if case .waiting = status, shift.customers[customer].firstReply == nil {
                let due = (shift.customers[customer].arrival - now) / 1000 + firstReplyTarget
                if due > 0 {
                    let shown = ChatDeskView.clock(due.rounded(.up))
                    return State(text: "reply due in " + shown, short: "due " + shown, role: due <= firstReplyTarget / 2 ? .warning : .plain, tiny: "!")
                }
                return State(text: "reply overdue " + ChatDeskView.clock(-due), short: "late " + ChatDeskView.clock(-due), role: .bad, tiny: "!")
            }
            let role: Role = waited >= ChatDeskView.veryLongWait ? .bad : waited >= ChatDeskView.longWait ? .warning : .plain
            return State(text: "waits " + ChatDeskView.clock(waited), short: ChatDeskView.clock(waited), role: role, tiny: "!")
        case .typing: return State(text: "typing…", short: "…", role: .dim, tiny: "…")
        case .holding: return State(text: "on hold: your move", short: "hold", role: .warning, tiny: "h")
        case .served:
            return shift.isDone(customer)
                ? State(text: "served ✓", short: "✓", role: .good, tiny: "✓")
                : State(text: "served: close it", short: "close", role: .warning, tiny: "c")
        case .left: return State(text: "left ✗", short: "✗", role: .bad, tiny: "✗")
        case .transferred: return State(text: "transferred", short: "→", role: .dim, tiny: "→")
        case .closed: return State(text: "closed unserved ✗", short: "✗", role: .bad, tiny: "✗")
        case .expected: return State(text: "", short: "", role: .dim)
        }
    }

    /// The chats, three rows each (two when that leaves no room for the queue: six chats in 80 x 24), then the
    /// queue: each customer in it with their wait, as many as fit above `bottom` and a "+N more" line for the rest.
    private func drawSideList(_ frame: inout Frame, shift: ChatShift, now: Double, width: Int, top: Int, bottom: Int) {
        var row = top
        let perChat = shift.chats.count * 3 + 2 <= bottom - top ? 3 : 2
        for (chat, customer) in shift.chats.enumerated() {
            let selected = chat == shift.selected
            let name = customer.map { shift.customers[$0].script.name } ?? "—"
            var column = frame.put(selected ? "▶" : " ", row: row, column: 0, role: .key)
            column = frame.put("F" + String(chat + 1) + " ", row: row, column: column, role: .key)
            frame.put(String(name.prefix(width - column - 1)), row: row, column: column, role: selected ? .title : .plain)
            let state = state(of: customer, in: shift, now: now)
            frame.put(state.text, row: row + 1, column: 3, role: state.role)
            if let customer, !shift.customers[customer].draft.isEmpty, !shift.customers[customer].status.isFinished {
                frame.put("✎", row: row, column: width - 2, role: .dim)
            }
            row += perChat
        }
        if !shift.queue.isEmpty, row < bottom {
            frame.put(" " + String(shift.queue.count) + " in the queue", row: row, column: 0, role: .mark)
            row += 1
            for (number, customer) in shift.queue.enumerated() where row < bottom {
                if row == bottom - 1, number < shift.queue.count - 1 {
                    frame.put("   +" + String(shift.queue.count - number) + " more", row: row, column: 0, role: .mark)
                    break
                }
                let state = state(of: customer, in: shift, now: now)
                // The name in what is left of the list after the indent, a space, the wait and a space before the bar.
                let name = String(shift.customers[customer].script.name.prefix(width - 2 - 2 - 1 - DisplayWidth.of(state.text)))
                let column = frame.put(name + " ", row: row, column: 2, role: .plain)
                frame.put(state.text, row: row, column: column, role: state.role)
                row += 1
            }
        }
        for line in 1..<max(1, bottom) { frame.put("│", row: line, column: width - 1, role: .dim) }
    }

    /// The chats on one line. When they do not fit the width, the other chats' names are cut shorter, then the
    /// queue's wait goes, then the other chats' states shrink to one character, then the selected chat's name is
    /// cut too, and last the queue says only its count.
    private func drawTabs(_ frame: inout Frame, shift: ChatShift, now: Double, row: Int) {
        let states = shift.chats.map { state(of: $0, in: shift, now: now) }
        let names = shift.chats.map { customer in customer.map { shift.customers[$0].script.name } ?? "—" }
        let longest = shift.queue.first.map { state(of: $0, in: shift, now: now) }
        let queueRole: Role = longest.map { $0.role == .plain ? .mark : $0.role } ?? .mark
        /// How much each tab says: the selected name's length, the others', whether the queue shows its wait and
        /// the word "queued", whether the other chats' states are one character.
        struct Fit { var selected: Int; var other: Int; var queueWait: Bool; var queueWord = true; var tiny = false }
        func tab(_ chat: Int, _ fit: Fit) -> (name: String, state: String) {
            let selected = chat == shift.selected
            let shown = String(names[chat].prefix(selected ? fit.selected : fit.other))
            let state = fit.tiny && !selected ? states[chat].tiny : states[chat].short
            let name = String(chat + 1) + (shown.isEmpty ? "" : " " + shown)
            return (name, state.isEmpty ? "" : (fit.tiny && !selected ? state : " " + state))
        }
        func queueText(_ fit: Fit) -> String {
            guard let longest else { return "" }
            return "+" + String(shift.queue.count) + (fit.queueWord ? " queued" : "") + (fit.queueWait ? " " + longest.short : "")
        }
        var fits: [Fit] = []
        for other in [8, 6, 4, 3, 2, 1, 0] { fits.append(Fit(selected: 8, other: other, queueWait: true)) }
        for other in [1, 0] { fits.append(Fit(selected: 8, other: other, queueWait: false)) }
        fits.append(Fit(selected: 8, other: 0, queueWait: false, tiny: true))
        for selected in [8, 6, 4, 3, 2, 1, 0] { fits.append(Fit(selected: selected, other: 0, queueWait: false, queueWord: false, tiny: true)) }
        func width(_ fit: Fit) -> Int {
            let queue = longest == nil ? 0 : 1 + DisplayWidth.of(queueText(fit))
            return shift.chats.indices.reduce(queue) { total, chat in
                let parts = tab(chat, fit)
                return total + 2 + DisplayWidth.of(parts.name) + DisplayWidth.of(parts.state)
            }
        }
        let fit = fits.first { width($0) <= frame.width } ?? fits[fits.count - 1]
        var column = 0
        for chat in shift.chats.indices {
            let selected = chat == shift.selected
            let parts = tab(chat, fit)
            column = frame.put(selected ? "[" : " ", row: row, column: column, role: .key)
            column = frame.put(parts.name, row: row, column: column, role: selected ? .title : .plain)
            if parts.state.hasPrefix(" ") {
                column = frame.put(" ", row: row, column: column, role: .plain)
                column = frame.put(String(parts.state.dropFirst()), row: row, column: column, role: states[chat].role)
            } else {
                column = frame.put(parts.state, row: row, column: column, role: states[chat].role)
            }
            column = frame.put(selected ? "]" : " ", row: row, column: column, role: .key)
        }
        if longest != nil {
            frame.put(queueText(fit), row: row, column: column + 1, role: queueRole)
        }
    }

    /// The selected chat's conversation, wrapped, with a last line for a customer typing, served or gone. Each
    /// message says who wrote it and, at the help desk, what it is: a customer nudging, a customer correcting the
    /// agent, an answer to a question, and the agent's internal notes, which the customer never saw.
    private func conversationLines(for shift: ChatShift, width: Int) -> [DeskLine] {
        guard width > 10 else { return [] }
        guard let index = shift.selectedCustomer else { return [DeskLine("No customer in chat \(shift.selected + 1) yet.", .dim)] }
        let customer = shift.customers[index]
        let key = WrappedLines.Key(customer: index, count: customer.messages.count, state: WrappedLines.state(customer, in: shift), width: width)
        return cache.conversation(key) {
            let name = customer.script.name
            var lines: [DeskLine] = []
            for message in customer.messages {
                let (label, labelRole, role): (String, Role, Role) = switch message.kind {
                case .message: (name + ":", .plain, .plain)
                case .nudge: (name + " nudges:", .warning, .plain)
                case .reaction: (name + " corrects you:", .bad, .plain)
                case .answer: (name + " answers:", .plain, .plain)
                case .reply: ("You:", .dim, .dim)
                case .note: ("[internal note, not sent]", .mark, .dim)
                }
                // Continuation lines are indented under the first: every line is wrapped two columns short.
                let wrapped = wrapWords(label + " " + message.text, width: width - 2)
                for (number, line) in wrapped.enumerated() {
                    if number == 0 {
                        lines.append(DeskLine(line, role, label: min(label.count, line.count), labelRole: labelRole, starts: true))
                    } else {
                        lines.append(DeskLine("  " + line, role))
                    }
                }
            }
            func say(_ text: String, _ role: Role) {
                lines += wrapWords(text, width: width).map { DeskLine($0, role) }
            }
            switch customer.status {
            case .typing: say("\(name) is typing…", .dim)
            case .holding: say("\(name) has your answer and is on hold, waiting for your next action.", .warning)
            case .served:
                if !shift.mode.judgesChoices {
                    say("\(name) is served and has left the chat.", .good)
                } else if let tag = customer.closedTag {
                    say("\(name) is served; chat closed as \(tag).", .good)
                } else {
                    say("\(name) is served: close the chat with Ctrl-T and a wrap-up tag.", .good)
                }
            case .left: say("\(name) left: nobody answered in time.", .bad)
            case .transferred: say("\(name) was transferred; the chat is free.", .dim)
            case .closed: say("Chat closed before \(name) was served.", .bad)
            default: break
            }
            return lines
        }
    }

    /// What goes under the line: the reply expected while the customer waits for one (by mode), else in template
    /// and macros modes where the details come from.
    private func guide(for shift: ChatShift, width: Int) -> Guide {
        guard width > 10, let index = shift.selectedCustomer else { return Guide() }
        let customer = shift.customers[index]
        let waiting = if case .waiting = customer.status { customer.turn < customer.script.turns.count } else { false }
        // The help desk's hint also says what to do once a reply is started.
        let started = shift.mode.judgesChoices && !customer.draft.isEmpty ? 1 : 0
        let key = WrappedLines.Key(customer: index, count: customer.turn, state: WrappedLines.state(customer, in: shift) * 2 + started, width: width)
        return cache.hint(key) {
            if shift.mode.judgesChoices { return deskGuide(for: shift, customer: index, width: width) }
            guard waiting else {
                if customer.status.isFinished || shift.mode == .guided { return Guide() }
                return Guide(lines: wrapWords("Details are in the customer's messages; the name is in the chat list.", width: width), role: .dim)
            }
            let turn = customer.script.turns[customer.turn]
            let lead: String
            let reply: String
            switch shift.mode {
            case .guided:
                lead = "Type: "
                reply = TargetText.normaliseWhitespace(turn.reply.filled(with: customer.script.details))
            case .template:
                lead = "Reply: "
                reply = turn.reply.display
            case .macros:
                lead = turn.macro.map { "Macro: /\($0) then Tab, fill the blanks (Tab to the next): " } ?? "No macro for this one. Reply: "
                reply = turn.reply.display
            case .desk, .free:
                return Guide()
            }
            return Guide(lines: wrapWords(lead + reply, width: width), role: .mark, lead: lead.count)
        }
    }

    /// Where in the reply expected the agent has got to: the lead and as many characters as the draft holds. In
    /// macros mode, until a macro is inserted, the start, which names the macro to use.
    private func typingPosition(in shift: ChatShift, guide: Guide) -> Int {
        guard let index = shift.selectedCustomer else { return 0 }
        let pieces = shift.customers[index].draft.pieces
        if shift.mode == .macros, !pieces.contains(where: { if case .typed = $0 { false } else { true } }) { return 0 }
        let drafted = pieces.reduce(0) { count, piece in
            switch piece {
            case .typed(let characters), .canned(let characters): count + characters.count
            case .blank(let name, let content): count + (content.isEmpty ? name.count + 2 : content.count)
            }
        }
        return guide.lead + drafted
    }

    /// The bottom lines: the announcement line (a notice from the last key, or the newest announcement about
    /// another chat while it is fresh), then the keys. While Esc waits for its second, the prompt takes both.
    /// A notice or the prompt wraps onto more lines when the window is narrow.
    private func footerLines(for shift: ChatShift, now: Double, columns: Int) -> [(String, Role)] {
        let width = max(1, columns - 1)
        if confirmingLeave {
            let prompt = wrapWords("Esc again ends the shift; any other key stays. Customers still waiting count as not served.", width: width)
            return Array(repeating: ("", .plain), count: max(0, 2 - prompt.count)) + prompt.map { (" " + $0, .bad) }
        }
        var lines: [(String, Role)] = [("", .plain)]
        if let notice = notice ?? shift.notice {
            lines = wrapWords(notice, width: width).map { (" " + $0, .bad) }
        } else if let latest = shift.announcements.last(where: { $0.chat != shift.selected }),
                  now - latest.time < ChatDeskView.announcementMilliseconds {
            lines = [(ChatDeskView.fitted(" ● " + announcement(latest, in: shift), width: columns), .mark)]
        }
        return lines + [(keyBar(for: shift, columns: columns), .dim)]
    }

    /// An announcement as the desk words it: a customer's reaction or answer says what it is, and a message in
    /// another chat gives its start after the chat's key.
    func announcement(_ announcement: ChatShift.Announcement, in shift: ChatShift) -> String {
        guard let chat = announcement.chat, let index = shift.chats[chat],
              announcement.text.hasPrefix(shift.customers[index].script.name + " "),
              let message = shift.customers[index].messages.last(where: { $0.time == announcement.time && $0.fromCustomer }) else {
            return announcement.text + (announcement.chat.map { " (F" + String($0 + 1) + ")" } ?? "")
        }
        let name = shift.customers[index].script.name
        let key = " (F" + String(chat + 1) + "): "
        switch message.kind {
        case .reaction: return name + " corrects you in chat " + String(chat + 1) + key + message.text
        case .nudge: return name + " nudges in chat " + String(chat + 1) + key + message.text
        case .answer: return name + " answers in chat " + String(chat + 1) + key + message.text
        default: return announcement.text + key + message.text
        }
    }

    /// The keys, as many as fit. Guided, template and macros modes: the Alt keys go first, then the macro hint and
    /// Ctrl-N. Desk and free modes name their tools first, and while a tool is open, its own keys. One chat has
    /// nothing to switch to; a replay has only its own keys. The intro names them all.
    func keyBar(for shift: ChatShift, columns: Int) -> String {
        let chats = shift.chats.count
        if replay != nil {
            return [" Replay: Esc or q stops it", " Esc or q stops"].first { DisplayWidth.of($0) <= columns } ?? " Esc or q stops"
        }
        if shift.mode.judgesChoices {
            return ChatDeskView.fittedKeys(deskKeys(for: shift, columns: columns), columns: columns)
        }
        let bars: [String]
        let macro = shift.mode == .macros ? " · /macro Tab" : ""
        if chats > 1 {
            let chat = "F1-F\(chats)"
            bars = [
                " \(chat)/Alt-1..\(chats) chat · Ctrl-N most urgent · Enter send\(macro) · Esc Esc end",
                " \(chat) chat · Ctrl-N most urgent · Enter send\(macro) · Esc Esc end",
                " \(chat) chat · Ctrl-N urgent · Enter send · Esc Esc end",
                " \(chat) chat · Enter send · Esc Esc end",
            ]
        } else {
            bars = [" Enter send\(macro) · Esc Esc end the shift", " Enter send\(macro) · Esc Esc end", " Enter send · Esc Esc end"]
        }
        return bars.first { DisplayWidth.of($0) <= columns } ?? bars[bars.count - 1]
    }

    /// The help desk's keys in the order shown, each with its rank (0 the last to go) and a shorter form.
    private func deskKeys(for shift: ChatShift, columns: Int) -> [(text: String, short: String, rank: Int)] {
        let chats = shift.chats.count
        switch panel {
        case .search:
            return [("type to narrow", "type", 3), ("↑↓ choose", "↑↓", 1), ("Tab or Enter insert", "Tab insert", 0), ("Esc close", "Esc", 2)]
        case .escalate(let escalation) where escalation.team == nil:
            let count = escalation.teams.items.count
            return [("↑↓, 1-\(count) or first letter: team", "↑↓ 1-\(count)", 1), ("Enter next", "Enter", 0), ("Esc cancel", "Esc", 2)]
        case .escalate:
            return [("type the internal note", "note", 2), ("Enter escalate", "Enter", 0), ("Esc cancel", "Esc", 1)]
        case .close(let closing):
            let count = closing.tags.items.count
            return [("↑↓, 1-\(count) or first letter: tag", "↑↓ 1-\(count)", 1), ("Enter close the chat", "Enter close", 0), ("Esc cancel", "Esc", 2)]
        case nil:
            var keys: [(String, String, Int)] = []
            if chats > 1 { keys.append(("F1-F\(chats) chat", "F1-F\(chats)", 0)) }
            keys.append(("/ search", "/ search", 1))
            keys.append(("Enter send", "Enter", 6))
            keys.append(("Ctrl-E escalate", "^E escalate", 2))
            keys.append(("Ctrl-T close", "^T close", 3))
            if columns < ChatDeskView.profileColumns { keys.append(("Ctrl-P profile", "^P profile", 4)) }
            if chats > 1 { keys.append(("Ctrl-N most urgent", "Ctrl-N urgent", 7)) }
            keys.append(("Esc Esc end", "Esc Esc end", 5))
            return keys
        }
    }

    /// The keys joined with " · ", as many as fit `columns`: in their long forms, the highest ranks left out one by
    /// one while at least three keys are left; then in their short forms, again leaving out the highest ranks.
    static func fittedKeys(_ keys: [(text: String, short: String, rank: Int)], columns: Int) -> String {
        for long in [true, false] {
            var kept = keys
            while true {
                let bar = " " + kept.map { long ? $0.text : $0.short }.joined(separator: " · ")
                if DisplayWidth.of(bar) <= columns { return bar }
                guard kept.count > (long ? 3 : 1), let drop = kept.indices.max(by: { kept[$0].rank < kept[$1].rank }) else { break }
                kept.remove(at: drop)
            }
        }
        return " " + (keys.min { $0.rank < $1.rank }?.short ?? "")
    }

    private func drawReplyBox(_ frame: inout Frame, shift: ChatShift, top: Int, lines: Int, left: Int, width: Int) {
        guard let index = shift.selectedCustomer else { return }
        let customer = shift.customers[index]
        if customer.status.isFinished { return }
        // The draft as characters with roles: typed plain, canned dim, blanks marked, the active blank as keys.
        var characters: [Character] = []
        var roles: [Role] = []
        var cursor = 0
        for (number, piece) in customer.draft.pieces.enumerated() {
            switch piece {
            case .typed(let typed):
                characters += typed
                roles += Array(repeating: .plain, count: typed.count)
            case .canned(let canned):
                characters += canned
                roles += Array(repeating: .correct, count: canned.count)
            case .blank(let name, let content):
                let active = customer.draft.activeBlank == number
                let shown = content.isEmpty ? Array("[\(name)]") : content
                characters += shown
                roles += Array(repeating: active ? .key : (content.isEmpty ? .mark : .plain), count: shown.count)
                if active { cursor = characters.count - (content.isEmpty ? shown.count : 0) }
            }
        }
        if customer.draft.activeBlank == nil { cursor = characters.count }
        frame.put(">", row: top, column: left - 1 >= 0 ? left - 1 : 0, role: .key)
        let layout = TextLayout(characters: characters, width: max(1, width - 2))
        let cursorLine = layout.line(of: cursor)
        let first = max(0, cursorLine - (lines - 1))
        for line in first..<min(layout.lines.count, first + lines) {
            for index in layout.lines[line] {
                frame.put(characters[index], row: top + line - first, column: left + 1 + layout.columns[index], role: roles[index])
            }
        }
        let cursorColumn: Int
        if cursor < characters.count {
            cursorColumn = layout.columns[cursor]
        } else if let last = layout.lines[cursorLine].last {
            cursorColumn = layout.columns[last] + max(1, DisplayWidth.of(characters[last]))
        } else {
            cursorColumn = 0
        }
        frame.cursor = (top + cursorLine - first, min(frame.width - 1, left + 1 + cursorColumn))
    }

    // MARK: - Helpers

    /// `m:ss`.
    static func clock(_ seconds: Double) -> String {
        let whole = Int(max(0, seconds))
        let rest = whole % 60
        return String(whole / 60) + (rest < 10 ? ":0" : ":") + String(rest)
    }

    static func tooSmall(rows: Int, columns: Int) -> Frame {
        var frame = Frame(width: columns, height: rows)
        let lines = [
            "Window too small: \(columns) x \(rows).",
            "The chat desk needs \(minimumColumns) x \(minimumRows);",
            "80 x 24 shows every chat.",
            "Make it bigger, or press",
            "Esc twice to leave.",
        ]
        var row = 0
        for line in lines {
            for part in wrapWords(line, width: max(1, columns)) where row < rows {
                frame.put(part, row: row, column: 0, role: .bad)
                row += 1
            }
        }
        return frame
    }

    /// When the screen next looks different without a key: the next whole second of a wait or the clock, or the
    /// next happening on the customers' side, or an announcement fading. Nil when nothing will change.
    public static func nextRedraw(for shift: ChatShift, now: Double) -> Double? {
        guard !shift.isOver else { return nil }
        // The clock in the title counts down every second while the shift runs.
        var next = now + 1000 - now.truncatingRemainder(dividingBy: 1000)
        if let happening = shift.nextHappening { next = min(next, happening) }
        if let latest = shift.announcements.last, latest.time + announcementMilliseconds > now {
            next = min(next, latest.time + announcementMilliseconds)
        }
        return max(now, next)
    }
}

/// The last wrapped conversation, hint and profile, by what they were wrapped from. Used on the main actor only.
final class WrappedLines: @unchecked Sendable {
    struct Key: Equatable {
        var customer: Int
        /// Messages for the conversation, the turn for the hint.
        var count: Int
        var state: Int
        var width: Int
    }

    private var conversationKey: Key?
    private var conversationLines: [DeskLine] = []
    private var hintKey: Key?
    private var hintGuide = Guide()

    /// What the screen apart from the reply box is drawn from.
    struct Background: Equatable {
        var rows: Int
        var columns: Int
        var second: Int
        var revision: Int
        var drafts: [Bool]
        var notice: String?
        var confirmingLeave: Bool
        var announcementFresh: Bool
        /// The first line of the reply expected shown, when it is too long for its rows.
        var hintStart: Int
        /// The tool open (`kind`, 0 for none), the rows under the line, and whether the profile is shown instead of
        /// the conversation.
        var panel: Int
        var panelRows: Int
        var profileShown: Bool
    }

    private var backgroundKey: Background?
    private var backgroundFrame: Frame?

    func background(_ key: Background, make: () -> Frame) -> Frame {
        if key != backgroundKey || backgroundFrame == nil {
            backgroundFrame = make()
            backgroundKey = key
        }
        return backgroundFrame!
    }

    /// What the conversation's last line and the reply expected depend on besides the messages and the turn.
    static func state(_ customer: ChatShift.Customer, in shift: ChatShift) -> Int {
        switch customer.status {
        case .expected, .queued, .waiting: 0
        case .typing: 1
        case .served: customer.closedTag == nil ? 2 : 3
        case .left: 4
        case .holding: 5
        case .transferred: 6
        case .closed: 7
        }
    }

    /// A tool as the kept frame knows it: which one is open.
    static func kind(_ panel: DeskPanel) -> Int {
        switch panel {
        case .search: 1
        case .escalate(let escalation): escalation.team == nil ? 2 : 3
        case .close: 4
        }
    }

    private var profileKey: Key?
    private var profileLines: [DeskLine] = []

    func profile(_ key: Key, make: () -> [DeskLine]) -> [DeskLine] {
        if key != profileKey {
            profileLines = make()
            profileKey = key
        }
        return profileLines
    }

    func conversation(_ key: Key, make: () -> [DeskLine]) -> [DeskLine] {
        if key != conversationKey {
            conversationLines = make()
            conversationKey = key
        }
        return conversationLines
    }

    func hint(_ key: Key, make: () -> Guide) -> Guide {
        if key != hintKey {
            hintGuide = make()
            hintKey = key
        }
        return hintGuide
    }
}

/// What is shown under the conversation's line, wrapped: the reply expected or a tip.
struct Guide {
    var lines: [String] = []
    var role: Role = .dim
    /// Characters before the reply itself ("Type: "), so the agent's place in it can be found.
    var lead = 0

    /// The first of `rows` lines to show so the line holding character `position` is on screen, with the line
    /// before it when there is room for more than two.
    func firstLine(showing position: Int, rows: Int) -> Int {
        var line = 0
        var end = 0
        for (number, text) in lines.enumerated() {
            // wrapWords dropped the space that ended each line.
            end += text.count + 1
            line = number
            if position < end { break }
        }
        return max(0, min(line - (rows > 2 ? 1 : 0), lines.count - rows))
    }
}
