import TypeBarCore

/// Reads one event line of a keystroke log, byte by byte, with exact JSON string-escape and number handling.
///
/// A general JSON decoder per line costs more than scoring the keystroke; this reads only what an event needs
/// (`t`, `ch`, `key`) and skips any other field, whatever JSON value it holds.
struct EventLineScanner {
    /// Nesting deeper than this in an ignored field is refused rather than followed.
    static let maximumDepth = 32

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The keystroke on `line`, or a message saying what is wrong with it.
    static func keystroke(from line: UnsafeBufferPointer<UInt8>) -> Result<Keystroke, LineProblem> {
        var scanner = EventLineScanner(line)
        do {
            return .success(try scanner.event())
        } catch {
            return .failure(error)
        }
    }

    // MARK: - The event object

    private mutating func event() throws(LineProblem) -> Keystroke {
        skipWhitespace()
        guard peek() == UInt8(ascii: "{") else { throw LineProblem("expected a JSON object like {\"t\": 120, \"ch\": \"a\"}") }
        index += 1
        var time: Double?
        var character: Character?
        var key: KeyName?
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            index += 1
        } else {
            while true {
                skipWhitespace()
                let field = try fieldName()
                skipWhitespace()
                try expect(UInt8(ascii: ":"), "expected ':' after a field name")
                skipWhitespace()
                switch field {
                case .t:
                    guard peek() == UInt8(ascii: "-") || isDigit(peek()) else { throw LineProblem("\"t\" must be a number of milliseconds") }
                    time = try number()
                case .ch:
                    guard peek() == UInt8(ascii: "\"") else { throw LineProblem("\"ch\" must be a string holding one character") }
                    character = try singleCharacter()
                case .key:
                    guard peek() == UInt8(ascii: "\"") else { throw LineProblem("\"key\" must be \"backspace\" or \"word-backspace\"") }
                    key = try keyName()
                case .other:
                    try skipValue(depth: 1)
                }
                skipWhitespace()
                if peek() == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                try expect(UInt8(ascii: "}"), "expected ',' or '}' in the event object")
                break
            }
        }
        skipWhitespace()
        guard index == bytes.count else { throw LineProblem("unexpected text after the event object") }

