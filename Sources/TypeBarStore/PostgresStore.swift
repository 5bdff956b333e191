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
    /// Whether the store's schema is known to be this typebar's (`checkSchema`, `migrate`): it is asked once a run.
    var schemaChecked = false

    public var name: String { address.description }

    public init(address: StoreAddress, local: HistoryFile) {
        self.address = address
        outbox = Outbox(history: local)
        connection = StoreConnection(address: address)
    }

    public func close() { connection.close() }
}
