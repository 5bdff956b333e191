import ArgumentParser
import Foundation
import TerminalUI
import TerminalScreen
import TypeBarKit
import TypeBarStore

#if canImport(Glibc)
import Glibc
#endif

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

/// `--since DATE`, shared by the commands that filter results by date.
struct SinceOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Only results on or after this day (YYYY-MM-DD, local time) or time (ISO 8601).", valueName: "DATE"))
    var since: String?

    func validate() throws {
        if let since, Timestamp.start(of: since, offset: 0) == nil { throw ValidationError("--since must be a day like 2026-11-23 or a time like 2026-11-23T09:30:00Z.") }
    }

    /// The start of the day or the time given, in seconds since 1970.
    var seconds: Double? { since.flatMap { Timestamp.start(of: $0, offset: Output.utcOffset) } }
}

/// `--key-file FILE`, shared by the commands that sign results or check signatures.
struct SigningOptions: ParsableArguments {
    @Option(name: .customLong("key-file"), help: ArgumentHelp("The trainer's signing key, to sign results or check signatures (default: $TYPEBAR_SIGNING_KEY).", valueName: "FILE"))
    var keyFile: String?

    /// The key from --key-file or TYPEBAR_SIGNING_KEY; nil when neither is given.
    func key() throws -> [UInt8]? {
        try SigningKey.load(file: keyFile, environment: Environment.pick("TYPEBAR_SIGNING_KEY"))
    }
}

/// Prints a warning per kind of skipped line.
func warn(_ skipped: HistoryFile.Skipped, _ file: HistoryFile) {
    for warning in skipped.warnings(path: file.path) { printError("typebar: warning: \(warning)") }
}

/// A result kept, or not: what to show beside it, and what to print once the terminal is free again.
struct Kept {
    var record: HistoryRecord
    var problems: [TypeBarError]
    /// The history file or store it went to.
    var place: String
    /// Where it went instead, when the store was out of reach.
    var fallback: String?

    /// A line for the results screen.
    var note: String {
        guard problems.isEmpty else { return "NOT saved to the history: " + (problems.last?.description ?? "") }
        return fallback == nil ? "saved to history as \(HistoryTable.shortID(record.id))" : "kept on this machine as \(HistoryTable.shortID(record.id)); the store is out of reach"
    }

    /// On standard error: what went wrong and, when the record could not be written, the record itself so the
    /// result is not lost.
    func report(quiet: Bool = false) {
        guard !problems.isEmpty else {
            if let fallback {
                printError("typebar: warning: \(fallback)")
            } else if !quiet {
                printError("typebar: saved to \(place) as \(HistoryTable.shortID(record.id))")
            }
            return
        }
        for problem in problems { printError("typebar: \(problem.description)") }
        printError("typebar: the result was not saved to the history; its record follows, to keep or to append to \(place) by hand:")
        printError(record.jsonLine)
    }
}

extension ResultStore {
    func keep(_ record: HistoryRecord, log: String?, signingKey: [UInt8]? = nil) -> Kept {
        let saved = save(record, log: log, signingKey: signingKey)
        return Kept(record: saved.record, problems: saved.problems, place: name, fallback: saved.fallback)
    }
}

/// Where standard output goes: its width when it is a terminal, and how to style text for it.
enum Output {
    static var isTerminal: Bool { isatty(1) == 1 }

    static var columns: Int {
        var size = winsize()
        if isTerminal, ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let columns = Environment.value("COLUMNS").flatMap(Int.init), columns > 0 { return columns }
        return 100
    }

    static var style: TextStyle { TextStyle.forOutput(isTerminal: isTerminal, environment: Environment.pick("NO_COLOR", "COLORTERM", "TERM")) }

    static var utcOffset: Int { TimeZone.current.secondsFromGMT() }

    /// A terminal whose locale is not UTF-8 gets ASCII, as the typing screen draws then.
    static var ascii: Bool { isTerminal && !environmentLocaleIsUTF8() }

    /// Prints `text` line by line, in ASCII where the terminal needs it.
    static func print(_ text: String) {
        Swift.print(ascii ? asciiTransliterated(text) : text)
    }

    /// Prints a sentence wrapped at word boundaries to the output's width.
    static func printSentence(_ text: String) {
        for line in wrapWords(text, width: columns) { print(line) }
    }
}

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
            Output.printSentence("No results in \(results.name)\(query.isEverything ? "" : " that match"). Practise with `typebar`: every result is kept.")
        } else {
            for line in HistoryTable.text(records, width: Output.columns, utcOffset: Output.utcOffset) { Output.print(line) }
            Output.printSentence("\(records.count) result\(records.count == 1 ? "" : "s") · typebar stats shows your progress · typebar replay ID plays one back")
        }
    }
}

