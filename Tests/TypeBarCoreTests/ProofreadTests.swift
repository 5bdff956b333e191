import Foundation
import PropertyBased
import Testing
@testable import TypeBarCore

/// Two drafts worked by hand: a misspelling and a wrong amount; a tone slip and a missing word.
enum HandDrafts {
    static let refund = ProofreadDraft(
        source: "hand", customer: "Maya", message: "Where is my refund of $45.20 for order #31234?",
        draft: "Hi Maya, I have refunded $45.70 for order #31234. It will show on your card in 3 to 5 workign days.",
        answer: "Hi Maya, I have refunded $45.20 for order #31234. It will show on your card in 3 to 5 working days.",
        errors: [
            ProofreadError(kind: .wrongDetail, draftStart: 25, draftText: "$45.70", answerStart: 25, answerText: "$45.20", detail: "amount"),
            ProofreadError(kind: .misspelling, draftStart: 86, draftText: "workign", answerStart: 86, answerText: "working"),
        ])
    static let tone = ProofreadDraft(
        source: "hand", customer: "Tom", message: "Where is my refund?",
        draft: "Thanks, Tom. Calm down, please. Your refund is on way to you.",
        answer: "Thanks, Tom. Your refund is on its way to you.",
        errors: [
            ProofreadError(kind: .toneSlip, draftStart: 12, draftText: " Calm down, please.", answerStart: 12, answerText: ""),
            ProofreadError(kind: .missingWord, draftStart: 49, draftText: "", answerStart: 30, answerText: " its"),
        ])
}

@Suite("Proofreading: marking a submitted draft")
struct ProofreadMarkingTests {
    @Test("The hand-made drafts are consistent")
    func consistent() {
        #expect(HandDrafts.refund.problem == nil)
        #expect(HandDrafts.tone.problem == nil)
    }

    @Test("Fix everything: every error found, nothing introduced")
    func fixAll() {
        let marking = ProofreadMarking(draft: HandDrafts.refund, final: HandDrafts.refund.answer)
        #expect(marking.fixed == [true, true])
        #expect(marking.introduced.isEmpty)
    }

    @Test("Fix one and break a word elsewhere: one found, one introduced")
    func fixOneBreakOne() {
        // The amount put right; "workign" left; "card" made "crad".
        let final = "Hi Maya, I have refunded $45.20 for order #31234. It will show on your crad in 3 to 5 workign days."
        let marking = ProofreadMarking(draft: HandDrafts.refund, final: final)
        #expect(marking.fixed == [true, false])
        #expect(marking.fixedCount == 1)
        #expect(marking.introducedCount == 1)
        #expect(marking.introduced == [ProofreadMarking.Change(answer: "card", final: "crad", words: 1)])
    }

    @Test("docs/drills.md's worked example is this one")
    func documented() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/drills.md")
        // Words as the page has them, however its lines wrap.
        let text = try String(contentsOf: docs, encoding: .utf8).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let final = "Hi Maya, I have refunded $45.20 for order #31234. It will show on your crad in 3 to 5 workign days."
        #expect(text.contains(HandDrafts.refund.draft))
        #expect(text.contains(final))
        #expect(text.contains("| wrong detail (amount), at 25 | `$45.70` | `$45.20` |"))
        #expect(text.contains("| misspelling, at 86 | `workign` | `working` |"))
        let marking = ProofreadMarking(draft: HandDrafts.refund, final: final)
        #expect(text.contains("So: fixed \(marking.fixedCount) of 2, introduced \(marking.introducedCount)."))
    }

    @Test("Submit untouched: nothing found, nothing introduced")
    func untouched() {
        for draft in [HandDrafts.refund, HandDrafts.tone] {
            let marking = ProofreadMarking(draft: draft, final: draft.draft)
            #expect(marking.fixedCount == 0)
            #expect(marking.introduced.isEmpty)
        }
    }

    @Test("A tone slip is fixed by taking it out, whichever space goes with it; a missing word by putting it back")
    func toneAndMissingWord() {
        // The slip taken out with the space after it, the word put back with the space after it.
        let final = "Thanks, Tom.  Your refund is on its  way to you."
        #expect(ProofreadMarking(draft: HandDrafts.tone, final: final).fixed == [true, true])
        // The slip left in, the word put back misspelt.
        let half = "Thanks, Tom. Calm down, please. Your refund is on ist way to you."
        let marking = ProofreadMarking(draft: HandDrafts.tone, final: half)
        #expect(marking.fixed == [false, false])
        #expect(marking.introduced.isEmpty)
    }

    @Test("Words removed and added outside the errors count as introduced, each word once")
    func removedAndAdded() {
        // "to you." removed at the end; "really" added after "is": 2 + 1 words made wrong.
        let final = "Thanks, Tom. Your refund is really on its way"
        let marking = ProofreadMarking(draft: HandDrafts.tone, final: final)
        #expect(marking.fixed == [true, true])
        #expect(marking.introducedCount == 3)
        // A word added where the tone slip was counts against the slip instead: it is not taken out cleanly.
        #expect(ProofreadMarking(draft: HandDrafts.tone, final: "Thanks, Tom. Look, Your refund is on its way to you.").fixed == [false, true])
    }

    @Test("A draft whose texts do not match its errors is refused with the reason")
    func inconsistent() {
        var draft = HandDrafts.refund
        draft.errors[1].draftStart = 85
        #expect(draft.problem == "error 2: the draft does not read \"workign\" at 85")
        draft = HandDrafts.refund
        draft.answer = draft.answer.replacing("card", with: "cart")
        #expect(draft.problem == "the draft and the answer differ before error 2, outside any error")
        draft = HandDrafts.refund
        draft.errors.reverse()
        #expect(draft.problem != nil)
    }
}

