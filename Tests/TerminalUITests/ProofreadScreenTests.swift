import Testing
import TypeBarCore
import TypeBarFormats
@testable import TerminalUI

/// A draft whose lines wrap at 30 columns as: "Hi Maya, I have refunded " (0..<25), "$45.70 for order #31234. It "
/// (25..<53), "will show on your card in 3 " (53..<81), "to 5 workign days." (81..<99).
private let refund = ProofreadDraft(
    source: "hand", customer: "Maya", message: "Where is my refund of $45.20 for order #31234? It has been two weeks now.",
    draft: "Hi Maya, I have refunded $45.70 for order #31234. It will show on your card in 3 to 5 workign days.",
    answer: "Hi Maya, I have refunded $45.20 for order #31234. It will show on your card in 3 to 5 working days.",
    errors: [
        ProofreadError(kind: .wrongDetail, draftStart: 25, draftText: "$45.70", answerStart: 25, answerText: "$45.20", detail: "amount"),
        ProofreadError(kind: .misspelling, draftStart: 86, draftText: "workign", answerStart: 86, answerText: "working"),
    ])
private let tone = ProofreadDraft(
    source: "hand", customer: "Tom", message: "Where is my refund?",
    draft: "Thanks, Tom. Calm down, please. Your refund is on way to you.",
    answer: "Thanks, Tom. Your refund is on its way to you.",
    errors: [
        ProofreadError(kind: .toneSlip, draftStart: 12, draftText: " Calm down, please.", answerStart: 12, answerText: ""),
        ProofreadError(kind: .missingWord, draftStart: 49, draftText: "", answerStart: 30, answerText: " its"),
    ])

private func session(_ drafts: [ProofreadDraft] = [refund, tone]) -> ProofreadSession {
    ProofreadSession(header: ProofreadLog.Header(drafts: drafts, seed: 41, targetSeconds: 30))
}

/// The frame's rows as text.
private func rows(_ frame: Frame) -> [String] {
    frame.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
}

@Suite("Proofreading: the cursor as the window wraps the draft")
struct ProofreadCursorTests {
    /// Moves the cursor from `start` by `movements` at 30 columns, returning where it lands after each.
    private func walk(from start: Int, _ movements: [ProofreadKeys.Movement]) -> [Int] {
        var drill = session()
        drill.replay(.moveTo(start), at: 0)
        return movements.map { movement in
            _ = drill.handle(.move(movement), at: 1, width: 30)
            return drill.run.cursor
        }
    }

    @Test("Down goes line by line keeping the column, to the end past the last line")
    func down() {
        #expect(walk(from: 0, [.down, .down, .down, .down]) == [25, 53, 81, 99])
        #expect(walk(from: 10, [.down, .down, .down]) == [35, 63, 91])
    }

    @Test("Up and Down keep the column they started from across a short line")
    func goalColumn() {
        // Column 24 (the space that ends the first line); the last line is 18 characters long.
        #expect(walk(from: 24, [.down, .down, .down, .up, .up]) == [49, 77, 99, 77, 49])
    }

    @Test("Up from the first line goes to the start; Home and End go to the ends of the wrapped line")
    func homeEndUp() {
        #expect(walk(from: 10, [.up]) == [0])
        #expect(walk(from: 10, [.end]) == [24])
        #expect(walk(from: 35, [.home, .end]) == [25, 52])
        #expect(walk(from: 90, [.end, .home]) == [99, 81])
    }

    @Test("The cursor at a line's end shows at the start of the next line; after the last character, after it")
    func cursorPlaces() {
        let text = Array(refund.draft)
        let layout = TextLayout(characters: text, width: 30)
        #expect(ProofreadView.cursorPlace(25, layout: layout, text: text, width: 30) == (1, 0))
        #expect(ProofreadView.cursorPlace(24, layout: layout, text: text, width: 30) == (0, 24))
        #expect(ProofreadView.cursorPlace(99, layout: layout, text: text, width: 30) == (3, 18))
    }

    @Test("Delete at the end changes nothing; typing in the middle goes in before the cursor; every key is logged")
    func editing() {
        var drill = session()
        _ = drill.handle(.move(.down), at: 10, width: 30)
        for _ in 0..<4 { _ = drill.handle(.move(.down), at: 20, width: 30) }
        _ = drill.handle(.edit(.delete), at: 30, width: 30)
        #expect(String(drill.run.text) == refund.draft)
        drill.replay(.moveTo(29), at: 40, by: "left")
        _ = drill.handle(.edit(.delete), at: 50, width: 30)
        _ = drill.handle(.edit(.insert("2")), at: 60, width: 30)
        #expect(String(drill.run.text).hasPrefix("Hi Maya, I have refunded $45.20 for"))
        #expect(drill.run.cursor == 30)
        #expect(drill.lines.last == #"{"t":60,"ch":"2"}"#)
        #expect(drill.lines.first == #"{"t":10,"cursor":25,"by":"down"}"#)
        #expect(drill.lines.contains(#"{"t":50,"key":"delete"}"#))
        #expect(drill.handle(.edit(.submit), at: 20_000, width: 30) == .keepEditing)
        #expect(drill.handle(.edit(.submit), at: 40_000, width: 30) == .finished)
        #expect(drill.result.drafts.map(\.fixed) == [1, 0])
        #expect(drill.result.drafts.map(\.seconds) == [20, 20])
    }

