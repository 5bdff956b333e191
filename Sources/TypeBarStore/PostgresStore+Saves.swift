import Foundation
import PostgresNIO
import TypeBarKit

/// Saving results: one row each, written at most once by id, or kept in the outbox while the store is out of reach.
extension PostgresStore {
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
}
