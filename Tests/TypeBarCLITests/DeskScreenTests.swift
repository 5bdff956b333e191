import Foundation
import Testing

/// Two customers for the help desk. Ana was charged twice (`/charged` answers her) and then thanks the agent; Ben
/// wants a manager about a late order (`/ontime` answers him: no escalation is needed).
let deskScenarioFile = """
name: Desk in tmux
summary: A double charge, then a late order.
chats: 2
patience: 120
time_limit: 300
macros:
  - shortcut: charged
    text: "Sorry, [name]. I have refunded the extra [amount] for order [order]."
  - shortcut: ontime
    text: "Hi [name], order [order] ships today."
customers:
  - arrival: 0
    details: {name: Ana, order: "#123", amount: "$18.50"}
    turns:
      - message: "I was charged twice for order [order], [amount] each time."
        reply: /charged
        delay: 1
      - message: "Thanks, that's all."
        reply: "You're welcome, [name]. Bye!"
  - arrival: 1
    details: {name: Ben, order: "#456"}
    turns:
      - message: "Order [order] is late and I want a manager."
        reply: /ontime

"""

/// Rows joined by spaces, with runs of spaces and the side list's bar squeezed, for finding wrapped text.
private func squeezed(_ screen: String) -> String {
    screen.replacingOccurrences(of: "│", with: " ").split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
}

