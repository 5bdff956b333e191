import TypeBarKit

/// The results screen: every figure, the verdict against the bar with the distance to 40 and 50, a chart of speed
/// over the session, the slowest keys and the most-missed characters. Pure, like `TypingView`.
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

    public init(result: ScoreResult, bar: HiringBar, title: String) {
        self.result = result
        self.bar = bar
        self.title = title
    }

    public static let keysHelp = "r retry · n next · q quit"

    public func frame(rows: Int, columns: Int) -> Frame {
        guard columns >= ScreenSize.minimumColumns, rows >= ScreenSize.minimumRows else {
            return TypingView.tooSmall(rows: rows, columns: columns)
        }
        var frame = Frame(width: columns, height: rows)
        let verdict = bar.verdict(for: result)
        var row = 0
        var column = frame.put(" typebar", row: row, column: 0, role: .title)
        column = frame.put(" · results · ", row: row, column: column, role: .dim)
        frame.put(title, row: row, column: column, role: .title)
        row += 2

        column = frame.put(" \(formatDecimal(result.netWPM, places: 0)) net WPM", row: row, column: 0, role: verdict.meetsSpeed ? .good : .bad)
        column = frame.put("   ", row: row, column: column)
        frame.put("\(formatDecimal(result.accuracy, places: 1)) % accuracy", row: row, column: column, role: verdict.meetsAccuracy ? .good : .bad)
        row += 1
        if let assessment {
            let line = assessment.passed ? "✓ PASS: every rule of the assessment is met" : "✗ NOT PASSED: " + assessment.reasons.joined(separator: "; ")
            for part in AssessmentIntroView.wrapped(line, width: columns - 2) {
                frame.put(part, row: row, column: 1, role: assessment.passed ? .good : .bad)
                row += 1
            }
        }
        frame.put(" " + (verdict.meetsBar ? "✓ " : "✗ ") + verdict.judgement, row: row, column: 0, role: verdict.meetsBar ? .good : .bad)
        row += 2

        var figures = " gross \(formatDecimal(result.grossWPM, places: 1)) WPM"
        if let keys = result.keystrokes {
            figures += "   keystroke accuracy \(formatDecimal(keys.accuracy, places: 1)) %"
            if let consistency = keys.consistency { figures += "   consistency \(formatDecimal(consistency, places: 0)) %" }
        }
        frame.put(figures, row: row, column: 0)
        row += 1
        var errors = " errors: \(result.uncorrectedErrors) uncorrected in \(result.wordErrors) word\(result.wordErrors == 1 ? "" : "s")"
        if let keys = result.keystrokes { errors += ", \(keys.correctedErrors) corrected" }
        errors += "   time \(formatDuration(result.elapsedSeconds))"
        frame.put(errors, row: row, column: 0)
        row += 1

        // Lines after the chart: keys, flags, help. The chart takes what is left.
        var footer: [(String, Role)] = []
        if let keys = result.keystrokes {
            let slow = keys.slowestKeys()
            if !slow.isEmpty {
                footer.append((" slowest keys: " + slow.map { "\($0.character) \(formatDecimal($0.meanMilliseconds ?? 0, places: 0)) ms" }.joined(separator: ", "), .plain))
            }
            let missed = keys.mostMissed()
            footer.append((" most missed: " + (missed.isEmpty ? "none" : missed.map { "\($0.character == " " ? "space" : String($0.character)) \($0.errors)/\($0.typed)" }.joined(separator: ", ")), .plain))
        }
        // Flags and notes wrap: they are sentences a candidate or trainer must be able to read whole.
        for flag in result.flags {
            footer += AssessmentIntroView.wrapped("flag \(flag.kind.rawValue): \(flag.detail)", width: columns - 2).map { (" " + $0, .bad) }
        }
        for note in notes {
            footer += AssessmentIntroView.wrapped(note, width: columns - 2).map { (" " + $0, note.hasPrefix("NOT") ? .bad : .dim) }
        }
        footer.append((" " + help, .key))

        let chartRows = rows - row - footer.count - 2
        if chartRows >= 3, let timeline = result.keystrokes?.timeline, !timeline.isEmpty {
            row += 1
            let marks = verdict.marks
            let named = marks.map { formatDecimal($0, places: 0) }
            frame.put(" speed over the session (WPM per second; lines at \(named.dropLast().joined(separator: ", ")) and \(named.last ?? ""))", row: row, column: 0, role: .dim)
            row += 1
            let chart = SpeedChart(values: timeline.map(\.rawWPM), marks: marks)
            chart.draw(into: &frame, top: row, left: 1, rows: chartRows - 1, columns: columns - 2)
            row += chartRows - 1
        }
        row = max(row + 1, rows - footer.count)
        for (text, role) in footer where row < rows {
            frame.put(text, row: row, column: 0, role: role)
            row += 1
        }
        return frame
    }
}

/// A bar chart of a series drawn with block characters (eighths of a cell), with dashed lines at the marks.
/// The scale runs from `floor` to `ceiling`, or, without a ceiling, to a little above the largest value or mark.
struct SpeedChart {
    var values: [Double]
    var marks: [Double]
    var floor = 0.0
    var ceiling: Double?

    static let blocks: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

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
                frame.put(String(Int(clampingFigure: maximum)).leftPadded(to: labelWidth - 1) + "┤", row: screenRow, column: left, role: .dim)
            } else if let mark {
                frame.put(String(Int(clampingFigure: mark)).leftPadded(to: labelWidth - 1) + "┤", row: screenRow, column: left, role: .mark)
            } else if row == rows - 1 && floor > 0 {
                frame.put(String(Int(clampingFigure: floor)).leftPadded(to: labelWidth - 1) + "┤", row: screenRow, column: left, role: .dim)
            } else {
                frame.put(String(repeating: " ", count: labelWidth - 1) + "│", row: screenRow, column: left, role: .dim)
            }
            for (index, value) in series.enumerated() {
                let eighths = Int(clampingFigure: ((min(value, maximum) - floor) * scale - bottomEighths).rounded())
                let column = left + labelWidth + index
                if eighths > 0 {
                    frame.put(SpeedChart.blocks[min(8, eighths)], row: screenRow, column: column, role: .chart)
                } else if mark != nil {
                    frame.put("╌", row: screenRow, column: column, role: .mark)
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
