import PropertyBased
import Testing
@testable import TypeBarFormats

/// The JSON writer's own number digits against the standard library's text, and a record's JSON bytes (what an
/// import copies into a store) against its line.
@Suite("The JSON writer writes numbers as the standard library does, and a record's bytes as its line")
struct JSONWriterTests {
    /// Numbers as the writer wrote them before it made their digits itself: a whole number below 10^15 through
    /// Int, any other finite number as the standard library's description, anything else as null.
    static func reference(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        return value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : value.description
    }

    static func written(_ value: Double) -> String {
        var writer = JSONWriter()
        writer.number(value)
        return writer.text
    }

    static let powersOfTen: [Double] = (0...12).map { power in (0..<power).reduce(1.0) { value, _ in value * 10 } }

    @Test("Decimals of any size with up to twelve places are written as the standard library writes them")
    func decimalsAgree() async {
        await propertyCheck(count: 20_000, input: Gen.int(in: -(1 << 53)...(1 << 53)), Gen.int(in: 0...12), Gen.int(in: 0...15)) { digits, places, cut in
            // Digits of every length: the whole range, and shorter runs like 286 or 30079112.
            var shortened = digits
            for _ in 0..<cut { shortened /= 10 }
            for value in [Double(digits), Double(shortened)].map({ $0 / Self.powersOfTen[places] }) {
                #expect(Self.written(value) == Self.reference(value), "\(value.description)")
            }
        }
    }

    @Test("Any double, by its bits, is written as the standard library writes it")
    func anyDoubleAgrees() async {
        await propertyCheck(count: 20_000, input: Gen<UInt64>.value()) { bits in
            let value = Double(bitPattern: bits)
            #expect(Self.written(value) == Self.reference(value), "\(value.description)")
        }
    }

    @Test("The edges: around the six decimals written from digits, 0.001 and 10^9, sums that are not short decimals")
    func numberEdges() {
        let values: [Double] = [
            0.001, 0.000999, 0.0015, 0.1, 0.2, 0.1 + 0.2, 0.3, 1.1, 2.675, 28.6, -28.6, 30.079112, 99.99999999,
            999_999_999.5, 1e9 + 0.5, 123_456_789.123456, 0.000001, 1.0000001, 1e15 - 0.5, 1e15, 1e15 + 2, 1e16, -0.0,
            -0.05, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 9_007_199_254_740_992, 9_007_199_254_740_994, .nan,
            .infinity, -.infinity,
        ]
        for value in values {
            #expect(Self.written(value) == Self.reference(value), "\(value.description)")
        }
        for value in [0, 7, -7, 10, 1_000_000, Int.max, Int.min, -1 << 53] {
            var writer = JSONWriter()
            writer.int(value)
            #expect(writer.text == String(value))
        }
    }

    @Test("Commas fall between elements at every depth, past the 64 levels the writer tracks in one word too")
    func commasAtEveryDepth() {
        for depth in [1, 63, 64, 65, 100] {
            var writer = JSONWriter()
            var expected = ""
            for level in 0..<depth {
                writer.beginArray()
                writer.int(level)
                writer.beginObject()
                writer.key("k")
                writer.bool(true)
                writer.endObject()
                expected += "[\(level),{\"k\":true},"
            }
            writer.null()
            expected += "null"
            for _ in 0..<depth {
                writer.endArray()
                expected += "]"
            }
            #expect(writer.text == expected, "depth \(depth)")
        }
    }

    @Test("A record's JSON bytes are its line, and with its per-key table, bigrams and timeline cut out its figures")
    func recordBytesAndFigures() async throws {
        await propertyCheck(count: 400, input: CodecPropertyTests.identity, CodecPropertyTests.figures, CodecPropertyTests.details, Gen.int(in: 0...2)) {
            identity, figures, details, step in
            var record = try CodecPropertyTests.record(identity, figures, details)
            record.timelineStep = [1, 2, 0.5][step]
            // Written over bytes that held something else: the record's bytes and nothing more.
            var bytes = Array(repeating: UInt8(ascii: "x"), count: 3000)
            let details = record.writeJSON(into: &bytes)
            #expect(bytes == Array(record.jsonLine.utf8))
            var emptied = record
            (emptied.keys, emptied.bigrams, emptied.timeline) = ([], [], [])
            let figures = Array(bytes[..<details.lowerBound]) + HistoryRecord.emptyDetails + Array(bytes[details.upperBound...])
            #expect(figures == Array(emptied.jsonLine.utf8), "\(record.jsonLine)")
        }
    }
}
