import Foundation
import Testing
import TypeBarCore
import TypeBarFormats
@testable import TerminalUI

@Suite("Text layout and frames")
struct FrameTests {
    @Test("A string's width is its characters' widths added up, ASCII or not, controls and CR LF included")
    func stringWidthIsTheSumOfItsCharacters() {
        var generator = SystemRandomNumberGenerator()
        let pieces: [String] = ["a", "Z", " ", "~", "\t", "\r\n", "\u{7F}", "é", "e\u{301}", "漢", "👍", "❤️", "·", "…", "\u{200B}", "#59530"]
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(DisplayWidth.of(text) == text.reduce(0) { $0 + DisplayWidth.of($1) }, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(DisplayWidth.of("Hi Ana, order #59530") == 20)
        #expect(DisplayWidth.of("a\tb\u{7F}") == 2)
    }

    @Test("Up to U+3000 every character measures as its Unicode properties say, string or character")
    func widthsAgreeWithUnicodeProperties() {
        // No cell for a mark, a control or a format character; two for an emoji shown as such and for Hangul's
        // leading consonants and the CJK radicals; else one.
        func byProperties(_ scalar: Unicode.Scalar) -> Int {
            let properties = scalar.properties
            if [.nonspacingMark, .enclosingMark, .control, .format].contains(properties.generalCategory) { return 0 }
            if properties.isEmojiPresentation { return 2 }
            return (0x1100...0x115F).contains(scalar.value) || (0x2E80...0x2FFF).contains(scalar.value) ? 2 : 1
        }
        for value in UInt32(0x80)..<0x3000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(DisplayWidth.of(Character(scalar)) == byProperties(scalar), "U+\(String(value, radix: 16))")
            // Between letters, in a string, it measures as the string's characters do.
            let text = "a" + String(Character(scalar)) + "b"
            #expect(DisplayWidth.of(text) == text.reduce(0) { $0 + DisplayWidth.of($1) }, "U+\(String(value, radix: 16))")
        }
        #expect(DisplayWidth.of("a\u{AD}b") == 2, "the soft hyphen is a format character")
        #expect(DisplayWidth.of("── ↑↓ · “quoted” …") == 18)
        #expect(DisplayWidth.of("e\u{301}·") == 2)
    }

    @Test("A cell holds any scalar up to U+10FFFF with any role in eight bytes: each read back as put, changed apart, equal exactly when both are")
    func cellPacking() {
        #expect(MemoryLayout<Cell>.size == 8 && MemoryLayout<Cell>.stride == 8, "no padding: rows compare with memcmp")
        var random = SplitMix64(seed: 5)
        let edges: [UInt32] = [0, 0x20, 0x7E, 0xFF, 0xFFFF, 0x10000, 0x10FFFF]
        for round in 0..<2_000 {
            let scalar = round < edges.count ? edges[round] : UInt32.random(in: 0...0x10FFFF, using: &random)
            let role = Role.allCases[Int.random(in: 0..<Role.allCases.count, using: &random)]
            let cluster = UInt32.random(in: 0...3, using: &random)
            var cell = Cell(scalar: scalar, cluster: cluster, role: role)
            #expect(cell.scalar == scalar && cell.role == role && cell.cluster == cluster && cell.roleValue == UInt32(role.rawValue))
            let other = Role.allCases[(Int(role.rawValue) + 1) % Role.allCases.count]
            cell.role = other
            #expect(cell.scalar == scalar && cell.role == other, "a new role leaves the scalar")
            cell.scalar = 0x10FFFF - scalar
            #expect(cell.scalar == 0x10FFFF - scalar && cell.role == other, "a new scalar leaves the role")
            let twin = Cell(scalar: 0x10FFFF - scalar, cluster: cluster, role: other)
            #expect(cell == twin)
            #expect(cell != Cell(scalar: 0x10FFFF - scalar, cluster: cluster, role: role))
            #expect(cell != Cell(scalar: (0x10FFFF - scalar) ^ 1, cluster: cluster, role: other), "a scalar a bit apart")
        }
    }

