#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns frames into the bytes that take a terminal from the frame it shows to the next one: only the cells that
/// changed, a cursor address before each run of them, one precomputed sequence for each change of look, the
/// attributes back to normal at the end and the cursor where the frame wants it. The sequences come from the
/// terminal's own terminfo entry (`Codes`); nothing here talks to a terminal, so every byte is testable.
///
/// typebar draws through this rather than through ncurses's own screen update, which weighs several cursor
/// movements for every changed cell and formats them with `sprintf`: the frames already say exactly which cells
/// changed (docs/performance.md, "Typing screen", gives a key's instructions with the command that counts them).
/// A row whose cells moved along, as a reply's do when a character is typed or deleted before them, is shifted
/// with the terminal's own insert- or delete-character when that writes fewer bytes than writing the cells again.
public struct FramePainter {
    /// What a terminal understands, from terminfo (`clear`, `sgr0`, `cup`, `cnorm`, `civis`, `am` and the
    /// attribute and colour capabilities), padding removed.
    public struct Codes {
        /// Clears the screen and homes the cursor.
        public var clear: [UInt8]
        /// Every attribute and colour off.
        public var normal: [UInt8]
        /// For each role (by raw value): `normal` and then what gives the role its look.
        public var looks: [[UInt8]]
        public var showCursor: [UInt8]
        public var hideCursor: [UInt8]
        /// How the cursor is put at (row, column), both from 0; nil for the ANSI form `ESC [ row+1 ; column+1 H`,
        /// which is formatted here without a call.
        public var moveTo: ((Int, Int) -> [UInt8])?
        /// Whether writing the last column of the last row scrolls the screen (automatic margins without the
        /// "eat newline" glitch that xterm and its kin have). That cell is then written between `marginsOff` and
        /// `marginsOn`; or, without those, one column early, with the cell before it then inserted in front of
        /// it (`insertBefore` and `insertAfter` around it: `ich1`, or `smir` and `rmir`); or, with neither, left
        /// alone.
        public var lastCellScrolls: Bool
        public var marginsOff: [UInt8]
        public var marginsOn: [UInt8]
        public var insertBefore: [UInt8]
        public var insertAfter: [UInt8]
        /// `ich` and `dch` for 1, 2, … columns (element 0 for one): blanks inserted at the cursor, the row's end
        /// falling off; characters deleted at the cursor, the row's end coming in. Empty without them.
        public var insertColumns: [[UInt8]]
        public var deleteColumns: [[UInt8]]
        /// Whether the terminal's character set is UTF-8; when not, characters go out in ASCII (`asciiFallback`).
        public var utf8: Bool

        public init(clear: [UInt8], normal: [UInt8], looks: [[UInt8]], showCursor: [UInt8], hideCursor: [UInt8],
                    moveTo: ((Int, Int) -> [UInt8])?, lastCellScrolls: Bool, marginsOff: [UInt8] = [], marginsOn: [UInt8] = [],
                    insertBefore: [UInt8] = [], insertAfter: [UInt8] = [], insertColumns: [[UInt8]] = [], deleteColumns: [[UInt8]] = [],
                    utf8: Bool) {
            self.clear = clear
            self.normal = normal
            self.looks = looks
            self.showCursor = showCursor
            self.hideCursor = hideCursor
            self.moveTo = moveTo
            self.lastCellScrolls = lastCellScrolls
            self.marginsOff = marginsOff
            self.marginsOn = marginsOn
            self.insertBefore = insertBefore
            self.insertAfter = insertAfter
            self.insertColumns = insertColumns
            self.deleteColumns = deleteColumns
            self.utf8 = utf8
        }
    }