    @Test("A paste changes nothing and says so until the next key; Esc leaves")
    func pasteAndLeave() {
        var drill = session()
        #expect(drill.handle(.pasted, at: 0, width: 30) == .keepEditing)
        #expect(drill.notice != nil)
        #expect(drill.lines.isEmpty)
        _ = drill.handle(.move(.right), at: 1, width: 30)
        #expect(drill.notice == nil)
        #expect(drill.handle(.leave, at: 2, width: 30) == .leave)
    }
}

@Suite("Proofreading: the keys")
struct ProofreadKeysTests {
    @Test("Arrows, Home, End, Delete, Enter and Ctrl-arrows as ncurses and the terminal send them")
    func keys() {
        var keys = ProofreadKeys(codes: ProofreadKeys.Codes(wordLeft: 545, wordRight: 560))
        #expect(keys.decode(.code(260)) == [.move(.left)])
        #expect(keys.decode(.code(259)) == [.move(.up)])
        #expect(keys.decode(.code(262)) == [.move(.home)])
        #expect(keys.decode(.code(360)) == [.move(.end)])
        #expect(keys.decode(.code(330)) == [.edit(.delete)])
        #expect(keys.decode(.character(13)) == [.edit(.submit)])
        #expect(keys.decode(.code(545)) == [.move(.wordLeft)])
        #expect(keys.decode(.code(560)) == [.move(.wordRight)])
        #expect(keys.decode(.character(127)) == [.edit(.backspace)])
        #expect(keys.decode(.character(23)) == [.edit(.wordBackspace)])
        #expect(keys.decode(.character(UInt32(("é" as Unicode.Scalar).value))) == [.edit(.insert("é"))])
        // Alt-B and Alt-F: Esc, then the letter.
        #expect(keys.decode(.character(27)).isEmpty)
        #expect(keys.decode(.character(98)) == [.move(.wordLeft)])
        #expect(keys.decode(.character(27)).isEmpty)
        #expect(keys.decode(.character(102)) == [.move(.wordRight)])
        // The same keys as raw escape sequences, where ncurses did not decode them (tmux under TERM=xterm-256color).
        for (sequence, action) in [("[1~", ProofreadKeys.Action.move(.home)), ("[4~", .move(.end)), ("[3~", .edit(.delete)),
                                   ("[1;5D", .move(.wordLeft)), ("[1;5C", .move(.wordRight))] {
            var decoded: [ProofreadKeys.Action] = keys.decode(.character(27))
            for scalar in sequence.unicodeScalars { decoded += keys.decode(.character(scalar.value)) }
            #expect(decoded == [action], "\(sequence)")
        }
        // A lone Esc leaves.
        #expect(keys.decode(.character(27)).isEmpty)
        #expect(keys.decode(.none) == [.leave])
    }
}

@Suite("Proofreading: frames")
struct ProofreadFrameTests {
    static let sizes: [(rows: Int, columns: Int)] = [(24, 80), (16, 60), (12, 40)]

