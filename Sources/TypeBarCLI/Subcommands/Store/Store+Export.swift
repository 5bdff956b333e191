import ArgumentParser
import Foundation
import TypeBarKit
import TypeBarStore

extension Store {
    /// `typebar store export`.
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
