import ArgumentParser
import Foundation
import TypeBarKit
import TypeBarStore

extension Store {
    /// `typebar store import`.
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
}
