import Foundation
import TypeBarCore
import TypeBarFormats
import TerminalUI

/// The interactive loop: typing screen, then results, then retry, next or quit. It owns the terminal for its
/// whole run and restores it on every way out: quit, a finished run, a signal, or an error.
@MainActor
public final class TypingScreen {
    /// What the screen reports after each finished attempt, for the caller to record and keep: the screen writes
    /// no files.
    public struct Finished {
        public var configuration: TypingSession.Configuration
        public var result: ScoreResult
        /// The keystroke log, as text.
        public var log: String
        /// In an assessment, which attempt this was (1-based).
        public var attempt: Int?
        /// The keystrokes as recorded (a drill measures every pair from them).
        public var keystrokes: [Keystroke] = []
    }

    /// One assessment sitting: the rules, the text to type, who types it, and what they did before.
    public struct AssessmentSitting: Sendable {
        public var rules: AssessmentRules
        public var configuration: TypingSession.Configuration
        public var candidate: String
        /// The number of this sitting's first attempt: earlier sittings may have used some.
        public var firstAttempt: Int
        /// Net WPM of the candidate's earlier results, for the `above_own_results` flag.
        public var earlierNetWPM: [Double]
        /// Called when an attempt is about to begin (after the countdown), with the number the screen expects; returns
        /// the number to use, or nil to end the sitting. A team's store counts attempts here, under a lock, so two
        /// machines cannot both begin a candidate's last one.
        public var beginAttempt: (@Sendable (Int) -> Int?)?

        public init(rules: AssessmentRules, configuration: TypingSession.Configuration, candidate: String, firstAttempt: Int, earlierNetWPM: [Double]) {
            self.rules = rules
            self.configuration = configuration
            self.candidate = candidate
            self.firstAttempt = firstAttempt
            self.earlierNetWPM = earlierNetWPM
        }
    }

    private let terminal: Terminal

    /// `focusReporting` asks the terminal to say when it loses focus (assessments flag it).
    public init(colours: Terminal.Colours, focusReporting: Bool = false) throws(Terminal.StartError) {
        terminal = try Terminal(colours: colours, focusReporting: focusReporting)
    }

    /// Runs sessions starting with `first`; `next` gives the configuration for the "next" key.
    /// `finished` sees every scored attempt (to keep it) and returns lines for the results screen.
    public func run(
        first: TypingSession.Configuration,
        next: () -> TypingSession.Configuration,
        finished: @escaping (Finished) -> [String] = { _ in [] }
    ) -> ScreenExit {
        defer { terminal.stop() }
        finishedHandler = finished
        var configuration = first
        while true {
            var session = TypingSession(configuration: configuration)
            switch type(&session) {
            case .signal(let number): return .signal(number)
            case .quit: return .quit
            case .restart: continue
            case .finished: break
            }
            let outcome = showResults(of: session)
            switch outcome {
            case .signal(let number): return .signal(number)
            case .quit: return .quit
            case .retry: continue
            case .next:
                configuration = next()
            case .practise(let words):
                configuration = words
            }
        }
    }

    private enum TypingEnd { case finished, quit, restart, signal(Int32) }
    /// What the results screen was left with: the same text again, the next one, leave, or practise the missed or
    /// slowest words of the session just shown (`m`, `s`).
    private enum ResultsChoice: MenuChoice { case retry, next, quit, signal(Int32), practise(TypingSession.Configuration) }
    /// What an assessment's instructions were left with: begin the attempt, or leave.
    private enum IntroChoice: MenuChoice { case begin, quit, signal(Int32) }

    private var finishedHandler: ((Finished) -> [String])?
    /// Whether the first keys have been rehearsed (see `rehearse`): once a screen is enough.
    private var rehearsed = false

