import Testing
import TypeBarCore
import TypeBarFormats
@testable import TerminalUI

/// A dictionary of the words these shifts use.
private struct Words: SpellChecker {
    let words: Set<String>
    init(_ text: String) { words = Set(WritingLexicon.words(in: text.lowercased())) }
    func isCorrect(_ word: String) -> Bool { words.contains(word.lowercased()) }
}

private let dictionary = Words("""
    hi i have refunded for order it will show on your card in to working days calm down and you the back sorry wait is \
    its way due friday anything else thanks chatting have a lovely day with us with courier
    """)

/// Sofia (0 s, order #59530, $24.50, charged twice: /refund is acceptable for 6, /dup best; then "Thanks!",
/// her chat closed as billing) and Omar (10 s, order #60114: where is it; closed as shipping). Patience 120 s.
private func twoCustomers() -> ChatScenario {
    let refund = ChatMacro(
        shortcut: "refund", template: ReplyTemplate(parsing: "Hi [name], I have refunded [amount] for order [order]. It will show on your card in 3 to 5 working days."),
        answer: ["refund|refunded"])
    let dup = ChatMacro(shortcut: "dup", template: ReplyTemplate(parsing: "Sorry, [name]: order [order] was charged twice, so I have refunded the extra [amount]."), answer: ["refund|refunded"])
    let bye = ChatMacro(shortcut: "bye", template: ReplyTemplate(parsing: "Thanks for chatting with us, [name]. Have a lovely day!"), answer: ["thanks"])
    let track = ChatMacro(shortcut: "track", template: ReplyTemplate(parsing: "Hi [name], order [order] is with the courier and due on Friday."), answer: ["courier|on its way"])
    let sofia = ChatCustomer(
        name: "Sofia", arrival: 0, details: ["name": "Sofia", "order": "#59530", "amount": "$24.50"],
        turns: [
            ChatTurn(message: "I was charged twice for order #59530.", reply: dup.template, macro: "dup", delay: 5,
                     acceptable: [ScoredReply(reply: refund.template, macro: "refund", points: 6)]),
            ChatTurn(message: "Thanks!", reply: bye.template, macro: "bye"),
        ],
        close: "billing")
    let omar = ChatCustomer(
        name: "Omar", arrival: 10, details: ["name": "Omar", "order": "#60114"],
        turns: [ChatTurn(message: "Where is order #60114?", reply: track.template, macro: "track")],
        close: "shipping")
    return ChatScenario(id: "two", name: "Two", chats: 2, patience: 120, timeLimit: 300, customers: [sofia, omar], macros: [refund, dup, bye, track])
}

/// Types `text` as one burst at `start` and sends it at `send`.
private func write(_ text: String, into shift: inout ChatShift, at start: Double, send: Double) {
    for character in text { shift.apply(.type(character), at: start) }
    shift.apply(.send, at: send)
}

/// The same three replies in `mode`: to Sofia from 1 s (sent at 7 s), to Omar from 11 s (sent at 14 s), Sofia's
/// goodbye from 15 s (sent at 17 s), her chat then closed as `sofiaTag`; `then` does the rest.
private func results(
    _ mode: ChatShift.Mode, speller: (any SpellChecker)? = nil, sofia: String, omar: String, goodbye: String, sofiaTag: String,
    then: (inout ChatShift) -> Void
) -> ChatResultsView {
    var shift = ChatShift(scenario: twoCustomers(), mode: mode, speller: speller)
    write(sofia, into: &shift, at: 1000, send: 7000)
    shift.apply(.select(1), at: 10_500)
    write(omar, into: &shift, at: 11_000, send: 14_000)
    shift.apply(.select(0), at: 14_500)
    write(goodbye, into: &shift, at: 15_000, send: 17_000)
    shift.apply(.close(tag: sofiaTag), at: 18_000)
    shift.apply(.select(1), at: 18_500)
    then(&shift)
    var view = ChatResultsView(result: shift.result(), title: "Two · \(mode.rawValue) · seed 4")
    view.notes = ["Saved to history as 3f9a1c2b."]
    return view
}

/// Free mode: a careless first reply to Sofia (5 points), a careful one to Omar (10), a lowercase goodbye (9);
/// Sofia's chat closed with the wrong tag, Omar's with the right one.
func freeResults() -> ChatResultsView {
    results(
        .free, speller: dictionary, sofia: "Hi Sofia, calm down. I have refunded $24.50 for order #59530 and you will recieve the monney back.",
        omar: "Hi Omar, sorry for the wait. Order #60114 is on its way and due on Friday. Anything else?",
        goodbye: "thanks for chatting, Sofia. Have a lovely day!", sofiaTag: "returns"
    ) { shift in
        shift.apply(.close(tag: "shipping"), at: 19_000)
    }
}

