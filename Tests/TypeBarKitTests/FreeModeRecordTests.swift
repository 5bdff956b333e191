import Foundation
import Testing
import TestSupport
@testable import TypeBarCore
@testable import TypeBarKit

/// One customer, Kim, answered once at `firstReply` seconds in `mode` (a free reply spelt right against the words
/// given), then the shift left at 90.4 s.
private func shift(_ mode: ChatShift.Mode, firstReply: Double = 4, reply: String = "Hi Kim, your order is on its way today.") -> ChatResult {
    let scenario = ChatScenario(
        id: "kim", name: "Kim", chats: 1, patience: 120, timeLimit: 300,
        customers: [ChatCustomer(name: "Kim", arrival: 0, details: ["name": "Kim"], turns: [
            ChatTurn(message: "Where is my order?", reply: ReplyTemplate(parsing: "Hi [name], your order is on its way today.")),
        ])])
    var shift = ChatShift(scenario: scenario, mode: mode, speller: WordList("hi your order is on its way today"))
    for character in reply { shift.apply(.type(character), at: firstReply * 1000 - 1000) }
    shift.apply(.send, at: firstReply * 1000)
    shift.apply(.leave, at: 90_400)
    return shift.result()
}

@Suite("Free and desk figures in the history, stats and assessments")
struct FreeModeRecordTests {
    @Test("The history's DESK column gives a desk shift's judgement and a free one's writing, and is there only when one is")
    func deskColumn() throws {
        let free = HistoryRecord(id: "20261201-120000-aaaa0001", time: 1_764_590_400, chat: shift(.free), seed: 1, scenarioName: "Kim")
        let desk = HistoryRecord(id: "20261201-120000-aaaa0002", time: 1_764_590_500, chat: shift(.desk), seed: 1, scenarioName: "Kim")
        let template = HistoryRecord(id: "20261201-120000-aaaa0003", time: 1_764_590_600, chat: shift(.template), seed: 1, scenarioName: "Kim")
        #expect(HistoryTable.deskText(free) == "write 100")
        #expect(HistoryTable.deskText(desk) == "judge 100")
        #expect(HistoryTable.deskText(template) == "")
        let table = HistoryTable.text([free, desk, template], width: 100, utcOffset: 0)
        #expect(table[0].contains("  DESK  "), "\(table[0])")
        #expect(table[1].contains("  write 100  ") && table[2].contains("  judge 100  "), "\(table.joined(separator: "\n"))")
        // Without a desk or free shift, the table is as it always was.
        #expect(!HistoryTable.text([template], width: 100, utcOffset: 0)[0].contains("DESK"))
        // In a narrow window the column gives way after ERR, before the time and the mode.
        let narrow = HistoryTable.text([free, desk], width: 64, utcOffset: 0)
        #expect(!narrow[0].contains("ERR") && !narrow[0].contains("DESK") && narrow[0].contains("WHEN"), "\(narrow[0])")
        #expect(narrow.allSatisfy { $0.count <= 64 })
    }

    @Test("A stats point carries the judgement, the writing, and the satisfied share of desk and free shifts only")
    func points() {
        let free = ChatShiftPoint(time: 0, ChatSummary(shift(.free), seed: 1))
        #expect(free.writing == 100 && free.judgement == nil && free.satisfied == 100)
        let desk = ChatShiftPoint(time: 0, ChatSummary(shift(.desk), seed: 1))
        #expect(desk.judgement == 100 && desk.writing == nil && desk.satisfied == 100)
        let template = ChatShiftPoint(time: 0, ChatSummary(shift(.template), seed: 1))
        #expect(template.judgement == nil && template.writing == nil && template.satisfied == nil)
    }

    @Test("A first reply at 77.81 s is 78 s in the history's verdict and an assessment's, the target missed by 18 s; leaving at 90.4 s is flagged at that time")
    func roundedUp() throws {
        let result = shift(.free, firstReply: 77.81)
        let record = HistoryRecord(id: "20261201-120000-aaaa0001", time: 1_764_590_400, chat: result, seed: 1, scenarioName: "Kim")
        #expect(record.verdict == "Kim: 1/1 served, first reply median 78 s; missed: worst first response 78 s: 18 s over the 60 s target", "\(record.verdict)")
        // The flag keeps the exact time; a report shows it as 91 s (the report's golden page shows the rounding).
        #expect(record.flags.first?.atSeconds == result.shiftSeconds && result.shiftSeconds > 90 && result.shiftSeconds < 91)
        #expect(record.flags.first?.detail == "ended the shift early; customers still waiting count as not served")
        let assessment = try ChatAssessment.parse("name: Round 1\nmode: chat\nscenario: late-parcels\nchat_mode: free\nmin_writing: 80\n", path: "a.yaml")
        let attempt = HistoryRecord(id: "20261201-120000-aaaa0002", time: 1_764_590_400, chat: result, assessment: assessment, candidate: "Ana", attempt: 1)
        #expect(attempt.verdict.hasPrefix("FAIL: 1/1 served, first reply median 78 s, "), "\(attempt.verdict)")
    }

    @Test("A free-mode assessment: chat_mode free and min_writing in the rules and their hash, and judged by them")
    func assessment() throws {
        let config = "name: Round 1\nmode: chat\nscenario: late-parcels\nchat_mode: free\nmin_writing: 80\n"
        let assessment = try ChatAssessment.parse(config, path: "a.yaml")
        #expect(assessment.mode == .free && assessment.targets.minWriting == 80)
        #expect(assessment.canonicalJSON.contains(#""chat_mode":"free""#) && assessment.canonicalJSON.contains(#""min_writing":80"#))
        #expect(try ChatAssessment.parse(config.replacingOccurrences(of: "80", with: "70"), path: "a.yaml").configHash != assessment.configHash)
        // A reply scored 7 (no greeting with the name: −1; two misspellings −2) makes writing 70: under 80.
        var result = shift(.free, reply: "Your ordr is on its way today. Itt is.")
        result.targets = assessment.targets
        #expect(result.writing == 70)
        #expect(result.missedTargets.map(\.description).contains("writing 70: 10 under the 80 target"), "\(result.missedTargets.map(\.description))")
    }
}
