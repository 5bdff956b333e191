import TypeBarCore
import TypeBarFormats

/// The results screen: every figure, the verdict against the bar with the distance to 40 and 50, a chart of speed
/// over the session, the slowest keys and the most-missed characters. Pure, like `TypingView`.
/// Every sentence wraps at word boundaries; the key hints always take the last rows, and when the window is too
/// short for everything the least important lines give way first and a line says how many are hidden.
public struct ResultsView: Sendable {
    public var result: ScoreResult
    public var bar: HiringBar
    public var title: String
    /// Lines shown under the figures: where the keystrokes and the result were saved, or why not.
    public var notes: [String] = []
    /// The keys the screen answers.
    public var help = ResultsView.keysHelp
    /// In an assessment: the verdict under its rules, shown above the bar's.
    public var assessment: AssessmentVerdict?
    /// False for the moment after the screen appears, while keys typed through the end of a test are ignored.
    public var acceptsKeys = true
    /// Draw with ASCII only (a terminal whose locale is not UTF-8): "ok" and "x" for the marks.
    public var ascii = false

    public init(result: ScoreResult, bar: HiringBar, title: String) {
        self.result = result
        self.bar = bar
        self.title = title
    }

    public static let keysHelp = "r retry · n next · q quit"
    /// What the key-hint line says while keys are ignored.
    public static let settlingHelp = "keys ignored for a second, so typing on cannot skip this"

    /// A key as the lists name it, as `typebar stats` does: "space", else quoted, so a comma in a list of keys
    /// reads as the key it is ("',' 74 ms").
    static func named(_ character: Character) -> String {
        character == " " ? "space" : "'\(character)'"
    }

    /// One line of the screen: runs of text in their roles.
    private typealias Line = [(text: String, role: Role)]
    /// Lines to show and how much each matters: the lowest numbers stay when the window is short.
    private typealias Block = (priority: Int, lines: [Line])