    /// Types the text's first two characters on copies of the session, view and decoder, and paints their frames
    /// without showing them, while the first screen waits for the typist. A program's first run of a path is its
    /// slowest: its code is read in, the runtime builds each generic type's metadata at its first use, and the first
    /// key also starts the clock and clears the hint. Done here, none of that falls on the typist's first keys, which
    /// then reach the screen as quickly as the rest (docs/performance.md, "Typing screen"). Nothing of it is kept.
    private func rehearse(_ session: TypingSession, _ view: TypingView, _ decoder: KeyDecoder, size: (rows: Int, columns: Int), now: Double) {
        var session = session, view = view, decoder = decoder
        for (offset, character) in session.attempt.target.text.prefix(2).enumerated() {
            guard let scalar = character.unicodeScalars.first else { continue }
            let time = now + Double(offset + 1) * 100
            for event in decoder.decode(.character(scalar.value)) { _ = session.handle(event, at: time) }
            terminal.rehearse(view.frame(for: session, rows: size.rows, columns: size.columns, now: time))
        }
    }

    private func type(_ session: inout TypingSession) -> TypingEnd {
        var view = TypingView(text: session.attempt.target.text)
        var decoder = KeyDecoder(codes: terminal.keyCodes, text: session.attempt.target.text)
        let epoch = monotonicMilliseconds()
        var lastKey: Double?
        terminal.invalidate()
        while true {
            let now = monotonicMilliseconds() - epoch
            let size = terminal.size
            terminal.show(view.frame(for: session, rows: size.rows, columns: size.columns, now: now))
            view.prepareNextFrame()
            if !rehearsed {
                rehearse(session, view, decoder, size: size, now: now)
                rehearsed = true
                terminal.signalIfTesting()
            }
            let key = terminal.readKey(timeout: wait(for: session, decoder: decoder, now: now, lastKey: lastKey))
            if terminal.pendingSignal != 0 { return .signal(terminal.pendingSignal) }
            let time = monotonicMilliseconds() - epoch
            if key != .none { lastKey = time }
            // While the window is too small to show the passage, typing waits: no key counts, no clock starts.
            let visible = terminal.size.columns >= ScreenSize.minimumColumns && terminal.size.rows >= ScreenSize.minimumRows
            for event in decoder.decode(key) {
                if event == .resize { terminal.invalidate() }
                if !visible, event.isTyping { continue }
                switch session.handle(event, at: time) {
                case .keepTyping: continue
                case .finished: return .finished
                case .quit: return .quit
                case .restart: return .restart
                }
            }
            if key == .none, session.tick(at: time) == .finished { return .finished }
            if session.hasStarted { terminal.crashIfTesting() }
        }
    }

    /// How long to wait for a key: briefly inside an escape sequence; until the next whole second (or the deadline)
    /// while a clock is showing; forever before the first key, so an idle screen costs nothing.
    private func wait(for session: TypingSession, decoder: KeyDecoder, now: Double, lastKey: Double?) -> Int? {
        if let timeout = decoder.keyTimeout { return timeout }
        guard let start = session.attempt.startTime else { return nil }
        let elapsed = now - start
        var wait = 1000 - elapsed.truncatingRemainder(dividingBy: 1000)
        if let deadline = session.deadline { wait = min(wait, deadline - now) }
        if let next = session.configuration.rival?.nextMove(after: elapsed) {
            wait = min(wait, RivalPacing.wait(untilMove: next - elapsed, sinceKey: lastKey.map { now - $0 }))
        }
        if session.attempt.isComplete { return nil }
        return max(1, min(1000, Int(clampingFigure: wait.rounded(.up))) + 1)
    }

    private func showResults(of session: TypingSession) -> ResultsChoice {
        let render: (Int, Int, Bool) -> Frame
        // m and s practise the session's own missed and slowest words; a replay only plays back.
        let words = replaying ? nil : WordPractice(after: session)
        switch conclude(session) {
        case .success(var results):
            if replaying { results.help = TypingScreen.replayResultsHelp }
            if let words { results.help = words.help(base: results.help) }
            results.ascii = !terminal.isUTF8
            render = { rows, columns, settled in
                results.acceptsKeys = settled
                return results.frame(rows: rows, columns: columns)
            }
        case .failure(let error):
            render = ResultsView.notScored(error, help: replaying ? TypingScreen.replayResultsHelp : ResultsView.keysHelp)
        }
        let replaying = self.replaying
        return terminal.menu(KeyDecoder(codes: terminal.keyCodes), settle: true, render: render) { event in
            switch event {
            case .quit, .type("q"), .type("Q"): .quit
            case .restart, .type("r"), .type("R"): .retry
            case .type("n") where !replaying, .type("N") where !replaying: .next
            case .type("m"), .type("M"): words?.missed.map { .practise($0) }
            case .type("s"), .type("S"): words?.slowest.map { .practise($0) }
            default: nil
            }
        }
    }

