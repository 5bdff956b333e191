import TypeBarCore

/// Typed values read in place, for the readers of each format: strings, numbers within a range, whole numbers,
/// booleans, `null`, arrays and short tuples, and fast passes over structures a reader does not need.
extension JSONCursor {
    /// Passes over an array or object checking only its structure: strings closed, brackets balanced, and nothing
    /// outside strings but the bytes of numbers, literals, separators and spaces. Enough to tell a torn or
    /// noisy line, at a fraction of the cost of reading every value.
    ///
    /// This loop sees most bytes of a history, so it reads them with `bytes[unchecked:]`: each index is below
    /// `bytes.count` by the test before it, and the span's own check there is a measurable share of `typebar stats`'s
    /// instructions (docs/performance.md, "Scoring"). The other readers keep the checked subscript.
    mutating func skipStructure() throws(LineProblem) {
        var depth = 0
        let kinds = JSONCursor.structureKinds
        while true {
            // Runs of number, literal and separator bytes are the bulk of a timeline: pass them in a tight loop.
            while index < bytes.count, kinds[Int(bytes[unchecked: index])] == JSONCursor.allowed { index += 1 }
            guard index < bytes.count else { throw LineProblem("the line ends inside a value") }
            let kind = kinds[Int(bytes[unchecked: index])]
            if kind == JSONCursor.quoteMark {
                try skipString()
                continue
            }
            index += 1
            if kind == JSONCursor.opening {
                depth += 1
                guard depth <= JSONCursor.maximumDepth else { throw LineProblem("nested too deeply") }
            } else if kind == JSONCursor.closing {
                depth -= 1
                if depth == 0 { return }
                guard depth > 0 else { throw LineProblem("unbalanced brackets") }
            } else {
                throw LineProblem("unexpected byte \(bytes[index - 1])")
            }
        }
    }

