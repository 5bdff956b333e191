#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TypeBarCore

/// The last wrapped conversation, hint and profile, by what they were wrapped from. Used on the main actor only.
///
/// Its stored properties are `@exclusivity(unchecked)`: a class's property is otherwise checked at run time at each
/// access that may change it, and a key's frame makes a dozen such accesses here (about 1,000 instructions of the
/// desk's 23,000 a key, `benchmarks/key-instructions.py --chat template`). Each access is to one property in
/// straight-line code of the view's, none of them from a closure handed to another access of the same property.
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
    @exclusivity(unchecked) var conversation = Memo<Key, [DeskLine]>()
    @exclusivity(unchecked) var hint = Memo<Key, Guide>()
    @exclusivity(unchecked) var profile = Memo<Key, [DeskLine]>()
    @exclusivity(unchecked) var pane = Memo<Key, [DeskLine]>()

    /// What the title says before its clock, by the room the clock leaves: drawn again every second, it is made
    /// again only when the clock's width changes.
    struct TitleKey: Equatable {
        var room: Int
        var scenario: String
        var mode: String
        var replay: String?
    }
    @exclusivity(unchecked) var title = Memo<TitleKey, (brand: String, about: String)>()

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

        func differsInTheSecondOnly(from other: Background) -> Bool {
            var same = self
            same.second = other.second
            return second != other.second && same == other
        }
    }

    /// What the kept background was made from; meaningless while no background is held. Not an optional, so the
    /// comparison at every key is of the two values in place, not of copies of them wrapped.
    @exclusivity(unchecked) private var backgroundKey = Background(
        rows: 0, columns: 0, second: 0, revision: 0, drafts: [], notice: nil, confirmingLeave: false, announcementFresh: false,
        hintStart: 0, panel: 0, panelRows: 0, profileShown: false)
    /// The kept background, when `backgroundHeld`. The frames here are never optionals: an optional frame (a struct
    /// of several fields) is copied and destroyed through the run time's generic value witnesses, its type
    /// metadata looked up, and that was done several times a key. An empty frame (0 x 0) stands for none.
    @exclusivity(unchecked) private var backgroundFrame = Frame.empty
    @exclusivity(unchecked) private var backgroundHeld = false

    /// A frame drawn over the kept background, and the rows it drew over it; `held` false for none.
    struct Drawn {
        var frame: Frame
        var rows: Range<Int>
        var held: Bool

        static var none: Drawn { Drawn(frame: .empty, rows: 0..<0, held: false) }
    }
    /// The frame before last and the last drawn over the kept background.
    @exclusivity(unchecked) private var beforeLast = Drawn.none
    @exclusivity(unchecked) private var last = Drawn.none

    /// A frame showing the background for `key` (made by `make` when the key changed), to draw a key's changes on.
    /// Between changes to the background, the frame before last, which the screen has let go of, with
    /// its own changes undone: its cells change in place instead of the whole background being copied at every key.
    /// When only the second changed, the kept background has its clocks drawn again by `tick` instead: the
    /// conversation, the reply expected, the profile and the key bar stay as they are.
    func canvas(_ key: Background, make: () -> Frame, tick: (inout Frame) -> Void) -> Frame {
        if !backgroundHeld || key != backgroundKey {
            let made: Frame
            if backgroundHeld, backgroundFrame.clusters.isEmpty, backgroundKey.differsInTheSecondOnly(from: key) {
                // Taken out, so held once: drawn on in place, not copied.
                var kept = Frame.empty
                swap(&kept, &backgroundFrame)
                tick(&kept)
                made = kept
            } else {
                made = make()
            }
            backgroundFrame = made
            backgroundHeld = true
            backgroundKey = key
            backgroundsMade += 1
            // The two frames drawn over the old background are drawn on again, every row put back from the new
            // one: a copy of the cells into a frame already there, not a new frame copied from the background.
            func reuse(_ slot: inout Drawn) {
                if slot.held && slot.frame.hasSize(of: made) {
                    slot.rows = 0..<made.height
                } else {
                    slot = .none
                }
            }
            reuse(&beforeLast)
            reuse(&last)
        }
        guard beforeLast.held else { return backgroundFrame }
        // Taken, not copied: the frame's cells are then its own, and change in place.
        var kept = Drawn.none
        swap(&kept, &beforeLast)
        kept.frame.restore(kept.rows.clamped(to: 0..<kept.frame.height), from: backgroundFrame)
        return kept.frame
    }

    /// The frame drawn on a canvas, over the background in `rows` only.
    func keep(_ frame: Frame, rows: Range<Int>) {
        swap(&beforeLast, &last)
        last = Drawn(frame: frame, rows: rows, held: true)
    }

    /// The reply box's draft, measured and laid out, kept from key to key.
    @exclusivity(unchecked) var reply = ReplyLayout()
    /// The background the last frame's reply box was drawn over (`backgroundsMade` then), if it was drawn.
    @exclusivity(unchecked) var replyDrawnOver: Int?

    /// How many backgrounds have been made or had their clocks drawn again: a row drawn over the same background
    /// and the same panel row is the same row.
    @exclusivity(unchecked) private(set) var backgroundsMade = 0
    /// The last frame drawn, when it was drawn over the background kept now (`drawnOver`, a `backgroundsMade`
    /// count), at `frame`'s size, and neither holds clusters: a row it drew as `frame` would have it can be copied
    /// from it whole. An open tool's unchanged rows and the reply box's are. Else an empty frame (0 x 0).
    func lastFrame(drawnOver: Int?, for frame: Frame) -> Frame {
        guard drawnOver == backgroundsMade, last.held, last.frame.hasSize(of: frame),
              last.frame.clusters.isEmpty, frame.clusters.isEmpty else { return .empty }
        return last.frame
    }
    /// An open tool's rows as the last frame drew them: where, and over which background.
    struct PanelDrawn {
        var rows: [PanelRow]
        var top: Int
        var left: Int
        var width: Int
        var background: Int
    }
    @exclusivity(unchecked) var panelDrawn: PanelDrawn?

    /// What a search's list of replies is drawn from.
    struct ListKey: Equatable {
        var results: DeskPanel.Search.Results
        var selection: Int
        var width: Int
        var rows: Int
    }
    @exclusivity(unchecked) var list = Memo<ListKey, [PanelRow]>()

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

    @exclusivity(unchecked) var footer = Memo<FooterKey, [(String, Role)]>()

    /// A reply's rows in a search's list: its title row, plain and chosen, and the start of its text under it. A
    /// class: an optional of it is a pointer, not a struct copied through the run time's generic value witnesses.
    final class ReplyRows {
        let title: PanelRow
        let chosenTitle: PanelRow
        let preview: PanelRow

        init(title: PanelRow, chosenTitle: PanelRow, preview: PanelRow) {
            self.title = title
            self.chosenTitle = chosenTitle
            self.preview = preview
        }
    }
    /// Each reply's rows by its place in the knowledge base, made the first time it is listed at this width: the
    /// same few replies are listed again at every key of a query. Kept for the replies and the width they were
    /// made for.
    @exclusivity(unchecked) private var replyRows: [ReplyRows?] = []
    @exclusivity(unchecked) private var rowsMadeFor: (replies: [ChatMacro], width: Int) = ([], 0)

    func rows(of place: Int, in results: DeskPanel.Search.Results, width: Int, make: (ChatMacro) -> ReplyRows) -> ReplyRows {
        // The same array compares at once; another knowledge base or width starts the rows again.
        if rowsMadeFor.width != width || rowsMadeFor.replies != results.replies {
            rowsMadeFor = (results.replies, width)
            replyRows = Array(repeating: nil, count: results.replies.count)
        }
        if let made = replyRows[place] { return made }
        let made = make(results.replies[place])
        replyRows[place] = made
        return made
    }
}

