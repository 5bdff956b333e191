import CTerminal
import TerminalUI
#if canImport(Glibc)
import Glibc
#endif

/// The ncurses side of the typing screen: starts and always restores the terminal, paints frames by writing
/// only the cells that changed, and reads keys. Every ncurses call stays on the main actor.
@MainActor
public final class Terminal {
    public enum StartError: Error, CustomStringConvertible {
        case notATerminal
        case cannotStart
        /// TERM is unset, `dumb` or `unknown`: a terminal that cannot place text where the screen needs it.
        case dumbTerminal(String)

        public var description: String {
            switch self {
            case .notATerminal:
                return "the typing screen needs a terminal, and standard input or output is not one (a pipe, a file or CI). To score keystrokes from a script, use: typebar score --keys FILE"
            case .cannotStart:
                return "the terminal could not be set up (is TERM set to a terminal type this system knows?)"
            case .dumbTerminal(let name):
                return "the typing screen needs a terminal that can place text anywhere on the screen, and TERM=\(name.isEmpty ? "(unset)" : name) cannot. Run it in a full terminal (TERM=xterm-256color, screen, linux…). To score keystrokes from a script, use: typebar score --keys FILE"
            }
        }
    }

    /// Whether standard input and output are both a terminal.
    public nonisolated static var isInteractive: Bool { isatty(0) == 1 && isatty(1) == 1 }

    public let usesColor: Bool
    public let keyCodes: KeyDecoder.Codes
    /// Whether the locale's character set is UTF-8; when not, frames are painted in ASCII (see `asciiFallback`).
    public let isUTF8: Bool
    /// Fewer than 256 colours: the palette keeps to the few that read on light and dark backgrounds.
    private let eightColours: Bool
    private var previous: Frame?
    private var running = false

    /// Starts ncurses. Colour unless `NO_COLOR` is set or the terminal has none.
    public init(color: Bool, focusReporting: Bool = false) throws(StartError) {
        guard Terminal.isInteractive else { throw .notATerminal }
        let name = getenv("TERM").map { String(cString: $0) } ?? ""
        guard !["", "dumb", "unknown"].contains(name) else { throw .dumbTerminal(name) }
        guard tb_start(color ? 1 : 0) == 0 else { throw .cannotStart }
        running = true
        usesColor = tb_has_color() != 0
        let codeset = nl_langinfo(nl_item(CODESET)).map { String(cString: $0) } ?? ""
        isUTF8 = codeset.uppercased().filter { $0 != "-" } == "UTF8"
        eightColours = tb_colors() < 256
        let palette = eightColours ? Terminal.pairs : Terminal.pairs256
        keyCodes = KeyDecoder.Codes(
            backspace: tb_key_backspace(), resize: tb_key_resize(), enter: tb_key_enter(),
            backspaceIsControlH: tb_backspace_is_ctrl_h() != 0)
        if usesColor {
            for (pair, colours) in palette.enumerated() {
                tb_define_pair(Int16(pair + 1), colours.foreground, colours.background)
            }
        }
        tb_write_raw("\u{1B}[?2004h")                         // bracketed paste: a paste arrives marked, not as typing
        if focusReporting { tb_write_raw("\u{1B}[?1004h") }
    }

    /// Restores the terminal: paste and focus modes off, ncurses ended. Safe to call twice.
    public func stop() {
        guard running else { return }
        running = false
        // A terminal without an alternate screen (linux, vt100) would keep the typing screen after exit: clear it.
        // Where there is one, this clears the screen that is about to be put away.
        tb_clear()
        tb_refresh()
        tb_write_raw("\u{1B}[?2004l\u{1B}[?1004l")
        tb_stop()
    }

    public var size: (rows: Int, columns: Int) {
        var rows: Int32 = 0
        var columns: Int32 = 0
        tb_size(&rows, &columns)
        return (Int(rows), Int(columns))
    }

    /// The termination signal received, if any (SIGINT, SIGTERM, SIGHUP).
    public var pendingSignal: Int32 { tb_pending_signal() }

    /// Ends the process by `signal` with its default action, once what had to be kept is kept: the parent (a
    /// shell, a CI runner) sees death by that signal, not an exit status. The terminal is restored first if the
    /// screen is still up, and buffered output is flushed.
    public nonisolated static func end(bySignal signal: Int32) -> Never {
        tb_end_by_signal(signal)
    }

    /// A switch for the end-to-end tests only: with `TYPEBAR_TEST_TRAP` set, the typing screen crashes on purpose
    /// after the first key, so a test can check that the terminal comes back. `1` or `trap`: a Swift runtime trap;
    /// `abort`: abort(); `segv`: a write through a bad pointer. Nothing else reads this variable.
    nonisolated static let testTrap: String? = getenv("TYPEBAR_TEST_TRAP").map { String(cString: $0) }

    /// Crashes the way `TYPEBAR_TEST_TRAP` asks, if it is set.
    func crashIfTesting() {
        guard let kind = Terminal.testTrap, !kind.isEmpty else { return }
        switch kind {
        case "abort":
            abort()
        case "segv":
            UnsafeMutablePointer<Int>(bitPattern: 8)!.pointee = 1
        default:
            fatalError("TYPEBAR_TEST_TRAP: a trap on purpose")
        }
    }

