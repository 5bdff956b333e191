import Foundation
import Testing
import TypeBarCore
import TypeBarFormats
@testable import TerminalUI

/// The screens at the window sizes people use: 80×24, 40×10 and 20×5. Every sentence wraps at word boundaries,
/// the key hints always show, and what does not fit is summarised.
@Suite("Layouts that fit the window")
struct LayoutTests {
    /// The lines of a frame, trimmed and joined with single spaces: a wrapped sentence reads whole in it.
    func joined(_ frame: Frame) -> String {
        frame.text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    func lastLine(_ frame: Frame) -> String {
        String(frame.text.split(separator: "\n").last ?? "").trimmingCharacters(in: .whitespaces)
    }

    /// "Hi Sam, your label is attached and ready to print." with three slips at 330 ms a key: 50 characters in
    /// 49 × 0.33 = 16.17 s, so gross (50 / 5) / (16.17 / 60) = 37.11 WPM and net 37.11 - 3 / (16.17 / 60) = 25.97;
    /// 47 of 50 right is 94 % accuracy. Both rules of the 40 WPM / 95 % bar fail: 15 short of 40, 25 of 50.
    func slowAndSloppy() throws -> ScoreResult {
        var attempt = Attempt(target: TargetText("Hi Sam, your label is attached and ready to print."))
        for (index, key) in "Hi Sam, yoyr label us attached and ready to prinr.".enumerated() {
            attempt.apply(.character(key, at: Double(index) * 330))
        }
        return try attempt.result()
    }

    @Test("wrapWords breaks only at spaces, keeps every word, and fits the width", arguments: [5, 8, 13, 20, 38, 78])
    func wrapProperty(width: Int) {
        var generator = SystemRandomNumberGenerator()
        let words = ["a", "Hi", "Sam,", "label", "attached.", "refund", "order", "4521", "thanks", "please", "check"]
        for _ in 0..<200 {
            let text = (0..<Int.random(in: 1...30, using: &generator)).map { _ in words.randomElement(using: &generator)! }.joined(separator: " ")
            let lines = wrapWords(text, width: width)
            #expect(lines.allSatisfy { DisplayWidth.of($0) <= width })
            let shortWords = text.split(separator: " ").allSatisfy { $0.count <= width }
            if shortWords {
                #expect(lines.joined(separator: " ") == text)
                #expect(lines.flatMap { $0.split(separator: " ") }.count == text.split(separator: " ").count)
            }
        }
        #expect(wrapWords("one\n\ntwo three", width: 5) == ["one", "", "two", "three"])
    }

    @Test("wrapWords read scalar by scalar for one-column characters agrees with wrapping character by character")
    func narrowWrapAgreesWithCharacters() {
        var generator = SystemRandomNumberGenerator()
        // The one-column marks a screen writes take the quick path; a combining accent, a wide character, a carriage
        // return (with its line feed one character) and an emoji do not.
        let pieces = ["a", " ", "  ", "\n", "Hi", "Sam,", "supercalifragilistic", "4521", " x ", "\n\n", "é", "\u{A0}",
                      "·", "—", "…", "’", "“", "▶", "✓", "─", "e\u{301}", "\r\n", "語", "\u{1F600}"]
        let slow: Set<Unicode.Scalar> = ["\u{301}", "\r", "語", "\u{1F600}"]
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...25, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
            let width = Int.random(in: 0...24, using: &generator)
            let quick = !text.unicodeScalars.contains(where: slow.contains)
            #expect((wrapNarrowWords(text, width: width) != nil) == quick, "\(text.debugDescription)")
            #expect(wrapWords(text, width: width) == wrapWordsByCharacter(text, width: width), "\(text.debugDescription) \(width)")
        }
        // The chat intro's line: its figures held to their units by no-break spaces.
        let intro = "A customer who waits " + withUnit("120", "s") + " without a reply leaves · " + withUnit("95", "%")
        #expect(wrapNarrowWords(intro, width: 30) == ["A customer who waits 120 s", "without a reply leaves · 95 %"])
    }

    @Test("The results verdict is never cut and the key hints show, at 80×24 and 40×10", arguments: [(24, 80), (10, 40), (12, 100)])
    func resultsFit(rows: Int, columns: Int) throws {
        let result = try slowAndSloppy()
        var view = ResultsView(result: result, bar: HiringBar(), title: "replies/label")
        view.notes = ["keystrokes saved to /home/ana/typing/session-with-a-long-name.jsonl", "saved to history as 1a2b3c4d"]
        let frame = view.frame(rows: rows, columns: columns)
        let judgement = HiringBar().verdict(for: result).judgement
        #expect(judgement == "below the 40 WPM bar, and accuracy under the 95.0 % minimum; 15 short of 40, 25 short of 50")
        #expect(joined(frame).contains("✗ " + judgement), "\(frame.text)")
        #expect(lastLine(frame) == "r retry · n next · q quit")
        #expect(frame.text.split(separator: "\n").allSatisfy { DisplayWidth.of(String($0)) <= columns })
        if rows == 10 {
            // 40×10 cannot hold everything: the rest is summarised, not cut off silently.
            #expect(frame.text.contains("more lines in a taller window)"))
        } else {
            #expect(frame.text.contains("saved to history as 1a2b3c4d"))
            #expect(joined(frame).contains("keystrokes saved to /home/ana/typing/session-with-a-long-name.jsonl"))
        }
    }