/// The last value made, by what it was made from: made again only for a different key.
///
/// The key and value are held in a box: an optional key held in place (a struct of several fields) was compared,
/// copied and destroyed through the run time's generic value witnesses, with the optional's type metadata looked
/// up, several times a key.
struct Memo<Key: Equatable, Value> {
    private final class Kept {
        let key: Key
        let value: Value

        init(key: Key, value: Value) {
            self.key = key
            self.value = value
        }
    }
    private var kept: Kept?

    mutating func callAsFunction(_ key: Key, make: () -> Value) -> Value {
        if let kept, kept.key == key { return kept.value }
        let made = make()
        kept = Kept(key: key, value: made)
        return made
    }
}

/// The reply box's draft as glyphs laid out in lines, kept from key to key. A key changes a draft from one
/// character on (one typed or deleted at the end or in a blank, a macro inserted, another chat's draft shown), so
/// the characters before it are not measured again, and the lines before the one holding the last space before it
/// are not laid out again: a line's start depends only on what comes before it, and the last word before the change
/// ends at that space. What `update` leaves is what measuring and laying out the whole draft gives.
struct ReplyLayout {
    /// A piece of the draft as shown: its characters and their role; canned text, which does not change while it
    /// is in the draft, has its glyphs kept by its place in the draft; an empty blank shows as its name.
    struct Piece {
        var text: [Character]
        var role: Role
        var canned = false
        /// An empty blank's name: the piece shows "[name]".
        var blank: String?

