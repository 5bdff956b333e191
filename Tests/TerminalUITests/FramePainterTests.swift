import Testing
import TypeBarCore
@testable import TerminalUI

/// A small ANSI terminal for the painter's bytes: cursor addressing, clear, SGR (0 for normal; 100 + a role's raw
/// value for that role, as `looks` below), cursor visibility and UTF-8 text with the same widths as frames.
private struct Screen {
    var rows: [[(text: String, role: Role)]]
    var row = 0, column = 0
    var role = Role.plain
    var cursorShows = true
    /// Automatic margins on (`ESC [ ? 7 h`): writing the bottom-right cell would scroll.
    var margins = true
    /// Insert mode (`ESC [ 4 h`): a character pushes the rest of its row right.
    var inserting = false
    let autoMargins: Bool

    init(rows: Int, columns: Int, autoMargins: Bool = true) {
        self.rows = Array(repeating: Array(repeating: ("", .plain), count: columns), count: rows)
        self.autoMargins = autoMargins
        clear()
    }

    mutating func clear() {
        for row in rows.indices { for column in rows[row].indices { rows[row][column] = (" ", .plain) } }
    }

    /// Runs `bytes`; records an error for anything it does not understand.
    mutating func run(_ bytes: [UInt8]) {
        var index = 0
        var text: [UInt8] = []
        func flushText() {
            for character in String(decoding: text, as: UTF8.self) { put(character) }
            text.removeAll()
        }
        while index < bytes.count {
            guard bytes[index] == 0x1B else {
                #expect(bytes[index] >= 0x20, "a control byte \(bytes[index]) reached the terminal")
                text.append(bytes[index])
                index += 1
                continue
            }
            flushText()
            #expect(index + 1 < bytes.count && bytes[index + 1] == 0x5B, "an escape that is not a CSI")
            var end = index + 2
            while end < bytes.count, !(0x40...0x7E).contains(bytes[end]) { end += 1 }
            guard end < bytes.count else { Issue.record("an unfinished escape sequence"); return }
            let parameters = String(decoding: bytes[(index + 2)..<end], as: UTF8.self)
            let numbers = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
            switch (bytes[end], parameters) {
            case (0x48, _):  // H
                row = max(1, numbers.first ?? 1) - 1
                column = max(1, numbers.count > 1 ? numbers[1] : 1) - 1
            case (0x4A, "2"):  // J
                clear()
            case (0x6D, _):  // m
                let code = numbers.last ?? 0
                role = code >= 100 ? Role(rawValue: UInt8(code - 100)) ?? .plain : .plain
            case (0x68, "?25"): cursorShows = true
            case (0x6C, "?25"): cursorShows = false
            case (0x68, "?7"): margins = true
            case (0x6C, "?7"): margins = false
            case (0x68, "4"): inserting = true
            case (0x6C, "4"): inserting = false
            case (0x40, _):  // @: blanks inserted at the cursor, the row's end falling off
                insertBlanks(max(1, numbers.first ?? 1))
            case (0x50, _):  // P: characters deleted at the cursor, blanks coming in at the row's end
                let count = min(max(1, numbers.first ?? 1), rows[row].count - column)
                rows[row].removeSubrange(column..<(column + count))
                rows[row].append(contentsOf: repeatElement((text: Screen.brought, role: Role.plain), count: count))
            default: Issue.record("an unknown sequence \(parameters) \(bytes[end])")
            }
            index = end + 1
        }
        flushText()
    }

    private mutating func put(_ character: Character) {
        let width = DisplayWidth.of(character)
        if width == 0, column > 0 {  // a combining mark joins the character before
            rows[row][column - 1].text.append(character)
            return
        }
        guard row < rows.count, column + width <= rows[row].count else { Issue.record("text past the edge"); return }
        if inserting { insertBlanks(width) }
        #expect(!(autoMargins && margins && row == rows.count - 1 && column + width == rows[row].count), "the bottom-right cell was written")
        rows[row][column] = (String(character), role)
        if width == 2 { rows[row][column + 1] = ("", role) }
        column = min(column + width, rows[row].count - 1)
    }