    @Test("An assessment verdict with every rule broken wraps whole")
    func assessmentVerdict() throws {
        let result = try slowAndSloppy()
        let rules = AssessmentRules(name: "Acme", seconds: 60, bar: HiringBar(), maximumErrors: 1, attempts: 2)
        var view = ResultsView(result: result, bar: rules.bar, title: "Acme")
        view.assessment = rules.judge(result)
        view.help = "r begin attempt 2 of 2 · q finish"
        for (rows, columns) in [(24, 80), (10, 40)] {
            let frame = view.frame(rows: rows, columns: columns)
            #expect(joined(frame).contains("✗ NOT PASSED: " + rules.judge(result).reasons.joined(separator: "; ")), "\(frame.text)")
            #expect(lastLine(frame) == "r begin attempt 2 of 2 · q finish")
        }
    }

    @Test("For a second after it appears the results screen says keys are ignored")
    func settling() throws {
        var view = ResultsView(result: try slowAndSloppy(), bar: HiringBar(), title: "t")
        view.acceptsKeys = false
        #expect(joined(view.frame(rows: 24, columns: 80)).hasSuffix("keys ignored until typing stops for a second, so typing on cannot skip this"))
        #expect(!view.frame(rows: 24, columns: 80).text.contains("r retry"))
        view.acceptsKeys = true
        #expect(lastLine(view.frame(rows: 24, columns: 80)) == "r retry · n next · q quit")
    }

    @Test("Without UTF-8 the results draw with ASCII: ok and x, # bars, + and | axes")
    func ascii() throws {
        var view = ResultsView(result: try slowAndSloppy(), bar: HiringBar(), title: "t")
        view.ascii = true
        let text = view.frame(rows: 24, columns: 80).text
        #expect(text.contains(" x below the 40 WPM bar"))
        #expect(text.contains("#"))
        #expect(text.contains("+") && text.split(separator: "\n").contains { $0.contains("---") && $0.hasSuffix(" 40") })
        #expect(!text.contains("✗") && !text.contains("█") && !text.contains("┤"))
        // The painter's fallback for what the views draw besides: separators, arrows, the wrong-space dot.
        #expect(asciiFallback(0xB7) == 0x2D)        // · -> -
        #expect(asciiFallback(0x2193) == 0x76)      // ↓ -> v
        #expect(asciiFallback(0x2588) == 0x23)      // █ -> #
        #expect(asciiFallback(0x61) == 0x61)
        #expect(asciiFallback(0x65E5) == 0x3F)      // 日 -> ?
    }

    @Test("'Not scored' wraps whole at 100 and 40 columns, with its keys on the last row", arguments: [(24, 100), (10, 40)])
    @MainActor
    func notScored(rows: Int, columns: Int) {
        let render = ResultsView.notScored(.tooLittleTime(seconds: 0.4), help: ResultsView.keysHelp)
        let frame = render(rows, columns, true)
        #expect(joined(frame).hasPrefix("Not scored: " + ScoringError.tooLittleTime(seconds: 0.4).message + "."), "\(frame.text)")
        #expect(lastLine(frame) == "r retry · n next · q quit")
        #expect(joined(render(rows, columns, false)).hasSuffix("keys ignored until typing stops for a second, so typing on cannot skip this"))
    }

    @Test("At 40×10 the typing screen wraps its hint and still names its keys; at 80×24 they sit in the title row")
    func typingKeys() {
        let text = "Hi Sam, your label is attached. Print it and drop the parcel at any post office."
        let session = TypingSession(configuration: .init(mode: .practice, text: text, passageIDs: ["replies/label"], title: "replies/label"))
        var view = TypingView(text: text)
        let narrow = view.frame(for: session, rows: 10, columns: 40, now: 0)
        #expect(joined(narrow).contains("Start when ready: the clock starts at your first key. Esc quit · Tab restart"), "\(narrow.text)")
        #expect(narrow.text.split(separator: "\n").allSatisfy { DisplayWidth.of(String($0)) <= 40 })
        #expect(narrow.text.contains("Hi Sam, your label is attached."))
        let wide = view.frame(for: session, rows: 24, columns: 80, now: 0)
        #expect(wide.text.split(separator: "\n")[0].hasSuffix("Esc quit · Tab restart"))
        #expect(lastLine(wide) == "Start when ready: the clock starts at your first key.")
    }

