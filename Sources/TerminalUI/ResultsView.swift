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
        shownKey(String(character))
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

        // The headline: net WPM, large when there is room, with accuracy and the verdict beside it.
        var blocks: [Block] = []
        let speedRole: Role = verdict.meetsSpeed ? .good : .bad
        let accuracyRole: Role = verdict.meetsAccuracy ? .good : .bad
        let wpm = formatDecimal(result.netWPM, places: 0)
        let accuracy = "\(formatDecimal(result.accuracy, places: 1)) % accuracy"
        let big = BigFigure.rows(wpm, ascii: ascii)
        let besideWidth = width - BigFigure.width(wpm) - 3
        let judgement = (verdict.meetsBar ? pass : fail) + verdict.judgement
        // In an assessment its verdict matters most: it comes before the bar's.
        var assessmentLines: [Line] = []
        if let assessment {
            let line = assessment.passed ? pass + "PASS: every rule of the assessment is met" : fail + "NOT PASSED: " + assessment.reasons.joined(separator: "; ")
            assessmentLines = wrapped(line, assessment.passed ? .good : .bad)
        }
        if rows >= 16, besideWidth >= 24 {
            let beside = [[("\(formatDecimal(result.netWPM, places: 1)) net WPM", Role.dim)], [(accuracy, accuracyRole)]] + wrapWords(judgement, width: besideWidth).map { [($0, verdict.meetsBar ? Role.good : .bad)] }
            var lines: [Line] = []
            for index in 0..<max(big.count, beside.count) {
                let figure = index < big.count ? big[index] : String(repeating: " ", count: BigFigure.width(wpm))
                lines.append([(figure, speedRole), ("   ", .plain)] + (index < beside.count ? beside[index] : []))
            }
            blocks.append((0, lines))
            if !assessmentLines.isEmpty { blocks.append((0, assessmentLines)) }
        } else {
            let speed = "\(wpm) net WPM"
            if DisplayWidth.of(speed + "   " + accuracy) <= width {
                blocks.append((0, [[(speed, speedRole), ("   ", .plain), (accuracy, accuracyRole)]]))
            } else {
                blocks.append((0, [[(speed, speedRole)], [(accuracy, accuracyRole)]]))
            }
            if !assessmentLines.isEmpty { blocks.append((0, assessmentLines)) }
            blocks.append((0, wrapped(judgement, verdict.meetsBar ? .good : .bad)))
        }
        let chartAt = blocks.count

        // The figures behind the headline, then what they mean, then the keys to practise.
        var figures = ["gross \(formatDecimal(result.grossWPM, places: 1)) WPM"]
        if let keys = result.keystrokes {
            figures.append("keystroke accuracy \(formatDecimal(keys.accuracy, places: 1)) %")
            if let consistency = keys.consistency { figures.append("consistency \(formatDecimal(consistency, places: 0)) %") }
            if let kspc = keys.kspc { figures.append("KSPC \(formatDecimal(kspc, places: 2))") }
        }
        blocks.append((3, wrapped(figures.joined(separator: " · "), .plain)))
        var errors = "errors: \(result.uncorrectedErrors) uncorrected in \(result.wordErrors) word\(result.wordErrors == 1 ? "" : "s")"
        if let keys = result.keystrokes { errors += ", \(keys.correctedErrors) corrected" }
        errors += " · time \(formatDuration(result.elapsedSeconds))"
        blocks.append((3, wrapped(errors, .plain)))
        if result.keystrokes != nil {
            blocks.append((6, wrapped(ResultsView.footnote, .dim)))
        }
        if let keys = result.keystrokes {
            let slow = keys.slowestKeys()
            if !slow.isEmpty {
                blocks.append((4, wrapped("practise · slowest keys: " + slow.map { "\(ResultsView.named($0.character)) \(formatDecimal($0.meanMilliseconds ?? 0, places: 0)) ms" }.joined(separator: ", "), .plain)))
            }
            let missed = keys.mostMissed()
            blocks.append((4, wrapped("practise · most missed: " + (missed.isEmpty ? "none" : missed.map { "\(ResultsView.named($0.character)) \($0.errors)/\($0.typed)" }.joined(separator: ", ")), .plain)))
        }
        // Flags and notes are sentences a candidate or trainer must be able to read whole: they give way last.
        for flag in result.flags {
            blocks.append((1, wrapped("flag \(flag.kind.rawValue): \(flag.detail)", .bad)))
        }
        for note in notes {
            blocks.append((2, wrapped(note, note.hasPrefix("NOT") ? .bad : .dim)))
        }

        let helpLines = wrapped(acceptsKeys ? help : ResultsView.settlingHelp, acceptsKeys ? .key : .dim)
        // A blank row sets the key hints apart when the window has rows to spare.
        let gap = rows >= 16 ? 1 : 0
        // The chart keeps its rows in a window tall enough, ahead of the footnote and the keys to practise.
        let timeline = result.keystrokes?.timeline ?? []
        let caption = wrapWords(ascii ? ResultsView.asciiCaption : ResultsView.caption, width: width)
        let chartRows = !timeline.isEmpty && rows >= 18 ? 1 + caption.count + min(9, max(5, (rows - 12) / 2)) : 0
        let room = rows - 2 - helpLines.count - gap - chartRows
        // Drop whole blocks, least important and latest first, until the rest fits with a line saying so.
        var kept = blocks.map { _ in true }
        func height() -> Int { zip(blocks, kept).reduce(0) { $0 + ($1.1 ? $1.0.lines.count : 0) } }
        var hidden = 0
        for priority in stride(from: 6, through: 1, by: -1) where height() + (hidden > 0 ? 1 : 0) > room {
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
            for (offset, line) in lines.enumerated() where first + offset < rows - helpLines.count - gap {
                var column = 1
                for run in line { column = frame.put(run.text, row: first + offset, column: column, role: run.role) }
            }
        }
        draw(top, from: 2)
        let bottomStart = max(2 + top.count, rows - helpLines.count - gap - bottom.count)
        draw(bottom, from: bottomStart)

        // The chart takes the rows between, when there are enough for a caption and a readable plot.
        let spare = bottomStart - (2 + top.count) - 1 - gap
        if !timeline.isEmpty {
            let plotRows = spare - caption.count
            if plotRows >= 4 {
                var row = 3 + top.count
                for line in caption {
                    frame.put(line, row: row, column: 1, role: .dim)
                    row += 1
                }
                speedChart(timeline, marks: verdict.marks, columns: width).draw(into: &frame, top: row, left: 1, rows: plotRows, columns: width)
            }
        }
        for (offset, line) in helpLines.enumerated() {
            for run in line { frame.put(run.text, row: rows - helpLines.count + offset, column: 1, role: run.role) }
        }
        return frame
    }

    static let caption = "speed: net WPM so far ⣿ · raw over the last 5 s (lighter) · × mistyped keys"
    static let asciiCaption = "speed: net WPM so far * · raw over the last 5 s . · x mistyped keys"
    /// What the figures that are not speed or accuracy mean, in a line.
    static let footnote = "consistency: how even your pace was (100 % is steady) · KSPC: keys pressed per character kept (1.00 is no corrections)"

    /// The chart of the results screen: the lines and scale of `SpeedSeries`, the marks labelled (the bar as
    /// "bar N"), errors on the bottom row, seconds or minutes along the x axis.
    func speedChart(_ timeline: [TimelineSample], marks: [Double], columns: Int) -> LineChart {
        let series = SpeedSeries(timeline: timeline, marks: marks)
        var chart = LineChart(
            lines: [
                LineChart.Line(xs: series.seconds, ys: series.net, role: .chart, ascii: "*"),
                LineChart.Line(xs: series.seconds, ys: series.raw, role: .chartLight, ascii: "."),
            ],
            xRange: 0...max(series.span, 1), axis: series.axis)
        chart.marks = marks.map { mark in
            let label = formatDecimal(mark, places: 0)
            return LineChart.Mark(value: mark, label: mark == bar.netWPM && !HiringBar.chatSupportMarks.contains(mark) ? "bar \(label)" : label)
        }
        chart.symbols = series.errorSeconds.map { LineChart.Symbol(x: $0, glyph: "×", ascii: "x", role: .bad) }
        chart.xTicks = LineChart.secondTicks(span: series.span, columns: columns - 8)
        chart.unicode = !ascii
        return chart
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
