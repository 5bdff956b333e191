import Foundation
import Testing

/// Options that state their ranges, files that are not overwritten, ids found by their start, history columns
/// that say which rule failed, verify's counts, and passage folders where lint and the loader agree.
@Suite("Options, history and passages as a newcomer meets them")
struct PolishCommandTests {
    let scratch = Scratch()

    @Test("Each number option states its range; a fraction for --min-accuracy is refused like in configs", arguments: [
        (["score", "--typed", "T", "--seconds", "10", "--text", "T", "--min-accuracy", "0.95"], "--min-accuracy is a percentage like 95, not a fraction like 0.95"),
        (["score", "--typed", "T", "--seconds", "10", "--text", "T", "--bar", "-5"], "--bar must be a number of net WPM from 0 to 300; -5 is outside it."),
        (["score", "--typed", "T", "--seconds", "10", "--text", "T", "--bar", "1e300"], "--bar must be a number of net WPM from 0 to 300; 1e+300 is outside it."),
        (["score", "--typed", "T", "--seconds", "0.5", "--text", "T"], "--seconds must be a number of seconds from 1 to 604800; 0.5 is outside it."),
        (["practice", "--min-accuracy", "0.9"], "--min-accuracy is a percentage like 95, not a fraction like 0.90"),
        (["test", "--bar", "-1"], "--bar must be a number of net WPM from 0 to 300; -1 is outside it."),
        (["replay", "abc", "--speed", "1e300"], "--speed must be a speed from 0.1 to 1000 times real time"),
        (["replay", "abc", "--speed", "0"], "--speed must be a speed from 0.1 to 1000 times real time; 0 is outside it."),
    ])
    func ranges(arguments: [String], message: String) throws {
        let text = scratch.write("t.txt", "Hi Sam, your label is attached.")
        let run = try typebar(arguments.map { $0 == "T" ? text : $0 })
        #expect(run.status == 2)
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(!run.stderr.contains("Missing value"))
    }

    @Test("--record refuses a file that exists unless --force")
    func recordRefusesExisting() throws {
        let kept = scratch.write("someone.jsonl", "{\"format\":\"typebar-keystrokes\",\"version\":1}\n")
        let run = try typebar(["practice", "--record", kept])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--record \(kept): the file exists and may hold someone's keystrokes; give a new name, or add --force to replace it"))
        #expect(try String(contentsOfFile: kept, encoding: .utf8).hasPrefix("{\"format\""))
        // With --force the file is no obstacle: what stops this run is only that it has no terminal.
        let forced = try typebar(["practice", "--record", kept, "--force"])
        #expect(forced.stderr.contains("needs a terminal"))
    }

    /// Two results kept with their logs, via `score --save`.
    func history() throws -> String {
        let history = scratch.url.appendingPathComponent("h.jsonl").path
        let text = "Hi Sam, your label is attached and ready."
        for pace in [150.0, 400] {
            let log = scratch.write("log-\(Int(pace)).jsonl", cleanLog(text, interval: pace))
            let run = try typebar(["score", "--keys", log, "--save", "--history", history])
            #expect(run.status <= 1, "\(run.stderr)")
        }
        return history
    }

    @Test("score --save on a damaged log names the user's file (or standard input), not the copy it scores")
    func saveNamesTheLog() throws {
        let log = scratch.write("damaged.jsonl", #"{"format":"typebar-keystrokes","version":1,"text":"ab"}"# + "\n" + #"{"t":900,"ch":"a"}"# + "\n" + #"{"t":100,"ch":"b"}"# + "\n")
        let history = scratch.url.appendingPathComponent("h.jsonl").path
        let run = try typebar(["score", "--keys", log, "--save", "--history", history])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("typebar: \(log):3: \"t\" goes backwards"), "\(run.stderr)")
        let piped = try typebar(["score", "--keys", "-", "--save", "--history", history], input: try String(contentsOfFile: log, encoding: .utf8))
        #expect(piped.stderr.hasPrefix("typebar: <stdin>:3: "), "\(piped.stderr)")
    }

    @Test("replay finds a result by the start of its short id, and says when a start is ambiguous")
    func replayPrefix() throws {
        let history = try history()
        let listed = try typebar(["history", "--history", history])
        let shortID = try #require(listed.stdout.split(separator: "\n").dropFirst().first?.split(separator: " ").first)
        let found = try typebar(["replay", String(shortID.prefix(5)), "--history", history])
        // Found: what stops it is only that the test has no terminal.
        #expect(found.stderr.contains("typebar replay needs a terminal"), "\(found.stderr)")
        let ambiguous = try typebar(["replay", "20", "--history", history])
        #expect(ambiguous.status == 2)
        #expect(ambiguous.stderr.contains("2 records in \(history) match \"20\""), "\(ambiguous.stderr)")
        #expect(ambiguous.stderr.contains("give more of the id"))
    }

