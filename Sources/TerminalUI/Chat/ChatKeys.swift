import TypeBarCore

/// Keys of the chat desk on top of the typing keys: F1-F6 and Alt-1..Alt-6 pick a chat, Ctrl-N the most urgent
/// customer, Enter sends, Tab inserts a macro or moves to the next blank, Esc twice leaves; the help desk's own
/// (desk and free modes) open the knowledge-base search (Ctrl-K; `/` is the session's to read, since it depends on
/// the draft), an escalation (Ctrl-E), a close (Ctrl-T), and show the customer's profile (Ctrl-P). Every one of
/// them is a C0 control a terminal in raw mode passes through, tmux and xterm included.
///
/// Alt and a digit arrives in one of two ways. A terminal that sends Esc for Alt (tmux, most emulators, xterm with
/// `metaSendsEscape`) sends Esc and then the digit. A stock xterm sets the top bit of the digit instead (its 8-bit
/// meta key), which in a UTF-8 locale arrives as the character U+00B0 + the digit: `±` for Alt-1, `²` for Alt-2,
/// `³`, `´`, `µ`, `¶`. Those six are read as Alt-digits on the desk, so they cannot be typed there: support replies
/// have no use for them, while a candidate on a stock xterm would otherwise see Alt-2 type `²` into a reply.
public struct ChatKeys: Sendable {
    /// What a key means at the chat desk.
    public enum Action: Equatable, Sendable {
        case shift(ChatShift.Event)
        /// Ctrl-N: the most urgent customer, by the session's first-reply target.
        case mostUrgent
        /// Ctrl-K: search the knowledge base.
        case search
        /// Ctrl-E: escalate the chat to a team.
        case escalate
        /// Ctrl-T: close the chat with a wrap-up tag.
        case close
        /// Ctrl-P: show or hide the customer's profile (in a window too narrow to show it beside the chat).
        case profile
        /// Esc or Ctrl-C: the first asks, the second ends the shift.
        case escape
        case resize
        /// A bracketed paste, refused as typing.
        case pasted
        /// Up, Down, Page Up, Page Down: scroll a screen taller than the window (the intro); lines, negative up,
        /// with `page` lines standing for a whole page.
        case scroll(Int)
    }

    /// What `scroll` counts for Page Up and Page Down.
    public static let page = 1000
    /// ncurses' KEY_DOWN, KEY_UP, KEY_NPAGE and KEY_PPAGE.
    static let scrollKeys: [UInt32: Int] = [258: 1, 259: -1, 338: page, 339: -page]

    /// ncurses' KEY_F(1); F2… follow.
    public static let functionKey1: Int32 = 265
    public static let controlN: UInt32 = 14
    /// What a stock xterm's 8-bit meta key makes of Alt-1 (the digit 1, 0x31, with its top bit set: U+00B1 `±`);
    /// Alt-2… follow.
    static let metaDigit1: UInt32 = 0x80 | 0x31
    /// The help desk's keys: Ctrl-K, Ctrl-E, Ctrl-T, Ctrl-P.
    static let deskKeys: [UInt32: Action] = [11: .search, 5: .escalate, 20: .close, 16: .profile]
    /// F1-F6 and Alt-1..Alt-6: one per chat a shift can hold.
    static let chatKeys = ChatShift.maximumChats

    private var decoder: KeyDecoder
    /// The last raw key was a lone Esc that began no escape sequence: a digit after it is Alt-digit.
    private var afterEscape = false

    public init(codes: KeyDecoder.Codes = KeyDecoder.Codes()) {
        decoder = KeyDecoder(codes: codes)
    }

    /// How long to wait for the next key before a timeout (inside an escape sequence or a paste); nil between keys.
    public var keyTimeout: Int? { decoder.keyTimeout }

    /// The chat (0-based) an Alt-digit picks, when `key` completes one: a digit after a lone Esc, or a digit with
    /// xterm's 8-bit meta bit.
    private func altDigit(_ key: RawKey) -> Int? {
        guard case .character(let value) = key else { return nil }
        let digit1: UInt32 = afterEscape ? 0x31 : ChatKeys.metaDigit1
        guard value >= digit1, value < digit1 + UInt32(ChatKeys.chatKeys) else { return nil }
        // The meta form only between keys: inside a paste or a sequence the decoder has its own use for a key.
        guard afterEscape || decoder.keyTimeout == nil else { return nil }
        return Int(value - digit1)
    }

    public mutating func decode(_ key: RawKey) -> [Action] {
        if let chat = altDigit(key) {
            // After Esc, a fresh decoder forgets the Esc.
            if afterEscape { decoder = KeyDecoder(codes: decoder.codes) }
            afterEscape = false
            return [.shift(.select(chat))]
        }
        let wasGround = decoder.keyTimeout == nil
        afterEscape = wasGround && key == .character(27)
        var actions: [Action] = []
        for event in decoder.decode(key) {
            switch event {
            case .type(let character): actions.append(.shift(.type(character)))
            case .backspace: actions.append(.shift(.backspace))
            case .wordBackspace: actions.append(.shift(.wordBackspace))
            case .restart: actions.append(.shift(.tab))
            case .quit: actions.append(.escape)
            case .resize: actions.append(.resize)
            case .pasted: actions.append(.pasted)
            case .focusLost, .focusGained: break
            case .other(let code):
                if decoder.codes.isEnter(code) {
                    actions.append(.shift(.send))
                } else if code == ChatKeys.controlN {
                    actions.append(.mostUrgent)
                } else if let desk = ChatKeys.deskKeys[code] {
                    actions.append(desk)
                } else if let lines = ChatKeys.scrollKeys[code] {
                    actions.append(.scroll(lines))
                } else if code >= UInt32(ChatKeys.functionKey1), code < UInt32(ChatKeys.functionKey1) + UInt32(ChatKeys.chatKeys) {
                    actions.append(.shift(.select(Int(code) - Int(ChatKeys.functionKey1))))
                }
            }
        }
        return actions
    }
}
