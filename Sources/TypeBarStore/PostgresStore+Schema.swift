import Foundation
import PostgresNIO
import TypeBarKit

/// The store's schema version, checked once a run and brought up to this typebar's by `migrate`.
extension PostgresStore {
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
            // A migration may rewrite every row (4 does), so it is given far longer than one statement's timeout.
            try connection.transaction(timeout: PostgresStore.migrationTimeout) { connection in
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

    /// Seconds a migration may take before typebar gives up on the server.
    static let migrationTimeout = 3600

    /// Gives each role what a candidate's machine (`machines`) or a reader (`readers`) needs, and nothing more:
    /// docs/store.md, "Roles". Run by the owner, on a store of this typebar's schema.
    public func grant(machines: [String], readers: [String]) throws {
        guard !machines.isEmpty || !readers.isEmpty else { return }
        try checkSchema()
        let roles = machines.map { ($0, "machine") } + readers.map { ($0, "reader") }
        let logger = connection.logger
        try connection.transaction { connection in
            for (role, kind) in roles {
                try await connection.query("SELECT typebar_grant(\(role), \(kind))", logger: logger)
            }
        }
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
}
