import Foundation
import PostgresNIO
import TypeBarKit

/// Moving results in and out: exporting a JSONL history, and sending what the outbox holds (importing one is in
/// PostgresStore+Import.swift).
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