    public let codes: Codes
    /// The frame on screen, when `showing`; else the next frame is painted whole. Not an optional: an optional
    /// frame was copied and destroyed through the run time's generic value witnesses, its type metadata looked up,
    /// at every paint.
    private var shown = Frame.empty
    private var showing = false
    /// Whether the terminal cursor shows: it does when a program starts.
    private var cursorShows = true
    /// Where the last frame left the terminal's cursor, when known: a keystroke's first change is often there.
    private var cursorAt: (row: Int, column: Int)?
    /// Whether the bottom-right corner was left unwritten (see `Codes.lastCellScrolls`), so the screen may not show
    /// what the frame on screen has there: it is tried again with each frame until it is written.
    private var cornerStale = false
    /// The memory frames' bytes are gathered in, kept from frame to frame (copies of a painter share it, and paint
    /// one at a time).
    private let memory = PaintMemory(capacity: 1024)

    public init(codes: Codes) {
        self.codes = codes
    }

    /// Forgets what is on screen, so the next frame clears the screen and is painted whole (after a resize).
    public mutating func invalidate() {
        shown = .empty
        showing = false
        cursorAt = nil
        cornerStale = false
    }

    /// Appends to `out` the bytes that show `frame`, and remembers it as the frame on screen.
    public mutating func paint(_ frame: Frame, into bytes: inout [UInt8]) {
        var out = ByteSink(memory)
        defer { out.append(to: &bytes) }
        // The frame on screen, if the next is painted over it; else (first, or a new size) the screen is cleared.
        let whole = !showing || !shown.hasSize(of: frame)
        let previous = whole ? frame : shown
        if frame.cursor == nil, cursorShows {
            out += codes.hideCursor
            cursorShows = false
        }
        // Where the terminal's cursor is, when known, and the look it writes in (the last frame ended in normal).
        var at = whole ? (0, 0) : cursorAt
        var look = Role.plain
        if whole {
            out += codes.normal
            out += codes.clear
        }
        // With the same clusters, equal cells show equal characters; with others, a cluster cell may not.
        let sameClusters = !whole && previous.clusters == frame.clusters
        let width = frame.width
        let lastCell = codes.lastCellScrolls ? frame.height * width - 1 : Int.max - 1
        var stale = !whole && cornerStale
        frame.cells.withUnsafeBufferPointer { cells in
            previous.cells.withUnsafeBufferPointer { before in
                // The changed cell over the bottom-right corner where writing there scrolls: written last.
                var corner: Int?
                for row in 0..<frame.height {
                    let start = row * width
                    if sameClusters
                        && (frame.rowStamps[row] == previous.rowStamps[row] || Cell.same(cells, before, from: start, count: width)) {
                        continue
                    }
                    // With the same clusters, equal cells need nothing: the row is walked from its first cell that
                    // changed to its last (a key changes a cell or two of a row of a hundred).
                    var first = 0
                    var last = width - 1
                    // Columns inserted (more than 0) or deleted (less) at `first`, the row's old cells moving along.
                    var shift = 0
                    // Whether the row moved one column along and nothing else changed: then only the column
                    // brought in is written.
                    var moved = false
                    if sameClusters {
                        while first < width && cells[start + first] == before[start + first] { first += 1 }
                        while last > first && cells[start + last] == before[start + last] { last -= 1 }
                        let (inserts, deletes) = (codes.insertColumns.count, codes.deleteColumns.count)
                        if first < last && (inserts > 0 || deletes > 0) && !(codes.lastCellScrolls && row == frame.height - 1) {
                            if let one = FramePainter.movedByOne(cells, over: before, row: start, first: first, last: last, width: width,
                                                                 inserts: inserts, deletes: deletes) {
                                shift = one
                                moved = one != 0
                            } else {
                                shift = FramePainter.weighedShift(cells, over: before, row: start, first: first, last: last, width: width,
                                                                  inserts: inserts, deletes: deletes)
                            }
                        }
                    }
                    let brought = FramePainter.brought(first: first, shift: shift, width: width)
                    if shift != 0 {
                        if !FramePainter.same(at, (row, first)) { move(to: row, first, into: &out) }
                        out += shift > 0 ? codes.insertColumns[shift - 1] : codes.deleteColumns[-shift - 1]
                        at = (row, first)
                        last = width - 1
                    }
                    for column in moved ? brought : first..<max(first, last + 1) {
                        let index = start + column
                        let cell = cells[index]
                        if cell == .continuation { continue }
                        if whole {
                            if cell == .blank { continue }
                        } else if shift != 0 {
                            if !brought.contains(column) && before[index - shift] == cell { continue }
                        } else if before[index] == cell && (cell.cluster == 0 || sameClusters) {
                            continue
                        }
                        if index >= lastCell - 1 && (index == lastCell || cells[lastCell] == .continuation) {
                            corner = index
                            continue
                        }
                        put(cell, of: frame, at: (row, column), cursor: &at, look: &look, into: &out)
                    }
                }
                if corner == nil && stale && lastCell < cells.count {
                    corner = cells[lastCell] == .continuation ? lastCell - 1 : lastCell
                }
                if let corner {
                    stale = !paintCorner(corner, cells: cells, of: frame, cursor: &at, look: &look, into: &out)
                }
            }
        }
        cornerStale = stale
        if look != .plain { out += codes.normal }
        if let cursor = frame.cursor {
            if !FramePainter.same(at, cursor) { move(to: cursor.row, cursor.column, into: &out) }
            at = cursor
            if !cursorShows {
                out += codes.showCursor
                cursorShows = true
            }
        }
        shown = frame
        showing = true
        cursorAt = at
    }

