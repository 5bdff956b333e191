import FuzzSupport
import TypeBarKit

/// The chat assessment config reader, as `typebar assess --config FILE --check` runs it on a chat config: any text
/// as the config (its scenario a built-in id, or a file beside it that does not exist), then the summary, the
/// canonical form and its hash. The hash is the canonical form's: reading the same text twice gives the same one.
enum ChatAssessmentTarget {
    static func test(_ bytes: UnsafeRawBufferPointer) {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let assessment = try? ChatAssessment.parse(text, path: "fuzz.yaml") else { return }
        _ = assessment.summary
        let hash = assessment.configHash
        require(hash == (try? ChatAssessment.parse(text, path: "fuzz.yaml"))?.configHash, "one config gave two hashes")
        _ = assessment.scenario.draw(seed: assessment.seed).describe(seed: assessment.seed)
    }
}

/// libFuzzer's entry point: SwiftPM builds fuzz targets as libraries with libFuzzer's own main.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    ChatAssessmentTarget.test(input(data, count))
    return 0
}
