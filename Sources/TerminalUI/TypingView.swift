import TypeBarCore
import TypeBarFormats

/// The smallest window the typing screen draws in; below it, the screen says how big it must be.
public enum ScreenSize {
    public static let minimumColumns = 40
    public static let minimumRows = 10
}

/// The pure screen model of the typing screen: session state and window size in, a frame out.
/// The line layout is cached per width, so a keystroke only redraws, it never re-wraps.
public struct TypingView: Sendable {
    /// The text's characters, kept when it is not all printable ASCII: a character of several scalars is drawn from
    /// its `Character`.
    private let characters: [Character]
    /// Each character measured once, so a keystroke only assigns roles.
    private let glyphs: [Glyph]
    /// The same text with every space shown as a dot, for a space typed wrong.
    private static let dot = Glyph("·")
    private var layout: TextLayout?
    /// The parts of the screen that do not change with each key (title, hint), drawn once per size and message.
    /// A class, not a tuple (whose type is built at run time, from its mangled name, at every start) nor a struct (an
    /// optional of a struct holding a frame is copied and destroyed through the run time's generic value witnesses).
    private final class Chrome: Sendable {
        let rows: Int, columns: Int, hint: String, frame: Frame, hintRows: Int, panelRows: Int
        /// Counts the chromes drawn over the same text rows: a kept frame drawn under an earlier one takes this
        /// one's rows around the text.
        let generation: Int

        init(rows: Int, columns: Int, hint: String, frame: Frame, hintRows: Int, panelRows: Int, generation: Int) {
            (self.rows, self.columns, self.hint, self.frame) = (rows, columns, hint, frame)
            (self.hintRows, self.panelRows, self.generation) = (hintRows, panelRows, generation)
        }
    }
    private var chrome: Chrome?
    /// A line of the hint and its look.
    private struct StyledLine {
        var text: String
        var role: Role
    }
    /// A frame this view made, the first text line it showed, and how each character of the text was drawn (its
    /// role, and whether it showed as a wrong space's dot; `undrawn` for none), so that a later frame of the same
    /// size and chrome rewrites only the characters whose look changed: a keystroke touches one or two, a word
    /// deletion a few, not the hundreds on screen.
    private struct Drawn {
        var frame: Frame
        var first: Int
        var looks: [UInt8]
        /// The typed buffer and the rival's caret the frame shows: what a later frame compares with to find the
        /// characters that may look different now.
        var typed: [UInt32]
        var rivalAt: Int
        /// The chrome's generation the frame was drawn under.
        var chrome: Int
    }
    private static let undrawn: UInt8 = 0xFF
    /// The last two frames, oldest first. The painter keeps the last one to compare the next with, so the view
    /// draws over the one before: its cells have no other owner and change in place, without a copy.
    private var drawn: [Drawn] = []
    /// The keys named in the title line; nil for the typing screen's own (Esc, Tab; Esc twice in an assessment).
    public var keysHelp: String?
    /// Live speed shows from this many seconds after the first key: over two quick keys it means nothing.
    public static let liveSpeedAfterSeconds = 3.0

    public init(text: String) {
        // Printable ASCII, as nearly every passage is: a glyph a byte, and no characters kept, since a character is
        // drawn from itself only when it holds several scalars. Splitting 500 characters into `Character`s cost
        // 75,000 instructions of a start.
        let printable = text.withASCIIBytes { bytes in bytes.allSatisfy { $0 >= 0x20 && $0 != 0x7F } ? bytes.map { Glyph(narrow: UInt32($0)) } : nil }
        if let ascii = printable ?? nil {
            characters = []
            glyphs = ascii
        } else {
            characters = Array(text)
            glyphs = characters.map(Glyph.init)
        }
    }

