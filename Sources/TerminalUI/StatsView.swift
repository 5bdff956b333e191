import TypeBarCore
import TypeBarFormats

/// `typebar stats` as a frame: recent form against all-time, the trend and when it reaches 40 and 50 WPM, where the
/// candidate stands in a large typing study, bests per mode, charts of net WPM and accuracy over the sessions, and
/// what costs the most time or errors. Pure: the command prints the frame as text.
public struct StatsView: Sendable {
    /// Every session's figures, in time order.
    public var progress: ProgressSummary
    /// What the latest sessions' keys and pairs cost.
    public var keyCosts: KeyCosts
    /// The first and last session's times, seconds since 1970.
    public var firstTime: Double?
    public var lastTime: Double?
    /// Whose sessions these are, when the history was filtered to one candidate.
    public var candidate: String?
    /// Draw the charts in ASCII (a terminal whose locale is not UTF-8).
    public var ascii = false
    /// Seconds east of UTC, for the dates shown.
    public var utcOffset: Int
    /// Every chat shift, oldest first, for the response-time section (none: no section).
    public var chatShifts: [ChatShiftPoint] = []

    public init(progress: ProgressSummary, keyCosts: KeyCosts, firstTime: Double?, lastTime: Double?, candidate: String? = nil, utcOffset: Int = 0) {
        self.progress = progress
        self.keyCosts = keyCosts
        self.firstTime = firstTime
        self.lastTime = lastTime
        self.candidate = candidate
        self.utcOffset = utcOffset
    }

    /// Narrower than this, a terminal gets the report at this width (and wraps it).
    public static let minimumColumns = 20

