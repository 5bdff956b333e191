import Foundation
import Testing
@testable import TerminalUI
import TypeBarCore
import TypeBarFormats

/// `typebar stats` on a fixed history whose figures are worked out by hand.
@Suite("The stats report")
struct StatsViewTests {
    /// The sessions of `HistoryStatsTests.history()`, as values: six a day apart from 2026-11-01 18:00 UTC, net 30,
    /// 32 … 40 WPM and accuracy 94 … 99 %, four practice sessions then two 1-minute tests, each with the same key
    /// table ('q' 5 typed, 1 wrong, 400 ms; 'e' 20, 0, 150 ms; 'x' 4, 2, 300 ms; "qu" twice at 500 ms).
    static func view(candidate: String? = nil) -> StatsView {
        let start = Timestamp.seconds(Array("2026-11-01T18:00:00Z".utf8)) ?? 0
        var progress = ProgressSummary()
        var costs = KeyCosts()
        for day in 0..<6 {
            progress.add(ProgressSummary.Session(time: start + Double(day) * 86_400, netWPM: 30 + 2 * Double(day), accuracy: 94 + Double(day)),
                         group: day < 4 ? "practice" : "test 1 min")
            costs.addSession(characters: [("q", 5, 1, 400), ("e", 20, 0, 150), ("x", 4, 2, 300)], pairs: [("qu", 2, 500)])
        }
        return StatsView(progress: progress, keyCosts: costs, firstTime: start, lastTime: start + 5 * 86_400, candidate: candidate)
    }

    @Test("The report as a person sees it, at 80 columns")
    func golden() throws {
        let text = Self.view().frame(columns: 80).text
        let expected = """
        typebar stats · 6 sessions · 2026-11-01 to 2026-11-06

        Recent form       35.0 net WPM, 96.5 % accuracy (last 6)
        All time          35.0 net WPM, 96.5 % accuracy (6)
        Trend             +14.0 net WPM per week
        To 40 WPM         5.0 to go; at this trend about 3 days (around 2026-11-09)
        To 50 WPM         15.0 to go; at this trend about 2 weeks (around 2026-11-14)
        Among typists     faster than 20 % of the 168,000 online volunteers
                          in Dhakal et al., CHI 2018 (mean 51.56 WPM, SD 20.20),
                          a self-selected group, not typists in general

        Personal bests
          practice     36.0 net WPM  97.0 %  2026-11-04  (4 sessions)
          test 1 min   40.0 net WPM  99.0 %  2026-11-06  (2 sessions)

        Net WPM over time, 6 sessions (the trend lighter; ◆ where it reaches 40 and 50;
        ★ personal bests)
        60┤
          │╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌ 50
        40┤╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌⣀⣀⣀⣀⣀★⣀⣀⣀⣀⣀⣀⣀⣀⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠔⠒⠒⠒⠒◆ 40
          │     ⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⠤⠤⠤⠤⠤⠤⠤⠤⠤⠔⠒⠒⠒⠒★⠒⠒⠒⠒⠊⠉⠉⠉⠉⠉⠉⠉⠉⠉⠉⠉⠉⠁
          │⠉⠉⠉⠉⠉⠁
        20┤
          │
         0┤
           11-01            11-03               11-05               11-07

        Accuracy over time, % (line at 95)
        100┤                                              ⣀⣀⣀
           │                      ⣀⣀⣀⣀⣀⠤⠤⠤⠤⠤⠤⠤⠒⠒⠒⠒⠒⠒⠒⠉⠉⠉⠉⠉
         95┤⣀⣀⣀⣀⣀⠤⠤⠤⠤⠤⠤⠤⠒⠒⠒⠒⠒⠉⠉⠉⠉⠉╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌ 95
           │
         90┤
            11-01            11-03              11-05               11-07

        What costs you most (last 6 sessions with keystrokes)
          slowest keys    'q' 400 ms, 'x' 300 ms, 'e' 150 ms
          most missed     'x' 50 % (12/24), 'q' 20 % (6/30)
          slowest pairs   "qu" 500 ms
        """
        #expect(text == expected)
    }
}