        var shown: [Character] { blank.map { Array("[" + $0 + "]") } ?? text }
    }

    /// What is kept of a piece laid out, to compare the next draft's with: its look and its characters. Canned
    /// text (which the draft never changes) is shared with the draft; the rest is the layout's own copy, kept up to
    /// date from the change on, so the draft holds the only reference to the characters being typed and a key adds
    /// to them in place, not to a copy of them all.
    private struct Kept {
        var role: Role
        var canned: Bool
        var blank: String?
        var text: [Character]

        init(_ piece: Piece) {
            role = piece.role
            canned = piece.canned
            blank = piece.blank
            if piece.canned {
                text = piece.text
            } else {
                text = []
                text.append(contentsOf: piece.text)
            }
        }

        func isSame(as piece: Piece) -> Bool {
            role == piece.role && canned == piece.canned && blank == piece.blank && text.count == piece.text.count
                && ReplyLayout.sharedPrefix(text, piece.text) == text.count
        }
    }

    private(set) var glyphs: [Glyph] = []
    private(set) var roles: [Role] = []
    /// The glyphs that stand for a character of several scalars, with the character.
    private(set) var clusters: [(index: Int, character: Character)] = []
    private(set) var columns: [Int] = []
    private var ends: [Int] = []
    private var width = 0
    private var pieces: [Kept] = []
    /// Where each piece's glyphs start.
    private var starts: [Int] = []
    /// What an update measures, gathered before it goes in: kept, so their memory is not allocated at every key.
    private var added: [Glyph] = []
    private var addedRoles: [Role] = []
    private var addedStarts: [Int] = []
    /// The old lines' starts after the change, where laying out may stop.
    private var rejoin: [Int] = []
    /// What the last update left as it was: lines before `sameBefore` are the old lines of the same number, and
    /// lines from `sameFrom` on are the old lines `lineShift` numbers before them, glyph for glyph.
    private var sameBefore = 0
    private var sameFrom = Int.max
    private var lineShift = 0
    /// Where the last `draw` put the lines: the first line shown, how many, and the box.
    private var drawn: (first: Int, shown: Int, top: Int, count: Int, left: Int)?
    /// The canned pieces as last measured, by their place in the draft.
    private var canned: [(text: [Character], glyphs: [Glyph], clusters: Bool)] = []

    var lines: TextLayout.Lines { TextLayout.Lines(ends: ends) }

    /// Where the glyphs of piece `piece` start.
    func start(of piece: Int) -> Int { piece < starts.count ? starts[piece] : glyphs.count }

    /// The character a cluster glyph at `index` stands for.
    func character(at index: Int) -> Character {
        clusters.first { $0.index == index }?.character ?? " "
    }

