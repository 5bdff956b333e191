import Foundation
import Testing
@testable import TypeBarCore
import TypeBarKit
@testable import TypeBarReports

/// The HTML page byte for byte, against files kept beside this one (Golden/): the typing class of `ReportFixture`,
/// a chat-desk assessment, and a report with nothing in it. A change to the page's bytes fails here until the
/// golden file is rewritten on purpose: `TYPEBAR_WRITE_GOLDEN=1 swift test --filter GoldenReportTests`.
@Suite("Report pages byte for byte")
struct GoldenReportTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func check(_ text: String, against name: String) throws {
        let url = folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["TYPEBAR_WRITE_GOLDEN"] != nil {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let golden = try String(contentsOf: url, encoding: .utf8)
        #expect(text == golden, "\(name) differs from the page rendered now")
        if text != golden {
            let ours = text.split(separator: "\n", omittingEmptySubsequences: false)
            let theirs = golden.split(separator: "\n", omittingEmptySubsequences: false)
            if let first = zip(ours, theirs).enumerated().first(where: { $0.element.0 != $0.element.1 }) {
                Issue.record("first difference on line \(first.offset + 1):\n  now:    \(first.element.0)\n  golden: \(first.element.1)")
            }
        }
    }

    /// Two candidates on the chat desk, every attempt ended early: Lee twice (best and latest differ: two rows of
    /// chat figures, the best the attempt that served more though the other typed faster, a flag per attempt with
    /// its time, and what each missed), "Max & Co" once (one row, a one-second chart drawn as a single point).
    static var chatReport: AssessmentReport {
        get throws {
            let scenario = try ScenarioCatalog.builtIn("warm-up-double-charge").draw(seed: 3)
            func played(leaving: Double?) -> ChatResult {
                var shift = ChatShift(scenario: scenario, mode: .guided)
                var time = 2000.0
                for customer in scenario.customers {
                    for character in TargetText.normaliseWhitespace(customer.turns[0].reply.filled(with: customer.details)) {
                        shift.apply(.type(character), at: time)
                        time += 110
                    }
                    shift.apply(.send, at: time + 300)
                    time += 1000
                    if let leaving { shift.apply(.leave, at: leaving); break }
                }
                if leaving == nil { shift.apply(.leave, at: time + 120_000) }
                return shift.result()
            }
            func record(_ id: String, minutes: Double, _ candidate: String, attempt: Int, leaving: Double?, timeline: [Double]) -> HistoryRecord {
                var record = HistoryRecord(id: id, time: ReportFixture.base + minutes * 60, chat: played(leaving: leaving), seed: 3,
                                           scenarioName: "Warm-up")
                record.mode = .assessment
                record.candidate = candidate
                record.assessment = "chat-desk <level 1>"
                record.configHash = "c0ffee"
                record.attempt = attempt
                record.attempts = 2
                record.timeline = timeline
                return record
            }
            let records = [
                record("20261118T110640-1a1a0001", minutes: 0, "Lee", attempt: 1, leaving: nil, timeline: [20, 31.25, 38, 40.5]),
                record("20261118T111640-1a1a0002", minutes: 10, "Lee", attempt: 2, leaving: 9000, timeline: [12, 18.5, 21]),
                record("20261118T112640-1b1b0001", minutes: 20, "Max & Co", attempt: 1, leaving: 4000, timeline: [9]),
            ]
            return AssessmentReport(records: records, key: nil, generated: ReportFixture.base + 3600, sources: ["desk.jsonl"], duplicates: 0)
        }
    }

    @Test("The typing class: rules, tallies, badges, flags, signatures and charts, byte for byte")
    func typingClass() throws {
        try Self.check(ReportFixture.report.rendered(as: .html), against: "typing-class.html")
    }

    @Test("A chat-desk assessment: its rules, chat columns, best and latest rows and what each missed, byte for byte")
    func chatDesk() throws {
        try Self.check(try Self.chatReport.rendered(as: .html), against: "chat-desk.html")
    }

    @Test("A report without sections says so, byte for byte")
    func empty() throws {
        let report = AssessmentReport(records: [], key: nil, generated: ReportFixture.base, sources: [], duplicates: 0)
        try Self.check(report.rendered(as: .html), against: "empty.html")
    }
}
