import Foundation
import Testing
@testable import TypeBarKit

/// Inputs the fuzz targets (Fuzz/, docs/fuzzing.md) found, kept byte for byte with what must happen instead.
@Suite("Inputs found by fuzzing")
struct FuzzFoundTests {
    /// fuzz-passage: CR CR LF. `lint --fix` turned the CR LF into LF and left a CR before it: a CR LF again, so
    /// the fixed file still had a Windows line ending to fix.
    @Test("lint --fix turns CR CR LF into one LF, and a fixed text has nothing left to fix", arguments: [
        ("\r\r\n", "\n"),
        ("Hi Sam.\r\r\nBye.\r\n", "Hi Sam.\nBye.\n"),
        ("a\r\r\r\n\u{2019}\r\n", "a\n'\n"),
    ])
    func carriageReturns(input: String, expected: String) {
        let fixed = PassageLint.fixed(input)
        #expect(Array(fixed.text.unicodeScalars) == Array(expected.unicodeScalars))
        #expect(PassageLint.fixed(fixed.text).changes == 0)
        let findings = PassageLint.lint(data: Data(fixed.text.utf8), path: "p.txt")
        #expect(!findings.contains { $0.message.contains("Windows line ending") || $0.message.contains("control character") })
    }
}
