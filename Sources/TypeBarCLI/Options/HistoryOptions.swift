import ArgumentParser
import TypeBarKit

/// `--history FILE`, `--store URL` and `--settings FILE`, shared by every command that keeps or reads results.
struct HistoryOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("History file (default: $TYPEBAR_HISTORY, else history in the settings file, else $XDG_DATA_HOME/typebar/history.jsonl).", valueName: "FILE"))
    var history: String?

    @Option(name: .long, help: ArgumentHelp("A team's results store: postgres://USER@HOST:PORT/DATABASE (default: $TYPEBAR_STORE, else store in the settings file; see docs/store.md).", valueName: "URL"))
    var store: String?

    @OptionGroup var settingsOption: SettingsOption

    /// These options, as the ones a setting lies beneath.
    var personal: PersonalSettings.Options {
        PersonalSettings.Options(history: history, store: store, settingsFile: settingsOption.settings)
    }

    /// What is in force: these options over the environment, the settings file and the defaults.
    func inForce() throws -> PersonalSettings { try PersonalSettings.load(personal) }

    /// The history file in force.
    func file() throws -> HistoryFile { try inForce().historyFile }

    /// Where results live: the store in force (--store, TYPEBAR_STORE, the settings file), else the history file.
    func results() throws -> any ResultStore {
        try openResults(inForce())
    }

    /// Reads the matching records, warning on standard error about what was skipped.
    func records(_ query: HistoryQuery = HistoryQuery(), from results: any ResultStore) throws -> [HistoryRecord] {
        var records: [HistoryRecord] = []
        let warnings = try results.read(query) { records.append($0) }
        for warning in warnings { printError("typebar: warning: \(warning)") }
        return records
    }
}
