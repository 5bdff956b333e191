import Foundation
import Testing
import TypeBarCore
@testable import TypeBarFormats
import TestSupport

@Suite("Reading and scoring keystroke logs")
struct KeystrokeLogTests {
    let scratch = Scratch()

    func score(_ contents: String, timeLimit: Double? = nil) throws -> KeystrokeLog.Scored {
        try KeystrokeLog.score(path: scratch.write("log.jsonl", contents), timeLimit: timeLimit)
    }

    /// The error a log raises, as printed.
    func failure(_ contents: String) -> String? {
        failure(Data(contents.utf8))
    }

    func failure(_ data: Data) -> String? {
        let path = scratch.write("bad.jsonl", data)
        do {
            _ = try KeystrokeLog.score(path: path)
            return nil
        } catch {
            return error.description.replacingOccurrences(of: path, with: "FILE")
        }
    }

    @Test("The worked example scores the same from a file as in memory")
    func workedExampleFromFile() throws {
        let scored = try score(workedExample)
        #expect(isClose(scored.result.netWPM, 30))
        #expect(isClose(scored.result.grossWPM, 55))
        #expect(scored.header.text == "the cat sat")
        #expect(scored.ignoredEvents == 0)
    }

    @Test("Extra fields, blank lines, CRLF, a byte-order mark and spacing are all fine")
    func tolerantReading() throws {
        let log = "\u{FEFF}" + #"{"format":"typebar-keystrokes","version":1,"text":"ab cd","candidate":"Ana","extra":{"x":[1,2,{"y":null}]}}"# + "\r\n"
            + #"{ "t" : 0 , "ch" : "a", "note": "first", "n": -1.5e3, "ok": true }"# + "\r\n\n   \n"
            + #"{"ch":"b","t":300.25}"# + "\n"
            + #"{"t":600,"ch":" ","mods":[]}"# + "\n"
            + #"{"t":900,"ch":"c"}"# + "\n"
            + #"{"t":1200,"ch":"d"}"#   // no newline at the end
        let scored = try score(log)
        #expect(scored.result.characters == 5)
        #expect(scored.result.uncorrectedErrors == 0)
        #expect(scored.header.metadata["candidate"] == "Ana")
        #expect(isClose(scored.result.elapsedSeconds, 1.2))
    }

    @Test("Header: unknown string fields are kept as metadata, others ignored; a null time limit and a whole version 1.0 are accepted")
    func headerFields() throws {
        let log = #"{"format":"typebar-keystrokes","version":1.0,"text":"ab","time_limit":null,"backspace":false,"#
            + #""mode":"practice","n":5,"ok":true,"list":["x"],"none":null,"candidate":"Kim \"K\" Lee"}"# + "\n"
            + #"{"t":0,"ch":"a"}"# + "\n" + #"{"t":2000,"ch":"b"}"# + "\n"
        let scored = try score(log)
        #expect(scored.header == KeystrokeLogHeader(text: "ab", backspace: false, metadata: ["mode": "practice", "candidate": #"Kim "K" Lee"#]))
        #expect(scored.timeLimit == nil)
    }

