import Foundation
import PostgresNIO
import TypeBarKit

/// A hiring team's results in PostgreSQL: every machine writes here, and reports, `verify` and `replay` read from
/// here. Each result is one row, written in one statement (so one transaction) and idempotent by its id, with the
/// columns reports filter and sort on, the whole record as JSONB and its keystroke log. When the store cannot be
/// reached, a result is kept in this machine's history and marked unsent (`Outbox`) for `sync`.
public final class PostgresStore: ResultStore, @unchecked Sendable {
    public let address: StoreAddress
    /// This machine's history: where results go while the store is out of reach.
    public let outbox: Outbox
    let connection: StoreConnection
    private var schemaChecked = false

    public var name: String { address.description }

    public init(address: StoreAddress, local: HistoryFile) {
        self.address = address
        outbox = Outbox(history: local)
        connection = StoreConnection(address: address)
    }

    public func close() { connection.close() }

    // MARK: - Schema

    /// The store's schema version; 0 when it has no typebar tables yet.
    public func schemaVersion() throws -> Int {
        try connection.run { connection in
            let exists = try await connection.query("SELECT to_regclass('typebar_schema') IS NOT NULL", logger: self.connection.logger)
            for try await present in exists.decode(Bool.self) where !present { return 0 }
            let rows = try await connection.query("SELECT max(version) FROM typebar_schema", logger: self.connection.logger)
            for try await version in rows.decode(Int?.self) { return version ?? 0 }
            return 0
        }
    }

