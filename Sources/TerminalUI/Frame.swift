#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Stamps for frame rows: each change to a row takes the next, so equal stamps mean equal rows (see `Frame`).
private let rowStampCounter = Atomic<UInt64>(0)

/// What a cell is showing, in screen terms; the painter turns roles into colours or, without colour, attributes.
public enum Role: UInt8, Sendable, CaseIterable {
    case plain, dim, title, pending, correct, wrong, cursor, status, good, bad, mark, chart, key
    /// A pace caret or a ghost: where the rival has got to in the text.
    case rival
    /// A chart's second, lighter line (the raw speed under the net WPM, the trend under the sessions): dim in the
    /// terminal's own colour with 8 colours, grey with 256; both read on a white and a black background.
    case chartLight
    /// A warning short of `bad`: a wait growing long. Unlike `mark`, it must stand out from everything around it.
    case warning
}

/// One terminal cell: a Unicode scalar and a role, plain integers so a frame compares and diffs fast. A character
/// of several scalars (a letter with combining marks) lives in its frame's `clusters`, and the cell points to it.
/// A wide character fills its cell and marks the next as `continuation`.
///
/// Two 32-bit fields and no padding, so every byte of a cell is defined and rows compare with `memcmp`: eight bytes
/// a cell, a 100x30 frame 24 KB.
public struct Cell: Equatable, Sendable {
    /// The scalar in the low 24 bits (a scalar needs 21), `role`'s raw value in the high 8.
    private var packed: UInt32
    /// 1-based index into `Frame.clusters` for a multi-scalar character, else 0.
    public internal(set) var cluster: UInt32

    /// The scalar shown; 0 for the right half of a wide character.
    public internal(set) var scalar: UInt32 {
        get { packed & 0x00FF_FFFF }
        set { packed = (packed & 0xFF00_0000) | (newValue & 0x00FF_FFFF) }
    }

    /// `role`'s raw value.
    var roleValue: UInt32 { packed >> 24 }

    public var role: Role {
        get { Role(rawValue: UInt8(truncatingIfNeeded: roleValue)) ?? .plain }
        set { packed = (packed & 0x00FF_FFFF) | UInt32(newValue.rawValue) << 24 }
    }

    init(scalar: UInt32, cluster: UInt32 = 0, role: Role) {
        packed = (scalar & 0x00FF_FFFF) | UInt32(role.rawValue) << 24
        self.cluster = cluster
    }

    public static let blank = Cell(scalar: 0x20, role: .plain)

    /// Whether `count` cells from `start` are the same in both arrays: the painter's test, for every row of every
    /// frame, of a row it need not touch. One `memcmp` of the row's bytes, since a cell has no padding.
    public static func same(_ new: [Cell], _ old: [Cell], from start: Int, count: Int) -> Bool {
        new.withUnsafeBufferPointer { new in old.withUnsafeBufferPointer { old in same(new, old, from: start, count: count) } }
    }

    /// The same test on cells the caller already holds as buffers.
    public static func same(_ new: UnsafeBufferPointer<Cell>, _ old: UnsafeBufferPointer<Cell>, from start: Int, count: Int) -> Bool {
        guard start >= 0, count >= 0, start + count <= new.count, start + count <= old.count else { return false }
        guard count > 0 else { return true }
        guard let new = new.baseAddress, let old = old.baseAddress else { return false }
        return memcmp(new + start, old + start, count * MemoryLayout<Cell>.stride) == 0
    }
    /// The right half of a wide character: the painter writes nothing there.
    public static let continuation = Cell(scalar: 0, role: .plain)
}

