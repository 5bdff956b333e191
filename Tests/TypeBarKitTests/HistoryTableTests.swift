import Testing
import TestSupport
import TypeBarCore
@testable import TypeBarKit

@Suite("History as a table and as CSV")
struct HistoryTableTests {
    @Test("CSV fields that would start a formula get a leading quote: =, +, -, @, tab and carriage return",
          arguments: ["=1+1", "+1", "-x", "@SUM(A1)", "\t=1+1", "\r=1+1", "\r\n=1"])
    func formulas(field: String) {
        #expect(HistoryTable.csvField(field).hasPrefix("'") || HistoryTable.csvField(field).hasPrefix("\"'"), "\(HistoryTable.csvField(field))")
    }

    @Test("Plain names and negative numbers are left as they are")
    func plain() {
        #expect(HistoryTable.csvField("Ana Ruiz") == "Ana Ruiz")
        #expect(HistoryTable.csvField("-3.5") == "-3.5")
    }

    @Test("The BAR column says which rules failed: speed, accuracy, errors")
    func barText() throws {
        var record = try sampleRecord()
        record.meetsBar = false
        record.barWPM = 40
        record.minimumAccuracy = 95
        record.netWPM = 30
        record.accuracy = 97
        #expect(HistoryTable.barText(record) == "speed<40")
        record.netWPM = 45
        record.accuracy = 90
        #expect(HistoryTable.barText(record) == "acc<95")
        record.netWPM = 20
        record.maximumErrors = 3
        record.wordErrors = 5
        #expect(HistoryTable.barText(record) == "speed<40+acc<95+errors>3")
        record.minimumAccuracy = 92.5
        record.accuracy = 99
        record.netWPM = 41
        record.wordErrors = 0
        record.meetsBar = true
        #expect(HistoryTable.barText(record) == "meets 40")
    }

    @Test("A fast chat shift that sent one wrong order number says so in the BAR column, not that it was slow")
    func chatBarText() throws {
        let order = try #require(try ScenarioCatalog.builtIn("warm-up-double-charge").draw(seed: 3).customers[0].details["order"])
        let wrong = String(order.dropLast()) + (order.last == "9" ? "8" : "9")
        // Every reply typed at 160 ms a character (75 gross WPM), the first customer's order number one digit off.
        let played = try PlayedShift(interval: 160) { $0.replacingOccurrences(of: order, with: wrong) }
        let record = HistoryRecord(id: "20261201T120000-0000abcd", time: 1_795_000_000, chat: played.result, seed: 3, scenarioName: "Warm-up")
        #expect(record.netWPM > 70 && record.accuracy > 95)
        #expect(played.result.served == 2 && played.result.wrongDetails == 1)
        #expect(record.chat?.missedTargets == ["wrong_details"])
        #expect(HistoryTable.barText(record) == "wrong-detail")
        let lines = HistoryTable.text([record], width: 100, utcOffset: 0)
        #expect(lines[1].contains("wrong-detail") && !lines[1].contains("below"), "\(lines)")
    }

    @Test("Each missed chat target has its name in the BAR column; limits above zero are named; a shift that met all says so")
    func chatBarNames() throws {
        var record = try sampleRecord()
        record.mode = .chat
        record.barWPM = 45
        record.minimumAccuracy = 97.5
        var chat = ChatSummary(
            scenario: "warm-up-double-charge", mode: "guided", seed: "3", customers: 3, served: 1, abandoned: 2, notServed: 0, replies: 2,
            wrongDetails: 3, effectiveWPM: 20, keystrokesSaved: 0, leftEarly: false,
            missedTargets: ["first_response", "abandoned", "not_served", "reply_accuracy", "wrong_details", "net_wpm"])
        chat.maxFirstResponse = 90
        record.chat = chat
        record.meetsBar = false
        #expect(HistoryTable.barText(record) == "first-reply>90s+abandoned+not-served+acc<97.5+wrong-detail+speed<45")
        chat.maxAbandoned = 1
        chat.maxWrongDetails = 2
        chat.missedTargets = ["abandoned", "wrong_details"]
        record.chat = chat
        #expect(HistoryTable.barText(record) == "abandoned>1+wrong-details>2")
        // On the desk, the desk's targets in force: the mode's own (judgement 70, 80 % satisfied, no missed action).
        chat.mode = "desk"
        chat.missedTargets = ["judgement", "satisfaction", "actions"]
        record.chat = chat
        #expect(HistoryTable.barText(record) == "judgement<70+satisfied<80%+missed-action")
        // ... or those an assessment set.
        chat.mode = "free"
        chat.minWriting = 60
        chat.maxMissedActions = 1
        chat.missedTargets = ["writing", "actions"]
        record.chat = chat
        #expect(HistoryTable.barText(record) == "writing<60+missed-actions>1")
        chat.missedTargets = []
        record.chat = chat
        record.meetsBar = true
        #expect(HistoryTable.barText(record) == "meets all")
    }
}
