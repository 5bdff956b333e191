/// A read position in one line of JSON bytes, with exact string-escape and number handling. The readers of each
/// typebar format (keystroke events, history records) are extensions that read the fields they know and skip,
/// while still checking, any other value.
///
/// The line is a `Span`, so every byte read is bounds-checked, in release builds too, and the cursor cannot outlive
/// the line it reads (it is `~Escapable`). The two loops that pass over most of a history's bytes, `skipStructure`
/// and `skipString`, read with `bytes[unchecked:]` after their own `index < bytes.count` test, since the span's
/// check there costs `typebar stats` measurable time (docs/performance.md, "Scoring").
struct JSONCursor: ~Escapable {
    /// Nesting deeper than this in an ignored field is refused rather than followed.
    static let maximumDepth = 32

    let bytes: Span<UInt8>
    var index = 0

    @_lifetime(copy bytes)
    init(_ bytes: Span<UInt8>) {
        self.bytes = bytes
    }

    /// A JSON string's bytes, with escapes decoded. The cursor is on the opening quote.
    mutating func string() throws(LineProblem) -> [UInt8] {
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

    mutating func appendUnicodeEscape(to result: inout [UInt8]) throws(LineProblem) {
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

    mutating func hexQuad() throws(LineProblem) -> UInt16 {
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

    /// A string (a field name, a short value) without escapes, read in place: the cursor moves from its opening quote
    /// past the closing one, and the range of its bytes in `bytes` comes back. Nil, with the cursor unmoved, when it
    /// holds an escape (or is not closed) and must be decoded.
    @inline(__always)
    mutating func plainString() -> Range<Int>? {
        var end = index + 1
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"), bytes[end] >= 0x20 { end += 1 }
        guard end < bytes.count, bytes[end] == UInt8(ascii: "\"") else { return nil }
        let name = (index + 1)..<end
        index = end + 1
        return name
    }

    /// Checks a string without keeping it: plain bytes are passed over, escapes are checked as `string()` does.
    /// Like `skipStructure`, it reads unchecked: `end` is below `bytes.count` by the loop's own test.
    mutating func skipString() throws(LineProblem) {
        var end = index + 1
        while end < bytes.count {
            let byte = bytes[unchecked: end]
            if byte == UInt8(ascii: "\"") {
                index = end + 1
                return
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            end += 1
        }
        // An escape, a control character or no closing quote: the full reader says what is wrong, if anything.
        _ = try string()
    }

    /// A JSON number. Short decimals take Clinger's exact fast path; anything else goes to the standard library.
    mutating func number() throws(LineProblem) -> Double {
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
            let value = Double(mantissa) / JSONCursor.powersOfTen[fractionDigits]
            return negative ? -value : value
        }
        // Only number bytes (ASCII) were passed over, so the text needs no validation.
        guard let utf8 = try? UTF8Span(validating: bytes.extracting(start..<index)), let value = Double(String(copying: utf8)) else {
            throw LineProblem("malformed number")
        }
        return value
    }

    private static let powersOfTen: [Double] = (0...22).map { power in
        var value = 1.0
        for _ in 0..<power { value *= 10 }
        return value
    }

    /// Reads a JSON object, the cursor on its `{`: `name` reads each member's name (the cursor on its opening
    /// quote) and `value` its value; spaces, colons, commas and the closing brace are handled here. `what` names the
    /// object in messages ("the record").
    @inline(__always)
    mutating func members<Name>(
        of what: String,
        name: (inout JSONCursor) throws(LineProblem) -> Name,
        value: (inout JSONCursor, Name) throws(LineProblem) -> Void
    ) throws(LineProblem) {
        index += 1
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw LineProblem("expected a field name in double quotes") }
            let key = try name(&self)
            skipWhitespace()
            try expect(UInt8(ascii: ":"), "expected ':' after a field name")
            skipWhitespace()
            try value(&self, key)
            skipWhitespace()
            if peek() == UInt8(ascii: ",") {
                index += 1
                continue
            }
            try expect(UInt8(ascii: "}"), "expected ',' or '}' in \(what)")
            return
        }
    }

    /// Reads a JSON array, the cursor on its `[`: `element` reads each element; spaces, commas and the closing
    /// bracket are handled here. `what` names the array in messages.
    @inline(__always)
    mutating func elements(of what: String, _ element: (inout JSONCursor) throws(LineProblem) -> Void) throws(LineProblem) {
        index += 1
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            try element(&self)
            skipWhitespace()
            if peek() == UInt8(ascii: ",") {
                index += 1
                continue
            }
            try expect(UInt8(ascii: "]"), "expected ',' or ']' in \(what)")
            return
        }
    }

    /// Skips any JSON value of a field typebar does not read, checking it all the same.
    mutating func skipValue(depth: Int) throws(LineProblem) {
        guard depth <= JSONCursor.maximumDepth else { throw LineProblem("a field is nested too deeply") }
        switch peek() {
        case UInt8(ascii: "\""):
            try skipString()
        case UInt8(ascii: "{"):
            try members(of: "an object", name: { (cursor: inout JSONCursor) throws(LineProblem) in try cursor.skipString() }) {
                (cursor: inout JSONCursor, _: Void) throws(LineProblem) in try cursor.skipValue(depth: depth + 1)
            }
        case UInt8(ascii: "["):
            try elements(of: "an array") { (cursor: inout JSONCursor) throws(LineProblem) in try cursor.skipValue(depth: depth + 1) }
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default:
            _ = try number()
        }
    }

    mutating func literal(_ word: StaticString) throws(LineProblem) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw LineProblem("malformed value") }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
            throw LineProblem("malformed value")
        }
        index += count
    }

    /// Whether the bytes in `range` are exactly `word`.
    func bytes(_ range: Range<Int>, equal word: StaticString) -> Bool {
        guard range.count == word.utf8CodeUnitCount else { return false }
        for offset in 0..<range.count where bytes[range.lowerBound + offset] != word.utf8Start[offset] { return false }
        return true
    }

    func peek() -> UInt8? {
        index < bytes.count ? bytes[index] : nil
    }

    func isDigit(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    /// The message is only built when it is needed: this runs for every comma and bracket of a line.
    mutating func expect(_ byte: UInt8, _ problem: @autoclosure () -> String) throws(LineProblem) {
        guard peek() == byte else { throw LineProblem(problem()) }
        index += 1
    }
}