    @Test("history's BAR column names the rule that failed, and at 40 columns whole columns give way")
    func historyColumns() throws {
        let history = try history()
        let wide = try typebar(["history", "--history", history], environment: ["COLUMNS": "100"])
        let rows = wide.stdout.split(separator: "\n")
        // 41 characters at 150 ms (jittered) is well over 40 WPM; at 400 ms it is under 40: speed, not accuracy.
        #expect(rows[1].contains("meets 40"))
        #expect(rows[2].contains("speed<40"), "\(wide.stdout)")
        #expect(!rows[2].contains("acc<"))
        let narrow = try typebar(["history", "--history", history], environment: ["COLUMNS": "40"])
        let lines = narrow.stdout.split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 40 }, "\(narrow.stdout)")
        // The closing sentence wraps at words.
        #expect(lines.suffix(3).joined(separator: " ") == "2 results · typebar stats shows your progress · typebar replay ID plays one back")
        #expect(lines.first?.hasPrefix("ID") == true && lines.first?.contains("BAR") == true)
        #expect(lines.first?.contains("WHEN") == false)
    }

    @Test("verify counts records, not problems, and prints whole numbers whole")
    func verifyCounts() throws {
        let history = try history()
        var lines = try String(contentsOfFile: history, encoding: .utf8).split(separator: "\n").map(String.init)
        // One record changed in two figures: one record with problems, its counts shown as integers.
        lines[0] = lines[0].replacingOccurrences(of: "\"uncorrected_errors\":0", with: "\"uncorrected_errors\":2")
            .replacingOccurrences(of: "\"word_errors\":0", with: "\"word_errors\":1")
        try (lines.joined(separator: "\n") + "\n").write(toFile: history, atomically: true, encoding: .utf8)
        let run = try typebar(["verify", "--history", history])
        #expect(run.status == 1)
        #expect(run.stdout.contains("uncorrected_errors 2 → 0"), "\(run.stdout)")
        #expect(run.stdout.contains("word_errors 1 → 0"))
        #expect(run.stdout.contains("checked 2 records in \(history): 1 with problems"), "\(run.stdout)")
    }

    @Test("In a passages folder lint and the loader agree: symlinks out, files too deep, too short, CR LF, emoji sequences")
    func passagesFolder() throws {
        let dir = scratch.url.appendingPathComponent("lib")
        scratch.write("lib/ok/fine.txt", "Hi Ana, thanks for your patience while I check this.\n")
        scratch.write("lib/ok/short.txt", "Hi Ana.\n")
        scratch.write("lib/ok/windows.txt", "Hi Ana, this file was saved on Windows.\r\nIt has two lines of text.\r\n")
        scratch.write("lib/ok/thumbs.txt", "Hi Ana, all done now \u{1F44D}\u{1F3FD} have a lovely day.\n")
        scratch.write("lib/ok/sub/nested.txt", "Hi Ana, this file sits one folder too deep to load.\n")
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("ok/passwd.txt").path, withDestinationPath: "/etc/passwd")
        let lint = try typebar(["passages", "lint", dir.path])
        #expect(lint.status == 1)
        let out = lint.stdout.replacingOccurrences(of: dir.path + "/", with: "")
        for line in [
            "ok/passwd.txt:1: a symlink to /etc/passwd, outside the passages folder; copy the file in instead",
            "ok/sub/nested.txt:1: too deep: passages sit at <category>/<slug>.txt",
            "ok/short.txt:1: too short to score: 7 characters",
            "ok/windows.txt:1: Windows line ending (CR LF); save with LF line endings (typebar passages lint --fix does this)",
            "ok/thumbs.txt:1:22: '\u{1F44D}\u{1F3FD}' (U+1F44D THUMBS UP SIGN, U+1F3FD EMOJI MODIFIER FITZPATRICK TYPE-4) is one character on screen but 2 to type",
        ] {
            #expect(out.contains(line), "missing: \(line)\n--- got ---\n\(out)")
        }
        #expect(!out.contains("control character"))
        // The loader skips what lint refuses, in the same words; the clean passage still loads.
        let list = try typebar(["passages", "list", "--category", "ok", "--passages", dir.path])
        #expect(list.stdout.contains("ok/fine"))
        for id in ["ok/passwd", "ok/short", "ok/thumbs", "ok/nested", "sub/nested"] { #expect(!list.stdout.contains(id + " ")) }
        let warnings = list.stderr.replacingOccurrences(of: dir.path + "/", with: "")
        #expect(warnings.contains("ok/passwd.txt: a symlink to /etc/passwd, outside the passages folder"), "\(warnings)")
        #expect(warnings.contains("ok/short.txt:1: too short to score: 7 characters"))
        #expect(warnings.contains("ok/thumbs.txt:1: '\u{1F44D}\u{1F3FD}'"))
        #expect(warnings.contains("ok/sub/nested.txt: too deep"))
        // --fix makes Windows line endings LF.
        _ = try typebar(["passages", "lint", "--fix", dir.path])
        let fixed = try String(contentsOfFile: dir.appendingPathComponent("ok/windows.txt").path, encoding: .utf8)
        #expect(fixed == "Hi Ana, this file was saved on Windows.\nIt has two lines of text.\n")
    }

    @Test("typebar --version, answered before the command line is parsed, prints what the parser prints")
    func versionFastPath() throws {
        let fast = try typebar(["--version"])
        let parsed = try typebar(["passages", "--version"])
        #expect(fast.status == 0 && parsed.status == 0)
        #expect(fast.stdout == parsed.stdout)
        #expect(fast.stdout.hasSuffix("\n") && fast.stdout.count > 1)
        #expect(fast.stderr.isEmpty)
    }
}
