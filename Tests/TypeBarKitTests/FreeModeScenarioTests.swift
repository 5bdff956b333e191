import Foundation
import Synchronization
import Testing
import TestSupport
@testable import TypeBarCore
@testable import TypeBarKit

private let docsURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("docs/chat.md")

/// The free-mode example scenario of docs/chat.md ("Free-mode content"), as written there.
private func docsExample() throws -> String {
    let docs = try String(contentsOf: docsURL, encoding: .utf8)
    let section = try #require(docs.range(of: "### Free-mode content"))
    let start = try #require(docs.range(of: "```yaml\n", range: section.upperBound..<docs.endIndex))
    let end = try #require(docs.range(of: "```", range: start.upperBound..<docs.endIndex))
    return String(docs[start.upperBound..<end.lowerBound])
}

/// Two customers: one turn with a declared rubric (only some parts), one left to derive, and a question turn.
private let written = """
name: Written
chats: 2
patience: 60
time_limit: 300
known_words: [Zendora]
jargon: [SLA, T2 queue]
macros:
  - shortcut: zrefund
    text: "Hi [name], I have refunded [amount] for order [order]. It will show on your card within 5 days."
    answer: ["refund|refunded|money back", " back on your card | card "]
customers:
  - arrival: 0
    details: {name: Maya, order: '#58211', amount: $24.50}
    turns:
      - message: "Order [order] came broken. Can I have my [amount] back?"
        reply: /zrefund
        rubric:
          answer: ["refund|refunded"]
          should: []
          must_not: [warehouse ticket, sla]
          min_words: 8
      - message: "Thanks!"
        reply: /zrefund
  - arrival: 5
    details: {name: Tom, order: '#40070'}
    turns:
      - message: "Where is [order]?"
        reply: "It is on its way, [name]."
        rubric: {must: [], answer: [], should: [closing]}
"""

/// The problem `text` is reported with, as from a file z.yaml.
private func problem(_ text: String) -> String? {
    problem(text, path: "z.yaml")
}

