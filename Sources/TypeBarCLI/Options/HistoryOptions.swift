import ArgumentParser
import TypeBarKit

/// `--history FILE` and `--store URL`, shared by every command that keeps or reads results.
struct HistoryOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("History file (default: $TYPEBAR_HISTORY, else $XDG_DATA_HOME/typebar/history.jsonl).", valueName: "FILE"))
    var history: String?

    @Option(name: .long, help: ArgumentHelp("A team's results store: postgres://USER@HOST:PORT/DATABASE (default: $TYPEBAR_STORE; see docs/store.md).", valueName: "URL"))
    var store: String?

    var file: HistoryFile { HistoryFile.located(option: history) }

    /// Where results live: the store that --store or TYPEBAR_STORE names, else the history file.
    func results() throws -> any ResultStore {
        try openResults(option: store, local: file)
    }

    /// Reads the matching records, warning on standard error about what was skipped.
    func records(_ query: HistoryQuery = HistoryQuery(), from results: any ResultStore) throws -> [HistoryRecord] {
        var records: [HistoryRecord] = []
        let warnings = try results.read(query) { records.append($0) }
        for warning in warnings { printError("typebar: warning: \(warning)") }
        return records
    }
}
