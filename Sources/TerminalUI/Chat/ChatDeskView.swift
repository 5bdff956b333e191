import TypeBarCore
import TypeBarFormats

/// The chat desk as a pure function of the shift and the window: the chat list (names, state, waits coloured as
/// they grow), the selected conversation, the reply expected (by mode), the reply box, and one line of
/// announcements that never takes the reply box. 80 x 24 shows every chat in a side list; narrower or shorter
/// windows show the chats as tabs on one line; below 40 x 12 the screen says how big it must be.
public struct ChatDeskView: Sendable {
    public static let minimumColumns = 40
    public static let minimumRows = 12
    /// Waits past these many seconds are shown in yellow, then red.
    public static let longWait = 30.0
    public static let veryLongWait = 60.0
    /// A customer this close (seconds) to leaving is shown as leaving.
    public static let aboutToLeave = 15.0
    /// How long an announcement stays on its line, in milliseconds.
    public static let announcementMilliseconds = 8000.0

    /// The first Esc of two was pressed: the bottom line asks for the second.
    public var confirmingLeave = false
    /// The wrapped conversation and reply hint of the chat shown, kept while they stay the same, so a keystroke
    /// re-wraps nothing.
    private let cache = WrappedLines()

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
        // The bottom: announcement, help, and above them the reply box and the reply expected.
        let help = rows - 1
        let announcement = rows - 2
        let left = listWidth
        let width = columns - left
        let replyLines = sideList ? 3 : 2
        let replyTop = announcement - replyLines
        let hintLines = sideList ? 3 : 2
        let hintTop = replyTop - hintLines - 1