@Suite("Free mode in scenario files: rubrics, known words, jargon and answer terms")
struct FreeModeScenarioTests {
    @Test("A declared rubric replaces the parts it gives; the rest is derived from the best reply, the scenario's jargon always refused")
    func declaredAndDerived() throws {
        let scenario = try ScenarioFile.parse(written, path: "w.yaml", id: "w", canned: CannedReplies()).draw(seed: 1)
        #expect(scenario.knownWords == ["Zendora"])
        #expect(scenario.jargon == ["SLA", "T2 queue"])
        // Each alternative is kept without the spaces around it.
        #expect(scenario.macro("zrefund")?.answer == ["refund|refunded|money back", "back on your card|card"])
        // Maya's first turn: must and should derived or given, answer given, must_not added to the scenario's ("sla"
        // is the scenario's SLA already), at least 8 words.
        let declared = scenario.rubric(customer: 0, turn: 0)
        #expect(declared.must == ["amount", "order"])
        #expect(declared.answer == ["refund|refunded"])
        #expect(declared.should == [])
        #expect(declared.jargon == ["SLA", "T2 queue", "warehouse ticket"])
        #expect(declared.minimumWords == 8)
        #expect(scenario.customers[0].turns[0].rubric == declared)
        // Her second turn declares none: the rubric is derived when the shift asks, with the macro's answer terms.
        #expect(scenario.customers[0].turns[1].rubric == nil)
        let derived = scenario.rubric(customer: 0, turn: 1)
        #expect(derived == ReplyRubric(
            must: ["amount", "order"], answer: ["refund|refunded|money back", "back on your card|card"], should: [.greeting, .nextStep],
            jargon: ["SLA", "T2 queue"], minimumWords: 4))
        // Tom's: nothing must appear, nothing answers, a closing is due.
        let tom = scenario.rubric(customer: 1, turn: 0)
        #expect(tom.must.isEmpty && tom.answer.isEmpty && tom.should == [.closing])
    }

    @Test("The scenario's names and products are spelt right, its jargon costs a point in every reply")
    func knownWordsAndJargon() throws {
        let scenario = try ScenarioFile.parse(written, path: "w.yaml", id: "w", canned: CannedReplies()).draw(seed: 1)
        // A dictionary that knows none of the names: Zendora is known to the scenario, Maya and Tom are customers.
        let speller = WordList("hi your order is on its way and the t2 queue team will ship it today sorry")
        var shift = ChatShift(scenario: scenario, mode: .free, speller: speller)
        shift.advance(to: 5000)
        shift.apply(.select(1), at: 5000)
        for character in "Hi Tom, your Zendora order is on its way and the T2 queue team will ship it today." { shift.apply(.type(character), at: 6000) }
        shift.apply(.send, at: 7000)
        let rubric = try #require(shift.replies.first?.rubric)
        #expect(rubric.misspelt.isEmpty)
        // Tom's rubric asks for a closing (−1) and refuses the scenario's jargon (−1).
        #expect(rubric.explanation == "−1: no closing or offer of more help; −1: 'T2 queue' is internal jargon")
        #expect(rubric.points == 8)
    }

    @Test("The free-mode example in docs/chat.md reads as the docs describe it")
    func docsFreeExample() throws {
        let file = try ScenarioFile.parse(try docsExample(), path: "z.yaml", id: "z", canned: ScenarioCatalog.cannedReplies())
        let scenario = file.draw(seed: 2)
        #expect(scenario.knownWords == ["Zendora", "AirPod"])
        #expect(scenario.jargon == ["SLA", "T2 queue", "RMA"])
        let rubric = scenario.rubric(customer: 0, turn: 0)
        #expect(rubric == ReplyRubric(
            must: ["order", "amount"], answer: ["refund|refunded|money back", "broken|damaged|faulty"], should: [.greeting, .empathy, .nextStep],
            jargon: ["SLA", "T2 queue", "RMA", "warehouse ticket"], minimumWords: 12))
    }

    @Test("Each problem the docs show is what the example with that one thing wrong is reported with, by file and line")
    func docsProblems() throws {
        let example = try docsExample()
        let docs = try String(contentsOf: docsURL, encoding: .utf8)
        let damaged = [
            example.replacingOccurrences(of: "should: [greeting, empathy, next_step]", with: "should: [greeting, empathy, next-step]"),
            example.replacingOccurrences(of: "must: [order, amount]", with: "must: [order, invoice]"),
            example.replacingOccurrences(of: "answer: [\"refund|refunded|money back\", \"broken", with: "answer: [\"refund||money back\", \"broken"),
            example.replacingOccurrences(of: "answer: [\"refund|refunded|money back\", \"broken", with: "answer: [\"refunded [amount]\", \"broken"),
            example.replacingOccurrences(of: "min_words: 12", with: "min_words: 0"),
            example.replacingOccurrences(of: "jargon: [SLA, T2 queue, RMA]", with: "jargon: [SLA, T2 queue, SLA]"),
        ]
        for text in damaged {
            let found = try #require(problem(text))
            #expect(docs.contains("\n" + found + "\n"), "\(found)")
        }
    }

    @Test("Damaged free-mode fields are reported by file, line and field", arguments: [
        (written.replacingOccurrences(of: "min_words: 8", with: "min_word: 8"),
         "z.yaml:21: customer 1, turn 1, rubric: unknown field \"min_word\" (did you mean min_words?); the fields are must, answer, should, must_not, min_words"),
        (written.replacingOccurrences(of: "should: []", with: "should: [closing, closing]"),
         "z.yaml:19: customer 1, turn 1, rubric: should: closing is listed twice; list each once"),
        (written.replacingOccurrences(of: "rubric: {must: []", with: "rubric: {must: [order, order]"),
         "z.yaml:29: customer 2, turn 1, rubric: must: order is listed twice; list each once"),
        (written.replacingOccurrences(of: "known_words: [Zendora]", with: "known_words: [\"!!\"]"),
         "z.yaml:5: scenario: known_words: \"!!\" must be 1 to 60 characters with a letter or digit"),
        (written.replacingOccurrences(of: "answer: [\"refund|refunded|money back\", \" back", with: "answer: [\"refund|\", \" back"),
         "z.yaml:10: macro /zrefund: answer: \"refund|\" has an empty alternative; write the terms split by |, like \"refund|refunded\""),
        (written.replacingOccurrences(of: "details: {name: Tom, order: '#40070'}", with: "details: {name: Tom, order: '#40070', code: X1}"),
         nil),
        (written.replacingOccurrences(of: "details: {name: Tom, order: '#40070'}", with: "details: {name: Tom, order: '#40070', code: X1}")
            .replacingOccurrences(of: "rubric: {must: []", with: "rubric: {must: [code]"),
         "z.yaml:29: customer 2, turn 1, rubric: must: [code] is not in the profile or any message the customer has sent by then, so the agent cannot know it; mention it in a message"),
    ] as [(String, String?)])
    func damaged(text: String, expected: String?) {
        #expect(problem(text) == expected)
    }

    @Test("A rubric that is not a group of fields says what it should be")
    func notFields() {
        #expect(problem(written.replacingOccurrences(of: "rubric: {must: [], answer: [], should: [closing]}", with: "rubric: [closing]"))
            == "z.yaml:29: customer 2, turn 1, rubric: expected fields like `must: ...`, not a list")
    }

    @Test("Every shared canned reply has answer terms, and its own text answers them")
    func cannedAnswers() throws {
        for macro in try ScenarioCatalog.cannedReplies().macros {
            #expect(!macro.answer.isEmpty, "/\(macro.shortcut)")
            let text = macro.template.display.lowercased()
            for entry in macro.answer {
                #expect(entry.split(separator: "|").contains { WritingLexicon.holds(text, phrase: String($0)) }, "/\(macro.shortcut): \(entry)")
            }
        }
    }

    @Test("chat --check --json shows each turn's rubric as applied, declared or derived, with the details' values")
    func checkJSON() throws {
        let scenario = try ScenarioFile.parse(written, path: "w.yaml", id: "w", canned: CannedReplies()).draw(seed: 1)
        var writer = JSONWriter()
        scenario.writeJSON(to: &writer, seed: 1)
        let json = writer.text
        #expect(json.contains(#""known_words":["Zendora"],"jargon":["SLA","T2 queue"]"#))
        #expect(json.contains(##""rubric":{"declared":true,"must":{"amount":"$24.50","order":"#58211"},"answer":["refund|refunded"],"should":[],"must_not":["SLA","T2 queue","warehouse ticket"],"min_words":8}"##), "\(json)")
        #expect(json.contains(##""rubric":{"declared":false,"must":{"amount":"$24.50","order":"#58211"},"answer":["refund|refunded|money back","back on your card|card"],"should":["greeting","next_step"],"must_not":["SLA","T2 queue"],"min_words":4}"##), "\(json)")
        #expect(json.contains(#""answer":["refund|refunded|money back","back on your card|card"]}"#))
        let text = scenario.describe(seed: 1)
        #expect(text.contains("  writing:  must amount $24.50, order #58211 · answer refund|refunded · must not SLA, T2 queue, warehouse ticket · at least 8 words (declared)"), "\(text)")
        #expect(text.contains("  writing:  should closing · must not SLA, T2 queue · at least 4 words (declared)"), "\(text)")
    }
}

