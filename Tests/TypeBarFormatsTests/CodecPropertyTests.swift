import Foundation
import PropertyBased
import Testing
@testable import TypeBarFormats

/// The byte-level codecs against independent references: the standard library's number parser, Foundation's
/// ISO 8601 parser, and their own writers (what is written reads back the same).
@Suite("The JSON, timestamp and history-record codecs agree with references on generated input")
struct CodecPropertyTests {
    // MARK: - Numbers

    static let digit = Gen.int(in: 0...9)

    /// A JSON numeral from its parts: integer digits (a leading zero only alone), optional fraction digits,
    /// optional exponent. Digit runs go well past the 15 digits of the fast path and the 19 a UInt64 holds.
    static func numeral(negative: Bool, integer: [Int], fraction: [Int], exponent: Int?, exponentStyle: Int) -> String {
        var text = negative ? "-" : ""
        var whole = integer.map(String.init).joined()
        while whole.count > 1 && whole.hasPrefix("0") { whole.removeFirst() }
        text += whole
        if !fraction.isEmpty { text += "." + fraction.map(String.init).joined() }
        if let exponent {
            text += exponentStyle % 2 == 0 ? "e" : "E"
            if exponent >= 0 { text += exponentStyle / 2 == 1 ? "+" : "" }
            text += String(exponent)
        }
        return text
    }

    static func readNumber(_ text: String) throws -> Double {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { buffer in
            var cursor = JSONCursor(buffer.span)
            let value = try cursor.number()
            #expect(cursor.index == buffer.count, "\(text): the reader stopped at \(cursor.index)")
            return value
        }
    }

    @Test("The number reader gives exactly Double(String)'s value for any JSON numeral, short, long, huge or tiny")
    func numbersAgreeWithStandardLibrary() async throws {
        await propertyCheck(
            count: 3000,
            input: Gen.bool, Self.digit.array(of: 1...40), Self.digit.array(of: 0...40),
            Gen.int(in: -400...400).optional(valueRate: 0.4), Gen.int(in: 0...3)
        ) { negative, integer, fraction, exponent, style in
            let text = Self.numeral(negative: negative, integer: integer, fraction: fraction, exponent: exponent, exponentStyle: style)
            let expected = try #require(Double(text))
            let read = try Self.readNumber(text)
            #expect(read.bitPattern == expected.bitPattern, "\(text): read \(read), expected \(expected)")
        }
    }

    @Test("The fast path's edges: 15 digits, 22 fraction digits, negative zero, and the values either side")
    func numberEdges() throws {
        for text in ["0", "-0", "-0.0", "0.1", "0.3", "123456789012345", "1234567890123456", "0.1234567890123456789012",
                     "9007199254740993", "1.7976931348623157e308", "1.8e308", "5e-324", "2e-324", "4.9e-324",
                     "0.0000000000000000000001", "123456789012345.6", "1e22", "1e23", "8.98846567431158e307"] {
            let expected = try #require(Double(text))
            #expect(try Self.readNumber(text).bitPattern == expected.bitPattern, "\(text)")
        }
    }

    // MARK: - Strings

    /// Scalars from every class the escaping treats differently: control characters (NUL included), quotes and
    /// backslashes, plain ASCII, the rest of the BMP either side of the surrogates, and the astral planes.
    static let scalar = Gen<Unicode.Scalar>.oneOf(
        Gen.unicodeScalar(in: "\u{0}"..."\u{1F}"),
        Gen<Unicode.Scalar?>.element(of: ["\"", "\\", "/", "\u{7F}", "\u{2028}", "\u{FEFF}"] as [Unicode.Scalar]).map { $0! },
        Gen.unicodeScalar(in: " "..."~"),
        Gen.unicodeScalar(in: "\u{80}"..."\u{D7FF}"),
        Gen.unicodeScalar(in: "\u{E000}"..."\u{FFFF}"),
        Gen.unicodeScalar(in: "\u{10000}"..."\u{10FFFF}")
    )

    static func text(_ scalars: [Unicode.Scalar]) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    static func readString(_ json: [UInt8]) throws -> [UInt8] {
        try json.withUnsafeBufferPointer { buffer in
            var cursor = JSONCursor(buffer.span)
            let bytes = try cursor.string()
            #expect(cursor.index == buffer.count)
            return bytes
        }
    }