    @Test("The too-small message wraps at words even at 20×5")
    func tooSmall() {
        let frame = TypingView.tooSmall(rows: 5, columns: 20)
        #expect(joined(frame) == "typebar needs 40×10 or more (this is 20×5). Enlarge the window, or Esc to leave; typing waits.")
        #expect(frame.text.split(separator: "\n").allSatisfy { DisplayWidth.of(String($0)) <= 20 })
    }

    @Test("The instructions screen keeps its key hint at 40×10 and says when instructions are cut")
    func intro() {
        let rules = AssessmentRules(
            name: "Acme", seconds: 120, bar: HiringBar(), attempts: 1,
            instructions: String(repeating: "Type each reply exactly as it appears on the screen. ", count: 6))
        let frame = AssessmentIntroView(rules: rules, candidate: "Ana Ruiz", attempt: 1).frame(rows: 10, columns: 40)
        #expect(frame.text.contains("Enter: begin · Esc: leave without"))
        #expect(frame.text.contains("more lines of instructions: a taller"))
        #expect(frame.text.split(separator: "\n").allSatisfy { DisplayWidth.of(String($0)) <= 40 })
    }

    @Test("Live speed waits for 3 seconds of typing, then says how far it is from 40 and 50 in words")
    func liveSpeed() {
        let text = "Hi Sam, your label is attached and ready to print."
        var session = TypingSession(configuration: .init(mode: .practice, text: text, passageIDs: [], title: "t"))
        var view = TypingView(text: text)
        _ = session.handle(.type("H"), at: 1000)
        _ = session.handle(.type("i"), at: 1100)
        let early = view.frame(for: session, rows: 24, columns: 80, now: 1100).text
        #expect(early.contains("speed from 3 s"))
        #expect(!early.contains("WPM"))
        // 20 characters right in 4 s: (20 / 5) / (4 / 60) = 60 WPM... over the first 4 s since the first key.
        for (index, key) in "Hi Sam, your label i".enumerated().dropFirst(2) { _ = session.handle(.type(key), at: 1000 + Double(index) * 200) }
        let clear = view.frame(for: session, rows: 24, columns: 80, now: 5000).text
        #expect(clear.contains(" WPM · "))
        #expect(!clear.contains("(") && !clear.contains(" to 40") && !clear.contains(" to 50"))
        let slow = TypingSession(configuration: .init(mode: .practice, text: text, passageIDs: [], title: "t"))
        var typed = slow
        for (index, key) in "Hi Sam, your".enumerated() { _ = typed.handle(.type(key), at: Double(index) * 500) }
        // 12 characters, the first at 0 s, seen at the 6 s mark: (12 / 5) / (6 / 60) = 24 WPM, 16 short of 40.
        let status = view.statusLine(typed, live: typed.attempt.liveFiguresAtWholeSeconds(6000), width: 78)
        #expect(status.hasPrefix("24 WPM · 16 short of 40"), "\(status)")
    }

    @Test("xterm's Alt-Backspace with 8-bit meta (ÿ) deletes a word, unless the passage holds a ÿ")
    func metaBackspace() {
        var decoder = KeyDecoder(text: "Hi Sam")
        #expect(decoder.decode(.character(0xFF)) == [.wordBackspace])
        var literal = KeyDecoder(text: "Ÿes, ÿ is typed")
        #expect(literal.decode(.character(0xFF)) == [.type("ÿ")])
    }

    @Test("Typing waits while the passage cannot be seen: characters, deletions and pastes, not Esc or a resize")
    func typingEvents() {
        #expect(InputEvent.type("a").isTyping && InputEvent.backspace.isTyping && InputEvent.pasted(characters: 3).isTyping)
        #expect(!InputEvent.quit.isTyping && !InputEvent.resize.isTyping && !InputEvent.focusLost.isTyping)
    }

    @Test("stats at 40 columns wraps at words and stays inside the width")
    func statsNarrow() throws {
        let frame = StatsViewTests.view().frame(columns: 40)
        let lines = frame.text.split(separator: "\n")
        #expect(lines.allSatisfy { DisplayWidth.of(String($0)) <= 40 }, "\(frame.text)")
        #expect(joined(frame).contains("faster than"))
        #expect(joined(frame).contains("a self-selected group, not typists in general"))
        #expect(joined(frame).contains("To 50 WPM 15.0 to go; at this trend about 2 weeks (around 2026-11-14)"))
        #expect(joined(frame).contains("practice 36.0 net WPM 97.0 %  2026-11-04  (4 sessions)"))
    }
}
