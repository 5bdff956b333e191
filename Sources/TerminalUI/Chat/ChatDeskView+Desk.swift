import TypeBarCore

/// The help desk's parts of the chat desk (desk and free modes): the customer's profile, what to do next under
/// the line, and the tools drawn over the lower part of the conversation while they are open.
extension ChatDeskView {
    /// From this many columns the profile has a pane of its own beside the conversation; below, Ctrl-P shows it in
    /// the conversation's place.
    public static let profileColumns = 100

    /// The profile pane's columns, its bar included.
    static func paneWidth(columns: Int) -> Int { min(36, max(30, columns / 4)) }

    // MARK: - The profile

    /// What the help desk knows of a customer: the name, e-mail, plan, since when, and the orders, newest first.
    /// Every detail whole (an e-mail too long for a line continues on the next), never cut.
    static func profileLines(_ customer: ChatShift.Customer, width: Int) -> [DeskLine] {
        let name = customer.script.name
        var lines = [DeskLine(name, .title)]
        guard width > 4 else { return lines }
        guard let profile = customer.script.profile else {
            return lines + wrapWords("No profile on file.", width: width).map { DeskLine($0, .dim) }
        }
        // An e-mail too long for the row breaks before its @ first.
        let email = DisplayWidth.of(profile.email) > width ? profile.email.replacing("@", with: " @") : profile.email
        lines += wrapWords(email, width: width).map { DeskLine($0, .plain) }
        if let plan = profile.plan { lines += packed(["Plan:", plan], separator: " ", width: width).map { DeskLine($0, .plain, label: 5, labelRole: .dim) } }
        if let since = profile.since { lines += packed(["Customer since", since], separator: " ", width: width).map { DeskLine($0, .plain, label: 14, labelRole: .dim) } }
        lines.append(DeskLine("", .plain))
        guard !profile.orders.isEmpty else { return lines + [DeskLine("No orders.", .dim)] }
        lines.append(DeskLine("Orders, newest first", .dim))
        for order in profile.orders {
            let pieces = [order.number, order.date, order.amount, order.status] + (order.item.map { [$0] } ?? [])
            for (number, line) in packed(pieces, separator: " · ", width: width - 2).enumerated() {
                lines.append(number == 0
                    ? DeskLine(line, .plain, label: min(line.count, order.number.count), labelRole: .key)
                    : DeskLine("  " + line, .plain))
            }
        }
        return lines
    }