    /// The results keys after a replay: there is no next passage to go to.
    static let replayResultsHelp = "r replay again · q quit"
    /// How long the keyboard must be quiet before a results or verdict screen takes keys: from when it appears, and
    /// again from each key typed meanwhile, so a person typing on through the end of a timed test, however long,
    /// does not start the next one with the letters they meant for this one.
    public static let settleMilliseconds = 1000.0

    /// Scores a finished session (with `adjust` applied to the result), hands it to the finished handler, and
    /// returns the results screen with the notes it gave.
    private func conclude(_ session: TypingSession, adjust: (inout ScoreResult) -> Void = { _ in }) -> Result<ResultsView, ScoringError> {
        var result: ScoreResult
        do {
            result = try session.result()
        } catch {
            return .failure(error)
        }
        adjust(&result)
        let log = session.log()
        var results = ResultsView(result: result, bar: session.configuration.bar, title: session.configuration.title)
        if let rival = session.configuration.rival {
            results.notes.append("race: " + rival.race(typed: result.characters, elapsed: result.elapsedSeconds * 1000, finished: result.completed))
        }
        results.notes += finishedHandler?(Finished(configuration: session.configuration, result: result, log: log, attempt: attempt, keystrokes: session.keystrokes)) ?? []
        return .success(results)
    }

    private var replaying = false
    /// The assessment attempt being concluded, if any.
    private var attempt: Int?

    // MARK: - Assessments

    /// Runs an assessment sitting: for each attempt the rules and instructions, a 3-second countdown, the timed
    /// test, then the verdict screen, which offers the next attempt while the rules allow one. Every attempt that
    /// started is scored and handed to `finished` (to be kept), also when the candidate leaves early or a signal
    /// ends the program.
    public func assess(_ sitting: AssessmentSitting, finished: @escaping (Finished) -> [String]) -> ScreenExit {
        defer { terminal.stop() }
        finishedHandler = finished
        var earlier = sitting.earlierNetWPM
        var number = sitting.firstAttempt
        while true {
            switch introduce(sitting, attempt: number) {
            case .quit: return .quit
            case .signal(let signal): return .signal(signal)
            case .begin: break
            }
            if let beginAttempt = sitting.beginAttempt {
                guard let granted = beginAttempt(number) else { return .quit }
                number = granted
            }
            var session = TypingSession(configuration: sitting.configuration)
            let ending = type(&session)
            if !session.hasStarted, case .quit = ending { return .quit }
            attempt = number
            let rules = sitting.rules
            let concluded = conclude(session) { result in
                if case .finished = ending {} else {
                    let elapsed = session.attempt.lastTime.flatMap { last in session.attempt.startTime.map { (last - $0) / 1000 } } ?? 0
                    result.flags.append(IntegrityFlag(
                        kind: .leftEarly, atSeconds: elapsed,
                        detail: "left the test \(formatDecimal(elapsed, places: 0)) s into its \(minutesText(rules.seconds)); the time left counts as untyped"))
                }
                if let flag = IntegrityFlag.aboveOwnResults(netWPM: result.netWPM, earlier: earlier) { result.flags.append(flag) }
            }
            if case .signal(let signal) = ending { return .signal(signal) }
            let more = number < rules.attempts
            let help = more ? "Enter or r begin attempt \(number + 1) of \(rules.attempts) · q finish" : "q finish"
            let render: (Int, Int, Bool) -> Frame
            switch concluded {
            case .success(var results):
                earlier.append(results.result.netWPM)
                results.assessment = rules.judge(results.result)
                results.help = help
                results.ascii = !terminal.isUTF8
                render = { rows, columns, settled in
                    results.acceptsKeys = settled
                    return results.frame(rows: rows, columns: columns)
                }
            case .failure(let error):
                render = ResultsView.notScored(error, help: help)
            }
            let choice: ResultsChoice = terminal.menu(KeyDecoder(codes: terminal.keyCodes), settle: true, render: render) { event in
                switch event {
                case .quit, .type("q"), .type("Q"): .quit
                case .type("r") where more, .type("R") where more: .retry
                case .other(let code) where more && terminal.keyCodes.isEnter(code): .retry
                default: nil
                }
            }
            switch choice {
            case .signal(let signal): return .signal(signal)
            case .quit, .next, .practise: return .quit
            case .retry: number += 1
            }
        }
    }

