import ArgumentParser
import Foundation
import TerminalUI
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

/// `typebar store`: a team's PostgreSQL store (docs/store.md).
struct Store: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "A team's results store in PostgreSQL: set it up, send results kept offline, import and export.",
        discussion: """
            Name the store with --store URL or TYPEBAR_STORE (postgres://USER@HOST:PORT/DATABASE; the password from
            PGPASSWORD or ~/.pgpass). Every command that keeps or reads results takes --store too. See docs/store.md.
              typebar store migrate --store postgres://typebar_owner@db.example/typebar
              typebar store status
              typebar store import ~/.local/share/typebar/history.jsonl
              typebar store export -o round1.jsonl --assessment chat-40
            """,
        subcommands: [Migrate.self, Status.self, Sync.self, Import.self, Export.self]
    )

    /// `--store URL` for the store subcommands, where a store is required.
    struct Options: ParsableArguments {
        @Option(name: .long, help: ArgumentHelp("The store (default: $TYPEBAR_STORE).", valueName: "URL"))
        var store: String?

        @Option(name: .long, help: ArgumentHelp("This machine's history, where results wait while the store is out of reach.", valueName: "FILE"))
        var history: String?

        func open() throws -> PostgresStore {
            guard let address = try storeAddress(option: store) else {
                throw ValidationError("Name the store: --store postgres://USER@HOST:PORT/DATABASE, or set TYPEBAR_STORE.")
            }
            return PostgresStore(address: address, local: HistoryFile.located(option: history))
        }
    }

    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "migrate",
            abstract: "Create or upgrade the store's tables (run it as the owner role).")

        @OptionGroup var options: Options
        @Option(name: .long, help: ArgumentHelp("Migrate only up to this schema version.", valueName: "N")) var to: Int?

        func validate() throws {
            if let to, !(1...StoreSchema.current).contains(to) {
                throw ValidationError("--to must be a schema version from 1 to \(StoreSchema.current).")
            }
        }

        func run() throws {
            let store = try options.open()
            let (from, to) = try store.migrate(to: to ?? StoreSchema.current)
            print(from == to ? "\(store.name): schema version \(to), nothing to do" : "\(store.name): schema version \(from) → \(to)")
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Show the store, its schema, its results, and what waits to be sent.")

        @OptionGroup var options: Options

        func run() throws {
            let store = try options.open()
            let pending = store.outbox.pending().count
            print("store: \(store.name)")
            do {
                let version = try store.schemaVersion()
                print("schema: version \(version) (this typebar: \(StoreSchema.current))")
                if version == StoreSchema.current { print("results: \(try store.count())") }
            } catch let error as StoreError where error.isUnreachable {
                print("reachable: no (\(error))")
            }
            print("unsent on this machine: \(pending)" + (pending > 0 ? " (in \(store.outbox.folder); typebar store sync sends them)" : ""))
        }
    }

    struct Sync: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sync",
            abstract: "Send the results kept on this machine while the store was out of reach (each once).")

        @OptionGroup var options: Options

        func run() throws {
            let store = try options.open()
            let pending = store.outbox.pending().count
            let sent = try store.sync()
            for warning in sent.warnings { printError("typebar: warning: \(warning)") }
            print(pending == 0 ? "nothing to send: every result kept here is in \(store.name)"
                : "sent \(sent.added) result\(sent.added == 1 ? "" : "s") to \(store.name)" + (sent.already > 0 ? "; \(sent.already) it had already" : ""))
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Load JSONL histories (and their keystroke logs) into the store; a result already there is skipped.")

        @OptionGroup var options: Options
        @Argument(help: ArgumentHelp("History files to load.", valueName: "HISTORY")) var histories: [String]

        func validate() throws {
            if histories.isEmpty { throw ValidationError("Give the history files to import.") }
        }

        func run() throws {
            let store = try options.open()
            for path in histories where !FileManager.default.fileExists(atPath: path) {
                throw TypeBarError.cannotRead(path: path, reason: "no such history file")
            }
            for path in histories {
                let done = try store.importHistory(HistoryFile(path: path))
                for warning in done.warnings { printError("typebar: warning: \(warning)") }
                print("\(path): \(done.added) added, \(done.already) already in the store")
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write the store's results as a JSONL history (with keystroke logs beside it) that every typebar command reads.")

        @OptionGroup var options: Options
        @Option(name: .shortAndLong, help: ArgumentHelp("A new history file to write; its logs go to sessions/ beside it. Without it, records go to standard output.", valueName: "FILE"))
        var output: String?
        @Option(name: .long, help: ArgumentHelp("Only this mode.", valueName: "M")) var mode: HistoryRecord.Mode?
        @Option(name: .long, help: "Only this candidate (any case).") var candidate: String?
        @Option(name: .long, help: "Only this assessment (any case).") var assessment: String?
        @OptionGroup var since: SinceOption

        func run() throws {
            let store = try options.open()
            let query = HistoryQuery(mode: mode, candidate: candidate, assessment: assessment, since: since.seconds)
            guard let output else {
                let warnings = try store.read(query) { print($0.jsonLine) }
                for warning in warnings { printError("typebar: warning: \(warning)") }
                return
            }
            let done = try store.export(query, to: output)
            for warning in done.warnings { printError("typebar: warning: \(warning)") }
            printError("typebar: wrote \(output): \(done.records) result\(done.records == 1 ? "" : "s"), \(done.logs) keystroke log\(done.logs == 1 ? "" : "s")")
        }
    }
}