@Suite("Proofreading: the edit session")
struct ProofreadRunTests {
    @Test("Typing goes in at the cursor; Backspace and Delete remove on either side of it")
    func editing() throws {
        var run = ProofreadRun(drafts: [HandDrafts.tone])
        // "on way" → "on its way": the cursor after "on ", then type "its ".
        try run.apply(.moveTo(50), at: 100)
        for (offset, character) in "its ".enumerated() { try run.apply(.insert(character), at: 200 + Double(offset)) }
        #expect(String(run.text) == "Thanks, Tom. Calm down, please. Your refund is on its way to you.")
        #expect(run.cursor == 54)
        // Delete at the cursor removes the "w" after it; Backspace the space before it.
        try run.apply(.delete, at: 300)
        try run.apply(.backspace, at: 301)
        #expect(String(run.text) == "Thanks, Tom. Calm down, please. Your refund is on itsay to you.")
        #expect(run.cursor == 53)
    }

    @Test("Delete at the end and Backspace at the start change nothing")
    func atTheEnds() throws {
        var run = ProofreadRun(drafts: [HandDrafts.tone])
        try run.apply(.backspace, at: 0)
        #expect(String(run.text) == HandDrafts.tone.draft)
        try run.apply(.moveTo(run.text.count), at: 1)
        try run.apply(.delete, at: 2)
        #expect(String(run.text) == HandDrafts.tone.draft)
        #expect(run.cursor == run.text.count)
    }

    @Test("Word moves and Ctrl-W go by words, the spaces between included")
    func words() throws {
        var run = ProofreadRun(drafts: [HandDrafts.tone])
        try run.apply(.moveTo(31), at: 0)    // after "please."
        #expect(run.position(after: .wordLeft) == 24)
        #expect(run.position(after: .wordRight) == 36)
        #expect(run.position(after: .left) == 30)
        try run.apply(.wordBackspace, at: 1)
        try run.apply(.wordBackspace, at: 2)
        try run.apply(.wordBackspace, at: 3)
        // The space after "please." stays: two spaces, which marking does not count.
        #expect(String(run.text) == "Thanks, Tom.  Your refund is on way to you.")
        #expect(ProofreadMarking(draft: HandDrafts.tone, final: String(run.text)).fixed == [true, false])
    }

    @Test("Refused: a cursor past the end, time going back, an event after the last draft, a control character")
    func refusals() throws {
        var run = ProofreadRun(drafts: [HandDrafts.tone])
        #expect(throws: ProofreadRun.Refusal.cursorOutside(62, length: 61)) { try run.apply(.moveTo(62), at: 0) }
        try run.apply(.insert("x"), at: 500)
        #expect(throws: ProofreadRun.Refusal.timeBackwards(400, after: 500)) { try run.apply(.insert("y"), at: 400) }
        #expect(throws: ProofreadRun.Refusal.controlCharacter) { try run.apply(.insert("\u{7}"), at: 600) }
        try run.apply(.submit, at: 1000)
        #expect(throws: ProofreadRun.Refusal.finished) { try run.apply(.backspace, at: 1100) }
    }

    @Test("Each draft's time runs from when it appeared to its submission; the figures add up")
    func figures() throws {
        var run = ProofreadRun(drafts: [HandDrafts.refund, HandDrafts.tone])
        // Draft 1: the amount put right, submitted at 20 s.
        try run.apply(.moveTo(29), at: 5_000)
        try run.apply(.delete, at: 6_000)
        try run.apply(.insert("2"), at: 7_000)
        try run.apply(.submit, at: 20_000)
        #expect(String(run.text) == HandDrafts.tone.draft)
        #expect(run.cursor == 0)
        // Draft 2: submitted untouched at 50 s.
        try run.apply(.submit, at: 50_000)
        let result = run.result(targetSeconds: 30)
        #expect(result.drafts.map(\.seconds) == [20, 30])
        #expect(result.planted == 4)
        #expect(result.fixed == 1)
        #expect(result.missed == 3)
        #expect(result.introduced == 0)
        #expect(result.secondsPerDraft == 25)
        #expect(result.fixedPercent == 25)
        #expect(result.completed)
        #expect(!result.meetsTarget)
        #expect(result.events == 5)
        #expect(result.verdict == "fixed 1 of 4, introduced 0, 25.0 s a draft: 3 missed")
    }

