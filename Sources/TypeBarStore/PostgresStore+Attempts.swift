import Foundation
import PostgresNIO
import TypeBarKit

/// Counting and taking a candidate's assessment attempts, under a lock so two machines cannot take the same one. The
/// work is done by the store's own functions (schema 4), so a candidate's machine needs no right to read the
/// attempts table: it learns a candidate's count and the attempt it is given, nothing else.
extension PostgresStore {
    /// A candidate's attempts at one assessment in the current round.
    public struct Attempts: Sendable, Equatable {
        public var used: Int
        public var lastStarted: Double?
    }

    /// How many attempts the candidate has started in the current round.
    public func attempts(candidate: String, assessment: String, configHash: String) throws -> Attempts {
        var attempts = Attempts(used: 0, lastStarted: nil)
        try rows("SELECT used, last_started FROM typebar_attempts_used(\(candidate), \(assessment), \(configHash))") { row in
            let (used, last) = try row.decode((Int, Double).self)
            attempts = Attempts(used: used, lastStarted: used > 0 ? last : nil)
        }
        return attempts
    }

    /// Takes the candidate's next attempt, under a lock, before it begins: two machines cannot both take the last
    /// one. `newRound` starts a fresh set (a retake). Returns the attempt's number; refuses when none are left.
    public func beginAttempt(candidate: String, assessment: String, configHash: String, allowed: Int, newRound: Bool, machine: String = "") throws -> Int {
        // The function takes an integer: an Int would be bound as a bigint, and no function of that signature exists.
        let allowedCount = Int32(clamping: allowed)
        let query: PostgresQuery = """
            SELECT attempt, used FROM typebar_begin_attempt(\(candidate), \(assessment), \(configHash), \(allowedCount), \(newRound), \(machine))
            """
        try checkSchema()
        // Committed before the attempt begins (as `insert` is): outside a transaction the server commits only after
        // the answer has been read, and a crash in between would give an attempt that was never counted.
        let logger = connection.logger
        let taken = try connection.transaction { connection in
            var taken: (attempt: Int, used: Int)?
            for try await row in try await connection.query(query, logger: logger).decode((Int, Int).self) { taken = row }
            return taken
        }
        guard let taken else { throw StoreError.server(store: name, message: "the store gave no answer to an attempt") }
        guard taken.attempt > 0 else {
            let used = taken.used
            throw StoreError.refused("\(candidate) has already started \(assessment) \(used) time\(used == 1 ? "" : "s") in \(name) (the rules allow \(allowed)). Use --retake to give a fresh set of attempts.")
        }
        return taken.attempt
    }

    /// The candidate's earlier net WPM figures, oldest first: what the `above_own_results` flag compares a new result
    /// with. Only these figures come back, so a machine can flag a result without reading anyone's records.
    public func earlierNetWPM(candidate: String) throws -> [Double] {
        var figures: [Double] = []
        try rows("SELECT typebar_candidate_net_wpm(\(candidate))") { figures.append(try $0.decode(Double.self)) }
        return figures
    }
}