    /// The columns to insert (more than 0) or delete (less than 0) at `first`, where a row changed from `first` to
    /// `last`, so that the old cells, moved along, leave the fewest bytes to write; 0 when none does better than
    /// writing the changed cells. Only a row whose cells from `first` on are each a narrow character of one scalar
    /// is shifted (a wide one could be cut at the edge), by no more than the terminal's sequences go to.
    static func shift(_ cells: UnsafeBufferPointer<Cell>, over before: UnsafeBufferPointer<Cell>, row start: Int, first: Int, last: Int,
                      width: Int, inserts: Int, deletes: Int) -> Int {
        guard inserts > 0 || deletes > 0 else { return 0 }
        return movedByOne(cells, over: before, row: start, first: first, last: last, width: width, inserts: inserts, deletes: deletes)
            ?? weighedShift(cells, over: before, row: start, first: first, last: last, width: width, inserts: inserts, deletes: deletes)
    }

    /// `shift`'s answer found by weighing every shift that lines a run of old cells up with new ones.
    static func weighedShift(_ cells: UnsafeBufferPointer<Cell>, over before: UnsafeBufferPointer<Cell>, row start: Int, first: Int, last: Int,
                             width: Int, inserts: Int, deletes: Int) -> Int {
        guard inserts > 0 || deletes > 0 else { return 0 }
        // A shift is weighed only where old cells line up with new ones once moved along (`linedUp`): most changed
        // rows (a typed key's two cells) have none, found in a few compares before anything else is done.
        let reach = min(max(inserts, deletes), last - first)
        var best = 0
        // What writing the changed cells in place takes: found at the first shift weighed.
        var least = -1
        // The ich or dch sequence itself, about four bytes.
        let sequence = 4
        // Inserting k columns brings the old cell at `first` to `first + k`; deleting k brings the one at `first + k`
        // to `first`. False when the row cannot be shifted at all.
        func consider(_ shift: Int) -> Bool {
            if least < 0 {
                for column in first..<width {
                    let cell = before[start + column]
                    if cell.cluster != 0 || cell.scalar >= 0x300 || cell == .continuation { return false }
                }
                least = cost(cells, over: before, row: start, first: first, end: last + 1, shift: 0, width: width, limit: Int.max)
            }
            let bytes = sequence + cost(cells, over: before, row: start, first: first, end: width, shift: shift, width: width, limit: least - sequence)
            if bytes < least {
                best = shift
                least = bytes
            }
            return true
        }
        for count in 1...reach {
            if count <= inserts && linedUp(cells, before, from: start + first, by: count, end: start + width), !consider(count) { return 0 }
            if count <= deletes && linedUp(before, cells, from: start + first, by: count, end: start + width), !consider(-count) { return 0 }
        }
        return best
    }