    /// The frame for `session` at `now` (ms since the screen appeared) in a window of `rows` × `columns`.
    public mutating func frame(for session: TypingSession, rows: Int, columns: Int, now: Double) -> Frame {
        guard columns >= ScreenSize.minimumColumns, rows >= ScreenSize.minimumRows else {
            return TypingView.tooSmall(rows: rows, columns: columns)
        }
        let textWidth = min(columns - 4, 80)
        if layout?.width != textWidth { layout = TextLayout(glyphs: glyphs, width: textWidth) }
        guard let layout else { return Frame(width: columns, height: rows) }

        let hint = session.notice ?? (session.hasStarted ? "" : "Start when ready: the clock starts at your first key.")
        if chrome?.rows != rows || chrome?.columns != columns || chrome?.hint != hint {
            var drawn = TypingView.chrome(for: session, hint: hint, help: keysHelp, rows: rows, columns: columns)
            let panelRows = TypingView.drawPanel(session.configuration.panel, into: &drawn.frame, rows: rows, hintRows: drawn.hintRows, textLines: layout.lines.count)
            // A new hint over the same text rows (the first key clears "Start when ready") keeps the frames drawn:
            // their text stands, and only the rows around it are taken from the new chrome.
            let sameTextRows = chrome.map {
                $0.rows == rows && $0.columns == columns && $0.hintRows == drawn.hintRows && $0.panelRows == panelRows
                    && $0.frame.clusters == drawn.frame.clusters
            } ?? false
            if !sameTextRows { self.drawn.removeAll() }
            chrome = Chrome(rows: rows, columns: columns, hint: hint, frame: drawn.frame, hintRows: drawn.hintRows, panelRows: panelRows,
                            generation: (chrome?.generation ?? 0) + 1)
        }
        guard let chrome else { return Frame(width: columns, height: rows) }
        let hintRows = chrome.hintRows
        let panelRows = chrome.panelRows

        // The text, scrolled so the line being typed stays in view with one line of context above.
        let attempt = session.attempt
        let typed = attempt.typedCount
        let textRows = rows - 4 - hintRows - panelRows
        let current = layout.line(of: typed)
        let first = max(0, min(current - 1, layout.lines.count - textRows))
        // The rival's caret: a styled cell only, so the terminal cursor stays where the typist types.
        var rivalAt = -1
        if let rival = session.configuration.rival, let start = attempt.startTime {
            rivalAt = rival.position(at: (attempt.isComplete ? attempt.lastTime ?? now : now) - start)
        }
        let typedCodes = attempt.typedCodes
        // The last frame, when it shows the same lines under the same chrome; else the chrome, all text undrawn.
        var frame = Frame.empty
        var looks: [UInt8] = []
        var since: (typed: [UInt32], rivalAt: Int)?
        var drawnChrome = chrome.generation
        if drawn.count == 2, drawn[0].first == first {
            // The frame before last, swapped out rather than copied: its cells change in place.
            swap(&frame, &drawn[0].frame)
            swap(&looks, &drawn[0].looks)
            since = (drawn[0].typed, drawn[0].rivalAt)
            drawnChrome = drawn[0].chrome
            drawn.removeFirst()
        } else if let last = drawn.last, last.first == first {
            frame = last.frame
            looks = last.looks
            since = (last.typed, last.rivalAt)
            drawnChrome = last.chrome
        } else {
            frame = chrome.frame
            looks = Array(repeating: TypingView.undrawn, count: glyphs.count)
        }
        if since != nil, drawnChrome != chrome.generation {
            for row in 0..<rows where !(2..<2 + textRows).contains(row) { frame.copyRow(row, from: chrome.frame) }
        }
        let shownLines = first..<min(layout.lines.count, first + textRows)
        let shown = shownLines.isEmpty ? 0..<0 : layout.lines[shownLines.lowerBound].lowerBound..<layout.lines[shownLines.upperBound - 1].upperBound
        // Draws the character at `index` when it is on screen and its look changed; `line`, when the caller knows it.
        func place(_ index: Int, line known: Int? = nil) {
            guard shown.contains(index) else { return }
            let role: Role
            var glyph = glyphs[index]
            if index < typed {
                if attempt.isCorrect(at: index) {
                    role = .correct
                } else {
                    role = .wrong
                    if glyph.scalar == 0x20 { glyph = TypingView.dot }   // a wrong space must be visible
                }
            } else {
                role = index == typed ? .cursor : index == rivalAt ? .rival : .pending
            }
            let drawnRole = index == rivalAt && index < typed ? .rival : role
            // A character's cell follows from its role and whether it shows as the dot: the same look, the same cell.
            let look = drawnRole.rawValue | (glyph == TypingView.dot ? 0x80 : 0)
            if looks[index] == look { return }
            looks[index] = look
            frame.put(glyph, row: 2 + (known ?? layout.line(of: index)) - first, column: 2 + layout.columns[index], role: drawnRole,
                      character: characters[index])
        }
        if let since {
            // Only characters from the first typed one that differs from the drawn frame's buffer, up to the
            // further caret, can look different, and the two positions of the rival's caret.
            let common = min(since.typed.count, typed)
            var from = 0
            while from < common, since.typed[from] == typedCodes[from] { from += 1 }
            for index in max(from, shown.lowerBound)...max(since.typed.count, typed, shown.lowerBound) { place(index) }
            place(since.rivalAt)
            place(rivalAt)
        } else {
            // Every line shown, each character knowing its line (not looked up, 500 times, at a first frame).
            for line in shownLines {
                for index in layout.lines[line] { place(index, line: line) }
            }
        }
        frame.cursor = typed < glyphs.count ? (2 + current - first, 2 + layout.columns[typed]) : nil
        if layout.lines.count > textRows {
            let shownEnd = min(layout.lines.count, first + textRows)
            if first > 0 { frame.put("↑", row: 2, column: columns - 1, role: .dim) }
            if shownEnd < layout.lines.count { frame.put("↓", row: 1 + textRows, column: columns - 1, role: .dim) }
        }

        let statusRow = rows - 1 - hintRows
        frame.copyRow(statusRow, from: chrome.frame)
        frame.put(cachedStatusLine(session, now: now, width: columns - 2), row: statusRow, column: 1, role: .status)
        drawn.append(Drawn(frame: frame, first: first, looks: looks, typed: typedCodes, rivalAt: rivalAt, chrome: chrome.generation))
        if drawn.count > 2 { drawn.removeFirst() }
        return frame
    }

