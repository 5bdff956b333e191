import Foundation
import Testing

/// An assessment as a trainer runs it: in tmux, then verified and rescored, then tampered with.
@Suite("An assessment end to end in tmux, verified and tampered with", .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct AssessmentScreenTests {
    static let reply = "Hi Sam, your label is attached."
    static let key = "trainer-key-0123456789abcdef"

    /// A one-passage assessment with two attempts, a signing key, and the command that runs it for Ana Ruiz.
    func setUp(_ tmux: Tmux, attempts: Int = 2) -> String {
        tmux.scratch.write("lib/replies/label.txt", Self.reply + "\n")
        tmux.scratch.write("typebar.key", Self.key + "\n")
        tmux.scratch.write("round1.yaml", """
            name: Round 1
            seconds: 30
            passages_dir: lib
            passages: [replies/label]
            bar: 5
            min_accuracy: 80
            max_errors: 1
            attempts: \(attempts)
            instructions: |
              Welcome, and good luck.
              Type the reply exactly as shown.
            """)
        return "\(typebarBinary.path) assess --config round1.yaml --candidate 'Ana Ruiz' --key-file typebar.key"
    }

    func run(_ tmux: Tmux, _ command: String) throws {
        try tmux.tmux(["respawn-pane", "-k", "cd \(tmux.scratch.url.path) && LANG=C.UTF-8 TYPEBAR_HISTORY=history.jsonl \(command); echo EXIT=$?; sleep 60"])
    }

    /// Types the reply with one slip left in, over more than a second.
    func typeReply(_ tmux: Tmux) throws {
        try #require(tmux.waitFor("Enter: begin") != nil, "no instructions: \(tmux.screen())")
        try tmux.keys("Enter")
        try #require(tmux.waitFor("Starting in") != nil)
        try #require(tmux.waitFor("Round 1 · Ana Ruiz", seconds: 10) != nil, "no test after the countdown: \(tmux.screen())")
        try tmux.type("Hi Sam, your lable")
        Thread.sleep(forTimeInterval: 1.1)
        try tmux.type(" is attached.")
    }

    @Test("Typing on through the end of an attempt does not leave the verdict: 'then r' is ignored for a second")
    func verdictKeptWhileTyping() throws {
        let tmux = try Tmux("true")
        try run(tmux, setUp(tmux))
        try typeReply(tmux)
        try tmux.type(" then r")                         // the r must not begin attempt 2
        let settled = try #require(tmux.waitFor("r begin attempt 2 of 2 · q finish"), "no verdict: \(tmux.screen())")
        #expect(settled.contains("PASS"))
        Thread.sleep(forTimeInterval: 0.3)
        #expect(!tmux.screen().contains("Attempt 2 of 2"), "the verdict was typed away: \(tmux.screen())")
        try tmux.type("q")
        #expect(tmux.waitFor("EXIT=") != nil)
    }

    @Test("A second and a half of typing past the end, then r, keeps the verdict; after a pause, Enter begins the next attempt")
    func verdictKeptThroughLongTyping() throws {
        let tmux = try Tmux("true")
        try run(tmux, setUp(tmux))
        try typeReply(tmux)
        // A typist who has not looked up: a key every 60 ms or so for a second and a half, then r.
        let start = Date()
        // Typed until a second and a half has passed, however slow the machine is to deliver each key.
        var typed = 0
        let words = Array(" and then I kept on typing")
        while Date().timeIntervalSince(start) < 1.5 {
            try tmux.type(String(words[typed % words.count]))
            typed += 1
            Thread.sleep(forTimeInterval: 0.04)
        }
        #expect(typed >= 10)
        try tmux.type("r")
        Thread.sleep(forTimeInterval: 0.5)
        let kept = tmux.screen()
        #expect(kept.contains("PASS") && !kept.contains("Attempt 2 of 2"), "the verdict was typed away: \(kept)")
        // Quiet for a second, the verdict takes its keys: Enter is one.
        try #require(tmux.waitFor("Enter or r begin attempt 2 of 2 · q finish") != nil, "no keys: \(tmux.screen())")
        try tmux.keys("Enter")
        #expect(tmux.waitFor("Attempt 2 of 2") != nil, "Enter did not begin attempt 2: \(tmux.screen())")
        try tmux.keys("Escape")
        #expect(tmux.waitFor("EXIT=") != nil)
    }

    @Test("Instructions, countdown, test and verdict; the signed record verifies, rescores, and tampering is caught")
    func assessment() throws {
        let tmux = try Tmux("true")
        let command = setUp(tmux)
        try run(tmux, command)
        let intro = try #require(tmux.waitFor("Enter: begin"), "no instructions: \(tmux.screen())")
        #expect(intro.contains("Candidate: Ana Ruiz"))
        #expect(intro.contains("Attempt 1 of 2"))
        #expect(intro.contains("Rules: 30 s, 5 net WPM, 80.0 % accuracy, at most 1 error, backspace allowed,"))
        #expect(intro.contains("\n 2 attempts"))  // the rules wrap to the window
        #expect(intro.contains("Welcome, and good luck."))
        try typeReply(tmux)
        let verdict = try #require(tmux.waitFor("q finish"), "no verdict: \(tmux.screen())")
        #expect(verdict.contains("✓ PASS: every rule of the assessment is met"), "\(verdict)")
        #expect(verdict.contains("r begin attempt 2 of 2 · q finish"))
        #expect(verdict.contains("(signed)"))
        try tmux.type("q")
        let after = try #require(tmux.waitFor("EXIT="), "\(tmux.screen())")
        #expect(after.contains("EXIT=0"))
        #expect(after.contains("PASS: "))

        // The record: who, what, the rules' hash, the attempt, the signature and the log.
        let history = tmux.scratch.url.appendingPathComponent("history.jsonl").path
        let record = try jsonObject(try typebar(["history", "--json", "--history", history]).stdout)
        #expect(record["mode"] as? String == "assessment")
        #expect(record["candidate"] as? String == "Ana Ruiz")
        #expect(record["assessment"] as? String == "Round 1")
        #expect(record["attempt"] as? Int == 1)
        #expect(record["attempts"] as? Int == 2)
        #expect(record["max_errors"] as? Int == 1)
        #expect(record["word_errors"] as? Int == 1)
        #expect(record["meets_bar"] as? Bool == true)
        #expect((record["signature"] as? String)?.count == 64)
        let check = try typebar(["assess", "--config", tmux.scratch.url.appendingPathComponent("round1.yaml").path, "--check"])
        #expect(check.stdout.contains("config_sha256: \(record["config_sha256"] as? String ?? "?")"))

        // Rescoring the saved log under the same config gives the recorded figures.
        let log = tmux.scratch.url.appendingPathComponent(try #require(record["log"] as? String)).path
        let rescored = try jsonObject(try typebar(["score", "--config", tmux.scratch.url.appendingPathComponent("round1.yaml").path, "--keys", log, "--json"]).stdout)
        #expect(rescored["net_wpm"] as? Double == record["net_wpm"] as? Double)
        #expect(rescored["passed"] as? Bool == true)

        let keyFile = tmux.scratch.url.appendingPathComponent("typebar.key").path
        let clean = try typebar(["verify", "--history", history, "--key-file", keyFile])
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
        #expect(clean.stdout.contains("checked 1 record in \(history): no problems; signatures: 1 valid"))
        let noKey = try typebar(["verify", "--history", history])
        #expect(noKey.status == 0)
        #expect(noKey.stdout.contains("signatures not checked"))

        // A changed figure breaks the signature.
        let original = try String(contentsOfFile: history, encoding: .utf8)
        let raised = original.replacingOccurrences(of: #""net_wpm":[0-9.]+"#, with: #""net_wpm":250"#, options: .regularExpression)
        #expect(raised != original)
        try raised.write(toFile: history, atomically: true, encoding: .utf8)
        let tampered = try typebar(["verify", "--history", history, "--key-file", keyFile])
        #expect(tampered.status == 1)
        #expect(tampered.stdout.contains("Ana Ruiz: content changed: the signature does not match the record"), "\(tampered.stdout)")
        #expect(tampered.stdout.contains("keystroke log no longer rescores to the recorded figures (net_wpm"))

        // A record stripped of its signature is reported as unsigned.
        let signature = try #require(record["signature"] as? String)
        try original.replacingOccurrences(of: ",\"signature\":\"\(signature)\"", with: "").write(toFile: history, atomically: true, encoding: .utf8)
        let unsigned = try typebar(["verify", "--history", history, "--key-file", keyFile])
        #expect(unsigned.status == 1)
        #expect(unsigned.stdout.contains("signature missing"))

        // A changed keystroke log is caught, and so are the figures it now gives.
        try original.write(toFile: history, atomically: true, encoding: .utf8)
        let logText = try String(contentsOfFile: log, encoding: .utf8)
        try logText.replacingOccurrences(of: #""ch":"e"}"#, with: #""ch":"l"}"#).write(toFile: log, atomically: true, encoding: .utf8)
        let changedLog = try typebar(["verify", "--history", history, "--key-file", keyFile])
        #expect(changedLog.status == 1)
        #expect(changedLog.stdout.contains("keystroke log changed since the result was saved"))
        #expect(changedLog.stdout.contains("no longer rescores"))
        try FileManager.default.removeItem(atPath: log)
        #expect(try typebar(["verify", "--history", history, "--key-file", keyFile]).stdout.contains("keystroke log missing: no file at"))

        // With the wrong key, every signature fails.
        let wrong = try typebar(["verify", "--history", history], environment: ["TYPEBAR_SIGNING_KEY": "another-key-0123456789"])
        #expect(wrong.stdout.contains("content changed"))
    }

    @Test("Leaving takes Esc twice and the attempt counts; a used-up candidate is refused before any screen")
    func leaveEarly() throws {
        let tmux = try Tmux("true")
        let command = setUp(tmux, attempts: 1)
        try run(tmux, command)
        try #require(tmux.waitFor("Enter: begin") != nil)
        try tmux.keys("Tab")                      // nothing, before and during the test
        try tmux.keys("Enter")
        try #require(tmux.waitFor("Round 1 · Ana Ruiz", seconds: 10) != nil)
        try tmux.type("Hi Sam,")
        Thread.sleep(forTimeInterval: 1.1)
        try tmux.type(" your")
        try tmux.keys("Tab")
        try #require(tmux.waitFor("Tab does not restart an assessment") != nil, "\(tmux.screen())")
        try tmux.keys("Escape")
        try #require(tmux.waitFor("Esc again leaves: this attempt counts") != nil, "\(tmux.screen())")
        try tmux.keys("Escape")
        let verdict = try #require(tmux.waitFor("q finish"), "\(tmux.screen())")
        #expect(verdict.contains("NOT PASSED"))
        #expect(verdict.contains("flag left_early: left the test"))
        #expect(!verdict.contains("begin attempt 2"))
        try tmux.type("q")
        try #require(tmux.waitFor("EXIT=0") != nil, "\(tmux.screen())")

        let history = tmux.scratch.url.appendingPathComponent("history.jsonl").path
        let again = try typebar(["assess", "--config", tmux.scratch.url.appendingPathComponent("round1.yaml").path, "--candidate", "ana ruiz", "--history", history])
        #expect(again.status == 2)
        #expect(again.stderr.contains("ana ruiz has already taken Round 1 1 time (the rules allow 1;"), "\(again.stderr)")
        #expect(again.stderr.contains("Use --retake"))

        // The report reads the history (given twice: the record counts once) and says who passed.
        let copy = tmux.scratch.url.appendingPathComponent("copy.jsonl").path
        try FileManager.default.copyItem(atPath: history, toPath: copy)
        let json = try typebar(["report", "--format", "json", history, copy])
        #expect(json.status == 0, "\(json.stderr)")
        let report = try jsonObject(json.stdout)
        #expect(report["duplicates"] as? Int == 1)
        let section = try #require((report["assessments"] as? [[String: Any]])?.first)
        #expect(section["assessment"] as? String == "Round 1")
        let candidate = try #require((section["candidates"] as? [[String: Any]])?.first)
        #expect(candidate["candidate"] as? String == "Ana Ruiz")
        #expect(candidate["result"] as? String == "fail")
        #expect((candidate["flags"] as? [String])?.contains("left_early") == true)
        let html = tmux.scratch.url.appendingPathComponent("report.html").path
        let written = try typebar(["report", "--format", "html", "-o", html, "--history", history])
        #expect(written.status == 0)
        #expect(written.stderr.contains("wrote \(html): 1 assessment, 1 candidate"))
        #expect(try String(contentsOfFile: html, encoding: .utf8).contains("Ana Ruiz"))
        let none = try typebar(["report", "--format", "csv", "--candidate", "Nobody", history])
        #expect(none.status == 1)
        #expect(none.stderr.contains("no assessment results match"))
    }
}
