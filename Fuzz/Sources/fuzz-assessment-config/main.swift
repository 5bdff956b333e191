import FuzzSupport
import TypeBarKit

/// The assessment-config reader, as `typebar assess --config FILE --check` runs it: any text as YAML (or JSON),
/// then the rules' summary, the canonical form that is hashed, and the text chosen from the built-in passages.
enum AssessmentConfigTarget {
    static func test(_ bytes: UnsafeRawBufferPointer) {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let definition = try? AssessmentDefinition.parse(text, path: "fuzz.yaml") else { return }
        _ = definition.rules.summary
        _ = definition.configHash
        _ = try? definition.text(from: PassageLibrary.builtIn)
    }
}

/// libFuzzer's entry point: SwiftPM builds fuzz targets as libraries with libFuzzer's own main.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    AssessmentConfigTarget.test(input(data, count))
    return 0
}
