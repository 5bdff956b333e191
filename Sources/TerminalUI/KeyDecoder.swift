/// What a key press means to the typing screen.
public enum InputEvent: Equatable, Sendable {
    case type(Character)
    case backspace
    case wordBackspace
    /// Esc or Ctrl-C.
    case quit
    /// Tab.
    case restart
    /// A bracketed paste ended; it held this many characters, none of them accepted as typing.
    case pasted(characters: Int)
    case resize
    case focusLost
    case focusGained
    /// Enter, arrows and other keys that mean nothing while typing, kept for menus (results screen).
    case other(UInt32)

    /// Whether the event is typing (a character, a deletion, a paste, a restart): what waits while the passage
    /// cannot be seen.
    public var isTyping: Bool {
        switch self {
        case .type, .backspace, .wordBackspace, .pasted, .restart: true
        case .quit, .resize, .focusLost, .focusGained, .other: false
        }
    }
}

/// A raw key as the terminal's key reader hands it over (CTerminal): a character, or a key its terminfo entry
/// names, by ncurses's KEY_ code.
public enum RawKey: Equatable, Sendable {
    case character(UInt32)
    case code(Int32)
    /// No key within the wait.
    case none
}

/// Turns raw keys into typing events: backspace variants, Ctrl-W and Alt/Ctrl-Backspace as word deletion,
/// Esc versus escape sequences, bracketed paste (swallowed and counted) and focus reports. Pure: no terminal.
///
/// Whatever a terminal sends, the decoder comes back to reading keys: an escape sequence ends at a timeout, its
/// parameters are kept to `maximumParameters` bytes, and a paste whose end marker never comes ends at a timeout
/// (`keyTimeout`: a terminal sends a whole paste at once, so a pause means it is over) or after
/// `maximumPasteCharacters`, so a lost marker cannot swallow every later key.
public struct KeyDecoder: Sendable {
    /// Key codes that differ by terminal, passed in from the key reader (ncurses's KEY_ codes).
    public struct Codes: Sendable {
        public var backspace: Int32
        public var resize: Int32
        public var enter: Int32
        /// When the terminal's backspace key sends ^H, 8 is backspace; otherwise 8 is what Ctrl-Backspace sends.
        public var backspaceIsControlH: Bool

        public init(backspace: Int32 = 263, resize: Int32 = 410, enter: Int32 = 343, backspaceIsControlH: Bool = false) {
            self.backspace = backspace
            self.resize = resize
            self.enter = enter
            self.backspaceIsControlH = backspaceIsControlH
        }

        /// Whether a key the decoder passed on as `.other(code)` is Enter, whichever code the terminal sends for it.
        public func isEnter(_ code: UInt32) -> Bool {
            code == 10 || code == 13 || code == UInt32(bitPattern: enter)
        }
    }

    /// Where the decoder is: between keys, after an Esc, inside an escape sequence (its parameter bytes so far),
    /// or inside a paste (its characters so far, and what may be the start of its end marker).
    enum State: Equatable, Sendable {
        case ground
        case escape
        case csi(String)
        case pasting(characters: Int, tail: String)
    }

    /// Ctrl-Left and Ctrl-Right when they arrive as escape sequences the terminfo entry does not name: codes of
    /// typebar's own, above every key code the reader gives.
    public static let controlLeft: UInt32 = 0x10_0001
    public static let controlRight: UInt32 = 0x10_0002

    /// Parameter bytes kept of one escape sequence: more than any sequence the decoder knows, so a longer one is
    /// read to its end and ignored without growing.
    public static let maximumParameters = 16
    /// Characters after which a paste without its end marker is taken as ended; longer than any text typebar sets.
    public static let maximumPasteCharacters = 16_384
    /// How long a screen waits for the rest of an escape sequence before taking what came as Esc, in milliseconds.
    public static let sequenceTimeout = 40
    /// How long a screen waits inside a paste for more of it before taking the paste as ended, in milliseconds.
    public static let pasteTimeout = 500

    public let codes: Codes
    private(set) var state = State.ground
    /// Whether `ÿ` (U+00FF) means Alt-Backspace: what xterm sends by default, with its 8-bit meta key setting
    /// bit 8 of DEL. True unless the text being typed holds a `ÿ` of its own.
    public let metaBackspace: Bool

    /// `text` is the passage being typed, if any: a `ÿ` in it is typed as itself rather than read as Alt-Backspace.
    public init(codes: Codes = Codes(), text: String = "") {
        self.codes = codes
        metaBackspace = !text.unicodeScalars.contains("\u{FF}")
    }

    public var isPasting: Bool {
        if case .pasting = state { return true }
        return false
    }

