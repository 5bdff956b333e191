import ArgumentParser
import Foundation
import TerminalUI
import TerminalScreen
import TypeBarKit

/// Options every typing-screen command shares.
struct ScreenOptions: ParsableArguments {
    @OptionGroup var library: LibraryOptions
    @OptionGroup var historyOptions: HistoryOptions

    @Option(name: .long, help: ArgumentHelp("Write each session's keystroke log (format 1) here, then FILE-2, FILE-3…; typebar score --keys rescores it. An existing file is refused unless --force.", valueName: "FILE"))
    var record: String?

    @Flag(name: .long, help: "With --record: replace files that already exist.")
    var force = false

    @Flag(name: .customLong("hide-live"), help: "Hide live speed and accuracy while typing (exam style).")
    var hideLive = false

    @OptionGroup var barOptions: BarOptions
    @OptionGroup var race: RaceOptions

    @Option(name: .long, help: ArgumentHelp("Seed for the passage order (the same seed gives the same passages).", valueName: "N"))
    var seed: UInt64?

    var settings: ScreenSettings {
        ScreenSettings(
            passages: library.passages, history: historyOptions.history, store: historyOptions.store, record: record,
            force: force, hideLive: hideLive, bar: barOptions.hiringBar, race: race.choice, seed: seed)
    }
}

/// What a typing-screen command is asked for, as plain values: ArgumentParser's option groups give them, and so
/// does `QuickStart`, which reads the common command lines without ArgumentParser.
struct ScreenSettings: Equatable {
    var passages: String?
    var history: String?
    var store: String?
    var record: String?
    var force = false
    var hideLive = false
    var bar = HiringBar()
    var race = RaceChoice()
    var seed: UInt64?

    /// The checks ArgumentParser runs on the option groups.
    func check() throws {
        try BarOptions.check(bar)
        try race.check()
    }

    var historyFile: HistoryFile { HistoryFile.located(option: history) }

    /// Where results live: the store that --store or TYPEBAR_STORE names, else the history file.
    func results() throws -> any ResultStore { try openResults(option: store, local: historyFile) }

    func library() throws -> PassageLibrary { try LibraryOptions.load(folder: passages) }

    /// Runs the typing screen; when a signal ended it, ends the process by that signal once the results are kept.
    /// Results are kept as practice or test by the configuration's mode, or as a drill when its log says so;
    /// `annotate` gives a line for the results screen (a drill's progress) before the note on where it was kept.
    @MainActor
    func runScreen(
        first: TypingSession.Configuration, next: @escaping () -> TypingSession.Configuration,
        annotate: @escaping (TypingScreen.Finished) -> String? = { _ in nil }
    ) throws {
        if let record, !force, FileManager.default.fileExists(atPath: record) {
            throw TypeBarError.usage("--record \(record): the file exists and may hold someone's keystrokes; give a new name, or add --force to replace it")
        }
        guard Terminal.isInteractive else { throw TypeBarError.usage(Terminal.StartError.notATerminal.description) }
        // A rival: a ghost races on its own text, again with n; a pace caret joins every text.
        var first = first
        var next = next
        if let ghost = try race.ghostSession(history: historyFile) {
            var raced = ghost.configuration
            raced.hideLiveFigures = first.hideLiveFigures
            raced.bar = first.bar
            first = raced
            next = { raced }
        } else if let pace = try race.paceSpeed(history: historyFile) {
            let paced = { (configuration: TypingSession.Configuration) -> TypingSession.Configuration in
                var configuration = configuration
                configuration.rival = Rival(pace: pace.wpm, name: pace.name, length: TargetText(configuration.text).count)
                return configuration
            }
            first = paced(first)
            let plain = next
            next = { paced(plain()) }
        }
        let history = try results()
        let screen = try openTypingScreen()
        screen.recordPath = record
        screen.replacesRecords = force
        var unsaved: [Kept] = []
        let exit = screen.run(first: first, next: next) { finished in
            let configuration = finished.configuration
            let now = Date().timeIntervalSince1970
            let record = HistoryRecord(
                id: HistoryFile.newID(time: now), time: now,
                mode: configuration.logMetadata["mode"] == "drill" ? .drill : configuration.mode == .practice ? .practice : .test, result: finished.result, bar: configuration.bar,
                targetText: configuration.text, passages: configuration.passageIDs, timeLimit: configuration.timeLimit)
            let kept = history.keep(record, log: finished.log)
            if !kept.problems.isEmpty || kept.fallback != nil { unsaved.append(kept) }
            guard let line = annotate(finished) else { return kept.note }
            // A failure to save leads, so it is not missed.
            return kept.problems.isEmpty ? line + " · " + kept.note : kept.note + " · " + line
        }
        // Only now that the terminal is back: what could not be saved, with the records themselves.
        for kept in unsaved { kept.report() }
        for failure in screen.recordFailures { printError("typebar: \(failure.description)") }
        switch exit {
        case .quit: if unsaved.contains(where: { !$0.problems.isEmpty }) || !screen.recordFailures.isEmpty { throw ExitCode(2) }
        case .signal(let number): Terminal.end(bySignal: number)
        }
    }
}

