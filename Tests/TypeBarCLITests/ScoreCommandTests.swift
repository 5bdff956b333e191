import Foundation
import Testing

@Suite("typebar score, end to end")
struct ScoreCommandTests {
    let scratch = Scratch()
    let text = "Hi Maria, thanks for waiting. Your refund of $24.99 is on its way."

    @Test("A fast, clean log meets the bar: exit 0 and a verdict")
    func meetsBar() throws {
        let log = scratch.write("fast.jsonl", cleanLog(text, interval: 150))
        let run = try typebar(["score", "--keys", log])
        #expect(run.status == 0)
        #expect(run.stdout.contains("Verdict: "))
        #expect(run.stdout.contains("meets the 40 WPM bar"))
        #expect(run.stderr.isEmpty)
    }

    @Test("A slow log is scored but below the bar: exit 1")
    func belowBar() throws {
        let log = scratch.write("slow.jsonl", cleanLog(text, interval: 400))
        let run = try typebar(["score", "--keys", log, "--json"])
        #expect(run.status == 1)
        let json = try jsonObject(run.stdout)
        #expect(json["meets_bar"] as? Bool == false)
        #expect((json["net_wpm"] as? Double ?? 100) < 40)
    }

    @Test("--bar and --min-accuracy move the bar")
    func customBar() throws {
        let log = scratch.write("slow.jsonl", cleanLog(text, interval: 400))
        let run = try typebar(["score", "--keys", log, "--bar", "20", "--min-accuracy", "99", "--json"])
        #expect(run.status == 0)
        let json = try jsonObject(run.stdout)
        #expect(json["bar_wpm"] as? Double == 20)
        #expect(json["min_accuracy"] as? Double == 99)
    }

    @Test("--json has every documented key")
    func jsonKeys() throws {
        let log = scratch.write("fast.jsonl", cleanLog(text))
        let json = try jsonObject(try typebar(["score", "--keys", log, "--json"]).stdout)
        for key in ["gross_wpm", "net_wpm", "accuracy", "keystroke_accuracy", "uncorrected_errors", "corrected_errors", "word_errors",
                    "characters", "elapsed_seconds", "kspc", "completed", "bar_wpm", "min_accuracy", "meets_bar", "flags"] {
            #expect(json[key] != nil, "missing \(key)")
        }
        #expect(json["completed"] as? Bool == true)
        #expect(json["characters"] as? Int == text.count)
    }

    @Test("The log can come on standard input")
    func standardInput() throws {
        let run = try typebar(["score", "--keys", "-", "--json"], input: cleanLog(text))
        #expect(run.status == 0)
        #expect(try jsonObject(run.stdout)["uncorrected_errors"] as? Int == 0)
    }

    @Test("--text overrides the header; --time-limit overrides the header's limit")
    func targetAndLimit() throws {
        let log = scratch.write("fast.jsonl", cleanLog(text, headerText: false))
        let target = scratch.write("target.txt", text + "\n")
        let run = try typebar(["score", "--keys", log, "--text", target, "--time-limit", "3", "--json"])
        let json = try jsonObject(run.stdout)
        #expect(json["elapsed_seconds"] as? Double == 3)
        #expect(json["completed"] as? Bool == false)
    }

