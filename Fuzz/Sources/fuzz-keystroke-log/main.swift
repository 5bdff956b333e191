import FuzzSupport
import SystemPackage
import TypeBarKit
import TypeBarReports
#if canImport(Glibc)
import Glibc
#endif

/// The keystroke-log reader and the scorer, as `typebar score --keys FILE` runs them: any bytes as a log, scored
/// under the header's own rules and under overrides, then reported as text and as JSON.
enum KeystrokeLogTarget {
    static let file = ScratchFile("log.jsonl")
    static let null = FileDescriptor(rawValue: open("/dev/null", O_WRONLY))

    static func test(_ bytes: UnsafeRawBufferPointer) {
        file.write(bytes)
        if let scored = try? KeystrokeLog.score(path: file.path, keepingKeystrokes: true) {
            report(scored)
            let times = scored.keystrokes.map(\.time)
            require(zip(times, times.dropFirst()).allSatisfy { $0 <= $1 }, "the kept keystrokes go back in time")
        }
        // As `score --time-limit 30 --no-backspace` would.
        if let scored = try? KeystrokeLog.score(path: file.path, timeLimit: 30, backspace: false) {
            report(scored)
        }
    }

    static func report(_ scored: KeystrokeLog.Scored) {
        let report = ScoreReport(result: scored.result, bar: HiringBar(), source: file.path, ignoredEvents: scored.ignoredEvents)
        _ = report.text
        try? report.writeJSON(to: null)
    }
}

/// libFuzzer's entry point: SwiftPM builds fuzz targets as libraries with libFuzzer's own main.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    KeystrokeLogTarget.test(input(data, count))
    return 0
}
