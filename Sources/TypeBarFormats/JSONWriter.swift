import SystemPackage
import TypeBarCore

/// Writes compact JSON straight into bytes, flushing to a file descriptor as it goes when given one, so a large
/// report (a long timeline) never sits in memory as a tree of values or one huge string.
public struct JSONWriter {
    private var bytes: [UInt8] = []
    private let descriptor: FileDescriptor?
    /// Why a write to the descriptor failed; nothing more is written after that.
    private var failure: String?
    /// Whether the current container already holds an element (a comma is due before the next).
    private var hasElement: [Bool] = []
    private var afterKey = false

    /// Collects the JSON in memory (`text`).
    public init() {
        descriptor = nil
        bytes.reserveCapacity(256)
    }

    /// Writes to `descriptor` in 64 KiB pieces; call `finish()` at the end.
    public init(descriptor: FileDescriptor) {
        self.descriptor = descriptor
        bytes.reserveCapacity(1 << 16)
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    public mutating func beginObject() { separate(); bytes.append(UInt8(ascii: "{")); hasElement.append(false) }
    public mutating func endObject() { hasElement.removeLast(); bytes.append(UInt8(ascii: "}")); flushIfFull() }
    public mutating func beginArray() { separate(); bytes.append(UInt8(ascii: "[")); hasElement.append(false) }
    public mutating func endArray() { hasElement.removeLast(); bytes.append(UInt8(ascii: "]")); flushIfFull() }

    public mutating func key(_ name: String) {
        separate()
        appendString(name)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    public mutating func number(_ value: Double?) {
        separate()
        guard let value, value.isFinite else { bytes.append(contentsOf: "null".utf8); return }
        if value == value.rounded(), abs(value) < 1e15 {
            bytes.append(contentsOf: String(Int(value)).utf8)
        } else {
            bytes.append(contentsOf: value.description.utf8)
        }
    }

    public mutating func int(_ value: Int) { separate(); bytes.append(contentsOf: String(value).utf8) }
    public mutating func bool(_ value: Bool) { separate(); bytes.append(contentsOf: (value ? "true" : "false").utf8) }
    public mutating func null() { separate(); bytes.append(contentsOf: "null".utf8) }
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
        guard let last = hasElement.last else { return }
        if last { bytes.append(UInt8(ascii: ",")) }
        hasElement[hasElement.count - 1] = true
    }

    private mutating func appendString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
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