/// A whole screen as a grid of styled cells: what the pure screen model produces and the painter shows.
public struct Frame: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Characters of more than one scalar, referred to by `Cell.cluster`.
    public private(set) var clusters: [Character] = []
    /// Where the terminal cursor should rest, if visible.
    public var cursor: (row: Int, column: Int)?
    /// Per row, the stamp of its last change: a number no other change anywhere has had. Two frames whose row has
    /// the same stamp got it from the same change, by copying, and neither has changed the row since: their rows
    /// are equal, and the painter skips the row without comparing its cells. (Different stamps prove nothing:
    /// the painter then compares.)
    private(set) var rowStamps: [UInt64]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
        rowStamps = Array(repeating: Frame.newStamp(), count: self.height)
    }

    /// No frame (0 x 0): what a slot that keeps a frame holds while it keeps none. Slots hold this rather than an
    /// optional frame, which Swift copies and destroys through the run time's generic value witnesses.
    static var empty: Frame { Frame(width: 0, height: 0) }

    /// Whether `other` is this frame's size, so its rows line up with this frame's (never true of `empty` beside a
    /// frame that shows anything). Always inlined: called, the painter copied the frame it asks at every paint.
    @inline(__always) func hasSize(of other: Frame) -> Bool { width == other.width && height == other.height }

    private static func newStamp() -> UInt64 {
        rowStampCounter.add(1, ordering: .relaxed).newValue
    }

    public static func == (lhs: Frame, rhs: Frame) -> Bool {
        lhs.width == rhs.width && lhs.height == rhs.height && lhs.cells == rhs.cells && lhs.clusters == rhs.clusters
            && lhs.cursor?.row == rhs.cursor?.row && lhs.cursor?.column == rhs.cursor?.column
    }

    public subscript(row: Int, column: Int) -> Cell {
        get { cells[row * width + column] }
        set {
            cells[row * width + column] = newValue
            rowStamps[row] = Frame.newStamp()
        }
    }

    /// Writes `text` from (row, column) in `role`, clipped at the right edge; returns the column after it.
    @discardableResult
    public mutating func put(_ text: String, row: Int, column: Int, role: Role = .plain) -> Int {
        var column = column
        guard row >= 0 && row < height else { return column }
        // Printable ASCII and narrow scalars only, as a status line or a list's marks are, go into the row in one
        // pass over their bytes.
        let narrow = text.utf8.withContiguousStorageIfAvailable { bytes in putNarrow(bytes, row: row, column: column, role: role) }
        if let placed = narrow ?? nil { return placed }
        // Printable ASCII, most of what any screen writes, goes a byte per cell without grapheme breaking; the
        // rest, and an ASCII byte that a non-ASCII one follows (an "e" and its combining accent), as characters.
        let bytes = text.utf8
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            let next = bytes.index(after: index)
            if byte >= 0x20 && byte < 0x7F && (next == bytes.endIndex || bytes[next] < 0x80) {
                if column >= 0 && column < width { place(Cell(scalar: UInt32(byte), role: role), wide: false, row: row, column: column) }
                column += 1
                index = next
                continue
            }
            guard let character = text[index...].first else { break }
            column = put(character, row: row, column: column, role: role)
            index = bytes.index(index, offsetBy: character.utf8.count)
        }
        return column
    }

    /// Writes text of printable ASCII and narrow scalars (`DisplayWidth`: Latin letters, "·", dashes, arrows, box
    /// lines), from its UTF-8, each its own character a cell wide, a scalar a cell, as a divider or a list's marks
    /// are; nil, having written nothing, for any other text.
    private mutating func putNarrow(_ bytes: UnsafeBufferPointer<UInt8>, row: Int, column start: Int, role: Role) -> Int? {
        guard let count = DisplayWidth.narrowScalars(bytes, { _ in }) else { return nil }
        // In one pass: only the ends can cut into a wide character.
        let from = max(start, 0)
        let to = min(start + count, width)
        guard from < to else { return start + count }
        let first = row * width
        mendLeft(row: row, column: from)
        cells.withUnsafeMutableBufferPointer { cells in
            if count == bytes.count {
                // Printable ASCII: a byte a cell.
                for index in from..<to { cells[first + index] = Cell(scalar: UInt32(bytes[index - start]), role: role) }
            } else {
                var column = start
                _ = DisplayWidth.narrowScalars(bytes) { scalar in
                    if column >= from && column < to { cells[first + column] = Cell(scalar: scalar, role: role) }
                    column += 1
                }
            }
        }
        mendRight(row: row, end: to)
        rowStamps[row] = Frame.newStamp()
        return start + count
    }

    /// Writes one character; a wide one takes two cells, and one that would not fit is left out.
    @discardableResult
    public mutating func put(_ character: Character, row: Int, column: Int, role: Role) -> Int {
        let cells = DisplayWidth.of(character)
        guard row >= 0, row < height, column >= 0, column + max(cells, 1) <= width else { return column + cells }
        let scalars = character.unicodeScalars
        let cell: Cell
        if let first = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex {
            cell = Cell(scalar: first.value, role: role)
        } else {
            clusters.append(character)
            cell = Cell(scalar: scalars.first?.value ?? 0x20, cluster: UInt32(clusters.count), role: role)
        }
        place(cell, wide: cells == 2, row: row, column: column)
        return column + cells
    }

    /// Writes a character already measured (see `Glyph`), the fast path for text drawn on every keystroke;
    /// `character` is asked for only when the glyph is a cluster of several scalars.
    @inline(__always)
    mutating func put(_ glyph: Glyph, row: Int, column: Int, role: Role, character: @autoclosure () -> Character) {
        guard !glyph.isCluster, row >= 0, row < height, column >= 0, column + Int(glyph.width) <= width else {
            if glyph.isCluster { put(character(), row: row, column: column, role: role) }
            return
        }
        place(Cell(scalar: glyph.scalar, role: role), wide: glyph.width == 2, row: row, column: column)
    }

    /// Writes the glyphs `range` of `glyphs` (with `roles` alike) on `row`, the first at `column`, each right after
    /// the one before: a line of laid-out text, as putting them one by one writes it, with one check that the cells
    /// are this frame's own and one new stamp for the row instead of one for every cell. Returns false when the run
    /// reaches past the frame (nothing written), or holds a character of several scalars or is not laid out end to
    /// end in `columns` (counted from `columns[range.lowerBound]`; the glyphs before it written where putting them
    /// one by one writes them): the caller then puts it glyph by glyph.
    mutating func put(run range: Range<Int>, of glyphs: [Glyph], roles: [Role], columns: [Int], row: Int, column: Int) -> Bool {
        guard row >= 0, row < height, column >= 0, !range.isEmpty else { return range.isEmpty }
        guard range.lowerBound >= 0, range.upperBound <= glyphs.count, range.upperBound <= roles.count,
              range.upperBound <= columns.count else { return false }
        // The run's width, from its columns: it must fit the row, so every cell written below is in it.
        let last = range.upperBound - 1
        let end = column + columns[last] - columns[range.lowerBound] + Int(glyphs[last].width)
        guard end <= width else { return false }
        let start = row * width + column
        let first = columns[range.lowerBound]
        // One pass, through buffers (a reply box's lines are drawn at every key); a cluster, or a glyph not at its
        // column, leaves the row to be drawn glyph by glyph: what was written is then written over.
        let written = glyphs.withUnsafeBufferPointer { glyphs in
            roles.withUnsafeBufferPointer { roles in
                columns.withUnsafeBufferPointer { columns in
                    cells.withUnsafeMutableBufferPointer { cells -> Bool in
                        if column > 0, cells[start] == .continuation { cells[start - 1] = .blank }
                        var at = start
                        for index in range {
                            let glyph = glyphs[index]
                            guard !glyph.isCluster, columns[index] - first == at - start else { return false }
                            cells[at] = Cell(scalar: glyph.scalar, role: roles[index])
                            if glyph.width == 2 { cells[at + 1] = .continuation }
                            at += Int(glyph.width)
                        }
                        return true
                    }
                }
            }
        }
        rowStamps[row] = Frame.newStamp()
        guard written else { return false }
        mendRight(row: row, end: end)
        return true
    }

    /// Writes a character's cell at (row, column), which the caller has checked it fits, and a wide one's right
    /// half, mending the wide characters it writes over.
    @inline(__always)
    private mutating func place(_ cell: Cell, wide: Bool, row: Int, column: Int) {
        mendLeft(row: row, column: column)
        self[row, column] = cell
        if wide { self[row, column + 1] = .continuation }
        mendRight(row: row, end: column + (wide ? 2 : 1))
    }

    /// Before a character is written at (row, column): when that cell is a wide character's right half, the
    /// wide character is blanked, as a terminal does, so a frame always shows what a terminal can.
    @inline(__always)
    private mutating func mendLeft(row: Int, column: Int) {
        if column > 0, column < width, cells[row * width + column] == .continuation { cells[row * width + column - 1] = .blank }
    }

    /// After cells up to `end` of `row` were written: a wide character whose left half was written over leaves
    /// its right half blank.
    @inline(__always)
    private mutating func mendRight(row: Int, end: Int) {
        if end >= 0, end < width, cells[row * width + end] == .continuation { cells[row * width + end] = .blank }
    }

    /// The character shown at (row, column); a continuation cell shows nothing ("\0").
    public func character(row: Int, column: Int) -> Character {
        character(of: self[row, column])
    }

    /// The character a cell of this frame shows.
    public func character(of cell: Cell) -> Character {
        if cell.cluster > 0 && Int(cell.cluster) <= clusters.count { return clusters[Int(cell.cluster) - 1] }
        return Unicode.Scalar(cell.scalar).map(Character.init) ?? " "
    }

    /// Paints `role` over a stretch of a row without changing its characters.
    public mutating func restyle(row: Int, from column: Int, count: Int, role: Role) {
        guard row >= 0 && row < height else { return }
        for index in max(0, column)..<min(width, column + count) where self[row, index] != .continuation { self[row, index].role = role }
    }

    /// Gives this frame cells of its own, copying them now if another frame shares them, so that its next changes
    /// write in place.
    mutating func ownCells() {
        cells.withUnsafeMutableBufferPointer { _ in }
        rowStamps.withUnsafeMutableBufferPointer { _ in }
    }

    /// Copies one row of `other`, a frame of the same width, over this frame's row.
    mutating func copyRow(_ row: Int, from other: Frame) {
        guard other.width == width, row >= 0, row < height, row < other.height else { return }
        let start = row * width
        // A cell is two plain integers: the row goes over as one block of bytes.
        cells.withUnsafeMutableBufferPointer { cells in
            other.cells.withUnsafeBufferPointer { source in
                guard let to = cells.baseAddress, let from = source.baseAddress else { return }
                (to + start).update(from: from + start, count: width)
            }
        }
        rowStamps[row] = other.rowStamps[row]
    }

    /// Blanks `columns` of `rows` (as far as the frame reaches), as in a new frame, and blanks the other half of a
    /// wide character cut at either edge: what a part drawn again over a kept frame starts from.
    mutating func clear(rows: Range<Int>, columns: Range<Int>) {
        let rows = rows.clamped(to: 0..<height)
        let columns = columns.clamped(to: 0..<width)
        guard !columns.isEmpty else { return }
        for row in rows {
            mendLeft(row: row, column: columns.lowerBound)
            let start = row * width
            cells.withUnsafeMutableBufferPointer { cells in
                for column in columns { cells[start + column] = .blank }
            }
            mendRight(row: row, end: columns.upperBound)
            rowStamps[row] = Frame.newStamp()
        }
    }

    /// Back to `other` in `rows`, its clusters and its cursor: undoes what was drawn over a copy of `other` when
    /// nothing was drawn outside those rows.
    mutating func restore(_ rows: Range<Int>, from other: Frame) {
        for row in rows { copyRow(row, from: other) }
        clusters = other.clusters
        cursor = other.cursor
    }

    /// Copies `other`'s cells, row for row, as far as both frames reach; the widths must match.
    mutating func copyRows(from other: Frame) {
        let count = min(cells.count, other.cells.count)
        cells.replaceSubrange(0..<count, with: other.cells[0..<count])
        let rows = min(height, other.height)
        for row in 0..<rows { rowStamps[row] = other.width == width ? other.rowStamps[row] : Frame.newStamp() }
        clusters = other.clusters
    }

    /// The screen as text, one line per row with trailing spaces trimmed: what frame tests compare.
    public var text: String {
        (0..<height).map { row in
            var line = ""
            for column in 0..<width where self[row, column] != .continuation {
                line.append(character(row: row, column: column))
            }
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }

    /// One row's roles, one letter per cell, for style tests: `.` plain, `p` pending, `c` correct, `w` wrong,
    /// `_` cursor, `d` dim, `t` title, `s` status, `g` good, `b` bad, `m` mark, `h` chart, `k` key.
    public func roles(row: Int) -> String {
        let letters: [Role: Character] = [
            .plain: ".", .pending: "p", .correct: "c", .wrong: "w", .cursor: "_", .dim: "d", .title: "t",
            .status: "s", .good: "g", .bad: "b", .mark: "m", .chart: "h", .key: "k", .rival: "R",
            .warning: "W",
        ]
        return String((0..<width).map { letters[self[row, $0].role] ?? "?" })
    }
}

