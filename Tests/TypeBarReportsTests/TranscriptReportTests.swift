import Foundation
import Testing
import TestSupport
import TypeBarCore
import TypeBarFormats
@testable import TypeBarKit
@testable import TypeBarReports

/// A desk with two customers. Kim (0 s) wants her refund for order #48213, then thanks the agent; her chat should be
/// closed as billing. Omar (5 s) is owed $620 and must be escalated to billing with his order number in the note.
let transcriptDesk = """
    name: Report desk
    chats: 2
    patience: 120
    time_limit: 300
    macros:
      - shortcut: refund
        text: "Hi [name], I have refunded [amount] for order [order]."
      - shortcut: passon
        text: "I am sorry, [name]. I have passed order [order] to our billing team."
      - shortcut: bye
        text: "Thanks for chatting, [name]. Have a lovely day!"
    customers:
      - arrival: 0
        details: {name: Kim, order: "#48213", amount: "$20.00"}
        close: billing
        turns:
          - message: "Where is my refund of [amount] for [order]?"
            reply: /refund
            delay: 2
          - message: "Thanks!"
            reply: /bye
      - arrival: 5
        details: {name: Omar, order: "#59530"}
        turns:
          - message: "I want my $620 for [order] now!"
            reply: /passon
            action: {escalate: billing, note: [order]}

    """

/// A shift played by a test, event by event, as a chat log keeps it: each reply typed by hand at 50 ms a key once
/// its customer waits, then sent.
struct ScriptedShift {
    var shift: ChatShift
    var header: ChatLog.Header
    var events: [(event: ChatShift.Event, time: Double)] = []
    var time = 500.0

    init(scenario text: String, mode: ChatShift.Mode, speller: (any SpellChecker)? = nil) throws {
        header = ChatLog.Header(scenario: "desk.yaml", scenarioText: text, mode: mode, seed: 1)
        let scenario = try ScenarioFile.parse(text, path: "desk.yaml", id: "desk.yaml", canned: ScenarioCatalog.cannedReplies()).draw(seed: 1)
        shift = ChatShift(scenario: scenario, mode: mode, speller: speller)
    }

    mutating func apply(_ event: ChatShift.Event) {
        shift.apply(event, at: time)
        events.append((event, time))
        time += 50
    }

    /// Waits for customer `index` to wait for a reply, selects their chat, types `text` and sends it.
    mutating func reply(to index: Int, _ text: String) {
        while !isWaiting(index), let next = shift.nextHappening {
            time = max(time, next + 100)
            shift.advance(to: time)
        }
        if let chat = shift.chat(of: index), chat != shift.selected { apply(.select(chat)) }
        for character in text { apply(.type(character)) }
        apply(.send)
    }

    private func isWaiting(_ index: Int) -> Bool {
        if case .waiting = shift.customers[index].status { true } else { false }
    }

    /// Saves the shift as attempt `attempt` of `candidate` at the "desk round" assessment, with its log.
    func save(in file: HistoryFile, candidate: String, attempt: Int, id: String) -> HistoryRecord {
        var record = HistoryRecord(id: id, time: 1_795_000_000 + Double(attempt) * 600, chat: shift.result(), seed: 1, scenarioName: "Report desk")
        record.candidate = candidate
        record.assessment = "desk round"
        record.configHash = "d35c"
        record.attempt = attempt
        record.attempts = 2
        let (saved, problems) = file.save(record, log: ChatLog.text(header: header, events: events))
        #expect(problems.isEmpty)
        return saved
    }
}

/// Ana's desk shift: Kim's order number typed with two digits swapped, then right after her correction; Omar sent
/// a hostile reply, then the right one, and escalated; Kim thanked and her chat closed as billing.
func anasShift() throws -> ScriptedShift {
    var played = try ScriptedShift(scenario: transcriptDesk, mode: .desk)
    played.reply(to: 0, "Hi Kim, I have refunded $20.00 for order #48231.")
    played.reply(to: 1, "<script>alert('x')</script> & calm down")
    played.reply(to: 1, "I am sorry, Omar. I have passed order #59530 to our billing team.")
    played.apply(.escalate(team: "billing", note: "<b>Refund</b> of $620 for #59530"))
    played.reply(to: 0, "Hi Kim, I have refunded $20.00 for order #48213.")
    played.reply(to: 0, "Thanks for chatting, Kim. Have a lovely day!")
    played.apply(.close(tag: "billing"))
    return played
}

