import TypeBarCore

/// The last wrapped conversation, hint and profile, by what they were wrapped from. Used on the main actor only.
final class WrappedLines: @unchecked Sendable {
    struct Key: Equatable {
        var customer: Int
        /// Messages for the conversation, the turn for the hint.
        var count: Int
        var state: Int
        var width: Int
    }

    /// The conversation, the reply expected and the profile (in the conversation's place, and in its pane), each
    /// wrapped again only when what it is wrapped from changes.
    var conversation = Memo<Key, [DeskLine]>()
    var hint = Memo<Key, Guide>()
    var profile = Memo<Key, [DeskLine]>()
    var pane = Memo<Key, [DeskLine]>()

    /// What the screen apart from the reply box is drawn from.
    struct Background: Equatable {
        var rows: Int
        var columns: Int
        var second: Int
        var revision: Int
        var drafts: [Bool]
        var notice: String?
        var confirmingLeave: Bool
        var announcementFresh: Bool
        /// The first line of the reply expected shown, when it is too long for its rows.
        var hintStart: Int
        /// The tool open (`kind`, 0 for none), the rows under the line, and whether the profile is shown instead of
        /// the conversation.
        var panel: Int
        var panelRows: Int
        var profileShown: Bool
    }

    private var backgroundKey: Background?
    private var backgroundFrame: Frame?

    /// The frame before last and the last drawn over the kept background, and the rows each drew over it.
    private var beforeLast: (frame: Frame, rows: Range<Int>)?
    private var last: (frame: Frame, rows: Range<Int>)?

    /// A frame showing the background for `key` (made by `make` when the key changed), to draw a key's changes on.
    /// Between changes to the background, the frame before last, which the screen has let go of, with
    /// its own changes undone: its cells change in place instead of the whole background being copied at every key.
    func canvas(_ key: Background, make: () -> Frame) -> Frame {
        if key != backgroundKey || backgroundFrame == nil {
            let made = make()
            backgroundFrame = made
            backgroundKey = key
            // The two frames drawn over the old background are drawn on again, every row put back from the new
            // one: a copy of the cells into a frame already there, not a new frame copied from the background.
            func reused(_ kept: (frame: Frame, rows: Range<Int>)?) -> (frame: Frame, rows: Range<Int>)? {
                guard let kept, kept.frame.width == made.width, kept.frame.height == made.height else { return nil }
                return (kept.frame, 0..<made.height)
            }
            beforeLast = reused(beforeLast)
            last = reused(last)
        }
        guard let background = backgroundFrame else { return make() }
        guard let kept = beforeLast else { return background }
        beforeLast = nil
        var frame = kept.frame
        frame.restore(kept.rows.clamped(to: 0..<frame.height), from: background)
        return frame
    }

    /// The frame drawn on a canvas, over the background in `rows` only.
    func keep(_ frame: Frame, rows: Range<Int>) {
        beforeLast = last
        last = (frame, rows)
    }

    /// The reply box's canned pieces as last measured, by their place in the draft.
    private var measuredPieces: [(text: [Character], glyphs: [Glyph], clusters: Bool)] = []

    /// `text`'s glyphs, and whether any is a character of several scalars: measured again only when the draft's
    /// piece `piece` is not the text measured last (the same array, unchanged, compares at once).
    func measured(_ text: [Character], piece: Int) -> (glyphs: [Glyph], clusters: Bool) {
        if piece < measuredPieces.count, measuredPieces[piece].text == text {
            return (measuredPieces[piece].glyphs, measuredPieces[piece].clusters)
        }
        let measured = Glyph.measure(text)
        while measuredPieces.count <= piece { measuredPieces.append(([], [], false)) }
        measuredPieces[piece] = (text, measured.glyphs, measured.clusters)
        return measured
    }

    /// What the conversation's last line and the reply expected depend on besides the messages and the turn.
    static func state(_ customer: ChatShift.Customer, in shift: ChatShift) -> Int {
        switch customer.status {
        case .expected, .queued, .waiting: 0
        case .typing: 1
        case .served: customer.closedTag == nil ? 2 : 3
        case .left: 4
        case .holding: 5
        case .transferred: 6
        case .closed: 7
        }
    }

    /// A tool as the kept frame knows it: which one is open.
    static func kind(_ panel: DeskPanel) -> Int {
        switch panel {
        case .search: 1
        case .escalate(let escalation): escalation.team == nil ? 2 : 3
        case .close: 4
        }
    }

    /// What the bottom lines are drawn from: the shift's state, the width, the notice or the Esc prompt, the
    /// announcement shown (its time and chat), the tool open and whether it is a replay.
    struct FooterKey: Equatable {
        var revision: Int
        var columns: Int
        var notice: String?
        var confirmingLeave: Bool
        var announcementTime: Double?
        var announcementChat: Int?
        var panel: Int
        var replay: Bool
    }

    var footer = Memo<FooterKey, [(String, Role)]>()
}

/// The last value made, by what it was made from: made again only for a different key.
struct Memo<Key: Equatable, Value> {
    private var key: Key?
    private var value: Value?

    mutating func callAsFunction(_ key: Key, make: () -> Value) -> Value {
        if let value, key == self.key { return value }
        let made = make()
        value = made
        self.key = key
        return made
    }
}

/// What is shown under the conversation's line, wrapped: the reply expected or a tip.
struct Guide {
    var lines: [String] = []
    var role: Role = .dim
    /// Characters before the reply itself ("Type: "), so the agent's place in it can be found.
    var lead = 0

    /// The first of `rows` lines to show so the line holding character `position` is on screen, with the line
    /// before it when there is room for more than two.
    func firstLine(showing position: Int, rows: Int) -> Int {
        var line = 0
        var end = 0
        for (number, text) in lines.enumerated() {
            // wrapWords dropped the space that ended each line.
            end += text.count + 1
            line = number
            if position < end { break }
        }
        return max(0, min(line - (rows > 2 ? 1 : 0), lines.count - rows))
    }
}