/// A character measured once: its first scalar, its width, and whether it has more scalars (a cluster, which the
/// frame keeps whole). Plain integers, so copying one costs no reference counting.
struct Glyph: Sendable, Equatable {
    var scalar: UInt32
    var width: UInt8
    var isCluster: Bool

    init(_ character: Character) {
        // A character of one byte is ASCII: its scalar is that byte, one cell wide.
        let utf8 = character.utf8
        if utf8.count == 1, let byte = utf8.first {
            scalar = UInt32(byte)
            width = 1
            isCluster = false
            return
        }
        let scalars = character.unicodeScalars
        scalar = scalars.first?.value ?? 0x20
        width = UInt8(max(1, DisplayWidth.of(character)))
        isCluster = scalars.count != 1
    }

    /// A character of one scalar one cell wide (printable ASCII, or one `DisplayWidth.narrow` names), as `init(_:)`
    /// measures it.
    init(narrow value: UInt32) {
        scalar = value
        width = 1
        isCluster = false
    }

    /// Whether this is a plain space, where a line may break.
    var isSpace: Bool { scalar == 0x20 && !isCluster }

    /// `text` measured a character a glyph, appended to `glyphs`; whether any of them is a character of several
    /// scalars.
    static func measure(_ text: ArraySlice<Character>, into glyphs: inout [Glyph]) -> Bool {
        var clusters = false
        for character in text {
            let glyph = Glyph(character)
            clusters = clusters || glyph.isCluster
            glyphs.append(glyph)
        }
        return clusters
    }
}

