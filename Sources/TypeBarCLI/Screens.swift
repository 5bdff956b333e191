import ArgumentParser
import TerminalUI
import TerminalScreen
import TypeBarKit
import TypeBarSpelling

/// Takes over the terminal for the typing screen, in colour unless `NO_COLOR` is set; with `focusReporting`,
/// the terminal is asked to report focus changes (assessments flag them).
@MainActor
func openTypingScreen(focusReporting: Bool = false) throws -> TypingScreen {
    guard Terminal.isInteractive else { throw TypeBarError.usage(Terminal.StartError.notATerminal.description) }
    do {
        return try TypingScreen(color: wantsColor, focusReporting: focusReporting)
    } catch {
        throw TypeBarError.usage(error.description)
    }
}

/// Takes over the terminal for the chat desk, in colour unless `NO_COLOR` is set.
@MainActor
func openChatScreen() throws -> ChatScreen {
    guard Terminal.isInteractive else { throw TypeBarError.usage(Terminal.StartError.notATerminal.description) }
    do {
        return try ChatScreen(color: wantsColor)
    } catch {
        throw TypeBarError.usage(error.description)
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

/// Colour unless `NO_COLOR` is set to something (no-color.org).
private var wantsColor: Bool { Environment.value("NO_COLOR").map { $0.isEmpty } ?? true }

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
    /// Runs the typing screen, keeping every session: as practice or test by the configuration's mode, or as a
    /// drill when its log says so; `annotate` gives a line for the results screen (a drill's progress) beside the
    /// note on where it was kept.
    @MainActor
    func runScreen(
        first: TypingSession.Configuration, next: @escaping () -> TypingSession.Configuration,
        annotate: @escaping (TypingScreen.Finished) -> String? = { _ in nil }
    ) throws {
        let keeper = SessionKeeper(results: try results(), recording: recording)
        try keeper.checkRecording()
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
        let screen = try openTypingScreen()
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