    @Test("The painter's row test: equal rows match; a changed character, role or cluster does not; a row out of range never does")
    func rowComparison() {
        var before = Frame(width: 10, height: 3)
        before.put("Hi Sam", row: 1, column: 0, role: .pending)
        var after = before
        #expect(Cell.same(after.cells, before.cells, from: 10, count: 10))
        after.put("H", row: 1, column: 0, role: .correct)
        #expect(!Cell.same(after.cells, before.cells, from: 10, count: 10), "the role changed")
        #expect(Cell.same(after.cells, before.cells, from: 0, count: 10), "row 0 is untouched")
        after = before
        after.put("x", row: 2, column: 9, role: .plain)
        #expect(!Cell.same(after.cells, before.cells, from: 20, count: 10), "the last cell of the last row")
        after = before
        after.put("e\u{301}", row: 1, column: 1, role: .pending)
        #expect(!Cell.same(after.cells, before.cells, from: 10, count: 10), "a cluster in place of a letter")
        #expect(!Cell.same(before.cells, before.cells, from: 25, count: 10), "past the end")
    }

    @Test("Writing over half of a wide character blanks its other half, as a terminal does")
    func wideCharacterHalves() {
        var frame = Frame(width: 8, height: 1)
        frame.put("日", row: 0, column: 1, role: .plain)
        frame.put("x", row: 0, column: 2, role: .plain)            // over its right half
        #expect(frame[0, 1] == .blank && frame.text == "  x")
        frame.put("本", row: 0, column: 4, role: .plain)
        frame.put("y", row: 0, column: 4, role: .correct)          // over its left half
        #expect(frame[0, 5] == .blank && frame.text == "  x y")
        frame.put("日本", row: 0, column: 3, role: .plain)          // wide over wide, one column along
        frame.put("語", row: 0, column: 4, role: .plain)
        #expect(frame.text == "  x 語")
        #expect(frame[0, 3] == .blank && frame[0, 5] == .continuation && frame[0, 6] == .blank)
    }

    @Test("Clearing a block blanks it as a new frame is, and the halves of wide characters it cuts; rows past the edge are ignored")
    func clearingABlock() {
        var frame = Frame(width: 8, height: 3)
        for row in 0..<3 { frame.put("a日bc本d", row: row, column: 0, role: .correct) }
        // a日bc本d: columns 2-5 of rows 1-2 (and a row past the bottom) hold 日's right half and 本's left half.
        frame.clear(rows: 1..<4, columns: 2..<6)
        #expect(frame.text == "a日bc本d\na      d\na      d")
        #expect(frame[1, 1] == .blank && frame[1, 5] == .blank && frame[1, 6] == .blank)
        #expect(frame[0, 2] == .continuation, "the row above untouched")
        // A frame cleared whole is a new frame's cells.
        frame.clear(rows: 0..<3, columns: -2..<20)
        #expect(frame.cells == Frame(width: 8, height: 3).cells)
    }

    @Test("Writing a string puts the same cells as writing its characters one by one, ASCII or not, clipped or not")
    func stringWritesMatchCharacterWrites() {
        let pieces = ["a", "Z", " ", "$", "~", "e\u{301}", "\u{301}", "日", "·", "👍", "\r\n", "\t", "\u{7F}", "é", "x\u{FE0F}"]
        var random = SplitMix64(seed: 7)
        let narrow = ["a", " ", "·", "é", "─", "…", "↑", "“", "Z"]
        for round in 0..<900 {
            // A third of the strings are printable ASCII only, which goes into the row in one pass; a third ASCII
            // and narrow letters and marks, a scalar a cell.
            let choices = [pieces, Array(pieces.prefix(5)), narrow][round % 3]
            let text = (0..<Int.random(in: 0...12, using: &random)).map { _ in choices.randomElement(using: &random) ?? "a" }.joined()
            let column = Int.random(in: -3...9, using: &random)
            var fast = Frame(width: 10, height: 2), slow = Frame(width: 10, height: 2)
            // Over wide characters half the time, whose halves a write must mend.
            if round % 2 == 0 {
                fast.put("日日日日日", row: 1, column: 0, role: .plain)
                slow.put("日日日日日", row: 1, column: 0, role: .plain)
            }
            let end = fast.put(text, row: 1, column: column, role: .pending)
            var slowEnd = column
            for character in text { slowEnd = slow.put(character, row: 1, column: slowEnd, role: .pending) }
            #expect(fast == slow, "\(text.unicodeScalars.map { String($0.value, radix: 16) }) from \(column)")
            #expect(end == slowEnd)
        }
    }

