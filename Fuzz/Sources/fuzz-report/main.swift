import FuzzSupport
import TerminalUI
import TypeBarKit
import TypeBarReports

/// Reports from any history: `typebar report` in every format, and the `typebar stats` screen.
enum ReportTarget {
    static let file = ScratchFile("history.jsonl")
    static let key = Array("a signing key for fuzzing".utf8)

    static func test(_ bytes: UnsafeRawBufferPointer) {
        file.write(bytes)
        let history = HistoryFile(path: file.path)
        guard let (records, _) = try? history.records() else { return }
        let report = AssessmentReport(records: records, key: key, generated: 1_795_000_000, sources: [file.path], duplicates: 0)
        for format in ReportFormat.allCases { _ = report.rendered(as: format) }
        if let stats = try? HistoryStats.gather(from: history) {
            let view = StatsView(progress: stats.progress, keyCosts: stats.keyCosts, firstTime: stats.firstTime, lastTime: stats.lastTime)
            _ = view.frame(columns: 80)
            _ = view.frame(columns: 40)
        }
    }
}

/// libFuzzer's entry point: SwiftPM builds fuzz targets as libraries with libFuzzer's own main.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    ReportTarget.test(input(data, count))
    return 0
}