    public func frame(rows: Int, columns: Int) -> Frame {
        guard columns >= ScreenSize.minimumColumns, rows >= ScreenSize.minimumRows else {
            return TypingView.tooSmall(rows: rows, columns: columns)
        }
        var frame = Frame(width: columns, height: rows)
        let verdict = bar.verdict(for: result)
        let width = columns - 2
        var column = frame.put(" typebar", row: 0, column: 0, role: .title)
        column = frame.put(" · results · ", row: 0, column: column, role: .dim)
        frame.put(title, row: 0, column: column, role: .title)

        func wrapped(_ text: String, _ role: Role) -> [Line] { wrapWords(text, width: width).map { [($0, role)] } }
        let pass = ascii ? "ok " : "✓ "
        let fail = ascii ? "x " : "✗ "

        var blocks: [Block] = []
        let speed = "\(formatDecimal(result.netWPM, places: 0)) net WPM"
        let accuracy = "\(formatDecimal(result.accuracy, places: 1)) % accuracy"
        if DisplayWidth.of(speed + "   " + accuracy) <= width {
            blocks.append((0, [[(speed, verdict.meetsSpeed ? .good : .bad), ("   ", .plain), (accuracy, verdict.meetsAccuracy ? .good : .bad)]]))
        } else {
            blocks.append((0, [[(speed, verdict.meetsSpeed ? .good : .bad)], [(accuracy, verdict.meetsAccuracy ? .good : .bad)]]))
        }
        if let assessment {
            let line = assessment.passed ? pass + "PASS: every rule of the assessment is met" : fail + "NOT PASSED: " + assessment.reasons.joined(separator: "; ")
            blocks.append((0, wrapped(line, assessment.passed ? .good : .bad)))
        }
        blocks.append((0, wrapped((verdict.meetsBar ? pass : fail) + verdict.judgement, verdict.meetsBar ? .good : .bad)))
        blocks.append((5, [[]]))

        var figures = ["gross \(formatDecimal(result.grossWPM, places: 1)) WPM"]
        if let keys = result.keystrokes {
            figures.append("keystroke accuracy \(formatDecimal(keys.accuracy, places: 1)) %")
            if let consistency = keys.consistency { figures.append("consistency \(formatDecimal(consistency, places: 0)) %") }
        }
        blocks.append((3, wrapped(figures.joined(separator: " · "), .plain)))
        var errors = "errors: \(result.uncorrectedErrors) uncorrected in \(result.wordErrors) word\(result.wordErrors == 1 ? "" : "s")"
        if let keys = result.keystrokes { errors += ", \(keys.correctedErrors) corrected" }
        errors += " · time \(formatDuration(result.elapsedSeconds))"
        blocks.append((3, wrapped(errors, .plain)))
        let chartAt = blocks.count

        if let keys = result.keystrokes {
            let slow = keys.slowestKeys()
            if !slow.isEmpty {
                blocks.append((4, wrapped("slowest keys: " + slow.map { "\(ResultsView.named($0.character)) \(formatDecimal($0.meanMilliseconds ?? 0, places: 0)) ms" }.joined(separator: ", "), .plain)))
            }
            let missed = keys.mostMissed()
            blocks.append((4, wrapped("most missed: " + (missed.isEmpty ? "none" : missed.map { "\(ResultsView.named($0.character)) \($0.errors)/\($0.typed)" }.joined(separator: ", ")), .plain)))
        }
        // Flags and notes are sentences a candidate or trainer must be able to read whole: they give way last.
        for flag in result.flags {
            blocks.append((1, wrapped("flag \(flag.kind.rawValue): \(flag.detail)", .bad)))
        }
        for note in notes {
            blocks.append((2, wrapped(note, note.hasPrefix("NOT") ? .bad : .dim)))
        }

        let helpLines = wrapped(acceptsKeys ? help : ResultsView.settlingHelp, acceptsKeys ? .key : .dim)
        let room = rows - 2 - helpLines.count
        // Drop whole blocks, least important and latest first, until the rest fits with a line saying so.
        var kept = blocks.map { _ in true }
        func height() -> Int { zip(blocks, kept).reduce(0) { $0 + ($1.1 ? $1.0.lines.count : 0) } }
        var hidden = 0
        for priority in stride(from: 5, through: 1, by: -1) where height() + (hidden > 0 ? 1 : 0) > room {
            for index in blocks.indices.reversed() where kept[index] && blocks[index].priority == priority {
                guard height() + (hidden > 0 ? 1 : 0) > room else { break }
                kept[index] = false
                if priority < 5 { hidden += blocks[index].lines.count }
            }
        }
        var top: [Line] = []
        var bottom: [Line] = []
        for (index, block) in blocks.enumerated() where kept[index] {
            if index < chartAt { top += block.lines } else { bottom += block.lines }
        }
        if hidden > 0 {
            bottom.append([("(\(hidden) more line\(hidden == 1 ? "" : "s") in a taller window)", .dim)])
        }
        func draw(_ lines: [Line], from first: Int) {
            for (offset, line) in lines.enumerated() where first + offset < rows - helpLines.count {
                var column = 1
                for run in line { column = frame.put(run.text, row: first + offset, column: column, role: run.role) }
            }
        }
        draw(top, from: 2)
        let bottomStart = max(2 + top.count, rows - helpLines.count - bottom.count)
        draw(bottom, from: bottomStart)

        // The chart takes the rows between, when there are enough for a caption and a readable plot.
        let spare = bottomStart - (2 + top.count) - 1
        if let timeline = result.keystrokes?.timeline, !timeline.isEmpty {
            let marks = verdict.marks
            let named = marks.map { formatDecimal($0, places: 0) }
            let caption = wrapWords("speed over the session (WPM per second; lines at \(named.dropLast().joined(separator: ", ")) and \(named.last ?? ""))", width: width)
            let plotRows = spare - caption.count
            if plotRows >= 2 {
                var row = 3 + top.count
                for line in caption {
                    frame.put(line, row: row, column: 1, role: .dim)
                    row += 1
                }
                SpeedChart(values: timeline.map(\.rawWPM), marks: marks, ascii: ascii).draw(into: &frame, top: row, left: 1, rows: plotRows, columns: width)
            }
        }
        for (offset, line) in helpLines.enumerated() {
            for run in line { frame.put(run.text, row: rows - helpLines.count + offset, column: 1, role: run.role) }
        }
        return frame
    }