    /// The whole report at `columns` wide, every sentence wrapped at word boundaries to fit; the frame is as tall
    /// as its content.
    public func frame(columns: Int) -> Frame {
        let width = max(StatsView.minimumColumns, columns)
        var frame = Frame(width: width, height: 120 + 3 * progress.bests.count + (chatShifts.isEmpty ? 0 : ResponseTimeSection.rows))
        var row = 0
        let who = candidate.map { " · \($0)" } ?? ""
        guard let recent = progress.recent, let allTime = progress.allTime, let first = firstTime, let last = lastTime else {
            for line in wrapWords("typebar stats\(who): no results yet.", width: width) {
                frame.put(line, row: row, column: 0, role: .title)
                row += 1
            }
            for line in wrapWords("Practise with `typebar`, or take a timed test with `typebar test`: every result is kept.", width: width) {
                frame.put(line, row: row, column: 0)
                row += 1
            }
            return frame.trimmed(to: row)
        }
        let count = progress.sessions.count
        /// A heading or sentence of its own, wrapped to the width.
        func paragraph(_ text: String, _ role: Role, indent: Int = 0) {
            for line in wrapWords(text, width: width - indent) {
                frame.put(line, row: row, column: indent, role: role)
                row += 1
            }
        }
        var column = frame.put("typebar stats\(who)", row: row, column: 0, role: .title)
        let span = " · \(count) session\(count == 1 ? "" : "s") · \(date(first)) to \(date(last))"
        if column + DisplayWidth.of(span) <= width {
            frame.put(span, row: row, column: column, role: .dim)
            row += 1
        } else {
            row += 1
            paragraph(String(span.dropFirst(3)), .dim)
        }
        row += 1

        // A label and its text; the text wraps beside the label, or under it when the window is too narrow. A list
        // of figures breaks only between them, so no figure parts from its key or its unit.
        let labelWidth = 18
        func labelled(_ label: String, _ role: Role, wrapped: (Int) -> [String]) {
            row = frame.putLabelled(label, row: row, labelWidth: labelWidth, width: width, role: role, wrapped: wrapped)
        }
        func line(_ label: String, _ text: String, _ role: Role = .plain) {
            labelled(label, role) { wrapWords(text, width: $0) }
        }
        func list(_ label: String, _ items: [String]) {
            labelled(label, .plain) { wrapWords(wholeItems(items), width: $0) }
        }
        line("Recent form", "\(withUnit(wpm(recent.netWPM), "net WPM")), \(withUnit(formatDecimal(recent.accuracy, places: 1), "%")) accuracy (last \(recent.count))", recent.netWPM >= 40 ? .good : .plain)
        line("All time", "\(withUnit(wpm(allTime.netWPM), "net WPM")), \(withUnit(formatDecimal(allTime.accuracy, places: 1), "%")) accuracy (\(allTime.count))")
        if let trend = progress.weeklyTrend {
            line("Trend", "\(withUnit((trend >= 0 ? "+" : "") + formatDecimal(trend, places: 1), "net WPM")) per week", trend > 0 ? .good : .plain)
        } else {
            line("Trend", "needs \(withUnit(String(ProgressSummary.trendMinimumSessions), "sessions")) over \(withUnit(String(Int(ProgressSummary.trendMinimumDays)), "days")) or more", .dim)
        }
        for mark in HiringBar.chatSupportMarks {
            guard let outlook = progress.outlook(for: mark) else { continue }
            let label = "To \(formatDecimal(mark, places: 0)) WPM"
            switch outlook {
            case .reached:
                line(label, "reached: recent form is at or above \(formatDecimal(mark, places: 0))", .good)
            case .expected(let short, let weeks):
                line(label, "\(withUnit(formatDecimal(short, places: 1), "to go")); at this trend about \(duration(weeks: weeks)) (around \(date(last + weeks * 7 * 86_400)))")
            case .notOnTrend(let short):
                line(label, "\(withUnit(formatDecimal(short, places: 1), "to go")); the trend is not rising yet, so no date")
            }
        }
        let percentile = ProgressSummary.studyPercentile(of: recent.netWPM)
        line("Among typists", "faster than \(withUnit(formatDecimal(percentile, places: 0), "%")) of the 168,000 online volunteers")
        line("", "in Dhakal et al., CHI 2018 (mean \(withUnit("\(ProgressSummary.studyMeanWPM)", "WPM")), \(withUnit("SD", formatDecimal(ProgressSummary.studyStandardDeviation, places: 2)))),", .dim)
        line("", "a self-selected group, not typists in general", .dim)
        row += 1

        frame.put("Personal bests", row: row, column: 0, role: .title)
        row += 1
        let groupWidth = min(28, (progress.bests.map { $0.group.count }.max() ?? 0) + 2)
        for best in progress.bests {
            let (figure, details) = bestText(best)
            if groupWidth + 2 + 13 + 2 + details.count <= width {
                frame.put("  " + best.group, row: row, column: 0)
                column = frame.put(figure.leftPadded(to: 13), row: row, column: groupWidth + 2, role: .good)
                frame.put("  " + details, row: row, column: column, role: .dim)
                row += 1
            } else {
                // Narrow: the group on its line, its best and details wrapped under it.
                paragraph(best.group, .plain, indent: 2)
                column = frame.put(figure, row: row, column: 4, role: .good)
                row += 1
                paragraph(details, .dim, indent: 4)
            }
        }
        row += 1

        row = drawCharts(into: &frame, row: row, width: width)

        if !chatShifts.isEmpty {
            row = ResponseTimeSection(shifts: chatShifts).draw(into: &frame, row: row, width: width)
        }

        let costs = keyCosts
        guard costs.sessions > 0 else { return frame.trimmed(to: row - 1) }
        paragraph("What costs you most (last \(costs.sessions) session\(costs.sessions == 1 ? "" : "s") with keystrokes)", .title)
        let slow = costs.slowestCharacters()
        list("  slowest keys", slow.isEmpty ? ["not enough typing yet"] : slow.map { "\(shownKey($0.key)) \(formatDecimal($0.meanMilliseconds ?? 0, places: 0)) ms" })
        let missed = costs.mostMissed()
        list("  most missed", missed.isEmpty ? ["none"] : missed.map { "\(shownKey($0.key)) \(formatDecimal($0.errorRate, places: 0)) % (\($0.errors)/\($0.typed))" })
        let pairs = costs.slowestPairs()
        list("  slowest pairs", pairs.isEmpty ? ["not enough typing yet"] : pairs.map { "\"\($0.key)\" \(formatDecimal($0.meanMilliseconds ?? 0, places: 0)) ms" })
        return frame.trimmed(to: row)
    }