@Suite("Frames printed as text")
struct StyledTextTests {
    @Test("Plain for pipes, attributes only under NO_COLOR, colours on a terminal")
    func styles() {
        var frame = Frame(width: 20, height: 2)
        frame.put("meets", row: 0, column: 0, role: .good)
        frame.put(" 40", row: 0, column: 5, role: .plain)
        frame.put("below", row: 1, column: 2, role: .bad)
        #expect(frame.styledText(style: .plain) == "meets 40\n  below")
        #expect(frame.styledText(style: .color) == "\u{1B}[1mmeets \u{1B}[0m40\n  \u{1B}[1;31mbelow\u{1B}[0m")
        #expect(frame.styledText(style: .color256) == "\u{1B}[1;38;5;28mmeets \u{1B}[0m40\n  \u{1B}[1;38;5;160mbelow\u{1B}[0m")
        #expect(TextStyle.forOutput(isTerminal: true, environment: ["TERM": "xterm-256color"]) == .color256)
        #expect(frame.styledText(style: .attributes) == "\u{1B}[1mmeets \u{1B}[0m40\n  \u{1B}[1;4mbelow\u{1B}[0m")
        #expect(TextStyle.forOutput(isTerminal: false, environment: [:]) == .plain)
        #expect(TextStyle.forOutput(isTerminal: true, environment: ["NO_COLOR": "1"]) == .attributes)
        #expect(TextStyle.forOutput(isTerminal: true, environment: [:]) == .color)
    }

    @Test("20 sessions on 10 days at 100 columns: the speed chart spans at least half the width, with dates and the trend")
    func wideChart() {
        let start = Timestamp.seconds(Array("2026-11-01T09:00:00Z".utf8)) ?? 0
        var progress = ProgressSummary()
        for index in 0..<20 {
            let time = start + Double(index / 2) * 86_400 + Double(index % 2) * 3_600
            progress.add(ProgressSummary.Session(time: time, netWPM: 28 + Double(index) * 0.8, accuracy: 95 + Double(index % 4)), group: "practice")
        }
        let view = StatsView(progress: progress, keyCosts: KeyCosts(), firstTime: start, lastTime: start + 9 * 86_400 + 3_600)
        let lines = view.frame(columns: 100).text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let title = lines.firstIndex { $0.hasPrefix("Net WPM over time") } ?? 0
        let chart = lines[(title + 1)...].prefix(12)
        var columns = Set<Int>()
        for line in chart {
            for (column, scalar) in line.unicodeScalars.enumerated() where (0x2801...0x28FF).contains(scalar.value) { columns.insert(column) }
        }
        #expect(columns.count >= 50, "\(columns.count) columns")
        // Dates along the x axis, from the first session on to the date the trend reaches 50 (◆).
        let dates = chart.first { $0.contains("11-01") }?.split(separator: " ").filter { $0.count == 5 && $0.contains("-") } ?? []
        #expect(dates.count >= 3, "\(chart.joined(separator: "\n"))")
        #expect(chart.contains { $0.contains("◆") })
        #expect(progress.trendLine != nil)
    }

    @Test("A chat scenario's personal best shows the customers served and the median first reply, not net WPM")
    func chatBest() {
        let start = Timestamp.seconds(Array("2026-11-01T18:00:00Z".utf8)) ?? 0
        var progress = ProgressSummary()
        // A whole shift (3 of 3 served, median first reply 13.2 s, shown as 14 s), then one left after a single
        // fast reply (238 net WPM, none served): the whole shift stays the best.
        let shifts = [
            (238.0, ChatShiftPoint(time: start + 86_400, scenario: "late-parcels", medianFirstResponse: 4, worstFirstResponse: 4, served: 0, customers: 3, abandoned: 0, meetsTargets: false)),
            (52.0, ChatShiftPoint(time: start, scenario: "late-parcels", medianFirstResponse: 13.2, worstFirstResponse: 30, served: 3, customers: 3, abandoned: 0, meetsTargets: true)),
        ].sorted { $0.1.time < $1.1.time }
        for (wpm, point) in shifts {
            progress.add(ProgressSummary.Session(time: point.time, netWPM: wpm, accuracy: 98), group: "chat late-parcels", chat: point)
        }
        let view = StatsView(progress: progress, keyCosts: KeyCosts(), firstTime: start, lastTime: start + 86_400)
        let lines = view.frame(columns: 80).text.split(separator: "\n").map(String.init)
        let row = lines.first { $0.hasPrefix("  chat late-parcels") }
        #expect(row == "  chat late-parcels     3/3 served  first reply 14 s  2026-11-01  (2 shifts)")
        #expect(!lines.contains { $0.contains("238.0 net WPM") })
    }

    @Test("With one session the charts say what they will show")
    func oneSession() {
        var progress = ProgressSummary()
        progress.add(ProgressSummary.Session(time: 1_795_000_000, netWPM: 31, accuracy: 96), group: "practice")
        let text = StatsView(progress: progress, keyCosts: KeyCosts(), firstTime: 1_795_000_000, lastTime: 1_795_000_000).frame(columns: 80).text
        #expect(text.contains("Charts: after 3 sessions, your net WPM"))
        #expect(!text.unicodeScalars.contains { (0x2800...0x28FF).contains($0.value) })
    }
}
