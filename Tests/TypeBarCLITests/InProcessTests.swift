import ArgumentParser
import Foundation
import Testing
import TestSupport
@testable import TypeBarCLI
import TypeBarKit

/// The commands parsed and run in this process, without spawning the binary: option ranges, the exit status, and
/// what a run leaves in the history.
@Suite("Commands in-process")
struct InProcessTests {
    let scratch = Scratch()

    @Test("Every command names itself, so no start-up derives a name from a type by reflection")
    func commandsNameThemselves() {
        var unnamed: [String] = []
        func visit(_ command: ParsableCommand.Type) {
            if command.configuration.commandName == nil { unnamed.append("\(command)") }
            command.configuration.subcommands.forEach(visit)
        }
        visit(TypeBar.self)
        #expect(unnamed.isEmpty, "no commandName: \(unnamed)")
    }

    @Test("Options outside their range are usage errors naming the range", arguments: [
        (["score", "--keys", "x.jsonl", "--bar", "-5"], "--bar"),
        (["score", "--keys", "x.jsonl", "--min-accuracy", "0.95"], "--min-accuracy"),
        (["score", "--keys", "x.jsonl", "--time-limit", "1e300"], "--time-limit"),
        (["history", "--last", "0"], "--last"),
    ])
    func ranges(arguments: [String], option: String) {
        #expect(throws: (any Error).self) { try TypeBar.parseAsRoot(arguments) }
        do {
            _ = try TypeBar.parseAsRoot(arguments)
        } catch {
            #expect(TypeBar.exitCode(for: error) == .validationFailure)
            #expect(TypeBar.message(for: error).contains(option), "\(TypeBar.message(for: error))")
        }
    }

    @Test("score in-process: 0 at the bar, 1 below it, 2 for a log that is not one; --save keeps the result")
    func scoreStatus() throws {
        let history = scratch.url.appendingPathComponent("history.jsonl").path
        let log = scratch.write("fast.jsonl", cleanLog("Hi Maria, thanks for waiting.", interval: 150))
        #expect(TypeBarMain.run(["score", "--keys", log, "--save", "--history", history, "--json"]) == 0)
        #expect(TypeBarMain.run(["score", "--keys", log, "--bar", "200", "--json"]) == 1)
        let broken = scratch.write("broken.jsonl", "not a log\n")
        #expect(TypeBarMain.run(["score", "--keys", broken]) == 2)
        let records = try HistoryFile(path: history).records().records
        #expect(records.count == 1)
        #expect(records.first?.mode == .score)
    }

    @Test("The subcommands are the documented ones, practice the default")
    func subcommands() {
        let names = TypeBar.configuration.subcommands.map { $0._commandName }
        #expect(names == ["practice", "test", "drill", "chat", "assess", "score", "history", "stats", "replay", "verify", "report", "store", "passages", "settings"])
        #expect(TypeBar.configuration.defaultSubcommand == Practice.self)
    }
}