/// How many terminal columns a character takes: 2 for East Asian wide and most emoji, 0 for a lone combining
/// mark or control, else 1. A small table, good for the characters a passage can hold; no locale needed.
public enum DisplayWidth {
    public static func of(_ character: Character) -> Int {
        let utf8 = character.utf8
        switch utf8.count {
        case 1:
            let byte = utf8[utf8.startIndex]
            return byte < 0x20 || byte == 0x7F ? 0 : 1
        case 2, 3:
            // One scalar of two or three bytes from the ranges a screen draws with (Latin letters, "·", dashes,
            // quotes and "…", arrows, box lines): one cell, without a look-up of its properties.
            if let value = singleScalar(utf8), narrow(value) { return 1 }
        default:
            break
        }
        guard let first = character.unicodeScalars.first else { return 0 }
        let properties = first.properties
        if properties.generalCategory == .nonspacingMark || properties.generalCategory == .enclosingMark
            || properties.generalCategory == .control || properties.generalCategory == .format {
            return 0
        }
        if properties.isEmojiPresentation { return 2 }
        if character.unicodeScalars.contains(where: { $0.value == 0xFE0F }) && properties.isEmoji { return 2 }
        return isWide(first.value) ? 2 : 1
    }

    /// The scalar of a character that is one scalar of two or three bytes, else nil.
    @inline(__always)
    private static func singleScalar(_ utf8: Character.UTF8View) -> UInt32? {
        var bytes = utf8.makeIterator()
        guard let lead = bytes.next(), let second = bytes.next() else { return nil }
        if lead >= 0xC2 && lead < 0xE0 {
            return bytes.next() == nil ? scalar(lead, second) : nil
        }
        guard lead >= 0xE0 && lead < 0xF0, let third = bytes.next(), bytes.next() == nil else { return nil }
        return scalar(lead, second, third)
    }

