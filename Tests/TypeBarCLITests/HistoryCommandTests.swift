import Foundation
import Testing

/// `typebar score --save`, `history`, `stats` and `replay` run as a person or a script would.
@Suite("History commands, end to end")
struct HistoryCommandTests {
    static let reply = "Thanks Mia, the refund is on its way."

    /// Scores and saves `count` results into a fresh history in `scratch`; returns the history's path.
    func history(_ scratch: Scratch, count: Int, interval: Double = 150) throws -> String {
        let path = scratch.url.appendingPathComponent("h/history.jsonl").path
        for index in 0..<count {
            let log = scratch.write("log\(index).jsonl", cleanLog(Self.reply, interval: interval - Double(index) * 10))
            let run = try typebar(["score", "--keys", log, "--save", "--history", path])
            #expect(run.status == 0 || run.status == 1, "\(run.stderr)")
            #expect(run.stderr.contains("saved to \(path) as "))
        }
        return path
    }

    @Test("score --save keeps the result and a replayable copy of the log; history lists it as a table, JSON and CSV")
    func saveAndList() throws {
        let scratch = Scratch()
        let path = try history(scratch, count: 3)
        let table = try typebar(["history", "--history", path])
        #expect(table.status == 0)
        let lines = table.stdout.split(separator: "\n")
        #expect(lines.count == 5)
        #expect(lines[0].hasPrefix("ID        WHEN              MODE     NET   ACC%  ERR  BAR"))
        #expect(lines[1].contains("score") && lines[1].contains("100.0") && lines[1].contains("meets 40"))
        #expect(lines[4] == "3 results · typebar stats shows your progress · typebar replay ID plays one back")

        let json = try typebar(["history", "--json", "--last", "2", "--history", path])
        let records = try json.stdout.split(separator: "\n").map { try jsonObject(String($0)) }
        #expect(records.count == 2)
        let log = try #require(records.first?["log"] as? String)
        let saved = scratch.url.appendingPathComponent("h").appendingPathComponent(log).path
        let header = try #require(try String(contentsOfFile: saved, encoding: .utf8).split(separator: "\n").first)
        #expect(header.contains(#""text":"Thanks Mia, the refund is on its way.""#))
        let rescored = try typebar(["score", "--keys", saved, "--json"])
        #expect(try jsonObject(rescored.stdout)["net_wpm"] as? Double == records.first?["net_wpm"] as? Double)

        let csv = try typebar(["history", "--csv", "--history", path])
        let rows = csv.stdout.split(separator: "\n")
        #expect(rows.count == 4)
        #expect(rows[0].hasPrefix("id,time,mode,candidate,assessment,passages,time_limit,elapsed_seconds,net_wpm"))
        #expect(rows[1].split(separator: ",", omittingEmptySubsequences: false).count == rows[0].split(separator: ",").count)
    }

    @Test("Filters: mode, since, last; a bad date is refused")
    func filters() throws {
        let scratch = Scratch()
        let path = try history(scratch, count: 2)
        #expect(try typebar(["history", "--mode", "practice", "--history", path]).stdout.hasPrefix("No results in \(path) that match."))
        #expect(try typebar(["history", "--since", "2999-01-01", "--json", "--history", path]).stdout.isEmpty)
        #expect(try typebar(["history", "--since", "2000-01-01", "--json", "--history", path]).stdout.split(separator: "\n").count == 2)
        let bad = try typebar(["history", "--since", "last tuesday", "--history", path])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--since must be a day like 2026-11-23"))
    }

    @Test("stats after a few sessions shows form, the distance to 40 and 50, bests and a chart, plain when piped")
    func stats() throws {
        let scratch = Scratch()
        let path = try history(scratch, count: 4)
        let run = try typebar(["stats", "--history", path])
        #expect(run.status == 0)
        for expected in ["typebar stats · 4 sessions", "Recent form", "To 40 WPM", "To 50 WPM", "Dhakal et al., CHI 2018", "Personal bests",
                         "Net WPM over time, 4 sessions", "Accuracy over time", "slowest keys"] {
            #expect(run.stdout.contains(expected), "missing \(expected):\n\(run.stdout)")
        }
        #expect(!run.stdout.contains("\u{1B}["))
        let empty = try typebar(["stats", "--history", path + ".none"])
        #expect(empty.stdout.contains("no results yet"))
    }

    @Test("A damaged history still lists its good records, with a warning naming the lines")
    func damaged() throws {
        let scratch = Scratch()
        let path = try history(scratch, count: 2)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data("garbage\n{\"version\":1,\"id\":\"half".utf8))
        try handle.close()
        let run = try typebar(["history", "--json", "--history", path])
        #expect(run.status == 0)
        #expect(run.stdout.split(separator: "\n").count == 2)
        #expect(run.stderr.contains("skipped 2 damaged lines (lines 3, 4)"))
    }

    @Test("A full disk: the result is still printed, the record follows on standard error, and the exit is 2")
    func fullDisk() throws {
        let scratch = Scratch()
        let log = scratch.write("log.jsonl", cleanLog(Self.reply))
        let run = try typebar(["score", "--keys", log, "--save", "--history", "/dev/full"])
        #expect(run.status == 2)
        #expect(run.stdout.contains("Verdict: "))
        #expect(run.stderr.contains("cannot write /dev/full: No space left on device"))
        #expect(run.stderr.contains(#"{"version":1,"id":""#))
    }

    @Test("replay names what is wrong: an unknown id, no terminal")
    func replayErrors() throws {
        let scratch = Scratch()
        let path = try history(scratch, count: 1)
        let unknown = try typebar(["replay", "zzzz", "--history", path])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no record \"zzzz\" in \(path); typebar history lists the ids"))
        let id = try #require(try jsonObject(try typebar(["history", "--json", "--history", path]).stdout)["id"] as? String)
        let noTerminal = try typebar(["replay", String(id.suffix(8)), "--history", path])
        #expect(noTerminal.status == 2)
        #expect(noTerminal.stderr.contains("typebar replay needs a terminal; to see the figures without one, run: typebar score --keys "))
    }
}
