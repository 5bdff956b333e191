import TypeBarCore
import TypeBarFormats
import TerminalUI

/// The proofreading drill's loop: the drafts one after the other, then the results, then again, new drafts or
/// leave. It owns the terminal for its whole run and restores it on every way out. It wakes for a key or for the
/// next second of the draft's clock, nothing else.
@MainActor
public final class ProofreadScreen {
    /// One drill to play: its drafts (in the log's header) and its title.
    public struct Setup: Sendable {
        public var header: ProofreadLog.Header
        /// After "typebar · drill · ": "proofread · seed 41".
        public var title: String

        public init(header: ProofreadLog.Header, title: String) {
            self.header = header
            self.title = title
        }
    }

    /// A drill with at least one draft submitted, for the caller to record and keep: the screen writes no files.
    public struct Finished: Sendable {
        public var setup: Setup
        public var result: ProofreadResult
        /// The keystroke log, as text.
        public var log: String
    }

    private let terminal: Terminal

    public init(colours: Terminal.Colours) throws(Terminal.StartError) {
        terminal = try Terminal(colours: colours)
    }

    private enum Ending { case finished, left, signal(Int32) }
    private enum Choice: MenuChoice { case again, next, quit, signal(Int32) }

    /// Runs drills starting with `first`; `next` gives new drafts for `n`. `finished` sees every drill in which a
    /// draft was submitted (to keep it) and returns lines for the results screen. Leaving before the first
    /// submission keeps nothing.
    public func run(first: Setup, next: () -> Setup, finished: (Finished) -> [String]) -> ScreenExit {
        defer { terminal.stop() }
        var setup = first
        while true {
            var session = ProofreadSession(header: setup.header)
            let ending = edit(&session, title: setup.title)
            let result = session.result
            if result.drafts.isEmpty {
                if case .signal(let number) = ending { return .signal(number) }
                return .quit
            }
            var results = ProofreadResultsView(result: result, title: setup.title)
            results.notes = finished(Finished(setup: setup, result: result, log: session.log))
            if case .signal(let number) = ending { return .signal(number) }
            switch showResults(results, replaying: false) {
            case .quit: return .quit
            case .signal(let number): return .signal(number)
            case .again: continue
            case .next: setup = next()
            }
        }
    }

    /// The keys as this terminal sends them, Ctrl-Left and Ctrl-Right included where its terminfo names them.
    private var codes: ProofreadKeys.Codes {
        ProofreadKeys.Codes(keys: terminal.keyCodes, wordLeft: terminal.keyCode(named: "kLFT5"), wordRight: terminal.keyCode(named: "kRIT5"))
    }

    /// Edits the drafts until the last is submitted, the candidate leaves, or a signal arrives. The clock starts
    /// when the first draft is first shown (a window too small to show it keeps it waiting), and keys other than
    /// Esc wait while the window is too small.
    private func edit(_ session: inout ProofreadSession, title: String) -> Ending {
        var keys = ProofreadKeys(codes: codes)
        let view = ProofreadView(title: title)
        var epoch: Double?
        terminal.invalidate()
        while true {
            let size = terminal.size
            let visible = size.columns >= ScreenSize.minimumColumns && size.rows >= ScreenSize.minimumRows
            if epoch == nil, visible { epoch = monotonicMilliseconds() }
            let now = epoch.map { monotonicMilliseconds() - $0 } ?? 0
            terminal.show(view.frame(for: session, rows: size.rows, columns: size.columns, now: now))
            var wait: Int?
            if let timeout = keys.keyTimeout {
                wait = timeout
            } else if epoch != nil {
                // The next whole second of this draft's clock.
                let elapsed = now - session.run.draftStart
                wait = max(1, Int((1000 - elapsed.truncatingRemainder(dividingBy: 1000)).rounded(.up)) + 1)
            }
            let key = terminal.readKey(timeout: wait)
            if terminal.pendingSignal != 0 { return .signal(terminal.pendingSignal) }
            let time = epoch.map { monotonicMilliseconds() - $0 } ?? 0
            let width = ProofreadView.textWidth(columns: terminal.size.columns)
            for action in keys.decode(key) {
                if action == .resize { terminal.invalidate() }
                if epoch == nil, action != .leave { continue }
                switch session.handle(action, at: time, width: width) {
                case .keepEditing: continue
                case .finished: return .finished
                case .leave: return .left
                }
            }
        }
    }

    /// Plays a recorded drill back at `speed` times its real pace, then shows its results. Esc, q or Ctrl-C stop
    /// it; on the results screen r plays it again.
    public func replay(_ setup: Setup, lines: [ProofreadLog.Line], speed: Double) -> ScreenExit {
        defer { terminal.stop() }
        while true {
            var session = ProofreadSession(header: setup.header)
            var view = ProofreadView(title: setup.title)
            view.keysHelp = "Esc or q stop the replay"
            var keys = ProofreadKeys(codes: codes)
            let epoch = monotonicMilliseconds()
            var next = 0
            terminal.invalidate()
            playing: while true {
                // Time on the log's clock: the real time since the replay began, sped up.
                let now = (monotonicMilliseconds() - epoch) * speed
                while next < lines.count, lines[next].time <= now {
                    session.replay(lines[next].event, at: lines[next].time, by: lines[next].by)
                    next += 1
                }
                if next == lines.count { break playing }
                let size = terminal.size
                terminal.show(view.frame(for: session, rows: size.rows, columns: size.columns, now: now))
                let wait = (lines[next].time - now) / speed
                let key = terminal.readKey(timeout: keys.keyTimeout ?? max(1, min(1000, Int(wait.rounded(.up)))))
                if terminal.pendingSignal != 0 { return .signal(terminal.pendingSignal) }
                for action in keys.decode(key) {
                    switch action {
                    case .leave, .edit(.insert("q")), .edit(.insert("Q")): return .quit
                    case .resize: terminal.invalidate()
                    default: continue
                    }
                }
            }
            switch showResults(ProofreadResultsView(result: session.result, title: setup.title), replaying: true) {
            case .quit, .next: return .quit
            case .signal(let number): return .signal(number)
            case .again: continue
            }
        }
    }

    /// The results screen until a key chooses: for its first `TypingScreen.settleMilliseconds` it ignores every key
    /// but Ctrl-C and says so, so keys typed on past the last draft cannot skip it. Up, Down, Page Up and Page
    /// Down scroll.
    private func showResults(_ results: ProofreadResultsView, replaying: Bool) -> Choice {
        var results = results
        if replaying { results.help = "↑↓ scroll · r replay again · q quit" }
        return terminal.menu(ProofreadKeys(codes: codes), settle: true, render: { rows, columns, settled in
            results.acceptsKeys = settled
            return results.frame(rows: rows, columns: columns)
        }) { action in
            let size = terminal.size
            let page = max(1, size.rows - 5)
            switch action {
            case .leave, .edit(.insert("q")), .edit(.insert("Q")): return .quit
            case .edit(.insert("r")), .edit(.insert("R")): return .again
            case .edit(.insert("n")) where !replaying, .edit(.insert("N")) where !replaying: return .next
            case .move(.up): results.scroll(by: -1, rows: size.rows, columns: size.columns)
            case .move(.down): results.scroll(by: 1, rows: size.rows, columns: size.columns)
            case .page(let direction): results.scroll(by: direction * page, rows: size.rows, columns: size.columns)
            case .move(.home): results.scroll(by: -100_000, rows: size.rows, columns: size.columns)
            case .move(.end): results.scroll(by: 100_000, rows: size.rows, columns: size.columns)
            default: break
            }
            return nil
        }
    }
}