/// Desk mode: /refund's text for Sofia (acceptable, 6), Omar's reply with a wrong digit (best, 10, then corrected),
/// /bye's text for Sofia (10); Sofia's chat closed as billing, Omar's never closed before the shift was left.
func deskResults() -> ChatResultsView {
    results(
        .desk, sofia: "Hi Sofia, I have refunded $24.50 for order #59530. It will show on your card in 3 to 5 working days.",
        omar: "Hi Omar, order #60113 is with the courier and due on Friday.",
        goodbye: "Thanks for chatting with us, Sofia. Have a lovely day!", sofiaTag: "billing"
    ) { shift in
        write("Hi Omar, order #60114 is with the courier and due on Friday.", into: &shift, at: 19_000, send: 21_000)
        shift.apply(.leave, at: 25_000)
    }
}

/// The frame's rows as text.
private func rows(_ frame: Frame) -> [String] {
    frame.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
}

@Suite("Chat results in desk and free modes: ratings first, judgement or writing, and each written reply's points")
struct ChatResultsDeskFreeTests {
    // By hand, free mode: first replies 7 s (Sofia) and 4 s (Omar): median 5.5, shown 6 s. Waits 7, 5 (Sofia's
    // "Thanks!" at 12 s, answered at 17 s) and 4: average 5.33, shown 6 s. Words 19 + 17 + 8 = 44, two misspelt:
    // 100 × (1 − 2/44) = 95.45 %. 98 + 89 + 46 = 233 characters over 6 + 3 + 2 = 11 s of typing, 2 errors:
    // (233/5 − 2) / (11/60) = 243.3 net WPM; (233/5) / (19/60) = 147.2 effective. Sofia's first turn derives
    // from /dup (its empathy): 10 − 1 − 2 − 1 − 1 = 5; Omar's 10; "thanks for…" 10 − 1 = 9: writing
    // 10 × 24/3 = 80. Sofia's 5 is under 7: 4/5. Her chat was closed as returns where billing fits.
    @Test("Free mode at 80 x 24: writing, satisfaction, the wrong tag, ratings with their reasons, each reply's deductions")
    func free80() {
        #expect(freeResults().frame(rows: 24, columns: 80).text == """
             typebar chat · results · Two · free · seed 4

             ✗ Missed 1 target:
               · 1 action missed or wrong (1 of 2 expected right); Sofia: closed as
                 returns; billing fits
             Customers  2 served · 0 left unanswered · 0 not served
             First reply  median 6 s · worst 7 s   Waits  average 6 s · worst 7 s
             Replies  3 sent · spelt right 95.5 % · 0 wrong details
             Speed  243 net WPM while typing · 147 effective WPM
             Writing  80 of 100 over 3 replies scored
             Satisfaction  2 of 2 satisfied (100 %) · mean rating 4.5 · resolved 100 %
             Actions  1 of 2 expected right · Sofia: closed as returns; billing fits
               4/5 Sofia: got a workable answer, not the best one · served, first
                 reply 7 s, handled in 17 s
               5/5 Omar: served, first reply 4 s, handled in 4 s
               Sofia, turn 1: 5/10 · −1: no acknowledgement or empathy; −2: 'calm
                 down' is dismissive; −1: 'recieve' misspelt; −1: 'monney' misspelt
               Omar, turn 1: 10/10 ✓
               Sofia, turn 2: 9/10 · −1: a sentence starts without a capital: 'thanks
                 for chatting,…'
             … the replies' texts in a taller window
             Saved to history as 3f9a1c2b.

             r again with other details · q quit
            """)
    }

    @Test("Free mode in a tall window: every reply with its text, each misspelt word marked and drawn as a typing error")
    func freeTall() throws {
        let frame = freeResults().frame(rows: 40, columns: 160)
        let lines = rows(frame)
        let text = try #require(lines.firstIndex { $0.contains("calm down. I have refunded") })
        #expect(lines[text] == #"     "Hi Sofia, calm down. I have refunded $24.50 for order #59530 and you will ‹recieve› the ‹monney› back.""#)
        #expect(lines[text - 1] == "   Sofia, turn 1: 5/10 · −1: no acknowledgement or empathy; −2: 'calm down' is dismissive; −1: 'recieve' misspelt; −1: 'monney' misspelt")
        let column = try #require(lines[text].firstIndex(of: "‹")).utf16Offset(in: lines[text])
        #expect(frame[text, column].role == .wrong && frame[text, column + 1].role == .wrong)
        #expect(frame[text, column - 2].role == .dim)
        #expect(!lines.contains { $0.contains("taller window") })
        // The lines a rescore prints hold the same marks.
        #expect(freeResults().lines.map(\.0).contains(#"    "thanks for chatting, Sofia. Have a lovely day!""#))
    }

    @Test("Free mode at 60 x 16: the verdict, the figures it has room for, what was left out, and where it was saved")
    func free60() {
        #expect(freeResults().frame(rows: 16, columns: 60).text == """
             typebar chat · results · Two · free · seed 4

             ✗ Missed 1 target:
               · 1 action missed or wrong (1 of 2 expected right);
                 Sofia: closed as returns; billing fits
             Customers  2 served · 0 left unanswered · 0 not served
             First reply  median 6 s · worst 7 s   Waits  average
             6 s · worst 7 s
             Replies  3 sent · spelt right 95.5 % · 0 wrong details
             Speed  243 net WPM while typing · 147 effective WPM
             Writing  80 of 100 over 3 replies scored
             Satisfaction  2 of 2 satisfied (100 %) · mean rating
             4.5 · resolved 100 %
             … 17 more lines in a taller window
             Saved to history as 3f9a1c2b.
             r again with other details · q quit
            """)
    }

    // By hand, desk mode: /refund's text is acceptable (6), Omar's reply with #60113 is the best (10) with a wrong
    // detail, /bye's text the best (10); his second try is not scored: judgement 10 × 26/3 = 86.7, shown 86. Waits
    // 7, 5, 4 and 3 (his correction at 18 s, answered at 21 s): average 4.75, shown 5 s. 274 characters, 1 error:
    // accuracy 99.6 %; 13 s of typing: (274/5 − 1) / (13/60) = 248.3 net WPM. Both customers 4/5 for one reason
    // each; Omar's chat never closed.
    @Test("Desk mode at 80 x 24: judgement, satisfaction, the action missed, ratings first, the wrong detail expected and sent")
    func desk80() {
        #expect(deskResults().frame(rows: 24, columns: 80).text == """
             typebar chat · results · Two · desk · seed 4

             ✗ Missed 2 targets:
               · 1 wrong detail: the target is none
               · 1 action missed or wrong (1 of 2 expected right); Omar: the chat was
                 never closed
             Left early: customers still waiting count as not served.

             Customers  2 served · 0 left unanswered · 0 not served
             First reply  median 6 s · worst 7 s   Waits  average 5 s · worst 7 s
             Replies  4 sent · accuracy 99.6 % · 1 wrong detail
             Speed  248 net WPM while typing · 131 effective WPM
             Judgement  86 of 100 over 3 replies scored
             Satisfaction  2 of 2 satisfied (100 %) · mean rating 4.0 · resolved 100 %
             Actions  1 of 2 expected right · Omar: the chat was never closed

               4/5 Sofia: got a workable answer, not the best one · served, first
                 reply 7 s, handled in 17 s
               4/5 Omar: had to give their order number again · served, first reply
                 4 s, handled in 11 s
               wrong order number to Omar: expected #60114, sent #60113
             Saved to history as 3f9a1c2b.

             r again with other details · q quit
            """)
    }

    @Test("Desk mode at 60 x 16: what does not fit is counted, and the wrong detail wraps under its own text")
    func desk60() throws {
        #expect(deskResults().frame(rows: 16, columns: 60).text == """
             typebar chat · results · Two · desk · seed 4

             ✗ Missed 2 targets:
               · 1 wrong detail: the target is none
               · 1 action missed or wrong (1 of 2 expected right);
                 Omar: the chat was never closed
             Left early: customers still waiting count as not served.
             Customers  2 served · 0 left unanswered · 0 not served
             First reply  median 6 s · worst 7 s   Waits  average
             5 s · worst 7 s
             Replies  4 sent · accuracy 99.6 % · 1 wrong detail
             Speed  248 net WPM while typing · 131 effective WPM
             Judgement  86 of 100 over 3 replies scored
             … 10 more lines in a taller window
             Saved to history as 3f9a1c2b.
             r again with other details · q quit
            """)
        // In a taller narrow window the wrong detail's second row starts under its text, not at column 1.
        let lines = rows(deskResults().frame(rows: 40, columns: 50))
        let wrong = try #require(lines.firstIndex { $0.hasPrefix("   wrong order number to Omar:") })
        #expect(lines[wrong] == "   wrong order number to Omar: expected")
        #expect(lines[wrong + 1] == "     #60114, sent #60113")
    }

    @Test("A first reply at 77.81 s shows as 78 s everywhere on the screen, and the target's difference is from the shown figure")
    func roundingUp() {
        let scenario = ChatScenario(
            id: "late", name: "Late", chats: 1, patience: 120, timeLimit: 300,
            customers: [ChatCustomer(name: "Kim", arrival: 0, details: ["name": "Kim"], turns: [ChatTurn(message: "Hi?", reply: ReplyTemplate(parsing: "Hi Kim"))])])
        var shift = ChatShift(scenario: scenario, mode: .guided)
        write("Hi Kim", into: &shift, at: 75_000, send: 77_810)
        let text = ChatResultsView(result: shift.result(), title: "Late").frame(rows: 24, columns: 80).text
        #expect(text.contains("· worst first response 78 s: 18 s over the 60 s target"), "\(text)")
        #expect(text.contains("First reply  median 78 s · worst 78 s   Waits  average 78 s · worst 78 s"), "\(text)")
        #expect(text.contains("Kim: served, first reply 78 s, handled in 78 s"), "\(text)")
    }

    @Test("Without UTF-8 a misspelling's marks and a deduction's minus keep a likeness")
    func ascii() {
        #expect(asciiTransliterated("−2: ‹recieve›") == "-2: <recieve>")
    }

    @Test("Marks go round whole misspelt words only, punctuation outside")
    func marks() {
        #expect(ChatResultsView.marked("teh tehran, teh. (teh)", misspelt: ["teh"]) == "‹teh› tehran, ‹teh›. (‹teh›)")
        #expect(ChatResultsView.marked("It's fine", misspelt: []) == "It's fine")
    }
}
