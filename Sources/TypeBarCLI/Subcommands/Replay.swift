import ArgumentParser
import TerminalUI
import TerminalScreen
import TypeBarKit

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
        let settings = try options.inForce()
        let (record, stored) = try openResults(settings).result(id: id)
        let id = HistoryTable.shortID(record.id)
        if case .missing(let detail) = stored { throw TypeBarError.usage("the keystroke log of result \(id) is missing: \(detail)") }
        let title = "replay \(id)" + (speed == 1 ? "" : " at \(formatDecimal(speed, places: 1))×")
        // The log is read (and a stored one copied to a file) before the terminal is taken, so a damaged log is a
        // plain message; the screen then plays its events once, on its own clock.
        enum Playback {
            case typing(KeystrokeLog.Scored)
            case chat(ChatLog.Recorded)
            case proofread(ProofreadReplay.Replayed)
        }
        let playback = try stored.withPath { path -> Playback in
            if record.proofread != nil { return .proofread(try ProofreadReplay.replay(path: path)) }
            return record.mode == .chat ? .chat(try ChatLog.load(path: path)) : .typing(try KeystrokeLog.score(path: path, keepingKeystrokes: true))
        }
        guard let playback else {
            throw TypeBarError.usage("result \(id) has no saved keystroke log (it was scored from finished text), so it cannot be replayed")
        }
        // A free-mode shift is played with the dictionary the desk checked its replies with.
        var speller: (any SpellChecker)?
        if case .chat(let log) = playback { speller = try SpellerSource.hunspell.speller(for: log.header.mode) }
        guard Terminal.isInteractive else {
            let path = if case .file(let path) = stored { path } else { "FILE" }
            throw TypeBarError.usage("typebar replay needs a terminal; to see the figures without one, run: typebar score --keys \(path)")
        }
        let exit: ScreenExit
        switch playback {
        case .typing(let log):
            let configuration = TypingSession.Configuration(
                mode: log.header.timeLimit.map { .timedTest(seconds: $0) } ?? .practice, text: log.target.text, passageIDs: record.passages,
                title: title, bar: record.bar)
            exit = try openTypingScreen(colours: settings.colours.value).replay(configuration, keystrokes: log.keystrokes, speed: speed)
        case .chat(let log):
            // Judged and counted down against the targets the shift was kept with (an assessment's own).
            let targets = record.chat?.targets(bar: record.barWPM, minReplyAccuracy: record.minimumAccuracy) ?? ChatTargets()
            var setup = ChatScreen.Setup(scenario: log.scenario, seed: log.header.seed, mode: log.header.mode, chats: log.header.chats, targets: targets)
            setup.speller = speller
            exit = try openChatScreen(colours: settings.colours.value).replay(setup, events: log.events, speed: speed, title: title)
        case .proofread(let log):
            let setup = ProofreadScreen.Setup(header: log.header, title: "proofread · " + title)
            exit = try openProofreadScreen(colours: settings.colours.value).replay(setup, lines: log.lines, speed: speed)
        }
        if case .signal(let number) = exit { Terminal.end(bySignal: number) }
    }
}
