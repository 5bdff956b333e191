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

    /// A history of `count` sample records (numbers from 0), as a file; and their ids, in order.
    private func sampleHistory(_ scratch: Scratch, _ count: Int, repeating: [(number: Int, at: Int)] = []) -> (path: String, ids: [String]) {
        var lines = (0..<count).map { sampleRecord(number: $0).jsonLine }
        for (number, at) in repeating { lines.insert(lines[number], at: at) }
        let path = scratch.write("machine/history.jsonl", lines.joined(separator: "\n") + "\n")
        return (path, (0..<count).map { sampleRecord(number: $0).id })
    }

    /// The ids in the store, in order.
    private func storedIDs(_ store: PostgresStore) throws -> [String] {
        var ids: [String] = []
        try store.rows("SELECT id FROM typebar_results ORDER BY id") { ids.append(try $0.decode(String.self)) }
        return ids
    }

    /// Makes the store take `seconds` over the row of `id`, and refuse it when `refuse` is set; every row the store
    /// is sent, kept or undone, counts in the sequence rows_sent.
    private func slowRow(_ store: PostgresStore, id: String, seconds: Double, refuse: Bool) throws {
        try execute(store, "CREATE SEQUENCE rows_sent")
        try execute(store, """
            CREATE FUNCTION slow_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
                PERFORM nextval('rows_sent');
                IF NEW.id = '\(id)' THEN
                    PERFORM pg_sleep(\(seconds));
                    \(refuse ? "RAISE EXCEPTION 'refused for the test';" : "")
                END IF;
                RETURN NEW;
            END $$
            """)
        try execute(store, "CREATE TRIGGER slow_row BEFORE INSERT ON typebar_results FOR EACH ROW EXECUTE FUNCTION slow_row()")
    }

    /// How many connections to the store's database there are besides `store`'s own.
    private func otherSessions(_ store: PostgresStore) throws -> Int {
        try integer(store, "SELECT count(*)::integer FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
    }

    @Test func aBatchThatFailsKeepsTheBatchesBeforeItAndNoneAfterAndImportingAgainSendsTheRest() throws {
        let scratch = Scratch()
        let (store, _) = try migratedStore(local: scratch.path("h.jsonl"))
        defer { store.close() }
        let (history, ids) = sampleHistory(scratch, 60)
        // Batches of 10: the fourth (rows 30-39, on the second connection) is refused at its sixth row, after half a
        // second, while the fifth (on the store's connection) is in, uncommitted, waiting for it.
        try slowRow(store, id: ids[35], seconds: 0.5, refuse: true)
        let refused = #expect(throws: StoreError.self) { try store.importHistory(HistoryFile(path: history), batchRows: 10) }
        #expect(refused?.description.contains("refused for the test") == true, "\(String(describing: refused))")
        // The first three batches, and nothing of the fifth, though it was sent: its ten rows went through the
        // trigger, and were undone. The store's connection, which sent it, sees none of them (it is out of that
        // transaction), and the second connection is closed.
        #expect(try storedIDs(store) == Array(ids[..<30]))
        #expect(try integer(store, "SELECT last_value::integer FROM rows_sent") == 30 + 6 + 10)
        #expect(waitUntil(seconds: 10) { (try? otherSessions(store)) == 0 })

        try execute(store, "DROP TRIGGER slow_row ON typebar_results")
        let again = try store.importHistory(HistoryFile(path: history), batchRows: 10)
        #expect(again.added == 30 && again.already == 30)
        #expect(try storedIDs(store) == ids)
    }

    @Test func anIDInTwoBatchesIsStoredOnceAndCountedAsAlreadyThere() throws {
        let scratch = Scratch()
        let (store, _) = try migratedStore(local: scratch.path("h.jsonl"))
        defer { store.close() }
        // Record 9 ends the first batch of 10 and comes again first in the second, which the second connection
        // sends while the first batch waits half a second on record 8: sent twice, the first batch would wait for
        // the second's uncommitted row while the second waits for the first to commit.
        let (history, ids) = sampleHistory(scratch, 30, repeating: [(number: 9, at: 10)])
        try slowRow(store, id: ids[8], seconds: 0.5, refuse: false)
        let started = Date()
        let done = try store.importHistory(HistoryFile(path: history), batchRows: 10)
        #expect(done.added == 30 && done.already == 1)
        #expect(try storedIDs(store) == ids)
        #expect(Date().timeIntervalSince(started) < 3, "no batch waited for a lock")
    }

    @Test func aRowAnotherWriterHoldsUncommittedIsWaitedForInTurnsAndGivenUpOnInTime() throws {
        let scratch = Scratch()
        let (owner, url) = try migratedStore(local: scratch.path("h.jsonl"))
        defer { owner.close() }
        // A statement timeout of 5 s: each try waits 0.5 s for a row lock.
        let store = PostgresStore(address: try StoreAddress.parse(url + "?statement_timeout=5"), local: HistoryFile(path: scratch.path("h.jsonl")))
        defer { store.close() }
        #expect(PostgresStore.lockTimeout(store.address) == 500)
        let (history, ids) = sampleHistory(scratch, 30)
        let holder = PostgresStore(address: try StoreAddress.parse(url), local: HistoryFile(path: scratch.path("h.jsonl")))
        defer { holder.close() }

        // Another writer holds record 15 uncommitted for a second, then commits: the batch holding it tries again
        // and counts it as already there.
        try holdUncommitted(holder, sampleRecord(number: 15))
        let importing = Background { try store.importHistory(HistoryFile(path: history), batchRows: 10) }
        Thread.sleep(forTimeInterval: 1)
        try execute(holder, "COMMIT")
        let done = try importing.wait()
        #expect(done.added == 29 && done.already == 1)
        #expect(try storedIDs(owner) == ids)

        // One that never commits: the batch gives up after its tries (0.5 s each), before the statement timeout,
        // with the batch before it kept and the one after it undone.
        try execute(owner, "DELETE FROM typebar_results")
        try holdUncommitted(holder, sampleRecord(number: 15))
        let started = Date()
        let timedOut = #expect(throws: StoreError.self) { try store.importHistory(HistoryFile(path: history), batchRows: 10) }
        // On a quiet machine the tries' lock waits end it before the statement timeout; on one so busy that the
        // tries outlast it (other tests' clusters starting and crashing beside it), the timeout does. Either way the
        // import fails and says why, within a few timeouts, and keeps the batch before.
        let said = timedOut?.description ?? ""
        #expect(said.contains("lock timeout (SQLSTATE 55P03)") || said.contains("(statement_timeout)"), "\(said)")
        #expect(Date().timeIntervalSince(started) < 20)
        #expect(try storedIDs(owner) == Array(ids[..<10]))
        try execute(holder, "ROLLBACK")
        let again = try store.importHistory(HistoryFile(path: history), batchRows: 10)
        #expect(again.added == 20 && again.already == 10)
        #expect(try storedIDs(owner) == ids)
    }

    /// `record` inserted by `store` in a transaction left open: the row is locked, and no other reader sees it.
    private func holdUncommitted(_ store: PostgresStore, _ record: HistoryRecord) throws {
        let query = try PostgresStore.insertion(record, log: nil)
        try execute(store, "BEGIN")
        let added = try store.connection.run { connection in
            var added = false
            for try await _ in try await connection.query(query, logger: store.connection.logger).decode(Int.self) { added = true }
            return added
        }
        #expect(added)
    }
}
