import TypeBarCore

/// The proofreading drill's screen: the customer's message, the draft being fixed with its cursor, the clock on
/// this draft and the keys. Pure: the session, the window size and the time in, a frame out. The planted errors
/// are never marked: finding them is the drill.
public struct ProofreadView: Sendable {
    /// The title after "typebar · drill · ": "proofread · seed 41".
    public var title: String
    /// A replay's keys instead of the drill's.
    public var keysHelp: String?

    public init(title: String) {
        self.title = title
    }

    /// The columns the message and the draft wrap at in a window `columns` wide.
    public static func textWidth(columns: Int) -> Int { max(1, min(columns - 4, 76)) }

    /// The keys, long and short (for narrow windows).
    static let keys = "←→↑↓ Home End move · Ctrl-←→ a word · Backspace Delete remove · type to insert · Enter submit · Esc leave"
    static let shortKeys = "arrows move · Enter submit · Esc leave"

    /// The frame for `session` at `now` (ms since the first draft appeared).
    public func frame(for session: ProofreadSession, rows: Int, columns: Int, now: Double) -> Frame {
        guard columns >= ScreenSize.minimumColumns, rows >= ScreenSize.minimumRows else {
            return TypingView.tooSmall(rows: rows, columns: columns)
        }
        var frame = Frame(width: columns, height: rows)
        let run = session.run
        let width = ProofreadView.textWidth(columns: columns)
        let number = min(run.current + 1, run.drafts.count)
        // The title, shortened to what fits.
        let place = "draft \(number) of \(run.drafts.count)"
        var column = 0
        if DisplayWidth.of(" typebar · drill · \(title) · \(place)") <= columns {
            column = frame.put(" typebar", row: 0, column: 0, role: .title)
            column = frame.put(" · drill · ", row: 0, column: column, role: .dim)
            column = frame.put(title, row: 0, column: column, role: .title)
            column = frame.put(" · " + place, row: 0, column: column, role: .dim)
        } else {
            column = frame.put(" proofread · " + place, row: 0, column: 0, role: .title)
        }
        // The keys: on the title line when they fit there, else at the foot.
        let keys = keysHelp ?? (columns >= 60 ? ProofreadView.keys : ProofreadView.shortKeys)
        var footer = wrapWords(keys, width: columns - 2)
        if keysHelp != nil, DisplayWidth.of(keys) + 3 <= columns - column {
            frame.put(keys + " ", row: 0, column: columns - DisplayWidth.of(keys) - 1, role: .dim)
            footer = []
        }
        footer = Array(footer.prefix(max(1, min(2, rows - 9))))
        for (offset, line) in footer.enumerated() { frame.put(line, row: rows - footer.count + offset, column: 1, role: .dim) }
        let statusRow = rows - footer.count - 1
        let clockText = clock((now - run.draftStart) / 1000)
        let target = formatDecimal(session.header.targetSeconds, places: 0)
        var status = "\(place) · \(clockText) on this draft · target \(target) s a draft"
        if DisplayWidth.of(status) > columns - 2 { status = "\(place) · \(clockText) · target \(target) s" }
        if let notice = session.notice { status = notice }
        frame.put(String(status.prefix(columns - 2)), row: statusRow, column: 1, role: session.notice == nil ? .status : .bad)
        guard !run.isOver else { return frame }
        let draft = run.drafts[run.current]

        // The body between the title (and a blank row) and the status row.
        var row = 2
        let body = statusRow - row
        let message = wrapWords(draft.message, width: width)
        // The message whole when it leaves the draft at least three rows (and a blank row under it); else what
        // fits, cut with "…". A blank row between the message and the draft when the draft keeps four.
        let messageRows = min(message.count, max(1, body - 3 - 3))
        let roomy = body - messageRows - 3 >= 4
        frame.put(draft.customer.isEmpty ? "The customer wrote:" : "\(draft.customer) wrote:", row: row, column: 1, role: .dim)
        row += 1
        for (index, line) in message.prefix(messageRows).enumerated() {
            let cut = index == messageRows - 1 && messageRows < message.count
            frame.put(cut ? String(line.prefix(width - 1)) + "…" : line, row: row, column: 2, role: .plain)
            row += 1
        }
        if roomy { row += 1 }
        frame.put("The draft reply: fix it, then Enter", row: row, column: 1, role: .dim)
        row += 1

        // The draft, scrolled so the cursor's line shows with a line above it.
        let layout = TextLayout(characters: run.text, width: width)
        let draftRows = max(1, statusRow - row - 1)
        let cursorLine = ProofreadView.cursorPlace(run.cursor, layout: layout, text: run.text, width: width)
        let lineCount = max(layout.lines.count, cursorLine.line + 1)
        let first = max(0, min(cursorLine.line - 1, lineCount - draftRows))
        for line in first..<min(layout.lines.count, first + draftRows) {
            for index in layout.lines[line] {
                frame.put(run.text[index], row: row + line - first, column: 2 + layout.columns[index], role: index == run.cursor ? .cursor : .plain)
            }
        }
        if cursorLine.line >= first, cursorLine.line < first + draftRows {
            let place = (row: row + cursorLine.line - first, column: 2 + cursorLine.column)
            if run.cursor == run.text.count { frame.put(" ", row: place.row, column: place.column, role: .cursor) }
            frame.cursor = place
        }
        // Arrows at the right edge say there is more of the draft above or below.
        if first > 0 { frame.put("↑", row: row, column: columns - 1, role: .dim) }
        if first + draftRows < lineCount { frame.put("↓", row: row + draftRows - 1, column: columns - 1, role: .dim) }
        return frame
    }

