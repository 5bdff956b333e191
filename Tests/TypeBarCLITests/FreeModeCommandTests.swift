import Foundation
import Testing

/// What a careless agent writes first (10 − 2 − 2 − 1 − 1 = 4), and a right goodbye (10).
let carelessReply = "Hi Lukas, calm down. I have refunded $81.49 for order #39051 and you will recieve the monney back."
let goodbye = "Thanks for chatting, Lukas. Have a lovely day!"

/// The scripted agent of docs/chat.md's example, in free mode: each reply typed at 50 ms a key, the second once
/// Lukas has written again, then his chat closed as billing.
func scriptedFreeLog() -> String {
    var log = ScriptedChatLog(mode: "free")
    log.send(carelessReply)           // 98 characters: sent at 5.9 s
    log.wait(milliseconds: 3000)      // Lukas writes again at 7.9 s
    log.send(goodbye)                 // 46 characters from 8.9 s: sent at 11.2 s
    log.close(tag: "billing", after: 500)
    return log.text
}

@Suite("Free mode from the command line")
struct FreeModeCommandTests {
    // By hand: first reply at 5.9 s, served at 11.2 s, the shift over when the chat is closed at 11.7 s. Waits 5.9
    // and 3.3 s (his "Thanks, bye!" at 7.9 s). 98 + 46 = 144 characters over 7.2 s of typing, 2 misspelt words as
    // the errors: net (144/5 − 2) / (7.2/60) = 223.33 WPM, gross 240; effective (144/5) / (11.7/60) = 147.69.
    // 19 + 8 words, 2 misspelt: 100 × (1 − 2/27) = 92.59 % spelt right. Writing 10 × (4 + 10)/2 = 70, the target
    // met; Lukas's 4 is under 7: 4/5. The reply accuracy misses the 95 % target by 2.5 (92.5 shown).
    @Test("A scripted free-mode log is rescored to the figures worked out by hand, every deduction named")
    func scripted() throws {
        let scratch = Scratch()
        let log = scratch.write("free.jsonl", scriptedFreeLog())
        let run = try typebar(["score", "--keys", log, "--json"])
        #expect(run.status == 1, "\(run.stderr)")
        let chat = try #require(try jsonObject(run.stdout)["chat"] as? [String: Any])
        #expect(chat["mode"] as? String == "free")
        #expect(chat["ending"] as? String == "all_done")
        #expect(chat["shift_seconds"] as? Double == 11.7)
        #expect(chat["served"] as? Int == 1)
        #expect(chat["first_response_seconds"] as? [Double] == [5.9])
        #expect(chat["handle_seconds"] as? [Double] == [11.2])
        #expect(abs((chat["average_wait_seconds"] as? Double ?? 0) - 4.6) < 1e-9)
        #expect(chat["typing_seconds"] as? Double == 7.2)
        #expect(abs((chat["net_wpm"] as? Double ?? 0) - 223.333_333_333_333) < 1e-6)
        #expect(abs((chat["effective_wpm"] as? Double ?? 0) - 147.692_307_692_307) < 1e-6)
        #expect(abs((chat["reply_accuracy"] as? Double ?? 0) - 100 * (1 - 2.0 / 27)) < 1e-9)
        #expect(chat["uncorrected_errors"] as? Int == 2)
        #expect(chat["writing"] as? Double == 70)
        #expect(chat["satisfaction"] as? Double == 4)
        #expect(chat["satisfied_percent"] as? Double == 100)
        #expect(chat["actions_expected"] as? Int == 1 && chat["actions_right"] as? Int == 1)
        #expect(chat["missed_targets"] as? [String] == ["reply_accuracy"])
        let customer = try #require((chat["customer_details"] as? [[String: Any]])?.first)
        #expect(customer["rating"] as? Int == 4)
        #expect(customer["reasons"] as? [String] == ["got a workable answer, not the best one"])
        let replies = try #require(chat["reply_details"] as? [[String: Any]])
        #expect(replies.map { $0["points"] as? Int } == [4, 10])
        #expect(replies.map { $0["rubric_points"] as? Int } == [4, 10])
        #expect(replies[0]["misspelt"] as? [String] == ["recieve", "monney"])
        let deductions = try #require(replies[0]["deductions"] as? [[String: Any]])
        #expect(deductions.map { $0["kind"] as? String } == ["missing_element", "dismissive", "misspelling", "misspelling"])
        #expect(deductions.map { $0["points"] as? Int } == [2, 2, 1, 1])
        #expect(deductions.map { $0["text"] as? String } == [
            "no next step (what happens and when)", "'calm down' is dismissive", "'recieve' misspelt", "'monney' misspelt",
        ])

        // The text gives the results screen's lines.
        let text = try typebar(["score", "--keys", log])
        #expect(text.stdout.contains("  · reply accuracy 92.5 %: 2.5 points under the 95 % target"), "\(text.stdout)")
        #expect(text.stdout.contains("Replies  2 sent · spelt right 92.5 % · 0 wrong details"))
        #expect(text.stdout.contains("Speed  223 net WPM while typing · 147 effective WPM"))
        #expect(text.stdout.contains("First reply  median 6 s · worst 6 s   Waits  average 5 s · worst 6 s"))
        #expect(text.stdout.contains("Writing  70 of 100 over 2 replies scored"))
        #expect(text.stdout.contains("Actions  1 of 1 expected right"))
        #expect(text.stdout.contains("  4/5 Lukas: got a workable answer, not the best one · served, first reply 6 s, handled in 12 s"))
        #expect(text.stdout.contains("  Lukas, turn 1: 4/10 · −2: no next step (what happens and when); −2: 'calm down' is dismissive; −1: 'recieve' misspelt; −1: 'monney' misspelt"))
        #expect(text.stdout.contains(#"    "Hi Lukas, calm down. I have refunded $81.49 for order #39051 and you will ‹recieve› the ‹monney› back.""#))
        #expect(text.stdout.contains("  Lukas, turn 2: 10/10 ✓"))
    }

    /// scripts/check-install.sh scores this example with the installed binary alone, to see its Hunspell at work.
    @Test("examples/free-monday-rush.jsonl is the scripted free-mode log, and scores with its two misspellings found")
    func example() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let example = root.appendingPathComponent("examples/free-monday-rush.jsonl")
        #expect(try String(contentsOf: example, encoding: .utf8) == scriptedFreeLog())
        let run = try typebar(["score", "--keys", example.path, "--json"])
        let replies = try #require((try jsonObject(run.stdout)["chat"] as? [String: Any])?["reply_details"] as? [[String: Any]])
        #expect(replies.first?["misspelt"] as? [String] == ["recieve", "monney"])
    }

    @Test("The dictionary TYPEBAR_DICTIONARY names is used; a missing one is a clear message and exit 2, before any screen")
    func dictionary() throws {
        let scratch = Scratch()
        let log = scratch.write("free.jsonl", scriptedFreeLog())
        // A copy of the dictionary under another name gives the same figures.
        for ext in ["aff", "dic"] {
            try FileManager.default.copyItem(atPath: "/usr/share/hunspell/en_US.\(ext)", toPath: scratch.url.appendingPathComponent("mine.\(ext)").path)
        }
        let mine = try typebar(["score", "--keys", log, "--json"], environment: ["TYPEBAR_DICTIONARY": scratch.url.appendingPathComponent("mine.dic").path])
        #expect(mine.status == 1, "\(mine.stderr)")
        #expect((try jsonObject(mine.stdout)["chat"] as? [String: Any])?["writing"] as? Double == 70)
        let missing = ["TYPEBAR_DICTIONARY": "/nowhere/en_XX.dic"]
        let message = "typebar: free-written replies are spell-checked with Hunspell's en_US dictionary, which is not installed (looked for /nowhere/en_XX.dic); install it (apt-get install hunspell-en-us) or point TYPEBAR_DICTIONARY at a .dic file\n"
        for arguments in [["score", "--keys", log], ["chat", "--mode", "free", "--seed", "1"], ["chat", "--scenario-file", scratch.write("s.yaml", freeScenario), "--mode", "free"]] {
            let run = try typebar(arguments, environment: missing)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stdout.isEmpty)
            #expect(run.stderr == message, "\(arguments): \(run.stderr)")
        }
        // Other modes never need a dictionary.
        let template = try typebar(["score", "--keys", scratch.write("t.jsonl", scriptedFreeLog().replacingOccurrences(of: #""chat_mode":"free""#, with: #""chat_mode":"template""#))], environment: missing)
        #expect(template.status == 1, "\(template.stderr)")
    }

    @Test("chat --check prints each turn's writing rubric as free mode applies it")
    func check() throws {
        let scratch = Scratch()
        let run = try typebar(["chat", "--check", scratch.write("s.yaml", freeScenario)])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("known words: Zendora"))
        #expect(run.stdout.contains("  writing:  must amount $81.49, order #39051 · answer refund|refunded|money back · should greeting, next_step · at least 4 words\n"), "\(run.stdout)")
        #expect(run.stdout.contains("  writing:  answer thanks|thank you|bye|goodbye|lovely day|great day|nice day|take care · should closing · at least 4 words\n"))
    }
}

/// Free mode in tmux: write the replies, read the rubric's marks on the results, and rescore the recorded log to
/// the same writing score and ratings; the history and stats show the writing.
@Suite("Free mode, end to end in tmux", .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct FreeModeScreenTests {
    @Test("Two written replies: the results mark the misspellings and name every deduction; the log rescores to them")
    func shift() throws {
        let tmux = try Tmux("true", columns: 160, rows: 40)
        tmux.scratch.write("free.yaml", freeScenario)
        try tmux.tmux(["respawn-pane", "-k", "cd \(tmux.scratch.url.path) && LANG=C.UTF-8 TYPEBAR_HISTORY=history.jsonl \(typebarBinary.path) chat --scenario-file free.yaml --mode free --seed 1 --record rec.jsonl; sleep 60"])
        try #require(tmux.waitFor("Press Enter to start") != nil, "no intro: \(tmux.screen())")
        #expect(tmux.screen().contains("Write each reply in your own words"))
        try tmux.keys("Enter")
        try #require(tmux.waitFor("Lukas: Where is my refund of $81.49 for order #39051?") != nil, "no message: \(tmux.screen())")
        try tmux.type(carelessReply)
        try tmux.keys("Enter")
        try #require(tmux.waitFor("Lukas: Thanks, bye!") != nil, "no second message: \(tmux.screen())")
        try tmux.type(goodbye)
        try tmux.keys("Enter")
        try #require(tmux.waitFor("Lukas is served") != nil, "not served: \(tmux.screen())")
        try tmux.keys("Escape")
        try tmux.keys("Escape")
        let results = try #require(tmux.waitFor("r again with other details", seconds: 10), "no results: \(tmux.screen())")
        #expect(results.contains("Writing  70 of 100 over 2 replies scored"), "\(results)")
        #expect(results.contains("4/5 Lukas: got a workable answer, not the best one"), "\(results)")
        #expect(results.contains("Lukas, turn 1: 4/10 · −2: no next step (what happens and when); −2: 'calm down' is dismissive; −1: 'recieve' misspelt;"), "\(results)")
        #expect(results.contains("will ‹recieve› the ‹monney› back."), "\(results)")
        #expect(results.contains("Lukas, turn 2: 10/10 ✓"), "\(results)")
        // The chat was never closed: the expected tag is missed.
        #expect(results.contains("Actions  0 of 1 expected right · Lukas: the chat was never closed"), "\(results)")
        // The misspelt words are drawn as errors.
        let coloured = try tmux.tmux(["capture-pane", "-p", "-e"])
        #expect(coloured.contains("\u{1B}[") && coloured.contains("‹recieve›"))

        let rescored = try typebar(["score", "--keys", tmux.scratch.url.appendingPathComponent("rec.jsonl").path, "--json"])
        let chat = try #require(try jsonObject(rescored.stdout)["chat"] as? [String: Any], "\(rescored.stderr)")
        #expect(chat["writing"] as? Double == 70)
        #expect((chat["customer_details"] as? [[String: Any]])?.map { $0["rating"] as? Int } == [4])
        #expect((chat["reply_details"] as? [[String: Any]])?.map { $0["points"] as? Int } == [4, 10])
        let net = try #require(chat["net_wpm"] as? Double)
        #expect(results.contains("Speed  \(Int(net)) net WPM while typing"), "\(results)")
        try tmux.type("q")

        let history = tmux.scratch.url.appendingPathComponent("history.jsonl").path
        let listed = try typebar(["history", "--history", history])
        #expect(listed.stdout.contains("DESK") && listed.stdout.contains("write 70"), "\(listed.stdout)")
        let stats = try typebar(["stats", "--history", history])
        #expect(stats.stdout.contains("writing        70 over the last free shift"), "\(stats.stdout)")
        #expect(stats.stdout.contains("satisfied      100 % over the last desk and free shift"), "\(stats.stdout)")
        let verified = try typebar(["verify", "--history", history])
        #expect(verified.status == 0, "\(verified.stdout)")
    }
}