    /// Applies the migrations the store lacks, up to `target`; returns the versions before and after.
    @discardableResult
    public func migrate(to target: Int = StoreSchema.current) throws -> (from: Int, to: Int) {
        guard (1...StoreSchema.current).contains(target) else {
            throw StoreError.refused("the schema versions this typebar knows are 1 to \(StoreSchema.current), not \(target)")
        }
        let before = try schemaVersion()
        try refuseNewer(before)
        var version = before
        while version < target {
            let next = version + 1
            try connection.transaction { connection in
                // One migrator at a time; the version is read again under the lock.
                try await connection.query("SELECT pg_advisory_xact_lock(7410, 1)", logger: self.connection.logger)
                let exists = try await connection.query("SELECT to_regclass('typebar_schema') IS NOT NULL", logger: self.connection.logger)
                var present = false
                for try await value in exists.decode(Bool.self) { present = value }
                var now = 0
                if present {
                    for try await value in try await connection.query("SELECT max(version) FROM typebar_schema", logger: self.connection.logger).decode(Int?.self) {
                        now = value ?? 0
                    }
                }
                guard now == next - 1 else { return }
                for statement in StoreSchema.migrations[next - 1] {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: self.connection.logger)
                }
                try await connection.query("UPDATE typebar_schema SET version = \(next), migrated_at = now()", logger: self.connection.logger)
            }
            version = try schemaVersion()
        }
        schemaChecked = version == StoreSchema.current
        return (before, version)
    }

    private func refuseNewer(_ version: Int) throws {
        if version > StoreSchema.current {
            throw StoreError.schema(store: name, message: "the store's schema is version \(version), newer than this typebar knows (\(StoreSchema.current)); upgrade typebar on this machine before using this store")
        }
    }

    /// Checks, once per run, that the store has exactly this typebar's schema.
    func checkSchema() throws {
        guard !schemaChecked else { return }
        let version = try schemaVersion()
        try refuseNewer(version)
        guard version == StoreSchema.current else {
            throw StoreError.schema(store: name, message: version == 0
                ? "the store has no typebar tables yet; run typebar store migrate --store URL as the owner role (docs/store.md)"
                : "the store's schema is version \(version), older than this typebar's (\(StoreSchema.current)); run typebar store migrate --store URL as the owner role")
        }
        schemaChecked = true
    }

    // MARK: - Saving

    /// Keeps a result in the store; when the store cannot be reached, in this machine's history, marked unsent.
    public func save(_ record: HistoryRecord, log: String?, signingKey: [UInt8]?) -> SavedResult {
        var record = record
        if let log {
            record.logHash = HistoryRecord.sha256(log)
            record.log = "sessions/\(record.id).jsonl"
        }
        if let signingKey { record.signature = HistorySignature.sign(record, key: signingKey) }
        do {
            try checkSchema()
            try insert(record, log: log.map { Data($0.utf8) })
            return SavedResult(record: record, problems: [])
        } catch let error as StoreError where error.isUnreachable {
            return keepLocally(record, log: log, because: error)
        } catch let error as StoreError {
            return SavedResult(record: record, problems: [.cannotWrite(path: name, reason: error.description)])
        } catch {
            return SavedResult(record: record, problems: [.cannotWrite(path: name, reason: "\(error)")])
        }
    }

    /// The store is out of reach: the result goes to the local history as it would without a store (the record is
    /// already complete, so its log is written under the same name), and is marked unsent.
    private func keepLocally(_ record: HistoryRecord, log: String?, because error: StoreError) -> SavedResult {
        let history = outbox.history
        var problems: [TypeBarError] = []
        if let log {
            do {
                _ = try history.saveLog(log, id: record.id)
            } catch {
                problems.append(error)
            }
        }
        do {
            try history.append(record)
            try outbox.mark(record.id)
        } catch {
            problems.append(error)
        }
        guard problems.isEmpty else {
            return SavedResult(record: record, problems: [.cannotWrite(path: name, reason: error.description)] + problems)
        }
        return SavedResult(record: record, problems: [], fallback: "\(error.description); kept in \(history.path) as \(HistoryTable.shortID(record.id)) and marked unsent: typebar store sync sends it (also tried at the next start)")
    }

    /// Writes one result, with its log, in one statement; returns false when the store already had its id.
    @discardableResult
    public func insert(_ record: HistoryRecord, log: Data?) throws -> Bool {
        try insert([(record, log)]) == 1
    }

    /// The columns a result is written to, in the order `insert` binds them.
    static let insertColumns = "id, time, mode, candidate, assessment, config_sha256, net_wpm, accuracy, passed, record, log"

    /// Writes results in one statement (so one transaction and one round trip), each at most once by id: a
    /// multi-row `INSERT … ON CONFLICT (id) DO NOTHING` with every value a bound parameter. Returns how many
    /// were new. A batch holds at most `batchRows` results (PostgreSQL takes at most 65,535 parameters).
    func insert(_ batch: [(record: HistoryRecord, log: Data?)]) throws -> Int {
        guard !batch.isEmpty else { return 0 }
        precondition(batch.count <= PostgresStore.batchRows)
        var binds = PostgresBindings(capacity: batch.count * 11)
        var rows: [String] = []
        rows.reserveCapacity(batch.count)
        for (record, log) in batch {
            let first = binds.count
            binds.append(record.id)
            binds.append(record.time)
            binds.append(record.mode.rawValue)
            binds.append(record.candidate)
            binds.append(record.assessment)
            binds.append(record.configHash)
            binds.append(record.netWPM)
            binds.append(record.accuracy)
            binds.append(record.meetsBar)
            binds.append(record.jsonLine)
            try binds.append(log)
            let n = (1...11).map { "$\(first + $0)" }
            rows.append("(\(n[0]), to_timestamp(\(n[1])), \(n[2]), \(n[3]), \(n[4]), \(n[5]), \(n[6]), \(n[7]), \(n[8]), \(n[9])::jsonb, \(n[10]))")
        }
        let query = PostgresQuery(unsafeSQL: """
            INSERT INTO typebar_results (\(PostgresStore.insertColumns))
            VALUES \(rows.joined(separator: ",\n       "))
            ON CONFLICT (id) DO NOTHING
            RETURNING id
            """, binds: binds)
        let logger = connection.logger
        return try connection.run { connection in
            var added = 0
            for try await _ in try await connection.query(query, logger: logger).decode(String.self) { added += 1 }
            return added
        }
    }

    /// At most this many results go in one `insert`, and about this many bytes of records and logs.
    static let batchRows = 1000
    static let batchBytes = 16 << 20

    // MARK: - Reading

    /// The WHERE clause and its bindings for `query`.
    static func filter(_ query: HistoryQuery, also: String? = nil) throws -> (sql: String, binds: PostgresBindings) {
        var conditions: [String] = also.map { [$0] } ?? []
        var binds = PostgresBindings()
        if let mode = query.mode {
            binds.append(mode.rawValue)
            conditions.append("mode = $\(binds.count)")
        }
        if let candidate = query.candidate {
            binds.append(candidate)
            conditions.append("lower(candidate) = lower($\(binds.count))")
        }
        if let assessment = query.assessment {
            binds.append(assessment)
            conditions.append("lower(assessment) = lower($\(binds.count))")
        }
        if let since = query.since {
            binds.append(since)
            conditions.append("time >= to_timestamp($\(binds.count))")
        }
        return (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "), binds)
    }

    /// `SELECT columns` over the matching rows, oldest first (in no particular order when not `ordered`); with
    /// `last`, only the newest that many.
    static func select(_ columns: String, _ query: HistoryQuery, also: String? = nil, ordered: Bool = true) throws -> PostgresQuery {
        var (filter, binds) = try self.filter(query, also: also)
        if let last = query.last {
            binds.append(last)
            return PostgresQuery(unsafeSQL: """
                SELECT \(columns) FROM (SELECT * FROM typebar_results\(filter) ORDER BY time DESC, id DESC LIMIT $\(binds.count)) AS newest
                ORDER BY time, id
                """, binds: binds)
        }
        return PostgresQuery(unsafeSQL: "SELECT \(columns) FROM typebar_results\(filter)" + (ordered ? " ORDER BY time, id" : ""), binds: binds)
    }

    public func read(_ query: HistoryQuery, _ body: (HistoryRecord) throws -> Void) throws -> [String] {
        try read(query, also: nil, body)
    }

    /// `read`, with one more fixed SQL condition.
    func read(_ query: HistoryQuery, also: String?, _ body: (HistoryRecord) throws -> Void) throws -> [String] {
        try records(PostgresStore.select("id, record::text", query, also: also), detail: .full, body)
    }

    static func warnings(_ unreadable: [String], store: String) -> [String] {
        guard !unreadable.isEmpty else { return [] }
        let shown = unreadable.prefix(10).joined(separator: ", ") + (unreadable.count > 10 ? " and \(unreadable.count - 10) more" : "")
        return ["\(store): skipped \(unreadable.count) record\(unreadable.count == 1 ? "" : "s") this typebar cannot read (\(shown)): from a newer typebar, or changed by hand"]
    }

    /// Streams the rows of `query` to `body`, on the calling thread.
    func rows(_ query: PostgresQuery, _ body: (PostgresRow) throws -> Void) throws {
        try checkSchema()
        try connection.stream(query, body)
    }

    public func result(id: String) throws -> (record: HistoryRecord, log: StoredLog) {
        var found: [(String, String, Data?)] = []
        let query: PostgresQuery = """
            SELECT id, record::text, log FROM typebar_results
            WHERE id = \(id) OR starts_with(id, \(id)) OR right(id, length(\(id))) = \(id)
            ORDER BY id = \(id) DESC, time, id LIMIT 3
            """
        try rows(query) { found.append(try $0.decode((String, String, Data?).self)) }
        guard let first = found.first else {
            throw StoreError.refused("no record \"\(id)\" in \(name); typebar history --store URL lists the ids")
        }
        guard first.0 == id || found.count == 1 else {
            throw StoreError.refused("\(found.count == 3 ? "several" : String(found.count)) records in \(name) match \"\(id)\"; give more of the id")
        }
        guard let record = HistoryRecord(json: Array(first.1.utf8)) else {
            throw StoreError.refused("record \(first.0) in \(name) cannot be read by this typebar (from a newer typebar, or changed by hand)")
        }
        return (record, storedLog(first.2, of: record))
    }

    public func log(of record: HistoryRecord) -> StoredLog {
        var log: Data?
        var found = false
        do {
            try rows("SELECT log FROM typebar_results WHERE id = \(record.id)") { row in
                found = true
                log = try row.decode(Data?.self)
            }
        } catch {
            return .missing("\(error)")
        }
        guard found else { return .missing("no result \(record.id) in \(name)") }
        return storedLog(log, of: record)
    }

    private func storedLog(_ data: Data?, of record: HistoryRecord) -> StoredLog {
        guard let data else { return record.log == nil ? .none : .missing("the store holds no log for \(record.id)") }
        return .bytes(data, name: "the log of \(record.id) in \(name)")
    }

    // MARK: - Moving results in and out

    public struct Transfer: Sendable, Equatable {
        /// Results the store did not have.
        public var added = 0
        /// Results it had already (by id).
        public var already = 0
        /// Warnings about what could not be read or sent.
        public var warnings: [String] = []
    }

    /// Loads a JSONL history and the keystroke logs beside it, each record once by id: importing a file twice
    /// changes nothing.
    public func importHistory(_ file: HistoryFile) throws -> Transfer {
        try checkSchema()
        var transfer = Transfer()
        var batch: [(record: HistoryRecord, log: Data?)] = []
        var bytes = 0
        func flush() throws {
            guard !batch.isEmpty else { return }
            let added = try insert(batch)
            transfer.added += added
            transfer.already += batch.count - added
            batch.removeAll(keepingCapacity: true)
            bytes = 0
        }
        var failure: (any Error)?
        var missingLogs: [String] = []
        let skipped = try file.read { record, _ in
            guard failure == nil else { return }
            var log: Data?
            if case .file(let path) = file.log(of: record) { log = FileManager.default.contents(atPath: path) }
            if record.log != nil && log == nil { missingLogs.append(record.id) }
            batch.append((record, log))
            bytes += (log?.count ?? 0) + 4096  // a record is a few kilobytes
            if batch.count >= PostgresStore.batchRows || bytes >= PostgresStore.batchBytes {
                do { try flush() } catch { failure = error }
            }
        }
        if let failure { throw failure }
        try flush()
        if !missingLogs.isEmpty {
            let shown = missingLogs.prefix(5).joined(separator: ", ") + (missingLogs.count > 5 ? " and \(missingLogs.count - 5) more" : "")
            transfer.warnings.append("\(file.path): \(missingLogs.count) keystroke log\(missingLogs.count == 1 ? " is" : "s are") missing (\(shown)); imported without them")
        }
        transfer.warnings += skipped.warnings(path: file.path)
        return transfer
    }

    /// Writes the matching results as a JSONL history to `path` (a new file), with their keystroke logs in
    /// `sessions/` beside it, so `typebar report`, `verify` and `replay` read the export as they read any history.
    public func export(_ query: HistoryQuery, to path: String) throws -> (records: Int, logs: Int, warnings: [String]) {
        let file = HistoryFile(path: path)
        guard !FileManager.default.fileExists(atPath: path) else {
            throw StoreError.refused("\(path) exists already; export writes a new file (choose another name)")
        }
        var counts = (records: 0, logs: 0)
        var unreadable: [String] = []
        var problems: [String] = []
        try rows(PostgresStore.select("id, record::text, log", query)) { row in
            let row = try row.decode((String, String, Data?).self)
            guard let record = HistoryRecord(json: Array(row.1.utf8)) else {
                unreadable.append(row.0)
                return
            }
            if let log = row.2, let name = record.log, !name.hasPrefix("/"), !name.split(separator: "/").contains("..") {
                let target = file.folder + "/" + name
                try HistoryFileWriter.write(log, to: target)
                counts.logs += 1
            } else if row.2 != nil {
                problems.append("the keystroke log of \(record.id) was not written: its record names it \(record.log ?? "nothing")")
            }
            try file.append(record)
            counts.records += 1
        }
        return (counts.records, counts.logs, problems + PostgresStore.warnings(unreadable, store: name))
    }

    /// Sends the results kept on this machine while the store was out of reach, each once.
    public func sync() throws -> Transfer {
        var transfer = Transfer()
        let pending = Set(outbox.pending())
        guard !pending.isEmpty else { return transfer }
        try checkSchema()
        let history = outbox.history
        var found: [HistoryRecord] = []
        let skipped = try history.read { record, _ in
            if pending.contains(record.id) { found.append(record) }
        }
        for record in found {
            var log: Data?
            if case .file(let path) = history.log(of: record) { log = FileManager.default.contents(atPath: path) }
            if try insert(record, log: log) { transfer.added += 1 } else { transfer.already += 1 }
            outbox.clear(record.id)
        }
        let lost = pending.subtracting(found.map(\.id))
        if !lost.isEmpty {
            transfer.warnings.append("\(lost.count) unsent result\(lost.count == 1 ? " is" : "s are") marked in \(outbox.folder) but not in \(history.path): \(lost.sorted().prefix(5).joined(separator: ", "))")
        }
        transfer.warnings += skipped.warnings(path: history.path)
        return transfer
    }

    // MARK: - Assessment attempts

    /// A candidate's attempts at one assessment in the current round.
    public struct Attempts: Sendable, Equatable {
        public var used: Int
        public var lastStarted: Double?
    }

    /// How many attempts the candidate has started in the current round.
    public func attempts(candidate: String, assessment: String, configHash: String) throws -> Attempts {
        var attempts = Attempts(used: 0, lastStarted: nil)
        try rows("""
            SELECT count(*)::integer, coalesce(max(extract(epoch FROM started_at)), 0)::float8
            FROM typebar_attempts
            WHERE candidate_key = lower(\(candidate)) AND assessment = \(assessment) AND config_sha256 = \(configHash)
              AND round = (SELECT max(round) FROM typebar_attempts
                           WHERE candidate_key = lower(\(candidate)) AND assessment = \(assessment) AND config_sha256 = \(configHash))
            """) { row in
            let (used, last) = try row.decode((Int, Double).self)
            attempts = Attempts(used: used, lastStarted: used > 0 ? last : nil)
        }
        return attempts
    }

    /// Takes the candidate's next attempt, under a lock, before it begins: two machines cannot both take the last
    /// one. `newRound` starts a fresh set (a retake). Returns the attempt's number; refuses when none are left.
    public func beginAttempt(candidate: String, assessment: String, configHash: String, allowed: Int, newRound: Bool, machine: String = "") throws -> Int {
        try checkSchema()
        let logger = connection.logger
        let storeName = name
        return try connection.transaction { connection in
            try await connection.query(
                "SELECT pg_advisory_xact_lock(hashtextextended(lower(\(candidate)) || '/' || \(assessment) || '/' || \(configHash), 0))",
                logger: logger)
            var round = 0
            var used = 0
            let current = try await connection.query("""
                SELECT round, count(*)::integer FROM typebar_attempts
                WHERE candidate_key = lower(\(candidate)) AND assessment = \(assessment) AND config_sha256 = \(configHash)
                GROUP BY round ORDER BY round DESC LIMIT 1
                """, logger: logger)
            for try await (number, count) in current.decode((Int, Int).self) {
                round = number
                used = count
            }
            if newRound || round == 0 {
                round += 1
                used = 0
            }
            guard used < allowed else {
                throw StoreError.refused("\(candidate) has already started \(assessment) \(used) time\(used == 1 ? "" : "s") in \(storeName) (the rules allow \(allowed)). Use --retake to give a fresh set of attempts.")
            }
            let attempt = used + 1
            try await connection.query("""
                INSERT INTO typebar_attempts (candidate_key, assessment, config_sha256, round, attempt, allowed, candidate, machine)
                VALUES (lower(\(candidate)), \(assessment), \(configHash), \(round), \(attempt), \(allowed), \(candidate), \(machine))
                """, logger: logger)
            return attempt
        }
    }
}

/// Writes a new file whole and fsynced, private to the user.
enum HistoryFileWriter {
    static func write(_ data: Data, to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        guard FileManager.default.createFile(atPath: path, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw TypeBarError.cannotWrite(path: path, reason: "cannot create the file")
        }
    }
}
