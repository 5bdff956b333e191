import Foundation
import PostgresNIO
import TypeBarKit

/// Reading results back: the SQL a `HistoryQuery` becomes, the rows it streams, one result and its log.
extension PostgresStore {
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
}