    /// The scalar a two-byte UTF-8 sequence encodes (its lead byte from 0xC2 to 0xDF).
    @inline(__always)
    static func scalar(_ lead: UInt8, _ second: UInt8) -> UInt32 {
        UInt32(lead & 0x1F) << 6 | UInt32(second & 0x3F)
    }

    /// The scalar a three-byte UTF-8 sequence encodes (its lead byte from 0xE0 to 0xEF).
    @inline(__always)
    static func scalar(_ lead: UInt8, _ second: UInt8, _ third: UInt8) -> UInt32 {
        UInt32(lead & 0x0F) << 12 | UInt32(second & 0x3F) << 6 | UInt32(third & 0x3F)
    }

    /// Printable, one cell, neither a mark nor an emoji shown as one: Latin-1's letters and signs and Latin Extended
    /// (the soft hyphen aside), dashes, quotes, bullets and the ellipsis, the four plain arrows, box drawing, block
    /// elements and geometric shapes (up to U+25FC: "▶"), and the pencils, checks and crosses of the dingbats
    /// (U+270C to U+2717: "✎", "✓", "✗"), which the desk's lists draw at every second.
    @inline(__always)
    static func narrow(_ value: UInt32) -> Bool {
        (value >= 0xA0 && value < 0x300 && value != 0xAD) || (value >= 0x2010 && value <= 0x2027)
            || (value >= 0x2190 && value <= 0x2193) || (value >= 0x2500 && value <= 0x25FC) || (value >= 0x270C && value <= 0x2717)
    }

