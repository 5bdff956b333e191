import ArgumentParser
import Foundation
import TerminalUI
import TerminalScreen
import TypeBarKit
import TypeBarStore

#if canImport(Glibc)
import Glibc
#endif

/// `typebar history`: every kept result, newest last.
struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List your kept results: a table, or full records as JSON Lines or CSV.",
        discussion: "The record format is in docs/history.md. typebar replay ID plays a session back; typebar stats shows your progress."
    )

    @OptionGroup var options: HistoryOptions
    @Option(name: .long, help: ArgumentHelp("Only the last N results.", valueName: "N")) var last: Int?
    @Option(name: .long, help: ArgumentHelp("Only this mode: practice, test, score, assessment, drill or chat.", valueName: "M")) var mode: HistoryRecord.Mode?
    @Option(name: .long, help: ArgumentHelp("Only this candidate's results.", valueName: "C")) var candidate: String?
    @OptionGroup var since: SinceOption
    @Flag(name: .long, help: "Full records as JSON Lines.") var json = false
    @Flag(name: .long, help: "Records as CSV, for spreadsheets.") var csv = false

    func validate() throws {
        if json && csv { throw ValidationError("Give --json or --csv, not both.") }
        if let last, last < 1 { throw ValidationError("--last must be 1 or more.") }
    }

    func run() throws {
        let query = HistoryQuery(mode: mode, candidate: candidate, since: since.seconds, last: last)
        let results = try options.results()
        let records = try options.records(query, from: results)
        if json {
            for record in records { print(record.jsonLine) }
        } else if csv {
            print(HistoryTable.csvHeader)
            for record in records { print(HistoryTable.csv(record)) }
        } else if records.isEmpty {
            StandardOutput.printSentence("No results in \(results.name)\(query.isEverything ? "" : " that match"). Practise with `typebar`: every result is kept.")
        } else {
            for line in HistoryTable.text(records, width: StandardOutput.columns, utcOffset: StandardOutput.utcOffset) { StandardOutput.print(line) }
            StandardOutput.printSentence("\(records.count) result\(records.count == 1 ? "" : "s") · typebar stats shows your progress · typebar replay ID plays one back")
        }
    }
}

extension HistoryQuery {
    var isEverything: Bool { mode == nil && candidate == nil && assessment == nil && since == nil }
}

extension HistoryRecord.Mode: ExpressibleByArgument {}

