import Foundation
import Testing
import TestSupport
@testable import TypeBarKit

/// A record whose per-key table says `b` took `mean` ms with `errors` of `typed` wrong, and `th` `pair` ms.
private func keyRecord(_ number: Int, b mean: Double, typed: Int = 10, errors: Int = 0, pair: Double = 250) throws -> HistoryRecord {
    var record = try sampleRecord(id: "20261123T1015\(String(format: "%02d", number % 60))-\(String(format: "%08x", number))", time: 1_795_000_000 + Double(number))
    record.keys = [HistoryRecord.Key(character: "b", typed: typed, errors: errors, meanMilliseconds: mean),
                   HistoryRecord.Key(character: "a", typed: typed, errors: 0, meanMilliseconds: 200)]
    record.bigrams = [HistoryRecord.Bigram(bigram: "th", count: 5, meanMilliseconds: pair)]
    return record
}

@Suite("Drill: confidence from the history")
struct DrillHistoryTests {
    @Test("Per-key tables of the records feed the model, oldest first, as computed by hand")
    func fromRecords() throws {
        let scratch = Scratch()
        let file = HistoryFile(path: scratch.url.appendingPathComponent("history.jsonl").path)
        try file.append(try keyRecord(1, b: 400, typed: 10, errors: 1))
        try file.append(try keyRecord(2, b: 300, typed: 10, errors: 0))
        try file.append(try keyRecord(3, b: 500, typed: 20, errors: 2))
        var plain = try sampleRecord(id: "20261123T101600-0000000a")
        plain.keys = []   // scored from finished text: nothing to learn from
        try file.append(plain)
        let history = try DrillHistory.gather(from: file, targetWPM: 40)
        #expect(history.sessionsRead == 3)
        let b = try #require(history.model.key("b"))
        // As in the core test: S = 401, R = 0.091, C = 300 / (401 × 1.182).
        #expect(isClose(try #require(b.smoothedMilliseconds), 401))
        #expect(isClose(b.errorRate, 0.091))
        #expect(isClose(try #require(b.confidence), 300 / 473.982))
        // th from the records' slowest pairs (no logs): 250 ms each time, 300 / 250.
        #expect(isClose(try #require(history.model.bigram("th")?.confidence), 1.2))
        #expect(history.logsRead == 0 && history.logsUnreadable == 0)
        // a (200 ms) is at target after every session, b never: one letter at target each time.
        #expect(history.lettersAtTarget == [1, 1, 1])
    }

    @Test("Only the latest sessions are read: older ones would weigh under 0.9^300")
    func window() throws {
        let scratch = Scratch()
        let file = HistoryFile(path: scratch.url.appendingPathComponent("history.jsonl").path)
        // Five very slow sessions first, then 300 at 250 ms: the slow ones are outside the window.
        for number in 0..<(5 + DrillHistory.keySessions) {
            try file.append(try keyRecord(number, b: number < 5 ? 5_000 : 250))
        }
        let history = try DrillHistory.gather(from: file, targetWPM: 40)
        #expect(history.sessionsRead == DrillHistory.keySessions)
        #expect(history.earlier?.sessions == DrillHistory.keySessions - DrillHistory.trendSessions)
        #expect(isClose(try #require(history.model.key("b")?.smoothedMilliseconds), 250))
    }

    @Test("Saved logs of the latest sessions give every pair; a missing log falls back to the record's pairs")
    func fromLogs() throws {
        let scratch = Scratch()
        let file = HistoryFile(path: scratch.url.appendingPathComponent("history.jsonl").path)
        // "the bat": t h e space b a t, 200 ms apart, then a slow a after b (500 ms).
        let text = "the bat"
        var time = 0.0
        var keystrokes: [Keystroke] = []
        for character in text {
            keystrokes.append(.character(character, at: time))
            time += character == "b" ? 500 : 200
        }
        var attempt = Attempt(target: TargetText(text))
        for keystroke in keystrokes { attempt.apply(keystroke) }
        let result = try attempt.result()
        let log = KeystrokeLog.text(header: KeystrokeLogHeader(text: text), keystrokes: keystrokes)
        let record = HistoryRecord(id: "20261123T101500-000000b1", time: 1_795_000_000, mode: .practice, result: result, bar: HiringBar(), targetText: text, passages: [], timeLimit: nil)
        _ = file.save(record, log: log)
        var missing = try keyRecord(7, b: 300)
        missing.log = "sessions/nowhere.jsonl"
        try file.append(missing)
        let history = try DrillHistory.gather(from: file, targetWPM: 40)
        #expect(history.logsRead == 1 && history.logsUnreadable == 1)
        // From the log: every pair, "ba" among them at 500 ms; the record itself keeps only its slowest ten.
        let ba = try #require(history.model.bigram("ba"))
        #expect(isClose(try #require(ba.smoothedMilliseconds), 500))
        #expect(history.model.bigrams.map(\.key).contains("he"))
        // From the record with the missing log: th at 250 joins th at 200 from the log: 0.1 × 250 + 0.9 × 200.
        #expect(isClose(try #require(history.model.bigram("th")?.smoothedMilliseconds), 205))
    }

    @Test("A missing history is empty: a placement drill")
    func missing() throws {
        let scratch = Scratch()
        let history = try DrillHistory.gather(from: HistoryFile(path: scratch.url.appendingPathComponent("none.jsonl").path), targetWPM: 40)
        #expect(history.sessionsRead == 0)
        #expect(DrillBuilder.automaticFocus(history.model) == nil)
    }

    @Test("Drills from the built-in passages: every word is a word of a passage, and the text types as a target")
    func builtInPool() {
        let pool = WordPool(library: PassageLibrary.builtIn)
        var model = ConfidenceModel()
        for _ in 0..<6 {
            model.add(SessionTimings(keys: ConfidenceModel.letters.map {
                TimingObservation(key: $0, typed: 12, errors: $0 == "v" ? 2 : 0, meanMilliseconds: $0 == "v" ? 520 : 230)
            }))
        }
        let plan = DrillBuilder.plan(DrillRequest(length: .words(50), seed: 12), model: model, pool: pool)
        #expect(plan.focus == .keys(["v"]))
        let passageText = PassageLibrary.builtIn.passages.map { $0.text.lowercased() }.joined(separator: " ")
        for word in plan.words {
            #expect(word.text.contains("v"))
            #expect(passageText.contains(word.text), "\(word.text)")
        }
        #expect(TargetText(plan.text).text == plan.text)
    }
}
