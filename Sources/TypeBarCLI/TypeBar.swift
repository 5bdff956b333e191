import ArgumentParser
import SystemPackage
import TypeBarKit
import TypeBarStore

#if canImport(Glibc)
// @preconcurrency: `stdout` is C's shared stream, read here only from the main thread at exit.
@preconcurrency import Glibc
#endif

/// The `typebar` command: a typing trainer and assessment tool for chat-support candidates.
///
/// Every command here and below states its `commandName`: without one, ArgumentParser makes the name from the
/// type's name at every start, by run-time reflection (docs/performance.md, "Start-up").
struct TypeBar: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "typebar",
        abstract: "Typing practice and assessment against the 40-50 WPM chat-support hiring bar.",
        discussion: """
            Practise on a support reply (the default), or take a timed test:
              typebar
              typebar test --minutes 2
            Drill your weakest keys on real support words (or order numbers, amounts, e-mails):
              typebar drill
              typebar drill --kind details
            Work a shift at a simulated chat desk, several customers at once:
              typebar chat
              typebar chat --scenario monday-rush --mode macros
            Score a keystroke log from a script or a recorded session:
              typebar score --keys session.jsonl --text reply.txt
            See your results and your progress:
              typebar history
              typebar stats
            Run an assessment for a candidate, check signed results, and report:
              typebar assess --preset chat-40 --candidate "Ana Ruiz"
              typebar verify
              typebar report --format html -o report.html
            Browse the support replies to practise on:
              typebar passages list
            Keep your bar, test length, colours and more in a settings file, and see what is in force:
              typebar settings

            Exit status: 0 success (for score: meets the bar), 1 scored below the bar, 2 bad input or usage.
            """,
        version: TypeBarVersion.current,
        subcommands: [Practice.self, TimedTest.self, Drill.self, Chat.self, Assess.self, Score.self, History.self, Stats.self, Replay.self, Verify.self, Report.self, Store.self, Passages.self, Settings.self],
        defaultSubcommand: Practice.self
    )
}

/// The way into typebar: parses the arguments, runs the command, and answers with the exit status: 0, 1 (scored
/// below the bar) or 2 (bad input or usage, with the reason on standard error).
public enum TypeBarMain {
    /// Runs typebar on `arguments` (the process's own when nil) and returns its exit status. Help and `--version`
    /// print and exit the process, as ArgumentParser does.
    public static func run(_ arguments: [String]? = nil) -> Int32 {
        // `typebar --version` answers before the command line is parsed: ArgumentParser's reflection over every
        // command costs more than the rest of the process, and its answer would be these same bytes.
        let given = arguments ?? Array(CommandLine.arguments.dropFirst())
        if given == ["--version"] {
            print(TypeBarVersion.current)
            return finishStandardOutput(status: 0)
        }
        do {
            // The typing screen's usual command lines skip ArgumentParser's reflection (QuickStart says how).
            if let quick = QuickStart.command(given) {
                try quick.run()
            } else {
                var command = try TypeBar.parseAsRoot(given)
                try command.run()
            }
            return finishStandardOutput(status: 0)
        } catch let error as TypeBarError {
            let status = finishStandardOutput(status: 2)
            printError("typebar: \(error.description)")
            return status
        } catch let error as StoreError {
            let status = finishStandardOutput(status: 2)
            printError("typebar: \(error.description)")
            return status
        } catch let error as ExitCode {
            return finishStandardOutput(status: error.rawValue)
        } catch {
            let code = TypeBar.exitCode(for: error)
            if code == .validationFailure {
                // Usage mistakes are bad input: exit 2 like every other, with ArgumentParser's own message.
                printError(TypeBar.fullMessage(for: error))
                return 2
            }
            TypeBar.exit(withError: error)
        }
    }
}

/// Flushes standard output; `status`, or 2 with a message when anything written to it was lost (a full disk, a
/// closed pipe): a script must never take a cut-short result for a whole one. Exit 1 keeps its meaning.
func finishStandardOutput(status: Int32) -> Int32 {
    let failed = fflush(stdout) != 0 || ferror(stdout) != 0
    let reason = String(cString: strerror(errno))
    guard failed else { return status }
    printError("typebar: cannot write standard output: \(reason)")
    return 2
}