    /// Whether `moved`, `by` columns on from `from`, shows what `stays` has from `from` for a few columns (or up to
    /// `end`): a shift is weighed only where a run of old cells lines up with new ones. A row whose text was replaced,
    /// as a search's list is at every key, lines single cells up (spaces, a letter) at many shifts, and weighing each
    /// walks the row; a shift that saves bytes lines up a run.
    @inline(__always)
    private static func linedUp(_ moved: UnsafeBufferPointer<Cell>, _ stays: UnsafeBufferPointer<Cell>, from: Int, by: Int, end: Int) -> Bool {
        var column = from
        while column < from + 3 && column + by < end {
            guard moved[column + by] == stays[column] else { return false }
            column += 1
        }
        return column > from
    }

    /// What `shift` answers, found without weighing every shift, for the usual change: a character typed or deleted
    /// inside a line, the rest of the row moved one column along and nothing else changed. Weighed in `shift`'s
    /// order, that shift (an insert before a delete) comes first and no other writes fewer bytes (a sequence and a
    /// new cell), so the answer is it, or 0 when writing in place is as short. Nil for any other change.
    static func movedByOne(_ cells: UnsafeBufferPointer<Cell>, over before: UnsafeBufferPointer<Cell>, row start: Int, first: Int,
                           last: Int, width: Int, inserts: Int, deletes: Int) -> Int? {
        guard last > first, start >= 0, start + width <= cells.count, start + width <= before.count,
              let new = cells.baseAddress, let old = before.baseAddress else { return nil }
        let moved = (width - first - 1) * MemoryLayout<Cell>.stride
        var shift = 0
        if inserts >= 1 && cells[start + first + 1] == before[start + first] {
            // Inserting one is weighed first: it is the answer only if it leaves nothing else to write.
            guard memcmp(new + start + first + 1, old + start + first, moved) == 0 else { return nil }
            shift = 1
        } else if deletes >= 1 && before[start + first + 1] == cells[start + first] {
            guard memcmp(new + start + first, old + start + first + 1, moved) == 0 else { return nil }
            shift = -1
        } else {
            return nil
        }
        for column in first..<width {
            let cell = before[start + column]
            if cell.cluster != 0 || cell.scalar >= 0x300 || cell == .continuation { return 0 }
        }
        // The sequence, and the one column brought in, as `cost` counts them: an address and its cell (a wide
        // character's right half costs nothing).
        let brought = shift > 0 ? start + first : start + width - 1
        let bytes = 4 + (cells[brought] == .continuation ? 0 : 7)
        let inPlace = cost(cells, over: before, row: start, first: first, end: last + 1, shift: 0, width: width, limit: bytes + 1)
        return inPlace <= bytes ? 0 : shift
    }

    /// About how many bytes writing the cells from `first` to `end` that differ from the old row, shifted, takes:
    /// a byte a cell, and an address before each run of them; at least `limit` when it reaches that.
    private static func cost(_ cells: UnsafeBufferPointer<Cell>, over before: UnsafeBufferPointer<Cell>, row start: Int, first: Int, end: Int,
                             shift: Int, width: Int, limit: Int) -> Int {
        guard limit > 0 else { return limit }
        var bytes = 0
        var running = false
        let brought = brought(first: first, shift: shift, width: width)
        for column in first..<end {
            let cell = cells[start + column]
            let differs = cell != .continuation && (brought.contains(column) || before[start + column - shift] != cell)
            if differs {
                bytes += running ? 1 : 7
                if bytes >= limit { return limit }
            }
            running = differs
        }
        return bytes
    }

    /// The columns where the terminal brought in blanks when `shift` columns were inserted or deleted at `first`:
    /// their look is the terminal's to choose, so they are always written. Elsewhere from `first` on, the old cell
    /// `shift` columns before shows.
    private static func brought(first: Int, shift: Int, width: Int) -> Range<Int> {
        shift > 0 ? first..<(first + shift) : shift < 0 ? (width + shift)..<width : 0..<0
    }

