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

    /// Writes one result, with its log, in one statement and a transaction of its own; returns false when the store
    /// already had its id.
    ///
    /// `ON CONFLICT DO NOTHING` without a conflict target, and `RETURNING 1`, need no right to read the table: a
    /// candidate's machine may add rows it can never read back (docs/store.md, "Roles").
    @discardableResult
    public func insert(_ record: HistoryRecord, log: Data?) throws -> Bool {
        let query = try PostgresStore.insertion(record, log: log)
        let logger = connection.logger
        // In a transaction of its own: without one the server commits the row at the end of the exchange, after the
        // statement's rows have ended and the caller has been told that the store has it. A crash in between (the
        // commit waits for the disk) lost a result that was said to be stored; COMMIT answers only once it is.
        return try connection.transaction { connection in
            var added = false
            for try await _ in try await connection.query(query, logger: logger).decode(Int.self) { added = true }
            return added
        }
    }

    /// The statement that writes one result: a row when the id is new, answering 1; nothing when the store has it.
    static func insertion(_ record: HistoryRecord, log: Data?) throws -> PostgresQuery {
        var binds = PostgresBindings(capacity: 12)
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
        binds.append(PostgresStore.figures(of: record))
        try binds.append(log)
        return PostgresQuery(unsafeSQL: """
            INSERT INTO typebar_results (\(PostgresStore.columns.joined(separator: ", ")))
            VALUES ($1, to_timestamp($2), $3, $4, $5, $6, $7, $8, $9, $10::json, $11::json, $12)
            ON CONFLICT DO NOTHING
            RETURNING 1
            """, binds: binds)
    }

    /// The columns a result is written to, in the order `insert` binds them and `import` copies them.
    static let columns = ["id", "time", "mode", "candidate", "assessment", "config_sha256", "net_wpm", "accuracy", "passed", "record", "figures", "log"]

    /// The record's JSON with its per-key table, bigrams and timeline emptied: the `figures` column, what reports and
    /// stats read of every row (about a kilobyte, where the whole record is several).
    static func figures(of record: HistoryRecord) -> String {
        var figures = record
        figures.keys = []
        figures.bigrams = []
        figures.timeline = []
        return figures.jsonLine
    }
}