    mutating func update(_ new: [Piece], width: Int) {
        let width = max(1, width)
        // The pieces the same at the start and at the end; those between are measured again, the first of them
        // from its first character that differs.
        // Compared through buffers: the pieces in place, not copied (and their arrays retained) to be compared.
        var front = 0
        var back = 0
        pieces.withUnsafeBufferPointer { kept in
            new.withUnsafeBufferPointer { new in
                while front < kept.count && front < new.count && kept[front].isSame(as: new[front]) { front += 1 }
                while back < kept.count - front && back < new.count - front
                    && kept[kept.count - 1 - back].isSame(as: new[new.count - 1 - back]) { back += 1 }
            }
        }
        let (oldRest, newRest) = (pieces.count - back, new.count - back)
        if front == oldRest && front == newRest && width == self.width {
            (sameBefore, sameFrom, lineShift) = (Int.max, Int.max, 0)
            return
        }
        var same = 0
        if front < oldRest && front < newRest, pieces[front].role == new[front].role, pieces[front].blank == nil, new[front].blank == nil {
            same = ReplyLayout.sharedPrefix(pieces[front].text, new[front].text)
        }
        let changed = (front < starts.count ? starts[front] : glyphs.count) + same
        let oldEnd = oldRest < starts.count ? starts[oldRest] : glyphs.count
        // The new glyphs are gathered in buffers kept from update to update: a key allocates nothing.
        added.removeAll(keepingCapacity: true)
        addedRoles.removeAll(keepingCapacity: true)
        addedStarts.removeAll(keepingCapacity: true)
        var addedClusters: [(index: Int, character: Character)] = []
        for index in front..<newRest {
            let piece = new[index]
            let from = index == front ? same : 0
            addedStarts.append(changed + added.count - from)
            let shown = piece.shown
            let count = added.count
            var hasClusters = false
            if piece.canned && from == 0 {
                let measured = measuredCanned(shown, piece: index)
                added.append(contentsOf: measured.glyphs)
                hasClusters = measured.clusters
            } else {
                hasClusters = Glyph.measure(shown[from...], into: &added)
            }
            if hasClusters {
                for offset in count..<added.count where added[offset].isCluster {
                    addedClusters.append((changed + offset, shown[from + offset - count]))
                }
            }
            addedRoles.append(contentsOf: repeatElement(piece.role, count: added.count - count))
        }
        let shift = added.count - (oldEnd - changed)
        glyphs.replaceSubrange(changed..<oldEnd, with: added)
        roles.replaceSubrange(changed..<oldEnd, with: addedRoles)
        if !clusters.isEmpty || !addedClusters.isEmpty {
            clusters = clusters.filter { $0.index < changed } + addedClusters
                + clusters.filter { $0.index >= oldEnd }.map { ($0.index + shift, $0.character) }
        }
        if oldRest - front == newRest - front {
            for index in front..<newRest {
                if index == front && !pieces[index].canned && !new[index].canned && pieces[index].blank == new[index].blank {
                    // The piece a key changed: its kept characters mended from the first that differs.
                    pieces[index].role = new[index].role
                    pieces[index].text.removeSubrange(same...)
                    pieces[index].text.append(contentsOf: new[index].text[same...])
                } else {
                    pieces[index] = Kept(new[index])
                }
            }
        } else {
            pieces.replaceSubrange(front..<oldRest, with: new[front..<newRest].map(Kept.init))
        }
        // Where each piece starts: the same before the change, moved by what it added or took after it.
        starts.replaceSubrange(front..<oldRest, with: addedStarts)
        for index in (front + addedStarts.count)..<starts.count { starts[index] += shift }
        // Laid out again from the start of the line holding the last space before the first glyph changed, up to
        // a line that starts where one did before, after the change: the text from there is the same, moved along,
        // and so are its lines.
        var restart = 0
        let oldLines = ends.count
        rejoin.removeAll(keepingCapacity: true)
        (sameBefore, sameFrom, lineShift) = (0, Int.max, 0)
        if width == self.width {
            var space = changed - 1
            while space >= 0 && !glyphs[space].isSpace { space -= 1 }
            let line = space >= 0 ? lines.line(of: space) : 0
            restart = line == 0 ? 0 : ends[line - 1]
            for end in ends[line...] where end >= oldEnd { rejoin.append(end) }
            ends.removeSubrange(line...)
            sameBefore = line
        } else {
            ends.removeAll(keepingCapacity: true)
        }
        self.width = width
        // A column each glyph, as `glyphs` had: the kept columns before the change stay, the rest are laid out.
        columns.replaceSubrange(changed..<oldEnd, with: repeatElement(0, count: added.count))
        if let rejoined = TextLayout.layOut(glyphs, width: width, from: restart, columns: &columns, ends: &ends, rejoin: rejoin, shift: shift) {
            (sameFrom, lineShift) = (rejoined, ends.count - oldLines)
        }
    }