    /// How long to wait for the next key before passing `.none` (a timeout), in milliseconds: briefly inside an
    /// escape sequence, a little longer inside a paste; nil between keys, when only the screen knows how long.
    public var keyTimeout: Int? {
        switch state {
        case .ground: nil
        case .escape, .csi: KeyDecoder.sequenceTimeout
        case .pasting: KeyDecoder.pasteTimeout
        }
    }

    public mutating func decode(_ key: RawKey) -> [InputEvent] {
        switch state {
        case .pasting(let count, let tail):
            return continuePaste(key, count: count, tail: tail)
        case .escape:
            return afterEscape(key)
        case .csi(let parameters):
            return continueCSI(key, parameters: parameters)
        case .ground:
            return ground(key)
        }
    }

    private mutating func ground(_ key: RawKey) -> [InputEvent] {
        switch key {
        case .none:
            return []
        case .code(let code):
            if code == codes.backspace { return [.backspace] }
            if code == codes.resize { return [.resize] }
            return [.other(UInt32(bitPattern: code))]
        case .character(let value):
            switch value {
            case 27:
                state = .escape
                return []
            case 3: return [.quit]
            case 23: return [.wordBackspace]
            case 9: return [.restart]
            case 127: return [.backspace]
            case 8: return [codes.backspaceIsControlH ? .backspace : .wordBackspace]
            case 0..<32: return [.other(value)]
            case 0xFF where metaBackspace: return [.wordBackspace]   // xterm's Alt-Backspace with 8-bit meta
            default:
                guard let scalar = Unicode.Scalar(value) else { return [] }
                return [.type(Character(scalar))]
            }
        }
    }

    private mutating func afterEscape(_ key: RawKey) -> [InputEvent] {
        state = .ground
        switch key {
        case .none:
            return [.quit]
        case .character(91): // [
            state = .csi("")
            return []
        case .character(127), .character(8):
            return [.wordBackspace]    // Alt-Backspace
        case .code(let code) where code == codes.backspace:
            return [.wordBackspace]
        case .character(27):
            state = .escape
            return [.quit]
        default:
            return []                  // Alt and another key: nothing to type
        }
    }

    private mutating func continueCSI(_ key: RawKey, parameters: String) -> [InputEvent] {
        guard case .character(let value) = key, let scalar = Unicode.Scalar(value) else {
            state = .ground
            return key == .none ? [] : ground(key)
        }
        if (0x30...0x3F).contains(value) {
            // Past the cap the bytes are dropped: no sequence the decoder knows is that long, so it is ignored.
            state = .csi(parameters.utf8.count < KeyDecoder.maximumParameters ? parameters + String(Character(scalar)) : parameters)
            return []
        }
        state = .ground
        switch (parameters, Character(scalar)) {
        case ("200", "~"):
            state = .pasting(characters: 0, tail: "")
            return []
        case ("I", _), ("", "I"): return [.focusGained]
        case ("", "O"): return [.focusLost]
        case ("127;5", "u"), ("8;5", "u"): return [.wordBackspace]
        case ("1;5", "D"): return [.other(KeyDecoder.controlLeft)]
        case ("1;5", "C"): return [.other(KeyDecoder.controlRight)]
        // Editing keys the reader left undecoded because the terminal's terminfo names other bytes for them (tmux
        // sends ESC [ 1 ~ for Home whatever TERM says), as the codes the named ones get: KEY_HOME, KEY_END, KEY_DC.
        case ("1", "~"), ("7", "~"), ("", "H"): return [.other(262)]
        case ("4", "~"), ("8", "~"), ("", "F"): return [.other(360)]
        case ("3", "~"): return [.other(330)]
        default: return []
        }
    }

    /// Inside a paste: everything is swallowed until ESC [ 2 0 1 ~, a timeout, or `maximumPasteCharacters`.
    private mutating func continuePaste(_ key: RawKey, count: Int, tail: String) -> [InputEvent] {
        if key == .none {
            // The terminal went quiet without the end marker: what was held back was pasted text too.
            state = .ground
            return [.pasted(characters: count + tail.count)]
        }
        guard case .character(let value) = key, let scalar = Unicode.Scalar(value) else {
            return []
        }
        let end = "\u{1B}[201~"
        let next = tail + String(Character(scalar))
        if end.hasPrefix(next) {
            if next == end {
                state = .ground
                return [.pasted(characters: count)]
            }
            state = .pasting(characters: count, tail: next)
            return []
        }
        // Not the end marker: whatever was held back was pasted text too.
        let restart = value == 27 ? "\u{1B}" : ""
        let pasted = count + next.count - restart.count
        if pasted >= KeyDecoder.maximumPasteCharacters {
            // An Esc here may begin the end marker after all: read it as the start of a sequence, not as typing.
            state = restart.isEmpty ? .ground : .escape
            return [.pasted(characters: pasted)]
        }
        state = .pasting(characters: pasted, tail: restart)
        return []
    }
}