    @Test("A laid-out line written as one run puts the same cells as its glyphs one by one, over wide characters or not")
    func runWritesMatchGlyphWrites() {
        let pieces: [Character] = ["a", "Z", " ", "é", "日", "👍", "·", "e\u{301}", "─"]
        var random = SplitMix64(seed: 11)
        var runs = 0
        for round in 0..<900 {
            let text = (0..<Int.random(in: 0...14, using: &random)).map { _ in pieces.randomElement(using: &random) ?? "a" }
            let glyphs = text.map(Glyph.init)
            let roles = text.indices.map { _ in [Role.plain, .correct, .key].randomElement(using: &random) ?? .plain }
            let layout = TextLayout(glyphs: glyphs, width: Int.random(in: 1...9, using: &random))
            let column = Int.random(in: -1...6, using: &random)
            var run = Frame(width: 12, height: 3), each = Frame(width: 12, height: 3)
            if round % 2 == 0 {
                run.put("日日日日日日", row: 1, column: round % 4 == 0 ? 0 : 1, role: .plain)
                each.put("日日日日日日", row: 1, column: round % 4 == 0 ? 0 : 1, role: .plain)
            }
            for line in layout.lines.indices {
                let range = layout.lines[line]
                let row = min(2, line)
                let start = column + (range.first.map { layout.columns[$0] } ?? 0)
                for index in range {
                    each.put(glyphs[index], row: row, column: column + layout.columns[index], role: roles[index], character: text[index])
                }
                if run.put(run: range, of: glyphs, roles: roles, columns: layout.columns, row: row, column: start) {
                    runs += 1
                } else {
                    for index in range {
                        run.put(glyphs[index], row: row, column: column + layout.columns[index], role: roles[index], character: text[index])
                    }
                }
            }
            #expect(run == each, "\(String(text)) from \(column)")
        }
        // Most lines go in as runs; the rest (a cluster, a column off the frame) one by one.
        #expect(runs > 500)
    }

    @Test("Lines break at word boundaries and keep their trailing space")
    func wrapping() {
        let layout = TextLayout(characters: Array("Hi Sam, your label is attached."), width: 12)
        let lines = layout.lines.map { String(Array("Hi Sam, your label is attached.")[$0]) }
        #expect(lines == ["Hi Sam, ", "your label ", "is attached."])
        #expect(layout.columns[8] == 0)    // "your" starts its line
        #expect(layout.line(of: 9) == 1)
        #expect(layout.line(of: 31) == 2)  // past the end: the last line
    }

    @Test("A word longer than the line is split")
    func longWord() {
        let text = Array("see https://brightkettle.com/account/security now")
        let layout = TextLayout(characters: text, width: 16)
        #expect(layout.lines.allSatisfy { range in range.reduce(0) { $0 + DisplayWidth.of(text[$1]) } <= 16 })
        #expect(layout.lines.map(\.count).reduce(0, +) == text.count)
    }

