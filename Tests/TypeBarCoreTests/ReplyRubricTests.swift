import Testing
@testable import TypeBarCore

/// A dictionary of the words these tests use, spelt right.
struct WordList: SpellChecker {
    let words: Set<String>
    init(_ text: String) { words = Set(WritingLexicon.words(in: text.lowercased())) }
    func isCorrect(_ word: String) -> Bool { words.contains(word.lowercased()) }
}

private let refund = ReplyTemplate(parsing: "Hi [name], I have refunded [amount] for order [order]. It will show on your card in 3 to 5 working days.")
private let details = ["name": "Maya", "amount": "$24.50", "order": "#58211"]
let dictionary = WordList("""
    hi hello maya sofia so was charged twice i have refunded for order it will show on your card in to working days sorry about the mix-up i've put back \
    you should see that within a week anything else can help with calm down and money receive sent back check thanks is \
    there i'm the extra charge today
    """)

@Suite("Free mode: replies scored on the writing rubric")
struct ReplyRubricTests {
    var rubric: ReplyRubric { ReplyRubric.derived(from: refund, details: details, answer: ["refund|refunded|back on your card|money back"]) }

    @Test("The rubric a turn derives from its canned reply asks for what the reply shows")
    func derived() {
        #expect(rubric.must == ["amount", "order"])
        #expect(rubric.should == [.greeting, .nextStep])
    }

    @Test("The canned text filled in correctly scores 10")
    func cannedScoresTen() {
        let score = RubricScore.score(refund.filled(with: details), rubric: rubric, details: details, speller: dictionary)
        #expect(score.points == 10)
        #expect(score.deductions.isEmpty)
        #expect(score.answered)
    }

    @Test("A careful agent's own words score 9 or 10")
    func ownWords() {
        let reply = "Hi Maya, sorry about the mix-up. I've put $24.50 back on your card for order #58211; you should see it within a week. Anything else I can help with?"
        let score = RubricScore.score(reply, rubric: rubric, details: details, speller: dictionary)
        #expect(score.points >= 9, "\(score.explanation)")
        #expect(score.deductions.isEmpty, "\(score.explanation)")
        #expect(score.misspelt.isEmpty)
    }

    @Test("Two misspellings, no next step and 'calm down': 10 − 1 − 1 − 2 − 2 = 4, each deduction named")
    func careless() {
        let reply = "Hi Maya, calm down. I have refunded $24.50 for order #58211 and you will recieve the monney back."
        let score = RubricScore.score(reply, rubric: rubric, details: details, speller: dictionary)
        #expect(score.misspelt == ["recieve", "monney"])
        #expect(score.explanation == "−2: no next step (what happens and when); −2: 'calm down' is dismissive; −1: 'recieve' misspelt; −1: 'monney' misspelt")
        #expect(score.points == 4)
    }

    @Test("A reply without the answer or a detail loses 3 for each, and says which")
    func missing() {
        let score = RubricScore.score("Hi Maya, thanks. I will check your order #58211 today.", rubric: rubric, details: details, speller: dictionary)
        #expect(!score.answered)
        #expect(score.missingDetails == ["amount"])
        #expect(score.deductions.map(\.kind) == [.missingDetail, .noAnswer])
        #expect(score.points == 4)
    }

    @Test("Shouting, blame, a doubled word, a lowercase start and a run-on sentence are each caught")
    func style() {
        let long = Array(repeating: "and the card", count: 15).joined(separator: " ")
        let reply = "hi Maya, you should have checked the the order. I have refunded $24.50 for order #58211 NOW!! It will show in 3 to 5 working days " + long + "."
        let score = RubricScore.score(reply, rubric: rubric, details: details, speller: nil)
        // "hi Maya" greets her (case aside); "It will show in 3 to 5 working days" is the next step.
        #expect(score.deductions.map(\.kind) == [.blame, .shouting, .capitalisation, .doubledWord, .longSentence])
        #expect(score.points == 10 - 2 - 2 - 1 - 1 - 1)
    }

    @Test("Words are whole words: 'hi' is not in 'this', and details spelt as given are never misspelt")
    func wholeWords() {
        #expect(!WritingLexicon.holds("this is fine", phrase: "hi"))
        #expect(WritingLexicon.holds("ok, hi there", phrase: "hi"))
        #expect(WritingLexicon.sentences("It costs $24.50. Done! Ok") == ["It costs $24.50.", "Done!", "Ok"])
        let score = RubricScore.score("Hi Maya, I have refunded $24.50 for order #58211 today.", rubric: rubric, details: details, known: ["Zendora"], speller: WordList("hi i have refunded for order today"))
        #expect(score.misspelt.isEmpty)
    }
}

@Suite("Free mode: a shift of written replies")
struct FreeShiftTests {
    /// Types `text` at 60 ms a key from `start`, then sends; returns the send time.
    @discardableResult
    func write(_ text: String, into shift: inout ChatShift, at start: Double) -> Double {
        for (index, character) in text.enumerated() { shift.apply(.type(character), at: start + Double(index) * 60) }
        let sent = start + Double(text.count) * 60
        shift.apply(.send, at: sent)
        return sent
    }

    @Test("A reply scored on the rubric; one without the answer brings the follow-up and scores its rubric points")
    func writtenShift() {
        var scenario = workedDesk()
        scenario.customers = [scenario.customers[0]]
        var shift = ChatShift(scenario: scenario, mode: .free, speller: dictionary)
        // Sofia's turn derives its rubric from /dup: her order and amount, the empathy /dup shows. /dup declares no
        // answer terms here, so the answer is not checked; a reply missing the amount is corrected.
        let first = write("So sorry, Sofia. Order #58211 was charged twice, so I have refunded the extra charge.", into: &shift, at: 1000)
        #expect(shift.replies[0].rubric?.missingDetails == ["amount"])
        #expect(shift.replies[0].points == 7)
        shift.advance(to: first + 4000)
        #expect(shift.customers[0].messages.last?.text == "That's not right: my amount is $24.50.")
        write("Sorry, Sofia: I have refunded the extra $24.50 for order #58211.", into: &shift, at: first + 5000)
        #expect(shift.replies[1].points == nil)
        #expect(shift.customers[0].turn == 1)
        let result = shift.result()
        #expect(result.writing == 70)
        #expect(result.judgement == nil)
        // The misspellings are the errors: "So" and "charge" are in the dictionary, and nothing is misspelt.
        #expect(result.replies.map(\.errors) == [0, 0])
    }
}
