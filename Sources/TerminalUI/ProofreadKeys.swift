import TypeBarCore

/// Keys of the proofreading drill on top of the typing keys: the arrows, Home and End move the cursor, Ctrl-Left
/// and Ctrl-Right (or Alt-B and Alt-F, where Alt sends Esc first) by a word, Delete removes the character at the cursor, Enter submits the
/// draft, Esc or Ctrl-C leave. Page Up and Page Down scroll the results.
public struct ProofreadKeys: Sendable {
    /// Where a key moves the cursor.
    public enum Movement: String, Equatable, Sendable {
        case left, right, up, down, home, end
        case wordLeft = "word-left"
        case wordRight = "word-right"
    }

    /// What a key means in the drill.
    public enum Action: Equatable, Sendable {
        /// An edit of the draft, or Enter's submit.
        case edit(ProofreadRun.Event)
        case move(Movement)
        /// Esc or Ctrl-C.
        case leave
        case resize
        /// A bracketed paste, refused as typing.
        case pasted
        /// Page Up and Page Down: a page of the results, negative up.
        case page(Int)
    }

    /// The key codes that differ by terminal: the typing screen's, and Ctrl-Left and Ctrl-Right, which the key reader
    /// numbers per terminal from its terminfo entry (nil where the terminal has none).
    public struct Codes: Sendable {
        public var keys: KeyDecoder.Codes
        public var wordLeft: Int32?
        public var wordRight: Int32?

        public init(keys: KeyDecoder.Codes = KeyDecoder.Codes(), wordLeft: Int32? = nil, wordRight: Int32? = nil) {
            self.keys = keys
            self.wordLeft = wordLeft
            self.wordRight = wordRight
        }
    }

    /// ncurses' key codes: KEY_DOWN, KEY_UP, KEY_LEFT, KEY_RIGHT, KEY_HOME, KEY_END (KEY_FIND and KEY_SELECT are
    /// what some terminals' Home and End keys give), KEY_DC (Delete), KEY_NPAGE and KEY_PPAGE.
    static let movements: [UInt32: Movement] = [258: .down, 259: .up, 260: .left, 261: .right, 262: .home, 360: .end, 362: .home, 385: .end]
    static let delete: UInt32 = 330
    static let pages: [UInt32: Int] = [338: 1, 339: -1]

    public let codes: Codes
    private var decoder: KeyDecoder
    /// The last raw key was a lone Esc that began no escape sequence: a `b` or `f` after it is Alt-B or Alt-F.
    private var afterEscape = false

    public init(codes: Codes = Codes(), text: String = "") {
        self.codes = codes
        decoder = KeyDecoder(codes: codes.keys, text: text)
    }

    /// How long to wait for the rest of an escape sequence or a paste, in milliseconds; nil when neither is under way.
    public var keyTimeout: Int? { decoder.keyTimeout }

    public mutating func decode(_ key: RawKey) -> [Action] {
        if afterEscape, case .character(let value) = key, value == 98 || value == 102 {
            // Alt-B and Alt-F (Esc then the letter): a fresh decoder forgets the Esc.
            afterEscape = false
            decoder = KeyDecoder(codes: codes.keys)
            return [.move(value == 98 ? .wordLeft : .wordRight)]
        }
        let wasGround = decoder.keyTimeout == nil
        afterEscape = wasGround && key == .character(27)
        if case .code(let code) = key {
            if code == codes.wordLeft { return [.move(.wordLeft)] }
            if code == codes.wordRight { return [.move(.wordRight)] }
        }
        var actions: [Action] = []
        for event in decoder.decode(key) {
            switch event {
            case .type(let character): actions.append(.edit(.insert(character)))
            case .backspace: actions.append(.edit(.backspace))
            case .wordBackspace: actions.append(.edit(.wordBackspace))
            case .quit: actions.append(.leave)
            case .resize: actions.append(.resize)
            case .pasted: actions.append(.pasted)
            case .restart, .focusLost, .focusGained: break
            case .other(let code):
                if code == 10 || code == 13 || code == UInt32(bitPattern: codes.keys.enter) {
                    actions.append(.edit(.submit))
                } else if code == KeyDecoder.controlLeft || code == KeyDecoder.controlRight {
                    actions.append(.move(code == KeyDecoder.controlLeft ? .wordLeft : .wordRight))
                } else if code == ProofreadKeys.delete {
                    actions.append(.edit(.delete))
                } else if let movement = ProofreadKeys.movements[code] {
                    actions.append(.move(movement))
                } else if let page = ProofreadKeys.pages[code] {
                    actions.append(.page(page))
                }
            }
        }
        return actions
    }
}