extension HistoryQuery {
    var isEverything: Bool { mode == nil && candidate == nil && assessment == nil && since == nil }
}

extension HistoryRecord.Mode: ExpressibleByArgument {}

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
        if keys && candidate != nil, try storeAddress(option: options.store) == nil {
            throw ValidationError("--keys reads your own latest sessions; it takes --candidate only with a team's store (--store).")
        }
    }

    func run() throws {
        let results = try options.results()
        // Confidence reads the latest sessions: of this history file, or of the store (one candidate's with --candidate).
        func confidence() throws -> DrillHistory {
            let (confidence, warnings) = try DrillHistory.gather(from: results, candidate: candidate, targetWPM: target)
            for warning in warnings { printError("typebar: warning: \(warning)") }
            return confidence
        }
        if keys {
            let confidence = try confidence()
            if json {
                Output.print(DrillReport.confidence(confidence.model).rendered)
                return
            }
            Output.print(KeyConfidenceView(model: confidence.model, atTargetOverTime: confidence.lettersAtTarget, earlier: confidence.earlier, earlierSessions: DrillHistory.trendSessions).frame(columns: min(Output.columns, 120)).styledText(style: Output.style))
            for line in KeyTable.lines(confidence.model) { Output.print(line) }
            return
        }
        let stats = try storeStats(results, candidate: candidate)
        var view = StatsView(progress: stats.progress, keyCosts: stats.keyCosts, firstTime: stats.firstTime, lastTime: stats.lastTime, candidate: candidate, utcOffset: Output.utcOffset)
        view.ascii = Output.ascii
        view.chatShifts = stats.chatShifts
        Output.print(view.frame(columns: min(Output.columns, 120)).styledText(style: Output.style))
        // In a history file, confidence reads the user's own latest sessions, so it is left out when one candidate is
        // asked for; a store's results can be filtered by candidate.
        if candidate == nil || results is PostgresStore, stats.lastTime != nil {
            let confidence = try confidence()
            Output.print("")
            Output.print(KeyConfidenceView(model: confidence.model, atTargetOverTime: confidence.lettersAtTarget, earlier: confidence.earlier, earlierSessions: DrillHistory.trendSessions).frame(columns: min(Output.columns, 120)).styledText(style: Output.style))
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

/// `typebar replay`: a saved session played back on the typing screen.
struct Replay: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Play a saved session back on the typing screen at its real speed (or faster).",
        discussion: "Keys: Esc, q or Ctrl-C stop the replay; on its results r plays it again and q leaves. Give the id from typebar history, or its first few characters."
    )

    @OptionGroup var options: HistoryOptions
    @Argument(help: "The result's id, or its short form from typebar history.") var id: String
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Playback speed, from 0.1 to 1000: 2 plays twice as fast.", valueName: "X")) var speed: Double = 1

    func validate() throws {
        try OptionRange.replaySpeed.check(speed, option: "--speed")
    }

    func run() throws {
        try MainActor.assumeIsolated { try replay() }
    }

    @MainActor
    private func replay() throws {
        let (record, stored) = try options.results().result(id: id)
        if case .missing(let detail) = stored { throw TypeBarError.usage("the keystroke log of result \(HistoryTable.shortID(record.id)) is missing: \(detail)") }
        if record.mode == .chat, try stored.withPath({ path in try replayChatShift(record, log: path, speed: speed) }) != nil { return }
        guard let log = try stored.withPath({ path in try KeystrokeLog.score(path: path, keepingKeystrokes: true) }) else {
            throw TypeBarError.usage("result \(HistoryTable.shortID(record.id)) has no saved keystroke log (it was scored from finished text), so it cannot be replayed")
        }
        guard Terminal.isInteractive else {
            let path = if case .file(let path) = stored { path } else { "FILE" }
            throw TypeBarError.usage("typebar replay needs a terminal; to see the figures without one, run: typebar score --keys \(path)")
        }
        let configuration = TypingSession.Configuration(
            mode: log.header.timeLimit.map { .timedTest(seconds: $0) } ?? .practice, text: log.target.text, passageIDs: record.passages,
            title: "replay \(HistoryTable.shortID(record.id))" + (speed == 1 ? "" : " at \(formatDecimal(speed, places: 1))×"),
            bar: record.bar)
        let screen = try openTypingScreen()
        if case .signal(let number) = screen.replay(configuration, keystrokes: log.keystrokes, speed: speed) {
            Terminal.end(bySignal: number)
        }
    }
}
