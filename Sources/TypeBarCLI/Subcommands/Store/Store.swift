import ArgumentParser
import Foundation
import TerminalUI
import TypeBarKit
import TypeBarStore

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
        @Option(name: .long, help: ArgumentHelp("The store (default: $TYPEBAR_STORE, else store in the settings file).", valueName: "URL"))
        var store: String?

        @Option(name: .long, help: ArgumentHelp("This machine's history, where results wait while the store is out of reach.", valueName: "FILE"))
        var history: String?

        @OptionGroup var settingsOption: SettingsOption

        func open() throws -> PostgresStore {
            let settings = try PersonalSettings.load(PersonalSettings.Options(history: history, store: store, settingsFile: settingsOption.settings))
            guard let address = try storeAddress(settings.store) else {
                throw ValidationError("Name the store: --store postgres://USER@HOST:PORT/DATABASE, TYPEBAR_STORE, or store: in the settings file.")
            }
            return PostgresStore(address: address, local: settings.historyFile)
        }
    }

}