    /// While the screen waits for a key: when the view keeps one frame only (its first, or the first after a new
    /// size), a copy of it of its own, so that the next frame is drawn over the copy in place instead of copying
    /// the frame the painter keeps when the key comes.
    public mutating func prepareNextFrame() {
        guard drawn.count == 1 else { return }
        var spare = drawn[0]
        spare.frame.ownCells()
        drawn.insert(spare, at: 0)
    }

    /// The title line, and the hint under the status line wrapped to as many rows as it needs (at most 3, so
    /// the text keeps 3). When the title leaves no room for the keys, they join the hint, so they always show.
    private static func chrome(for session: TypingSession, hint: String, help: String?, rows: Int, columns: Int) -> (frame: Frame, hintRows: Int) {
        var frame = Frame(width: columns, height: rows)
        let assessment = session.configuration.isAssessment
        let mode = assessment ? "assessment" : session.configuration.logMetadata["mode"] == "drill" ? "drill" : session.configuration.mode == .practice ? "practice" : "timed test"
        var column = frame.put(" typebar", row: 0, column: 0, role: .title)
        column = frame.put(" · \(mode) · ", row: 0, column: column, role: .dim)
        frame.put(session.configuration.title, row: 0, column: column, role: .title)
        let keys = help ?? (assessment ? "Esc twice to leave" : "Esc quit · Tab restart")
        var lines: [StyledLine] = wrapWords(hint, width: columns - 2).filter { !$0.isEmpty }.map { StyledLine(text: $0, role: session.notice == nil ? .dim : .bad) }
        if DisplayWidth.of(keys) + 3 < columns - column - DisplayWidth.of(session.configuration.title) {
            frame.put(keys + " ", row: 0, column: columns - DisplayWidth.of(keys) - 1, role: .dim)
        } else {
            lines += wrapWords(keys, width: columns - 2).map { StyledLine(text: $0, role: .dim) }
        }
        let hintRows = max(1, min(lines.count, 3, rows - 7))
        // When the hint is longer than its rows, the keys (last) give way to the notice (first).
        for (offset, line) in lines.prefix(hintRows).enumerated() {
            frame.put(line.text, row: rows - hintRows + offset, column: 1, role: line.role)
        }
        return (frame, hintRows)
    }

    /// Draws `panel` (a drill's keyboard map) above the status line when the window has room for it and for the
    /// whole text, or at least three lines of it; returns the rows it took, its blank row above included.
    private static func drawPanel(_ panel: Frame?, into frame: inout Frame, rows: Int, hintRows: Int, textLines: Int) -> Int {
        guard let panel, panel.height > 0 else { return 0 }
        let textRows = rows - 4 - hintRows
        guard textRows - panel.height - 1 >= min(textLines, 3) else { return 0 }
        let top = 2 + textRows - panel.height
        for row in 0..<panel.height {
            for column in 0..<min(panel.width, frame.width - 2) where panel[row, column] != .continuation {
                frame.put(panel.character(row: row, column: column), row: top + row, column: 1 + column, role: panel[row, column].role)
            }
        }
        return panel.height + 1
    }

