import Testing
import TypeBarKit
import TypeBarSpelling

/// docs/chat.md, "Free mode: the writing rubric": the worked examples, scored as the desk scores them, with
/// Hunspell's en_US dictionary as the README installs it.
@Suite("Free mode with the real dictionary")
struct FreeModeDocsTests {
    /// Lukas of refund-requests, seed 1: his first turn written to with `reply`, in free mode.
    func scored(_ reply: String) throws -> RubricScore {
        let scenario = try ScenarioCatalog.builtIn("refund-requests").draw(seed: 1)
        #expect(scenario.customers[0].name == "Lukas")
        var shift = ChatShift(scenario: scenario, mode: .free, speller: try HunspellChecker())
        for (index, character) in reply.enumerated() { shift.apply(.type(character), at: 1000 + Double(index) * 50) }
        shift.apply(.send, at: 1000 + Double(reply.count) * 50)
        return try #require(shift.replies.first?.rubric)
    }

    @Test("The worked examples: the canned text 10, a careful agent's own words 10, and 10 − 2 − 2 − 1 − 1 = 4 with each deduction named")
    func workedExamples() throws {
        let scenario = try ScenarioCatalog.builtIn("refund-requests").draw(seed: 1)
        let rubric = scenario.rubric(customer: 0, turn: 0)
        #expect(rubric == ReplyRubric(
            must: ["amount", "order"], answer: ["refund|refunded|money back|back on your card|back to your card"], should: [.greeting, .nextStep]))
        let canned = try scored("Hi Lukas, I have refunded $81.49 for order #39051. It will show on your card in 3 to 5 working days.")
        #expect(canned.points == 10 && canned.deductions.isEmpty, "\(canned.explanation)")
        let own = try scored("Hi Lukas, sorry for the wait. I've put $81.49 back on your card for order #39051, and you should see it within a week. Anything else I can help with?")
        #expect(own.points == 10 && own.deductions.isEmpty, "\(own.explanation)")
        let careless = try scored("Hi Lukas, calm down. I have refunded $81.49 for order #39051 and you will recieve the monney back.")
        #expect(careless.points == 4)
        #expect(careless.explanation == "−2: no next step (what happens and when); −2: 'calm down' is dismissive; −1: 'recieve' misspelt; −1: 'monney' misspelt")
        #expect(careless.misspelt == ["recieve", "monney"])
    }

    @Test("Every built-in turn's best reply, filled in, scores 10 on its rubric with the real dictionary, for several seeds")
    func builtInRepliesScoreTen() throws {
        let speller = try HunspellChecker()
        for file in try ScenarioCatalog.all() {
            for seed: UInt64 in [1, 2, 7] {
                let scenario = file.draw(seed: seed)
                for (index, customer) in scenario.customers.enumerated() {
                    for (number, turn) in customer.turns.enumerated() {
                        let reply = turn.reply.filled(with: customer.details)
                        let score = RubricScore.score(
                            reply, rubric: scenario.rubric(customer: index, turn: number), details: customer.details,
                            known: scenario.acceptedWords(for: index), speller: speller)
                        #expect(score.points == 10, "\(file.id) seed \(seed), \(customer.name), turn \(number + 1): \(reply) — \(score.explanation)")
                    }
                }
            }
        }
    }

    @Test("British spellings count as right with the American dictionary; misspellings still do not")
    func british() throws {
        let speller = try HunspellChecker()
        let british = """
            cancelled cancelling colour colours favour apologise apologised organise realise centre cheque behaviour travelled \
            labelled programme catalogue licence grey jewellery aluminium analyse enrol fulfil instalment modelling queueing \
            judgement acknowledgement ageing tyre kerb enquiry enquiries despatched
            """
        for word in british.split(separator: " ").map(String.init) {
            #expect(!speller.isCorrect(word), "\(word): the dictionary holds it after all")
        }
        let score = RubricScore.score("Hi Maya. " + british + ".", rubric: ReplyRubric(minimumWords: 1), details: ["name": "Maya"], speller: speller)
        #expect(score.misspelt.isEmpty, "\(score.misspelt)")
        let wrong = RubricScore.score("Hi Maya. I will recieve the monney and the colur.", rubric: ReplyRubric(), details: ["name": "Maya"], speller: speller)
        #expect(wrong.misspelt == ["recieve", "monney", "colur"])
    }

    @Test("An abbreviation written in lower case (ok, Ok) is not a misspelling; a made-up word still is")
    func lowerCaseAbbreviations() throws {
        let speller = try HunspellChecker()
        #expect(!speller.isCorrect("ok"), "the dictionary holds ok after all: this test shows nothing")
        let score = RubricScore.score("Ok Maya, that is ok: I have refunded it. Thanks for your patience.", rubric: ReplyRubric(minimumWords: 1), details: ["name": "Maya"], speller: speller)
        #expect(score.misspelt.isEmpty, "\(score.misspelt)")
        let wrong = RubricScore.score("Ok Maya, I have refundded it.", rubric: ReplyRubric(minimumWords: 1), details: ["name": "Maya"], speller: speller)
        #expect(wrong.misspelt == ["refundded"])
    }
}