    @Test("Wide characters take two columns; combining marks none")
    func widths() {
        #expect(DisplayWidth.of("a" as Character) == 1)
        #expect(DisplayWidth.of("日" as Character) == 2)
        #expect(DisplayWidth.of("\u{1F600}" as Character) == 2)
        #expect(DisplayWidth.of("e\u{301}" as Character) == 1)
        #expect(DisplayWidth.of("\u{301}" as Character) == 0)
        let layout = TextLayout(characters: Array("日本語 text"), width: 8)
        #expect(layout.columns == [0, 2, 4, 6, 0, 1, 2, 3])
        var frame = Frame(width: 6, height: 1)
        frame.put("日本語", row: 0, column: 0, role: .plain)
        #expect(frame.text == "日本語")
        #expect(frame[0, 1] == .continuation)
    }
}

@Suite("The typing screen model")
struct TypingViewTests {
    static let text = "Hi Sam, your label is attached."

    func session(_ keys: String, mode: TypingSession.Mode = .practice, hide: Bool = false) -> TypingSession {
        var session = TypingSession(configuration: .init(mode: mode, text: Self.text, passageIDs: ["custom/label"], title: "custom/label", hideLiveFigures: hide))
        var time = 1_000.0
        for key in keys {
            let event: InputEvent = key == "<" ? .backspace : .type(key)
            _ = session.handle(event, at: time)
            time += 250
        }
        return session
    }

    @Test("Before the first key: the whole text pending, the clock waiting")
    func start() {
        var view = TypingView(text: Self.text)
        let frame = view.frame(for: session(""), rows: 12, columns: 60, now: 0)
        let expected = [
            " typebar · practice · custom/label   Esc quit · Tab restart",
            "",
            "  Hi Sam, your label is attached.",
            "", "", "", "", "", "", "",
            " 0:00",
            " Start when ready: the clock starts at your first key.",
        ]
        #expect(frame.text == expected.joined(separator: "\n"))
        #expect(frame.roles(row: 2) == ".._" + String(repeating: "p", count: 30) + String(repeating: ".", count: 27))
        #expect(frame.cursor?.row == 2 && frame.cursor?.column == 2)
    }

    @Test("Typed characters show correct or wrong; a wrong one still shows the expected character")
    func states() {
        var view = TypingView(text: Self.text)
        let frame = view.frame(for: session("Hi Sam, yoor"), rows: 12, columns: 60, now: 3_750)
        // "yoor": the second o stands where u was due.
        #expect(frame.text.split(separator: "\n")[1] == "  Hi Sam, your label is attached.")
        #expect(frame.roles(row: 2).prefix(17) == "..ccccccccccwc_pp")
        #expect(frame.cursor?.column == 14)
        // Under 3 s of typing: no speed yet. The figures are those at 2 s, before "yoor": no error so far.
        #expect(frame.text.contains("speed from 3 s   100.0%"))
        // In the first second of typing there is no figure yet.
        var first = TypingView(text: Self.text)
        #expect(first.frame(for: session("Hi"), rows: 12, columns: 60, now: 1_500).text.contains("speed from 3 s   --%   0:00"))
        let later = view.frame(for: session("Hi Sam, yoor"), rows: 12, columns: 60, now: 4_000)
        #expect(later.text.contains("28 WPM · 12 short of 40   91.6%"))
    }

    @Test("A wrong space is drawn as a visible dot")
    func wrongSpace() {
        var view = TypingView(text: Self.text)
        let frame = view.frame(for: session("Hix"), rows: 12, columns: 60, now: 2_000)
        #expect(frame.text.split(separator: "\n")[1].hasPrefix("  Hi·Sam"))
        #expect(frame.roles(row: 2).prefix(6) == "..ccw_")
    }

    @Test("Live figures can be hidden, exam style")
    func hiddenFigures() {
        var view = TypingView(text: Self.text)
        let frame = view.frame(for: session("Hi Sam", hide: true), rows: 12, columns: 60, now: 5_000)
        #expect(frame.text.contains("live figures hidden"))
        #expect(!frame.text.contains("WPM"))
    }

