import Foundation
import Testing
@testable import TerminalUI
import TypeBarKit

/// `typebar stats` on a fixed history whose figures are worked out by hand.
@Suite("The stats report")
struct StatsViewTests {
    /// Six sessions a day apart from 2026-11-01 18:00 UTC: net 30, 32 … 40 WPM and accuracy 94 … 99 %; four
    /// practice sessions, then two 1-minute tests. Each holds the same key table: 'q' 5 typed, 1 wrong, 400 ms;
    /// 'e' 20, 0, 150 ms; 'x' 4, 2, 300 ms; and the pair "qu" twice at 500 ms.
    static func history() throws -> HistoryFile {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("typebar-stats-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let file = HistoryFile(path: scratch.appendingPathComponent("history.jsonl").path)
        let text = "queue the next box"
        let result = try ScoreResult.scoring(typed: text, against: TargetText(text), seconds: 10)
        let start = Timestamp.seconds(Array("2026-11-01T18:00:00Z".utf8)) ?? 0
        for day in 0..<6 {
            var record = HistoryRecord(id: "day-\(day)", time: start + Double(day) * 86_400, mode: day < 4 ? .practice : .test,
                                       result: result, bar: HiringBar(), targetText: text, passages: [], timeLimit: day < 4 ? nil : 60)
            record.netWPM = 30 + 2 * Double(day)
            record.accuracy = 94 + Double(day)
            record.keys = [
                .init(character: "q", typed: 5, errors: 1, meanMilliseconds: 400),
                .init(character: "e", typed: 20, errors: 0, meanMilliseconds: 150),
                .init(character: "x", typed: 4, errors: 2, meanMilliseconds: 300),
            ]
            record.bigrams = [.init(bigram: "qu", count: 2, meanMilliseconds: 500)]
            try file.append(record)
        }
        return file
    }

    @Test("Hand-worked figures: form, trend, dates to 40 and 50, percentile, bests, key costs")
    func figures() throws {
        let stats = try HistoryStats.gather(from: try Self.history())
        let progress = stats.progress
        #expect(progress.recent?.count == 6 && progress.recent?.netWPM == 35 && progress.recent?.accuracy == 96.5)
        // 2 WPM a day is 14 a week.
        #expect(abs((progress.weeklyTrend ?? 0) - 14) < 1e-9)
        // 5 to go at 14 a week: 5/14 of a week, 2.5 days after the last session (2026-11-06 18:00): 2026-11-09.
        #expect(progress.outlook(for: 40) == .expected(short: 5, weeks: 5.0 / 14))
        // 35 WPM: z = (35 - 51.56) / 20.20 = -0.820, so 20.6 % of the study were slower.
        #expect(abs(Progress.studyPercentile(of: 35) - 20.6) < 0.05)
        #expect(progress.bests.map(\.group) == ["practice", "test 1 min"])
        #expect(progress.bests.map(\.session.netWPM) == [36, 40])
        #expect(stats.keyCosts.slowestCharacters().map(\.key) == ["q", "x", "e"])
        #expect(stats.keyCosts.mostMissed().map { "\($0.key) \($0.errors)/\($0.typed)" } == ["x 12/24", "q 6/30"])
    }

    @Test("The report as a person sees it, at 80 columns")
    func golden() throws {
        let stats = try HistoryStats.gather(from: try Self.history())
        let text = StatsView(stats: stats, utcOffset: 0).frame(columns: 80).text
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

        Net WPM by session, all 6 sessions (lines at 40 and 50)
        60┤
        50┤╌╌╌╌╌╌
        40┤╌╌╌╌▁▃
          │ ▂▄▆██
          │██████
          │██████
          │██████
          │██████

        Accuracy by session, % (line at 95)
        100┤   ▂▄▆
         95┤▄▆████
           │██████
           │██████
         80┤██████

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
}
