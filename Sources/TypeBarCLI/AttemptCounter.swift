import Foundation
import TypeBarKit
import TypeBarStore

/// Counts a sitting's attempts in the store, typing and chat-desk assessments alike: each is taken there, under a
/// lock on the candidate, assessment and config, as it begins.
final class AttemptCounter: @unchecked Sendable {
    let store: PostgresStore
    let candidate: String
    let assessment: String
    let configHash: String
    let allowed: Int
    private var newRound: Bool
    /// Why the store would not give an attempt, to say once the terminal is back.
    private(set) var refusal: String?
    /// The number of the attempt the store gave last.
    private(set) var granted: Int?

    init(store: PostgresStore, candidate: String, assessment: String, configHash: String, allowed: Int, retake: Bool) {
        self.store = store
        self.candidate = candidate
        self.assessment = assessment
        self.configHash = configHash
        self.allowed = allowed
        newRound = retake
    }

    /// The attempts the candidate has begun in the current round, as the store counts them.
    func counted() throws -> PostgresStore.Attempts {
        try store.attempts(candidate: candidate, assessment: assessment, configHash: configHash)
    }

    /// The attempt's number from the store, or nil (and a reason) when it will not give one.
    func begin(_ expected: Int) -> Int? {
        do {
            let number = try store.beginAttempt(
                candidate: candidate, assessment: assessment, configHash: configHash,
                allowed: allowed, newRound: newRound, machine: ProcessInfo.processInfo.hostName)
            newRound = false
            granted = number
            return number
        } catch let error as StoreError where error.isUnreachable {
            refusal = "\(error); an attempt counted by the store cannot begin without it. Try again when the store is back, or run the assessment without --store (its results can be imported later)."
        } catch {
            refusal = "\(error)"
        }
        return nil
    }
}
