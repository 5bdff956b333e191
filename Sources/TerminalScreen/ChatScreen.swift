import Foundation
import TypeBarCore
import TypeBarFormats
import TerminalUI

/// The chat desk's loop: the intro, the shift, the results, and again with other details. It owns the terminal
/// for its whole run and restores it on every way out. It wakes only when the screen would change (the next
/// second of a wait or the clock, a customer's message, an announcement fading), so an idle desk costs nothing.
@MainActor
public final class ChatScreen {
    /// One shift to play: the scenario as drawn, and how.
    public struct Setup: Sendable {
        public var scenario: ChatScenario
        public var seed: UInt64
        public var mode: ChatShift.Mode
        public var chats: Int?
        public var targets: ChatTargets
        /// In an assessment: the line above the scenario on the intro ("Acme round 1 · Ana Ruiz · attempt 1 of 2")
        /// and the trainer's instructions.
        public var heading: String?
        public var instructions: String?
        /// Called as the shift begins (the candidate leaves the intro); false ends the run instead. A team's store
        /// takes an assessment's attempt here, so two machines cannot both begin a candidate's last one.
        public var begin: (@Sendable () -> Bool)?
        /// Free mode's spell checker for the written replies (nil in the other modes).
        public var speller: (any SpellChecker)?

        public init(scenario: ChatScenario, seed: UInt64, mode: ChatShift.Mode, chats: Int?, targets: ChatTargets = ChatTargets()) {
            self.scenario = scenario
            self.seed = seed
            self.mode = mode
            self.chats = chats
            self.targets = targets
        }
    }

    /// A finished shift, for the caller to record and keep.
    public struct Finished: Sendable {
        public var setup: Setup
        public var session: ChatSession
        public var result: ChatResult
    }

    private let terminal: Terminal

    public init(colours: Terminal.Colours) throws(Terminal.StartError) {
        terminal = try Terminal(colours: colours)
    }

    /// Runs shifts starting with `first`; `again` gives the next one (another seed). `finished` sees every
    /// shift that started (to write its log and keep it) and returns lines for the results screen.
    /// `again` gives the next shift, or nil when there is none (an assessment's attempts used up).
    public func run(first: Setup, again: () -> Setup?, finished: (Finished) -> [String]) -> ScreenExit {
        run(intro: nil, first: { first }, again: again, finished: finished)
    }

    /// The same, the first intro being `intro` when given, drawn before `first` is asked for: a scenario still
    /// being read shows its intro at once, and is waited for when the shift begins. `first` giving nil ends the run.
    public func run(intro: ChatIntroView?, first: () -> Setup?, again: () -> Setup?, finished: (Finished) -> [String]) -> ScreenExit {
        defer { terminal.stop() }
        var introduced = false
        if let intro {
            switch introduce(intro) {
            case .quit: return .quit
            case .signal(let number): return .signal(number)
            case .go: introduced = true
            }
        }
        guard var setup = first() else { return .quit }
        while true {
            if !introduced {
                switch introduce(ChatScreen.intro(for: setup)) {
                case .quit: return .quit
                case .signal(let number): return .signal(number)
                case .go: break
                }
            }
            introduced = false
            if let begin = setup.begin, !begin() { return .quit }
            var session = ChatSession(shift: ChatShift(scenario: setup.scenario, mode: setup.mode, chats: setup.chats, speller: setup.speller), targets: setup.targets)
            let ending = play(&session)
            let result = session.shift.result(targets: setup.targets)
            var results = ChatResultsView(result: result, title: "\(setup.scenario.name) · \(setup.mode.rawValue) · seed \(setup.seed)")
            results.notes = finished(Finished(setup: setup, session: session, result: result))
            if case .signal(let number) = ending { return .signal(number) }
            let next = again()
            if next == nil { results.help = "q finish" } else if setup.heading != nil { results.help = "r next attempt · q finish" }
            switch showResults(results, choose: { action in
                switch action {
                case .escape, .shift(.type("q")), .shift(.type("Q")): .quit
                case .shift(.type("r")), .shift(.type("R")): next == nil ? nil : .go
                default: nil
                }
            }) {
            case .quit: return .quit
            case .signal(let number): return .signal(number)
            case .go: setup = next ?? setup
            }
        }
    }

    private enum Choice: MenuChoice { case go, quit, signal(Int32) }

    /// The intro of a shift about to be played.
    private static func intro(for setup: Setup) -> ChatIntroView {
        var intro = ChatIntroView(scenario: setup.scenario, mode: setup.mode, seed: setup.seed, chats: ChatShift.chatCount(setup.chats, scenario: setup.scenario.chats), targets: setup.targets)
        intro.heading = setup.heading
        intro.instructions = setup.instructions
        return intro
    }

