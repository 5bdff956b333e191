import Foundation
import Testing

/// A log of `text` typed cleanly, `slow` taking `slowMs` and every other key about 150 ms.
func slowKeyLog(_ text: String, slow: Character, slowMs: Double = 700) -> String {
    var lines = [#"{"format":"typebar-keystrokes","version":1,"text":"\#(text)"}"#]
    var time = 0.0
    let jitter: [Double] = [0.8, 1.3, 0.9, 1.1, 0.7, 1.2, 1.0, 1.4, 0.6, 1.0]
    for (index, character) in text.enumerated() {
        if index > 0 { time += character == slow ? slowMs : 150 * jitter[index % jitter.count] }
        lines.append(#"{"t":\#(time),"ch":"\#(character)"}"#)
    }
    return lines.joined(separator: "\n") + "\n"
}

@Suite("typebar drill --print")
struct DrillCommandTests {
    static let text = "Hi Bob, both bills are back on the board, but the bank will batch them before the builder is able to bring the rest about."

    /// A history of three sessions in which b is clearly the slowest key.
    func history(_ scratch: Scratch) throws -> String {
        let history = scratch.url.appendingPathComponent("history.jsonl").path
        for number in 1...3 {
            let log = scratch.write("log\(number).jsonl", slowKeyLog(Self.text, slow: "b"))
            let run = try typebar(["score", "--keys", log, "--save", "--history", history])
            #expect(run.status == 0, "\(run.stderr)")
        }
        return history
    }

    @Test("A history where b is clearly slowest: the focus is b, and at least 80 % of the words hold it")
    func focusOnSlowestKey() throws {
        let scratch = Scratch()
        let history = try history(scratch)
        let run = try typebar(["drill", "--print", "--json", "--seed", "5", "--words", "30", "--history", history])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try jsonObject(run.stdout)
        #expect(json["focus"] as? [String] == ["b"])
        #expect(json["target_wpm"] as? Double == 40)
        #expect(json["placement"] as? Bool == false)
        let words = try #require(json["words"] as? [[String: Any]])
        #expect(words.count == 30)
        let holding = words.filter { ($0["word"] as? String ?? "").contains("b") }.count
        #expect(holding >= 24)
        #expect(words.allSatisfy { ($0["why"] as? String ?? "").hasPrefix("holds the focus b") })
        let confidence = try #require(json["confidence"] as? [String: Any])
        let keys = try #require(confidence["keys"] as? [[String: Any]])
        let b = try #require(keys.first { $0["key"] as? String == "b" })
        #expect(b["status"] as? String == "weak")
        #expect((b["confidence"] as? Double ?? 9) < 0.5)
        #expect((b["smoothed_ms"] as? Double ?? 0) > 600)
        let read = try #require(json["history"] as? [String: Any])
        #expect(read["sessions_read"] as? Int == 3 && read["logs_read"] as? Int == 3)

        // The same seed gives the same drill; the text form shows the focus and each word's reason.
        let again = try typebar(["drill", "--print", "--json", "--seed", "5", "--words", "30", "--history", history])
        #expect(again.stdout == run.stdout)
        let text = try typebar(["drill", "--print", "--seed", "5", "--words", "5", "--history", history])
        #expect(text.stdout.hasPrefix("drill · focus b 0."))
        #expect(text.stdout.contains("  1  "))
    }

    @Test("No history: a placement drill")
    func placement() throws {
        let scratch = Scratch()
        let run = try typebar(["drill", "--print", "--json", "--seed", "1", "--history", scratch.url.appendingPathComponent("none.jsonl").path])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try jsonObject(run.stdout)
        #expect(json["placement"] as? Bool == true)
        #expect(json["focus"] is NSNull)
        let words = try #require(json["words"] as? [[String: Any]])
        #expect(words.count == 30)
        let letters = Set(words.compactMap { $0["word"] as? String }.joined())
        #expect(letters.isSuperset(of: Set("abcdefghijklmnopqrstuvwxyz")))
    }

    @Test("A details drill: every word a detail of a named kind")
    func details() throws {
        let scratch = Scratch()
        let run = try typebar(["drill", "--print", "--json", "--kind", "details", "--seed", "4", "--words", "16",
                               "--history", scratch.url.appendingPathComponent("none.jsonl").path])
        #expect(run.status == 0, "\(run.stderr)")
        let words = try #require(try jsonObject(run.stdout)["words"] as? [[String: Any]])
        #expect(words.count == 16)
        #expect(Set(words.compactMap { $0["detail"] as? String }).count == 8)
    }

    @Test("Bad options exit 2 with the reason", arguments: [
        (["--focus", ""], "--focus"), (["--focus", "a,,b"], "--focus"), (["--target", "0"], "--target"),
        (["--target", "nan"], "--target"), (["--minutes", "-1"], "--minutes"), (["--words", "0", "--print"], "--words"),
        (["--json"], "--print"), (["--kind", "numbers"], "kind"), (["--kind", "details", "--focus", "b"], "--focus"),
    ])
    func badOptions(arguments: [String], mentions: String) throws {
        let run = try typebar(["drill"] + arguments)
        #expect(run.status == 2)
        #expect(run.stderr.contains(mentions), "\(run.stderr)")
    }
}

@Suite("typebar stats --keys")
struct StatsKeysTests {
    @Test("--keys --json gives every key's and pair's smoothed time, error rate and confidence; the map shows the weak key")
    func keys() throws {
        let scratch = Scratch()
        let history = try DrillCommandTests().history(scratch)
        let run = try typebar(["stats", "--keys", "--json", "--history", history])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try jsonObject(run.stdout)
        let keys = try #require(json["keys"] as? [[String: Any]])
        let b = try #require(keys.first { $0["key"] as? String == "b" })
        #expect(b["status"] as? String == "weak")
        for field in ["smoothed_ms", "error_rate", "confidence", "typed", "sessions"] { #expect(b[field] != nil, "\(field)") }
        #expect((json["bigrams"] as? [[String: Any]])?.isEmpty == false)
        let map = try typebar(["stats", "--keys", "--history", history])
        #expect(map.stdout.contains("[b]"))
        #expect(map.stdout.contains("key      smoothed ms  errors %  confidence  status"))
        let plain = try typebar(["stats", "--history", history])
        #expect(plain.stdout.contains("Keys at 40 WPM"))
        #expect(try typebar(["stats", "--json", "--history", history]).status == 2)
    }
}
