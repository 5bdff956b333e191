import TypeBarCore

/// Keys of the chat desk on top of the typing keys: F1-F6 and Alt-1..Alt-6 pick a chat, Ctrl-N the most urgent
/// customer, Enter sends, Tab inserts a macro or moves to the next blank, Esc twice leaves; the help desk's own
/// (desk and free modes) open the knowledge-base search (Ctrl-K; `/` is the session's to read, since it depends on
/// the draft), an escalation (Ctrl-E), a close (Ctrl-T), and show the customer's profile (Ctrl-P). Every one of
/// them is a C0 control a terminal in raw mode passes through, tmux and xterm included.
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

    /// Whether to wait only briefly for the rest of an escape sequence.
    public var isMidSequence: Bool { decoder.isMidSequence }

    public mutating func decode(_ key: RawKey) -> [Action] {
        if afterEscape, case .character(let value) = key, (49..<(49 + UInt32(ChatKeys.chatKeys))).contains(value) {
            // Alt-1..Alt-6 (Esc then the digit): a fresh decoder forgets the Esc.
            afterEscape = false
            decoder = KeyDecoder(codes: decoder.codes)
            return [.shift(.select(Int(value) - 49))]
        }
        let wasGround = !decoder.isMidSequence && !decoder.isPasting
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
                if code == 10 || code == 13 || code == UInt32(bitPattern: decoder.codes.enter) {
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
