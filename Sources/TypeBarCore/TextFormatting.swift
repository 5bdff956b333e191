/// How every output (screens, reports, tables) shows durations, keys and padded columns.

/// "42.3 s" under a minute, "2:05.0" beyond.
public func formatDuration(_ seconds: Double) -> String {
    guard seconds >= 60 else { return "\(formatDecimal(seconds, places: 1)) s" }
    let minutes = Int(clampingFigure: seconds / 60)
    let rest = seconds - Double(minutes) * 60
    let restText = formatDecimal(rest, places: 1)
    return "\(minutes):\(rest < 10 ? "0" : "")\(restText)"
}

/// A key as text: `space` for the space bar, else the character in quotes (`'b'`).
public func shownKey(_ key: String) -> String {
    key == " " ? "space" : "'\(key)'"
}

extension String {
    /// The string with spaces added after it to fill `width` characters.
    public func padded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }

    /// The string with spaces added before it to fill `width` characters.
    public func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }

    /// `body` over the string's own UTF-8 buffer when every byte is ASCII (a byte a character); nil when one is not,
    /// or when the string keeps no buffer of its own to read. The fast path of the text a start reads; inlinable, so
    /// each caller gets it specialised (unspecialised, its result types were built at run time: 42,000 instructions).
    @inlinable public func withASCIIBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result? {
        utf8.withContiguousStorageIfAvailable { bytes in bytes.allSatisfy { $0 < 0x80 } ? body(bytes) : nil } ?? nil
    }
}

/// A value quoted for an error message, long values cut short.
public func quoted(_ text: String) -> String {
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

/// A count with its noun, singular for one: "1 customer", "0 customers", "2 chats".
public func counted(_ count: Int, _ noun: String, plural: String? = nil) -> String {
    "\(count) " + (count == 1 ? noun : plural ?? noun + "s")
}
