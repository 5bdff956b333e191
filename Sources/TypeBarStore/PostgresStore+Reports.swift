import Foundation
import PostgresNIO
import TypeBarCore
import TypeBarKit
import TypeBarReports

extension PostgresStore {
    /// How many results the store holds.
    public func count() throws -> Int {
        var count = 0
        try rows("SELECT count(*)::integer FROM typebar_results") { count = try $0.decode(Int.self) }
        return count
    }

    /// A record's JSON with its per-key table, bigrams and timeline emptied (the `figures` column the server keeps
    /// beside the record): what the progress figures and the report's other attempts read. Those three are most of
    /// a record's bytes, and they are never sent.
    static let figuresOnly = "figures::text"

    /// Streams the records that `select` gives (an id and a record's JSON a row), each parsed at `detail` straight
    /// from the row's bytes and handed to `body`, never more than a few rows held at once; returns the warnings
    /// about records this typebar cannot read.
    func records(_ select: PostgresQuery, detail: HistoryDetail, _ body: (HistoryRecord) throws -> Void) throws -> [String] {
        var unreadable: [String] = []
        try rows(select) { row in
            let (id, json) = try row.decode((String, ByteBuffer).self)
            let parsed = json.withUnsafeReadableBytes { bytes in
                HistoryLine.record(from: bytes.bindMemory(to: UInt8.self), detail: detail)
            }
            guard case .success(let record) = parsed else {
                unreadable.append(id)
                return
            }
            try body(record)
        }
        return PostgresStore.warnings(unreadable, store: name)
    }

    /// `typebar stats` from the store, as from a history file: the progress figures from every matching row in
    /// time order (the per-key tables, bigrams and timelines stay in the database), and the key costs from the
    /// latest `HistoryStats.keySessions` records in full.
    public func stats(candidate: String?) throws -> (stats: HistoryStats, warnings: [String]) {
        var stats = HistoryStats()
        let query = HistoryQuery(candidate: candidate)
        var warnings = try records(PostgresStore.select("id, " + PostgresStore.figuresOnly, query), detail: .summary) { stats.add(summary: $0) }
        var recent = query
        recent.last = HistoryStats.keySessions
        warnings += try read(recent) { stats.keyCosts.add($0) }
        return (stats, warnings)
    }

    /// The assessment report from the store. Filters run in SQL and rows stream (in no particular order: the
    /// report sorts what it keeps) into `AssessmentReport.Stream`, the tally history files use, which keeps per
    /// candidate an `Attempt` per result and their best and latest records; those are then read whole. Without a
    /// key the per-key tables, bigrams and timelines stay in the database; with one, every record comes whole so
    /// its signature can be checked as it passes. With `transcripts`, each chat candidate's best and latest attempts
    /// are replayed from the logs the store holds, free-mode shifts with the dictionary it gives.
    public func report(
        _ query: HistoryQuery, key: [UInt8]?, generated: Double, transcripts spellers: SpellerSource? = nil
    ) throws -> (report: AssessmentReport, warnings: [String]) {
        var stream = AssessmentReport.Stream(key: key)
        // Typing and chat-desk assessments alike: every result taken under an assessment, by a named candidate.
        let select = try PostgresStore.select(
            "id, " + (key == nil ? PostgresStore.figuresOnly : "record::text"), query,
            also: "assessment IS NOT NULL AND candidate IS NOT NULL", ordered: false)
        var warnings = try records(select, detail: key == nil ? .report : .full) { stream.add($0) }
        var full: [String: HistoryRecord] = [:]
        if key == nil {
            let ids = stream.keptIDs
            warnings += try records("SELECT id, record::text FROM typebar_results WHERE id = ANY(\(ids))", detail: .full) { full[$0.id] = $0 }
        }
        var report = stream.report(full: { full[$0] }, generated: generated, sources: [name])
        if let spellers { report.replayTranscripts(spellers: spellers, log: log(of:)) }
        return (report, warnings)
    }

    /// Rows whose typed columns, or whose figures, no longer say what their record says: a row changed by hand, or
    /// written by something other than typebar. The record is what signatures cover; the columns are what reports
    /// filter on and the figures what they read, so all must agree.
    public func rowsDisagreeing(_ query: HistoryQuery) throws -> [(id: String, columns: [String])] {
        var found: [(id: String, columns: [String])] = []
        let (filter, binds) = try PostgresStore.filter(query)
        // The record is taken apart once a row (`json` keeps its text, so each `->>` on it would parse it again);
        // jsonb cannot hold the escape \u0000, which a record's text may (a verdict, a flag's detail), so it is
        // replaced in both the record and its figures before they are compared.
        let sql = """
            SELECT id,
                   mode IS DISTINCT FROM r->>'mode',
                   candidate IS DISTINCT FROM r->>'candidate',
                   assessment IS DISTINCT FROM r->>'assessment',
                   config_sha256 IS DISTINCT FROM r->>'config_sha256',
                   net_wpm IS DISTINCT FROM (r->>'net_wpm')::float8,
                   accuracy IS DISTINCT FROM (r->>'accuracy')::float8,
                   passed IS DISTINCT FROM (r->>'meets_bar')::boolean,
                   id IS DISTINCT FROM r->>'id',
                   abs(extract(epoch FROM time) - extract(epoch FROM (r->>'time')::timestamptz)) > 0.001,
                   replace(figures::text, '\\u0000', '\\ufffd')::jsonb IS DISTINCT FROM r || '{"keys":[],"bigrams":[],"timeline":[]}'::jsonb
            FROM (SELECT *, replace(record::text, '\\u0000', '\\ufffd')::jsonb AS r FROM typebar_results\(filter)) AS parsed
            ORDER BY time, id
            """
        let names = ["mode", "candidate", "assessment", "config_sha256", "net_wpm", "accuracy", "passed", "id", "time", "figures"]
        try rows(PostgresQuery(unsafeSQL: sql, binds: binds)) { row in
            var cells = row.makeIterator()
            let id = try cells.next()!.decode(String.self)
            var differing: [String] = []
            for name in names where try cells.next()!.decode(Bool?.self) ?? true { differing.append(name) }
            if !differing.isEmpty { found.append((id, differing)) }
        }
        return found
    }
}
