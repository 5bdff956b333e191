import ArgumentParser
import Foundation
import TypeBarKit
import TypeBarStore

/// `typebar verify`: which kept results were changed since they were saved, or cannot be backed by their log.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check kept results: signatures, and that each saved keystroke log still rescores to its figures.",
        discussion: """
            With the trainer's key (--key-file or TYPEBAR_SIGNING_KEY) it reports records whose content was changed
            and assessment records without a signature; with or without it, saved keystroke logs that are missing,
            changed, or no longer rescore to the recorded figures.
            Exit status: 0 nothing wrong, 1 problems found, 2 bad input or usage.
            """
    )

    @OptionGroup var historyOptions: HistoryOptions

    @OptionGroup var signing: SigningOptions

    @Option(name: .long, help: "Check only this candidate's results.") var candidate: String?
    @Option(name: .long, help: "Check only results of this assessment.") var assessment: String?

    func run() throws {
        let key = try signing.key()
        let results = try historyOptions.results()
        if let file = results as? HistoryFile, !FileManager.default.fileExists(atPath: file.path) {
            throw TypeBarError.cannotRead(path: file.path, reason: "no history here; give --history FILE or --store URL")
        }
        let query = HistoryQuery(candidate: candidate, assessment: assessment)
        let records = try historyOptions.records(query, from: results)
        var counts: [HistoryAudit.SignatureState: Int] = [:]
        // Records with a problem, each counted once however many problems it has.
        var troubled = Set<String>()
        func who(_ record: HistoryRecord) -> String {
            var who = [HistoryTable.shortID(record.id), HistoryTable.localTime(record.time, offset: StandardOutput.utcOffset), record.group]
            if let candidate = record.candidate { who.append(candidate) }
            return who.joined(separator: "  ")
        }
        for record in records {
            let finding = HistoryAudit.check(record, log: results.log(of: record), key: key, spellers: .hunspell)
            counts[finding.signature, default: 0] += 1
            guard !finding.problems.isEmpty else { continue }
            troubled.insert(record.id)
            for problem in finding.problems { print(who(record) + ": " + problem.description) }
        }
        // In a store, a row's columns must say what its record says: a row changed by hand shows here.
        if let store = results as? PostgresStore {
            for (id, columns) in try store.rowsDisagreeing(query) {
                troubled.insert(id)
                print("\(HistoryTable.shortID(id)): the row's \(columns.joined(separator: ", ")) column\(columns.count == 1 ? "" : "s") differ\(columns.count == 1 ? "s" : "") from its record: the row was changed")
            }
        }
        for (record, missing) in HistoryAudit.missingAttempts(records) {
            troubled.insert(record.id)
            let which = missing.count == 1 ? "attempt \(missing.lowerBound) is" : "attempts \(missing.lowerBound)-\(missing.upperBound) are"
            print(who(record) + ": attempt \(record.attempt ?? 0), but \(which) not in the history: a result was removed")
        }
        let signatures = [HistoryAudit.SignatureState.valid, .invalid, .missing, .unchecked, .notSigned]
            .compactMap { state in counts[state].map { "\($0) \(state.rawValue)" } }
        print("checked \(records.count) record\(records.count == 1 ? "" : "s") in \(results.name): " +
              (troubled.isEmpty ? "no problems" : "\(troubled.count) with problems") +
              (signatures.isEmpty ? "" : "; signatures: " + signatures.joined(separator: ", ")))
        if key == nil, counts[.unchecked, default: 0] + counts[.missing, default: 0] > 0 {
            print("signatures not checked: give the signing key with --key-file FILE or TYPEBAR_SIGNING_KEY")
        }
        if counts[.invalid, default: 0] > 1, counts[.valid, default: 0] == 0 {
            print("no signature matches: if nothing was changed, this is not the key the results were signed with")
        }
        if !troubled.isEmpty { throw ExitCode(1) }
    }
}
