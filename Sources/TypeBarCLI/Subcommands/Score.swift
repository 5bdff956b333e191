import ArgumentParser
import Foundation
import SystemPackage
import TypeBarKit
import TypeBarReports
import TypeBarStore

/// `typebar score`: scores a keystroke log, or finished text, against a target and a hiring bar.
struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score a keystroke log (or finished text) against the hiring bar.",
        discussion: """
            The target is --text, else --passage, else the log header's "text".
            A chat shift's log (docs/chat.md) is replayed on its scenario; --save keeps it as a chat shift.
            With --preset or --config the assessment's rules apply: its text, time limit, backspace rule, bar,
            minimum accuracy and error limit, as `typebar assess` applies them.
            Exit status: 0 meets the bar (or passes the assessment), 1 scored but below it, 2 bad input.
            The log format is in docs/keystroke-log.md; the formulas in docs/scoring.md.
            """
    )

    @Option(name: .long, help: ArgumentHelp("Keystroke log (format 1, JSON Lines); - reads standard input.", valueName: "FILE"))
    var keys: String?

    @Option(name: .long, help: ArgumentHelp("Finished text to score without keystrokes (needs --seconds).", valueName: "FILE"))
    var typed: String?

    @Option(name: .long, help: ArgumentHelp("Seconds the --typed text took.", valueName: "S"))
    var seconds: Double?

    @Option(name: .long, help: ArgumentHelp("File holding the target text.", valueName: "FILE"))
    var text: String?

    @Option(name: .long, help: ArgumentHelp("Built-in or --passages passage id to use as the target.", valueName: "ID"))
    var passage: String?

    @OptionGroup var library: LibraryOptions

    @Option(name: .customLong("time-limit"), help: ArgumentHelp("Time limit in seconds (overrides the log header).", valueName: "S"))
    var timeLimit: Double?

    @OptionGroup var barOptions: BarOptions

    @OptionGroup(title: "Scoring under an assessment's rules") var assessment: AssessmentOptions

    @Flag(name: .long, help: "Print one JSON object with every figure, unrounded.")
    var json = false

    @Flag(name: .long, help: "Keep the result (and a copy of the log) in the history, like a practice session.")
    var save = false

    @OptionGroup var historyOptions: HistoryOptions

    func validate() throws {
        switch (keys, typed) {
        case (nil, nil): throw ValidationError("Give --keys FILE (a keystroke log, or - for standard input) or --typed FILE --seconds S.")
        case (_?, _?): throw ValidationError("Give --keys or --typed, not both.")
        default: break
        }
        if typed != nil {
            guard let seconds else { throw ValidationError("--typed needs --seconds S: how long the text took to type.") }
            try OptionRange.typedSeconds.check(seconds, option: "--seconds")
            guard text != nil || passage != nil else { throw ValidationError("--typed needs a target: --text FILE or --passage ID.") }
        }
        if text != nil && passage != nil { throw ValidationError("Give --text or --passage, not both.") }
        if assessment.isGiven {
            guard keys != nil else { throw ValidationError("An assessment scores a keystroke log: give --keys FILE.") }
            guard text == nil, passage == nil, timeLimit == nil, !save else {
                throw ValidationError("An assessment sets the text and time limit, and its results are kept by typebar assess: drop --text, --passage, --time-limit and --save.")
            }
        }
        if let timeLimit { try OptionRange.timeLimit.check(timeLimit, option: "--time-limit") }
    }

    func run() throws {
        if assessment.isGiven {
            return try scoreAssessment()
        }
        // A personal bar is read only here: an assessment's config (above) is the rules, whatever the settings say.
        let settings = try inForce()
        if let typed, let seconds {
            return try scoreTyped(typed, seconds: seconds, settings: settings)
        }
        guard let keys else { throw ValidationError("Give --keys or --typed.") }
        // Standard input is read once, into a file of its own, so that its header can say whether it is a chat
        // shift's log and either kind is then scored (and kept) as a file is; messages call it <stdin>.
        let spooled = keys == "-" ? try spoolStandardInput() : nil
        defer { if let spooled { unlink(spooled) } }
        let log = GivenLog(path: spooled ?? keys, name: keys == "-" ? "<stdin>" : keys, isPrivate: spooled != nil)
        do {
            if try ChatLog.isChatLog(path: log.path) {
                try scoreChatShift(log, settings: settings)
            } else if try ProofreadLog.isProofreadLog(path: log.path) {
                try scoreProofread(path: log.path)
            } else {
                try scoreKeystrokes(log, settings: settings)
            }
        } catch let error as TypeBarError {
            throw error.naming(log.path, as: log.name)
        }
    }

    /// A keystroke log given with --keys: the file to read, the name messages give it, and whether the file is
    /// typebar's own copy (of standard input), which nothing else can change while it is read.
    struct GivenLog {
        var path: String
        var name: String
        var isPrivate: Bool
    }

    /// The log's bytes, and a file holding exactly those bytes to score: saving keeps a copy of the log, so what
    /// is scored must be what is kept, even if the user's file changes meanwhile. `remove` when the file is a copy
    /// made here.
    func keptCopy(of log: GivenLog) throws(TypeBarError) -> (bytes: Data, path: String, remove: Bool) {
        let bytes = try readAll(log.path)
        if log.isPrivate { return (bytes, log.path, false) }
        return (bytes, try temporaryCopy(bytes), true)
    }

    /// Scores finished text typed in `seconds` against --text or --passage.
    private func scoreTyped(_ typed: String, seconds: Double, settings: PersonalSettings) throws {
        let (targetText, source) = try chosenTarget()!
        let typedText = try readTextFile(typed)
        let target = TargetText(targetText)
        guard !target.isEmpty else { throw TypeBarError.badFile(path: source, problem: "the target text is empty") }
        guard target.count <= Limits.targetCharacters else {
            throw TypeBarError.badFile(path: source, problem: "the target text has \(target.count) characters; a target holds at most \(Limits.targetCharacters)")
        }
        let result: ScoreResult
        do {
            result = try ScoreResult.scoring(typed: typedText, against: target, seconds: seconds)
        } catch {
            throw TypeBarError.usage("\(typed): \(error.message)")
        }
        let report = ScoreReport(result: result, bar: settings.hiringBar, source: source)
        let kept = save ? keep(typingSession(report, text: target.text, passages: passage.map { [$0] } ?? [], timeLimit: nil), log: nil, settings: settings) : nil
        try show(report, kept: kept)
    }

    /// Scores a typing session's keystroke log, and keeps it with --save.
    private func scoreKeystrokes(_ log: GivenLog, settings: PersonalSettings) throws {
        var source: String?
        let copy = save ? try keptCopy(of: log) : nil
        defer { if let copy, copy.remove { unlink(copy.path) } }
        let scoredPath = copy?.path ?? log.path
        let scored: KeystrokeLog.Scored
        do {
            scored = try KeystrokeLog.score(path: scoredPath, timeLimit: timeLimit) { (header) throws(TypeBarError) in
                if let (text, from) = try chosenTarget() {
                    source = from
                    return text
                }
                source = header.passage.map { "passage \($0)" } ?? "the log's header text"
                return nil
            }
        } catch {
            // A problem in the copy is a problem in the log the user gave: name that, not the copy.
            throw error.naming(scoredPath, as: log.name)
        }
        let report = ScoreReport(result: scored.result, bar: settings.hiringBar, source: source, ignoredEvents: scored.ignoredEvents)
        var kept: KeptResult?
        if let copy {
            var header = scored.header
            header.text = scored.target.text
            header.timeLimit = scored.timeLimit
            if let passage { header.passage = passage }
            let session = typingSession(report, text: scored.target.text, passages: header.passage.map { [$0] } ?? [], timeLimit: scored.timeLimit)
            kept = keep(session, log: KeystrokeLog.replacingHeader(of: copy.bytes, with: header), settings: settings)
        }
        try show(report, kept: kept)
    }

    private func show(_ report: ScoreReport, kept: KeptResult? = nil) throws {
        if json {
            try report.writeJSON(to: .standardOutput)
        } else {
            print(report.text)
        }
        try tell(kept)
        if !report.passes { throw ExitCode(1) }
    }

    /// Says on standard error where a kept result went (unless --json) or why it was not kept, which exits 2.
    func tell(_ kept: KeptResult?) throws {
        guard let kept else { return }
        for line in kept.messages(quiet: json) { printError(line) }
        if !kept.isKept { throw ExitCode(2) }
    }
    /// Scores the log under an assessment's rules: its text, time limit and backspace rule, then its verdict.
    private func scoreAssessment() throws {
        guard let keys else { throw ValidationError("An assessment scores a keystroke log: give --keys FILE.") }
        let definition = try assessment.definition()
        let (text, _) = try definition.text()
        let rules = definition.rules
        let scored = try KeystrokeLog.score(path: keys, timeLimit: rules.seconds, backspace: rules.backspace) { (header) throws(TypeBarError) in
            if let typed = header.text, TargetText(typed).text != TargetText(text).text {
                throw .badLine(path: keys, line: 1, problem: "the header's \"text\" is not the text of assessment \(rules.name); type its text (typebar assess --preset/--config ... --print-text) or score without --preset/--config")
            }
            return text
        }
        try show(ScoreReport(result: scored.result, assessment: rules, source: "assessment \(rules.name)", ignoredEvents: scored.ignoredEvents))
    }

    private func typingSession(_ report: ScoreReport, text: String, passages: [String], timeLimit: Double?) -> SessionKeeper.Session {
        .typing(report.result, mode: .score, bar: report.bar, text: text, passages: passages, timeLimit: timeLimit)
    }

    /// The options a setting lies beneath (--bar, --min-accuracy, --history, --store) over the environment, the
    /// settings file and the defaults.
    func inForce() throws -> PersonalSettings {
        var options = historyOptions.personal
        options.bar = barOptions.bar
        options.minAccuracy = barOptions.minAccuracy
        return try PersonalSettings.load(options)
    }

    /// Keeps a scored session, with its log, in the history or the store.
    func keep(_ session: SessionKeeper.Session, log: String?, settings: PersonalSettings) -> KeptResult {
        do {
            return SessionKeeper(results: try openResults(settings)).keep(session, log: log)
        } catch {
            // The store's address is wrong: the result is printed all the same, with its record to keep by hand.
            return KeptResult(
                record: SessionKeeper.record(of: session, at: Date().timeIntervalSince1970), problems: [.usage("\(error)")],
                place: settings.store.value.map(StoreAddress.redacted) ?? settings.history.value)
        }
    }

    /// The whole of the file at `path`.
    private func readAll(_ path: String) throws(TypeBarError) -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .cannotRead(path: path, reason: FileManager.default.fileExists(atPath: path) ? "it cannot be opened" : "no such file")
        }
    }

    /// Standard input copied, a block at a time, into a new file of typebar's; its path.
    private func spoolStandardInput() throws(TypeBarError) -> String {
        let path = try temporaryCopy(Data())
        guard let file = FileHandle(forWritingAtPath: path) else {
            unlink(path)
            throw .cannotWrite(path: path, reason: "cannot write a temporary copy of standard input")
        }
        defer { try? file.close() }
        while true {
            let block = FileHandle.standardInput.readData(ofLength: 1 << 16)
            if block.isEmpty { return path }
            do {
                try file.write(contentsOf: block)
            } catch {
                unlink(path)
                throw .cannotWrite(path: path, reason: "cannot write a temporary copy of standard input: \(error.localizedDescription)")
            }
        }
    }

    private func temporaryCopy(_ data: Data) throws(TypeBarError) -> String {
        let path = NSTemporaryDirectory() + "typebar-score-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).jsonl"
        guard FileManager.default.createFile(atPath: path, contents: data) else { throw .cannotWrite(path: path, reason: "cannot write a temporary copy of the log") }
        return path
    }

    /// The target from --text or --passage, with a name for it; nil when neither was given.
    private func chosenTarget() throws(TypeBarError) -> (text: String, source: String)? {
        if let text {
            return (try readTextFile(text), text)
        }
        if let passage {
            let found: Passage
            do {
                found = try library.load().passage(id: passage)
            } catch let error as TypeBarError {
                throw error
            } catch {
                throw TypeBarError.usage("\(error)")
            }
            return (found.text, "passage \(found.id)")
        }
        return nil
    }
}

/// Reads a whole UTF-8 text file, with a clear error when it cannot.
func readTextFile(_ path: String) throws(TypeBarError) -> String {
    let data: Data
    do {
        data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
        let reason = FileManager.default.fileExists(atPath: path) ? "it cannot be opened" : "no such file"
        throw .cannotRead(path: path, reason: reason)
    }
    guard let text = String(data: data, encoding: .utf8) else {
        throw .badFile(path: path, problem: "the file is not valid UTF-8 text")
    }
    return text
}
