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

    /// fuzz-settings seeds: a file saved with a byte-order mark (as Windows Notepad saves UTF-8) whose first line is a
    /// field. libyaml read the mark as part of that line and refused the file ("line 2: did not find expected
    /// <document start>"); every YAML reader must read it as the same file without the mark.
    @Test("A settings file, a chat assessment config and a typing one read the same with a byte-order mark")
    func byteOrderMark() throws {
        let bom = "\u{FEFF}"
        let settings = "bar: 45\r\nchats: 2\r\n"
        #expect(try SettingsFile.parse(bom + settings, path: "s.yaml", home: "/home/a") == SettingsFile.parse(settings, path: "s.yaml", home: "/home/a"))
        let chat = "name: Desk round\nmode: chat\nscenario: warm-up-double-charge\nseed: 3\n"
        #expect(try ChatAssessment.parse(bom + chat, path: "c.yaml").configHash == ChatAssessment.parse(chat, path: "c.yaml").configHash)
        let typing = "name: Round 1\nseconds: 60\nbar: 40\n"
        #expect(try AssessmentDefinition.parse(bom + typing, path: "a.yaml").configHash == AssessmentDefinition.parse(typing, path: "a.yaml").configHash)
        // The mark is read through the files too, as the commands read them.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("typebar-bom-\(getpid())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try (bom + chat).write(toFile: folder + "/c.yaml", atomically: true, encoding: .utf8)
        #expect(ChatAssessment.isChatConfig(path: folder + "/c.yaml"))
        #expect(try ChatAssessment.load(path: folder + "/c.yaml").name == "Desk round")
    }
}
