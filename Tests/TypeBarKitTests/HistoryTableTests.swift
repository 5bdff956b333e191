import Testing
import TestSupport
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
}
