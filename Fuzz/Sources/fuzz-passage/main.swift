import Foundation
import FuzzSupport
import TypeBarKit

/// The passage parser and `typebar passages lint` on any bytes as a passage file; `lint --fix` must leave nothing
/// more to fix.
enum PassageTarget {
    static func test(_ bytes: UnsafeRawBufferPointer) {
        _ = PassageLint.lint(data: Data(bytes), path: "fuzz/passage.txt")
        let text = String(decoding: bytes, as: UTF8.self)
        if let passage = try? Passage.parse(text, id: "fuzz/passage", origin: .file("fuzz/passage.txt")) {
            _ = PassageLibrary(passages: [passage]).passages.count
        }
        let fixed = PassageLint.fixed(text)
        require(PassageLint.fixed(fixed.text).changes == 0, "lint --fix left something to fix")
    }
}

/// libFuzzer's entry point: SwiftPM builds fuzz targets as libraries with libFuzzer's own main.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    PassageTarget.test(input(data, count))
    return 0
}
