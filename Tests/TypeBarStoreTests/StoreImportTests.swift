import Foundation
import Testing
import TypeBarKit
@testable import TypeBarStore

/// What an import writes, column for column, against what a save writes for the same records.
extension StoreTests {
    /// Text that COPY's text format must escape, or that looks like its escapes, and text beyond ASCII.
    static let awkward = [
        "tab\there", "line\nfeed", "back\\slash", "carriage\rreturn", "\\N", "\\.", "quote \" mark", "é ü ß 😀 中文",
        "line\u{2028}separator", "control \u{1} byte", "all\t\\\n\r\"é at once", "",
    ]

    @Test func anImportedRowIsTheRowASaveWritesForAwkwardText() throws {
        let scratch = Scratch()
        var records: [HistoryRecord] = []
        for (number, text) in StoreTests.awkward.enumerated() {
            var record = sampleRecord(number: number)
            record.candidate = text + " \(number)"
            record.assessment = number % 2 == 0 ? text : nil
            record.configHash = number % 3 == 0 ? text : record.configHash
            record.verdict = text
            record.passages = [text]
            record.flags = [HistoryRecord.Flag(name: "paste", atSeconds: 1.5, detail: text)]
            record.keys.append(HistoryRecord.Key(character: String(text.prefix(1)), typed: 2, errors: 1, meanMilliseconds: 150.25))
            record.bigrams.append(HistoryRecord.Bigram(bigram: String(text.prefix(2)), count: 1, meanMilliseconds: 99.5))
            if number % 2 == 1 { record.id += "-" + text }
            records.append(record)
        }
        // Figures that are not short decimals, a time before 1970, a longer timeline step, and a keystroke log of
        // every byte value (its name relative to the history's folder).
        records[0].netWPM = 0.1 + 0.2
        records[0].accuracy = 99.999_999_999
        records[1].time = -14_182_939.5
        records[2].timelineStep = 2
        records[3].log = "sessions/every-byte.jsonl"
        let history = scratch.write("machine/history.jsonl", records.map(\.jsonLine).joined(separator: "\n") + "\n")
        let log = Data((0..<4).flatMap { _ in (0...255).map(UInt8.init) })
        _ = scratch.write("machine/sessions/every-byte.jsonl", log)
        // A record with a NUL in its candidate cannot be stored: it is named and left out.
        var nul = sampleRecord(number: 99)
        nul.candidate = "nul\u{0}here"
        let withNul = scratch.write("machine/nul.jsonl", nul.jsonLine + "\n")

        let (imported, importedURL) = try migratedStore(local: scratch.path("h.jsonl"))
        defer { imported.close() }
        let run = try typebar(["store", "import", history, withNul], store: importedURL, history: scratch.path("h.jsonl"))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "\(history): \(records.count) added, 0 already in the store\n\(withNul): 0 added, 0 already in the store\n")
        #expect(run.stderr.contains("\(withNul): 1 record not imported: a text field holds a NUL character"), "\(run.stderr)")

        // The same records as the file gives them, each saved on its own.
        let (saved, _) = try migratedStore(local: scratch.path("h.jsonl"))
        defer { saved.close() }
        let file = HistoryFile(path: history)
        let read = try file.records()
        #expect(read.skipped.count == 0 && read.records.count == records.count)
        for record in read.records {
            let path = file.logPath(of: record)
            #expect(try saved.insert(record, log: path.flatMap { FileManager.default.contents(atPath: $0) }))
        }

        /// Every stored column of every row, as text, in id order.
        func rows(_ store: PostgresStore) throws -> [String] {
            var rows: [String] = []
            try store.rows("""
                SELECT row(id, time, mode, candidate, assessment, config_sha256, net_wpm, accuracy, passed,
                           record::text, figures::text, log)::text
                FROM typebar_results ORDER BY id
                """) { rows.append(try $0.decode(String.self)) }
            return rows
        }
        let importedRows = try rows(imported)
        #expect(importedRows.count == records.count)
        #expect(importedRows == (try rows(saved)))
        // And the record and figures columns read back as the records.
        #expect(try integer(imported, "SELECT count(*)::integer FROM typebar_results WHERE log IS NOT NULL AND length(log) = 1024") == 1)
        let exported = scratch.path("export/history.jsonl")
        #expect(try typebar(["store", "export", "-o", exported], store: importedURL, history: scratch.path("h.jsonl")).status == 0)
        let lines = try String(contentsOfFile: exported, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(Set(lines) == Set(records.map(\.jsonLine)))
    }
}