    /// What a blank the terminal brings in shows here: its look is the terminal's to choose, so a painter must
    /// write over it before the frame can match.
    static let brought = "¤"

    private mutating func insertBlanks(_ count: Int) {
        rows[row].insert(contentsOf: repeatElement((text: Screen.brought, role: Role.plain), count: count), at: column)
        rows[row].removeLast(count)
    }
}

extension FramePainter.Codes {
    /// An ANSI terminal (xterm's sequences) with the given looks.
    static func ansi(looks: [[UInt8]], utf8: Bool = true) -> FramePainter.Codes {
        FramePainter.Codes(clear: Array("\u{1B}[H\u{1B}[2J".utf8), normal: Array("\u{1B}[m".utf8), looks: looks,
                           showCursor: Array("\u{1B}[?25h".utf8), hideCursor: Array("\u{1B}[?25l".utf8), moveTo: nil,
                           lastCellScrolls: false, utf8: utf8)
    }
}

@Suite("Frame painter")
struct FramePainterTests {
    /// Each role's look: normal, then SGR 100 + the role's raw value.
    static let looks = Role.allCases.map { Array("\u{1B}[m\u{1B}[\(100 + Int($0.rawValue))m".utf8) }
    static var codes: FramePainter.Codes { .ansi(looks: looks) }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    /// What a new painter writes for `frame`, as text.
    static func firstPaint(_ frame: Frame, codes: FramePainter.Codes = FramePainterTests.codes) -> String {
        var painter = FramePainter(codes: codes)
        var out: [UInt8] = []
        painter.paint(frame, into: &out)
        return text(out)
    }