    @Test("Every error fixed, nothing introduced, within the pace: the target is met")
    func meets() throws {
        var run = ProofreadRun(drafts: [HandDrafts.tone])
        try run.apply(.moveTo(12), at: 1_000)
        for offset in 0..<19 { try run.apply(.delete, at: 2_000 + Double(offset)) }
        try run.apply(.moveTo(30), at: 3_000)
        for (offset, character) in " its".enumerated() { try run.apply(.insert(character), at: 4_000 + Double(offset)) }
        try run.apply(.submit, at: 12_500)
        #expect(String(run.submitted[0].final) == HandDrafts.tone.answer)
        let result = run.result(targetSeconds: 30)
        #expect(result.meetsTarget)
        #expect(result.verdict == "fixed 2 of 2, introduced 0, 12.5 s a draft: meets the 30 s target with every error fixed")
        // Slower than the target, the same text falls short by the pace alone.
        let slow = run.result(targetSeconds: 10)
        #expect(!slow.meetsTarget)
        #expect(slow.shortfalls == ["2.5 s a draft over the 10 s target"])
    }
}

@Suite("Proofreading: drafts made from replies")
struct ProofreadGeneratorTests {
    /// Replies shaped like the built-in ones: canned text with details the customer's message holds.
    static let materials: [ProofreadMaterial] = [
        ProofreadMaterial(
            source: "one", customer: "Maya", message: "Order #31234 was charged twice, $45.20 each time.",
            reply: [.text("Sorry about that, "), .detail(name: "name", value: "Maya"), .text(". I can see order "),
                    .detail(name: "order", value: "#31234"), .text(" was charged twice, so I have refunded the extra "),
                    .detail(name: "amount", value: "$45.20"), .text(". It will be back on your card in 3 to 5 working days.")]),
        ProofreadMaterial(
            source: "two", customer: "Tom", message: "My login is tom.481@example.com and I forgot my password.",
            reply: [.text("I have sent a reset link to "), .detail(name: "email", value: "tom.481@example.com"),
                    .text(". It works for 30 minutes, so please check your spam folder if it is not there.")]),
        ProofreadMaterial(
            source: "three", customer: "Priya", message: "Where is order #20417? It is late.",
            reply: [.text("Hi "), .detail(name: "name", value: "Priya"), .text(", order "), .detail(name: "order", value: "#20417"),
                    .text(" is with the courier and due on Monday 3 March. The tracking link is in your order e-mail. I am sorry it is late.")]),
    ]

    @Test("Every draft plants exactly the errors it lists, each where it says, and untouched it fixes none")
    func plantsWhatItLists() async {
        await propertyCheck(count: 300, input: Gen.uint64()) { seed in
            let drafts = ProofreadGenerator.drafts(count: 3, from: Self.materials, seed: seed)
            #expect(drafts.count == 3)
            for draft in drafts {
                #expect(draft.problem == nil, "seed \(seed): \(draft.problem ?? "")")
                #expect((1...4).contains(draft.errors.count))
                // Outside the spans the draft is the answer: putting each span's answer text back gives the answer.
                var rebuilt = Array(draft.draft)
                for error in draft.errors.reversed() {
                    rebuilt.replaceSubrange(error.draftStart..<error.draftEnd, with: Array(error.answerText))
                }
                #expect(String(rebuilt) == draft.answer)
                let untouched = ProofreadMarking(draft: draft, final: draft.draft)
                #expect(untouched.fixedCount == 0 && untouched.introduced.isEmpty, "seed \(seed)")
                let fixed = ProofreadMarking(draft: draft, final: draft.answer)
                #expect(fixed.fixed.allSatisfy { $0 } && fixed.introduced.isEmpty)
                for error in draft.errors where error.kind == .wrongDetail {
                    // The draft's value really differs from the one the customer wrote, by one digit.
                    #expect(draft.message.contains(error.answerText))
                    #expect(!draft.message.contains(error.draftText))
                    #expect(error.draftText.count == error.answerText.count)
                    #expect(zip(error.draftText, error.answerText).count { $0 != $1 } == 1)
                }
                for error in draft.errors where error.kind == .misspelling {
                    #expect(error.draftText.lowercased() != error.answerText.lowercased())
                    #expect(!ProofreadGenerator.knownWords(Self.materials).contains(error.draftText.lowercased()))
                }
            }
        }
    }

    @Test("The same seed makes the same drafts; another seed, others")
    func deterministic() {
        let one = ProofreadGenerator.drafts(count: 3, from: Self.materials, seed: 41)
        let two = ProofreadGenerator.drafts(count: 3, from: Self.materials, seed: 41)
        let other = ProofreadGenerator.drafts(count: 3, from: Self.materials, seed: 42)
        #expect(one == two)
        #expect(one != other)
    }

    @Test("Replies too short to hold an error are never drafted")
    func tooShort() {
        let short = ProofreadMaterial(source: "s", customer: "A", message: "ok", reply: [.text("Is there anything else?")])
        #expect(ProofreadGenerator.drafts(count: 2, from: [short], seed: 1).isEmpty)
    }
}