    @Test("--passage scores against a built-in passage")
    func passageTarget() throws {
        let show = try typebar(["passages", "list", "--json", "--category", "greetings"])
        let first = try #require((try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [[String: Any]])?.first)
        let id = try #require(first["id"] as? String)
        let passageText = try typebar(["passages", "list", "--json"]).stdout
        #expect(passageText.contains(id))
        let log = scratch.write("p.jsonl", cleanLog("Hi", headerText: false) + #"{"t":5000,"ch":"x"}"# + "\n")
        let run = try typebar(["score", "--keys", log, "--passage", id, "--json"])
        #expect(run.status == 1)
        #expect(try jsonObject(run.stdout)["source"] as? String == "passage \(id)")
    }

    @Test("--typed scores finished text without keystroke figures")
    func typedOnly() throws {
        let typed = scratch.write("typed.txt", "Hi Maria, thanks for waitng.")
        let target = scratch.write("target.txt", text)
        let run = try typebar(["score", "--typed", typed, "--seconds", "6", "--text", target, "--json"])
        let json = try jsonObject(run.stdout)
        #expect(json["uncorrected_errors"] as? Int == 1)
        #expect(json["keystroke_accuracy"] is NSNull)
        #expect(json["kspc"] is NSNull)
        // 28 characters in 6 s: gross = 5.6 / 0.1 = 56; net = 56 - 10 = 46.
        #expect(abs((json["gross_wpm"] as? Double ?? 0) - 56) < 1e-9)
        #expect(abs((json["net_wpm"] as? Double ?? 0) - 46) < 1e-9)
        // accuracy = 1 - 1/max(28, 29) = 96.6 %: 46 WPM and 96.6 % meet the default bar, unfinished or not.
        #expect(run.status == 0)
    }

    @Test("Bad input exits 2 with FILE:LINE: on standard error", arguments: [
        (#"{"format":"typebar-keystrokes","version":1,"text":"ab"}"# + "\n" + #"{"t":0,"ch":"ab"}"#, ":2: \"ch\" holds 2 characters"),
        (#"{"format":"nope","version":1}"#, ":1: \"format\" is \"nope\""),
        ("", ":1: the log is empty"),
    ])
    func badInput(log: String, expected: String) throws {
        let path = scratch.write("bad.jsonl", log)
        let run = try typebar(["score", "--keys", path])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("typebar: \(path)\(expected)"), "got \(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test("Usage mistakes exit 2 too", arguments: [
        ["score"],
        ["score", "--keys", "a", "--typed", "b"],
        ["score", "--typed", "b", "--text", "c"],
        ["score", "--keys", "a", "--bar", "fast"],
        ["score", "--keys", "a", "--min-accuracy", "120"],
        ["score", "--nonsense"],
    ])
    func usage(arguments: [String]) throws {
        let run = try typebar(arguments)
        #expect(run.status == 2)
        #expect(!run.stderr.isEmpty)
    }

    @Test("A missing file and an unknown passage exit 2 with a clear message")
    func missing() throws {
        let run = try typebar(["score", "--keys", "/nonexistent/keys.jsonl"])
        #expect(run.status == 2)
        #expect(run.stderr == "typebar: /nonexistent/keys.jsonl: cannot read: No such file or directory\n")
        let log = scratch.write("fast.jsonl", cleanLog(text))
        let unknown = try typebar(["score", "--keys", log, "--passage", "billing/chargd-twice"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("did you mean billing/charged-twice"))
    }
}

@Suite("The README's examples")
struct ReadmeTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("The score example in the README prints what the README shows")
    func scoreExample() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let command = "swift run typebar score --keys examples/charged-twice-practice.jsonl\n```\n\n```\n"
        let start = try #require(readme.range(of: command)).upperBound
        let end = try #require(readme.range(of: "\n```", range: start..<readme.endIndex)).lowerBound
        let shown = String(readme[start..<end])
        let run = try typebar(["score", "--keys", "examples/charged-twice-practice.jsonl"], directory: Self.root)
        #expect(run.status == 0)
        #expect(run.stdout == shown + "\n")
    }

    @Test("The worked example of docs/scoring.md scores as the document says")
    func workedExample() throws {
        let run = try typebar(["score", "--keys", "examples/the-cat-sat.jsonl", "--json"], directory: Self.root)
        #expect(run.status == 1)
        let json = try jsonObject(run.stdout)
        #expect(json["gross_wpm"] as? Double == 55)
        #expect(json["net_wpm"] as? Double == 30)
        #expect(json["corrected_errors"] as? Int == 1)
        #expect(json["word_errors"] as? Int == 1)
        let doc = try String(contentsOf: Self.root.appendingPathComponent("docs/scoring.md"), encoding: .utf8)
        #expect(doc.contains(json["verdict"] as? String ?? "missing verdict"))
    }

    @Test("typebar without a terminal says to use typebar score, and exits 2")
    func noTerminal() throws {
        for arguments in [[], ["practice"], ["test", "--minutes", "2"]] {
            let run = try typebar(arguments)
            #expect(run.status == 2)
            #expect(run.stderr.contains("needs a terminal"))
            #expect(run.stderr.contains("typebar score --keys FILE"))
        }
        let help = try typebar(["--help"])
        #expect(help.status == 0)
        for command in ["practice", "test", "score", "passages"] { #expect(help.stdout.contains(command)) }
    }
}
