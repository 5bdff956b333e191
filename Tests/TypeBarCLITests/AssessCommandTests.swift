import Foundation
import Testing

/// `typebar assess` configs and presets, and the same rules applied by `typebar score` to a scripted log.
@Suite("typebar assess and score under an assessment's rules")
struct AssessCommandTests {
    @Test("--list-presets shows the three built-in assessments with their rules")
    func listPresets() throws {
        let run = try typebar(["assess", "--list-presets"])
        #expect(run.status == 0)
        #expect(run.stdout == """
            chat-40      3 min, 40 net WPM, 95.0 % accuracy, backspace allowed, 1 attempt
            chat-50      3 min, 50 net WPM, 95.0 % accuracy, backspace allowed, 1 attempt
            federal-40   5 min, 40 net WPM, at most 3 errors, backspace allowed, 1 attempt

            """)
    }

    @Test("A bad config is refused with its file, line and field, before any screen", arguments: [
        ("name: A\nminutes: 3\nbar: forty\n", ":3: assessment: bar: must be a number of net WPM from 1 to 300, not \"forty\""),
        ("name: A\nminute: 3\nbar: 40\n", ":2: assessment: unknown field \"minute\" (did you mean minutes?)"),
        ("minutes: 3\nbar: 40\n", ":1: assessment: no name; add a line like `name: Acme chat support, round 1`"),
        ("name: A\nminutes: 3\n", ":1: assessment: no bar; add a line like `bar: 40`"),
        ("name: A\nminutes: 3\nseconds: 60\nbar: 40\n", ":3: assessment: seconds: give minutes or seconds, not both"),
        ("name: A\nminutes: 3\nbar: 40\nattempts: 0\n", ":4: assessment: attempts: must be a whole number of attempts from 1 to 20, not \"0\""),
        ("name: A\nminutes: 3\nbar: 40\nbackspace: maybe\n", ":4: assessment: backspace: must be true or false, not \"maybe\""),
        ("name: A\nminutes: 3\nbar: 40\nmin_accuracy: 0.95\n", ":4: assessment: min_accuracy: must be a percentage like 95, not a fraction like 0.95"),
        ("name: A\nminutes: 3\nbar: 40\npassages:\n  - billing/charged-twice\n  - billing/nope\n", ":6: assessment: passages: no passage \"billing/nope\""),
        ("name: A\nminutes: 3\nbar: 40\ncategories: [billing, shiping]\n", ":4: assessment: categories: no passages in category \"shiping\""),
        ("name: A\n  minutes: [3\n", ":2: not valid YAML"),
        ("{\"name\": \"A\",\n \"minutes\": 3,\n \"bar\": \"fast\"}\n", ":3: assessment: bar: must be a number"),
    ])
    func badConfig(config: String, message: String) throws {
        let scratch = Scratch()
        let path = scratch.write("assessment.yaml", config)
        let run = try typebar(["assess", "--config", path, "--candidate", "Ana Ruiz"])
        #expect(run.status == 2)
        #expect(run.stderr.contains(path + message), "stderr: \(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test("--check shows the rules, the config hash and the text; the same rules written differently hash the same")
    func check() throws {
        let scratch = Scratch()
        let yaml = scratch.write("a.yaml", "# round 1\nname: Acme\nminutes: 2\nbar: 45\nseed: 7\ninstructions: Type it.\n")
        let json = scratch.write("a.json", "{\"bar\": 45, \"name\": \"Acme\", \"seconds\": 120, \"seed\": 7, \"instructions\": \"Type it.\"}\n")
        let fromYAML = try typebar(["assess", "--config", yaml, "--check"])
        let fromJSON = try typebar(["assess", "--config", json, "--check"])
        #expect(fromYAML.status == 0)
        #expect(fromYAML.stdout.hasPrefix("Acme: 2 min, 45 net WPM, 95.0 % accuracy, backspace allowed, 1 attempt\n"))
        #expect(fromYAML.stdout.contains("config_sha256: "))
        #expect(fromYAML.stdout == fromJSON.stdout)
        let changed = scratch.write("b.yaml", "name: Acme\nminutes: 2\nbar: 46\nseed: 7\ninstructions: Type it.\n")
        let hash = { (text: String) in text.split(separator: "\n").first { $0.hasPrefix("config_sha256") } }
        #expect(hash(try typebar(["assess", "--config", changed, "--check"]).stdout) != hash(fromYAML.stdout))
        // The text is the same on every run: every candidate gets the same test.
        #expect(try typebar(["assess", "--config", yaml, "--print-text"]).stdout == typebar(["assess", "--config", yaml, "--print-text"]).stdout)
    }

    @Test("Without a terminal, assess says so after checking everything else")
    func noTerminal() throws {
        let run = try typebar(["assess", "--preset", "chat-40", "--candidate", "Ana"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("needs a terminal"))
        #expect(try typebar(["assess", "--preset", "chat-45", "--candidate", "Ana"]).stderr.contains("no preset \"chat-45\"; the presets are chat-40, chat-50, federal-40"))
        #expect(try typebar(["assess", "--preset", "chat-40"]).stderr.contains("--candidate NAME"))
        let shortKey = try typebar(["assess", "--preset", "chat-40", "--candidate", "Ana"], environment: ["TYPEBAR_SIGNING_KEY": "short"])
        #expect(shortKey.stderr.contains("TYPEBAR_SIGNING_KEY: the signing key is 5 bytes; use at least 16"))
    }

    /// The preset's text with characters replaced at `errors` positions in different words, typed evenly; the
    /// header holds the whole text, as a log recorded by `typebar assess` does.
    func presetLog(_ preset: String, characters: Int, errors: Int, headerText: Bool = true) throws -> String {
        let whole = String(try typebar(["assess", "--preset", preset, "--print-text"]).stdout.dropLast())
        var text = Array(whole)
        var position = 100
        for _ in 0..<errors {
            while text[position] == " " { position += 1 }
            text[position] = "#"
            position += 300
        }
        let log = cleanLog(String(text.prefix(characters)), headerText: false)
        guard headerText else { return log }
        let header = try JSONSerialization.data(withJSONObject: ["format": "typebar-keystrokes", "version": 1, "text": whole] as [String: Any])
        return String(decoding: header, as: UTF8.self) + log.drop { $0 != "\n" }
    }

    @Test("score --preset federal-40 applies its 5-minute limit and its limit of 3 errors to a scripted log")
    func federal() throws {
        let scratch = Scratch()
        // 150 ms a character on average: 2,001 characters by the 300 s limit (the first at 0 ms, one every 1.5 s per 10).
        let three = scratch.write("three.jsonl", try presetLog("federal-40", characters: 2100, errors: 3, headerText: false))
        let passed = try typebar(["score", "--preset", "federal-40", "--keys", three, "--json"])
        let json = try jsonObject(passed.stdout)
        #expect(passed.status == 0, "\(passed.stderr)")
        #expect(json["characters"] as? Int == 2001)
        #expect(json["elapsed_seconds"] as? Double == 300)
        #expect(json["word_errors"] as? Int == 3)
        // gross 2001 / 5 / 5 = 80.04; net 80.04 - 3 / 5 = 79.44
        #expect(abs((json["net_wpm"] as? Double ?? 0) - 79.44) < 1e-9)
        #expect(json["passed"] as? Bool == true)
        #expect(json["assessment"] as? String == "federal-40")
        #expect(json["max_errors"] as? Int == 3)

        let four = scratch.write("four.jsonl", try presetLog("federal-40", characters: 2100, errors: 4, headerText: false))
        let failed = try typebar(["score", "--preset", "federal-40", "--keys", four])
        #expect(failed.status == 1)
        #expect(failed.stdout.contains("Assessment federal-40 (5 min, 40 net WPM, at most 3 errors, backspace allowed, 1 attempt): FAIL: 79 net WPM, 99.8 % accuracy, 4 errors (4 errors is over the 3 allowed)"), "\(failed.stdout)")
    }

    @Test("score --preset chat-40 judges a log of its own text, and refuses a log typed against other text")
    func chat() throws {
        let scratch = Scratch()
        let log = scratch.write("chat.jsonl", try presetLog("chat-40", characters: 1300, errors: 0))
        let run = try typebar(["score", "--preset", "chat-40", "--keys", log, "--json"])
        let json = try jsonObject(run.stdout)
        #expect(run.status == 0)
        // 1,201 characters by the 180 s limit: 1201 / 5 / 3 = 80.0667 net WPM.
        #expect(json["characters"] as? Int == 1201)
        #expect(abs((json["net_wpm"] as? Double ?? 0) - 1201.0 / 15) < 1e-9)
        #expect(json["passed"] as? Bool == true)

        let other = try typebar(["score", "--preset", "chat-50", "--keys", log])
        #expect(other.status == 2)
        #expect(other.stderr.contains("is not the text of assessment chat-50"))

        // A config that forbids backspace refuses the corrections in a log, as the screen would.
        let text = String(try typebar(["assess", "--preset", "chat-40", "--print-text"]).stdout.prefix(40))
        var lines = cleanLog(text, headerText: false).split(separator: "\n").map(String.init)
        lines.insert(#"{"t":1000.5,"key":"backspace"}"#, at: 8)
        let corrected = scratch.write("corrected.jsonl", lines.joined(separator: "\n") + "\n")
        let config = scratch.write("strict.yaml", "name: strict\nminutes: 3\nbar: 1\nmin_accuracy: 0\nbackspace: false\nseed: 40\n")
        let strictRun = try typebar(["score", "--config", config, "--keys", corrected, "--json"])
        #expect(strictRun.status == 0, "\(strictRun.stderr)")
        let strict = try jsonObject(strictRun.stdout)
        #expect(strict["ignored_events"] as? Int == 1)
        #expect(strict["uncorrected_errors"] as? Int == 0)
    }
}