/// Takes over the terminal for the typing screen, in colour unless `NO_COLOR` is set; with `focusReporting`,
/// the terminal is asked to report focus changes (assessments flag them).
@MainActor
func openTypingScreen(focusReporting: Bool = false) throws -> TypingScreen {
    do {
        return try TypingScreen(color: Environment.value("NO_COLOR").map { $0.isEmpty } ?? true, focusReporting: focusReporting)
    } catch {
        throw TypeBarError.usage(error.description)
    }
}

/// `typebar practice` (and plain `typebar`): one passage, the clock starting at the first key.
struct Practice: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "practice",
        abstract: "Practise on one support reply; the clock starts at your first key.",
        discussion: "Keys: type the text; Backspace deletes a character, Ctrl-W or Alt-Backspace a word; Tab restarts; Esc or Ctrl-C leaves."
    )

    @OptionGroup var screen: ScreenOptions
    @Option(name: .long, help: ArgumentHelp("Practise this passage (see typebar passages list).", valueName: "ID")) var passage: String?
    @Option(name: .long, help: "Pick passages from this category.") var category: String?

    var settings: PracticeSettings { PracticeSettings(screen: screen.settings, passage: passage, category: category) }

    func run() throws { try settings.run() }
}

/// `typebar practice` as plain values.
struct PracticeSettings: Equatable {
    var screen = ScreenSettings()
    var passage: String?
    var category: String?

    func check() throws { try screen.check() }

    func run() throws {
        try MainActor.assumeIsolated { try practise() }
    }

    @MainActor
    private func practise() throws {
        let library = try screen.library()
        var order: [Passage]
        if let passage {
            let chosen = try library.passage(id: passage)
            order = [chosen] + PassageLibrary.shuffled(try library.passages(category: chosen.category), seed: screen.seed ?? .random(in: 0...UInt64.max)).filter { $0.id != chosen.id }
        } else {
            order = PassageLibrary.shuffled(try library.passages(category: category), seed: screen.seed ?? .random(in: 0...UInt64.max))
        }
        guard !order.isEmpty else { throw TypeBarError.usage("no passages to practise on") }
        let bar = screen.bar
        let hide = screen.hideLive
        func configuration(_ passage: Passage) -> TypingSession.Configuration {
            TypingSession.Configuration(mode: .practice, text: passage.text, passageIDs: [passage.id], title: passage.id, hideLiveFigures: hide, bar: bar)
        }
        var index = 0
        try screen.runScreen(first: configuration(order[0])) {
            index = (index + 1) % order.count
            return configuration(order[index])
        }
    }
}

/// `typebar test`: a timed test on continuous text with a visible countdown.
struct TimedTest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "A timed test on continuous support replies, with a countdown from your first key.",
        discussion: "Keys: type the text; Backspace deletes a character, Ctrl-W or Alt-Backspace a word; Tab restarts; Esc or Ctrl-C leaves."
    )

    @OptionGroup var screen: ScreenOptions
    @Option(name: .long, help: "Length of the test: 1, 2, 3 or 5 minutes.") var minutes: Int = TestSettings().minutes
    @Option(name: .long, help: "Draw the text from this category only.") var category: String?

    var settings: TestSettings { TestSettings(screen: screen.settings, minutes: minutes, category: category) }

    func validate() throws { try TestSettings.check(minutes: minutes) }

    func run() throws { try settings.run() }
}

/// `typebar test` as plain values.
struct TestSettings: Equatable {
    var screen = ScreenSettings()
    var minutes = 1
    var category: String?

    static func check(minutes: Int) throws {
        guard [1, 2, 3, 5].contains(minutes) else { throw ValidationError("--minutes must be 1, 2, 3 or 5.") }
    }

    func check() throws {
        try screen.check()
        try TestSettings.check(minutes: minutes)
    }

    func run() throws {
        try MainActor.assumeIsolated { try test() }
    }

    @MainActor
    private func test() throws {
        let passages = try screen.library().passages(category: category)
        guard !passages.isEmpty else { throw TypeBarError.usage("no passages for the test") }
        let minutes = self.minutes
        let bar = screen.bar
        let hide = screen.hideLive
        var seed = screen.seed ?? .random(in: 0...999_999)
        func configuration() -> TypingSession.Configuration {
            // Enough text that nobody runs out: 250 WPM for the whole test.
            let (text, ids) = PassageLibrary.continuousText(from: passages, seed: seed, minimumCharacters: minutes * 250 * 5)
            return TypingSession.Configuration(
                mode: .timedTest(seconds: Double(minutes * 60)), text: text, passageIDs: ids,
                title: "\(minutes)-minute test · seed \(seed)", hideLiveFigures: hide, bar: bar)
        }
        try screen.runScreen(first: configuration()) {
            seed += 1
            return configuration()
        }
    }
}