    @Test("A timed test counts down from the first key")
    func countdown() {
        var view = TypingView(text: Self.text)
        let waiting = view.frame(for: session("", mode: .timedTest(seconds: 60)), rows: 12, columns: 60, now: 0)
        #expect(waiting.text.contains("1:00 on the clock"))
        let running = view.frame(for: session("Hi", mode: .timedTest(seconds: 60)), rows: 12, columns: 60, now: 16_000)
        #expect(running.text.contains("0:45 left"))
    }

    @Test("Long text scrolls so the line being typed stays in view")
    func scrolling() {
        let words = (1...60).map { "word\($0)" }.joined(separator: " ")
        var session = TypingSession(configuration: .init(mode: .practice, text: words, passageIDs: [], title: "long"))
        var view = TypingView(text: words)
        let top = view.frame(for: session, rows: 10, columns: 40, now: 0)
        #expect(top.text.split(separator: "\n")[1].hasPrefix("  word1 word2"))
        #expect(top.text.contains("↓"))
        var time = 0.0
        for character in words.prefix(200) {
            _ = session.handle(.type(character), at: time)
            time += 100
        }
        let later = view.frame(for: session, rows: 10, columns: 40, now: time)
        let cursorRow = later.cursor!.row
        #expect(cursorRow >= 2 && cursorRow < 7)
        #expect(!later.text.contains("word1 word2"))
        #expect(later.text.contains("↑"))
    }

    @Test("A window too small says how big it must be")
    func tooSmall() {
        var view = TypingView(text: Self.text)
        let frame = view.frame(for: session(""), rows: 8, columns: 30, now: 0)
        #expect(frame.text.contains("40×10 or more"))
        #expect(frame.text.contains("(this is 30×8)"))
    }

    @Test("Resizing reflows the text at once")
    func reflow() {
        var view = TypingView(text: Self.text)
        let wide = view.frame(for: session("Hi"), rows: 12, columns: 60, now: 1_500)
        let narrow = view.frame(for: session("Hi"), rows: 12, columns: 40, now: 1_500)
        #expect(wide.width == 60 && narrow.width == 40)
        #expect(narrow.text.split(separator: "\n")[1] == "  Hi Sam, your label is attached.")
        let words = String(repeating: "reply ", count: 20)
        var long = TypingView(text: words)
        let session = TypingSession(configuration: .init(mode: .practice, text: words, passageIDs: [], title: "t"))
        #expect(long.frame(for: session, rows: 12, columns: 60, now: 0).text.split(separator: "\n").count
            < long.frame(for: session, rows: 12, columns: 40, now: 0).text.split(separator: "\n").count)
    }
}

@Suite("The results screen")
struct ResultsViewTests {
    func result(_ keys: String, every interval: Double) throws -> ScoreResult {
        var attempt = Attempt(target: TargetText("Hi Sam, your label is attached and ready to print."))
        for (index, key) in keys.enumerated() { attempt.apply(.character(key, at: Double(index) * interval)) }
        return try attempt.result()
    }

    @Test("Figures, the verdict with distances to 40 and 50, a chart, keys and the menu")
    func results() throws {
        let result = try result("Hi Sam, your lebel is attached and ready to print.", every: 230)
        var view = ResultsView(result: result, bar: HiringBar(), title: "custom/label")
        view.notes = ["keystrokes saved to /tmp/x.jsonl", "saved to history as 1a2b3c4d"]
        let frame = view.frame(rows: 24, columns: 80)
        let text = frame.text
        #expect(text.contains("net WPM"))
        #expect(text.contains("% accuracy"))
        #expect(text.contains(HiringBar().verdict(for: result).judgement))
        #expect(text.contains("speed: net WPM so far"))
        #expect(text.split(separator: "\n").contains { $0.hasSuffix(" 40") } && text.split(separator: "\n").contains { $0.hasSuffix(" 50") })
        #expect(text.contains("most missed: 'a' 1/"))
        #expect(ResultsView.named(",") == "','" && ResultsView.named(" ") == "space")
        #expect(text.contains("keystrokes saved to /tmp/x.jsonl"))
        #expect(text.contains("saved to history as 1a2b3c4d"))
        #expect(text.hasSuffix("r retry · n next · q quit"))
    }