@Suite("The help desk, end to end in tmux", .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct DeskScreenTests {
    /// `typebar chat --mode desk` on `deskScenarioFile` in a window of its own, recording to rec.jsonl; returns at the
    /// intro.
    private func desk(columns: Int = 80, rows: Int = 24) throws -> (tmux: Tmux, intro: String) {
        let tmux = try Tmux("true", columns: columns, rows: rows)
        tmux.scratch.write("desk.yaml", deskScenarioFile)
        try tmux.tmux(["respawn-pane", "-k", "cd \(tmux.scratch.url.path) && LANG=C.UTF-8 TYPEBAR_HISTORY=history.jsonl \(typebarBinary.path) chat --scenario-file desk.yaml --mode desk --seed 5 --record rec.jsonl; sleep 60"])
        let intro = try #require(tmux.waitFor("Press Enter to start"), "no intro: \(tmux.screen())")
        return (tmux, intro)
    }

    @Test("A desk shift from the intro: search, pick, fill, send, a wrong reply and its reaction, close, escalate; rescored to the screen's figures")
    func deskShift() throws {
        let (tmux, intro) = try desk()
        for words in ["/ or Ctrl-K searches the knowledge base", "Tab inserts the reply", "Ctrl-E escalates", "Ctrl-T closes it", "Ctrl-P"] {
            #expect(squeezed(intro).contains(words), "\(words):\n\(intro)")
        }
        try tmux.keys("Enter")
        try #require(tmux.waitFor("Ana: I was charged twice for order #123") != nil, "no first message: \(tmux.screen())")

        // Ana: / opens the search; typing narrows it; Tab inserts the reply chosen, the cursor in its first blank.
        try tmux.type("/")
        try #require(tmux.waitFor("Search: ") != nil, "no search: \(tmux.screen())")
        try tmux.type("charg")
        let search = try #require(tmux.waitFor("Search: charg"), "no narrowed list: \(tmux.screen())")
        #expect(search.contains("▶ /charged"), "\(search)")
        #expect(search.contains(" match"), "\(search)")
        try tmux.keys("Tab")
        try #require(tmux.waitFor("> Sorry, [name]. I have refunded the extra [amount]") != nil, "no pick: \(tmux.screen())")
        try tmux.type("Ana")
        try tmux.keys("Tab")
        try tmux.type("$18.50")
        try tmux.keys("Tab")
        try tmux.type("#123")
        let filled = try #require(tmux.waitFor("#123."), "\(tmux.screen())")
        #expect(squeezed(filled).contains("> Sorry, Ana. I have refunded the extra $18.50 for order #123."), "\(filled)")
        Thread.sleep(forTimeInterval: 1.1)
        try tmux.keys("Enter")
        try #require(tmux.waitFor("Ana: Thanks, that's all.") != nil, "no second message: \(tmux.screen())")

        // The profile key: this scenario has none, and the screen says so.
        try tmux.keys("C-p")
        try #require(tmux.waitFor("No profile on file.") != nil, "no profile: \(tmux.screen())")
        try tmux.keys("C-p")
        try #require(tmux.waitFor("Ana: Thanks, that's all.") != nil, "\(tmux.screen())")

        // A wrong canned reply: Ana writes back, marked as a correction.
        try tmux.type("/ontime")
        try #require(tmux.waitFor("▶ /ontime") != nil, "\(tmux.screen())")
        try tmux.keys("Enter")
        try #require(tmux.waitFor("> Hi [name], order [order] ships today.") != nil, "\(tmux.screen())")
        try tmux.type("Ana")
        try tmux.keys("Tab")
        try tmux.type("#123")
        try tmux.keys("Enter")
        try #require(tmux.waitFor("Ana corrects you: That doesn't answer my question.") != nil, "no reaction: \(tmux.screen())")
        try tmux.type("You're welcome, Ana. Bye!")
        try tmux.keys("Enter")
        try #require(tmux.waitFor("served: close it") != nil, "not served: \(tmux.screen())")

        // Ctrl-T: close with a tag.
        try tmux.keys("C-t")
        try #require(tmux.waitFor("Close Ana's chat with a wrap-up tag:") != nil, "\(tmux.screen())")
        try tmux.type("b")
        try #require(tmux.waitFor("chat closed as billing") != nil, "not closed: \(tmux.screen())")

        // Ben, by Alt-2: Ctrl-E escalates to a team chosen by number, with an internal note.
        try tmux.keys("M-2")
        try #require(tmux.waitFor("Ben: Order #456 is late and I want a manager.") != nil, "Alt-2 did not switch: \(tmux.screen())")
        try tmux.keys("C-e")
        try #require(tmux.waitFor("Escalate Ben's chat: choose the team.") != nil, "\(tmux.screen())")
        try tmux.type("5")
        try #require(tmux.waitFor("does not see it), then Enter:") != nil, "\(tmux.screen())")
        try tmux.type("Wants a manager about late order #456")
        try tmux.keys("Enter")

        // Everyone is done: the results.
        let results = try #require(tmux.waitFor("r again with other details", seconds: 20), "no results: \(tmux.screen())")
        let log = tmux.scratch.url.appendingPathComponent("rec.jsonl").path
        let rescored = try typebar(["score", "--keys", log, "--json"])
        #expect(rescored.status == 1, "\(rescored.stderr)")
        let chat = try #require(try jsonObject(rescored.stdout)["chat"] as? [String: Any])
        // By hand: Ana's first reply the best (10 points), her second a wrong canned reply (0); the reply typed after
        // her reaction is a second try and earns none. Judgement 10 × (10 + 0) / 2 = 50.
        #expect(chat["judgement"] as? Double == 50)
        let customers = try #require(chat["customer_details"] as? [[String: Any]])
        // Ana 4/5 (a reply that did not answer her); Ben 3/5 (transferred when no escalation was needed).
        #expect(customers.map { $0["rating"] as? Int } == [4, 3], "\(customers)")
        #expect(customers.map { $0["outcome"] as? String } == ["served", "transferred"])
        #expect(customers.first?["tag"] as? String == "billing")
        // Every target the rescore misses is on the screen, in the same words.
        let missed = try #require(chat["missed_target_details"] as? [[String: Any]])
        #expect(Set(missed.compactMap { $0["target"] as? String }) == ["judgement", "satisfaction", "actions"], "\(missed)")
        for target in missed {
            let detail = try #require(target["detail"] as? String)
            #expect(squeezed(results).contains(detail), "\(detail):\n\(results)")
        }
        #expect(squeezed(results).contains("judgement 50: 20 under the 70 target (1 of 2 replies did not answer the customer)"), "\(results)")
        #expect(squeezed(results).contains("3/5 Ben: was transferred when the right help was here or elsewhere · transferred (not where they needed)"), "\(results)")
        #expect(squeezed(results).contains("Actions none expected · Ben: no escalation was needed"), "\(results)")
        #expect(!results.contains("… and 0 more"), "\(results)")
        let accuracy = try #require(chat["reply_accuracy"] as? Double)
        #expect(results.contains("Replies  3 sent · accuracy \(Int(accuracy * 10) / 10).\(Int(accuracy * 10) % 10) %"), "\(results)\n\(rescored.stdout)")
        // The transcripts keep the reaction and the internal note; the log, the search events.
        let transcripts = try #require(chat["transcripts"] as? [[String: Any]])
        let texts = transcripts.flatMap { ($0["messages"] as? [[String: Any]]) ?? [] }.map { "\($0["kind"] ?? ""): \($0["text"] ?? "")" }
        #expect(texts.contains { $0.hasPrefix("reaction: That doesn't answer my question.") }, "\(transcripts)")
        #expect(texts.contains("note: To supervisor: Wants a manager about late order #456"), "\(transcripts)")
        let recorded = try String(contentsOfFile: log, encoding: .utf8)
        #expect(recorded.contains(#""chat":"pick","reply":"charged","query":"charg""#))
        #expect(recorded.contains(#""chat":"pick","reply":"ontime","query":"ontime""#))
        #expect(recorded.contains(#""chat":"close","tag":"billing""#))
        #expect(recorded.contains(#""chat":"escalate","team":"supervisor","note":"Wants a manager about late order #456""#))
        try tmux.type("q")
    }

    @Test("At 60 x 16: Ctrl-K searches, nothing found says so, Esc closes the search (recorded), and Esc Esc still ends the shift")
    func smallWindow() throws {
        let tmux = try desk(columns: 60, rows: 16).tmux
        try tmux.keys("Enter")
        try #require(tmux.waitFor("Ana: I was charged twice") != nil, "\(tmux.screen())")
        try tmux.keys("C-k")
        try tmux.type("zzz")
        try #require(tmux.waitFor("No reply matches") != nil, "\(tmux.screen())")
        try tmux.keys("Escape")
        try #require(tmux.waitFor("/ search") != nil, "the search did not close: \(tmux.screen())")
        try tmux.keys("Escape")
        try #require(tmux.waitFor("Esc again ends the shift") != nil, "\(tmux.screen())")
        try tmux.keys("Escape")
        try #require(tmux.waitFor("r again with other details") != nil, "\(tmux.screen())")
        let recorded = try #require(tmux.waitForFile("rec.jsonl"))
        #expect(recorded.contains(#""chat":"search","query":"zzz""#), "\(recorded)")
    }
}
