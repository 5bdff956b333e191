/// A part of the results screen, in the order the screen lists them.
enum ResultsSection: Equatable, Sendable, CaseIterable {
    /// The net WPM (large when there is room) and the accuracy; beside a large figure, the verdict against the bar.
    case headline
    /// In an assessment, its verdict under its rules: PASS, or NOT PASSED with the rules missed.
    case assessment
    /// The verdict against the bar, on lines of its own when the headline is small.
    case judgement
    /// Gross WPM, keystroke accuracy, consistency, KSPC.
    case figures
    /// The errors, uncorrected and corrected, and the time taken.
    case errors
    /// What consistency and KSPC mean.
    case footnote
    case slowestKeys
    case mostMissed
    /// One integrity flag.
    case flag
    /// One note: where the result was saved, or why not.
    case note

    /// The lower, the longer a section stays in a short window. The headline never gives way; flags and notes are
    /// sentences a candidate or trainer must be able to read whole, so they give way last; the footnote first.
    var priority: Int {
        switch self {
        case .headline, .assessment, .judgement: 0
        case .flag: 1
        case .note: 2
        case .figures, .errors: 3
        case .slowestKeys, .mostMissed: 4
        case .footnote: 5
        }
    }

    /// The priority of the sections that give way first.
    static let lowest = allCases.map(\.priority).max() ?? 0

    /// The headline sections sit at the top, the chart under them; the rest sit at the bottom, above the key hints.
    var isHeadline: Bool { priority == 0 }

    /// Whether the "more lines in a taller window" line counts this section's lines when it gives way: the footnote
    /// explains figures, it is no result of its own.
    var countsWhenHidden: Bool { self != .footnote }
}

/// Which sections of the results screen show in a window `rows` tall, and on which rows: the decision
/// `ResultsView.frame` draws, from how many lines each section takes at the window's width.
/// The key hints take the last rows and the title the first. When everything does not fit, whole sections give way,
/// the least important first and, among equals, the latest first, and a line says how many lines are hidden; a
/// section is never cut short, but for a headline taller than the whole window.
struct ResultsLayout: Equatable {
    /// A section that shows: its place in the list fitted, its first row and how many of its lines show.
    struct Placed: Equatable {
        var index: Int
        var section: ResultsSection
        var row: Int
        var lines: Int
    }

    /// The speed chart's rows: its caption from `captionRow`, then `plotRows` of plot from `plotRow`.
    struct Chart: Equatable {
        var captionRow: Int
        var plotRow: Int
        var plotRows: Int
    }

    /// The sections that show, top to bottom.
    var shown: [Placed]
    /// The sections that gave way, in the order they did.
    var dropped: [ResultsSection]
    /// How many lines the sections that gave way held, not counting the footnote's.
    var hiddenLines: Int
    /// The row of the line that says how many lines are hidden; nil when none are, or a headline left no row for it.
    var hiddenRow: Int?
    /// Where the chart goes; nil without a timeline, or when fewer than four rows are left for its plot.
    var chart: Chart?
    /// The first row of the key hints.
    var helpRow: Int

    /// The first row under the title; the title takes row 0 and row 1 is left blank.
    static let firstRow = 2
    /// A chart is drawn only with at least this many rows of plot.
    static let minimumPlotRows = 4

    /// Fits `sections` (each with how many lines it takes, in screen order) into `rows`, above `helpLines` rows of
    /// key hints. `chartCaption` is how many lines the chart's caption takes, nil when there is no chart to draw.
    static func fit(
        _ sections: [(section: ResultsSection, lines: Int)], rows: Int, helpLines: Int, chartCaption: Int?
    ) -> ResultsLayout {
        // A blank row sets the key hints apart when the window has rows to spare.
        let gap = rows >= 16 ? 1 : 0
        let end = rows - helpLines - gap
        // The chart keeps its rows in a window tall enough, ahead of the footnote and the keys to practise.
        let chartRows = chartCaption.map { rows >= 18 ? 1 + $0 + min(9, max(5, (rows - 12) / 2)) : 0 } ?? 0
        let room = end - ResultsLayout.firstRow - chartRows

        var kept = sections.map { _ in true }
        var dropped: [ResultsSection] = []
        var hidden = 0
        func height() -> Int {
            sections.indices.reduce(hidden > 0 ? 1 : 0) { $0 + (kept[$1] ? sections[$1].lines : 0) }
        }
        for priority in stride(from: ResultsSection.lowest, through: 1, by: -1) where height() > room {
            for index in sections.indices.reversed() where kept[index] && sections[index].section.priority == priority {
                guard height() > room else { break }
                kept[index] = false
                dropped.append(sections[index].section)
                if sections[index].section.countsWhenHidden { hidden += sections[index].lines }
            }
        }

        var shown: [Placed] = []
        func place(_ indices: [Int], from first: Int) -> Int {
            var row = first
            for index in indices {
                let visible = min(sections[index].lines, end - row)
                if visible > 0 { shown.append(Placed(index: index, section: sections[index].section, row: row, lines: visible)) }
                row += sections[index].lines
            }
            return row
        }
        let top = sections.indices.filter { kept[$0] && sections[$0].section.isHeadline }
        let bottom = sections.indices.filter { kept[$0] && !sections[$0].section.isHeadline }
        let topEnd = place(top, from: ResultsLayout.firstRow)
        // The bottom sections and the hidden-lines line sit just above the key hints, unless the top reaches lower.
        let bottomHeight = bottom.reduce(hidden > 0 ? 1 : 0) { $0 + sections[$1].lines }
        let bottomStart = max(topEnd, end - bottomHeight)
        let bottomEnd = place(bottom, from: bottomStart)

        // The chart takes the rows between, when there are enough for a caption and a readable plot.
        var chart: Chart?
        if let caption = chartCaption {
            let plotRows = bottomStart - topEnd - 1 - gap - caption
            if plotRows >= ResultsLayout.minimumPlotRows {
                chart = Chart(captionRow: topEnd + 1, plotRow: topEnd + 1 + caption, plotRows: plotRows)
            }
        }
        return ResultsLayout(
            shown: shown, dropped: dropped, hiddenLines: hidden, hiddenRow: hidden > 0 && bottomEnd < end ? bottomEnd : nil,
            chart: chart, helpRow: rows - helpLines)
    }

}