/// A dictionary of the words a test uses.
struct WordList: SpellChecker {
    let words: Set<String>
    init(_ text: String) { words = Set(WritingLexicon.words(in: text.lowercased())) }
    func isCorrect(_ word: String) -> Bool { words.contains(word.lowercased()) }
}

/// How many times the counting source below opened its checker.
private let opens = Mutex(0)

@Suite("Free-mode shifts replayed with their spell checker")
struct FreeModeReplayTests {
    let dictionary = WordList("hi i have refunded for order it will show on your card within days the money back")

    /// Maya written to in free mode with one misspelt word ("dayz"), then the shift left.
    func kept(in scratch: Scratch) throws -> (HistoryFile, HistoryRecord) {
        let scenario = try ScenarioFile.parse(written, path: "w.yaml", id: "w.yaml", canned: CannedReplies()).draw(seed: 1)
        var events: [(event: ChatShift.Event, time: Double)] = []
        for (index, character) in "Hi Maya, I have refunded $24.50 for order #58211. It will show on your card within 5 dayz.".enumerated() {
            events.append((.type(character), 1000 + Double(index) * 100))
        }
        events.append((.send, 12_000))
        events.append((.leave, 20_000))
        var shift = ChatShift(scenario: scenario, mode: .free, speller: dictionary)
        for (event, time) in events { shift.apply(event, at: time) }
        let result = shift.result()
        #expect(result.replies.first?.rubric?.misspelt == ["dayz"])
        let file = HistoryFile(path: scratch.url.appendingPathComponent("history.jsonl").path)
        let log = ChatLog.text(header: ChatLog.Header(scenario: "w.yaml", scenarioText: written, mode: .free, seed: 1), events: events)
        let (saved, problems) = file.save(HistoryRecord(id: "20261201-120000-abcd", time: 1_764_590_400, chat: result, seed: 1, scenarioName: "Written"), log: log)
        #expect(problems.isEmpty)
        return (file, saved)
    }