    /// The rules and instructions until Enter, then the countdown; `.begin` when it has run out.
    private func introduce(_ sitting: AssessmentSitting, attempt: Int) -> IntroChoice {
        var view = AssessmentIntroView(rules: sitting.rules, candidate: sitting.candidate, attempt: attempt)
        let choice: IntroChoice = terminal.menu(KeyDecoder(codes: terminal.keyCodes), render: { rows, columns, _ in view.frame(rows: rows, columns: columns) }) { event in
            switch event {
            case .quit: .quit
            case .other(let code) where terminal.keyCodes.isEnter(code): .begin
            default: nil
            }
        }
        guard case .begin = choice else { return choice }
        let start = monotonicMilliseconds()
        var decoder = KeyDecoder(codes: terminal.keyCodes)
        while true {
            let elapsed = monotonicMilliseconds() - start
            let left = Double(AssessmentIntroView.countdownSeconds) * 1000 - elapsed
            if left <= 0 { return .begin }
            view.countdown = Int(clampingFigure: (left / 1000).rounded(.up))
            let size = terminal.size
            terminal.show(view.frame(rows: size.rows, columns: size.columns))
            let key = terminal.readKey(timeout: max(1, Int(clampingFigure: left.truncatingRemainder(dividingBy: 1000).rounded(.up))))
            if terminal.pendingSignal != 0 { return .signal(terminal.pendingSignal) }
            for event in decoder.decode(key) {
                if event == .resize { terminal.invalidate() }
                if event == .quit { return .quit }
            }
        }
    }

    /// Plays `keystrokes` back on the typing screen at `speed` times their real pace, then shows the results.
    /// Esc, q or Ctrl-C stop it; on the results screen r plays it again.
    public func replay(_ configuration: TypingSession.Configuration, keystrokes: [Keystroke], speed: Double) -> ScreenExit {
        defer { terminal.stop() }
        replaying = true
        while true {
            var session = TypingSession(configuration: configuration)
            var view = TypingView(text: session.attempt.target.text)
            view.keysHelp = "Esc or q stop the replay"
            var decoder = KeyDecoder(codes: terminal.keyCodes)
            let epoch = monotonicMilliseconds()
            var next = 0
            terminal.invalidate()
            playing: while true {
                // Time on the log's clock: the real time since the replay began, sped up.
                let now = (monotonicMilliseconds() - epoch) * speed
                while next < keystrokes.count, keystrokes[next].time <= now {
                    let keystroke = keystrokes[next]
                    next += 1
                    let event: InputEvent
                    switch keystroke.action {
                    case .character(let character): event = .type(character)
                    case .backspace: event = .backspace
                    case .wordBackspace: event = .wordBackspace
                    }
                    if session.handle(event, at: keystroke.time) == .finished { break playing }
                }
                if next == keystrokes.count { break }
                let size = terminal.size
                terminal.show(view.frame(for: session, rows: size.rows, columns: size.columns, now: now))
                let wait = (keystrokes[next].time - now) / speed
                let key = terminal.readKey(timeout: min(decoder.keyTimeout ?? 1000, max(1, min(1000, Int(clampingFigure: wait.rounded(.up))))))
                if terminal.pendingSignal != 0 { return .signal(terminal.pendingSignal) }
                for event in decoder.decode(key) {
                    switch event {
                    case .quit, .type("q"), .type("Q"): return .quit
                    case .resize: terminal.invalidate()
                    default: continue
                    }
                }
            }
            switch showResults(of: session) {
            case .signal(let number): return .signal(number)
            case .quit, .next, .practise: return .quit
            case .retry: continue
            }
        }
    }
}
