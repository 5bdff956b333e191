import Foundation
import TypeBarKit
import TypeBarStore

/// The store in force (`--store URL`, else TYPEBAR_STORE, else the settings file's `store`); nil when none is named.
/// An address from the settings file that does not read is a problem on its line there.
func storeAddress(_ store: PersonalSettings.Setting<String?>) throws -> StoreAddress? {
    guard let text = store.value else { return nil }
    do {
        // Only a named store needs the rest of the environment (PGHOST, PGPASSWORD, PGSSLMODE, …).
        return try StoreAddress.parse(text, environment: ProcessInfo.processInfo.environment)
    } catch StoreError.badAddress(let problem) {
        guard case .file(let path, let line) = store.source else { throw StoreError.badAddress(problem) }
        throw TypeBarError.badLine(path: path, line: line, problem: "settings: store: \(problem)")
    }
}

/// Where results live: the store in force, when one is named, else the history file in force.
func openResults(_ settings: PersonalSettings) throws -> any ResultStore {
    try openResults(store: settings.store, local: settings.historyFile)
}

/// Where results live: `store`, when one is named, else `local`. Opening a store also sends what this machine kept
/// while the store was out of reach.
func openResults(store: PersonalSettings.Setting<String?>, local: HistoryFile) throws -> any ResultStore {
    guard let address = try storeAddress(store) else { return local }
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