    /// Draws `lines` lines on `frame` from row `top` and column `left`: the last of them the one holding glyph
    /// `cursor`, or as many from the first as there are. Returns where the cursor goes: at glyph `cursor`, or after
    /// the last glyph. It records where it drew, for the next draw; being mutating, it is also called on the cache's
    /// layout in place (a non-mutating method was handed a copy of it, every array retained and released).
    ///
    /// `earlier`, unless empty (0 x 0), is the frame the last `draw` drew on, over the same background as `frame`: a line the
    /// last update left as it was, shown on the same row as then, has its row copied from it, a block of bytes that
    /// the painter passes over unread (a key typed in a reply's first line leaves the lines after it alone).
    mutating func draw(into frame: inout Frame, cursor: Int, top: Int, lines count: Int, left: Int, earlier: Frame) -> (row: Int, column: Int) {
        let hasEarlier = earlier.hasSize(of: frame)
        let lines = self.lines
        let cursorLine = lines.line(of: cursor)
        let first = max(0, cursorLine - (count - 1))
        let shown = min(lines.count, first + count) - first
        let before = drawn.flatMap { $0.top == top && $0.count == count && $0.left == left ? $0 : nil }
        drawn = (first, shown, top, count, left)
        for line in first..<(first + shown) {
            let range = lines[line]
            let row = top + line - first
            // The old line shown on this row last time, and whether it is this one unchanged.
            if let before, hasEarlier, line - first < before.shown {
                let old = before.first + line - first
                if (line < sameBefore && old == line) || (line >= sameFrom && old == line - lineShift) {
                    frame.copyRow(row, from: earlier)
                    continue
                }
            }
            if let start = range.first, frame.put(run: range, of: glyphs, roles: roles, columns: columns, row: row, column: left + columns[start]) {
                continue
            }
            for index in range {
                frame.put(glyphs[index], row: row, column: left + columns[index], role: roles[index], character: character(at: index))
            }
        }
        let column: Int
        if cursor < glyphs.count {
            column = columns[cursor]
        } else if let last = lines[cursorLine].last {
            column = columns[last] + Int(glyphs[last].width)
        } else {
            column = 0
        }
        return (top + cursorLine - first, min(frame.width - 1, left + column))
    }

    /// A canned piece's glyphs, measured again only when the draft's piece `piece` is not the text measured last.
    private mutating func measuredCanned(_ text: [Character], piece: Int) -> (glyphs: [Glyph], clusters: Bool) {
        if piece < canned.count, canned[piece].text.count == text.count, ReplyLayout.sharedPrefix(canned[piece].text, text) == text.count {
            return (canned[piece].glyphs, canned[piece].clusters)
        }
        var glyphs: [Glyph] = []
        glyphs.reserveCapacity(text.count)
        let clusters = Glyph.measure(text[...], into: &glyphs)
        while canned.count <= piece { canned.append(([], [], false)) }
        canned[piece] = (text, glyphs, clusters)
        return (glyphs, clusters)
    }

    /// How many first characters `a` and `b` hold stored alike: the whole of the shorter at once when they are the
    /// same array, else compared by their bits. Not Swift's `==`, for which "é" and "e" with a combining accent are
    /// the same character: they are measured and drawn differently.
    static func sharedPrefix(_ a: [Character], _ b: [Character]) -> Int {
        let count = min(a.count, b.count)
        let stride = MemoryLayout<Character>.stride
        return a.withUnsafeBytes { a in
            b.withUnsafeBytes { b in
                guard let first = a.baseAddress, let second = b.baseAddress else { return 0 }
                if first == second { return count }
                // Most often one is the other with a character added or taken at its end: all of it at once.
                if memcmp(first, second, count * stride) == 0 { return count }
                var index = 0
                while index < count {
                    var offset = index * stride
                    let end = offset + stride
                    while offset + 8 <= end, a.loadUnaligned(fromByteOffset: offset, as: UInt64.self) == b.loadUnaligned(fromByteOffset: offset, as: UInt64.self) {
                        offset += 8
                    }
                    if offset < end { break }
                    index += 1
                }
                return index
            }
        }
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

extension DeskPanel {
    /// A tool as the kept frame knows it: which one is open.
    var kind: Int {
        switch self {
        case .search: DeskPanel.searchKind
        case .escalate(let escalation): escalation.team == nil ? DeskPanel.teamKind : DeskPanel.noteKind
        case .close: DeskPanel.closeKind
        }
    }

    static let searchKind = 1, teamKind = 2, noteKind = 3, closeKind = 4
}
