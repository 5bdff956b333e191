import FuzzSupport
import TypeBarKit

/// The scenario reader, as `typebar chat --check FILE` and `--scenario-file` run it: any text as a scenario file
/// (with the built-in canned replies), then the scenario drawn with two seeds and described as `--check` prints it,
/// text and JSON. A scenario that is accepted draws the same customers every time from the same seed.
enum ScenarioTarget {
    static let canned = try! ScenarioCatalog.cannedReplies()

    static func test(_ bytes: UnsafeRawBufferPointer) {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let file = try? ScenarioFile.parse(text, path: "fuzz.yaml", id: "fuzz", canned: canned) else { return }
        _ = file.customerCount
        _ = file.replyCount
        for seed: UInt64 in [1, 0xFFFF_FFFF_FFFF_FFFF] {
            let drawn = file.draw(seed: seed)
            require(file.draw(seed: seed) == drawn, "seed \(seed) drew two different scenarios from one file")
            _ = drawn.describe(seed: seed)
            var writer = JSONWriter()
            drawn.writeJSON(to: &writer, seed: seed)
            _ = writer.text
        }
    }
}

/// libFuzzer's entry point: SwiftPM builds fuzz targets as libraries with libFuzzer's own main.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    ScenarioTarget.test(input(data, count))
    return 0
}