        guard let time else { throw LineProblem("the event has no \"t\" (milliseconds since the session started)") }
        guard time.isFinite else { throw LineProblem("\"t\" is not a finite number") }
        guard time >= 0 else { throw LineProblem("\"t\" is negative (\(time)); times count from the session's start") }
        switch (character, key) {
        case (let character?, nil): return .character(character, at: time)
        case (nil, .backspace?): return .backspace(at: time)
        case (nil, .wordBackspace?): return .wordBackspace(at: time)
        case (nil, nil): throw LineProblem("the event has neither \"ch\" nor \"key\"")
        case (_?, _?): throw LineProblem("the event has both \"ch\" and \"key\"; give one per line")
        }
    }

    private enum Field { case t, ch, key, other }
    private enum KeyName { case backspace, wordBackspace }

    private mutating func fieldName() throws(LineProblem) -> Field {
        guard peek() == UInt8(ascii: "\"") else { throw LineProblem("expected a field name in double quotes") }
        // Fast path: a short name without escapes is compared in place, with no allocation.
        var end = index + 1
        while end < bytes.count && end - index <= 4 && bytes[end] != UInt8(ascii: "\"") && bytes[end] != UInt8(ascii: "\\") && bytes[end] >= 0x20 { end += 1 }
        if end < bytes.count && bytes[end] == UInt8(ascii: "\"") {
            let length = end - index - 1
            let first = length > 0 ? bytes[index + 1] : 0
            index = end + 1
            switch length {
            case 1 where first == UInt8(ascii: "t"): return .t
            case 2 where first == UInt8(ascii: "c") && bytes[end - 1] == UInt8(ascii: "h"): return .ch
            case 3 where first == UInt8(ascii: "k") && bytes[end - 2] == UInt8(ascii: "e") && bytes[end - 1] == UInt8(ascii: "y"): return .key
            default: return .other
            }
        }
        let name = try string()
        switch name {
        case [UInt8(ascii: "t")]: return .t
        case [UInt8(ascii: "c"), UInt8(ascii: "h")]: return .ch
        case [UInt8(ascii: "k"), UInt8(ascii: "e"), UInt8(ascii: "y")]: return .key
        default: return .other
        }
    }

    private mutating func singleCharacter() throws(LineProblem) -> Character {
        // Fast path: one plain ASCII character between quotes.
        if index + 2 < bytes.count, bytes[index + 2] == UInt8(ascii: "\"") {
            let byte = bytes[index + 1]
            if byte >= 0x20, byte < 0x80, byte != UInt8(ascii: "\\"), byte != UInt8(ascii: "\"") {
                index += 3
                return Character(Unicode.Scalar(byte))
            }
        }
        let utf8 = try string()
        guard let text = String(validating: utf8, as: UTF8.self) else { throw LineProblem("\"ch\" is not valid UTF-8") }
        guard text.count == 1, let character = text.first else {
            throw LineProblem(text.isEmpty ? "\"ch\" is empty; it must hold exactly one character" : "\"ch\" holds \(text.count) characters (\(quoted(text))); give one character per line")
        }
        return character
    }

    private mutating func keyName() throws(LineProblem) -> KeyName {
        let name = try string()
        if name.elementsEqual("backspace".utf8) { return .backspace }
        if name.elementsEqual("word-backspace".utf8) { return .wordBackspace }
        let shown = String(decoding: name.prefix(40), as: UTF8.self)
        throw LineProblem("unknown key \(quoted(shown)); the keys are \"backspace\" and \"word-backspace\"")
    }

    // MARK: - JSON pieces

    /// A JSON string's bytes, with escapes decoded. The cursor is on the opening quote.
    private mutating func string() throws(LineProblem) -> [UInt8] {
        index += 1
        var result: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return result
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { break }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): result.append(escape)
                case UInt8(ascii: "b"): result.append(0x08)
                case UInt8(ascii: "f"): result.append(0x0C)
                case UInt8(ascii: "n"): result.append(0x0A)
                case UInt8(ascii: "r"): result.append(0x0D)
                case UInt8(ascii: "t"): result.append(0x09)
                case UInt8(ascii: "u"): try appendUnicodeEscape(to: &result)
                default: throw LineProblem("invalid escape \\\(Character(Unicode.Scalar(escape))) in a string")
                }
            case 0..<0x20:
                throw LineProblem("a control character (byte \(byte)) inside a string; write it as a \\u escape")
            default:
                result.append(byte)
            }
        }
        throw LineProblem("a string is not closed with '\"'")
    }

    private mutating func appendUnicodeEscape(to result: inout [UInt8]) throws(LineProblem) {
        let first = try hexQuad()
        var scalarValue = UInt32(first)
        if (0xD800...0xDBFF).contains(first) {
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                throw LineProblem("a \\u escape holds half of a surrogate pair")
            }
            index += 2
            let second = try hexQuad()
            guard (0xDC00...0xDFFF).contains(second) else { throw LineProblem("a \\u escape holds half of a surrogate pair") }
            scalarValue = 0x10000 + ((UInt32(first) - 0xD800) << 10) + (UInt32(second) - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(first) {
            throw LineProblem("a \\u escape holds half of a surrogate pair")
        }
        guard let scalar = Unicode.Scalar(scalarValue) else { throw LineProblem("a \\u escape is not a Unicode character") }
        result.append(contentsOf: String(Character(scalar)).utf8)
    }

    private mutating func hexQuad() throws(LineProblem) -> UInt16 {
        guard index + 4 <= bytes.count else { throw LineProblem("a \\u escape needs four hex digits") }
        var value: UInt16 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw LineProblem("a \\u escape needs four hex digits")
            }
            value = value << 4 | UInt16(digit)
            index += 1
        }
        return value
    }

    /// A JSON number. Short decimals take Clinger's exact fast path; anything else goes to the standard library.
    private mutating func number() throws(LineProblem) -> Double {
        let start = index
        var negative = false
        if peek() == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var exponentSeen = false
        guard isDigit(peek()) else { throw LineProblem("malformed number") }
        if peek() == UInt8(ascii: "0") {
            index += 1
            if isDigit(peek()) { throw LineProblem("malformed number (leading zero)") }
            digits = 1
        } else {
            while isDigit(peek()) {
                if digits < 19 { mantissa = mantissa * 10 + UInt64(bytes[index] - UInt8(ascii: "0")) }
                digits += 1
                index += 1
            }
        }
        if peek() == UInt8(ascii: ".") {
            index += 1
            guard isDigit(peek()) else { throw LineProblem("malformed number (no digits after '.')") }
            while isDigit(peek()) {
                if digits < 19 { mantissa = mantissa * 10 + UInt64(bytes[index] - UInt8(ascii: "0")) }
                digits += 1
                fractionDigits += 1
                index += 1
            }
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            exponentSeen = true
            index += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { index += 1 }
            guard isDigit(peek()) else { throw LineProblem("malformed number (no digits in the exponent)") }
            while isDigit(peek()) { index += 1 }
        }
        // Exact: both operands are exactly representable, so one correctly rounded division gives the nearest double.
        if !exponentSeen && digits <= 15 && fractionDigits <= 22 {
            let value = Double(mantissa) / EventLineScanner.powersOfTen[fractionDigits]
            return negative ? -value : value
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let value = Double(text) else { throw LineProblem("malformed number") }
        return value
    }

    private static let powersOfTen: [Double] = (0...22).map { power in
        var value = 1.0
        for _ in 0..<power { value *= 10 }
        return value
    }

    /// Skips any JSON value of a field typebar does not read.
    private mutating func skipValue(depth: Int) throws(LineProblem) {
        guard depth <= EventLineScanner.maximumDepth else { throw LineProblem("a field is nested too deeply") }
        switch peek() {
        case UInt8(ascii: "\""):
            _ = try string()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let close = peek() == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
            let isObject = close == UInt8(ascii: "}")
            index += 1
            skipWhitespace()
            if peek() == close {
                index += 1
                return
            }
            while true {
                skipWhitespace()
                if isObject {
                    guard peek() == UInt8(ascii: "\"") else { throw LineProblem("expected a field name in double quotes") }
                    _ = try string()
                    skipWhitespace()
                    try expect(UInt8(ascii: ":"), "expected ':' after a field name")
                    skipWhitespace()
                }
                try skipValue(depth: depth + 1)
                skipWhitespace()
                if peek() == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                try expect(close, "expected ',' or '\(Character(Unicode.Scalar(close)))'")
                return
            }
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default:
            _ = try number()
        }
    }

    private mutating func literal(_ word: StaticString) throws(LineProblem) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw LineProblem("malformed value") }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
            throw LineProblem("malformed value")
        }
        index += count
    }

    private func peek() -> UInt8? {
        index < bytes.count ? bytes[index] : nil
    }

    private func isDigit(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func expect(_ byte: UInt8, _ problem: String) throws(LineProblem) {
        guard peek() == byte else { throw LineProblem(problem) }
        index += 1
    }
}

/// What is wrong with one line, without the file and line number (the reader adds those).
struct LineProblem: Error, Equatable {
    var message: String
    init(_ message: String) { self.message = message }
}

/// A value quoted for an error message, long values cut short.
func quoted(_ text: String) -> String {
    let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
    var escaped = ""
    for scalar in shown.unicodeScalars {
        switch scalar {
        case "\"": escaped += "\\\""
        case "\\": escaped += "\\\\"
        case _ where scalar.value < 0x20 || scalar.value == 0x7F: escaped += "\\u{\(String(scalar.value, radix: 16))}"
        default: escaped.unicodeScalars.append(scalar)
        }
    }
    return "\"\(escaped)\""
}