    @Test("A slow result is marked below the bar")
    func below() throws {
        let result = try result("Hi Sam, your label is attached and ready to print.", every: 400)
        let text = ResultsView(result: result, bar: HiringBar(), title: "t").frame(rows: 24, columns: 80).text
        #expect(text.contains("✗ below the 40 WPM bar"))
    }

    @Test("Bursts and reading pauses: the chart's top stays within 1.5x of the rolling speed, and the net line ends at the verdict's figure")
    func burstsAndPauses() throws {
        // 2 s of keys 60 ms apart (200 WPM), then 2.5 s of reading, over and over.
        let text = String(repeating: "thanks for waiting ", count: 12)
        var keys: [Keystroke] = []
        var time = 0.0
        for (index, character) in text.enumerated() {
            keys.append(.character(character, at: time))
            time += index % 33 == 32 ? 2_500 : 60
        }
        var attempt = Attempt(target: TargetText(text))
        for key in keys { attempt.apply(key) }
        let result = try attempt.result()
        let timeline = try #require(result.keystrokes?.timeline)
        let series = SpeedSeries(timeline: timeline, marks: [40, 50])
        let view = ResultsView(result: result, bar: HiringBar(), title: "bursts")
        let lines = view.frame(rows: 24, columns: 80).text.split(separator: "\n").map(String.init)
        let top = try #require(lines.first { $0.contains("┤") })
        let label = try #require(Double(top.split(separator: "┤")[0].trimmingCharacters(in: .whitespaces)))
        let rolling = try #require(series.raw.max())
        #expect(label <= 1.5 * rolling, "top \(label), rolling \(rolling)")
        #expect(label >= rolling)
        #expect(try #require(series.net.last) == result.netWPM)
    }

    @Test("The headline is the net WPM in large figures with accuracy and the verdict beside it; in ASCII with #")
    func headline() throws {
        let result = try result("Hi Sam, your label is attached and ready to print.", every: 150)
        var view = ResultsView(result: result, bar: HiringBar(), title: "t")
        let text = view.frame(rows: 24, columns: 80).text
        let wpm = formatDecimal(result.netWPM, places: 0)
        let rows = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(rows[2].contains(BigFigure.rows(wpm, ascii: false)[0]) && rows[2].contains("net WPM"))
        #expect(rows[3].contains("% accuracy"))
        view.ascii = true
        let ascii = view.frame(rows: 24, columns: 80).text
        #expect(!ascii.contains("█") && !ascii.contains("▀") && !ascii.unicodeScalars.contains { (0x2800...0x28FF).contains($0.value) })
        #expect(ascii.contains(BigFigure.rows(wpm, ascii: true)[0]))
        // Short windows keep the one-line headline.
        #expect(ResultsView(result: result, bar: HiringBar(), title: "t").frame(rows: 12, columns: 80).text.contains("\(wpm) net WPM"))
    }
}

@Suite("Keys")
struct KeyDecoderTests {
    func decode(_ keys: [RawKey], controlH: Bool = false) -> [InputEvent] {
        var decoder = KeyDecoder(codes: .init(backspaceIsControlH: controlH))
        return keys.flatMap { decoder.decode($0) }
    }

    func chars(_ text: String) -> [RawKey] { text.unicodeScalars.map { .character($0.value) } }

    @Test("Every backspace variant deletes a character")
    func backspaces() {
        #expect(decode([.code(263), .character(127)]) == [.backspace, .backspace])
        #expect(decode([.character(8)], controlH: true) == [.backspace])
    }

