import Foundation
import Testing

/// Damaged and hostile files and options, run through the real binary under a 2 GiB address-space limit: every
/// run ends with 0, 1 or 2 (never a signal), and every 2 says why.
@Suite("Hostile input never crashes typebar")
struct HostileInputTests {
    let scratch = Scratch()
    static let header = #"{"format":"typebar-keystrokes","version":1,"text":"ab"}"#

    /// Runs typebar under `ulimit -v` (2 GiB), with standard output sent to `stdout` (a path) when given.
    func limited(_ arguments: [String], stdout: String? = nil) throws -> Run {
        let quoted = arguments.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let redirect = stdout.map { " > '\($0)'" } ?? ""
        let run = try typebar(["-c", "ulimit -v 2097152; exec '\(typebarBinary.path)' \(quoted)\(redirect)"], executable: URL(fileURLWithPath: "/bin/sh"))
        #expect([0, 1, 2].contains(run.status), "exit \(run.status) for \(arguments): \(run.stderr.prefix(300))")
        return run
    }

    @Test("A keystroke time beyond a week is refused with the line and the range", arguments: ["1e300", "1e18", "1e12", "604800001"])
    func hugeTime(_ time: String) throws {
        let log = scratch.write("t.jsonl", Self.header + "\n" + #"{"t":0,"ch":"a"}"# + "\n" + #"{"t":\#(time),"ch":"b"}"# + "\n")
        let run = try limited(["score", "--keys", log, "--json"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("t.jsonl:3: \"t\" is"))
        #expect(run.stderr.contains("from 0 to 604800000"))
        #expect(run.stdout.isEmpty)
    }

    @Test("A log a week long is scored in bounded memory, its timeline in wide samples")
    func weekLongLog() throws {
        let log = scratch.write("week.jsonl", Self.header + "\n" + #"{"t":0,"ch":"a"}"# + "\n" + #"{"t":604800000,"ch":"b"}"# + "\n")
        let run = try limited(["score", "--keys", log, "--json"])
        #expect(run.status == 1)
        let json = try jsonObject(run.stdout)
        let timeline = try #require(json["timeline"] as? [[String: Any]])
        #expect(timeline.count <= 3_600)
        #expect(json["timeline_step"] as? Double == 256)
    }

    @Test("A header time limit or --time-limit beyond an hour is refused")
    func hugeTimeLimit() throws {
        let log = scratch.write("limit.jsonl", #"{"format":"typebar-keystrokes","version":1,"text":"ab","time_limit":1e300}"# + "\n" + #"{"t":0,"ch":"a"}"# + "\n")
        let header = try limited(["score", "--keys", log])
        #expect(header.status == 2)
        #expect(header.stderr.contains("limit.jsonl:1: the header's \"time_limit\" is 1e+300"))
        let clean = scratch.write("clean.jsonl", Self.header + "\n" + #"{"t":0,"ch":"a"}"# + "\n" + #"{"t":1500,"ch":"b"}"# + "\n")
        for value in ["1e300", "3601", "nan", "-1"] {
            let option = try limited(["score", "--keys", clean, "--time-limit=\(value)"])
            #expect(option.status == 2)
            #expect(option.stderr.contains("--time-limit must be a number of seconds above 0 and at most 3600"), "\(value)")
        }
    }

    @Test("--seconds beyond a week is refused for finished text")
    func hugeSeconds() throws {
        let typed = scratch.write("typed.txt", "ab")
        let target = scratch.write("target.txt", "ab")
        let run = try limited(["score", "--typed", typed, "--text", target, "--seconds=1e300"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--seconds must be a number of seconds from 1 to 604800"))
    }

    @Test("A header holding a huge target text is refused quickly")
    func hugeHeader() throws {
        let text = String(repeating: "a", count: 17 << 20)
        let log = scratch.write("big.jsonl", #"{"format":"typebar-keystrokes","version":1,"text":"\#(text)"}"# + "\n" + #"{"t":0,"ch":"a"}"# + "\n")
        let run = try limited(["score", "--keys", log])
        #expect(run.status == 2)
        #expect(run.stderr.contains("big.jsonl:1: the header is 17 MiB"))
    }

    @Test("History lines with figures out of range are skipped as damaged by history, stats, verify and report")
    func damagedHistoryFigures() throws {
        let history = scratch.url.appendingPathComponent("history.jsonl").path
        let log = scratch.write("clean.jsonl", cleanLog("Hi Maria, thanks for waiting."))
        #expect(try typebar(["score", "--keys", log, "--save", "--history", history]).status == 0)
        let good = try String(contentsOfFile: history, encoding: .utf8).trimmingCharacters(in: .newlines)
        let hostile = [
            good.replacingOccurrences(of: #""mode":"score""#, with: #""mode":"test""#).replacingOccurrences(of: #""time_limit":null"#, with: #""time_limit":6.4e302"#),
            good.replacingOccurrences(of: #""net_wpm":"#, with: #""net_wpm":1e300,"x":"#),
            good.replacingOccurrences(of: #""accuracy":"#, with: #""accuracy":-1e300,"y":"#),
            good.replacingOccurrences(of: #""characters":"#, with: #""characters":-5,"z":"#),
            good.replacingOccurrences(of: #""timeline":["#, with: #""timeline":[1e300,"#),
        ]
        try (([good] + hostile).joined(separator: "\n") + "\n").write(toFile: history, atomically: true, encoding: .utf8)
        for command in [["history"], ["stats"], ["verify"], ["history", "--json"]] {
            let run = try limited(command + ["--history", history])
            #expect(run.status == 0, "\(command): \(run.stderr)")
            #expect(run.stderr.contains("skipped"), "\(command)")
        }
        let report = try limited(["report", "--format", "csv", history])
        #expect(report.status == 1)   // no assessment results, and nothing crashed
    }

    @Test("Writing to a full disk exits 2 with 'cannot write'", arguments: [["--json"], []])
    func fullDisk(_ extra: [String]) throws {
        let run = try limited(["score", "--keys", "examples/the-cat-sat.jsonl"] + extra, stdout: "/dev/full")
        #expect(run.status == 2)
        #expect(run.stderr.contains("typebar: cannot write standard output: No space left on device"))
    }

    @Test("history --csv and report to a full disk exit 2", arguments: [["history", "--csv"], ["history", "--json"]])
    func fullDiskHistory(_ command: [String]) throws {
        let history = scratch.url.appendingPathComponent("h.jsonl").path
        let log = scratch.write("clean.jsonl", cleanLog("Hi Maria, thanks for waiting."))
        #expect(try typebar(["score", "--keys", log, "--save", "--history", history]).status == 0)
        let run = try limited(command + ["--history", history], stdout: "/dev/full")
        #expect(run.status == 2)
        #expect(run.stderr.contains("cannot write"))
    }

    @Test("Hostile assessment configs are refused quickly with the file")
    func hostileConfigs() throws {
        var bomb = "name: bomb\nminutes: 1\nbar: 40\ncategories: [&a [x, x, x, x, x, x, x, x, x, x]"
        var previous = "a"
        for letter in "bcdefghij" {
            bomb += ", &\(letter) [" + Array(repeating: "*" + previous, count: 10).joined(separator: ", ") + "]"
            previous = String(letter)
        }
        bomb += "]\n"
        let files = [
            "bomb.yaml": bomb,
            "deep.yaml": "name: deep\nminutes: 1\nbar: 40\ninstructions: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n",
            "big.yaml": "name: big\nminutes: 1\nbar: 40\ninstructions: \"" + String(repeating: "x", count: 30 << 20) + "\"\n",
        ]
        for (name, text) in files {
            let path = scratch.write(name, text)
            let started = Date()
            let run = try limited(["assess", "--config", path, "--check"])
            #expect(run.status == 2, "\(name)")
            #expect(run.stderr.contains(name), "\(name): \(run.stderr.prefix(200))")
            #expect(Date().timeIntervalSince(started) < 10, "\(name)")
        }
        let binary = scratch.url.appendingPathComponent("binary.yaml")
        try Data((0..<25_600).map { UInt8($0 % 256) }).write(to: binary)
        let run = try limited(["assess", "--config", binary.path, "--check"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("binary.yaml: not UTF-8 text"))
    }

    @Test("A passages folder with a link to /dev/zero or a huge file is read without hanging")
    func hostilePassages() throws {
        let folder = scratch.url.appendingPathComponent("passages")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("billing"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("billing/zero.txt").path, withDestinationPath: "/dev/zero")
        scratch.write("passages/billing/huge.txt", "---\ntitle: Huge\n---\n" + String(repeating: "word ", count: 3_000_000))
        let list = try limited(["passages", "list", "--passages", folder.path])
        #expect(list.status == 0)
        #expect(list.stderr.contains("zero.txt"))
        #expect(list.stderr.contains("huge.txt"))
        let lint = try limited(["passages", "lint", folder.path])
        #expect(lint.status == 1)
    }
}
