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
    /// False while keys typed on through the end of a test are ignored: until none has come for a second.
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
    public static let settlingHelp = "keys ignored until typing stops for a second, so typing on cannot skip this"

    /// A key as the lists name it, as `typebar stats` does: "space", else quoted, so a comma in a list of keys
    /// reads as the key it is ("',' 74 ms").
    static func named(_ character: Character) -> String {
        shownKey(String(character))
    }

    /// One line of the screen: runs of text in their roles.
    private typealias Line = [(text: String, role: Role)]

    /// The screen at this size: `content` says what there is to show, `ResultsLayout.fit` where each part goes,
    /// and this draws it.
    public func frame(rows: Int, columns: Int) -> Frame {
        guard columns >= ScreenSize.minimumColumns, rows >= ScreenSize.minimumRows else {
            return TypingView.tooSmall(rows: rows, columns: columns)
        }
        let verdict = bar.verdict(for: result)
        let width = columns - 2
        let content = content(rows: rows, width: width, verdict: verdict)
        let layout = content.layout(rows: rows)
        var frame = Frame(width: columns, height: rows)
        var column = frame.put(" typebar", row: 0, column: 0, role: .title)
        column = frame.put(" · results · ", row: 0, column: column, role: .dim)
        frame.put(title, row: 0, column: column, role: .title)
        func draw(_ lines: some Sequence<Line>, from first: Int) {
            for (offset, line) in lines.enumerated() {
                var column = 1
                for run in line { column = frame.put(run.text, row: first + offset, column: column, role: run.role) }
            }
        }
        for placed in layout.shown {
            draw(content.sections[placed.index].lines.prefix(placed.lines), from: placed.row)
        }
        if let row = layout.hiddenRow {
            let hidden = layout.hiddenLines
            frame.put("(\(hidden) more line\(hidden == 1 ? "" : "s") in a taller window)", row: row, column: 1, role: .dim)
        }
        if let chart = layout.chart, let series = content.series {
            draw(content.caption.map { [($0, Role.dim)] }, from: chart.captionRow)
            speedChart(series, columns: width)
                .draw(into: &frame, top: chart.plotRow, left: 1, rows: chart.plotRows, columns: width)
        }
        draw(content.help, from: layout.helpRow)
        return frame
    }

    /// Where each section of the screen goes at this size (at least `ScreenSize`'s minimum): what `frame` draws.
    func layout(rows: Int, columns: Int) -> ResultsLayout {
        content(rows: rows, width: columns - 2, verdict: bar.verdict(for: result)).layout(rows: rows)
    }

    /// What the screen says before it is fitted to the window's rows: its sections, the key hints and the chart's
    /// caption, each wrapped to the width.
    private struct Content {
        var sections: [(section: ResultsSection, lines: [Line])]
        var help: [Line]
        var caption: [String]
        /// The chart's lines; nil when there are none to draw (no keystrokes kept, or too short a session).
        var series: SpeedSeries?

        func layout(rows: Int) -> ResultsLayout {
            ResultsLayout.fit(
                sections.map { ($0.section, $0.lines.count) }, rows: rows, helpLines: help.count,
                chartCaption: series == nil ? nil : caption.count)
        }
    }

    /// The sections in screen order, each wrapped to `width`; `rows` chooses the headline's form, as the large
    /// figure needs a window at least 16 rows tall.
    private func content(rows: Int, width: Int, verdict: Verdict) -> Content {
        func wrapped(_ text: String, _ role: Role) -> [Line] { wrapWords(text, width: width).map { [($0, role)] } }
        let pass = ascii ? "ok " : "✓ "
        let fail = ascii ? "x " : "✗ "

        // The headline: net WPM, large when there is room, with accuracy and the verdict beside it.
        var sections: [(section: ResultsSection, lines: [Line])] = []
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
            sections.append((.headline, lines))
            if !assessmentLines.isEmpty { sections.append((.assessment, assessmentLines)) }
        } else {
            let speed = "\(wpm) net WPM"
            if DisplayWidth.of(speed + "   " + accuracy) <= width {
                sections.append((.headline, [[(speed, speedRole), ("   ", .plain), (accuracy, accuracyRole)]]))
            } else {
                sections.append((.headline, [[(speed, speedRole)], [(accuracy, accuracyRole)]]))
            }
            if !assessmentLines.isEmpty { sections.append((.assessment, assessmentLines)) }
            sections.append((.judgement, wrapped(judgement, verdict.meetsBar ? .good : .bad)))
        }

        // The figures behind the headline, then what they mean, then the keys to practise.
        // Each figure stays whole on its line, with its name and unit.
        var figures = ["gross \(formatDecimal(result.grossWPM, places: 1)) WPM"]
        if let keys = result.keystrokes {
            figures.append("keystroke accuracy \(formatDecimal(keys.accuracy, places: 1)) %")
            if let consistency = keys.consistency { figures.append("consistency \(formatDecimal(consistency, places: 0)) %") }
            if let kspc = keys.kspc { figures.append("KSPC \(formatDecimal(kspc, places: 2))") }
        }
        sections.append((.figures, wrapped(wholeItems(figures, separator: " · "), .plain)))
        var errors = "errors: " + withUnit(String(result.uncorrectedErrors), "uncorrected") + " in " + withUnit(String(result.wordErrors), result.wordErrors == 1 ? "word" : "words")
        if let keys = result.keystrokes { errors += ", " + withUnit(String(keys.correctedErrors), "corrected") }
        errors += " · " + unbroken("time " + formatDuration(result.elapsedSeconds))
        sections.append((.errors, wrapped(errors, .plain)))
        if let keys = result.keystrokes {
            sections.append((.footnote, wrapped(ResultsView.footnote, .dim)))
            let slow = keys.slowestKeys()
            if !slow.isEmpty {
                sections.append((.slowestKeys, wrapped("practise · slowest keys: " + wholeItems(slow.map { "\(ResultsView.named($0.character)) \(formatDecimal($0.meanMilliseconds ?? 0, places: 0)) ms" }), .plain)))
            }
            let missed = keys.mostMissed()
            sections.append((.mostMissed, wrapped("practise · most missed: " + (missed.isEmpty ? "none" : wholeItems(missed.map { "\(ResultsView.named($0.character)) \($0.errors)/\($0.typed)" })), .plain)))
        }
        for flag in result.flags {
            sections.append((.flag, wrapped("flag \(flag.kind.rawValue): \(flag.detail)", .bad)))
        }
        for note in notes {
            sections.append((.note, wrapped(note, note.hasPrefix("NOT") ? .bad : .dim)))
        }
        return Content(
            sections: sections,
            help: wrapped(acceptsKeys ? help : ResultsView.settlingHelp, acceptsKeys ? .key : .dim),
            caption: wrapWords(ascii ? ResultsView.asciiCaption : ResultsView.caption, width: width),
            series: result.keystrokes.map { SpeedSeries(timeline: $0.timeline, marks: verdict.marks) }.flatMap { $0.hasLines ? $0 : nil })
    }

    static let caption = "speed: net WPM so far ⣿ · raw over the last 5 s (lighter) · × mistyped keys"
    static let asciiCaption = "speed: net WPM so far * · raw over the last 5 s . · x mistyped keys"
    /// What the figures that are not speed or accuracy mean, in a line.
    static let footnote = "consistency: how even your pace was (100 % is steady) · KSPC: keys pressed per character kept (1.00 is no corrections)"

    /// The chart of the results screen: the lines and scale of `series`, its marks labelled (the bar as "bar N"),
    /// errors on the bottom row, seconds or minutes along the x axis.
    func speedChart(_ series: SpeedSeries, columns: Int) -> LineChart {
        var chart = LineChart(
            lines: [
                LineChart.Line(xs: series.seconds, ys: series.net, role: .chart, ascii: "*"),
                LineChart.Line(xs: series.seconds, ys: series.raw, role: .chartLight, ascii: "."),
            ],
            xRange: 0...max(series.span, 1), axis: series.axis)
        chart.marks = series.marks.map { mark in
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