    @Test("Any string the JSON writer writes reads back byte for byte")
    func stringsRoundTrip() async throws {
        await propertyCheck(count: 1500, input: Self.scalar.array(of: 0...60)) { scalars in
            let original = Self.text(scalars)
            var writer = JSONWriter()
            writer.string(original)
            let written = Array(writer.text.utf8)
            #expect(!written.dropFirst().dropLast().contains { $0 < 0x20 }, "a raw control byte in \(writer.text)")
            #expect(try Self.readString(written) == Array(original.utf8))
            // The same bytes after skipping: skipString passes exactly the string.
            try written.withUnsafeBufferPointer { buffer in
                var cursor = JSONCursor(buffer.span)
                try cursor.skipString()
                #expect(cursor.index == buffer.count)
            }
        }
    }

    @Test("Every scalar written as \\u escapes (astral ones as surrogate pairs) reads back as that scalar")
    func unicodeEscapes() async throws {
        await propertyCheck(count: 1000, input: Self.scalar.array(of: 0...30)) { scalars in
            var json = "\""
            for scalar in scalars {
                for unit in String(scalar).utf16 { json += String(format: "\\u%04X", unit) }
            }
            json += "\""
            let decoded = try Self.readString(Array(json.utf8))
            #expect(decoded == Array(Self.text(scalars).utf8), "\(json)")
        }
    }

    @Test("Broken escapes are refused, never read past the end", arguments: [
        #""\u"#, #""\uD800""#, #""\uD800\u0041""#, #""\uDC00""#, #""\uD83D\uDE0"#, #""\x""#, #""abc"#, "\"\u{1}\"", #""\"#,
    ])
    func brokenEscapes(json: String) {
        #expect(throws: LineProblem.self) { try Self.readString(Array(json.utf8)) }
    }

    // MARK: - Timestamps