@Suite("Transcripts in assessment reports")
struct TranscriptReportTests {
    /// A history of Ana's desk shift, read back as `typebar report` reads it, with transcripts.
    func report(in scratch: Scratch, removingLog: Bool = false) throws -> (AssessmentReport, HistoryRecord) {
        let file = HistoryFile(path: scratch.path("history.jsonl"))
        let saved = try anasShift().save(in: file, candidate: "Ana", attempt: 1, id: "20261118T110000-ana1")
        if removingLog { try FileManager.default.removeItem(atPath: try #require(file.logPath(of: saved))) }
        let (report, warnings) = try AssessmentReportReader.report(
            from: [file], matching: HistoryQuery(), key: nil, generated: 1_795_010_000, transcripts: .unavailable("no dictionary in this test"))
        #expect(warnings.isEmpty)
        return (report, saved)
    }

    @Test("The replayed shift's conversations: every message in order, the wrong detail with the value expected, the note judged, the close, ratings")
    func model() throws {
        let scratch = Scratch()
        let (report, saved) = try report(in: scratch)
        let ana = try #require(report.sections.first?.candidates.first)
        let transcript = try #require(ana.transcripts[saved.id])
        #expect(transcript.unavailable == nil)
        let kim = transcript.conversations[0], omar = transcript.conversations[1]
        #expect(kim.customer == "Kim" && omar.customer == "Omar")
        #expect(kim.lines.map(\.kind) == [.message, .reply, .reaction, .reply, .message, .reply, .action])
        #expect(kim.lines[0].text == "Where is my refund of $20.00 for #48213?")
        // The swapped digits are marked where they stand, with the order number expected.
        #expect(kim.lines[1].pieces == [
            .init(text: "Hi Kim, I have refunded $20.00 for order ", mark: .none),
            .init(text: "#48231", mark: .wrong(expected: "#48213")),
            .init(text: ".", mark: .none),
        ])
        #expect(kim.lines[2].text == "That's not right: my order number is #48213.")
        #expect(kim.lines[3].mismatches.isEmpty)
        #expect(kim.lines[6].text == "closed as billing" && kim.lines[6].right == true)
        #expect(kim.outcome == .served && kim.rating != nil)
        #expect(omar.lines.map(\.kind) == [.message, .reply, .reaction, .reply, .note])
        #expect(omar.lines[1].text == "<script>alert('x')</script> & calm down" && omar.lines[1].choice == "wrong" && omar.lines[1].points == 0)
        #expect(omar.lines[4].text == "To billing: <b>Refund</b> of $620 for #59530" && omar.lines[4].right == true)
        #expect(omar.outcome == .transferred)
        // The clock of each line is the shift's: Kim's first message as she arrives.
        #expect(kim.lines[0].clock == "0:00" && omar.lines[0].clock == "0:05")
    }