    private static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// The width of a string.
    public static func of(_ text: String) -> Int {
        // Most text on a screen is ASCII: its width is its printable bytes, without walking its characters.
        var width = 0
        for byte in text.utf8 {
            guard byte < 0x80 else { return ofScalars(text) }
            if byte >= 0x20 && byte != 0x7F { width += 1 }
        }
        return width
    }

    /// Text of printable ASCII and the narrow scalars above, each its own character a cell wide, measured from its
    /// UTF-8; anything else (a mark, an emoji, a wide letter) character by character.
    private static func ofScalars(_ text: String) -> Int {
        let narrow = text.utf8.withContiguousStorageIfAvailable { narrowScalars($0, { _ in }) }
        return (narrow ?? nil) ?? text.reduce(0) { $0 + of($1) }
    }

    /// Decodes `bytes` (UTF-8, as a string holds it) while each scalar is printable ASCII or `narrow`, handing each
    /// to `body`; returns how many there were, or nil at the first other scalar (`body` then saw those before it).
    @inline(__always)
    static func narrowScalars(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UInt32) -> Void) -> Int? {
        var index = 0
        var count = 0
        let end = bytes.count
        while index < end {
            let lead = bytes[index]
            let value: UInt32
            if lead < 0x80 {
                guard lead >= 0x20 && lead != 0x7F else { return nil }
                value = UInt32(lead)
                index += 1
            } else if lead >= 0xC2 && lead < 0xE0 && index + 1 < end {
                value = UInt32(lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
                index += 2
            } else if lead >= 0xE0 && lead < 0xF0 && index + 2 < end {
                value = UInt32(lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
                index += 3
            } else {
                return nil
            }
            guard value < 0x80 || narrow(value) else { return nil }
            body(value)
            count += 1
        }
        return count
    }
}
