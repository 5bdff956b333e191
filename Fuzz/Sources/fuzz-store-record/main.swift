import FuzzSupport
import TypeBarKit

/// The record decoder as the store runs it on the rows it reads back: any bytes as a row's `record` text (read
/// whole for `history`, `verify` and exports) and as its `figures` text (read for reports and stats). What a row's
/// record gives in full, its summary and report readings give too; and the figures typebar writes beside a record
/// (the record without its per-key table, bigrams and timeline) read back to the same figures.
enum StoreRecordTarget {
    static func read(_ bytes: UnsafeRawBufferPointer, _ detail: HistoryDetail) -> HistoryRecord? {
        guard case .success(let record) = HistoryLine.record(from: bytes.bindMemory(to: UInt8.self), detail: detail) else { return nil }
        return record
    }

    static func read(_ text: String, _ detail: HistoryDetail) -> HistoryRecord? {
        var text = text
        return text.withUTF8 { read(UnsafeRawBufferPointer($0), detail) }
    }

    static func test(_ bytes: UnsafeRawBufferPointer) {
        let summary = read(bytes, .summary)
        let report = read(bytes, .report)
        guard let full = read(bytes, .full) else { return }
        // A summary reads what stats need; a report all but the passages, hashes, verdict and log.
        for (name, partial) in [("summary", summary), ("report", report)] {
            require(partial?.id == full.id && partial?.time == full.time && partial?.mode == full.mode
                    && partial?.netWPM.bitPattern == full.netWPM.bitPattern && partial?.accuracy.bitPattern == full.accuracy.bitPattern
                    && partial?.candidate == full.candidate && partial?.assessment == full.assessment,
                    "the \(name) reading of a row differs from its full reading")
        }
        require(report?.meetsBar == full.meetsBar && report?.configHash == full.configHash, "the report reading of a row differs from its full reading")
        // What typebar writes for the row, it reads back.
        require(read(full.jsonLine, .full)?.jsonLine == full.jsonLine, "a row's record does not read back from the text typebar writes for it")
        var figures = full
        figures.keys = []
        figures.bigrams = []
        figures.timeline = []
        let fromFigures = read(figures.jsonLine, .report)
        require(fromFigures?.id == full.id && fromFigures?.netWPM.bitPattern == full.netWPM.bitPattern
                && fromFigures?.assessment == full.assessment && fromFigures?.configHash == full.configHash,
                "a row's figures do not read back to its record's figures")
    }
}

/// libFuzzer's entry point: SwiftPM builds fuzz targets as libraries with libFuzzer's own main.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    StoreRecordTarget.test(input(data, count))
    return 0
}
