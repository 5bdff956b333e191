import ArgumentParser
import Foundation
import TypeBarKit
import TypeBarReports
import TypeBarStore

extension ReportFormat: ExpressibleByArgument {}

/// `typebar report`: the assessment report a trainer files, from one or many history files.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Report assessment results: who passed, best and latest figures, flags, signatures, charts.",
        discussion: """
            Reads the history (or every HISTORY file given: a class on several machines; a result found in more
            than one counts once) and reports each assessment's candidates; on the chat desk, the transcripts of each
            candidate's best and latest attempts, replayed from their kept logs. Formats are described in docs/reports.md.
              typebar report --format html -o round1.html
              typebar report --assessment chat-40 --format csv machine1.jsonl machine2.jsonl
              typebar report --format html --template acme.mustache -o round1.html
            Exit status: 0 a report was written, 1 no assessment results matched, 2 bad input or usage.
            """
    )

    @Option(name: .long, help: "Only this assessment (by name, any case).") var assessment: String?
    @Option(name: .long, help: "Only this candidate (any case).") var candidate: String?
    @OptionGroup var since: SinceOption

    @Option(name: .long, help: "html, csv, json or md.") var format: ReportFormat

    @Option(name: .long, help: ArgumentHelp("Lay out the HTML page with this Mustache template (docs/reports.md).", valueName: "FILE"))
    var template: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the report here instead of standard output.", valueName: "FILE"))
    var output: String?

    @OptionGroup var signing: SigningOptions

    @OptionGroup var historyOptions: HistoryOptions

    @Argument(help: ArgumentHelp("History files to read (default: the history).", valueName: "HISTORY"))
    var histories: [String] = []

    func run() throws {
        // A trainer's template is read and checked before any history, so a mistake in it costs no wait.
        let page = try template.map { path throws(TypeBarError) in
            guard format == .html else { throw TypeBarError.usage("--template shapes the HTML page; give --format html or leave it out") }
            return try ReportTemplate(path: path)
        }
        let key = try signing.key()
        // Typing assessments and chat-desk assessments alike: any record taken under an assessment.
        let query = HistoryQuery(candidate: candidate, assessment: assessment, since: since.seconds)
        if historyOptions.store != nil && !histories.isEmpty { throw ValidationError("Give --store or HISTORY files, not both.") }
        let report: AssessmentReport
        let sources: [String]
        if histories.isEmpty, let store = try historyOptions.results() as? PostgresStore {
            // In the store, filters run as SQL and rows stream: only what the report shows is held.
            let (built, warnings) = try store.report(query, key: key, generated: Date().timeIntervalSince1970, transcripts: .hunspell)
            for warning in warnings { printError("typebar: warning: \(warning)") }
            report = built
            sources = [store.name]
        } else {
            let files = try histories.isEmpty ? [historyOptions.file()] : histories.map(HistoryFile.init(path:))
            for file in files where !FileManager.default.fileExists(atPath: file.path) {
                throw TypeBarError.cannotRead(path: file.path, reason: "no such history file")
            }
            let (built, warnings) = try AssessmentReportReader.report(
                from: files, matching: query, key: key, generated: Date().timeIntervalSince1970, transcripts: .hunspell)
            for warning in warnings { printError("typebar: warning: \(warning)") }
            report = built
            sources = files.map(\.path)
        }
        guard !report.sections.isEmpty else {
            printError("typebar: no assessment results match in \(sources.joined(separator: ", "))")
            throw ExitCode(1)
        }
        let text = page.map(report.html(with:)) ?? report.rendered(as: format)
        if let output {
            do {
                try text.write(toFile: output, atomically: true, encoding: .utf8)
            } catch {
                throw TypeBarError.cannotWrite(path: output, reason: error.localizedDescription)
            }
            let candidates = report.sections.reduce(0) { $0 + $1.candidates.count }
            printError("typebar: wrote \(output): \(report.sections.count) assessment\(report.sections.count == 1 ? "" : "s"), \(candidates) candidate\(candidates == 1 ? "" : "s")")
        } else {
            print(text, terminator: "")
        }
    }
}