    @Test("A kept free-mode shift verifies with the dictionary it was played with; without one the audit says so; another gives other figures")
    func audit() throws {
        let scratch = Scratch()
        let (file, saved) = try kept(in: scratch)
        #expect(saved.chat?.writing == 90)
        #expect(HistoryAudit.check(saved, in: file, key: nil, spellers: SpellerSource(dictionary)).problems.isEmpty)
        let without = HistoryAudit.check(saved, in: file, key: nil, spellers: .unavailable("no dictionary here")).problems
        #expect(without == [.logUnreadable("no dictionary here")])
        // A dictionary that knows "dayz": the reply loses no point, so the rescore differs from the record.
        let other = HistoryAudit.check(saved, in: file, key: nil, spellers: SpellerSource(WordList(dictionary.words.joined(separator: " ") + " dayz"))).problems
        #expect(other.contains { if case .figuresDiffer = $0 { true } else { false } })
    }

    @Test("A free-mode log rescored with the same dictionary gives the figures kept, exactly")
    func rescore() throws {
        let scratch = Scratch()
        let (file, saved) = try kept(in: scratch)
        let path = try #require(file.logPath(of: saved))
        let replayed = try ChatLog.replay(path: path, spellers: SpellerSource(dictionary))
        let again = HistoryRecord(id: saved.id, time: saved.time, chat: replayed.shift.result(), seed: 1, scenarioName: "Written")
        #expect(again.chat == saved.chat)
        #expect(again.netWPM == saved.netWPM && again.accuracy == saved.accuracy && again.uncorrectedErrors == 1)
        #expect(throws: TypeBarError.usage("no dictionary here")) { try ChatLog.replay(path: path, spellers: .unavailable("no dictionary here")) }
        // The log carries the mode: replayed without a checker, the same events score the misspelling as spelt right.
        #expect(try ChatLog.load(path: path).replayed(speller: nil).result().writing == 100)
    }

    @Test("The checker is opened only for a free-mode shift, and once")
    func opensOnce() throws {
        let source = SpellerSource { () throws(TypeBarError) in
            opens.withLock { $0 += 1 }
            return WordList("hi")
        }
        for mode in ChatShift.Mode.allCases where mode != .free { #expect(try source.speller(for: mode) == nil) }
        #expect(opens.withLock { $0 } == 0)
        #expect(try source.speller(for: .free)?.isCorrect("hi") == true)
        #expect(try source.speller(for: .free)?.isCorrect("ho") == false)
        #expect(opens.withLock { $0 } == 1)
    }
}
