import FuzzSupport
import TypeBarKit

/// The history reader, as `typebar history`, `stats` and `verify` run it: any bytes as a history file, read whole
/// and as summaries; every record is signed-checked, and must read back from the line typebar writes for it.
enum HistoryTarget {
    static let file = ScratchFile("history.jsonl")
    static let again = ScratchFile("again.jsonl")
    static let key = Array("a signing key for fuzzing".utf8)

    static func test(_ bytes: UnsafeRawBufferPointer) {
        file.write(bytes)
        let history = HistoryFile(path: file.path)
        _ = try? history.records(detail: .summary)
        guard let (records, skipped) = try? history.records(detail: .full) else { return }
        _ = skipped.warnings(path: file.path)
        var lines = ""
        for record in records {
            _ = record.group
            _ = HistorySignature.isValid(record, key: key)
            lines += record.jsonLine + "\n"
        }
        // What typebar writes, typebar reads.
        again.write(lines)
        let reread = try? HistoryFile(path: again.path).records()
        require(reread?.records.count == records.count && reread?.skipped.count == 0,
                "a record read from the history does not read back from its own line: \(lines)")
    }
}

/// libFuzzer's entry point: SwiftPM builds fuzz targets as libraries with libFuzzer's own main.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    HistoryTarget.test(input(data, count))
    return 0
}
