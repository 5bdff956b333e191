import SystemPackage
import TypeBarCore

/// Writes compact JSON straight into bytes, flushing to a file descriptor as it goes when given one, so a large
/// report (a long timeline) never sits in memory as a tree of values or one huge string.
public struct JSONWriter {
    private var bytes: [UInt8] = []
    private let descriptor: FileDescriptor?
    /// Why a write to the descriptor failed; nothing more is written after that.
    private var failure: String?
    /// How many arrays and objects are open, and for the first 64 of them a bit each: whether it already holds an
    /// element (a comma is due before the next). Deeper ones keep theirs in `deeper`.
    private var depth = 0
    private var filled: UInt64 = 0
    private var deeper: [Bool] = []
    private var afterKey = false

    /// Collects the JSON in memory (`text`).
    public init() {
        descriptor = nil
        bytes.reserveCapacity(256)
    }

    /// Collects the JSON in `bytes`, emptied but keeping its capacity: for writing many values one after another
    /// without a new allocation each (`takeBytes()` gives them back).
    public init(reusing bytes: consuming [UInt8]) {
        descriptor = nil
        self.bytes = bytes
        self.bytes.removeAll(keepingCapacity: true)
    }

    /// Writes to `descriptor` in 64 KiB pieces; call `finish()` at the end.
    public init(descriptor: FileDescriptor) {
        self.descriptor = descriptor
        bytes.reserveCapacity(1 << 16)
    }

    /// How many bytes are written so far (in memory).
    public var count: Int { bytes.count }

    /// The bytes written, leaving the writer empty.
    public mutating func takeBytes() -> [UInt8] {
        defer { bytes = [] }
        return bytes
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    public mutating func beginObject() { separate(); bytes.append(UInt8(ascii: "{")); open() }
    public mutating func endObject() { close(); bytes.append(UInt8(ascii: "}")); flushIfFull() }
    public mutating func beginArray() { separate(); bytes.append(UInt8(ascii: "[")); open() }
    public mutating func endArray() { close(); bytes.append(UInt8(ascii: "]")); flushIfFull() }

    public mutating func key(_ name: String) {
        separate()
        appendString(name)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    /// Whole numbers below 10^15 as integers; numbers with at most six decimals (most figures: 28.6, 30.079112)
    /// from their digits, the text the standard library's shortest form gives (the writer's tests check it); any
    /// other number as the standard library writes it.
    public mutating func number(_ value: Double?) {
        separate()
        guard let value, value.isFinite else { appendLiteral("null"); return }
        if value == value.rounded(), abs(value) < 1e15 {
            appendInteger(Int(value))
        } else if let (digits, places) = JSONWriter.shortDecimal(value) {
            appendDecimal(digits, places: places)
        } else {
            bytes.append(contentsOf: value.description.utf8)
        }
    }

    public mutating func int(_ value: Int) { separate(); appendInteger(value) }
    public mutating func bool(_ value: Bool) { separate(); appendLiteral(value ? "true" : "false") }
    public mutating func null() { separate(); appendLiteral("null") }
    public mutating func string(_ value: String) { separate(); appendString(value) }

    /// Writes any built value.
    public mutating func value(_ value: JSONValue) {
        switch value {
        case .null: null()
        case .bool(let flag): bool(flag)
        case .int(let whole): int(whole)
        case .number(let number): self.number(number)
        case .string(let text): string(text)
        case .array(let values):
            beginArray()
            for element in values { self.value(element) }
            endArray()
        case .object(let fields):
            beginObject()
            for (name, element) in fields {
                key(name)
                self.value(element)
            }
            endObject()
        }
    }

    /// Writes what is left (with a newline when writing to a descriptor); fails when any write did.
    public mutating func finish() throws(TypeBarError) {
        guard descriptor != nil else { return }
        bytes.append(0x0A)
        flush()
        if let failure { throw .cannotWrite(path: "standard output", reason: failure) }
    }

    private mutating func separate() {
        if afterKey {
            afterKey = false
            return
        }
        guard depth > 0 else { return }
        if depth > 64 {
            if deeper[deeper.count - 1] { bytes.append(UInt8(ascii: ",")) }
            deeper[deeper.count - 1] = true
            return
        }
        let bit: UInt64 = 1 << UInt64(depth - 1)
        if filled & bit != 0 { bytes.append(UInt8(ascii: ",")) }
        filled |= bit
    }

    private mutating func open() {
        depth += 1
        if depth > 64 {
            deeper.append(false)
        } else {
            filled &= ~(1 << UInt64(depth - 1))
        }
    }

    private mutating func close() {
        precondition(depth > 0, "JSONWriter: more arrays or objects closed than opened")
        if depth > 64 { deeper.removeLast() }
        depth -= 1
    }

    /// A number with at most six decimals as (its digits, how many of them are decimals): the smallest number of
    /// places whose digits read back as `value` exactly. Below 10^15 digits a double holds every such digit string
    /// exactly and the division by a power of ten is correctly rounded, so digits / 10^places == value says the text
    /// reads back as `value`, and the fewest places is the shortest text, the one the standard library writes (which
    /// writes numbers from 0.0001 to 2^53 without an exponent).
    static func shortDecimal(_ value: Double) -> (Int, Int)? {
        guard abs(value) >= 0.001, abs(value) < 1e9 else { return nil }
        for places in 1...6 {
            let scale = JSONWriter.powersOfTen[places]
            let digits = (value * scale).rounded()
            if abs(digits) < 1e15, digits / scale == value { return (Int(digits), places) }
        }
        return nil
    }

    private static let powersOfTen: [Double] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000]

    private mutating func appendLiteral(_ word: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount))
    }

    /// The decimal digits of `value`, without a String in between.
    private mutating func appendInteger(_ value: Int) {
        guard value != Int.min else { bytes.append(contentsOf: String(value).utf8); return }
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(value.magnitude, places: 0)
    }

    /// `digits` with a decimal point `places` digits from the right: 286, 1 is 28.6; 5, 2 is 0.05.
    private mutating func appendDecimal(_ digits: Int, places: Int) {
        if digits < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(digits.magnitude, places: places)
    }

    /// The decimal digits of `value`, with a point before the last `places` of them (and zeros before it when
    /// there are fewer digits than that), written from the right into a buffer on the stack and copied once.
    private mutating func appendDigits(_ value: UInt, places: Int) {
        // 20 digits (UInt.max), a point and a zero before it at most.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
            var rest = value
            var start = buffer.count
            var written = 0
            repeat {
                if written == places && places > 0 {
                    start -= 1
                    buffer[start] = UInt8(ascii: ".")
                }
                start -= 1
                buffer[start] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
                written += 1
            } while rest > 0 || written <= places && places > 0
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start...]))
        }
    }

    private mutating func appendString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { utf8 in
            // Runs of bytes that need no escape go in one copy each.
            var start = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                appendEscaped(byte)
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        if done == nil {
            for byte in text.utf8 {
                if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { appendEscaped(byte) } else { bytes.append(byte) }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A quote, a backslash or a control character, escaped.
    private mutating func appendEscaped(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            let hex: StaticString = "0123456789abcdef"
            bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex.utf8Start[Int(byte >> 4)], hex.utf8Start[Int(byte & 0xF)]])
        }
    }

    private mutating func flushIfFull() {
        if descriptor != nil && bytes.count >= 1 << 16 { flush() }
    }

    private mutating func flush() {
        guard let descriptor else { return }
        if failure == nil {
            failure = writeAll(bytes, to: descriptor)
        }
        bytes.removeAll(keepingCapacity: true)
    }
}
