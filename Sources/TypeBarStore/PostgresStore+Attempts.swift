import Foundation
import PostgresNIO
import TypeBarKit

/// Counting and taking a candidate's assessment attempts, under a lock so two machines cannot take the same one.
extension PostgresStore {
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
