/// The target text broken into lines at word boundaries for a given width, in terminal columns.
/// Computed once per text and width, so a keystroke costs no re-wrapping.
public struct TextLayout: Sendable, Equatable {
    public let width: Int
    /// Each line's range of character indices into the text. A line keeps the space that ends it.
    public let lines: Lines
    /// The display column of each character within its line.
    public let columns: [Int]

    /// Holds the words on either side together: a line breaks only at a plain space.
    public static let noBreakSpace: Character = "\u{A0}"

    public init(characters: [Character], width: Int) {
        self.init(glyphs: characters.map(Glyph.init), width: width)
    }

    /// The layout of characters already measured: what a screen laying out text at every key uses.
    init(glyphs characters: [Glyph], width: Int) {
        let width = max(1, width)
        self.width = width
        var ends: [Int] = []
        var columns = [Int](repeating: 0, count: characters.count)
        TextLayout.layOut(characters, width: width, from: 0, columns: &columns, ends: &ends)
        self.lines = Lines(ends: ends)
        self.columns = columns
    }

    /// Lays out `characters` from `start`, the first character of a line, with `width` at least 1: each one's
    /// column written into `columns` (as many as there are characters), and the end of each line from there
    /// appended to `ends`. From the start of any line the lines after it come out as from the first character:
    /// a line's start depends on nothing before it.
    ///
    /// `rejoin` (ascending, each moved by `shift`) are line starts known to begin the same text as before a change:
    /// when a new line starts at one of them, the lines from there are those, and the columns already in `columns`
    /// stand, so the rest is not laid out again. Returns the number of the first line so taken, if any.
    @discardableResult
    static func layOut(_ characters: [Glyph], width: Int, from start: Int, columns: inout [Int], ends: inout [Int],
                       rejoin: [Int] = [], shift: Int = 0) -> Int? {
        var next = 0
        var rejoined: Int?
        /// Ends the line before `index`; true when the lines from there are known.
        func breakLine(at index: Int) -> Bool {
            ends.append(index)
            while next < rejoin.count && rejoin[next] + shift < index { next += 1 }
            guard next < rejoin.count && rejoin[next] + shift == index else { return false }
            rejoined = ends.count
            for end in rejoin[(next + 1)...] { ends.append(end + shift) }
            return true
        }
        // Read and written through buffers: laid out again at every key, without a bounds check a character.
        characters.withUnsafeBufferPointer { characters in
            columns.withUnsafeMutableBufferPointer { columns in
                var lineStart = start
                var lineWidth = 0
                var index = start
                while index < characters.count {
                    // A word and the space after it stay together.
                    var end = index
                    var wordWidth = 0
                    while end < characters.count && !characters[end].isSpace {
                        wordWidth += Int(characters[end].width)
                        end += 1
                    }
                    if end < characters.count {
                        wordWidth += Int(characters[end].width)
                        end += 1
                    }
                    if lineWidth > 0 && lineWidth + wordWidth > width {
                        if breakLine(at: index) { return }
                        lineStart = index
                        lineWidth = 0
                    }
                    for i in index..<end {
                        let cell = Int(characters[i].width)
                        if lineWidth + cell > width && lineWidth > 0 {
                            // A word longer than the line is split where it runs out.
                            if breakLine(at: i) { return }
                            lineStart = i
                            lineWidth = 0
                        }
                        columns[i] = lineWidth
                        lineWidth += cell
                    }
                    index = end
                }
                if lineStart < characters.count || ends.isEmpty { ends.append(characters.count) }
            }
        }
        return rejoined
    }

    /// The lines, one after the other from the first character: line i runs from the end of line i - 1 to
    /// `ends[i]`. Kept as ends rather than an array of ranges, whose first use costs a run-time conformance look-up
    /// at every start (docs/performance.md, "Start-up").
    public struct Lines: RandomAccessCollection, Equatable, Sendable {
        let ends: [Int]

        public var startIndex: Int { 0 }
        public var endIndex: Int { ends.count }
        public subscript(line: Int) -> Range<Int> { (line == 0 ? 0 : ends[line - 1])..<ends[line] }

        /// The line holding character `index` (the last line for an index past the end).
        public func line(of index: Int) -> Int {
            var low = 0
            var high = count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if self[middle].lowerBound <= index { low = middle } else { high = middle - 1 }
            }
            return low
        }
    }

    /// The line holding character `index` (the last line for an index past the end).
    public func line(of index: Int) -> Int { lines.line(of: index) }
}

/// `text` broken at spaces into lines of at most `width` terminal columns, each line without the space that ended
/// it; a line break in the text starts a new line, and only a word longer than a whole line is split. A no-break
/// space (U+00A0, see `withUnit`) holds two words together and comes out as a plain space. The one word-wrap every
/// screen and command uses, so a sentence reads the same wherever it is shown.
public func wrapWords(_ text: String, width: Int) -> [String] {
    wrapNarrowWords(text, width: width) ?? wrapWordsByCharacter(text, width: width)
}

