import CTerminal
import TerminalUI
#if canImport(Glibc)
import Glibc
#endif

/// The terminal side of the typing screen: starts and always restores the terminal, paints frames by writing
/// only the cells that changed, and reads keys (CTerminal, over terminfo). Every call stays on the main actor.
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

    /// How many colours to paint with: as many as the terminal's terminfo entry says it has, eight or 256 whatever it
    /// says (a terminal that can do more than its entry claims, or less), or none.
    public enum Colours: Sendable {
        case detected, eight, full, off
    }

    /// Whether standard input and output are both a terminal.
    public nonisolated static var isInteractive: Bool { isatty(0) == 1 && isatty(1) == 1 }

    public let usesColor: Bool
    public let keyCodes: KeyDecoder.Codes
    /// Whether the locale's character set is UTF-8; when not, frames are painted in ASCII (see `asciiFallback`).
    public let isUTF8: Bool
    /// The painter and its bytes are `@exclusivity(unchecked)`: `show` changes both at every frame, each a check at
    /// run time otherwise (about 225 instructions of a key's 18,500); only this class's methods touch them, one call
    /// at a time on the main thread.
    @exclusivity(unchecked) private var painter: FramePainter
    /// The bytes of the frame being shown, kept for the next so its buffer is reused.
    @exclusivity(unchecked) private var output: [UInt8] = []
    private var running = false

    /// Puts the screen up, painting in `colours`.
    public init(colours: Colours, focusReporting: Bool = false) throws(StartError) {
        guard Terminal.isInteractive else { throw .notATerminal }
        let name = getenv("TERM").map { String(cString: $0) } ?? ""
        guard !["", "dumb", "unknown"].contains(name) else { throw .dumbTerminal(name) }
        guard tb_start(colours == .off ? 0 : 1) == 0 else { throw .cannotStart }
        running = true
        let available = tb_colors()
        // A number chosen beyond what terminfo offers is written as plain ANSI colour codes (`direct`).
        var looks: Look.Colours
        var direct = false
        switch colours {
        case .detected:
            looks = tb_has_color() == 0 ? .none : available < 256 ? .eight : .many
        case .eight:
            looks = .eight
            direct = available < 8
        case .full:
            looks = .many
            direct = available < 256
        case .off:
            looks = .none
        }
        usesColor = looks != .none
        isUTF8 = tb_locale_is_utf8() != 0
        keyCodes = KeyDecoder.Codes(
            backspace: tb_key_backspace(), resize: tb_key_resize(), enter: tb_key_enter(),
            backspaceIsControlH: tb_backspace_is_ctrl_h() != 0)
        painter = FramePainter(codes: Terminal.codes(colours: looks, direct: direct, utf8: isUTF8))
        // The painter draws, starting with a cleared screen.
        tb_write_raw("\u{1B}[?2004h")                         // bracketed paste: a paste arrives marked, not as typing
        if focusReporting { tb_write_raw("\u{1B}[?1004h") }
    }

    /// Restores the terminal: paste and focus modes off, the screen cleared and put away. Safe to call twice.
    public func stop() {
        guard running else { return }
        running = false
        // A terminal without an alternate screen (linux, vt100) would keep the typing screen after exit: clear it.
        // Where there is one, this clears the screen that is about to be put away.
        tb_write(painter.codes.normal, painter.codes.normal.count)
        tb_write(painter.codes.showCursor, painter.codes.showCursor.count)
        tb_write(painter.codes.clear, painter.codes.clear.count)
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
    /// `abort`: abort(); `segv`: a write through a bad pointer. `term` instead sends the process SIGTERM once its
    /// first frame is drawn, before it first waits for a key: a signal that lands while the screen draws, which the
    /// wait must not sleep through. Nothing else reads this variable.
    nonisolated static let testTrap: String? = getenv("TYPEBAR_TEST_TRAP").map { String(cString: $0) }

    /// Sends SIGTERM to this process when `TYPEBAR_TEST_TRAP` is `term`.
    func signalIfTesting() {
        if Terminal.testTrap == "term" { kill(getpid(), SIGTERM) }
    }

    /// Crashes the way `TYPEBAR_TEST_TRAP` asks, if it is set.
    func crashIfTesting() {
        guard let kind = Terminal.testTrap, !kind.isEmpty, kind != "term" else { return }
        switch kind {
        case "abort":
            abort()
        case "segv":
            UnsafeMutablePointer<Int>(bitPattern: 8)!.pointee = 1
        default:
            fatalError("TYPEBAR_TEST_TRAP: a trap on purpose")
        }
    }

    /// Shows `frame`, writing only the cells that differ from the last frame shown, in one write.
    public func show(_ frame: Frame) {
        output.removeAll(keepingCapacity: true)
        painter.paint(frame, into: &output)
        tb_write(output, output.count)
    }

    /// Paints `frame` as `show` would and throws the bytes away: the screen, and the painter's record of what is on
    /// it, stay as they were.
    public func rehearse(_ frame: Frame) {
        var copy = painter
        var bytes: [UInt8] = []
        copy.paint(frame, into: &bytes)
    }

    /// Forgets what is on screen, so the next frame is painted whole (after a resize).
    public func invalidate() {
        painter.invalidate()
    }

    /// Waits up to `milliseconds` (nil: until a key or a signal) for a key.
    public func readKey(timeout milliseconds: Int?) -> RawKey {
        var value: UInt32 = 0
        switch tb_read_key(Int32(clamping: milliseconds ?? -1), &value) {
        case Int32(TB_KEY_CHAR): return .character(value)
        case Int32(TB_KEY_CODE): return .code(Int32(bitPattern: value))
        default: return .none
        }
    }

    /// The code of the key whose terminfo capability is `name` ("kLFT5": Ctrl-Left), nil when the terminal has
    /// none.
    public func keyCode(named name: String) -> Int32? {
        let code = tb_key_named(name)
        return code > 0 ? code : nil
    }

    // MARK: - Styles

    /// The painter's sequences, from this terminal's terminfo entry, for each role's `Look`; `direct` writes the
    /// looks' colours as ANSI codes rather than through terminfo, which offers fewer. This and the helpers below are
    /// `nonisolated`: they touch no state of the screen's, and a main-actor function checks at run time, at each
    /// closure handed to the standard library, that it runs on the main thread (190 checks a start, 60,000
    /// instructions).
    nonisolated private static func codes(colours: Look.Colours, direct: Bool, utf8: Bool) -> FramePainter.Codes {
        var normal = capability("sgr0")
        // SGR 0 puts the colours back too; a terminal whose sgr0 is something else gets its original pair as well.
        if colours != .none, !contains(normal, "\u{1B}[m"), !contains(normal, "\u{1B}[0m") {
            let original = capability("op")
            normal += original.isEmpty && direct ? Array("\u{1B}[39;49m".utf8) : original
        }
        // Each capability is looked up once, however many roles share it: a start builds every role's look.
        let bold = capability("bold"), dim = capability("dim")
        let underline = capability("smul"), reverse = capability("rev")
        var colourCodes: [ColourCode] = []
        func colourCode(_ layer: Int, _ number: Int16) -> [UInt8] {
            if let known = colourCodes.first(where: { $0.layer == layer && $0.number == number }) { return known.bytes }
            let bytes = direct ? ansiColour(layer, number)
                : layer == 3 ? colour("setaf", "setf", number) : colour("setab", "setb", number)
            colourCodes.append(ColourCode(layer: layer, number: number, bytes: bytes))
            return bytes
        }
        var looks: [[UInt8]] = []
        for role in Role.allCases {
            let look = Look.of(role, colours: colours)
            var bytes = normal
            if look.bold { bytes += bold }
            if look.dim { bytes += dim }
            if look.underline { bytes += underline }
            if look.reverse { bytes += reverse }
            if let foreground = look.foreground { bytes += colourCode(3, foreground) }
            if let background = look.background { bytes += colourCode(4, background) }
            while looks.count <= Int(role.rawValue) { looks.append(normal) }
            looks[Int(role.rawValue)] = bytes
        }
        let cup = capability("cup")
        let ansi = cup.isEmpty || cup == Array("\u{1B}[%i%p1%d;%p2%dH".utf8)
        // Inserting one character: ich1, or ich with 1, or insert mode around it.
        var insert = (before: capability("ich1"), after: [UInt8]())
        if insert.before.isEmpty { insert.before = capability("ich", 1) }
        if insert.before.isEmpty {
            insert = (capability("smir"), capability("rmir"))
            if insert.after.isEmpty { insert.before = [] }
        }
        // A row's cells moved along by up to 16 columns: ich and dch with each count, written out here when they are
        // ANSI's own (CSI n @, CSI n P), as cup is: formatted through terminfo, the 32 took 170,000 instructions a start.
        func columns(_ name: StaticString, final: UInt8) -> [[UInt8]] {
            let pattern = capability(name)
            if pattern.isEmpty { return [] }
            guard pattern == [0x1B, 0x5B, 0x25, 0x70, 0x31, 0x25, 0x64, final] else {
                return (1...16).map { capability(name, Int32($0)) }
            }
            return (1...16).map { count in
                count < 10 ? [0x1B, 0x5B, 0x30 + UInt8(count), final] : [0x1B, 0x5B, 0x31, 0x30 + UInt8(count - 10), final]
            }
        }
        return FramePainter.Codes(
            clear: capability("clear"), normal: normal, looks: looks,
            showCursor: capability("cnorm"), hideCursor: capability("civis"),
            moveTo: ansi ? nil : { row, column in capability("cup", Int32(clamping: row), Int32(clamping: column)) },
            lastCellScrolls: tb_flag("am") != 0 && tb_flag("xenl") == 0, marginsOff: capability("rmam"), marginsOn: capability("smam"),
            insertBefore: insert.before, insertAfter: insert.after, insertColumns: columns("ich", final: 0x40), deleteColumns: columns("dch", final: 0x50), utf8: utf8)
    }

    /// A colour's bytes on one layer (3 the foreground, 4 the background), kept so each is looked up once. A struct,
    /// not a tuple: a tuple's type is built at run time, from its mangled name, at every start.
    private struct ColourCode {
        var layer: Int
        var number: Int16
        var bytes: [UInt8]
    }

    /// A terminfo string, empty when the terminal has none.
    /// The name is a literal, handed to C as it is stored (with its NUL), and the string is read into a buffer on the
    /// stack: a start looks up some thirty.
    nonisolated private static func capability(_ name: StaticString, _ first: Int32? = nil, _ second: Int32 = 0) -> [UInt8] {
        let cName = UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self)
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 256) { buffer -> [UInt8] in
            guard let base = buffer.baseAddress else { return [] }
            let length = if let first { tb_capability_with(cName, first, second, base, buffer.count) } else { tb_capability(cName, base, buffer.count) }
            return length > 0 ? Array(UnsafeRawBufferPointer(start: base, count: Int(length))) : []
        }
    }

    nonisolated private static func contains(_ bytes: [UInt8], _ part: String) -> Bool {
        let part = Array(part.utf8)
        guard bytes.count >= part.count else { return false }
        return (0...(bytes.count - part.count)).contains { bytes[$0..<$0 + part.count].elementsEqual(part) }
    }

    /// A colour as ANSI's own code: `layer` 3 for the foreground, 4 for the background; from 8 on, from the 256.
    nonisolated private static func ansiColour(_ layer: Int, _ number: Int16) -> [UInt8] {
        Array((number < 8 ? "\u{1B}[\(layer)\(number)m" : "\u{1B}[\(layer)8;5;\(number)m").utf8)
    }

    /// A colour by its ANSI number (`setaf`), or by the older capability's number, red and blue swapped (`setf`).
    nonisolated private static func colour(_ name: StaticString, _ older: StaticString, _ number: Int16) -> [UInt8] {
        let bytes = capability(name, Int32(number))
        guard bytes.isEmpty, number < 8 else { return bytes }
        return capability(older, Int32((number & 2) | (number & 1) << 2 | (number & 4) >> 2))
    }
}

/// Milliseconds on the monotonic clock.
public func monotonicMilliseconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) * 1000 + Double(now.tv_nsec) / 1_000_000
}
