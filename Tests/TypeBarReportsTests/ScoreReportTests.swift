import Testing
import TestSupport
import TypeBarKit
import TypeBarReports

@Suite("Score reports")
struct ScoreReportTests {
    let scratch = Scratch()

    func report() throws -> ScoreReport {
        let scored = try KeystrokeLog.score(path: scratch.write("log.jsonl", workedExample))
        return ScoreReport(result: scored.result, bar: HiringBar(), source: "the log's header text")
    }

    @Test("The JSON carries every documented key, unrounded")
    func jsonKeys() throws {
        let json = try report().jsonText
        for key in ["gross_wpm", "net_wpm", "accuracy", "keystroke_accuracy", "uncorrected_errors", "corrected_errors", "word_errors",
                    "characters", "elapsed_seconds", "kspc", "completed", "bar_wpm", "min_accuracy", "meets_bar", "flags"] {
            #expect(json.contains("\"\(key)\":"), "missing \(key)")
        }
        #expect(json.contains(#""net_wpm":30,"#))
        #expect(json.contains(#""accuracy":90.9090909090909"#))
        #expect(json.contains(#""kspc":1.1818181818181819"#))
        #expect(json.contains(#""meets_bar":false"#))
    }

    @Test("The summary ends with the verdict")
    func summary() throws {
        let text = try report().text
        #expect(text.hasSuffix("Verdict: 30 net WPM, 90.9 % accuracy: below the 40 WPM bar, and accuracy under the 95.0 % minimum; 10 short of 40, 20 short of 50"))
        #expect(text.contains("net 30.0 WPM"))
        #expect(text.contains("1 uncorrected in 1 word, 1 corrected"))
    }

    @Test("JSON strings escape what JSON needs")
    func jsonEscaping() {
        let value = JSONValue.object([("s", .string("a\"b\\c\nd\u{01}é")), ("n", .number(0.1)), ("i", .int(-3)), ("z", .number(nil))])
        #expect(value.rendered == #"{"s":"a\"b\\c\nd\u0001é","n":0.1,"i":-3,"z":null}"#)
    }
}
