import TypeBarKit

/// Markup that typebar draws itself, as UTF-8 bytes: the one kind of text the HTML templates may place unescaped
/// (`{{{chart_svg}}}`). What goes in raw is only ever a literal of typebar's source (`StaticString`) or a number
/// it formats; every string that comes from elsewhere (a candidate's name, a flag's name) goes in through
/// `ReportEscape`, the escape the template engine applies to every other value.
struct Markup {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// The markup as text.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// A literal of typebar's own, as it is.
    mutating func raw(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Any text, escaped as the engine escapes a value.
    mutating func escaped(_ text: String) {
        ReportEscape.append(text, to: &bytes)
    }

    /// An integer in decimal.
    mutating func integer(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(value.magnitude, minimumCount: 1)
    }

    /// `value` to `places` decimals, byte for byte what `formatDecimal` gives (cut, not rounded), without making a
    /// string for it.
    mutating func decimal(_ value: Double, places: Int) {
        var scale = 1.0
        for _ in 0..<max(0, places) { scale *= 10 }
        // The same arithmetic as formatDecimal, nudge included; anything it does not print as digits goes through it.
        let scaled = (abs(value) * scale * (1 + 1e-12)).rounded(.down)
        guard value.isFinite, scaled < 9e15 else {
            bytes.append(contentsOf: formatDecimal(value, places: places).utf8)
            return
        }
        let whole = UInt(scaled)
        if value < 0 && whole != 0 { bytes.append(UInt8(ascii: "-")) }
        guard places > 0 else {
            appendDigits(whole, minimumCount: 1)
            return
        }
        let divisor = UInt(scale)
        appendDigits(whole / divisor, minimumCount: 1)
        bytes.append(UInt8(ascii: "."))
        appendDigits(whole % divisor, minimumCount: places)
    }

    /// `value`'s decimal digits, with leading zeros up to `minimumCount` digits.
    private mutating func appendDigits(_ value: UInt, minimumCount: Int) {
        var divisor: UInt = 1
        var count = 1
        while divisor <= value / 10 {
            divisor *= 10
            count += 1
        }
        for _ in count..<max(count, minimumCount) { bytes.append(UInt8(ascii: "0")) }
        var rest = value
        while true {
            bytes.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest / divisor))
            if divisor == 1 { return }
            rest %= divisor
            divisor /= 10
        }
    }
}