    @Test("The message, the draft, the clock and the keys show at 80 x 24, 60 x 16 and 40 x 12; no error is marked")
    func drafting() {
        let view = ProofreadView(title: "proofread · seed 41")
        for size in Self.sizes {
            let frame = view.frame(for: session(), rows: size.rows, columns: size.columns, now: 12_400)
            let lines = rows(frame)
            let all = lines.joined(separator: " ").split(separator: " ").joined(separator: " ")
            #expect(lines[0].contains("draft 1 of 2"), "\(size)")
            #expect(all.contains("Maya wrote:"))
            #expect(all.contains("$45.20 for order #31234"), "the message's details show at \(size)")
            #expect(all.contains("The draft reply"))
            #expect(all.contains("$45.70"), "\(size)")
            #expect(all.contains("draft 1 of 2 · 0:12"), "\(size)")
            #expect(lines.last!.contains("Esc leave"), "\(size)")
            // Nothing in the draft is drawn as an error: every draft cell is plain but the cursor's.
            let roles = Set(frame.cells.map(\.role))
            #expect(!roles.contains(.wrong) && !roles.contains(.bad))
            #expect(frame.cursor != nil)
        }
        let big = rows(view.frame(for: session(), rows: 24, columns: 80, now: 12_400))
        #expect(big == [
            " typebar · drill · proofread · seed 41 · draft 1 of 2",
            "",
            " Maya wrote:",
            "  Where is my refund of $45.20 for order #31234? It has been two weeks now.",
            "",
            " The draft reply: fix it, then Enter",
            "  Hi Maya, I have refunded $45.70 for order #31234. It will show on your card",
            "  in 3 to 5 workign days.",
        ] + Array(repeating: "", count: 13) + [
            " draft 1 of 2 · 0:12 on this draft · target 30 s a draft",
            " ←→↑↓ Home End move · Ctrl-←→ a word · Backspace Delete remove · type to",
            " insert · Enter submit · Esc leave",
        ])
    }

    @Test("A draft longer than the window scrolls to keep the cursor's line in view")
    func scrolling() {
        var drill = session([ProofreadDraft(
            source: "long", customer: "Ana", message: "Hello?", draft: String(repeating: "word ", count: 60) + "end.",
            answer: String(repeating: "word ", count: 60) + "end!", errors: [
                ProofreadError(kind: .misspelling, draftStart: 303, draftText: ".", answerStart: 303, answerText: "!"),
            ])])
        let view = ProofreadView(title: "proofread")
        drill.replay(.moveTo(304), at: 0)
        let lines = rows(view.frame(for: drill, rows: 12, columns: 40, now: 0))
        #expect(lines.contains { $0.contains("end.") })
        #expect(lines.contains { $0.hasSuffix("↑") })
    }

    @Test("Without UTF-8 the keys read in ASCII")
    func ascii() {
        #expect(asciiTransliterated(ProofreadView.keys) == "<>^v Home End move - Ctrl-<> a word - Backspace Delete remove - type to insert - Enter submit - Esc leave")
        #expect(asciiTransliterated("  ✓ misspelling: \"fere\" → \"free\"") == "  + misspelling: \"fere\" > \"free\"")
    }

    @Test("Below 40 x 10 the screen says how big it must be")
    func tooSmall() {
        let frame = ProofreadView(title: "proofread").frame(for: session(), rows: 8, columns: 30, now: 0)
        #expect(frame.text.contains("typebar needs 40×10"))
    }

    @Test("The results list every draft's errors, fixed or missed, and what was introduced; they scroll")
    func results() throws {
        var drill = session()
        drill.replay(.moveTo(29), at: 1_000)
        drill.replay(.delete, at: 2_000)
        drill.replay(.insert("2"), at: 3_000)
        drill.replay(.moveTo(72), at: 4_000)
        drill.replay(.insert("x"), at: 5_000)
        drill.replay(.submit, at: 24_000)
        drill.replay(.submit, at: 60_000)
        let result = drill.result
        var view = ProofreadResultsView(result: result, title: "proofread · seed 41")
        view.notes = ["saved to history as 1f0c2a9e"]
        #expect(view.lines.map(\.0) == [
            "✗ 3 missed; 1 introduced.",
            "Fixed 1 of 4 (25.0 %) · introduced 1 · 30.0 s a draft (target 30 s)",
            "",
            "Draft 1 · 24.0 s · fixed 1 of 2 · introduced 1",
            "  ✓ wrong detail (amount): \"$45.70\" → \"$45.20\"",
            "  ✗ misspelling: \"workign\" → \"working\" · missed",
            "  + introduced: \"card\" → \"cxard\"",
            "",
            "Draft 2 · 36.0 s · fixed 0 of 2",
            "  ✗ tone slip: \"Calm down, please.\" → (left out) · missed",
            "  ✗ missing word: (nothing) → \"its\" · missed",
        ])
        for size in ProofreadFrameTests.sizes {
            let frame = rows(view.frame(rows: size.rows, columns: size.columns))
            #expect(frame[0].contains("results"))
            #expect(frame[2].hasPrefix(" ✗ 3 missed"), "\(size)")
            #expect(frame.last!.contains("q quit"), "\(size)")
        }
        // At 40 x 12 the list runs past the window: it scrolls to its end, where the note is.
        let small = rows(view.frame(rows: 12, columns: 40))
        #expect(small.contains { $0.hasSuffix("↓") })
        view.scroll(by: 100, rows: 12, columns: 40)
        let end = rows(view.frame(rows: 12, columns: 40))
        #expect(end.contains { $0.contains("saved to history as 1f0c2a9e") })
        #expect(end.contains { $0.hasSuffix("↑") })
    }
}
