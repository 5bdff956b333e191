import ArgumentParser
import TerminalUI
import TerminalScreen
import TypeBarKit
import TypeBarSpelling

/// Takes over the terminal for the typing screen in the colours in force (`NO_COLOR`, else the settings file's
/// `colours`, else as many as the terminal has); with `focusReporting`, the terminal is asked to report focus
/// changes (assessments flag them).
@MainActor
func openTypingScreen(colours: PersonalSettings.Colours, focusReporting: Bool = false) throws -> TypingScreen {
    try opening { () throws(Terminal.StartError) in try TypingScreen(colours: Terminal.Colours(colours), focusReporting: focusReporting) }
}

/// Takes over the terminal for the chat desk in the colours in force.
@MainActor
func openChatScreen(colours: PersonalSettings.Colours) throws -> ChatScreen {
    try opening { () throws(Terminal.StartError) in try ChatScreen(colours: Terminal.Colours(colours)) }
}

/// Takes over the terminal for the proofreading drill in the colours in force.
@MainActor
func openProofreadScreen(colours: PersonalSettings.Colours) throws -> ProofreadScreen {
    try opening { () throws(Terminal.StartError) in try ProofreadScreen(colours: Terminal.Colours(colours)) }
}

/// A screen opened by `open`, or a plain message when there is no terminal or it cannot be set up.
@MainActor
private func opening<Screen>(_ open: () throws(Terminal.StartError) -> Screen) throws -> Screen {
    guard Terminal.isInteractive else { throw TypeBarError.usage(Terminal.StartError.notATerminal.description) }
    do {
        return try open()
    } catch {
        throw TypeBarError.usage(error.description)
    }
}

extension Terminal.Colours {
    init(_ colours: PersonalSettings.Colours) {
        switch colours {
        case .auto: self = .detected
        case .eight: self = .eight
        case .full: self = .full
        case .noColour: self = .off
        }
    }
}

extension SpellerSource {
    /// Hunspell's en_US dictionary (or the one `TYPEBAR_DICTIONARY` names): what free mode checks replies with on
    /// the desk, and so what every rescore, replay and audit of a free-mode shift must check them with. A missing
    /// dictionary is a plain message (exit 2), said before any screen opens.
    static let hunspell = SpellerSource { () throws(TypeBarError) in
        do throws(SpellingError) {
            return try HunspellChecker(override: Environment.value("TYPEBAR_DICTIONARY"))
        } catch {
            throw TypeBarError.usage(error.description)
        }
    }
}

extension SessionKeeper {
    /// Once a screen has given the terminal back: prints what could not be kept where it was meant to go (with the
    /// records themselves), then ends the process by the signal that ended the screen, or exits 2 when anything
    /// was lost. After an assessment's `sitting`, also where each attempt went, and each kept attempt's verdict on
    /// standard output (for the trainer's terminal or a script).
    func finish(_ exit: ScreenExit, sitting: Bool = false) throws {
        for line in messages(everything: sitting) { printError(line) }
        if sitting { for result in kept where result.isKept { print(result.record.verdict) } }
        if case .signal(let number) = exit { Terminal.end(bySignal: number) }
        if hasFailures { throw ExitCode(2) }
    }
}

extension ScreenSettings {
    /// Runs the typing screen under `settings` (the ones in force), keeping every session: as practice or test by
    /// the configuration's mode, or as a drill when its log says so; `annotate` gives a line for the results screen
    /// (a drill's progress) beside the note on where it was kept.
    @MainActor
    func runScreen(
        _ settings: PersonalSettings, first: TypingSession.Configuration, next: @escaping () -> TypingSession.Configuration,
        annotate: @escaping (TypingScreen.Finished) -> String? = { _ in nil }
    ) throws {
        let keeper = SessionKeeper(results: try openResults(settings), recording: recording)
        try keeper.checkRecording()
        guard Terminal.isInteractive else { throw TypeBarError.usage(Terminal.StartError.notATerminal.description) }
        // A rival: a ghost races on its own text, again with n; a pace caret joins every text.
        var first = first
        var next = next
        let historyFile = settings.historyFile
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
        let screen = try openTypingScreen(colours: settings.colours.value)
        let exit = screen.run(first: first, next: next) { finished in
            let configuration = finished.configuration
            let recorded = keeper.record(log: finished.log)
            let mode: HistoryRecord.Mode = configuration.logMetadata["mode"] == "drill" ? .drill : configuration.mode == .practice ? .practice : .test
            let kept = keeper.keep(
                .typing(finished.result, mode: mode, bar: configuration.bar, text: configuration.text,
                        passages: configuration.passageIDs, timeLimit: configuration.timeLimit),
                log: finished.log)
            var note = kept.note
            if let line = annotate(finished) {
                // A failure to save leads, so it is not missed.
                note = kept.isKept ? line + " · " + kept.note : kept.note + " · " + line
            }
            return [recorded, note].compactMap { $0 }
        }
        try keeper.finish(exit)
    }
}