    @Test("The first frame clears the screen and writes what shows; the next writes only the cells that changed")
    func handComputedBytes() {
        var painter = FramePainter(codes: FramePainterTests.codes)
        var frame = Frame(width: 10, height: 3)
        frame.put("Hi", row: 1, column: 2, role: .pending)
        frame.cursor = (1, 2)
        var out: [UInt8] = []
        painter.paint(frame, into: &out)
        // Normal, clear; to row 2 column 3, pending's look, "Hi"; normal; the cursor back to the caret, shown.
        #expect(FramePainterTests.text(out) == "\u{1B}[m\u{1B}[H\u{1B}[2J\u{1B}[2;3H\u{1B}[m\u{1B}[103mHi\u{1B}[m\u{1B}[2;3H")

        frame.put("H", row: 1, column: 2, role: .correct)
        frame.cursor = (1, 3)
        out.removeAll()
        painter.paint(frame, into: &out)
        // One cell, and the cursor is already where it should rest: no second address, and it shows already.
        #expect(FramePainterTests.text(out) == "\u{1B}[m\u{1B}[104mH\u{1B}[m", "the cursor rested on the cell that changed")

        out.removeAll()
        painter.paint(frame, into: &out)
        #expect(out.isEmpty, "the same frame again writes nothing")

        frame.cursor = nil
        out.removeAll()
        painter.paint(frame, into: &out)
        #expect(FramePainterTests.text(out) == "\u{1B}[?25l")

        painter.invalidate()
        out.removeAll()
        painter.paint(frame, into: &out)
        #expect(FramePainterTests.text(out) == "\u{1B}[m\u{1B}[H\u{1B}[2J\u{1B}[2;3H\u{1B}[m\u{1B}[104mH\u{1B}[m\u{1B}[103mi\u{1B}[m",
                "after invalidate, the whole frame again")
    }

    @Test("A copy of a painter paints a rehearsal frame without changing what the painter itself writes next")
    func rehearsalLeavesThePainterAlone() {
        var first = Frame(width: 10, height: 3)
        first.put("Hi Sam", row: 1, column: 2, role: .pending)
        first.cursor = (1, 2)
        var rehearsed = first
        rehearsed.put("H", row: 1, column: 2, role: .correct)
        rehearsed.put("ready", row: 2, column: 0, role: .status)
        rehearsed.cursor = (1, 3)
        var next = first
        next.put("H", row: 1, column: 2, role: .wrong)
        next.cursor = (1, 3)

        var painter = FramePainter(codes: FramePainterTests.codes)
        var untouched = FramePainter(codes: FramePainterTests.codes)
        var out: [UInt8] = []
        painter.paint(first, into: &out)
        untouched.paint(first, into: &out)
        var copy = painter
        var thrownAway: [UInt8] = []
        copy.paint(rehearsed, into: &thrownAway)
        #expect(FramePainterTests.text(thrownAway).contains("ready"))

        var expected: [UInt8] = []
        untouched.paint(next, into: &expected)
        out.removeAll()
        painter.paint(next, into: &out)
        // The wrong "H" over the pending one, nothing of the rehearsal's status row: as if it never was.
        #expect(FramePainterTests.text(out) == "\u{1B}[m\u{1B}[105mH\u{1B}[m")
        #expect(out == expected)
    }

    @Test("A row whose characters moved along is shifted with ich or dch, when that writes fewer bytes than its cells")
    func shiftedRows() {
        var codes = FramePainterTests.codes
        codes.insertColumns = (1...16).map { Array("\u{1B}[\($0)@".utf8) }
        codes.deleteColumns = (1...16).map { Array("\u{1B}[\($0)P".utf8) }
        var painter = FramePainter(codes: codes)
        var frame = Frame(width: 30, height: 2)
        frame.put("Sorry, I have refunded it.", row: 0, column: 0)
        frame.cursor = (0, 5)
        var out: [UInt8] = []
        painter.paint(frame, into: &out)
        // A character typed before the rest: one column inserted where the cursor is, then the character.
        frame.put("Sorryx, I have refunded it.", row: 0, column: 0)
        frame.cursor = (0, 6)
        out.removeAll()
        painter.paint(frame, into: &out)
        #expect(FramePainterTests.text(out) == "\u{1B}[1@x")
        // Deleted again: one column deleted, and the blank the terminal brings in at the row's end written.
        frame.put("Sorry, I have refunded it. ", row: 0, column: 0)
        frame.cursor = (0, 5)
        out.removeAll()
        painter.paint(frame, into: &out)
        #expect(FramePainterTests.text(out) == "\u{1B}[1;6H\u{1B}[1P\u{1B}[1;30H \u{1B}[1;6H")
        // A word moved to the start of the next row: its columns inserted there.
        frame.put("I have refunded it.", row: 1, column: 0)
        out.removeAll()
        painter.paint(frame, into: &out)
        frame.put("Sorry, I have              ", row: 0, column: 0)
        frame.put("it is refunded it.", row: 1, column: 0)
        frame.put("I have refunded it.", row: 1, column: 6)
        out.removeAll()
        painter.paint(frame, into: &out)
        #expect(FramePainterTests.text(out) == "\u{1B}[1;15H        \u{1B}[1;24H   \u{1B}[2;1H\u{1B}[6@it is \u{1B}[1;6H", "\(FramePainterTests.text(out).debugDescription)")
        // Cells to the right that stay where they are (another pane) make shifting dearer than writing the cells.
        var paned = Frame(width: 30, height: 1)
        paned.put("Sorry, I have", row: 0, column: 0)
        paned.put("|ab", row: 0, column: 27)
        painter.invalidate()
        painter.paint(paned, into: &out)
        paned.put("Sorryx, I have", row: 0, column: 0)
        out.removeAll()
        painter.paint(paned, into: &out)
        #expect(!FramePainterTests.text(out).contains("@"), "\(FramePainterTests.text(out).debugDescription)")
    }

    @Test("A character typed or deleted inside a row is answered without weighing every shift, as weighing them answers")
    func movedByOneAgreesWithWeighing() {
        let pieces = ["a", "b", " ", " ", "e\u{301}", "日", "·", "x", "ab "]
        var random = SplitMix64(seed: 23)
        var quick = 0
        for _ in 0..<4000 {
            let width = Int.random(in: 4...24, using: &random)
            var old = Frame(width: width, height: 1)
            let text = (0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random) ?? "a" }.joined()
            old.put(text, row: 0, column: Int.random(in: 0..<4, using: &random), role: Bool.random(using: &random) ? .plain : .key)
            var new = old
            // Mostly one character typed or deleted; now and then more, or another cell changed too.
            let typed = Int.random(in: 0...9, using: &random) < 7 ? 1 : Int.random(in: 0...3, using: &random)
            FramePainterTests.edit(&new, row: 0, at: Int.random(in: 0..<width, using: &random), deleting: Int.random(in: 0...1, using: &random),
                                   inserting: (0..<typed).map { _ in pieces.randomElement(using: &random) ?? "a" }.joined(), role: .plain)
            if Int.random(in: 0..<5, using: &random) == 0 { new.put("z", row: 0, column: Int.random(in: 0..<width, using: &random)) }
            new.cells.withUnsafeBufferPointer { cells in
                old.cells.withUnsafeBufferPointer { before in
                    var first = 0
                    var last = width - 1
                    while first < width && cells[first] == before[first] { first += 1 }
                    while last > first && cells[last] == before[last] { last -= 1 }
                    guard first < last else { return }
                    let (inserts, deletes) = (Int.random(in: 0...16, using: &random), Int.random(in: 0...16, using: &random))
                    let weighed = FramePainter.weighedShift(cells, over: before, row: 0, first: first, last: last, width: width, inserts: inserts, deletes: deletes)
                    let answer = FramePainter.shift(cells, over: before, row: 0, first: first, last: last, width: width, inserts: inserts, deletes: deletes)
                    #expect(answer == weighed, "\(old.text.debugDescription) to \(new.text.debugDescription), ich \(inserts), dch \(deletes)")
                    if inserts + deletes > 0,
                       FramePainter.movedByOne(cells, over: before, row: 0, first: first, last: last, width: width, inserts: inserts, deletes: deletes) != nil {
                        quick += 1
                    }
                }
            }
        }
        #expect(quick > 250, "\(quick) answered without weighing")
    }

    @Test("A frame of many kilobytes goes out whole, after what the buffer held, and shows exactly the frame")
    func largeFrameAfterEarlierBytes() {
        // 160 x 50, every cell a different look from its neighbour, some of two and three bytes: well past the
        // painter's first kilobyte, so its buffer grows several times.
        var frame = Frame(width: 160, height: 50)
        let pieces = ["é", "─", "a", "Z", "·", "9"]
        for row in 0..<50 {
            for column in 0..<160 {
                let character = Character(pieces[(row + column) % pieces.count])
                frame.put(character, row: row, column: column, role: Role.allCases[(row * 7 + column) % Role.allCases.count])
            }
        }
        var painter = FramePainter(codes: FramePainterTests.codes)
        let earlier = Array("earlier".utf8)
        var out = earlier
        painter.paint(frame, into: &out)
        #expect(out.count > 40_000)
        #expect(Array(out.prefix(earlier.count)) == earlier)
        var screen = Screen(rows: 50, columns: 160, autoMargins: false)
        screen.run(Array(out.dropFirst(earlier.count)))
        var wrong = 0
        for row in 0..<50 {
            for column in 0..<160 {
                let cell = frame[row, column]
                let expected = (text: String(Character(Unicode.Scalar(cell.scalar)!)), role: cell.role)
                if screen.rows[row][column].text != expected.text || screen.rows[row][column].role != expected.role { wrong += 1 }
            }
        }
        #expect(wrong == 0)
    }

    @Test("A terminal's own cursor addressing is used when it is not the ANSI form")
    func ownAddressing() {
        var codes = FramePainterTests.codes
        codes.moveTo = { row, column in Array("<\(row),\(column)>".utf8) }
        var frame = Frame(width: 5, height: 2)
        frame.put("a", row: 0, column: 3, role: .plain)
        #expect(FramePainterTests.firstPaint(frame, codes: codes) == "\u{1B}[?25l\u{1B}[m\u{1B}[H\u{1B}[2J<0,3>a")
    }

    @Test("Control characters in a frame's text never reach the terminal")
    func controlsShowAsQuestionMarks() {
        var frame = Frame(width: 20, height: 2)
        for (column, byte) in [0x1B, 0x07, 0x0D, 0x7F, 0x9B].enumerated() {
            frame.put(Character(Unicode.Scalar(UInt8(byte))), row: 0, column: column, role: .plain)
        }
        #expect(FramePainterTests.firstPaint(frame) == "\u{1B}[?25l\u{1B}[m\u{1B}[H\u{1B}[2J?????")
    }

    @Test("Without UTF-8, characters go out in ASCII")
    func asciiWithoutUTF8() {
        var frame = Frame(width: 12, height: 2)
        frame.put("a·b↑ é e\u{301}", row: 0, column: 0, role: .plain)
        // Blanks are not written on a cleared screen: "é" and "e" with its accent each get an address.
        #expect(FramePainterTests.firstPaint(frame, codes: .ansi(looks: FramePainterTests.looks, utf8: false)) == "\u{1B}[?25l\u{1B}[m\u{1B}[H\u{1B}[2Ja-b^\u{1B}[1;6H?\u{1B}[1;8H?")
    }

    @Test("Where writing the bottom-right cell scrolls, it is written with automatic margins off, or early and pushed there, or left alone")
    func bottomRightCell() {
        var frame = Frame(width: 4, height: 2)
        frame.put("abcd", row: 1, column: 0, role: .plain)
        var codes = FramePainterTests.codes
        #expect(FramePainterTests.firstPaint(frame, codes: codes) == "\u{1B}[?25l\u{1B}[m\u{1B}[H\u{1B}[2J\u{1B}[2;1Habcd", "xterm's kind: no scrolling")
        codes.lastCellScrolls = true
        #expect(FramePainterTests.firstPaint(frame, codes: codes) == "\u{1B}[?25l\u{1B}[m\u{1B}[H\u{1B}[2J\u{1B}[2;1Habc", "no way to keep it from scrolling")
        codes.marginsOff = Array("\u{1B}[?7l".utf8)
        codes.marginsOn = Array("\u{1B}[?7h".utf8)
        #expect(FramePainterTests.firstPaint(frame, codes: codes) == "\u{1B}[?25l\u{1B}[m\u{1B}[H\u{1B}[2J\u{1B}[2;1Habc\u{1B}[?7ld\u{1B}[?7h")
        codes.marginsOff = []
        codes.marginsOn = []
        codes.insertBefore = Array("\u{1B}[@".utf8)
        // "d" one column early (over "c"), then "c" inserted in front of it, which pushes "d" into the corner.
        #expect(FramePainterTests.firstPaint(frame, codes: codes) == "\u{1B}[?25l\u{1B}[m\u{1B}[H\u{1B}[2J\u{1B}[2;1Habc\u{1B}[2;3Hd\u{1B}[2;3H\u{1B}[@c")
    }

    @Test("Painted frame after frame, a terminal shows exactly each frame: wide characters, clusters, resizes")
    func terminalShowsEveryFrame() {
        let pieces = ["a", "Z", " ", "$", "e\u{301}", "日", "·", "↑", "👍", "é", "✓", "\u{1B}", "x"]
        var random = SplitMix64(seed: 11)
        // How the bottom-right cell is reached: it does not scroll; margins off; one column early and the cell
        // before it inserted with ich1 or in insert mode; not at all.
        for corner in ["no scroll", "margins", "ich1", "insert mode", "none"] {
            var codes = FramePainterTests.codes
            let autoMargins = corner != "no scroll"
            codes.lastCellScrolls = autoMargins
            switch corner {
            case "margins": (codes.marginsOff, codes.marginsOn) = (Array("\u{1B}[?7l".utf8), Array("\u{1B}[?7h".utf8))
            case "ich1": codes.insertBefore = Array("\u{1B}[@".utf8)
            case "insert mode": (codes.insertBefore, codes.insertAfter) = (Array("\u{1B}[4h".utf8), Array("\u{1B}[4l".utf8))
            default: break
            }
            // Rows shifted with ich and dch by up to 3 columns.
            codes.insertColumns = (1...3).map { Array("\u{1B}[\($0)@".utf8) }
            codes.deleteColumns = (1...3).map { Array("\u{1B}[\($0)P".utf8) }
            var painter = FramePainter(codes: codes)
            var size = (rows: 4, columns: 12)
            var screen = Screen(rows: size.rows, columns: size.columns, autoMargins: autoMargins)
            var frame = Frame(width: size.columns, height: size.rows)
            var history: [Frame] = []
            for round in 0..<400 {
                if round % 97 == 96 {  // a resize: the next frame is painted whole
                    size = (Int.random(in: 2...6, using: &random), Int.random(in: 4...16, using: &random))
                    let cursorShows = screen.cursorShows  // a terminal keeps it across a resize
                    screen = Screen(rows: size.rows, columns: size.columns, autoMargins: autoMargins)
                    screen.cursorShows = cursorShows
                    frame = Frame(width: size.columns, height: size.rows)
                    history.removeAll()
                    painter.invalidate()
                }
                // Now and then an older frame comes back, as the typing view draws over the frame before last:
                // rows that match by their stamps must still match on screen.
                if round % 5 == 4, let older = history.randomElement(using: &random) { frame = older }
                for _ in 0..<Int.random(in: 0...3, using: &random) {
                    let text = (0..<Int.random(in: 1...5, using: &random)).map { _ in pieces.randomElement(using: &random) ?? "a" }.joined()
                    let role = Role.allCases.randomElement(using: &random) ?? .plain
                    frame.put(text, row: Int.random(in: 0..<size.rows, using: &random), column: Int.random(in: -1..<size.columns, using: &random), role: role)
                }
                // A row's characters moved along, as a reply's are by a character typed or deleted before them.
                for _ in 0..<Int.random(in: 0...2, using: &random) {
                    let inserted = (0..<Int.random(in: 0...3, using: &random)).map { _ in pieces.randomElement(using: &random) ?? "a" }.joined()
                    FramePainterTests.edit(&frame, row: Int.random(in: 0..<size.rows, using: &random), at: Int.random(in: 0..<size.columns, using: &random),
                                           deleting: Int.random(in: 0...3, using: &random), inserting: inserted, role: Role.allCases.randomElement(using: &random) ?? .plain)
                }
                frame.cursor = Bool.random(using: &random) ? (Int.random(in: 0..<size.rows, using: &random), Int.random(in: 0..<size.columns, using: &random)) : nil
                var out: [UInt8] = []
                painter.paint(frame, into: &out)
                screen.run(out)
                history = Array((history + [frame]).suffix(4))
                for row in 0..<size.rows {
                    for column in 0..<size.columns where frame[row, column] != .continuation {
                        // Where the bottom-right cell cannot be written, it (or a wide character over it) is left alone;
                        // inserting needs a narrow character there and before it.
                        let last = (row: size.rows - 1, column: size.columns - 1)
                        let wideOver = frame[last.row, last.column] == .continuation
                        let leftAlone = corner == "none" || (corner.hasPrefix("i") && (wideOver || frame[last.row, last.column - 1] == .continuation))
                        if leftAlone && row == last.row && (column == last.column || (column == last.column - 1 && wideOver)) {
                            continue
                        }
                        let cell = frame[row, column]
                        let shown = cell.scalar < 0x20 || cell.scalar == 0x7F ? "?" : String(frame.character(row: row, column: column))
                        let expected = (text: shown, role: cell.role)
                        #expect(screen.rows[row][column].text == expected.text && screen.rows[row][column].role == expected.role,
                                "size \(size) round \(round), row \(row), column \(column): \((0..<size.columns).map { frame[row, $0].scalar }) \(screen.rows[row][column]) for \(expected); \(FramePainterTests.text(out).debugDescription)")
                    }
                }
                #expect(screen.cursorShows == (frame.cursor != nil))
                if let cursor = frame.cursor { #expect(screen.row == cursor.row && screen.column == cursor.column, "round \(round)") }
                #expect(screen.role == .plain, "each frame ends in the normal look")
            }
        }
    }

    @Test("Rows whose characters move along, shifted with ich and dch where that is cheaper, show exactly each frame")
    func shiftedRowsShowEveryFrame() {
        // Now and then a character that is not one narrow scalar: a row holding one from the change on is not shifted.
        let narrow = ["a", "b", "c", " ", " ", "e", "r", ".", "·"], others = ["日", "e\u{301}", "👍"]
        var random = SplitMix64(seed: 5)
        for lastCellScrolls in [false, true] {
            var codes = FramePainterTests.codes
            codes.lastCellScrolls = lastCellScrolls
            (codes.marginsOff, codes.marginsOn) = (Array("\u{1B}[?7l".utf8), Array("\u{1B}[?7h".utf8))
            codes.insertColumns = (1...4).map { Array("\u{1B}[\($0)@".utf8) }
            codes.deleteColumns = (1...4).map { Array("\u{1B}[\($0)P".utf8) }
            var painter = FramePainter(codes: codes)
            var screen = Screen(rows: 3, columns: 24, autoMargins: lastCellScrolls)
            var frame = Frame(width: 24, height: 3)
            var shifts = 0
            for round in 0..<600 {
                // Mostly a character or a few typed or deleted in a row; now and then other text over it.
                let row = Int.random(in: 0..<3, using: &random)
                let typing = Bool.random(using: &random)
                let inserted = (0..<(typing ? Int.random(in: 1...5, using: &random) : 0)).map { _ in
                    (Int.random(in: 0..<40, using: &random) == 0 ? others : narrow).randomElement(using: &random) ?? "a"
                }.joined()
                FramePainterTests.edit(&frame, row: row, at: Int.random(in: 0..<24, using: &random), deleting: typing ? 0 : Int.random(in: 1...5, using: &random),
                                       inserting: inserted, role: round % 3 == 0 ? .pending : .plain)
                if round % 9 == 0 {
                    frame.put((narrow + others).randomElement(using: &random) ?? "a", row: Int.random(in: 0..<3, using: &random), column: 22, role: .key)
                }
                frame.cursor = (row, Int.random(in: 0..<24, using: &random))
                var out: [UInt8] = []
                painter.paint(frame, into: &out)
                screen.run(out)
                let painted = FramePainterTests.text(out)
                shifts += (1...4).filter { painted.contains("\u{1B}[\($0)@") || painted.contains("\u{1B}[\($0)P") }.count
                for row in 0..<3 {
                    for column in 0..<24 where frame[row, column] != .continuation {
                        let expected = (text: String(frame.character(row: row, column: column)), role: frame[row, column].role)
                        #expect(screen.rows[row][column].text == expected.text && screen.rows[row][column].role == expected.role,
                                "round \(round), row \(row), column \(column): \(screen.rows[row][column]) for \(expected); \(painted.debugDescription)")
                    }
                }
                #expect(screen.row == frame.cursor?.row && screen.column == frame.cursor?.column)
            }
            #expect(shifts > 50, "rows were shifted (\(shifts) times)")
        }
    }

    /// Rewrites `row` with `count` of its characters from the one at `column` on deleted and `text` inserted there,
    /// the rest moving along.
    static func edit(_ frame: inout Frame, row: Int, at column: Int, deleting count: Int, inserting text: String, role: Role) {
        var characters: [(character: Character, role: Role, column: Int)] = []
        for index in 0..<frame.width where frame[row, index] != .continuation {
            characters.append((frame.character(row: row, column: index), frame[row, index].role, index))
        }
        let at = characters.firstIndex { $0.column >= column } ?? characters.count
        characters.removeSubrange(at..<min(characters.count, at + count))
        characters.insert(contentsOf: text.map { ($0, role, 0) }, at: at)
        frame.put(String(repeating: " ", count: frame.width), row: row, column: 0, role: .plain)
        var next = 0
        for item in characters { next = frame.put(item.character, row: row, column: next, role: item.role) }
    }
}