    @Test("JSON escapes in ch decode exactly")
    func escapes() throws {
        let text = #"say \"hi\" \\ caf\u00e9 \ud83d\ude00"#   // JSON for: say "hi" \ café 😀
        var lines = [#"{"format":"typebar-keystrokes","version":1,"text":"\#(text)"}"#]
        let typed = [#"s"#, #"a"#, #"y"#, #" "#, #"\""#, #"h"#, #"i"#, #"\u0022"#, #" "#, #"\\"#, #" "#, #"c"#, #"a"#, #"f"#, #"é"#, #" "#, #"\ud83d\ude00"#]
        for (index, key) in typed.enumerated() { lines.append(#"{"t":\#(index * 100),"ch":"\#(key)"}"#) }
        let scored = try score(lines.joined(separator: "\n"))
        #expect(scored.result.uncorrectedErrors == 0)
        #expect(scored.result.completed)
        #expect(scored.result.characters == 17)
    }

    @Test("The header's time limit applies, and --time-limit overrides it")
    func timeLimits() throws {
        let log = workedExample.replacingOccurrences(of: #""version":1,"#, with: #""version":1,"time_limit":1,"#)
        let limited = try score(log)
        #expect(limited.result.elapsedSeconds == 1)
        #expect(limited.ignoredEvents == 7)   // events after 1,000 ms
        let overridden = try score(log, timeLimit: 100)
        #expect(isClose(overridden.result.elapsedSeconds, 2.4))
    }

    @Test("Fractional times read back as exactly the same doubles")
    func exactTimes() throws {
        let times: [Double] = [0, 183.417, 366.8345, 1_000.000_001, 1_234.5678901234, 2_500.25]
        let keys = zip(times, "abcdef").map { Keystroke.character($1, at: $0) }
        let text = KeystrokeLog.text(header: KeystrokeLogHeader(text: "abcdef"), keystrokes: keys)
        let scored = try score(text)
        var direct = Attempt(target: TargetText("abcdef"))
        for key in keys { direct.apply(key) }
        #expect(scored.result == (try direct.result()))
        for time in times {
            let line = KeystrokeLog.eventLine(.backspace(at: time))
            let parsed = line.utf8.withContiguousStorageIfAvailable { EventLineScanner.keystroke(from: $0) }
            #expect(try parsed?.get().time == time)
        }
    }

    @Test("Writing and reading a log round-trips every kind of event")
    func roundTrip() throws {
        let keys: [Keystroke] = [.character("\"", at: 0), .character("\\", at: 10.5), .backspace(at: 20), .wordBackspace(at: 30),
                                 .character("\u{1F600}", at: 1_500), .character("\n", at: 1_600)]
        let header = KeystrokeLogHeader(text: "a \"quoted\" \\ line", passage: "custom/x", timeLimit: 60, metadata: ["mode": "practice"])
        let text = KeystrokeLog.text(header: header, keystrokes: keys)
        let scored = try score(text)
        #expect(scored.header == header)
        var direct = Attempt(target: TargetText(header.text!), timeLimit: 60)
        for key in keys { direct.apply(key) }
        #expect(scored.result == (try direct.result()))
    }

    @Test("Session events and the backspace rule round-trip through a log and give the same flags and figures")
    func sessionEvents() throws {
        let header = KeystrokeLogHeader(text: "the cat sat", timeLimit: 60, backspace: false)
        let lines = [
            KeystrokeLog.eventLine(.character("t", at: 0)),
            KeystrokeLog.eventLine(.paste(characters: 11), at: 150),
            KeystrokeLog.eventLine(.character("x", at: 300)),
            KeystrokeLog.eventLine(.backspace(at: 500)),            // refused under the header's rule
            KeystrokeLog.eventLine(.focusLost, at: 600),
            KeystrokeLog.eventLine(.focusGained, at: 2_600.5),
            KeystrokeLog.eventLine(.character("e", at: 2_700)),
        ]
        #expect(lines[1] == #"{"t":150,"event":"paste","characters":11}"#)
        #expect(lines[4] == #"{"t":600,"event":"focus-out"}"#)
        let text = KeystrokeLog.text(header: header, lines: lines)
        #expect(text.hasPrefix(#"{"format":"typebar-keystrokes","version":1,"text":"the cat sat","time_limit":60,"backspace":false}"#))
        let scored = try score(text)
        #expect(scored.header == header)
        #expect(scored.ignoredEvents == 1)
        #expect(scored.result.characters == 3)                       // "txe": the backspace changed nothing
        #expect(scored.result.flags.map(\.kind) == [.paste, .focus, .lowAccuracy])
        #expect(scored.result.flags[1].detail == "the terminal lost focus 1 time, 2.0 s away in all")
        // Scored with backspace allowed, the same log corrects the x.
        let scratch = Scratch()
        let allowed = try KeystrokeLog.score(path: scratch.write("log.jsonl", text), backspace: true)
        #expect(allowed.result.characters == 2)
    }

    // MARK: - The error matrix: each is FILE:LINE: what is wrong

    static let badLogCases: [(log: String, expected: String)] = {
        func lines(_ parts: String...) -> String { parts.joined(separator: "\n") }
        var cases: [(log: String, expected: String)] = []
        cases.append(("", "FILE:1: the log is empty"))
        cases.append(("\n\n", "FILE:1: line 1 is empty"))
        cases.append((#"{"t":0,"ch":"a"}"#, "FILE:1: the log has no header"))
        cases.append((#"not json"#, "FILE:1: line 1 must be the header"))
        cases.append((#"{"format":"other","version":1}"#, #"FILE:1: "format" is "other""#))
        cases.append((#"{"format":"typebar-keystrokes","version":2,"text":"a"}"#, "FILE:1: format version 2 is not one this typebar reads"))
        cases.append((#"{"format":"typebar-keystrokes","version":true,"text":"a"}"#, #"FILE:1: the header's "version" must be a whole number"#))
        cases.append((#"{"format":"typebar-keystrokes","version":1}"#, #"FILE: no target text: the header has no "text""#))
        cases.append((#"{"format":"typebar-keystrokes","version":1,"text":"   "}"#, "FILE: the target text is empty"))
        cases.append((#"{"format":"typebar-keystrokes","version":1,"text":"ab","time_limit":-3}"#, #"FILE:1: the header's "time_limit" must be a positive number"#))
        cases.append((lines(header), "FILE:1: the log has no keystrokes after its header"))
        cases.append((lines(header, #"{"t":0,"ch":"t"}"#, #"{"t":0"#), #"FILE:3: expected ',' or '}'"#))
        cases.append((lines(header, #"{"t":0,"ch":"t"}"#, #"{"t":500,"ch":"h"} trailing"#), "FILE:3: unexpected text after the event object"))
        cases.append((lines(header, #"{"t":500,"ch":"t"}"#, #"{"t":400,"ch":"h"}"#), #"FILE:3: "t" goes backwards (400 after 500 on line 2)"#))
        cases.append((lines(header, #"{"t":0,"key":"delete"}"#), #"FILE:2: unknown key "delete""#))
        cases.append((lines(header, #"{"t":0,"ch":"th"}"#), #"FILE:2: "ch" holds 2 characters ("th")"#))
        cases.append((lines(header, #"{"t":0,"ch":""}"#), #"FILE:2: "ch" is empty"#))
        cases.append((lines(header, #"{"t":0}"#), #"FILE:2: the event has none of "ch", "key" or "event""#))
        cases.append((lines(header, #"{"t":0,"event":"blur"}"#), #"FILE:2: unknown event "blur"; the events are "paste", "focus-out" and "focus-in""#))
        cases.append((lines(header, #"{"t":0,"event":"paste"}"#), #"FILE:2: a paste event needs "characters""#))
        cases.append((lines(header, #"{"t":0,"event":"paste","characters":2.5}"#), #"FILE:2: a paste event needs "characters""#))
        cases.append((lines(header, #"{"t":0,"event":"focus-out","ch":"a"}"#), #"FILE:2: the line has "event" and a keystroke"#))
        cases.append((lines(header, #"{"t":500,"ch":"t"}"#, #"{"t":400,"event":"focus-in"}"#), #"FILE:3: "t" goes backwards (400 after 500 on line 2)"#))
        cases.append((#"{"format":"typebar-keystrokes","version":1,"text":"ab","backspace":"no"}"#, #"FILE:1: the header's "backspace" must be true or false"#))
        // The header's fields are typed: a number is not a boolean, a boolean or a string not a number, null not text.
        let h = #"{"format":"typebar-keystrokes","version":1,"text":"ab""#
        cases.append((h + #","backspace":1}"#, #"FILE:1: the header's "backspace" must be true or false"#))
        cases.append((h + #","backspace":null}"#, #"FILE:1: the header's "backspace" must be true or false"#))
        cases.append((#"{"format":"typebar-keystrokes","version":"1","text":"a"}"#, #"FILE:1: the header's "version" must be a whole number"#))
        cases.append((#"{"format":"typebar-keystrokes","version":1.5,"text":"a"}"#, #"FILE:1: the header's "version" must be a whole number"#))
        cases.append((#"{"format":"typebar-keystrokes","version":1e300,"text":"a"}"#, #"FILE:1: the header's "version" must be a whole number"#))
        cases.append((#"{"format":"typebar-keystrokes","version":1,"text":null}"#, #"FILE:1: the header's "text" must be a string"#))
        cases.append((#"{"format":"typebar-keystrokes","version":1,"text":["a"]}"#, #"FILE:1: the header's "text" must be a string"#))
        cases.append((h + #","passage":7}"#, #"FILE:1: the header's "passage" must be a string (a passage id)"#))
        cases.append((h + #","time_limit":true}"#, #"FILE:1: the header's "time_limit" must be a positive number"#))
        cases.append((h + #","time_limit":"60"}"#, #"FILE:1: the header's "time_limit" must be a positive number"#))
        cases.append((h + #","time_limit":7200}"#, #"FILE:1: the header's "time_limit" is 7200: a time limit is from 0.001 to 3600 seconds"#))
        cases.append((#"{"format":7,"version":1}"#, #"FILE:1: the header has no "format""#))
        cases.append((#"["typebar-keystrokes",1]"#, "FILE:1: line 1 must be the header"))
        cases.append((#"{"format":"typebar-keystrokes","version":1,"text":"ab""#, "FILE:1: line 1 must be the header"))
        cases.append((lines(header, #"{"ch":"a"}"#), #"FILE:2: the event has no "t""#))
        cases.append((lines(header, #"{"t":0,"ch":"a","key":"backspace"}"#), #"FILE:2: the event has both "ch" and "key""#))
        cases.append((lines(header, #"{"t":"0","ch":"a"}"#), #"FILE:2: "t" must be a number"#))
        cases.append((lines(header, #"{"t":1e999,"ch":"a"}"#), #"FILE:2: "t" is not a finite number"#))
        cases.append((lines(header, #"{"t":-5,"ch":"a"}"#), #"FILE:2: "t" is negative"#))
        cases.append((lines(header, #"{"t":01,"ch":"a"}"#), "FILE:2: malformed number (leading zero)"))
        cases.append((lines(header, #"{"t":0,"ch":"\x"}"#), #"FILE:2: invalid escape \x"#))
        cases.append((lines(header, #"{"t":0,"ch":"\ud800"}"#), "FILE:2: a \\u escape holds half of a surrogate pair"))
        cases.append((lines(header, "[1,2]"), "FILE:2: expected a JSON object"))
        cases.append((lines(header, #"{"t":0,"ch":"t"}"#, #"{"t":100,"ch":"h"}"#), "FILE:3: too little time to score (0.100 s)"))
        return cases
    }()

    @Test("Bad logs are refused with the file, the line and what is wrong", arguments: badLogCases)
    func badLogs(log: String, expected: String) {
        let message = failure(log)
        #expect(message?.hasPrefix(expected) == true, "got \(message ?? "no error")")
    }

    @Test("Invalid UTF-8 in an event line names the line")
    func invalidUTF8() {
        var data = Data((header + "\n" + #"{"t":0,"ch":"t"}"# + "\n" + #"{"t":100,"ch":""#).utf8)
        data.append(contentsOf: [0xC3, 0x28])
        data.append(contentsOf: Array(#""}"#.utf8))
        #expect(failure(data) == "FILE:3: the line is not valid UTF-8")
    }

    @Test("A missing file and a directory are clear errors")
    func unreadable() {
        #expect(throws: TypeBarError.cannotRead(path: "/nonexistent/log.jsonl", reason: "No such file or directory")) {
            try KeystrokeLog.score(path: "/nonexistent/log.jsonl")
        }
        #expect(throws: TypeBarError.cannotRead(path: scratch.url.path, reason: "it is a directory; give a keystroke log file")) {
            try KeystrokeLog.score(path: scratch.url.path)
        }
    }

    @Test("Random garbage never traps the reader: it scores or says what is wrong")
    func garbage() {
        var generator = SplitMix64(seed: 2026)
        let pieces = [#"{"#, #"}"#, #"""#, #":"#, #","#, #"t"#, #"ch"#, #"key"#, #"\"#, #"u"#, #"d8"#, "0", "1", ".", "e", "-", "[", "]",
                      "null", "true", " ", "\u{00E9}", "backspace", "\t", #"\u"#]
        for round in 0..<400 {
            var data = Data((header + "\n").utf8)
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                if round % 5 == 0 {
                    data.append(contentsOf: (0..<Int.random(in: 0...40, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) })
                } else {
                    let line = (0..<Int.random(in: 0...30, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
                    data.append(contentsOf: Array(line.utf8))
                }
                data.append(0x0A)
            }
            let path = scratch.write("garbage.jsonl", data)
            do {
                _ = try KeystrokeLog.score(path: path)
            } catch {
                #expect(error.description.hasPrefix(path))
            }
        }
    }

    @Test("Mutated copies of a valid log never trap the reader")
    func mutatedLogs() {
        var generator = SplitMix64(seed: 7)
        let original = Array(workedExample.utf8)
        for _ in 0..<400 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0...2, using: &generator) {
                case 0: bytes[index] = UInt8.random(in: 0...255, using: &generator)
                case 1: bytes.remove(at: index)
                default: bytes.insert(UInt8.random(in: 0x20...0x7E, using: &generator), at: index)
                }
            }
            let path = scratch.write("mutated.jsonl", Data(bytes))
            do {
                _ = try KeystrokeLog.score(path: path)
            } catch {
                #expect(error.description.hasPrefix(path))
            }
        }
    }
}
