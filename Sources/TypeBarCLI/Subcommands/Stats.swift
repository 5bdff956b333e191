import ArgumentParser
import TerminalUI
import TypeBarKit
import TypeBarStore

/// `typebar stats`: progress at a glance.
struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Your progress: bests, recent form, trend and when it reaches 40 and 50 WPM, charts, and what costs you most.",
        discussion: "The formulas are in docs/history.md."
    )

    @OptionGroup var options: HistoryOptions
    @Option(name: .long, help: ArgumentHelp("Only this candidate's results.", valueName: "C")) var candidate: String?
    @Flag(name: .long, help: "Only per-key and per-pair confidence: the keyboard map and every key's figures (docs/drills.md).")
    var keys = false
    @Flag(name: .long, help: "With --keys: every key's and pair's smoothed time, error rate and confidence as one JSON object.")
    var json = false
    @Option(name: .long, help: ArgumentHelp("With --keys: the speed keys are measured against, from 5 to 300 WPM (default 40).", valueName: "WPM"))
    var target: Double = ConfidenceModel.defaultTargetWPM

    func validate() throws {
        if json && !keys { throw ValidationError("--json goes with --keys (typebar stats --keys --json).") }
        guard target.isFinite, (5...300).contains(target) else { throw ValidationError("--target must be a speed from 5 to 300 WPM.") }
    }

    func run() throws {
        let settings = try options.inForce()
        // Checked here, not in validate(): the store may be named in the settings file, read only now.
        if keys && candidate != nil, try storeAddress(settings.store) == nil {
            throw ValidationError("--keys reads your own latest sessions; it takes --candidate only with a team's store (--store).")
        }
        let style = StandardOutput.style(settings.colours.value)
        let results = try openResults(settings)
        // Confidence reads the latest sessions: of this history file, or of the store (one candidate's with --candidate).
        func confidence() throws -> DrillHistory {
            let (confidence, warnings) = try DrillHistory.gather(from: results, candidate: candidate, targetWPM: target)
            for warning in warnings { printError("typebar: warning: \(warning)") }
            return confidence
        }
        if keys {
            let confidence = try confidence()
            if json {
                StandardOutput.print(DrillReport.confidence(confidence.model).rendered)
                return
            }
            StandardOutput.print(KeyConfidenceView(model: confidence.model, atTargetOverTime: confidence.lettersAtTarget, earlier: confidence.earlier, earlierSessions: DrillHistory.trendSessions).frame(columns: min(StandardOutput.columns, 120)).styledText(style: style))
            for line in KeyTable.lines(confidence.model) { StandardOutput.print(line) }
            return
        }
        let stats = try storeStats(results, candidate: candidate)
        var view = StatsView(progress: stats.progress, keyCosts: stats.keyCosts, firstTime: stats.firstTime, lastTime: stats.lastTime, candidate: candidate, utcOffset: StandardOutput.utcOffset)
        view.ascii = StandardOutput.ascii
        view.chatShifts = stats.chatShifts
        StandardOutput.print(view.frame(columns: min(StandardOutput.columns, 120)).styledText(style: style))
        // In a history file, confidence reads the user's own latest sessions, so it is left out when one candidate is
        // asked for; a store's results can be filtered by candidate.
        if candidate == nil || results is PostgresStore, stats.lastTime != nil {
            let confidence = try confidence()
            StandardOutput.print("")
            StandardOutput.print(KeyConfidenceView(model: confidence.model, atTargetOverTime: confidence.lettersAtTarget, earlier: confidence.earlier, earlierSessions: DrillHistory.trendSessions).frame(columns: min(StandardOutput.columns, 120)).styledText(style: style))
        }
    }
}

/// `typebar stats --keys`: every key and pair with its figures, weakest first.
enum KeyTable {
    static func lines(_ model: ConfidenceModel) -> [String] {
        var lines = ["", "key      smoothed ms  errors %  confidence  status"]
        func line(_ figure: KeyConfidence) -> String {
            let name = figure.key == " " ? "space" : "'\(figure.key)'"
            return name.padding(toLength: 9, withPad: " ", startingAt: 0)
                + (figure.smoothedMilliseconds.map { formatDecimal($0, places: 0) } ?? "-").leftPadded(to: 11)
                + formatDecimal(figure.errorRate * 100, places: 1).leftPadded(to: 10)
                + (figure.confidence.map { formatDecimal($0, places: 2) } ?? "-").leftPadded(to: 12)
                + "  " + (figure.isKnown ? (figure.isWeak ? "weak" : "at target") : "too few")
        }
        let byConfidence = { (a: KeyConfidence, b: KeyConfidence) in (a.isKnown ? 0 : 1, a.confidence ?? 0, a.key) < (b.isKnown ? 0 : 1, b.confidence ?? 0, b.key) }
        lines += model.keys.sorted(by: byConfidence).map(line)
        lines += ["", "pair     smoothed ms  errors %  confidence  status"]
        lines += model.bigrams.sorted(by: byConfidence).map(line)
        return lines
    }
}