    /// The line and column the cursor shows at: before its character, or after the last one (on the next line
    /// when the last line is full).
    static func cursorPlace(_ cursor: Int, layout: TextLayout, text: [Character], width: Int) -> (line: Int, column: Int) {
        if cursor < text.count { return (layout.line(of: cursor), layout.columns[cursor]) }
        let line = layout.lines.count - 1
        let column = ProofreadSession.column(of: cursor, in: layout, text: text)
        return column >= width ? (line + 1, 0) : (line, column)
    }
}

/// The results of a proofreading drill: the verdict, the figures, and every draft's errors, fixed or missed, with
/// what was changed that was right before. Longer than the window, it scrolls.
public struct ProofreadResultsView: Sendable {
    public var result: ProofreadResult
    public var title: String
    /// Where the log and the result were saved, or why not.
    public var notes: [String] = []
    public var help = "↑↓ scroll · r again · n new drafts · q quit"
    /// False for the moment after the screen appears, while keys typed through the end are ignored.
    public var acceptsKeys = true
    /// The first body line shown.
    public private(set) var offset = 0

    public init(result: ProofreadResult, title: String) {
        self.result = result
        self.title = title
    }

    /// The screen's lines with their roles, before wrapping; also what `typebar score` prints.
    public var lines: [(String, Role)] {
        var lines: [(String, Role)] = []
        if result.meetsTarget {
            lines.append(("✓ Every error fixed, nothing introduced, within \(formatDecimal(result.targetSeconds, places: 0)) s a draft.", .good))
        } else {
            lines.append(("✗ " + result.shortfalls.joined(separator: "; ").capitalisingFirst + ".", .bad))
        }
        let percent = result.fixedPercent.map { " (\(formatDecimal($0, places: 1)) %)" } ?? ""
        let pace = result.secondsPerDraft.map { "\(formatDecimal($0, places: 1)) s a draft" } ?? "no draft submitted"
        lines.append(("Fixed \(result.fixed) of \(result.planted)\(percent) · introduced \(result.introduced) · \(pace) (target \(formatDecimal(result.targetSeconds, places: 0)) s)", .plain))
        for (index, draft) in result.drafts.enumerated() {
            lines.append(("", .plain))
            var heading = "Draft \(index + 1) · \(formatDecimal(draft.seconds, places: 1)) s · fixed \(draft.fixed) of \(draft.planted)"
            if draft.introduced > 0 { heading += " · introduced \(draft.introduced)" }
            lines.append((heading, .title))
            for (error, fixed) in zip(draft.draft.errors, draft.marking.fixed) {
                let name = error.kind.name + (error.detail.map { " (\($0))" } ?? "")
                lines.append(("  \(fixed ? "✓" : "✗") \(name): \(error.change)" + (fixed ? "" : " · missed"), fixed ? .good : .bad))
            }
            for change in draft.marking.introduced {
                lines.append(("  + introduced: \(change.description)", .bad))
            }
        }
        if !result.completed {
            lines.append(("", .plain))
            lines.append(("Left after \(result.drafts.count) of \(result.total) drafts.", .mark))
        }
        return lines
    }