    static func padded(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    @Test("Timestamp parsing agrees with Foundation's ISO 8601 parser on generated dates and zones")
    func timestampsAgreeWithFoundation() async throws {
        await propertyCheck(
            count: 1500,
            input: Gen.int(in: 1970...2199), Gen.int(in: 1...12), Gen.int(in: 1...31),
            Gen.int(in: 0...86_399), Self.digit.array(of: 0...3),
            Gen.int(in: -14 * 60...14 * 60).optional(valueRate: 0.5)
        ) { year, month, rawDay, secondOfDay, fraction, zoneMinutes in
            let days = [31, (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            let day = min(rawDay, days[month - 1])
            var text = "\(Self.padded(year, 4))-\(Self.padded(month, 2))-\(Self.padded(day, 2))T"
            text += "\(Self.padded(secondOfDay / 3600, 2)):\(Self.padded(secondOfDay / 60 % 60, 2)):\(Self.padded(secondOfDay % 60, 2))"
            if !fraction.isEmpty { text += "." + fraction.map(String.init).joined() }
            if let zoneMinutes {
                let size = abs(zoneMinutes)
                text += (zoneMinutes < 0 ? "-" : "+") + Self.padded(size / 60, 2) + ":" + Self.padded(size % 60, 2)
            } else {
                text += "Z"
            }
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = fraction.isEmpty ? [.withInternetDateTime] : [.withInternetDateTime, .withFractionalSeconds]
            let reference = try #require(formatter.date(from: text), "Foundation refuses \(text)").timeIntervalSince1970
            let parsed = try #require(Timestamp.seconds(Array(text.utf8)), "refused \(text)")
            // Foundation keeps milliseconds; the fraction written here has at most three digits.
            #expect(abs(parsed - reference) < 0.0005, "\(text): \(parsed) against Foundation's \(reference)")
        }
    }

    @Test("Timestamp text agrees with Foundation's formatter, any time within a millisecond gives its text, and the text reads back to itself")
    func timestampTextAgreesWithFoundation() async throws {
        await propertyCheck(count: 2000, input: Gen.int(in: 0...4_102_444_799_999), Gen.int(in: 0...999)) { milliseconds, microseconds in
            let seconds = Double(milliseconds) / 1000
            let text = Timestamp.text(seconds)
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            #expect(text == formatter.string(from: Date(timeIntervalSince1970: seconds)), "\(milliseconds) ms")
            let within = seconds + Double(microseconds) * 0.000_000_999
            #expect(Timestamp.text(within) == text, "\(within) s")
            let back = try #require(Timestamp.seconds(Array(text.utf8)))
            #expect(Timestamp.text(back) == text, "\(text) read back as \(back)")
        }
    }

    @Test("Malformed times are refused", arguments: [
        "2026-02-29T10:00:00Z", "2026-13-01T10:00:00Z", "2026-11-23T24:00:00Z", "2026-11-23T10:60:00Z",
        "2026-11-23T10:15:02.Z", "2026-11-23T10:15:02", "2026-11-23T10:15:02+01", "2026-11-23T10:15:02+24:00",
        "2026-11-23T10:15:02ZZ", "20261123T101502Z", "2026-11-23T10:15:02.123", "",
    ])
    func malformedTimes(text: String) {
        #expect(Timestamp.seconds(Array(text.utf8)) == nil)
    }

    // MARK: - History records

    static let word = Self.scalar.array(of: 0...16).map { Self.text($0) }
    static let name = Self.scalar.array(of: 1...16).map { Self.text($0) }
    static let wpm = Gen.int(in: 0...2500).map { Double($0) / 10 }
    static let percent = Gen.int(in: 0...1000).map { Double($0) / 10 }
    static let count = Gen.int(in: 0...100_000)

    static let flag = zip(Self.name, Gen.int(in: 0...36_000).map { Double($0) / 10 }.optional, Self.word)
        .map { HistoryRecord.Flag(name: $0, atSeconds: $1, detail: $2) }
    static let key = zip(Self.name, Self.count, Self.count, Gen.int(in: 0...100_000).map { Double($0) / 10 }.optional)
        .map { HistoryRecord.Key(character: $0, typed: $1, errors: $2, meanMilliseconds: $3) }
    static let bigram = zip(Self.name, Self.count, Gen.int(in: 0...100_000).map { Double($0) / 10 })
        .map { HistoryRecord.Bigram(bigram: $0, count: $1, meanMilliseconds: $2) }

    /// Identity and rules: who, when, under what.
    static let identity = zip(
        Self.name, Gen.int(in: 946_684_800_000...4_102_444_799_999), Gen<HistoryRecord.Mode?>.element(of: HistoryRecord.Mode.allCases).map { $0! },
        Self.word.optional, Self.word.optional, Gen.int(in: 1...20).optional, Self.word.array(of: 0...4),
        Gen.int(in: 1...3600).map(Double.init).optional, Gen.bool.optional
    )
    /// The figures.
    static let figures = zip(
        Self.count, Gen.int(in: 0...36_000).map { Double($0) / 10 }, Gen.bool, Self.wpm, Self.wpm, Self.percent,
        Self.percent.optional, Self.count.array(of: 6), Gen.int(in: 0...5000).map { Double($0) / 1000 }.optional
    )
    static let details = zip(
        Self.flag.array(of: 0...3), Self.key.array(of: 0...6), Self.bigram.array(of: 0...4), Self.wpm.array(of: 0...40),
        Self.word.optional, Self.word.optional, Self.count.optional, Gen.bool
    )

    /// 64 hex digits standing for a SHA-256 (the reader checks only that it is text).
    static func hex64(_ text: String) -> String {
        var state: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { state = (state ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return (0..<4).map { round in String(format: "%016llx", state &+ UInt64(round) &* 0x9e37_79b9_7f4a_7c15) }.joined()
    }

    /// A record from generated identity, figures and details.
    static func record(
        _ identity: (String, Int, HistoryRecord.Mode, String?, String?, Int?, [String], Double?, Bool?),
        _ figures: (Int, Double, Bool, Double, Double, Double, Double?, [Int], Double?),
        _ details: ([HistoryRecord.Flag], [HistoryRecord.Key], [HistoryRecord.Bigram], [Double], String?, String?, Int?, Bool)
    ) throws -> HistoryRecord {
        var record = HistoryRecord()
        (record.id, record.mode, record.candidate, record.assessment, record.attempt, record.passages, record.timeLimit, record.backspace) =
            (identity.0, identity.2, identity.3, identity.4, identity.5, identity.6, identity.7, identity.8)
        // A time as the format holds it: to the millisecond, as its reader makes it.
        record.time = try #require(Timestamp.seconds(Array(Timestamp.text(Double(identity.1) / 1000).utf8)))
        record.attempts = identity.5.map { $0 + 1 }
        record.configHash = identity.4.map { Self.hex64($0) }
        record.textHash = Self.hex64(identity.0)
        (record.textCharacters, record.elapsedSeconds, record.completed, record.netWPM, record.grossWPM, record.accuracy, record.keystrokeAccuracy) =
            (figures.0, figures.1, figures.2, figures.3, figures.4, figures.5, figures.6)
        let counts = figures.7
        (record.characters, record.uncorrectedErrors, record.wordErrors, record.substitutions, record.insertions, record.omissions) =
            (counts[0], counts[1], counts[2], counts[3], counts[4], counts[5])
        (record.correctedErrors, record.keystrokes, record.kspc, record.consistency) = (counts[1] / 2, counts[0] * 2, figures.8, figures.6)
        (record.flags, record.keys, record.bigrams, record.timeline, record.log, record.signature, record.maximumErrors, record.meetsBar) =
            (details.0, details.1, details.2, details.3, details.4, details.5, details.6, details.7)
        record.logHash = details.4.map { Self.hex64($0) }
        record.barWPM = 40
        record.minimumAccuracy = 95
        record.verdict = details.7 ? "meets the bar" : "below the bar"
        record.typebarVersion = TypeBarVersion.current
        return record
    }

    @Test("Any history record written as a line reads back equal, whole and as a summary")
    func historyRecordsRoundTrip() async throws {
        await propertyCheck(count: 400, input: Self.identity, Self.figures, Self.details) { identity, figures, details in
            let record = try Self.record(identity, figures, details)
            let line = Array(record.jsonLine.utf8)
            #expect(!line.contains(0x0A), "a record line holds a newline")
            let read = line.withUnsafeBufferPointer { HistoryLine.record(from: $0) }
            guard case .success(let back) = read else {
                Issue.record("refused its own line: \(read)\n\(record.jsonLine)")
                return
            }
            #expect(back == record, "\(record.jsonLine)")
            #expect(back.jsonLine == record.jsonLine)
            let summary = line.withUnsafeBufferPointer { HistoryLine.record(from: $0, detail: .summary) }
            if case .success(let short) = summary {
                #expect((short.id, short.time, short.mode, short.candidate, short.netWPM, short.accuracy) ==
                        (record.id, record.time, record.mode, record.candidate, record.netWPM, record.accuracy))
            } else {
                Issue.record("the summary reader refused: \(summary)")
            }
        }
    }

    // MARK: - Never a trap

    /// Lines of each format, whole and valid, for the mutations below to start from.
    static let validLines: [[UInt8]] = {
        var record = HistoryRecord()
        (record.id, record.time, record.mode, record.candidate, record.timeline) = ("20261201T120000-0a0b0c0d", 1_795_000_000.5, .assessment, "Ana", [12.5, 30])
        (record.flags, record.keys) = ([HistoryRecord.Flag(name: "paste", atSeconds: 3, detail: "d")], [HistoryRecord.Key(character: "é", typed: 3, errors: 1, meanMilliseconds: 120)])
        return [
            Array(record.jsonLine.utf8),
            Array(#"{"format":"typebar-keystrokes","version":1,"text":"Hi \"S\u00e9\ud83d\ude00","time_limit":60,"backspace":false}"#.utf8),
            Array(#"{"t":183.4,"ch":"\u00e9"}"#.utf8),
            Array(#"{"t":5210,"event":"paste","characters":42}"#.utf8),
            Array("2026-12-01T12:34:08.735+01:30".utf8),
        ]
    }()

    @Test("The line readers never trap on damaged lines or random bytes (checked in a child process)")
    func readersNeverTrap() async {
        await #expect(processExitsWith: .success) {
            var random = Xoshiro(seed: (0x6c69_6e65, 0x7265_6164, 0x6572_7321, 0x2a2a_2a2a))
            let alphabet = Array(#"{}[]":,.-+eE0123456789 tfnrulsa\u"#.utf8) + [0x00, 0x0A, 0x0D, 0x1F, 0x7F, 0xC3, 0xA9, 0xED, 0xA0, 0xF0, 0x9F, 0xFF]
            func byte() -> UInt8 { alphabet[Int.random(in: 0..<alphabet.count, using: &random)] }
            for round in 0..<10_000 {
                var bytes: [UInt8]
                if round % 4 == 0 {
                    bytes = (0..<Int.random(in: 0...120, using: &random)).map { _ in byte() }
                } else {
                    // A valid line with a few bytes changed, inserted, removed or repeated.
                    bytes = CodecPropertyTests.validLines[round % CodecPropertyTests.validLines.count]
                    for _ in 0..<Int.random(in: 1...4, using: &random) {
                        let at = Int.random(in: 0...bytes.count, using: &random)
                        switch Int.random(in: 0..<4, using: &random) {
                        case 0 where at < bytes.count: bytes[at] = byte()
                        case 1: bytes.insert(byte(), at: at)
                        case 2 where at < bytes.count: bytes.remove(at: at)
                        default: bytes.insert(contentsOf: bytes[at...].prefix(Int.random(in: 1...12, using: &random)), at: at)
                        }
                    }
                }
                bytes.withUnsafeBufferPointer { buffer in
                    _ = HistoryLine.record(from: buffer)
                    _ = HistoryLine.record(from: buffer, detail: .summary)
                    _ = EventLineScanner.event(from: buffer)
                    _ = try? KeystrokeLogHeader.parse(buffer, path: "log.jsonl")
                    _ = Timestamp.seconds(buffer)
                    var cursor = JSONCursor(buffer.span)
                    _ = try? cursor.skipValue(depth: 0)
                }
            }
        }
    }
}
