import Foundation
import Testing

/// Two customers with short patience: Ana (two turns) is answered; Ben is left until he leaves after 10 s.
let chatScenario = """
name: Two quick ones
chats: 2
patience: 10
time_limit: 60
macros:
  - shortcut: ship
    text: "Hi [name], order [order] ships today."
customers:
  - arrival: 0
    details: {name: Ana, order: "#123"}
    turns:
      - message: "Order [order] is late."
        reply: /ship
        delay: 1
      - message: "Thanks"
        reply: "Bye [name]"
  - arrival: 1
    details: {name: Ben}
    turns:
      - message: "Hello?"
        reply: "Hi"

"""

/// The chat desk driven through tmux: switch chats, answer, let one customer leave, read the results, and
/// rescore the recorded log.
@Suite("The chat desk, end to end in tmux", .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct ChatScreenTests {
    @Test("Each mode: answer one customer, let the other leave; the log rescored gives the screen's figures",
          arguments: ["guided", "template", "macros"])
    func shift(mode: String) throws {
        let tmux = try Tmux("true")
        tmux.scratch.write("two.yaml", chatScenario)
        try tmux.tmux(["respawn-pane", "-k", "cd \(tmux.scratch.url.path) && LANG=C.UTF-8 TYPEBAR_HISTORY=history.jsonl \(typebarBinary.path) chat --scenario-file two.yaml --mode \(mode) --seed 5 --record rec.jsonl; sleep 60"])
        try #require(tmux.waitFor("Press Enter to start") != nil, "no intro: \(tmux.screen())")
        try tmux.keys("Enter")
        try #require(tmux.waitFor("Ana: Order #123 is late.") != nil, "no first message: \(tmux.screen())")
        if mode == "macros" {
            try tmux.type("/ship")
            try tmux.keys("Tab")
            try tmux.type("Ana")
            try tmux.keys("Tab")
            try tmux.type("#123")
        } else {
            try tmux.type("Hi Ana, order #123 ships todya.")   // one slip, left in
        }
        Thread.sleep(forTimeInterval: 1.1)
        try tmux.keys("Enter")
        try #require(tmux.waitFor("Ana is typing…") != nil, "no typing: \(tmux.screen())")
        // Ben has arrived in chat 2: look at him, then go back with Alt-1 once Ana has written again.
        try tmux.keys("F2")
        try #require(tmux.waitFor("Ben: Hello?") != nil, "F2 did not switch: \(tmux.screen())")
        try #require(tmux.waitFor("● Ana wrote in chat 1 (F1)") != nil, "no announcement: \(tmux.screen())")
        try tmux.keys("M-1")
        try #require(tmux.waitFor("Ana: Thanks") != nil, "Alt-1 did not switch: \(tmux.screen())")
        try tmux.type("Bye Ana")
        try tmux.keys("Enter")
        // Ben waits 10 s and leaves; then everyone is done and the results show.
        let results = try #require(tmux.waitFor("r again with other details", seconds: 20), "no results: \(tmux.screen())")
        #expect(results.contains("1 served · 1 left unanswered · 0 not served"), "\(results)")
        #expect(results.contains("1 customer left unanswered: the target is that nobody leaves"))
        #expect(results.contains("Keystrokes saved to rec.jsonl"))

        let log = tmux.scratch.url.appendingPathComponent("rec.jsonl").path
        let rescored = try typebar(["score", "--keys", log, "--json"])
        #expect(rescored.status == 1, "\(rescored.stderr)")
        let chat = try #require(try jsonObject(rescored.stdout)["chat"] as? [String: Any])
        #expect(chat["served"] as? Int == 1)
        #expect(chat["abandoned"] as? Int == 1)
        #expect(chat["replies"] as? Int == 2)
        #expect(chat["meets_targets"] as? Bool == false)
        #expect((chat["first_response_seconds"] as? [Any])?.count == 2)
        let net = try #require(chat["net_wpm"] as? Double)
        let effective = try #require(chat["effective_wpm"] as? Double)
        let accuracy = try #require(chat["reply_accuracy"] as? Double)
        let median = try #require(chat["median_first_response_seconds"] as? Double)
        let worstWait = try #require(chat["worst_wait_seconds"] as? Double)
        // The screen's figures are the rescored ones: speeds and shares rounded down, times up.
        func shown(_ seconds: Double) -> Int { Int((seconds - 1e-9).rounded(.up)) }
        #expect(results.contains("Speed  \(Int(net)) net WPM while typing · \(Int(effective)) effective WPM"), "\(results)\n\(rescored.stdout)")
        #expect(results.contains("accuracy \(Int(accuracy * 10) / 10).\(Int(accuracy * 10) % 10) %"), "\(results)\n\(rescored.stdout)")
        #expect(results.contains("First reply  median \(shown(median)) s"), "\(results)\n\(rescored.stdout)")
        #expect(results.contains("worst \(shown(worstWait)) s"))
        #expect(shown(worstWait) == 10)   // Ben's wait until he left
        if mode == "macros" {
            #expect(chat["keystrokes_saved"] as? Int == 18)   // 24 canned characters less "/ship" and Tab
            #expect(chat["wrong_details"] as? Int == 0)
            #expect(accuracy == 100)
        } else {
            #expect(chat["keystrokes_saved"] as? Int == 0)
            #expect(accuracy < 100)
        }
        try tmux.type("q")

        // Kept in the history as a chat shift, shown by history and stats, and replayed to the same figures.
        #expect(results.contains("Saved to history as "))
        let history = tmux.scratch.url.appendingPathComponent("history.jsonl").path
        let listed = try typebar(["history", "--mode", "chat", "--json", "--history", history])
        let record = try jsonObject(listed.stdout)
        #expect(record["mode"] as? String == "chat")
        #expect(record["net_wpm"] as? Double == net)
        let kept = try #require(record["chat"] as? [String: Any])
        #expect(kept["served"] as? Int == 1)
        #expect(kept["abandoned"] as? Int == 1)
        let stats = try typebar(["stats", "--history", history])
        #expect(stats.stdout.contains("Response time at the chat desk (1 shift)"), "\(stats.stdout)")
        #expect(stats.stdout.contains("1 of 2 served, 1 left unanswered"))
        let id = try #require(record["id"] as? String)
        try tmux.tmux(["respawn-pane", "-k", "cd \(tmux.scratch.url.path) && LANG=C.UTF-8 \(typebarBinary.path) replay \(id.suffix(8)) --speed 20 --history history.jsonl; sleep 60"])
        let replayed = try #require(tmux.waitFor("r replay again · q quit", seconds: 20), "no replay results: \(tmux.screen())")
        #expect(replayed.contains("Speed  \(Int(net)) net WPM while typing · \(Int(effective)) effective WPM"), "replay:\n\(replayed)")
        #expect(replayed.contains("1 served · 1 left unanswered · 0 not served"))
        try tmux.type("q")
    }

    @Test("Esc twice ends the shift early: the results are kept, flagged, and the log is still written")
    func leaveEarly() throws {
        let tmux = try Tmux("true")
        tmux.scratch.write("two.yaml", chatScenario)
        try tmux.tmux(["respawn-pane", "-k", "cd \(tmux.scratch.url.path) && LANG=C.UTF-8 \(typebarBinary.path) chat --scenario-file two.yaml --record rec.jsonl; sleep 60"])
        try #require(tmux.waitFor("Press Enter to start") != nil)
        try tmux.keys("Enter")
        try #require(tmux.waitFor("Ana: Order") != nil)
        try tmux.type("Hi Ana")
        try tmux.keys("Escape")
        try #require(tmux.waitFor("Esc again ends the shift") != nil, "\(tmux.screen())")
        try tmux.keys("Escape")
        let results = try #require(tmux.waitFor("r again with other details"), "\(tmux.screen())")
        #expect(results.contains("Left early"))
        #expect(results.contains("not served by the end of the shift"))
        let rescored = try typebar(["score", "--keys", tmux.scratch.url.appendingPathComponent("rec.jsonl").path, "--json"])
        let chat = try #require(try jsonObject(rescored.stdout)["chat"] as? [String: Any])
        #expect(chat["left_early"] as? Bool == true)
        #expect(chat["ending"] as? String == "left_early")
        #expect(chat["replies"] as? Int == 0)
    }

    @Test("Keys typed on past the end of a shift do not leave its results: r and q count only after a second")
    func typingThroughTheEnd() throws {
        let tmux = try Tmux("true")
        tmux.scratch.write("one.yaml", """
            name: Just one
            chats: 1
            patience: 30
            time_limit: 60
            customers:
              - arrival: 0
                details: {name: Ana}
                turns:
                  - message: "Hello?"
                    reply: "Hi [name]"

            """)
        try tmux.tmux(["respawn-pane", "-k", "cd \(tmux.scratch.url.path) && LANG=C.UTF-8 TYPEBAR_HISTORY=history.jsonl \(typebarBinary.path) chat --scenario-file one.yaml --mode guided --seed 1; sleep 60"])
        try #require(tmux.waitFor("Press Enter to start") != nil, "\(tmux.screen())")
        try tmux.keys("Enter")
        try #require(tmux.waitFor("Ana: Hello?") != nil, "\(tmux.screen())")
        try tmux.type("Hi Ana")
        // Enter serves the only customer and ends the shift; the candidate types on: "r" (again), Esc and "q".
        try tmux.keys("Enter")
        try tmux.type("r")
        try tmux.keys("Escape")
        try tmux.type("q")
        let settling = try #require(tmux.waitFor("Customers  1 served"), "\(tmux.screen())")
        #expect(settling.contains("keys ignored until typing stops for a second"), "\(settling)")
        let settled = try #require(tmux.waitFor("r again with other details · q quit", seconds: 5), "\(tmux.screen())")
        #expect(settled.contains("Customers  1 served"), "\(settled)")
        #expect(!settled.contains("Press Enter to start"))
        // After the pause, q is taken.
        try tmux.type("q")
        let deadline = Date().addingTimeInterval(5)
        while tmux.screen().contains("Customers  1 served"), Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(!tmux.screen().contains("Customers  1 served"), "\(tmux.screen())")
        #expect(!tmux.screen().contains("Press Enter to start"))
    }

    @Test("A window too small says how big it must be; made bigger, the desk comes back")
    func tooSmall() throws {
        let tmux = try Tmux("\(typebarBinary.path) chat --seed 1", columns: 36, rows: 10)
        try #require(tmux.waitFor("Enter to start") != nil, "\(tmux.screen())")
        try tmux.keys("Enter")
        try #require(tmux.waitFor("The chat desk needs 40 x 12") != nil, "\(tmux.screen())")
        try tmux.tmux(["resize-window", "-x", "60", "-y", "16"])
        // The whole desk, its reply box last: a screen caught while the terminal is still being written to may
        // hold the tabs and not yet the box.
        let desk = try #require(tmux.waitFor("Reply: "), "\(tmux.screen())")
        #expect(desk.contains("[1 "))
        try tmux.keys("Escape")
        try tmux.keys("Escape")
        try #require(tmux.waitFor("r again with other details") != nil)
    }
}

@Suite("typebar chat --list and --check")
struct ChatCommandTests {
    @Test("--list shows at least 12 scenarios; --json carries their settings")
    func list() throws {
        let text = try typebar(["chat", "--list"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("warm-up-double-charge"))
        #expect(text.stdout.contains("monday-rush"))
        let json = try typebar(["chat", "--list", "--json"])
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(entries.count >= 12)
        #expect(entries.first?["customers"] as? Int == 2)
        #expect(entries.contains { $0["chats"] as? Int == 4 })
    }

    @Test("--check prints the scenario as drawn; the same seed draws the same, another seed other details")
    func check() throws {
        let first = try typebar(["chat", "--check", "late-parcels", "--seed", "9", "--json"])
        let again = try typebar(["chat", "--check", "late-parcels", "--seed", "9", "--json"])
        let other = try typebar(["chat", "--check", "late-parcels", "--seed", "10", "--json"])
        #expect(first.status == 0)
        #expect(first.stdout == again.stdout)
        #expect(first.stdout != other.stdout)
        let object = try jsonObject(first.stdout)
        #expect((object["customers"] as? [Any])?.count == 3)
    }

    @Test("--check --json of a desk scenario carries the profile, the question, the choices' points, the action and the reactions; --list marks desk scenarios")
    func checkDesk() throws {
        let run = try typebar(["chat", "--check", "desk-which-order", "--seed", "4", "--json"])
        #expect(run.status == 0)
        let customers = try #require(try jsonObject(run.stdout)["customers"] as? [[String: Any]])
        let first = customers[0]
        let details = try #require(first["details"] as? [String: String])
        let orders = try #require((first["profile"] as? [String: Any])?["orders"] as? [[String: Any]])
        // "My order" is the second on the profile, which the answer to the question names.
        #expect(orders.count == 2 && orders[1]["number"] as? String == details["order"])
        #expect(first["close"] as? String == "shipping")
        let turn = try #require((first["turns"] as? [[String: Any]])?.first)
        let clarify = try #require(turn["clarify"] as? [String: Any])
        #expect(clarify["macro"] as? String == "which" && clarify["guess_points"] as? Int == 3)
        #expect(turn["macro"] as? String == "transit" && turn["points"] as? Int == 10)
        #expect((turn["reply"] as? String)?.contains(details["order"] ?? "?") == true)
        let corrections = try #require((turn["reactions"] as? [String: Any])?["detail"] as? [String: String])
        #expect(corrections["order"] == "Hang on, that's not the plant pots. Their order number is \(details["order"] ?? "").")
        let big = try jsonObject(try typebar(["chat", "--check", "desk-big-refund", "--seed", "4", "--json"]).stdout)
        let angry = try #require((big["customers"] as? [[String: Any]])?.first)
        let action = try #require((angry["turns"] as? [[String: Any]])?.last?["action"] as? [String: Any])
        let angryDetails = try #require(angry["details"] as? [String: String])
        #expect(action["escalate"] as? String == "billing")
        #expect(action["note"] as? [String: String] == ["order": angryDetails["order"] ?? "", "amount": angryDetails["amount"] ?? ""])
        let text = try typebar(["chat", "--check", "desk-big-refund", "--seed", "4"])
        #expect(text.stdout.contains("then:     escalate to billing, the note holding order number \(angryDetails["order"] ?? "") and amount \(angryDetails["amount"] ?? "")"))
        let list = try #require(try JSONSerialization.jsonObject(with: Data(try typebar(["chat", "--list", "--json"]).stdout.utf8)) as? [[String: Any]])
        #expect(list.filter { $0["desk"] as? Bool == true }.count >= 10)
        #expect(list.first?["desk"] as? Bool == false)
    }

    @Test("A damaged scenario file: FILE:LINE: field, value and allowed range; exit 2")
    func damaged() throws {
        let scratch = Scratch()
        let path = scratch.write("bad.yaml", chatScenario.replacingOccurrences(of: "delay: 1", with: "delay: 9000"))
        let run = try typebar(["chat", "--check", path])
        #expect(run.status == 2)
        #expect(run.stderr == "typebar: \(path):14: customer 1, turn 1: delay: must be a number of seconds before the customer's next message from 0 to 600, not \"9000\"\n")
        #expect(run.stdout.isEmpty)
        let played = try typebar(["chat", "--scenario-file", path])
        #expect(played.status == 2)
        #expect(played.stderr.contains(":14: customer 1, turn 1: delay"))
        let chats = try typebar(["chat", "--chats", "7"])
        #expect(chats.status == 2)
    }

    @Test("A damaged chat log is reported by file and line")
    func damagedLog() throws {
        let scratch = Scratch()
        let header = #"{"format":"typebar-keystrokes","version":1,"mode":"chat","chat_scenario":"warm-up-double-charge","chat_mode":"template","chat_seed":"3"}"#
        let good = scratch.write("good.jsonl", header + "\n" + #"{"t":100,"ch":"H"}"# + "\n" + #"{"t":200,"chat":"select","to":2}"# + "\n")
        let scored = try typebar(["score", "--keys", good, "--json"])
        #expect(scored.status == 1)
        let chat = try #require(try jsonObject(scored.stdout)["chat"] as? [String: Any])
        // Nobody answered: both customers leave after their patience, and that ends the shift.
        #expect(chat["ending"] as? String == "all_done")
        #expect(chat["abandoned"] as? Int == 2)
        for (line, problem) in [
            (#"{"t":200,"chat":"select","to":7}"#, "a select event needs \"to\", the chat number from 1 to 6"),
            (#"{"t":200,"chat":"jump"}"#, "unknown chat event \"jump\"; the events are tab, send, select, longest, leave, pick, search, escalate and close"),
            (#"{"t":200,"chat":"pick","query":"x"}"#, "the pick event needs \"reply\": text of 1 to 2000 characters at most, without control characters"),
            (#"{"t":200,"chat":"escalate","team":"billing","note":"a\u0007b"}"#, "the escalate event needs \"note\": text of 2000 characters at most, without control characters"),
            (#"{"t":99999999999,"chat":"send"}"#, "\"t\" must be a number of milliseconds from 0 to 86400000 (a day)"),
            (#"{"t":50,"chat":"send"}"#, "\"t\" goes backwards (50 after 100 on line 2); times never decrease"),
        ] {
            let bad = scratch.write("bad.jsonl", header + "\n" + #"{"t":100,"ch":"H"}"# + "\n" + line + "\n")
            let run = try typebar(["score", "--keys", bad])
            #expect(run.status == 2)
            #expect(run.stderr == "typebar: \(bad):3: \(problem)\n")
        }
        let badSeed = scratch.write("seed.jsonl", header.replacingOccurrences(of: #""chat_seed":"3""#, with: #""chat_seed":"x""#) + "\n")
        #expect(try typebar(["score", "--keys", badSeed]).stderr.contains(":1: the header's \"chat_seed\" must be a whole number"))
    }
}

@Suite("Chat assessments, end to end in tmux", .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct ChatAssessmentScreenTests {
    static let key = "trainer-key-0123456789abcdef"

    @Test("An assessment in chat mode: instructions, one shift, a signed FAIL verdict that verifies; a changed record does not")
    func signedAndVerified() throws {
        let tmux = try Tmux("true")
        tmux.scratch.write("two.yaml", chatScenario)
        tmux.scratch.write("typebar.key", Self.key + "\n")
        tmux.scratch.write("desk.yaml", """
            name: Desk round 1
            mode: chat
            scenario: two.yaml
            chat_mode: guided
            seed: 4
            max_first_response: 30
            max_abandoned: 0
            min_reply_accuracy: 90
            max_wrong_details: 0
            bar: 5
            instructions: |
              Answer both customers before they leave.
            """)
        let check = try typebar(["assess", "--config", tmux.scratch.url.appendingPathComponent("desk.yaml").path, "--check"])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("Desk round 1: chat desk, Two quick ones (guided, seed 4): first reply within 30 s"))
        try tmux.tmux(["respawn-pane", "-k", "cd \(tmux.scratch.url.path) && LANG=C.UTF-8 TYPEBAR_HISTORY=history.jsonl \(typebarBinary.path) assess --config desk.yaml --candidate 'Ana Ruiz' --key-file typebar.key; sleep 60"])
        try #require(tmux.waitFor("Answer both customers before they leave.") != nil, "no instructions: \(tmux.screen())")
        #expect(tmux.screen().contains("Desk round 1 · Ana Ruiz · attempt 1 of 1"))
        try tmux.keys("Enter")
        try #require(tmux.waitFor("Ana: Order #123 is late.") != nil, "\(tmux.screen())")
        try tmux.type("Hi Ana, order #123 ships today.")
        Thread.sleep(forTimeInterval: 1.1)
        try tmux.keys("Enter")
        try #require(tmux.waitFor("Ana: Thanks") != nil, "\(tmux.screen())")
        try tmux.type("Bye Ana")
        try tmux.keys("Enter")
        let results = try #require(tmux.waitFor("q finish", seconds: 20), "no results: \(tmux.screen())")
        #expect(results.contains("FAIL: 1/2 served"), "\(results)")
        #expect(results.contains("(signed)"))
        try tmux.type("q")

        let history = tmux.scratch.url.appendingPathComponent("history.jsonl").path
        let keyFile = tmux.scratch.url.appendingPathComponent("typebar.key").path
        let record = try jsonObject(try typebar(["history", "--json", "--history", history]).stdout)
        #expect(record["mode"] as? String == "chat")
        #expect(record["candidate"] as? String == "Ana Ruiz")
        #expect(record["assessment"] as? String == "Desk round 1")
        #expect(record["attempt"] as? Int == 1)
        #expect(record["signature"] as? String != nil)
        let clean = try typebar(["verify", "--history", history, "--key-file", keyFile])
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
        #expect(clean.stdout.contains("no problems; signatures: 1 valid"))
        // The report has the chat figures in its tables.
        let markdown = try typebar(["report", "--format", "md", "--history", history, "--key-file", keyFile])
        #expect(markdown.stdout.contains("Rules: chat scenario ") && markdown.stdout.contains(" in guided mode, seed 4, "), "\(markdown.stdout)\(markdown.stderr)")
        #expect(markdown.stdout.contains("first reply within 30 s"))
        #expect(markdown.stdout.contains("| Ana Ruiz | 1 | 1/2 | 1 |"), "\(markdown.stdout)")
        #expect(markdown.stdout.contains("- Ana Ruiz, best attempt (1) missed: 1 customer left unanswered (target: nobody left unanswered)."))
        let report = try jsonObject(try typebar(["report", "--format", "json", "--history", history]).stdout)
        let sections = try #require(report["assessments"] as? [[String: Any]])
        let candidates = try #require(sections.first?["candidates"] as? [[String: Any]])
        let best = try #require(candidates.first?["best"] as? [String: Any])
        #expect((best["chat"] as? [String: Any])?["abandoned"] as? Int == 1)
        let html = try typebar(["report", "--format", "html", "--history", history])
        #expect(html.stdout.contains("<table class=\"figures chat\">"))
        // The shift as it was played, replayed from its signed log: both conversations, Ben's unanswered.
        #expect(markdown.stdout.contains("- 0:00 *Ana*: Order #123 is late.\n- 0:"), "\(markdown.stdout)")
        #expect(markdown.stdout.contains(" *Candidate*: Hi Ana, order #123 ships today.\n- 0:"))
        #expect(markdown.stdout.contains(" *Candidate*: Bye Ana\n"))
        #expect(markdown.stdout.contains("**Ben**: left unanswered, rated "))
        #expect(html.stdout.contains(#"<span class="speaker">Candidate</span> <span class="text">Hi Ana, order #123 ships today.</span>"#))
        // A changed figure breaks the signature.
        let text = try String(contentsOfFile: history, encoding: .utf8)
        try text.replacingOccurrences(of: "\"served\":1", with: "\"served\":2").write(toFile: history, atomically: true, encoding: .utf8)
        let tampered = try typebar(["verify", "--history", history, "--key-file", keyFile])
        #expect(tampered.status == 1)
        #expect(tampered.stdout.contains("content changed"))
        // The attempts are used up.
        let again = try typebar(["assess", "--config", tmux.scratch.url.appendingPathComponent("desk.yaml").path, "--candidate", "Ana Ruiz", "--history", history])
        #expect(again.status == 2)
        #expect(again.stderr.contains("has already taken Desk round 1 1 time"))
    }

    @Test("A damaged chat assessment config: FILE:LINE and the allowed range")
    func damagedConfig() throws {
        let scratch = Scratch()
        let path = scratch.write("desk.yaml", "name: D\nmode: chat\nscenario: late-parcels\nmax_first_response: 2\n")
        let run = try typebar(["assess", "--config", path, "--check"])
        #expect(run.status == 2)
        #expect(run.stderr == "typebar: \(path):4: assessment: max_first_response: must be a number of seconds from 5 to 600, not \"2\"\n")
        let unknown = scratch.write("desk2.yaml", "name: D\nmode: chat\nscenario: late-parcel\n")
        let missing = try typebar(["assess", "--config", unknown, "--check"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("\(unknown):3: assessment: scenario: no built-in scenario \"late-parcel\" (did you mean late-parcels?)"))
    }
}