    /// Writes `cell` at `place`: an address unless the cursor is there, its look unless current, its character.
    private func put(_ cell: Cell, of frame: Frame, at place: (row: Int, column: Int), cursor at: inout (row: Int, column: Int)?,
                     look: inout Role, into out: inout ByteSink) {
        prepare(cell, at: place, cursor: at, look: &look, into: &out)
        let advances = write(cell, of: frame, into: &out)
        // After a character whose width the terminal may reckon otherwise, or at the right edge (where the cursor
        // waits to wrap), the next cell gets an address of its own.
        at = advances && place.column + 1 < frame.width ? (place.row, place.column + 1) : nil
    }

    /// The address of `place` unless the cursor is there, and `cell`'s look unless it is the current one.
    private func prepare(_ cell: Cell, at place: (row: Int, column: Int), cursor at: (row: Int, column: Int)?,
                         look: inout Role, into out: inout ByteSink) {
        if !FramePainter.same(at, place) { move(to: place.row, place.column, into: &out) }
        // Compared as stored: most cells keep the look of the one before.
        if cell.roleValue != UInt32(look.rawValue) {
            look = cell.role
            out += codes.looks[Int(look.rawValue)]
        }
    }

    /// Writes the cell at `index`, which covers the bottom-right corner of a terminal that scrolls when that is
    /// written: with automatic margins off; or one column early, then the cell before it inserted in front of it,
    /// which pushes it into the corner; or, on a terminal that can do neither, not at all. Returns whether it did.
    private func paintCorner(_ index: Int, cells: UnsafeBufferPointer<Cell>, of frame: Frame, cursor at: inout (row: Int, column: Int)?,
                             look: inout Role, into out: inout ByteSink) -> Bool {
        let row = frame.height - 1, column = index - row * frame.width
        let cell = cells[index]
        if !codes.marginsOff.isEmpty && !codes.marginsOn.isEmpty {
            prepare(cell, at: (row, column), cursor: at, look: &look, into: &out)
            out += codes.marginsOff
            _ = write(cell, of: frame, into: &out)
            out += codes.marginsOn
        } else if !codes.insertBefore.isEmpty, column == frame.width - 1, column > 0, cells[index - 1] != .continuation {
            prepare(cell, at: (row, column - 1), cursor: at, look: &look, into: &out)
            _ = write(cell, of: frame, into: &out)
            let neighbour = cells[index - 1]
            prepare(neighbour, at: (row, column - 1), cursor: nil, look: &look, into: &out)
            out += codes.insertBefore
            _ = write(neighbour, of: frame, into: &out)
            out += codes.insertAfter
        } else {
            return false
        }
        at = nil
        return true
    }

    private func move(to row: Int, _ column: Int, into out: inout ByteSink) {
        if let moveTo = codes.moveTo {
            out += moveTo(row, column)
            return
        }
        out.append(0x1B)
        out.append(0x5B)  // [
        appendDecimal(row + 1, to: &out)
        out.append(0x3B)  // ;
        appendDecimal(column + 1, to: &out)
        out.append(0x48)  // H
    }

    /// Writes a cell's character; returns whether the cursor surely moved one column (ASCII, or a character below
    /// U+0300, which every terminal shows one column wide).
    private func write(_ cell: Cell, of frame: Frame, into out: inout ByteSink) -> Bool {
        // Printable ASCII, most of any frame, as its byte.
        if cell.scalar >= 0x20 && cell.scalar < 0x7F && cell.cluster == 0 {
            out.append(UInt8(truncatingIfNeeded: cell.scalar))
            return true
        }
        if cell.cluster == 0 {
            appendScalar(cell.scalar, to: &out)
            return cell.scalar < 0x300 || !codes.utf8
        }
        guard codes.utf8 else {
            out.append(0x3F)
            return true
        }
        for scalar in frame.character(of: cell).unicodeScalars {
            appendScalar(scalar.value, to: &out)
        }
        return false
    }

