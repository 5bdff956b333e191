import Foundation
import Testing
import TestSupport
@testable import TypeBarKit

/// `typebar stats`'s figures gathered from a history file, worked out by hand.
@Suite("Stats gathered from a history")
struct HistoryStatsTests {
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
        #expect(abs(ProgressSummary.studyPercentile(of: 35) - 20.6) < 0.05)
        #expect(progress.bests.map(\.group) == ["practice", "test 1 min"])
        #expect(progress.bests.map(\.session.netWPM) == [36, 40])
        #expect(stats.keyCosts.slowestCharacters().map(\.key) == ["q", "x", "e"])
        #expect(stats.keyCosts.mostMissed().map { "\($0.key) \($0.errors)/\($0.typed)" } == ["x 12/24", "q 6/30"])
    }
}