/// `wrapWords` for a text of line feeds and characters that are each one scalar one column wide: printable ASCII and
/// the scalars `DisplayWidth.narrow` names (the no-break space, Latin letters, "·", dashes, quotes, box lines), none
/// of which joins a neighbour into one character. Read scalar by scalar from the UTF-8, so no grapheme breaking and no
/// character appended at a time (a reply's guide is wrapped again when a reply goes in; the chat intro's no-break
/// spaces sent all its text the slow way). Nil for any other text.
func wrapNarrowWords(_ text: String, width: Int) -> [String]? {
    var text = text
    return text.withUTF8 { bytes -> [String]? in
        var glyphs: [Glyph] = []
        // Where each glyph's bytes start in `bytes`, and where the paragraph's last one ends.
        var starts: [Int] = []
        var lines: [String] = []
        var line: [UInt8] = []
        var start = 0
        while true {
            glyphs.removeAll(keepingCapacity: true)
            starts.removeAll(keepingCapacity: true)
            var noBreakSpaces = false
            var index = start
            while index < bytes.count && bytes[index] != 0x0A {
                let lead = bytes[index]
                var scalar = UInt32(lead)
                var length = 1
                if lead < 0x80 {
                    guard lead >= 0x20 && lead < 0x7F else { return nil }
                } else if lead < 0xE0 {
                    scalar = DisplayWidth.scalar(lead, bytes[index + 1])
                    length = 2
                } else if lead < 0xF0 {
                    scalar = DisplayWidth.scalar(lead, bytes[index + 1], bytes[index + 2])
                    length = 3
                } else {
                    return nil
                }
                guard length == 1 || DisplayWidth.narrow(scalar) else { return nil }
                noBreakSpaces = noBreakSpaces || scalar == 0xA0
                glyphs.append(Glyph(narrow: scalar))
                starts.append(index)
                index += length
            }
            let end = index
            starts.append(end)
            if glyphs.isEmpty {
                lines.append("")
            } else {
                for (number, range) in TextLayout(glyphs: glyphs, width: width).lines.enumerated() {
                    // As `wrapWordsByCharacter` makes a line: no-break spaces plain, spaces trimmed at its end, and
                    // at its start after the paragraph's first line.
                    line.removeAll(keepingCapacity: true)
                    if noBreakSpaces {
                        for glyph in range {
                            let own = bytes[starts[glyph]..<starts[glyph + 1]]
                            if glyphs[glyph].scalar == 0xA0 { line.append(0x20) } else { line.append(contentsOf: own) }
                        }
                    } else {
                        line.append(contentsOf: bytes[starts[range.lowerBound]..<starts[range.upperBound]])
                    }
                    var high = line.count
                    while high > 0 && line[high - 1] == 0x20 { high -= 1 }
                    var low = 0
                    if number > 0 { while low < high && line[low] == 0x20 { low += 1 } }
                    if low == high && !range.isEmpty { continue }
                    lines.append(String(decoding: line[low..<high], as: UTF8.self))
                }
            }
            if end == bytes.count { return lines }
            start = end + 1
        }
    }
}

/// `wrapWords` character by character: any text.
func wrapWordsByCharacter(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
        let characters = Array(paragraph)
        guard !characters.isEmpty else {
            lines.append("")
            continue
        }
        for (index, range) in TextLayout(characters: characters, width: width).lines.enumerated() {
            // Appended one by one: String(characters[range]) goes through the unspecialised generic initialiser,
            // whose first use looks up ArraySlice's conformance at run time, at every start.
            var line = ""
            for character in characters[range] { line.append(character == TextLayout.noBreakSpace ? " " : character) }
            while line.last == " " { line.removeLast() }
            // A space pushed over the edge by a word as wide as the line does not start the next line.
            if index > 0 { while line.first == " " { line.removeFirst() } }
            if line.isEmpty && !range.isEmpty { continue }
            lines.append(line)
        }
    }
    return lines
}

/// `text` with its spaces made no-break spaces, so `wrapWords` keeps it on one line: a figure with its key and its
/// unit ("'sh' 451 ms").
public func unbroken(_ text: String) -> String {
    text.split(separator: " ", omittingEmptySubsequences: false).joined(separator: String(TextLayout.noBreakSpace))
}

/// `number` and its `unit` ("451 ms", "96.5 %", "35.0 net WPM") held together, so `wrapWords` never parts them.
public func withUnit(_ number: String, _ unit: String) -> String {
    unbroken(number + " " + unit)
}

/// `items` joined by `separator`, each kept whole, so `wrapWords` breaks a list only between its items; the
/// separator's mark stays with the item before it, so a broken line ends "451 ms," or "100 ·".
public func wholeItems(_ items: [String], separator: String = ", ") -> String {
    var glue = Substring(separator)
    var leading = ""
    while glue.first == " " {
        glue.removeFirst()
        leading.append(TextLayout.noBreakSpace)
    }
    return items.map(unbroken).joined(separator: leading + glue)
}