    /// `pieces` joined by `separator` into lines of at most `width` columns, a piece never split unless it is
    /// wider than a line.
    static func packed(_ pieces: [String], separator: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for piece in pieces where !piece.isEmpty {
            let joined = line.isEmpty ? piece : line + separator + piece
            if DisplayWidth.of(joined) <= width {
                line = joined
                continue
            }
            // The separator ends the line it leaves, when it fits there.
            let ending = line + separator.trimmingTrailingSpaces
            if !line.isEmpty { lines.append(DisplayWidth.of(ending) <= width ? ending : line) }
            let parts = wrapWords(piece, width: max(1, width))
            lines += parts.dropLast()
            line = parts.last ?? ""
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// The profile in the conversation's place (Ctrl-P), under a line that says how to go back.
    func profileView(for shift: ChatShift, width: Int) -> [DeskLine] {
        guard let index = shift.selectedCustomer, width > 10 else { return [] }
        // Wrapped once per customer and width, as the conversation is: a key while it shows re-wraps nothing.
        return cache.profile(WrappedLines.Key(customer: index, count: 0, state: 0, width: width)) {
            let heading = wrapWords("Profile · Ctrl-P returns to the conversation", width: width).map { DeskLine($0, .dim) }
            return heading + ChatDeskView.profileLines(shift.customers[index], width: width)
        }
    }

    /// The pane beside the conversation: a bar, then the profile of the customer shown; when it is longer than the
    /// pane, its last row says how to see the rest.
    func drawProfilePane(_ frame: inout Frame, shift: ChatShift, top: Int, bottom: Int, left: Int, width: Int) {
        for row in 1..<max(1, bottom) { frame.put("│", row: row, column: left, role: .dim) }
        frame.put("Profile", row: 1, column: left + 2, role: .dim)
        guard let index = shift.selectedCustomer else { return }
        // Wrapped once per customer and width: a clock tick or a customer's message redraws it from the cache.
        var lines = cache.pane(WrappedLines.Key(customer: index, count: 0, state: 0, width: width - 3)) {
            ChatDeskView.profileLines(shift.customers[index], width: width - 3)
        }
        let rows = bottom - top
        if lines.count > rows, rows > 1 {
            let rest = lines.count - (rows - 1)
            lines = Array(lines.prefix(rows - 1)) + wrapWords("… \(counted(rest, "more line")): Ctrl-P", width: width - 3).prefix(1).map { DeskLine($0, .dim) }
        }
        for (offset, line) in lines.prefix(max(0, rows)).enumerated() {
            line.draw(into: &frame, row: top + offset, column: left + 2)
        }
    }

    // MARK: - What to do next

    /// Under the line in desk and free modes: nothing says what to send, so it says where to look and which key
    /// does what the customer's state calls for.
    func deskGuide(for shift: ChatShift, customer index: Int, width: Int) -> Guide {
        let customer = shift.customers[index]
        let text: String
        switch customer.status {
        case .waiting where !customer.draft.isEmpty:
            // Once a reply is started: what makes it right before Enter sends it.
            text = shift.mode == .desk
                ? "Fill each [blank] from the messages and the profile (Tab to the next); Enter sends."
                : "Every detail exactly as the messages and the profile give it; Enter sends."
        case .waiting:
            text = shift.mode == .desk
                ? "Find the reply: / searches the knowledge base, Tab inserts it."
                : "Write the reply in your own words; / searches the knowledge base."
        case .typing:
            text = "The details are in the messages and the profile."
        case .holding:
            text = "Your move: Ctrl-E escalates to a team with an internal note; Ctrl-T closes the chat."
        case .served where !shift.isDone(index):
            text = "Ctrl-T closes the chat with a wrap-up tag."
        default:
            return Guide()
        }
        return Guide(lines: wrapWords(text, width: width), role: .dim)
    }

    // MARK: - The tools

    /// The rows of an open tool, at most `rows` of them: the search fills what it is given, leaving the
    /// conversation's last rows above it when there is room; the escalation and the close take what they need.
    func panelRows(_ panel: DeskPanel, shift: ChatShift, width: Int, rows: Int) -> [PanelRow] {
        guard width > 4, rows > 0 else { return [] }
        let name = shift.customers[panel.customer].script.name
        switch panel {
        case .search(let search):
            // The same height whatever the query finds, so the conversation above does not jump while typing.
            let keep = rows >= 14 ? 3 : rows >= 9 ? 2 : 0
            let height = keep > 0 ? rows - keep - 1 : rows
            let found = searchRows(search, width: width, rows: height)
            return found + Array(repeating: PanelRow(), count: max(0, height - found.count))
        case .escalate(let escalation):
            if let team = escalation.team, let note = escalation.note {
                let header = wrapWords("Escalate \(name)'s chat to \(team). Internal note (\(name) does not see it), then Enter:", width: width)
                    .map { PanelRow([($0, .title)]) }
                return ChatDeskView.fitted(header: header, body: ChatDeskView.noteRows("Note: ", note, width: width), rows: rows, keepEnd: true)
            }
            let header = wrapWords("Escalate \(name)'s chat: choose the team.", width: width).map { PanelRow([($0, .title)]) }
            return ChatDeskView.fitted(header: header, body: ChatDeskView.choiceRows(escalation.teams, width: width), rows: rows, keepEnd: false)
        case .close(let closing):
            var header = wrapWords("Close \(name)'s chat with a wrap-up tag:", width: width).map { PanelRow([($0, .title)]) }
            let customer = shift.customers[panel.customer]
            if case .served = customer.status {} else {
                header += wrapWords("\(name) still needs an answer: closing now ends the chat unserved.", width: width).map { PanelRow([($0, .bad)]) }
            }
            return ChatDeskView.fitted(header: header, body: ChatDeskView.choiceRows(closing.tags, width: width), rows: rows, keepEnd: false)
        }
    }

    /// The search: the query with how many replies match, then the replies found, each its shortcut and title
    /// over the start of its text (two rows each when at least four fit so; else only the one chosen shows its
    /// text), scrolled to keep the one chosen in view. Nothing marks which reply a customer needs.
    private func searchRows(_ search: DeskPanel.Search, width: Int, rows: Int) -> [PanelRow] {
        guard rows > 0 else { return [] }
        let count = search.query.isEmpty
            ? counted(search.total, "reply", plural: "replies")
            : search.results.isEmpty ? "none of \(search.total) match" : "\(search.results.count) of \(search.total) match"
        // The query's end shows when it is longer than the row.
        let lead = "Search: "
        let room = width - lead.count - 1
        let query = search.query.count > room ? "…" + String(search.query.suffix(max(0, room - 1))) : search.query
        var first = PanelRow([(lead, .key), (query, .plain)])
        let end = lead.count + DisplayWidth.of(query)
        first.cursor = end
        let gap = width - end - 1 - DisplayWidth.of(count)
        if gap >= 1 { first.segments.append((ChatDeskView.spaces(gap + 1) + count, search.results.isEmpty ? .bad : .dim)) }
        let available = rows - 1
        guard available > 0 else { return [first] }
        if search.results.isEmpty {
            let advice = "No reply matches \"\(search.query)\". Backspace widens the search; Esc closes it."
            return [first] + wrapWords(advice, width: width).prefix(available).map { PanelRow([($0, .bad)]) }
        }
        // The replies' rows, made again only when the replies listed, the choice or the room change: a query grown
        // by a key mostly lists the same replies.
        let key = WrappedLines.ListKey(results: search.results, selection: search.selection, width: width, rows: rows)
        return [first] + cache.list(key) { resultRows(search, width: width, rows: rows) }
    }

    /// The rows under the search's line: each reply's shortcut and title, and under it (all of them when there is
    /// room, else the chosen one's) the start of its text; arrows where the list goes on.
    private func resultRows(_ search: DeskPanel.Search, width: Int, rows: Int) -> [PanelRow] {
        var result = [PanelRow()]
        let available = rows - 1
        let twoRows = available >= 8
        let visible = max(1, twoRows ? available / 2 : (available >= 2 ? available - 1 : available))
        let start = search.selection < visible ? 0 : search.selection - visible + 1
        let stop = min(search.results.count, start + visible)
        for index in start..<stop {
            let chosen = index == search.selection
            let made = cache.rows(of: search.results.places[index], in: search.results, width: width) { macro in
                ChatDeskView.replyRows(macro, width: width)
            }
            result.append(chosen ? made.chosenTitle : made.title)
            if (twoRows || chosen) && result.count < rows {
                result.append(made.preview)
            }
        }
        if start > 0 { result[1].arrow = "↑" }
        if stop < search.results.count { result[result.count - 1].arrow = "↓" }
        return Array(result.prefix(rows).dropFirst())
    }

    /// A reply's rows in a search's list: its shortcut and title (the choice in bold, the others plain: the ▶
    /// alone is easy to miss), and the start of its text.
    static func replyRows(_ macro: ChatMacro, width: Int) -> WrappedLines.ReplyRows {
        var title = PanelRow([("  ", .key), ("/" + macro.shortcut, .plain)])
        var chosenTitle = PanelRow([("▶ ", .key), ("/" + macro.shortcut, .key)])
        if !macro.title.isEmpty {
            let text = fitted("  " + macro.title, width: width - 2 - 1 - DisplayWidth.of(macro.shortcut))
            title.segments.append((text, .plain))
            chosenTitle.segments.append((text, .title))
        }
        return WrappedLines.ReplyRows(title: title, chosenTitle: chosenTitle, preview: PanelRow([(previewLine(macro.template, width: width), .dim)]))
    }

    /// The first line of `text` that is not empty, as `text.split(separator: "\n").first` gives it, found byte by
    /// byte instead of character by character: a line feed is a character of its own unless a return is before it.
    static func firstLine(_ text: String) -> Substring {
        let utf8 = text.utf8
        var start = utf8.startIndex
        var previous: UInt8 = 0
        for index in utf8.indices {
            let byte = utf8[index]
            if byte == 0x0A && previous != 0x0D {
                if index > start { return text[start..<index] }
                start = utf8.index(after: index)
            }
            previous = byte
        }
        return text[start...]
    }

    /// A search's row under a reply's title: the first line of its text as shown, indented and cut to `width`, as
    /// `fitted("    " + firstLine(template.display), width:)` gives it, with the line's bytes gathered from the
    /// reply's pieces only until it ends or runs so far past the row that nothing after it can change the cut (a
    /// character is at most two columns wide, and only the last can take marks that follow it).
    static func previewLine(_ template: ReplyTemplate, width: Int) -> String {
        var line = PreviewLine(width: width)
        pieces: for piece in template.pieces {
            switch piece {
            case .text(let part):
                for byte in part.utf8 { if line.add(byte) { break pieces } }
            case .blank(let name):
                if line.add(0x5B) { break pieces }
                for byte in name.utf8 { if line.add(byte) { break pieces } }
                if line.add(0x5D) { break pieces }
            }
        }
        return fitted(String(decoding: line.bytes, as: UTF8.self), width: width)
    }

    /// `previewLine`'s row as its bytes gather: the indent, then the first line that is not empty.
    private struct PreviewLine {
        let width: Int
        private(set) var bytes: [UInt8] = [0x20, 0x20, 0x20, 0x20]
        private var previous: UInt8 = 0
        private var ascii = true
        private var measureAt: Int

        init(width: Int) {
            self.width = width
            measureAt = 4 + max(0, width) + 3
            bytes.reserveCapacity(measureAt + 8)
        }

        /// Adds a byte of the reply's text; true once the line is known.
        mutating func add(_ byte: UInt8) -> Bool {
            defer { previous = byte }
            // A line feed ends a line unless a return is before it (the two are then one character).
            if byte == 0x0A && previous != 0x0D { return bytes.count > 4 }
            bytes.append(byte)
            ascii = ascii && byte >= 0x20 && byte < 0x7F
            // Measured where a character surely ends (an ASCII byte), each time the line doubles.
            guard byte < 0x80 && bytes.count >= measureAt else { return false }
            let columns = ascii ? bytes.count - 4 : DisplayWidth.of(String(decoding: bytes[4...], as: UTF8.self))
            if columns > width + 2 { return true }
            measureAt = bytes.count * 2
            return false
        }
    }

    /// `count` spaces, made from bytes rather than by appending a string `count` times.
    static func spaces(_ count: Int) -> String {
        String(decoding: [UInt8](repeating: 0x20, count: max(0, count)), as: UTF8.self)
    }

    /// A short list (teams, tags) packed into rows, numbered, the chosen one in brackets with the cursor on it.
    static func choiceRows(_ choice: DeskPanel.Choice, width: Int) -> [PanelRow] {
        var rows: [PanelRow] = []
        var row = PanelRow()
        var used = 0
        for (index, item) in choice.items.enumerated() {
            let chosen = index == choice.selection
            let text = (chosen ? "[" : " ") + String(index + 1) + " " + item + (chosen ? "]" : " ")
            let cells = DisplayWidth.of(text) + 1
            if used > 0 && used + cells > width {
                rows.append(row)
                row = PanelRow()
                used = 0
            }
            if chosen { row.cursor = used + 1 }
            row.segments.append((ChatDeskView.fitted(text, width: width) + " ", chosen ? .title : .plain))
            used += cells
        }
        if !row.segments.isEmpty { rows.append(row) }
        return rows
    }

    /// `lead` and the text being typed, wrapped at any character so the cursor after a space shows where it is,
    /// with the cursor at the end.
    static func noteRows(_ lead: String, _ text: String, width: Int) -> [PanelRow] {
        let characters = Array(lead + text)
        let layout = TextLayout(characters: characters, width: max(1, width))
        var rows: [PanelRow] = []
        for line in layout.lines {
            var shown = ""
            for index in line { shown.append(characters[index]) }
            // The lead in its own look on the first row.
            if rows.isEmpty, shown.hasPrefix(lead) {
                rows.append(PanelRow([(lead, .key), (String(shown.dropFirst(lead.count)), .plain)]))
            } else {
                rows.append(PanelRow([(shown, .plain)]))
            }
        }
        let last = characters.isEmpty ? 0 : layout.columns[characters.count - 1] + max(1, DisplayWidth.of(characters[characters.count - 1]))
        if last >= width {
            var next = PanelRow()
            next.cursor = 0
            rows.append(next)
        } else {
            rows[rows.count - 1].cursor = last
        }
        return rows
    }

    /// The header over the body in `rows`: when both do not fit, the body keeps its end (a note, where the cursor
    /// is) or the row with the cursor (a list), and the header what is left, from its first line. A tool that
    /// would leave the conversation a single row takes that row too, so no line is drawn over nothing.
    static func fitted(header: [PanelRow], body: [PanelRow], rows: Int, keepEnd: Bool) -> [PanelRow] {
        var body = body
        if body.count > rows {
            let cursor = body.lastIndex { $0.cursor != nil } ?? body.count - 1
            let end = keepEnd ? body.count : max(rows, cursor + 1)
            body = Array(body[(end - rows)..<end])
        }
        var result = Array(header.prefix(rows - body.count)) + body
        if result.count == rows - 1 { result.append(PanelRow()) }
        return result
    }

    /// Draws a tool's rows from `top`, over blank cells, with the cursor where the tool has it. A row the last frame
    /// drew the same, in the same place over the same background, is copied from it whole (a search's results stay
    /// while its query grows by a key): a block of bytes that the painter then passes over unread, instead of a row
    /// of text put again.
    func drawPanel(_ frame: inout Frame, rows: [PanelRow], top: Int, left: Int, width: Int) {
        let drawn = WrappedLines.PanelDrawn(rows: rows, top: top, left: left, width: width, background: cache.backgroundsMade)
        // The rows the last frame drew and that frame; none when they cannot be copied. Not an optional tuple: that
        // is copied and destroyed through the run time's generic value witnesses.
        var earlierRows: [PanelRow] = []
        var earlierFrame = Frame.empty
        if let before = cache.panelDrawn, before.top == top, before.left == left, before.width == width {
            earlierFrame = cache.lastFrame(drawnOver: before.background, for: frame)
            if earlierFrame.hasSize(of: frame) { earlierRows = before.rows }
        }
        for (offset, row) in rows.enumerated() {
            if offset < earlierRows.count, earlierRows[offset] == row {
                frame.copyRow(top + offset, from: earlierFrame)
            } else {
                var column = left
                for segment in row.segments { column = frame.put(segment.0, row: top + offset, column: column, role: segment.1) }
                if let arrow = row.arrow { frame.put(arrow, row: top + offset, column: left + width, role: .key) }
            }
            if let cursor = row.cursor { frame.cursor = (top + offset, min(frame.width - 1, left + cursor)) }
        }
        cache.panelDrawn = drawn
    }
}

/// A line of the conversation or the profile, in one look, with the first `label` characters in another (a
/// speaker's name and what their message is, an order's number).
struct DeskLine: Equatable {
    var text: String
    var role: Role
    var label: Int
    var labelRole: Role
    /// The first line of a message.
    var starts: Bool

    init(_ text: String, _ role: Role, label: Int = 0, labelRole: Role = .plain, starts: Bool = false) {
        self.text = text
        self.role = role
        self.label = label
        self.labelRole = labelRole
        self.starts = starts
    }

    func draw(into frame: inout Frame, row: Int, column: Int) {
        frame.put(text, row: row, column: column, role: role)
        if label > 0 { frame.put(String(text.prefix(label)), row: row, column: column, role: labelRole) }
    }
}

/// A row of an open tool: pieces in their looks, the cursor's column if it is on this row, and a scroll arrow for
/// the last column.
struct PanelRow: Equatable {
    var segments: [(String, Role)]
    var cursor: Int?
    var arrow: String?

    init(_ segments: [(String, Role)] = []) {
        self.segments = segments
    }

    static func == (a: PanelRow, b: PanelRow) -> Bool {
        a.cursor == b.cursor && a.arrow == b.arrow && a.segments.count == b.segments.count
            && zip(a.segments, b.segments).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    }
}

private extension String {
    var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
