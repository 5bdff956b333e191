import TypeBarKit
@testable import TypeBarReports

/// A small class as a trainer would file it: three candidates on "support-l1" (Ana passes on her second attempt
/// though her best speed came on the first, Bo fails with a paste, and a name built to break CSV, HTML and
/// spreadsheets), Ana again on "sales-l2", and a practice result that is no part of any assessment.
enum ReportFixture {
    static let base = 1_795_000_000.0  // 2026-11-18T11:06:40Z
    static let key = Array("trainer key for the tests".utf8)
    static let supportHash = "4e1f0c7b2a9d8e3f6c5b4a3928171605f4e3d2c1b0a99887766554433221100f"
    static let salesHash = "9b8a7f6e5d4c3b2a1908f7e6d5c4b3a29180706f5e4d3c2b1a09f8e7d6c5b4a3"
    static let oddName = #"=Kim, Dee "DK" <b>"#

    static func support(_ id: String, at minutes: Double, _ candidate: String, attempt: Int) -> HistoryRecord {
        var record = HistoryRecord()
        record.id = id
        record.time = base + minutes * 60
        record.mode = .assessment
        record.candidate = candidate
        record.assessment = "support-l1"
        record.configHash = supportHash
        record.attempt = attempt
        record.attempts = 2
        record.timeLimit = 30
        record.elapsedSeconds = 30
        record.barWPM = 40
        record.minimumAccuracy = 95
        record.maximumErrors = 5
        return record
    }

    static var anaFirst: HistoryRecord {
        var record = support("20261118T110640-0a0a0001", at: 0, "Ana Ruiz", attempt: 1)
        (record.netWPM, record.grossWPM, record.accuracy, record.wordErrors, record.uncorrectedErrors) = (46.2, 49.8, 93.8, 6, 7)
        record.timeline = [22, 34, 39, 41.5, 43, 44.2, 45, 45.8, 46.6, 47.1, 46.4, 45.9, 46.8, 47.5, 47.9,
                           47.2, 46.5, 46, 46.3, 46.9, 47.4, 47, 46.6, 46.1, 45.8, 46.2, 46.5, 46.3, 46, 46.2]
        record.signature = HistorySignature.sign(record, key: key)
        return record
    }

    static var anaSecond: HistoryRecord {
        var record = support("20261118T111640-0a0a0002", at: 10, "Ana Ruiz", attempt: 2)
        (record.netWPM, record.grossWPM, record.accuracy, record.wordErrors, record.uncorrectedErrors) = (44.75, 46.35, 97.5, 1, 1)
        record.meetsBar = true
        record.timeline = [20, 31, 36, 39.5, 41, 42.2, 43, 43.6, 44.1, 44.5, 44.2, 44, 44.6, 45.1, 45.3,
                           45, 44.7, 44.5, 44.8, 45.2, 45.4, 45.1, 44.9, 44.6, 44.5, 44.7, 44.9, 44.8, 44.6, 44.8]
        record.signature = HistorySignature.sign(record, key: key)
        return record
    }

    /// Unsigned.
    static var bo: HistoryRecord {
        var record = support("20261118T111140-0b0b0001", at: 5, "Bo Chen", attempt: 1)
        (record.netWPM, record.grossWPM, record.accuracy, record.wordErrors, record.uncorrectedErrors) = (33.9, 41.3, 91.2, 7, 9)
        record.flags = [
            HistoryRecord.Flag(name: "paste", atSeconds: 13, detail: "1 burst of 20+ characters each under 15 ms apart"),
            HistoryRecord.Flag(name: "low_accuracy", detail: "accuracy 91.2 % is under 92 %"),
        ]
        record.timeline = [18, 24, 27, 28.5, 29, 29.4, 30.1, 30, 29.6, 29.9, 30.2, 30, 29.8, 36.4, 35.9,
                           35.1, 34.8, 34.6, 34.9, 34.7, 34.4, 34.2, 34.5, 34.3, 34.1, 34, 33.8, 34, 33.9, 33.9]
        return record
    }

    /// Signed at 40 net WPM, then edited to 41: the signature no longer matches. No per-second figures.
    static var kim: HistoryRecord {
        var record = support("20261118T112140-0c0c0001", at: 15, oddName, attempt: 1)
        (record.netWPM, record.grossWPM, record.accuracy, record.wordErrors, record.uncorrectedErrors) = (40, 42.5, 95, 2, 2)
        record.meetsBar = true
        record.flags = [HistoryRecord.Flag(name: "focus", detail: "the terminal lost focus 2 times, 4.5 s away in all (<alt-tab> & back)")]
        record.signature = HistorySignature.sign(record, key: key)
        record.netWPM = 41
        return record
    }

    static var sales: HistoryRecord {
        var record = HistoryRecord()
        record.id = "20261118T113640-0a0a0003"
        record.time = base + 30 * 60
        record.mode = .assessment
        record.candidate = "Ana Ruiz"
        record.assessment = "sales-l2"
        record.configHash = salesHash
        record.attempt = 1
        record.attempts = 1
        record.timeLimit = 60
        record.elapsedSeconds = 12.4
        record.completed = true
        record.barWPM = 50
        record.minimumAccuracy = 97
        record.backspace = false
        (record.netWPM, record.grossWPM, record.accuracy, record.wordErrors, record.uncorrectedErrors) = (52.3, 53, 98.6, 0, 0)
        record.meetsBar = true
        record.timeline = [30, 42, 47.5, 49.8, 51, 51.6, 52.4, 52.9, 52.6, 52.8, 52.5, 52.3]
        record.signature = HistorySignature.sign(record, key: key)
        return record
    }

    /// Practice, not an assessment: never in a report.
    static var practice: HistoryRecord {
        var record = HistoryRecord()
        record.id = "20261118T113140-0d0d0001"
        record.time = base + 25 * 60
        record.candidate = "Ana Ruiz"
        record.netWPM = 61
        return record
    }

    static var records: [HistoryRecord] { [anaFirst, bo, anaSecond, kim, practice, sales] }

    static var report: AssessmentReport {
        AssessmentReport(records: records.shuffled(), key: key, generated: base + 3600,
                         sources: ["lab-a/history.jsonl", "lab-b/history.jsonl"], duplicates: 1)
    }
}
