import Foundation
import Testing
import TestSupport
import TypeBarCore
@testable import TypeBarKit
@testable import TypeBarReports

/// A shift of `oneRefundScenario(thanks: true)`: the first reply (as `first`) typed from 1 s at `interval` ms a key and sent a key later;
/// then, unless `leaving` (the shift ends there instead), the second typed from 150 ms after its message at 150 ms.
private func shift(first: String = "Hi Kim, the refund for #48213 is on its way.", interval: Double = 150, leaving: Double? = nil) throws -> ChatResult {
    var shift = ChatShift(scenario: try ScenarioFile.parse(oneRefundScenario(thanks: true), path: "one.yaml", id: "one-refund", canned: CannedReplies()).draw(seed: 1), mode: .guided)
    var time = 1000.0
    func type(_ text: String, every interval: Double) {
        for character in text {
            shift.apply(.type(character), at: time)
            time += interval
        }
        shift.apply(.send, at: time)
    }
    type(first, every: interval)
    if let leaving {
        shift.apply(.leave, at: leaving)
    } else {
        // The customer's next message comes 5 s after the reply.
        time += 5000 + 150
        type("Glad to help, Kim.", every: 150)
    }
    return shift.result()
}

private func record(_ result: ChatResult, _ candidate: String, attempt: Int, minutes: Double) -> HistoryRecord {
    var record = HistoryRecord(id: "20261118T11\(Int(minutes))00-\(candidate.lowercased())\(attempt)", time: ReportFixture.base + minutes * 60, chat: result,
                               seed: 1, scenarioName: "One refund")
    record.candidate = candidate
    record.assessment = "refund desk"
    record.configHash = "c0ffee"
    record.attempt = attempt
    record.attempts = 2
    return record
}

@Suite("Chat assessments in the report")
struct ChatReportTests {
    /// Ana serves her customer cleanly: 62 characters in 9.3 s of typing, (62 / 5) / (9.3 / 60) = 80.0 net WPM,
    /// first reply at 7.6 s, shown as 8 s (chat seconds are rounded up). Lee first leaves after one reply typed at 50 ms a key (240 net WPM, nobody served), then
    /// serves the customer with the order number's last two digits swapped: 2 errors in 62, 96.77 % accuracy,
    /// (12.4 − 2) / 0.155 = 67.09 net WPM, one wrong detail.
    static func report() throws -> AssessmentReport {
        let swapped = "Hi Kim, the refund for #48231 is on its way."
        let records = [
            record(try shift(), "Ana", attempt: 1, minutes: 0),
            record(try shift(interval: 50, leaving: 4000), "Lee", attempt: 1, minutes: 10),
            record(try shift(first: swapped), "Lee", attempt: 2, minutes: 20),
        ]
        return AssessmentReport(records: records, key: nil, generated: ReportFixture.base + 3600, sources: ["desk.jsonl"], duplicates: 0)
    }

    @Test("The best chat attempt is the one that served most, not the faster sliver of typing")
    func bestAttempt() throws {
        let lee = try #require(try Self.report().sections.first?.candidates.first { $0.name == "Lee" })
        #expect(lee.attempts.map(\.netWPM).map { formatDecimal($0, places: 1) } == ["240.0", "67.0"])
        #expect(lee.best.attempt == 2 && lee.latest.attempt == 2)
    }

    @Test("Markdown: a chat assessment's table has the chat figures, what the best attempt missed, and why each failed")
    func markdown() throws {
        let text = try Self.report().rendered(as: .md)
        let table = text.components(separatedBy: "\n").drop { !$0.hasPrefix("| Candidate") }
        #expect(Array(table) == [
            "| Candidate | Attempts | Served | Left unanswered | First reply (median) | First reply (worst) | Reply accuracy | Wrong details | Net WPM | Result | Missed | Flags | Signature |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- | --- |",
            "| Ana | 1 | 1/1 | 0 | 8 s | 8 s | 100.0 % | 0 | 80.0 | PASS |  |  | unsigned |",
            "| Lee | 2 | 1/1 | 0 | 8 s | 8 s | 96.7 % | 1 | 67.0 | FAIL | wrong details | left\\_early | unsigned |",
            "",
            "- Lee, best attempt (2) missed: 1 wrong detail sent (target: no wrong detail).",
            "",
            "Signature: *unsigned*: an attempt carries no signature.",
            "",
        ])
        // No typing columns, which would say 0 word errors beside 2 uncorrected.
        #expect(!text.contains("Best net WPM") && !text.contains("| Errors |"))
    }

    @Test("Every missed target in words, with the figure and the target")
    func missedWords() throws {
        let sliver = record(try shift(interval: 50, leaving: 4000), "Lee", attempt: 1, minutes: 10)
        #expect(AssessmentReport.missedTargets(of: sliver) == ["1 customer not served by the end of the shift (target: every customer)"])
        var nothing = record(try shift(first: "", leaving: 500), "Lee", attempt: 1, minutes: 10)
        #expect(AssessmentReport.missedTargets(of: nothing) == [
            "1 customer not served by the end of the shift (target: every customer)",
            "no reply sent (target: 95.0 % reply accuracy)",
            "net 0.0 WPM while typing (bar: 40)",
        ])
        nothing.chat?.missedTargets = ["first_response", "abandoned"]
        nothing.chat?.worstFirstResponse = 74.2
        nothing.chat?.abandoned = 2
        #expect(AssessmentReport.missedTargets(of: nothing) == [
            "worst first reply 75 s (target: within 60 s)", "2 customers left unanswered (target: nobody left unanswered)",
        ])
        // On the desk: judgement, satisfaction, actions and writing against the targets of the shift's mode.
        nothing.chat?.mode = "desk"
        nothing.chat?.missedTargets = ["judgement", "satisfaction", "actions"]
        nothing.chat?.judgement = 62.5
        nothing.chat?.satisfied = 50
        nothing.chat?.actionsExpected = 2
        nothing.chat?.actionsRight = 1
        #expect(AssessmentReport.missedTargets(of: nothing) == [
            "judgement 62 (target: at least \(formatDecimal(ChatTargets.standardJudgement, places: 0)))",
            "50 % of customers satisfied (target: \(formatDecimal(ChatTargets.standardSatisfaction, places: 0)) %)",
            "1 of 2 escalations and closes right (target: none missed or wrong)",
        ])
    }

    @Test("HTML: chat columns instead of typing ones, and each attempt's misses in words under its figures")
    func html() throws {
        let page = try Self.report().rendered(as: .html)
        #expect(page.contains(#"<th class="num">Served</th><th class="num">First reply (median)</th><th class="num">Reply accuracy</th><th class="num">Wrong details</th><th class="num">Net WPM</th><th>Result</th><th>Missed</th>"#))
        #expect(page.contains(#"<td class="num">1/1</td><td class="num">8 s</td><td class="num">96.7 %</td><td class="num">1</td><td class="num">67.0</td><td><span class="result fail">FAIL</span></td><td>wrong details</td>"#))
        #expect(page.contains(#"<p class="missed"><strong>Best and latest (attempt 2) missed:</strong> 1 wrong detail sent (target: no wrong detail).</p>"#))
        #expect(page.contains(#"<p class="missed"><strong>Best and latest (attempt 1)</strong> met every target.</p>"#))
        #expect(!page.contains("Word errors") && !page.contains("Uncorrected"))
    }
}
