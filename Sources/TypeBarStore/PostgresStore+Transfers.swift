import Foundation
import PostgresNIO
import TypeBarKit

/// Moving results in and out: importing a JSONL history, exporting one, and sending what the outbox holds.
extension PostgresStore {
    /// What an import or a sync did.
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
                do {
                    try file.saveLog(Array(log), named: name)
                    counts.logs += 1
                } catch {
                    problems.append("the keystroke log of \(record.id) was not written: \((error as? TypeBarError)?.description ?? "\(error)")")
                }
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
}