    private func wpm(_ value: Double) -> String { formatDecimal(value, places: 1) }

    /// A personal best's figure ("52.3 net WPM", or for chat shifts "3/3 served") and what goes after it: the
    /// accuracy, or the median first reply ("first reply 14 s"); the date; how many sessions or shifts the group holds.
    private func bestText(_ best: ProgressSummary.Best) -> (figure: String, details: String) {
        guard let chat = best.chat else {
            return ("\(wpm(best.session.netWPM)) net WPM",
                    "\(formatDecimal(best.session.accuracy, places: 1)) %  \(date(best.session.time))  (\(best.count) session\(best.count == 1 ? "" : "s"))")
        }
        // The median first reply, in whole seconds as every chat figure shows them.
        let firstReply = chat.medianFirstResponse.map { "first reply \(ChatResult.shownSeconds($0)) s" } ?? "no reply"
        return ("\(chat.served)/\(chat.customers) served", "\(firstReply)  \(date(best.session.time))  (\(best.count) shift\(best.count == 1 ? "" : "s"))")
    }

    /// The sessions this many days or more apart are charted by date; a chart needs at least this many.
    static let chartMinimumSessions = 3

    /// Net WPM and accuracy over time, sessions placed by date, as line charts across the width: the trend line and
    /// the dates it predicts for 40 and 50 on the speed chart, personal bests marked. Returns the next free row.
    private func drawCharts(into frame: inout Frame, row start: Int, width: Int) -> Int {
        var row = start
        func paragraph(_ text: String, _ role: Role) {
            for line in wrapWords(text, width: width) {
                frame.put(line, row: row, column: 0, role: role)
                row += 1
            }
        }
        let sessions = progress.sessions
        let count = sessions.count
        guard count >= StatsView.chartMinimumSessions, let first = sessions.map(\.time).min(), let last = sessions.map(\.time).max(), last > first else {
            paragraph("Charts: after \(StatsView.chartMinimumSessions) sessions, your net WPM and accuracy over time show here, with the trend and when it reaches 40 and 50.", .dim)
            return row + 1
        }
        let day = 86_400.0
        // Days from the first session; the axis runs on to the dates the trend predicts for 40 and 50, when they
        // fall within the span charted so far again.
        var end = (last - first) / day
        var predicted: [(mark: Double, day: Double)] = []
        for mark in HiringBar.chatSupportMarks {
            if case .expected(_, let weeks) = progress.outlook(for: mark) {
                let at = (last - first) / day + weeks * 7
                if at <= 2 * (last - first) / day { predicted.append((mark, at)) }
            }
        }
        end = max(end, predicted.map(\.day).max() ?? 0)
        let xs = sessions.map { ($0.time - first) / day }
        let ticks = dateTicks(first: first, days: end, columns: width - 8)

        paragraph("Net WPM over time, \(count) sessions (the trend lighter; \(ascii ? "+" : "◆") where it reaches 40 and 50; \(ascii ? "#" : "★") personal bests)", .title)
        let speeds = sessions.map(\.netWPM)
        var lines = [LineChart.Line(xs: xs, ys: speeds, role: .chart, ascii: "*")]
        if let trend = progress.trendLine {
            let at = { (days: Double) in trend.atFirst + trend.perWeek * ((first + days * day - trend.start) / (7 * day)) }
            lines.append(LineChart.Line(xs: [0, end], ys: [at(0), at(end)], role: .chartLight, ascii: "."))
        }
        var speed = LineChart(lines: lines, xRange: 0...max(end, 1e-9), axis: ChartAxis.fitting(max(speeds.max() ?? 0, 50)))
        speed.marks = HiringBar.chatSupportMarks.map { LineChart.Mark(value: $0, label: formatDecimal($0, places: 0)) }
        speed.symbols = predicted.map { LineChart.Symbol(x: $0.day, y: $0.mark, glyph: "◆", ascii: "+", role: .good) }
            + progress.bests.filter { $0.chat == nil }.map { LineChart.Symbol(x: ($0.session.time - first) / day, y: $0.session.netWPM, glyph: "★", ascii: "#", role: .good) }
        speed.xTicks = ticks
        speed.unicode = !ascii
        speed.draw(into: &frame, top: row, left: 0, rows: 9, columns: width)
        row += 10
        paragraph("Accuracy over time, % (line at 95)", .title)
        let accuracies = sessions.map(\.accuracy)
        let floor = min(90, ((accuracies.min() ?? 90) / 5).rounded(.down) * 5)
        var accuracy = LineChart(lines: [LineChart.Line(xs: xs, ys: accuracies, role: .chart, ascii: "*")], xRange: 0...max(end, 1e-9),
                                 axis: ChartAxis(bottom: floor, top: 100, step: (100 - floor) / 2))
        accuracy.marks = [LineChart.Mark(value: 95, label: "95")]
        accuracy.xTicks = ticks
        accuracy.unicode = !ascii
        accuracy.draw(into: &frame, top: row, left: 0, rows: 6, columns: width)
        return row + 7
    }

    /// Dates along an x axis of `days` from `first`, as "11-03", about one every twelve columns; times of day
    /// ("14:30") when the sessions span less than two days.
    private func dateTicks(first: Double, days: Double, columns: Int) -> [(x: Double, label: String)] {
        let wanted = max(1, columns / 12)
        let hour = 1.0 / 24
        let steps: [Double] = days < 2 ? [hour / 12, hour / 4, hour / 2, hour, 2 * hour, 3 * hour, 6 * hour, 12 * hour, 1] : [1, 2, 7, 14, 28, 56, 91, 182, 365]
        let step = steps.first { days / $0 <= Double(wanted) } ?? (days / Double(wanted)).rounded(.up)
        var ticks: [(Double, String)] = []
        var at = 0.0
        while at <= days + 1e-9 {
            let time = first + at * 86_400
            ticks.append((at, days < 2 ? String(Timestamp.text(time + Double(utcOffset)).dropFirst(11).prefix(5)) : String(date(time).dropFirst(5))))
            at += step
        }
        return ticks
    }

    private func date(_ time: Double) -> String { Timestamp.date(time, offset: utcOffset) }


    private func duration(weeks: Double) -> String {
        if weeks < 1 {
            let days = max(1, Int(clampingFigure: (weeks * 7).rounded(.up)))
            return withUnit(String(days), days == 1 ? "day" : "days")
        }
        let whole = Int(clampingFigure: weeks.rounded(.up))
        return withUnit(String(whole), whole == 1 ? "week" : "weeks")
    }
}

extension Frame {
    /// Draws `label` (dim) at the left of `row` and beside it, from `labelWidth`, the lines `wrapped` makes for the
    /// width left; when that is under 24 columns, the lines go under the label, indented by 2. Returns the next free
    /// row. How `typebar stats` sets out a figure and its name.
    mutating func putLabelled(_ label: String, row: Int, labelWidth: Int, width: Int, role: Role, wrapped: (Int) -> [String]) -> Int {
        var row = row
        let beside = width - labelWidth >= 24
        if !label.isEmpty || beside { put(label, row: row, column: 0, role: .dim) }
        if !beside && !label.isEmpty { row += 1 }
        let indent = beside ? labelWidth : 2
        for part in wrapped(width - indent) {
            put(part, row: row, column: indent, role: role)
            row += 1
        }
        return row
    }

    /// The top `rows` rows as a frame of their own.
    func trimmed(to rows: Int) -> Frame {
        var copy = Frame(width: width, height: max(0, min(rows, height)))
        copy.copyRows(from: self)
        return copy
    }
}