    /// Every row of the body at `width` columns: the lines wrapped, continuation rows under their text, then the
    /// notes.
    func rows(width: Int) -> [(String, Role)] {
        var rows: [(String, Role)] = []
        for (text, role) in lines + (notes.isEmpty ? [] : [("", .plain)]) + notes.map({ ($0, Role.dim) }) {
            let indent = String(repeating: " ", count: text.prefix { $0 == " " }.count + 2)
            for (number, line) in wrapFigures(text, width: max(1, width - (text.hasPrefix(" ") ? indent.count : 0))).enumerated() {
                rows.append((number == 0 ? line : (text.hasPrefix(" ") ? indent : "") + line, role))
            }
        }
        return rows
    }

    /// The body's height in a window of `rows`: under the title and a blank row, over the keys.
    private func room(rows: Int, columns: Int) -> (rows: Int, help: [String]) {
        let help = wrapWords(acceptsKeys ? self.help : ResultsView.settlingHelp, width: max(1, columns - 2))
        return (max(1, rows - 2 - help.count), help)
    }

    /// Scrolls by `lines` (negative up), within what there is to show.
    public mutating func scroll(by lines: Int, rows: Int, columns: Int) {
        let (room, _) = room(rows: rows, columns: columns)
        let total = self.rows(width: max(1, columns - 2)).count
        offset = max(0, min(offset + lines, total - room))
    }

    public func frame(rows: Int, columns: Int) -> Frame {
        var frame = Frame(width: columns, height: rows)
        let heading = " typebar · drill · " + title + " · results"
        if DisplayWidth.of(heading) <= columns {
            var column = frame.put(" typebar", row: 0, column: 0, role: .title)
            column = frame.put(" · drill · ", row: 0, column: column, role: .dim)
            column = frame.put(title, row: 0, column: column, role: .title)
            frame.put(" · results", row: 0, column: column, role: .dim)
        } else {
            frame.put(" proofread · results", row: 0, column: 0, role: .title)
        }
        let (room, help) = room(rows: rows, columns: columns)
        for (index, line) in help.enumerated() {
            frame.put(" " + line, row: rows - help.count + index, column: 0, role: acceptsKeys ? .key : .dim)
        }
        let body = self.rows(width: max(1, columns - 2))
        let start = max(0, min(offset, body.count - room))
        for (index, line) in body.dropFirst(start).prefix(room).enumerated() {
            frame.put(line.0, row: 2 + index, column: 1, role: line.1)
        }
        // Arrows at the right edge say there is more above or below.
        if start > 0 { frame.put("↑", row: 2, column: columns - 1, role: .dim) }
        if start + room < body.count { frame.put("↓", row: 1 + room, column: columns - 1, role: .dim) }
        return frame
    }
}

extension String {
    /// The text with its first letter a capital.
    var capitalisingFirst: String { prefix(1).uppercased() + dropFirst() }
}