    /// One scalar in the terminal's encoding. Control characters (C0, DEL, C1) never reach the terminal, where
    /// they could move the cursor or start an escape sequence: they show as `?`.
    private func appendScalar(_ value: UInt32, to out: inout ByteSink) {
        if value < 0x20 || (value >= 0x7F && value < 0xA0) {
            out.append(0x3F)
        } else if value < 0x80 {
            out.append(UInt8(value))
        } else if !codes.utf8 {
            out.append(UInt8(truncatingIfNeeded: asciiFallback(value)))
        } else if value < 0x800 {
            out.append(UInt8(0xC0 | value >> 6))
            out.append(UInt8(0x80 | value & 0x3F))
        } else if value < 0x10000 {
            guard value < 0xD800 || value > 0xDFFF else { return out.append(0x3F) }  // a lone surrogate
            out.append(UInt8(0xE0 | value >> 12))
            out.append(UInt8(0x80 | value >> 6 & 0x3F))
            out.append(UInt8(0x80 | value & 0x3F))
        } else if value < 0x110000 {
            out.append(UInt8(0xF0 | value >> 18))
            out.append(UInt8(0x80 | value >> 12 & 0x3F))
            out.append(UInt8(0x80 | value >> 6 & 0x3F))
            out.append(UInt8(0x80 | value & 0x3F))
        } else {
            out.append(0x3F)
        }
    }

    private static func same(_ at: (row: Int, column: Int)?, _ place: (row: Int, column: Int)) -> Bool {
        guard let at else { return false }
        return at.row == place.row && at.column == place.column
    }

    /// `value` (0 or more: a row or column from 1) in decimal digits; one to three without a call or a loop.
    private func appendDecimal(_ value: Int, to out: inout ByteSink) {
        if value >= 1000 { appendDecimal(value / 1000, to: &out) }
        if value >= 100 { out.append(UInt8(truncatingIfNeeded: 0x30 + value / 100 % 10)) }
        if value >= 10 { out.append(UInt8(truncatingIfNeeded: 0x30 + value / 10 % 10)) }
        out.append(UInt8(truncatingIfNeeded: 0x30 + value % 10))
    }
}

/// The bytes of one frame, gathered in the painter's memory: an array checks at every append that its storage is its
/// alone, a call for every byte painted, and a buffer of the frame's own would be allocated at every key.
struct ByteSink: ~Copyable {
    private let memory: PaintMemory
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0

    init(_ memory: PaintMemory) {
        self.memory = memory
        base = memory.base
        capacity = memory.capacity
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        base[count] = byte
        count += 1
    }

    static func += (sink: inout ByteSink, bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { bytes in
            guard let start = bytes.baseAddress, !bytes.isEmpty else { return }
            if sink.count + bytes.count > sink.capacity { sink.grow(to: sink.count + bytes.count) }
            (sink.base + sink.count).update(from: start, count: bytes.count)
            sink.count += bytes.count
        }
    }

    /// Appends what was gathered to `bytes`.
    func append(to bytes: inout [UInt8]) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: base, count: count))
    }

    @inline(never)
    private mutating func grow(to needed: Int) {
        memory.grow(to: max(needed, 2 * capacity), keeping: count)
        base = memory.base
        capacity = memory.capacity
    }
}

/// A painter's memory for the bytes of its frames: bytes (trivial values), so it is written over as it is.
final class PaintMemory {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        base = .allocate(capacity: self.capacity)
        base.initialize(repeating: 0, count: self.capacity)
    }

    deinit { base.deallocate() }

    /// Larger, `count` first bytes kept.
    func grow(to larger: Int, keeping count: Int) {
        guard larger > capacity else { return }
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.initialize(repeating: 0, count: larger)
        moved.update(from: base, count: min(count, capacity))
        base.deallocate()
        base = moved
        capacity = larger
    }
}