    private func introduce(_ intro: ChatIntroView) -> Choice {
        var intro = intro
        return terminal.menu(ChatKeys(codes: terminal.keyCodes), render: { rows, columns, _ in intro.frame(rows: rows, columns: columns) }) { action in
            switch action {
            case .escape: return .quit
            case .shift(.send): return .go
            case .scroll(let lines):
                let size = terminal.size
                intro.scroll(by: lines, rows: size.rows, columns: size.columns)
                return nil
            default: return nil
            }
        }
    }

    /// Plays one shift until it ends (all served or left, the time limit, Esc twice) or a signal arrives.
    private func play(_ session: inout ChatSession) -> Choice {
        var keys = ChatKeys(codes: terminal.keyCodes)
        let epoch = monotonicMilliseconds()
        terminal.invalidate()
        while true {
            let now = monotonicMilliseconds() - epoch
            session.advance(to: now)
            if session.shift.isOver { return .go }
            let size = terminal.size
            terminal.show(session.frame(rows: size.rows, columns: size.columns, now: now))
            var wait = keys.keyTimeout
            if let next = ChatDeskView.nextRedraw(for: session.shift, now: now) {
                wait = min(wait ?? Int.max, max(1, Int((next - now).rounded(.up)) + 1))
            }
            let key = terminal.readKey(timeout: wait)
            if terminal.pendingSignal != 0 {
                session.handle(.shift(.leave), at: monotonicMilliseconds() - epoch)
                return .signal(terminal.pendingSignal)
            }
            let time = monotonicMilliseconds() - epoch
            for action in keys.decode(key) {
                if action == .resize { terminal.invalidate() }
                session.handle(action, at: time)
            }
        }
    }

    /// Plays a recorded shift back at `speed` times its real pace, then shows its results. Esc, q or Ctrl-C stop
    /// it; on the results screen r plays it again.
    public func replay(_ setup: Setup, events: [(event: ChatShift.Event, time: Double)], speed: Double, title: String) -> ScreenExit {
        defer { terminal.stop() }
        while true {
            var session = ChatSession(shift: ChatShift(scenario: setup.scenario, mode: setup.mode, chats: setup.chats, speller: setup.speller), targets: setup.targets)
            session.replay = title
            var keys = ChatKeys(codes: terminal.keyCodes)
            let epoch = monotonicMilliseconds()
            var next = 0
            terminal.invalidate()
            while true {
                // Time on the shift's clock: the real time since the replay began, sped up.
                let now = (monotonicMilliseconds() - epoch) * speed
                while next < events.count, events[next].time <= now {
                    session.apply(events[next].event, at: events[next].time)
                    next += 1
                }
                session.advance(to: now)
                if session.shift.isOver { break }
                let size = terminal.size
                terminal.show(session.frame(rows: size.rows, columns: size.columns, now: now))
                var until = ChatDeskView.nextRedraw(for: session.shift, now: now) ?? now + 1000
                if next < events.count { until = min(until, events[next].time) }
                let wait = min(keys.keyTimeout ?? Int.max, max(1, Int(((until - now) / speed).rounded(.up))))
                let key = terminal.readKey(timeout: wait)
                if terminal.pendingSignal != 0 { return .signal(terminal.pendingSignal) }
                for action in keys.decode(key) {
                    switch action {
                    case .escape, .shift(.type("q")), .shift(.type("Q")): return .quit
                    case .resize: terminal.invalidate()
                    default: continue
                    }
                }
            }
            var results = ChatResultsView(result: session.shift.result(targets: setup.targets), title: title)
            results.help = "r replay again · q quit"
            switch showResults(results, choose: { action in
                switch action {
                case .escape, .shift(.type("q")), .shift(.type("Q")): .quit
                case .shift(.type("r")), .shift(.type("R")): .go
                default: nil
                }
            }) {
            case .quit: return .quit
            case .signal(let number): return .signal(number)
            case .go: continue
            }
        }
    }

    /// The results screen: for its first `TypingScreen.settleMilliseconds` it ignores every key but Ctrl-C and
    /// says so, so letters typed on past the end of the shift cannot start the next one or quit.
    private func showResults(_ results: ChatResultsView, choose: (ChatKeys.Action) -> Choice?) -> Choice {
        var results = results
        return terminal.menu(ChatKeys(codes: terminal.keyCodes), settle: true, render: { rows, columns, settled in
            results.acceptsKeys = settled
            return results.frame(rows: rows, columns: columns)
        }, choose: choose)
    }
}
