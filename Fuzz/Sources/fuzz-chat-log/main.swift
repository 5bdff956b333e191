import FuzzSupport
import TypeBarKit

/// The chat-shift log reader and its replay, as `typebar score --keys FILE` runs them on a chat log: any bytes
/// as a log, the scenario drawn from its header (built in, or the YAML the header carries) and the shift
/// replayed to its end.
enum ChatLogTarget {
    static let file = ScratchFile("chat.jsonl")
    static let spellers = SpellerSource(ShortWords())

    static func test(_ bytes: UnsafeRawBufferPointer) {
        file.write(bytes)
        guard (try? ChatLog.isChatLog(path: file.path)) == true else { return }
        _ = try? ChatLog.replay(path: file.path, spellers: spellers)
    }
}

/// libFuzzer's entry point: SwiftPM builds fuzz targets as libraries with libFuzzer's own main.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    ChatLogTarget.test(input(data, count))
    return 0
}