        // Everything but the reply box changes only with the second, the shift's state, the drafts' presence,
        // a notice or an announcement fading: between those, a keystroke redraws the reply box alone.
        let fresh = shift.announcements.last.map { now - $0.time < ChatDeskView.announcementMilliseconds } ?? false
        let background = WrappedLines.Background(
            rows: rows, columns: columns, second: Int(max(0, now) / 1000), revision: shift.revision,
            drafts: shift.chats.map { chat in chat.map { !shift.customers[$0].draft.isEmpty } ?? false },
            notice: shift.notice, confirmingLeave: confirmingLeave, announcementFresh: fresh)
        var frame = cache.background(background) {
            var frame = Frame(width: columns, height: rows)
            drawTitle(&frame, shift: shift, now: now)
            if sideList {
                drawSideList(&frame, shift: shift, now: now, width: listWidth, top: top)
            } else {
                drawTabs(&frame, shift: shift, now: now, row: 1)
            }
            drawConversation(&frame, shift: shift, top: top, bottom: hintTop - 1, left: left + 1, width: width - 2)
            frame.put(String(repeating: "─", count: max(0, width - 1)), row: hintTop, column: left, role: .dim)
            drawHint(&frame, shift: shift, top: hintTop + 1, lines: hintLines, left: left + 1, width: width - 2)
            drawAnnouncement(&frame, shift: shift, now: now, row: announcement, columns: columns)
            let rest = " chat · Ctrl-N longest wait · Enter send" + (shift.mode == .macros ? " · /macro Tab" : "") + " · Esc Esc end"
            var keys = " F1-F" + String(shift.chats.count) + "/Alt-1.." + String(shift.chats.count) + rest
            // Too long for the window: the Alt keys go (the intro names them).
            if keys.count > columns { keys = " F1-F" + String(shift.chats.count) + rest }
            if confirmingLeave { keys = " Esc again ends the shift (customers still waiting count as not served); any other key stays." }
            frame.put(keys, row: help, column: 0, role: confirmingLeave ? .bad : .dim)
            return frame
        }
        drawReplyBox(&frame, shift: shift, top: replyTop, lines: replyLines, left: left + 1, width: width - 2)
        return frame
    }

    // MARK: - Parts

    private func drawTitle(_ frame: inout Frame, shift: ChatShift, now: Double) {
        var column = frame.put(" typebar chat", row: 0, column: 0, role: .title)
        column = frame.put(" · \(shift.scenario.name) · \(shift.mode.rawValue)", row: 0, column: column, role: .dim)
        let left = max(0, shift.deadline - now) / 1000
        let served = shift.customers.filter { if case .served = $0.status { true } else { false } }.count
        let clock = String(served) + "/" + String(shift.customers.count) + " served · " + ChatDeskView.clock(left) + " left "
        let start = frame.width - DisplayWidth.of(clock)
        if start > column + 1 { frame.put(clock, row: 0, column: start, role: left < 30 ? .bad : .status) }
    }

    /// What a chat's line says about its customer, and in which role.
    func state(of customer: Int?, in shift: ChatShift, now: Double) -> (text: String, role: Role) {
        guard let customer else { return ("empty", .dim) }
        let status = shift.customers[customer].status
        switch status {
        case .waiting(let since), .queued(let since):
            let waited = max(0, now - since) / 1000
            let left = (since + shift.patience(of: customer) - now) / 1000
            if left <= ChatDeskView.aboutToLeave { return ("leaving in " + String(Int(max(0, left).rounded(.up))) + " s!", .bad) }
            let role: Role = waited >= ChatDeskView.veryLongWait ? .bad : waited >= ChatDeskView.longWait ? .mark : .plain
            return ("waits " + ChatDeskView.clock(waited), role)
        case .typing: return ("typing…", .dim)
        case .holding: return ("on hold", .mark)
        case .served: return (shift.isDone(customer) ? "served ✓" : "served: close it", .good)
        case .left: return ("left ✗", .bad)
        case .transferred: return ("transferred", .dim)
        case .closed: return ("closed ✗", .bad)
        case .expected: return ("", .dim)
        }
    }

    private func drawSideList(_ frame: inout Frame, shift: ChatShift, now: Double, width: Int, top: Int) {
        var row = top
        for (chat, customer) in shift.chats.enumerated() {
            let selected = chat == shift.selected
            let name = customer.map { shift.customers[$0].script.name } ?? "—"
            var column = frame.put(selected ? "▶" : " ", row: row, column: 0, role: .key)
            column = frame.put("F" + String(chat + 1) + " ", row: row, column: column, role: .key)
            frame.put(String(name.prefix(width - column - 1)), row: row, column: column, role: selected ? .title : .plain)
            let (text, role) = state(of: customer, in: shift, now: now)
            frame.put("   " + text, row: row + 1, column: 0, role: role)
            if let customer, !shift.customers[customer].draft.isEmpty, !shift.customers[customer].status.isFinished {
                frame.put("✎", row: row, column: width - 2, role: .dim)
            }
            row += 3
        }
        if !shift.queue.isEmpty {
            frame.put(" " + String(shift.queue.count) + " in the queue", row: row, column: 0, role: .mark)
        }
        for line in 1..<(frame.height - 2) { frame.put("│", row: line, column: width - 1, role: .dim) }
    }

    private func drawTabs(_ frame: inout Frame, shift: ChatShift, now: Double, row: Int) {
        var column = 0
        for (chat, customer) in shift.chats.enumerated() {
            let selected = chat == shift.selected
            let name = customer.map { String(shift.customers[$0].script.name.prefix(8)) } ?? "—"
            let (text, role) = state(of: customer, in: shift, now: now)
            column = frame.put(selected ? "[" : " ", row: row, column: column, role: .key)
            column = frame.put(String(chat + 1) + " " + name + " ", row: row, column: column, role: selected ? .title : .plain)
            column = frame.put(ChatDeskView.short(text), row: row, column: column, role: role)
            column = frame.put(selected ? "]" : " ", row: row, column: column, role: .key)
        }
        if !shift.queue.isEmpty { frame.put(" +" + String(shift.queue.count) + " queued", row: row, column: column, role: .mark) }
    }

    /// A state short enough for a tab: "42s", "typing", "left".
    static func short(_ text: String) -> String {
        if text.hasPrefix("waits ") { return String(text.dropFirst(6)) }
        if text.hasPrefix("leaving in ") { return "!" + String(text.dropFirst(11).prefix { $0 != " " }) + "s" }
        if text == "typing…" { return "…" }
        if text.hasPrefix("served") { return "✓" }
        if text.hasPrefix("left") { return "✗" }
        return text
    }

    private func drawConversation(_ frame: inout Frame, shift: ChatShift, top: Int, bottom: Int, left: Int, width: Int) {
        guard bottom >= top, width > 10 else { return }
        guard let index = shift.selectedCustomer else {
            frame.put("No customer in chat \(shift.selected + 1) yet.", row: top, column: left, role: .dim)
            return
        }
        let customer = shift.customers[index]
        let key = WrappedLines.Key(customer: index, count: customer.messages.count, state: WrappedLines.state(customer.status), width: width)
        let lines = cache.conversation(key) { conversationLines(customer, width: width) }
        let room = bottom - top + 1
        for (offset, line) in lines.suffix(room).enumerated() {
            frame.put(line.0, row: top + offset, column: left, role: line.1)
        }
    }

    private func conversationLines(_ customer: ChatShift.Customer, width: Int) -> [(String, Role)] {
        var lines: [(String, Role)] = []
        for message in customer.messages {
            let speaker = message.fromCustomer ? customer.script.name : "You"
            let wrapped = wrapWords("\(speaker): \(message.text)", width: width)
            for (number, line) in wrapped.enumerated() {
                lines.append((number == 0 ? line : "  " + line, message.fromCustomer ? .plain : .dim))
            }
        }
        switch customer.status {
        case .typing: lines.append(("\(customer.script.name) is typing…", .dim))
        case .served: lines.append(("\(customer.script.name) is served and has left the chat.", .good))
        case .left: lines.append(("\(customer.script.name) left: nobody answered in time.", .bad))
        default: break
        }
        return lines
    }

    private func drawHint(_ frame: inout Frame, shift: ChatShift, top: Int, lines: Int, left: Int, width: Int) {
        guard let index = shift.selectedCustomer else { return }
        let customer = shift.customers[index]
        guard case .waiting = customer.status, customer.turn < customer.script.turns.count else {
            if !customer.status.isFinished, shift.mode != .guided {
                frame.put("Details are in the customer's messages; the name is in the chat list.", row: top, column: left, role: .dim)
            }
            return
        }
        let key = WrappedLines.Key(customer: index, count: customer.turn, state: 0, width: width)
        let wrapped = cache.hint(key) { hintLines(customer, mode: shift.mode, width: width) }
        for (offset, line) in wrapped.prefix(lines).enumerated() {
            frame.put(line, row: top + offset, column: left, role: .mark)
        }
    }

    private func hintLines(_ customer: ChatShift.Customer, mode: ChatShift.Mode, width: Int) -> [String] {
        let turn = customer.script.turns[customer.turn]
        let text: String
        switch mode {
        case .guided: text = "Type: " + TargetText.normaliseWhitespace(turn.reply.filled(with: customer.script.details))
        case .template: text = "Reply: " + turn.reply.display
        case .macros:
            if let macro = turn.macro {
                text = "Macro: /\(macro) then Tab, fill the blanks (Tab to the next): " + turn.reply.display
            } else {
                text = "No macro for this one. Reply: " + turn.reply.display
            }
        case .desk:
            text = "Find the reply: / searches the knowledge base. Ctrl-E escalates, Ctrl-T closes the chat."
        case .free:
            text = "Write the reply in your own words (/ searches the knowledge base). Ctrl-E escalates, Ctrl-T closes the chat."
        }
        return wrapWords(text, width: width)
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

    private func drawAnnouncement(_ frame: inout Frame, shift: ChatShift, now: Double, row: Int, columns: Int) {
        if let notice = shift.notice {
            frame.put(" " + notice, row: row, column: 0, role: .bad)
            return
        }
        // The newest announcement about another chat (or the queue), while it is fresh.
        guard let latest = shift.announcements.last(where: { $0.chat != shift.selected }),
              now - latest.time < ChatDeskView.announcementMilliseconds else { return }
        let key = latest.chat.map { " (F\($0 + 1))" } ?? ""
        frame.put(" ● " + latest.text + key, row: row, column: 0, role: .mark)
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

/// The last wrapped conversation and hint, by what they were wrapped from. Used on the main actor only.
final class WrappedLines: @unchecked Sendable {
    struct Key: Equatable {
        var customer: Int
        /// Messages for the conversation, the turn for the hint.
        var count: Int
        var state: Int
        var width: Int
    }

    private var conversationKey: Key?
    private var conversationLines: [(String, Role)] = []
    private var hintKey: Key?
    private var hintLines: [String] = []

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

    static func state(_ status: ChatShift.Status) -> Int {
        switch status {
        case .typing: 1
        case .served: 2
        case .left: 3
        default: 0
        }
    }

    func conversation(_ key: Key, make: () -> [(String, Role)]) -> [(String, Role)] {
        if key != conversationKey {
            conversationLines = make()
            conversationKey = key
        }
        return conversationLines
    }

    func hint(_ key: Key, make: () -> [String]) -> [String] {
        if key != hintKey {
            hintLines = make()
            hintKey = key
        }
        return hintLines
    }
}