    /// Shows `frame`, writing only the cells that differ from the last frame shown.
    public func show(_ frame: Frame) {
        let full = previous.map { $0.width != frame.width || $0.height != frame.height } ?? true
        if full { tb_clear() }
        // With the same clusters, equal cells show equal characters, so whole unchanged rows are skipped with one
        // comparison each.
        let oldCells = full ? [] : previous?.cells ?? []
        let compare = !oldCells.isEmpty && previous?.clusters == frame.clusters
        var text = [wchar_t](repeating: 0, count: 9)
        let width = frame.width
        // On a cleared screen a plain blank is already there: the first paint writes only what shows.
        let blank = Cell.blank, continuation = Cell.continuation
        // The cells as buffers: no bounds checks or reference counting per cell.
        frame.cells.withUnsafeBufferPointer { cells in
            oldCells.withUnsafeBufferPointer { old in
                for row in 0..<frame.height {
                    let start = row * width
                    if compare && Cell.same(cells, old, from: start, count: width) { continue }
                    for column in 0..<width {
                        let cell = cells[start + column]
                        if compare, old[start + column] == cell { continue }
                        if cell == continuation || (full && cell == blank) { continue }
                        var count = 0
                        if !isUTF8 {
                            text[0] = wchar_t(bitPattern: asciiFallback(cell.cluster == 0 ? cell.scalar : 0xFFFD))
                            count = 1
                        } else if cell.cluster == 0 {
                            text[0] = wchar_t(bitPattern: cell.scalar)
                            count = 1
                        } else {
                            for scalar in frame.character(row: row, column: column).unicodeScalars where count < 8 {
                                text[count] = wchar_t(bitPattern: scalar.value)
                                count += 1
                            }
                        }
                        text[count] = 0
                        let (style, pair) = appearance(of: cell.role)
                        tb_put(Int32(row), Int32(column), text, style, pair)
                    }
                }
            }
        }
        if let cursor = frame.cursor {
            tb_move_cursor(Int32(cursor.row), Int32(cursor.column))
            tb_show_cursor(1)
        } else {
            tb_show_cursor(0)
        }
        tb_refresh()
        previous = frame
    }

    /// Forgets what is on screen, so the next frame is painted whole (after a resize).
    public func invalidate() { previous = nil }

    /// Waits up to `milliseconds` (nil: until a key or a signal) for a key.
    public func readKey(timeout milliseconds: Int?) -> RawKey {
        var value: UInt32 = 0
        switch tb_read_key(Int32(clamping: milliseconds ?? -1), &value) {
        case Int32(TB_KEY_CHAR): return .character(value)
        case Int32(TB_KEY_CODE): return .code(Int32(bitPattern: value))
        default: return .none
        }
    }

    // MARK: - Styles

    /// Colour pairs 1…: foreground and background, -1 being the terminal's own. Eight colours leave little that
    /// reads on both a white and a black background: red and magenta do, green, yellow and cyan do not on white,
    /// so good results are bold in the terminal's own colour (their ✓ says the rest) and the chart is drawn in it.
    private static let pairs: [(foreground: Int16, background: Int16)] = [
        (-1, -1),  // 1 the terminal's own: correct, good
        (7, 1),    // 2 white on red: wrong
        (1, -1),   // 3 red: bad
        (5, -1),   // 4 magenta: marks
        (-1, -1),  // 5 the terminal's own: chart (bold)
        (4, -1),   // 6 blue: a chart's lighter line
    ]
    /// With 256 colours, darker shades that keep a contrast of about 4.5:1 on white and on black alike.
    private static let pairs256: [(foreground: Int16, background: Int16)] = [
        (28, -1),  // 1 green #008700: correct, good
        (15, 160), // 2 white on red #d70000: wrong
        (160, -1), // 3 red #d70000: bad
        (130, -1), // 4 brown-orange #af5f00: marks
        (31, -1),  // 5 blue #0087af: chart
        (245, -1), // 6 grey #8a8a8a: a chart's lighter line
    ]

    private func appearance(of role: Role) -> (style: Int32, pair: Int16) {
        let bold = Int32(TB_BOLD), dim = Int32(TB_DIM), underline = Int32(TB_UNDERLINE), reverse = Int32(TB_REVERSE)
        if usesColor {
            switch role {
            case .plain: return (0, 0)
            case .dim, .pending: return (dim, 0)
            case .title, .status, .key: return (bold, 0)
            // With 8 colours, typed text is bold in the terminal's own colour: not every terminal shows dim,
            // and the one green there is fades on white.
            case .correct: return (eightColours ? bold : 0, 1)
            case .wrong: return (bold, 2)
            case .cursor: return (underline | reverse, 0)
            case .rival: return (reverse, 5)
            case .good: return (bold, 1)
            case .bad: return (bold, 3)
            case .mark: return (0, 4)
            case .chart: return (eightColours ? bold : 0, 5)
            case .chartLight: return (0, 6)
            }
        }
        // No colour (NO_COLOR, or a monochrome terminal): attributes carry the meaning.
        switch role {
        case .plain, .chart: return (0, 0)
        case .dim, .pending, .mark, .chartLight: return (dim, 0)
        case .title, .status, .key, .correct, .good: return (bold, 0)
        case .wrong: return (reverse, 0)
        case .cursor: return (underline, 0)
        case .rival: return (reverse | dim, 0)
        case .bad: return (bold | underline, 0)
        }
    }
}

/// Milliseconds on the monotonic clock.
public func monotonicMilliseconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) * 1000 + Double(now.tv_nsec) / 1_000_000
}