    /// The screen shown instead of results when an attempt cannot be scored: why, and the keys (or, while
    /// `settled` is false, that keys are ignored for a moment).
    public static func notScored(_ error: ScoringError, help: String) -> (Int, Int, Bool) -> Frame {
        { rows, columns, settled in
            guard columns >= ScreenSize.minimumColumns, rows >= ScreenSize.minimumRows else {
                return TypingView.tooSmall(rows: rows, columns: columns)
            }
            var frame = Frame(width: columns, height: rows)
            var row = 0
            for line in wrapWords("Not scored: \(error.message).", width: columns - 2) where row < rows - 2 {
                frame.put(line, row: row, column: 1, role: .bad)
                row += 1
            }
            let keys = wrapWords(settled ? help : ResultsView.settlingHelp, width: columns - 2)
            for (offset, line) in keys.enumerated() {
                frame.put(line, row: rows - keys.count + offset, column: 1, role: settled ? .key : .dim)
            }
            return frame
        }
    }
}

/// A bar chart of a series drawn with block characters (eighths of a cell), with dashed lines at the marks.
/// The scale runs from `floor` to `ceiling`, or, without a ceiling, to a little above the largest value or mark.
struct SpeedChart {
    var values: [Double]
    var marks: [Double]
    var floor = 0.0
    var ceiling: Double?
    /// ASCII only: `#` for a cell at least half full, `.` for less, `|`, `+` and `-` for the axis and mark lines.
    var ascii = false

    static let blocks: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let asciiBlocks: [Character] = [" ", ".", ".", ".", "#", "#", "#", "#", "#"]

    func draw(into frame: inout Frame, top: Int, left: Int, rows: Int, columns: Int) {
        guard rows >= 2, !values.isEmpty else { return }
        let labelWidth = String(Int(clampingFigure: ceiling ?? max(60, (values.max() ?? 0) * 1.1, (marks.max() ?? 0) * 1.2))).count + 1
        let plotWidth = columns - labelWidth - 1
        guard plotWidth >= 4 else { return }
        let series = bucketed(into: plotWidth)
        let maximum = ceiling ?? max(60, (series.max() ?? 0) * 1.1, (marks.max() ?? 0) * 1.2)
        let scale = Double(rows * 8) / (maximum - floor)
        for row in 0..<rows {
            let screenRow = top + row
            let bottomEighths = Double((rows - 1 - row) * 8)
            // Axis label at the top and at each mark.
            let rowTopValue = floor + (bottomEighths + 8) / scale
            let rowBottomValue = floor + bottomEighths / scale
            let mark = marks.first { $0 >= rowBottomValue && $0 < rowTopValue }
            if row == 0 {
                frame.put(String(Int(clampingFigure: maximum)).leftPadded(to: labelWidth - 1) + (ascii ? "+" : "┤"), row: screenRow, column: left, role: .dim)
            } else if let mark {
                frame.put(String(Int(clampingFigure: mark)).leftPadded(to: labelWidth - 1) + (ascii ? "+" : "┤"), row: screenRow, column: left, role: .mark)
            } else if row == rows - 1 && floor > 0 {
                frame.put(String(Int(clampingFigure: floor)).leftPadded(to: labelWidth - 1) + (ascii ? "+" : "┤"), row: screenRow, column: left, role: .dim)
            } else {
                frame.put(String(repeating: " ", count: labelWidth - 1) + (ascii ? "|" : "│"), row: screenRow, column: left, role: .dim)
            }
            for (index, value) in series.enumerated() {
                let eighths = Int(clampingFigure: ((min(value, maximum) - floor) * scale - bottomEighths).rounded())
                let column = left + labelWidth + index
                if eighths > 0 {
                    frame.put((ascii ? SpeedChart.asciiBlocks : SpeedChart.blocks)[min(8, eighths)], row: screenRow, column: column, role: .chart)
                } else if mark != nil {
                    frame.put(ascii ? "-" : "╌", row: screenRow, column: column, role: .mark)
                }
            }
        }
    }

    /// The series squeezed (by averaging) or left as it is to fit `width` columns.
    func bucketed(into width: Int) -> [Double] {
        guard values.count > width else { return values }
        return (0..<width).map { bucket in
            let start = bucket * values.count / width
            let end = max(start + 1, (bucket + 1) * values.count / width)
            let slice = values[start..<end]
            return slice.reduce(0, +) / Double(slice.count)
        }
    }
}
