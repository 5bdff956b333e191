import Foundation
import Testing
import TypeBarKit
@testable import TypeBarReports
import TestSupport

/// The report read from history files: in one pass, in halves when a file is large, each record once.
@Suite("Assessment reports read from history files")
struct AssessmentReportReaderTests {
    typealias F = ReportFixture

    @Test("Read from files in one pass, the report is the same, byte for byte, as built from the records in memory",
          arguments: [false, true])
    func streamedMatchesInMemory(withKey: Bool) throws {
        let scratch = Scratch()
        let first = HistoryFile(path: scratch.url.appendingPathComponent("lab-a/history.jsonl").path)
        let second = HistoryFile(path: scratch.url.appendingPathComponent("lab-b/history.jsonl").path)
        // Newest first in one file, so the latest and best arrive in no particular order.
        for record in [F.practice, F.kim, F.anaSecond, F.anaFirst] { try first.append(record) }
        for record in [F.sales, F.anaSecond, F.bo] { try second.append(record) }
        let key = withKey ? F.key : nil

        let (streamed, warnings) = try AssessmentReportReader.report(from: [first, second], matching: HistoryQuery(mode: .assessment), key: key, generated: F.base + 3600)
        #expect(warnings.isEmpty)
        #expect(streamed.duplicates == 1)
        let (records, duplicates, _) = try AssessmentReportReader.records(in: [first, second], matching: HistoryQuery(mode: .assessment))
        let built = AssessmentReport(records: records, key: key, generated: F.base + 3600, sources: [first.path, second.path], duplicates: duplicates)
        for format in ReportFormat.allCases {
            #expect(streamed.rendered(as: format) == built.rendered(as: format), "\(format)")
        }
        #expect(streamed.sections[0].candidates[1].best.timeline == F.anaSecond.timeline, "the kept line is read in full")
        #expect(streamed.sections[0].candidates.map(\.signature) == (withKey ? [.invalid, .valid, .unsigned] : [.unchecked, .unchecked, .unsigned]))
    }

    @Test("A history over 8 MiB is read in two halves at once: the same report, lines numbered through the file, a record in both halves counted once")
    func largeHistoryInHalves() throws {
        let scratch = Scratch()
        let path = scratch.url.appendingPathComponent("history.jsonl").path
        // 4,000 attempts of 40 candidates with long timelines: about 9 MiB.
        var records: [HistoryRecord] = []
        for index in 0..<4_000 {
            var record = F.support(String(format: "20261118T110640-%08x", index), at: Double(index % 997), "Candidate \(index % 40)", attempt: 1)
            record.netWPM = Double((index * 37) % 61)
            record.meetsBar = record.netWPM >= 40
            record.timeline = (0..<300).map { Double(($0 * 7 + index) % 90) + 0.5 }
            if index % 500 == 7 { record.flags = [HistoryRecord.Flag(name: "paste", atSeconds: 3, detail: "a burst")] }
            records.append(record)
        }
        func write(_ records: [HistoryRecord], damagedLine: Int? = nil) throws {
            var lines = records.map(\.jsonLine)
            if let damagedLine { lines[damagedLine - 1] = "{\"version\":1,\"id\":" }
            try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
        let file = HistoryFile(path: path)
        let built = AssessmentReport(records: records, key: nil, generated: F.base, sources: [path], duplicates: 0)

        try write(records)
        #expect(try file.halves().count == 2, "the file is large enough to be split")
        let (halves, warnings) = try AssessmentReportReader.report(from: [file], matching: HistoryQuery(), key: nil, generated: F.base)
        #expect(warnings.isEmpty)
        for format in ReportFormat.allCases {
            #expect(halves.rendered(as: format) == built.rendered(as: format), "\(format)")
        }

        // A damaged line in the second half is named by its line in the whole file.
        try write(records, damagedLine: 3_900)
        let (_, damaged) = try AssessmentReportReader.report(from: [file], matching: HistoryQuery(), key: nil, generated: F.base)
        #expect(damaged.count == 1 && damaged[0].contains("3900"), "\(damaged)")

        // The first record again at the end: counted once, the first copy standing.
        var changed = records[0]
        changed.netWPM = 60
        try write(records + [changed])
        let (again, _) = try AssessmentReportReader.report(from: [file], matching: HistoryQuery(), key: nil, generated: F.base)
        #expect(again.duplicates == 1)
        #expect(again.rendered(as: .csv) == built.rendered(as: .csv))
    }

    @Test("A line whole in structure whose timeline cannot be read is reported without it, with its file and line")
    func unreadableTimeline() throws {
        let scratch = Scratch()
        let file = HistoryFile(path: scratch.url.appendingPathComponent("history.jsonl").path)
        try file.append(F.bo)
        try file.append(F.anaFirst)
        let path = file.path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        // A string where a number belongs: still balanced JSON, so only a full reading notices.
        let damaged = text.replacingOccurrences(of: "\"timeline\":[22,", with: "\"timeline\":[\"x\",")
        #expect(damaged != text)
        try damaged.write(toFile: path, atomically: true, encoding: .utf8)

        let (report, warnings) = try AssessmentReportReader.report(from: [file], matching: HistoryQuery(), key: nil, generated: F.base)
        #expect(warnings == ["\(path):2: the per-key table, bigrams or timeline cannot be read; the result is reported without them"])
        let ana = try #require(report.sections.first?.candidates.first { $0.name == "Ana Ruiz" })
        #expect(ana.best.netWPM == F.anaFirst.netWPM)
        #expect(ana.best.timeline.isEmpty)
        #expect(report.rendered(as: .html).contains("No per-second figures were recorded"))
    }
}