    @Test("Ctrl-W, Ctrl-Backspace and Alt-Backspace delete a word")
    func wordDeletion() {
        #expect(decode([.character(23)]) == [.wordBackspace])
        #expect(decode([.character(8)]) == [.wordBackspace])                 // Ctrl-Backspace where Backspace sends ^?
        #expect(decode([.character(27), .character(127)]) == [.wordBackspace]) // Alt-Backspace
        #expect(decode(chars("\u{1B}[127;5u")) == [.wordBackspace])
    }

    @Test("Esc alone and Ctrl-C leave; Tab restarts")
    func control() {
        #expect(decode([.character(27), .none]) == [.quit])
        #expect(decode([.character(3)]) == [.quit])
        #expect(decode([.character(9)]) == [.restart])
    }

    @Test("A bracketed paste is swallowed and counted, not typed")
    func paste() {
        let events = decode(chars("ab\u{1B}[200~hello [world]\u{1B}[201~c"))
        #expect(events == [.type("a"), .type("b"), .pasted(characters: 13), .type("c")])
    }

    @Test("Focus reports and unknown sequences type nothing")
    func sequences() {
        #expect(decode(chars("\u{1B}[O\u{1B}[I\u{1B}[A")) == [.focusLost, .focusGained])
        #expect(decode([.code(410)]) == [.resize])
    }

    @Test("Unicode characters type as themselves")
    func unicode() {
        #expect(decode(chars("é日")) == [.type("é"), .type("日")])
    }
}

@Suite("The typing session")
struct TypingSessionTests {
    @Test("The log it records rescores to exactly the figures it shows")
    func recordMatchesScore() throws {
        var session = TypingSession(configuration: .init(mode: .practice, text: "Hi Sam, your label is attached.", passageIDs: ["custom/label"], title: "x"))
        var time = 1_234.567_891
        for (index, key) in "Hi Sam, yoor<<ur label is atached.".enumerated() {
            let outcome = session.handle(key == "<" ? .backspace : .type(key), at: time)
            time += 187.3 + Double(index % 7) * 13.31
            if outcome == .finished { break }
        }
        let shown = try session.result()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("typebar-session-\(UUID().uuidString).jsonl")
        try session.log().write(to: scratch, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let rescored = try KeystrokeLog.score(path: scratch.path)
        #expect(rescored.result == shown)
        #expect(rescored.header.passage == "custom/label")
    }

    @Test("A paste is refused, noted, and flagged on the result")
    func pasteFlag() throws {
        var session = TypingSession(configuration: .init(mode: .practice, text: "Hi Sam, your label is attached.", passageIDs: [], title: "x"))
        _ = session.handle(.pasted(characters: 12), at: 0)
        #expect(session.notice?.contains("not accepted") == true)
        for (index, key) in "Hi Sam, your label is attached.".enumerated() { _ = session.handle(.type(key), at: Double(index) * 200 + 500) }
        let result = try session.result()
        #expect(result.flags.first?.kind == .paste)
        #expect(result.flags.first?.detail == "1 paste (12 characters) refused during the session")
        #expect(session.log().contains(#"{"t":0,"event":"paste","characters":12}"#))
        // The log carries the paste, so rescoring it gives the same flags.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("typebar-paste-\(UUID().uuidString).jsonl")
        try session.log().write(to: scratch, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: scratch) }
        #expect(try KeystrokeLog.score(path: scratch.path).result == result)
    }

    @Test("A timed test finishes at its limit even without keys")
    func timeLimit() {
        var session = TypingSession(configuration: .init(mode: .timedTest(seconds: 60), text: "abc def ghi", passageIDs: [], title: "x"))
        #expect(session.tick(at: 100_000) == .keepTyping)   // not started: no clock
        _ = session.handle(.type("a"), at: 1_000)
        #expect(session.deadline == 61_000)
        #expect(session.tick(at: 60_999) == .keepTyping)
        #expect(session.tick(at: 61_001) == .finished)
        #expect(session.handle(.type("b"), at: 61_500) == .finished)
    }
}
