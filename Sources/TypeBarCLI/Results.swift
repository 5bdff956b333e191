import Foundation
import TypeBarKit
import TypeBarStore

/// The store named by `--store URL`, else by TYPEBAR_STORE; nil when neither is set.
func storeAddress(option: String?) throws -> StoreAddress? {
    guard let text = [option, Environment.value("TYPEBAR_STORE")].compactMap({ $0 }).first(where: { !$0.isEmpty }) else { return nil }
    // Only a named store needs the rest of the environment (PGHOST, PGPASSWORD, PGSSLMODE, …).
    return try StoreAddress.parse(text, environment: ProcessInfo.processInfo.environment)
}

/// Where results live: the store, when one is named, else the history file. Opening a store also sends what this
/// machine kept while the store was out of reach.
func openResults(option: String?, local: HistoryFile) throws -> any ResultStore {
    guard let address = try storeAddress(option: option) else { return local }
    let store = PostgresStore(address: address, local: local)
    sendUnsent(store, quietly: true)
    return store
}

/// Tries to send the results kept here while the store was out of reach; says what it sent. Quietly: an unreachable
/// store is no news at start (the command will say so if it needs the store).
@discardableResult
func sendUnsent(_ store: PostgresStore, quietly: Bool) -> Bool {
    guard !store.outbox.pending().isEmpty else { return true }
    do {
        let sent = try store.sync()
        let total = sent.added + sent.already
        if total > 0 {
            printError("typebar: sent \(total) result\(total == 1 ? "" : "s") kept on this machine while the store was out of reach to \(store.name)"
                + (sent.already > 0 ? " (\(sent.already) it had already)" : ""))
        }
        for warning in sent.warnings { printError("typebar: warning: \(warning)") }
        return true
    } catch let error as StoreError where error.isUnreachable && quietly {
        return false
    } catch {
        if !quietly { printError("typebar: \(error)") }
        return false
    }
}

/// `typebar stats` from the history file, or from the store's rows.
func storeStats(_ results: any ResultStore, candidate: String?) throws -> HistoryStats {
    if let store = results as? PostgresStore {
        let (stats, warnings) = try store.stats(candidate: candidate)
        for warning in warnings { printError("typebar: warning: \(warning)") }
        return stats
    }
    let file = results as? HistoryFile ?? HistoryFile(path: results.name)
    let stats = try HistoryStats.gather(from: file, candidate: candidate)
    warn(stats.skipped, file)
    return stats
}