    // By hand, Ana's shift: replies scored 10 (Kim's refund: the best reply, its detail wrong), 0 (the hostile reply to
    // Omar), 10 (Kim's goodbye); the replies after a reaction are second tries. Judgement 10 × (10 + 0 + 10) / 3 =
    // 66.67. Expected actions: Kim's close and Omar's escalation, both right.
    @Test("CSV: the best attempt's desk figures in the last columns, unrounded")
    func csvDeskFigures() throws {
        let scratch = Scratch()
        let (report, _) = try report(in: scratch)
        let rows = report.rendered(as: .csv).components(separatedBy: "\n")
        let header = rows[0].components(separatedBy: ",")
        #expect(Array(header.suffix(8)) == [
            "chat_mode", "best_judgement", "best_writing", "best_satisfaction", "best_satisfied_percent",
            "best_resolution_percent", "best_actions_expected", "best_actions_right",
        ])
        let chat = try #require(report.sections.first?.candidates.first?.best.chat)
        let ana = rows[1].components(separatedBy: ",")
        #expect(ana.count == header.count)
        let judgement = try #require(Double(ana[header.count - 7]))
        #expect(abs(judgement - 200.0 / 3) < 1e-9)
        #expect(ana[header.count - 8] == "desk" && ana[header.count - 6] == "")
        #expect(ana[header.count - 5] == JSONValue.number(try #require(chat.satisfaction)).rendered)
        #expect(ana[header.count - 3] == "100" && ana[header.count - 2] == "2" && ana[header.count - 1] == "2", "\(rows[1])")
    }

    @Test("Markdown: a transcripts section with each line's time and speaker, the wrong detail in bold with the value expected")
    func markdown() throws {
        let scratch = Scratch()
        let text = try report(in: scratch).0.rendered(as: .md)
        let lines = text.components(separatedBy: "\n")
        #expect(lines.contains("### Transcripts"))
        #expect(lines.contains("#### Ana: best and latest attempt (1)"))
        let heading = try #require(lines.firstIndex(of: "#### Ana: best and latest attempt (1)"))
        #expect(lines[heading + 2].hasPrefix("Scenario desk.yaml, desk mode, seed 1; taken 2026-11-18 11:16 UTC; the shift lasted "), "\(text)")
        #expect(lines.contains("- 0:00 *Kim*: Where is my refund of $20.00 for #48213?"))
        #expect(lines.contains("- 0:02 *Candidate*: Hi Kim, I have refunded $20.00 for order **#48231** (expected #48213). — best, 10 points"), "\(text)")
        // The hostile reply stays literal text, and was judged wrong.
        #expect(lines.contains("- 0:07 *Candidate*: \\<script\\>alert('x')\\</script\\> \\& calm down — wrong, 0 points"), "\(text)")
        // Kim's rating and its reason; the reply after her correction is a second try at the same step.
        #expect(lines.contains("**Kim**: served, rated 4/5 (had to give their order number again)."))
        #expect(lines.contains("- 0:17 *Candidate*: Hi Kim, I have refunded $20.00 for order #48213. — best, no points (a second try)"))
        #expect(lines.contains { $0.contains("*Internal note*: To billing: \\<b\\>Refund\\</b\\> of $620 for #59530 — right") })
        #expect(lines.contains { $0.contains("*Action*: closed as billing — right") })
        #expect(lines.contains { $0.hasPrefix("**Omar**: transferred, rated ") })
        // The desk figures table.
        #expect(lines.contains("| Candidate | Judgement | Satisfied | Mean rating | Resolved | Actions right |"))
        // Judgement: the first answers to each step score 10 (Kim), 0 (Omar's hostile reply) and 10 (Kim's goodbye):
        // 20 / 3 × 10 = 66.7, shown whole as 66; both customers rated 4; both resolved; the close and the escalation right.
        #expect(lines.contains("| Ana | 66 | 100.0 % | 4.0/5 | 100.0 % | 2/2 |"), "\(text)")
    }

    @Test("HTML: customer and candidate lines told apart, the wrong detail marked beside the value expected, everything typed escaped")
    func html() throws {
        let scratch = Scratch()
        let page = try report(in: scratch).0.rendered(as: .html)
        #expect(page.contains("<h4>Transcript: Best and latest (attempt 1)</h4>"))
        #expect(page.contains(#"<li class="message customer"><span class="clock">0:00</span> <span class="speaker">Kim</span> <span class="text">Where is my refund of $20.00 for #48213?</span></li>"#), "\(page)")
        #expect(page.contains(#"<span class="speaker">Candidate</span> <span class="text">Hi Kim, I have refunded $20.00 for order <mark class="wrong">#48231</mark> <span class="expected">expected #48213</span>.</span>"#))
        #expect(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; calm down"))
        #expect(page.contains("To billing: &lt;b&gt;Refund&lt;/b&gt; of $620 for #59530"))
        #expect(!page.contains("<script>") && !page.contains("<b>Refund"))
        #expect(page.contains(#"<li class="note candidate">"#) && page.contains(#"<li class="action candidate">"#))
        // The desk figures in a table of their own, with units, so the chat figures' table fits the page; every table
        // scrolls inside its box on a narrow screen instead of widening the page.
        #expect(page.contains(#"<table class="figures desk">"#) && !page.contains("<th class=\"num\">Judgement</th>"))
        #expect(page.contains("<th class=\"num\">Judgement (of 100)</th><th class=\"num\">Satisfied (rated 4 or 5)</th>"))
        #expect(page.components(separatedBy: "<table").count - 1 == page.components(separatedBy: "<div class=\"scroll\">\n<table").count - 1)
        // What the transcript is of, and no note about a typing chart a chat attempt never has.
        #expect(page.contains(#"<p class="transcript-context">Scenario desk.yaml, desk mode, seed 1; taken 2026-11-18 11:16 UTC; the shift lasted "#), "\(page)")
        #expect(!page.contains(#"<p class="no-chart">"#))
    }

    @Test("An action never taken reads as the action expected, judged by what went wrong, without a second 'expected'")
    func actionNotTaken() {
        let line = ChatTranscript.Line(kind: .action, seconds: nil, text: "close as returns", right: false, expected: "close as returns", problems: ["the chat was never closed"])
        #expect(line.speaker(customer: "Omar") == "Action not taken")
        #expect(line.verdict == "the chat was never closed")
        let wrong = ChatTranscript.Line(kind: .action, seconds: 30, text: "closed as billing", right: false, expected: "close as returns", problems: [])
        #expect(wrong.verdict == "expected: close as returns")
    }

    @Test("JSON: the transcript beside each attempt's figures, with the marks; the desk figures in the chat summary")
    func json() throws {
        let scratch = Scratch()
        let text = try report(in: scratch).0.rendered(as: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let candidate = try #require(((object["assessments"] as? [[String: Any]])?.first?["candidates"] as? [[String: Any]])?.first)
        let best = try #require(candidate["best"] as? [String: Any])
        let chat = try #require(best["chat"] as? [String: Any])
        #expect(chat["mode"] as? String == "desk")
        #expect(chat["actions_expected"] as? Int == 2 && chat["actions_right"] as? Int == 2)
        #expect(chat["resolution_percent"] as? Double == 100)
        let transcript = try #require(best["transcript"] as? [String: Any])
        #expect(transcript["available"] as? Bool == true)
        let customers = try #require(transcript["customers"] as? [[String: Any]])
        #expect(customers.map { $0["customer"] as? String } == ["Kim", "Omar"])
        let messages = try #require(customers[0]["messages"] as? [[String: Any]])
        #expect(messages[0]["kind"] as? String == "message" && messages[0]["seconds"] as? Double == 0)
        let mismatch = try #require((messages[1]["mismatches"] as? [[String: Any]])?.first)
        #expect(mismatch["detail"] as? String == "order" && mismatch["expected"] as? String == "#48213" && mismatch["sent"] as? String == "#48231")
    }

    @Test("A missing log: the report still renders, and each form says the transcript is unavailable and why")
    func missingLog() throws {
        let scratch = Scratch()
        let (report, saved) = try report(in: scratch, removingLog: true)
        let path = scratch.path("sessions/\(saved.id).jsonl")
        let reason = "keystroke log missing: no file at \(path)"
        #expect(report.sections.first?.candidates.first?.transcripts[saved.id]?.unavailable == reason)
        #expect(report.rendered(as: .md).contains("The transcript is unavailable: \(reason)."))
        #expect(report.rendered(as: .html).contains("<p class=\"transcript-unavailable\">The transcript is unavailable: \(reason).</p>"))
        #expect(report.rendered(as: .json).contains(#""transcript":{"available":false,"reason":"\#(reason)"}"#))
        // The figures are all there.
        #expect(report.rendered(as: .md).contains("| Ana | 1 | 1/2 | 0 | 3 s | 3 s |"))
    }

    @Test("A changed log is not shown as the attempt's transcript")
    func changedLog() throws {
        let scratch = Scratch()
        let file = HistoryFile(path: scratch.path("history.jsonl"))
        let saved = try anasShift().save(in: file, candidate: "Ana", attempt: 1, id: "20261118T110000-ana1")
        let path = try #require(file.logPath(of: saved))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        // The chat closed under another tag than the one the candidate chose.
        try text.replacingOccurrences(of: #""tag":"billing""#, with: #""tag":"shipping""#).write(toFile: path, atomically: true, encoding: .utf8)
        var report = AssessmentReport(records: [saved], key: nil, generated: 0, sources: [], duplicates: 0)
        report.replayTranscripts(spellers: .unavailable("none")) { file.log(of: $0) }
        let unavailable = try #require(report.sections.first?.candidates.first?.transcripts[saved.id]?.unavailable)
        #expect(unavailable.hasPrefix("keystroke log changed since the result was saved"), "\(unavailable)")
    }
}

/// The words the free-mode test's dictionary knows.
private struct Words: SpellChecker {
    let known = Set(WritingLexicon.words(in: "hi i have refunded for order and you will the back calm down thanks chatting have a lovely day"))
    func isCorrect(_ word: String) -> Bool { known.contains(word.lowercased()) }
}

@Suite("Free-mode transcripts in assessment reports")
struct FreeTranscriptReportTests {
    @Test("Each reply's rubric points and deductions, its misspelt words marked, with the dictionary the shift was played with")
    func free() throws {
        let scratch = Scratch()
        var played = try ScriptedShift(scenario: freeScenario, mode: .free, speller: Words())
        played.reply(to: 0, "Hi Lukas, calm down. I have refunded $81.49 for order #39051 and you will recieve the monney back.")
        played.reply(to: 0, "Thanks for chatting, Lukas. Have a lovely day!")
        played.apply(.close(tag: "billing"))
        let file = HistoryFile(path: scratch.path("history.jsonl"))
        let saved = played.save(in: file, candidate: "Lee", attempt: 1, id: "20261118T120000-lee1")
        #expect(saved.chat?.writing == 70)
        var report = AssessmentReport(records: [saved], key: nil, generated: 0, sources: [], duplicates: 0)
        report.replayTranscripts(spellers: SpellerSource(Words())) { file.log(of: $0) }
        let transcript = try #require(report.sections.first?.candidates.first?.transcripts[saved.id])
        let reply = try #require(transcript.conversations.first?.lines[1])
        #expect(reply.points == 4 && reply.misspelt == ["recieve", "monney"])
        #expect(reply.pieces.filter { $0.mark == .misspelt }.map(\.text) == ["recieve", "monney"])
        let markdown = report.rendered(as: .md)
        #expect(markdown.contains("*Candidate*: Hi Lukas, calm down. I have refunded $81.49 for order #39051 and you will ‹recieve› the ‹monney› back. — 4/10; −2: no next step (what happens and when); −2: 'calm down' is dismissive; −1: 'recieve' misspelt; −1: 'monney' misspelt"), "\(markdown)")
        #expect(markdown.contains("| Candidate | Writing | Satisfied | Mean rating | Resolved | Actions right |"))
        let page = report.rendered(as: .html)
        #expect(page.contains(#"you will <mark class="misspelt" title="misspelt">recieve</mark> the <mark class="misspelt" title="misspelt">monney</mark> back."#))
        #expect(page.contains("<li>−2: &#39;calm down&#39; is dismissive</li>"))
        // Without the dictionary the shift cannot be replayed as it was scored: the transcript says why.
        var without = AssessmentReport(records: [saved], key: nil, generated: 0, sources: [], duplicates: 0)
        without.replayTranscripts(spellers: .unavailable("no Hunspell dictionary")) { file.log(of: $0) }
        #expect(without.sections.first?.candidates.first?.transcripts[saved.id]?.unavailable == "keystroke log does not score: no Hunspell dictionary")
    }
}
