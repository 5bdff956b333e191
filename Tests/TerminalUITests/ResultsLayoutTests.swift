import Testing
import TypeBarCore
@testable import TerminalUI

/// Which sections of the results screen show at a size, and on which rows. Each expected outcome is worked by hand
/// in the comment above it, from the rules in `ResultsLayout.fit`: the title takes row 0, sections start at row 2,
/// the key hints take the last rows with a blank row above them from 16 rows, a timeline's chart reserves
/// 1 + caption + min(9, max(5, (rows - 12) / 2)) rows from 18 rows, and what does not fit gives way whole, in the
/// order footnote, keys to practise, figures, notes, flags, latest first among equals.
@Suite("The results screen fitted to the window")
struct ResultsLayoutTests {
    typealias Placed = ResultsLayout.Placed

    /// A practice result's sections as they wrap at 78 columns: a large headline of three rows, one line each of
    /// figures and errors, the footnote on two lines, the slowest keys on two, most missed and a note on one.
    static let practiceAt78: [(section: ResultsSection, lines: Int)] = [
        (.headline, 3), (.figures, 1), (.errors, 1), (.footnote, 2), (.slowestKeys, 2), (.mostMissed, 1), (.note, 1),
    ]

    // 80×24: a gap row, so the sections end at 24 - 1 - 1 = 22; the chart reserves 1 + 1 + min(9, max(5, 6)) = 8,
    // leaving 22 - 2 - 8 = 12 rows for 11 lines: all show. The headline takes rows 2-4; the bottom 8 lines sit on
    // rows 14-21, just above the gap; the chart's caption goes on row 6 and its plot on the 14 - 5 - 1 - 1 - 1 = 6
    // rows from 7.
    @Test("At 80×24 every section shows, the chart between the headline and the rest")
    func everythingAt80x24() {
        let layout = ResultsLayout.fit(Self.practiceAt78, rows: 24, helpLines: 1, chartCaption: 1)
        #expect(layout.dropped == [])
        #expect(layout.shown == [
            Placed(index: 0, section: .headline, row: 2, lines: 3),
            Placed(index: 1, section: .figures, row: 14, lines: 1),
            Placed(index: 2, section: .errors, row: 15, lines: 1),
            Placed(index: 3, section: .footnote, row: 16, lines: 2),
            Placed(index: 4, section: .slowestKeys, row: 18, lines: 2),
            Placed(index: 5, section: .mostMissed, row: 20, lines: 1),
            Placed(index: 6, section: .note, row: 21, lines: 1),
        ])
        #expect(layout.hiddenLines == 0 && layout.hiddenRow == nil)
        #expect(layout.chart == ResultsLayout.Chart(captionRow: 6, plotRow: 7, plotRows: 6))
        #expect(layout.helpRow == 23)
    }

    // 80×19: the sections end at 17; the chart reserves 1 + 1 + min(9, max(5, 3)) = 7, leaving 8 rows for 11
    // lines. The footnote goes first (9 lines, and it is not counted as hidden); then, latest first, most missed
    // (8 + a line saying 1 is hidden = 9) and the slowest keys (6 + 1 = 7, which fits). The bottom's 3 lines and
    // the "3 more lines" line take rows 13-16; the plot gets 13 - 5 - 1 - 1 - 1 = 5 rows.
    @Test("At 80×19 the chart keeps its rows: the footnote and the keys to practise give way")
    func chartBeforeFootnoteAt80x19() {
        let layout = ResultsLayout.fit(Self.practiceAt78, rows: 19, helpLines: 1, chartCaption: 1)
        #expect(layout.dropped == [.footnote, .mostMissed, .slowestKeys])
        #expect(layout.shown.map(\.section) == [.headline, .figures, .errors, .note])
        #expect(layout.shown.map(\.row) == [2, 13, 14, 15])
        #expect(layout.hiddenLines == 3 && layout.hiddenRow == 16)
        #expect(layout.chart == ResultsLayout.Chart(captionRow: 6, plotRow: 7, plotRows: 5))
        #expect(layout.helpRow == 18)
    }

    // 80×20: 20 - 1 - 1 = 18, and the chart reserves 1 + 1 + min(9, max(5, 4)) = 7, leaving 9 rows: without the
    // footnote the other 9 lines fit, and as the footnote is not counted no line says anything is hidden.
    @Test("At 80×20 only the footnote gives way, without a line saying so")
    func footnoteAloneAt80x20() {
        let layout = ResultsLayout.fit(Self.practiceAt78, rows: 20, helpLines: 1, chartCaption: 1)
        #expect(layout.dropped == [.footnote])
        #expect(layout.hiddenLines == 0 && layout.hiddenRow == nil)
        #expect(layout.shown.map(\.row) == [2, 12, 13, 14, 16, 17])
        #expect(layout.chart == ResultsLayout.Chart(captionRow: 6, plotRow: 7, plotRows: 4))
    }

    // 40×10: no gap and no chart reserved (under 16 and 18 rows), so 10 - 1 - 2 = 7 rows for 10 lines. No footnote
    // or keys to practise here; the errors go (9 + the hidden line = 10), then the figures (8 + 1 = 9), then the
    // later note (7 + 1 = 8) and the first (6 + 1 = 7, which fits). The flag outlasts them all: it and the
    // "4 more lines" line sit on rows 6-8, right under the verdict.
    @Test("At 40×10 figures give way before notes, and notes before a flag")
    func dropOrderAt40x10() {
        let sections: [(section: ResultsSection, lines: Int)] = [
            (.headline, 1), (.judgement, 3), (.figures, 1), (.errors, 1), (.flag, 2), (.note, 1), (.note, 1),
        ]
        let layout = ResultsLayout.fit(sections, rows: 10, helpLines: 1, chartCaption: nil)
        #expect(layout.dropped == [.errors, .figures, .note, .note])
        #expect(layout.shown == [
            Placed(index: 0, section: .headline, row: 2, lines: 1),
            Placed(index: 1, section: .judgement, row: 3, lines: 3),
            Placed(index: 4, section: .flag, row: 6, lines: 2),
        ])
        #expect(layout.hiddenLines == 4 && layout.hiddenRow == 8)
        #expect(layout.chart == nil)
        #expect(layout.helpRow == 9)
    }

    // 40×10 with a headline of 1 + 4 + 3 = 8 lines in 7 rows: the figures and the note give way (2 lines hidden),
    // but the headline never does. It keeps rows 2-8, so the verdict's last line is cut and no row is left for
    // the "more lines" line. The figures, on the first row, always show.
    @Test("A headline taller than the window keeps the top rows; only the end of its verdict is cut")
    func headlineTallerThanWindow() {
        let sections: [(section: ResultsSection, lines: Int)] = [
            (.headline, 1), (.assessment, 4), (.judgement, 3), (.figures, 1), (.note, 1),
        ]
        let layout = ResultsLayout.fit(sections, rows: 10, helpLines: 1, chartCaption: nil)
        #expect(layout.dropped == [.figures, .note])
        #expect(layout.shown == [
            Placed(index: 0, section: .headline, row: 2, lines: 1),
            Placed(index: 1, section: .assessment, row: 3, lines: 4),
            Placed(index: 2, section: .judgement, row: 7, lines: 2),
        ])
        #expect(layout.hiddenLines == 2 && layout.hiddenRow == nil)
    }

    @Test("In 10 to 50 rows a section shows whole or not at all, so no figure is ever cut, and nothing overlaps")
    func neverCut() {
        let lists: [[(section: ResultsSection, lines: Int)]] = [
            Self.practiceAt78,
            [(.headline, 1), (.judgement, 3), (.figures, 2), (.errors, 2), (.footnote, 4), (.slowestKeys, 3),
             (.mostMissed, 2), (.flag, 3), (.note, 1)],
            [(.headline, 4), (.assessment, 2), (.figures, 1), (.errors, 1), (.footnote, 2), (.flag, 2), (.flag, 1),
             (.note, 3), (.note, 1)],
        ]
        for sections in lists {
            for rows in 10...50 {
                for helpLines in 1...2 {
                    for caption in [nil, 1, 2] as [Int?] {
                        let layout = ResultsLayout.fit(sections, rows: rows, helpLines: helpLines, chartCaption: caption)
                        let context = "\(sections.map(\.lines)) in \(rows) rows, \(helpLines) of keys, caption \(caption ?? -1)"
                        let headline = sections.filter { $0.section.isHeadline }.reduce(0) { $0 + $1.lines }
                        // The headline and the line saying what is hidden fit under the title and above the keys.
                        guard 2 + headline + 1 <= rows - helpLines - (rows >= 16 ? 1 : 0) else { continue }
                        #expect(layout.shown.allSatisfy { $0.lines == sections[$0.index].lines }, "\(context)")
                        #expect(layout.shown.count + layout.dropped.count == sections.count, "\(context)")
                        #expect((layout.hiddenRow != nil) == (layout.hiddenLines > 0), "\(context)")
                        var rowsUsed = layout.shown.flatMap { $0.row..<($0.row + $0.lines) }
                        if let row = layout.hiddenRow { rowsUsed.append(row) }
                        if let chart = layout.chart { rowsUsed += Array(chart.captionRow..<(chart.plotRow + chart.plotRows)) }
                        #expect(Set(rowsUsed).count == rowsUsed.count, "\(context)")
                        #expect(rowsUsed.allSatisfy { $0 >= 2 && $0 < layout.helpRow }, "\(context)")
                        #expect(layout.helpRow == rows - helpLines)
                    }
                }
            }
        }
    }

    // The screens behind the lists above, from a real result.

    /// "Hi Sam, your label is attached and ready to print." typed without a slip, keys 250 and 150 ms apart in
    /// turn: 50 characters in 49 keystroke gaps, 25 of 250 and 24 of 150 ms = 9.85 s, so (50 / 5) / (9.85 / 60) =
    /// 60.9 WPM, gross and net, at 100 % accuracy. Gaps this uneven (a 25 % variation) raise no flag.
    static func steadyPass() throws -> ScoreResult {
        var attempt = Attempt(target: TargetText("Hi Sam, your label is attached and ready to print."))
        for (index, key) in "Hi Sam, your label is attached and ready to print.".enumerated() {
            attempt.apply(.character(key, at: Double(index * 200 + (index % 2) * 50)))
        }
        return try attempt.result()
    }

    // At 80×24 the steady pass takes the lines of `practiceAt78`: the large "60" beside "60.9 net WPM",
    // "100.0 % accuracy" and "✓ meets the 40 WPM bar; clears 50" (3 rows); "gross 60.9 WPM · keystroke accuracy
    // 100.0 % · consistency 94 % · KSPC 1.00" (74 columns, one line); the errors and time (one); the footnote (118
    // columns, two); five slowest keys at 10 columns each after 25 (83, two); "practise · most missed: none" and the
    // note (one each). So everything shows, as worked out in `everythingAt80x24`.
    @Test("A steady pass at 80×24 shows everything")
    func steadyPassAt80x24() throws {
        var view = ResultsView(result: try Self.steadyPass(), bar: HiringBar(), title: "replies/label")
        view.notes = ["saved to history as 1a2b3c4d"]
        let layout = view.layout(rows: 24, columns: 80)
        #expect(layout == ResultsLayout.fit(Self.practiceAt78, rows: 24, helpLines: 1, chartCaption: 1))
        let text = view.frame(rows: 24, columns: 80).text
        #expect(text.contains("60.9 net WPM") && text.contains("100.0 % accuracy") && text.contains("1a2b3c4d"))
    }

    // The slow and sloppy result (`LayoutTests.slowAndSloppy`: 25.97 net WPM, 94 % accuracy, every key 330 ms
    // after the last) at 40×10, wrapped to 38 columns: "25 net WPM   94.0 % accuracy" (1); the verdict, 93
    // columns (3); the figures, 74, each kept whole ("gross 37.1 WPM ·", "keystroke accuracy 94.0 % ·",
    // "consistency 100 % · KSPC 1.00": 3); the errors (2); the footnote (4); five
    // slowest keys (36 + 35 + 10: 3); most missed, "'u' 1/1, 'i' 1/3, 't' 1/4" (2); its flag, "uniform: keystroke
    // intervals vary by 0.0 %…", 86 columns (3); the note (1). 7 rows hold the headline's 4 lines and the
    // "more lines" line: all the rest gives way, footnote first, flag last, 2 + 3 + 2 + 3 + 1 + 3 = 14 lines hidden.
    @Test("The slow and sloppy result at 40×10 keeps its figures and verdict and says 14 lines are hidden")
    func slowAndSloppyAt40x10() throws {
        var view = ResultsView(result: try LayoutTests().slowAndSloppy(), bar: HiringBar(), title: "replies/label")
        view.notes = ["saved to history as 1a2b3c4d"]
        let layout = view.layout(rows: 10, columns: 40)
        #expect(layout.dropped == [.footnote, .mostMissed, .slowestKeys, .errors, .figures, .note, .flag])
        #expect(layout.shown == [
            Placed(index: 0, section: .headline, row: 2, lines: 1),
            Placed(index: 1, section: .judgement, row: 3, lines: 3),
        ])
        #expect(layout.hiddenLines == 14 && layout.hiddenRow == 8)
        let lines = view.frame(rows: 10, columns: 40).text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[2].trimmingCharacters(in: .whitespaces) == "25 net WPM   94.0 % accuracy")
        #expect(lines[8].trimmingCharacters(in: .whitespaces) == "(14 more lines in a taller window)")
    }

    // The same at 80×24: a 4-row headline (the verdict wraps to two lines beside the large figure), then 1 + 1 +
    // 2 + 2 + 1 lines as for the steady pass, 2 for the flag and 1 for the note: 14 lines for 12 rows. The
    // footnote's 2 lines give way, and only they, so no line says anything is hidden.
    @Test("The slow and sloppy result at 80×24 loses only the footnote")
    func slowAndSloppyAt80x24() throws {
        var view = ResultsView(result: try LayoutTests().slowAndSloppy(), bar: HiringBar(), title: "replies/label")
        view.notes = ["saved to history as 1a2b3c4d"]
        let layout = view.layout(rows: 24, columns: 80)
        #expect(layout.dropped == [.footnote])
        #expect(layout.shown.map(\.section) == [.headline, .figures, .errors, .slowestKeys, .mostMissed, .flag, .note])
        #expect(layout.shown.map(\.lines) == [4, 1, 1, 2, 1, 2, 1])
        #expect(layout.hiddenRow == nil && layout.chart != nil)
    }
}
