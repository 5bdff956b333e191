import Foundation
import Testing
import TypeBarKit
@testable import TypeBarStore

/// A desk shift on the shared refund scenario (`freeScenario`, played in desk mode): Lukas's refund sent with the
/// order number's last two digits swapped (#39015), then again right after his correction, then goodbye, and his
/// chat closed as billing. Each reply typed at 50 ms a key.
func deskRefundLog() -> String {
    var log = ScriptedChatLog(mode: "desk")
    log.send("Hi Lukas, I have refunded $81.49 for order #39015. It will show on your card in 3 to 5 working days.")
    log.wait(milliseconds: 6000)  // his correction comes in the meantime
    log.send("Hi Lukas, I have refunded $81.49 for order #39051. It will show on your card in 3 to 5 working days.")
    log.wait(milliseconds: 6000)  // and his "Thanks, bye!"
    log.send("Thanks for chatting with us, Lukas. Have a lovely day!")
    log.close(tag: "billing", after: 500)
    return log.text
}

extension StoreTests {
    /// The report reads a chat attempt's keystroke log from the store (imported with its record), not from a file:
    /// the history and its `sessions/` folder are gone before the report is made.
    @Test func aReportFromTheStoreHoldsADeskAttemptsTranscript() throws {
        let scratch = Scratch()
        let (store, url) = try migratedStore(local: scratch.path("h.jsonl"))
        defer { store.close() }
        let history = scratch.path("machine/history.jsonl")
        let log = scratch.write("desk.jsonl", deskRefundLog())
        let saved = try typebar(["score", "--keys", log, "--save", "--history", history], history: history)
        #expect(saved.status == 1, "\(saved.stdout)\(saved.stderr)")  // the swapped digits miss the wrong-detail target
        // The kept shift as a candidate's attempt at an assessment, which is what reports list.
        let line = try String(contentsOfFile: history, encoding: .utf8)
        try (#"{"candidate":"Ana","assessment":"desk round","attempt":1,"# + line.dropFirst()).write(toFile: history, atomically: true, encoding: .utf8)
        let imported = try typebar(["store", "import", history], store: url, history: scratch.path("h.jsonl"))
        #expect(imported.status == 0 && imported.stdout.hasSuffix(": 1 added, 0 already in the store\n"), "\(imported.stdout)\(imported.stderr)")
        try FileManager.default.removeItem(atPath: scratch.path("machine"))

        let report = try typebar(["report", "--format", "md"], store: url, history: scratch.path("h.jsonl"))
        #expect(report.status == 0, "\(report.stderr)")
        let lines = report.stdout.components(separatedBy: "\n")
        #expect(lines.contains("#### Ana: best and latest attempt (1)"), "\(report.stdout)")
        #expect(lines.contains("- 0:00 *Lukas*: Where is my refund of $81.49 for order #39051?"), "\(report.stdout)")
        // 100 characters typed from 1 s at 50 ms a key: sent at 6 s, the order number marked with the one expected.
        #expect(lines.contains("- 0:06 *Candidate*: Hi Lukas, I have refunded $81.49 for order **#39015** (expected #39051). It will show on your card in 3 to 5 working days. — best, 10 points"), "\(report.stdout)")
        #expect(lines.contains("- 0:10 *Lukas*: That's not right: my order number is #39051."))
        #expect(lines.contains("- 0:17 *Candidate*: Hi Lukas, I have refunded $81.49 for order #39051. It will show on your card in 3 to 5 working days. — best, no points (a second try)"), "\(report.stdout)")
        #expect(lines.contains("- 0:26 *Action*: closed as billing — right"), "\(report.stdout)")
        #expect(!report.stdout.contains("The transcript is unavailable"))

        let json = try #require(try JSONSerialization.jsonObject(with: Data(try typebar(["report", "--format", "json"], store: url, history: scratch.path("h.jsonl")).stdout.utf8)) as? [String: Any])
        let best = try #require((((json["assessments"] as? [[String: Any]])?.first?["candidates"] as? [[String: Any]])?.first?["best"]) as? [String: Any])
        let transcript = try #require(best["transcript"] as? [String: Any])
        #expect(transcript["available"] as? Bool == true)
        let reply = try #require(((transcript["customers"] as? [[String: Any]])?.first?["messages"] as? [[String: Any]])?[1])
        #expect(reply["choice"] as? String == "best" && reply["points"] as? Int == 10)
        #expect(reply["mismatches"] as? [[String: String]] == [["detail": "order", "expected": "#39051", "sent": "#39015"]])
    }
}