    /// What the status line was made from, and the line: within a second the figures hold still, so most keys
    /// reuse it.
    private struct Status {
        var figures: LiveFigures
        var started: Bool
        var width: Int
        var hidden: Bool
        var limit: Double?
        var bar: HiringBar
        var line: String
    }
    private var status: Status?

    /// `statusLine`, made again only when something it shows from has changed.
    private mutating func cachedStatusLine(_ session: TypingSession, now: Double, width: Int) -> String {
        let figures = session.attempt.liveFiguresAtWholeSeconds(now)
        let configuration = session.configuration
        if let status, status.figures == figures, status.started == session.hasStarted, status.width == width,
           status.hidden == configuration.hideLiveFigures, status.limit == configuration.timeLimit, status.bar == configuration.bar {
            return status.line
        }
        let line = statusLine(session, live: figures, width: width)
        status = Status(figures: figures, started: session.hasStarted, width: width, hidden: configuration.hideLiveFigures,
                        limit: configuration.timeLimit, bar: configuration.bar, line: line)
        return line
    }

    /// Live figures: speed against the bars, accuracy, time and progress; or only the time in exam style.
    /// `live` is the session's figures at the last whole second (`Attempt.liveFiguresAtWholeSeconds`).
    func statusLine(_ session: TypingSession, live: LiveFigures, width: Int) -> String {
        let time: String
        if let remaining = live.remainingSeconds {
            time = clock(remaining.rounded(.up)) + " left"
        } else {
            time = clock(live.elapsedSeconds.rounded(.down))
        }
        guard session.hasStarted else {
            return session.configuration.timeLimit.map { "\(clock($0)) on the clock" } ?? "0:00"
        }
        if session.configuration.hideLiveFigures {
            return "\(time)    live figures hidden"
        }
        let progress: String
        if let limit = session.configuration.timeLimit {
            progress = String(Int(clampingFigure: min(100, live.elapsedSeconds / limit * 100))) + "% of the time"
        } else {
            progress = String(Int(clampingFigure: Double(live.typedCharacters) / Double(max(1, glyphs.count)) * 100)) + "% done"
        }
        // String(…) rather than interpolating integers: interpolation looks up conformances at run time, per key.
        // In the first second the figures are those before the first key: no accuracy to show yet.
        let accuracy = live.typedCharacters == 0 ? "--%" : formatDecimal(live.accuracy, places: 1) + "%"
        guard live.elapsedSeconds >= TypingView.liveSpeedAfterSeconds else {
            let status = "speed from " + formatDecimal(TypingView.liveSpeedAfterSeconds, places: 0) + " s   " + accuracy + "   " + time + "   " + progress
            return status.utf8.count <= width ? status : accuracy + "  " + time
        }
        // Rounded down as formatDecimal rounds (with its nudge), so 23.999999999999996 shows as the 24 it is.
        let net = (live.netWPM * (1 + 1e-12)).rounded(.down)
        let speed = formatDecimal(net, places: 0) + " WPM"
        let marks = session.configuration.bar.verdict(netWPM: net, accuracy: 100).marks
        let toward: String
        if let next = marks.first(where: { net < $0 }) {
            toward = formatDecimal(next - net, places: 0) + " short of " + formatDecimal(next, places: 0)
        } else {
            toward = "clears " + formatDecimal(marks.last ?? 50, places: 0)
        }
        let status = speed + " · " + toward + "   " + accuracy + "   " + time + "   " + progress
        return status.utf8.count <= width ? status : speed + " · " + toward + "  " + formatDecimal(live.accuracy, places: 0) + "%  " + time
    }

    /// What a too-small window shows instead of a garbled screen.
    public static func tooSmall(rows: Int, columns: Int) -> Frame {
        var frame = Frame(width: columns, height: rows)
        let message = "typebar needs \(ScreenSize.minimumColumns)×\(ScreenSize.minimumRows) or more (this is \(columns)×\(rows)). Enlarge the window, or Esc to leave; typing waits."
        let lines = wrapWords(message, width: columns)
        for (index, line) in lines.enumerated() where index < rows {
            frame.put(line, row: index, column: 0, role: .bad)
        }
        return frame
    }
}

/// "1:05" for 65 seconds.
func clock(_ seconds: Double) -> String {
    let whole = max(0, Int(clampingFigure: seconds))
    let rest = whole % 60
    return String(whole / 60) + (rest < 10 ? ":0" : ":") + String(rest)
}