    /// Passes over any value, checking arrays and objects as `skipStructure` does and scalars by their bytes.
    mutating func skipLoosely() throws(LineProblem) {
        switch peek() {
        case UInt8(ascii: "["), UInt8(ascii: "{"): try skipStructure()
        case UInt8(ascii: "\""): try skipString()
        default:
            let start = index
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "e"), UInt8(ascii: "E"),
                     UInt8(ascii: "t"), UInt8(ascii: "r"), UInt8(ascii: "u"), UInt8(ascii: "f"), UInt8(ascii: "a"), UInt8(ascii: "l"), UInt8(ascii: "s"), UInt8(ascii: "n"):
                    index += 1
                    continue
                default: break
                }
                break
            }
            guard index > start else { throw LineProblem("a value is missing") }
        }
    }

    static let allowed: UInt8 = 0, quoteMark: UInt8 = 1, opening: UInt8 = 2, closing: UInt8 = 3, refused: UInt8 = 4

    /// What each byte is, outside strings, to `skipStructure`.
    static let structureKinds: [UInt8] = (0...255).map { value in
        let byte = UInt8(value)
        switch byte {
        case UInt8(ascii: "\""): return quoteMark
        case UInt8(ascii: "["), UInt8(ascii: "{"): return opening
        case UInt8(ascii: "]"), UInt8(ascii: "}"): return closing
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return allowed
        default: return Array(",:.-+ eEtrufalsn\t\n\r".utf8).contains(byte) ? allowed : refused
        }
    }

    // MARK: - Typed values

    /// A string; short ones without escapes are made in place.
    mutating func text(_ field: String = "") throws(LineProblem) -> String {
        guard peek() == UInt8(ascii: "\"") else { throw LineProblem("\"\(field)\" must be a string") }
        if let range = plainString() {
            guard let text = try? UTF8Span(validating: bytes.extracting(range)) else { throw LineProblem("\"\(field)\" is not valid UTF-8") }
            return String(copying: text)
        }
        let decoded = try string()
        guard let text = String(validating: decoded, as: UTF8.self) else { throw LineProblem("\"\(field)\" is not valid UTF-8") }
        return text
    }

    /// `null`, or what `read` makes of the value.
    mutating func nullable<Value>(_ read: (inout JSONCursor) throws(LineProblem) -> Value) throws(LineProblem) -> Value? {
        if peek() == UInt8(ascii: "n") {
            try literal("null")
            return nil
        }
        return try read(&self)
    }

    mutating func optionalText(_ field: String) throws(LineProblem) -> String? {
        try nullable { (cursor: inout JSONCursor) throws(LineProblem) in try cursor.text(field) }
    }

    mutating func number(_ field: String) throws(LineProblem) -> Double {
        guard peek() == UInt8(ascii: "-") || isDigit(peek()) else { throw LineProblem("\"\(field)\" must be a number") }
        let value = try number()
        guard value.isFinite else { throw LineProblem("\"\(field)\" is not a finite number") }
        return value
    }

    /// A number within `range`; outside it the line counts as damaged (docs/history.md lists each field's range).
    mutating func number(_ field: String, in range: ClosedRange<Double>) throws(LineProblem) -> Double {
        let value = try number(field)
        guard range.contains(value) else {
            throw LineProblem("\"\(field)\" is \(jsonNumber(value)), outside its range \(Limits.describe(range))")
        }
        return value
    }

    mutating func optionalNumber(_ field: String, in range: ClosedRange<Double>) throws(LineProblem) -> Double? {
        try nullable { (cursor: inout JSONCursor) throws(LineProblem) in try cursor.number(field, in: range) }
    }

    mutating func optionalInteger(_ field: String) throws(LineProblem) -> Int? {
        try nullable { (cursor: inout JSONCursor) throws(LineProblem) in try cursor.integer(field) }
    }

    mutating func integer(_ field: String) throws(LineProblem) -> Int {
        let value = try number(field)
        guard value == value.rounded(), Limits.count.contains(value) else { throw LineProblem("\"\(field)\" must be a whole number from 0 to 10^15") }
        return Int(value)
    }

    mutating func boolean(_ field: String) throws(LineProblem) -> Bool {
        switch peek() {
        case UInt8(ascii: "t"): try literal("true"); return true
        case UInt8(ascii: "f"): try literal("false"); return false
        default: throw LineProblem("\"\(field)\" must be true or false")
        }
    }

    mutating func array<Element>(_ field: String, _ element: (inout JSONCursor) throws(LineProblem) -> Element) throws(LineProblem) -> [Element] {
        guard peek() == UInt8(ascii: "[") else { throw LineProblem("\"\(field)\" must be an array") }
        var elements: [Element] = []
        try self.elements(of: "\"\(field)\"") { (cursor: inout JSONCursor) throws(LineProblem) in elements.append(try element(&cursor)) }
        return elements
    }

    /// A short fixed array like `["a", 12, 0, 181.5]`: the first element, then `next…` calls for the rest.
    mutating func tuple<Element>(_ field: String, _ read: (inout JSONCursor) throws(LineProblem) -> Element) throws(LineProblem) -> Element {
        guard peek() == UInt8(ascii: "[") else { throw LineProblem("each entry of \"\(field)\" must be an array") }
        index += 1
        skipWhitespace()
        let element = try read(&self)
        skipWhitespace()
        try expect(UInt8(ascii: "]"), "an entry of \"\(field)\" has too many values")
        return element
    }

    mutating func nextSeparator(_ field: String) throws(LineProblem) {
        skipWhitespace()
        try expect(UInt8(ascii: ","), "an entry of \"\(field)\" has too few values")
        skipWhitespace()
    }

    mutating func nextInteger(_ field: String) throws(LineProblem) -> Int {
        try nextSeparator(field)
        return try integer(field)
    }

    mutating func nextNumber(_ field: String, in range: ClosedRange<Double>) throws(LineProblem) -> Double {
        try nextSeparator(field)
        return try number(field, in: range)
    }

    mutating func nextOptionalNumber(_ field: String, in range: ClosedRange<Double>) throws(LineProblem) -> Double? {
        try nextSeparator(field)
        return try optionalNumber(field, in: range)
    }
}
