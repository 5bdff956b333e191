import Testing
import TypeBarKit
@testable import TypeBarReports

/// The chart's markup, written as bytes: the same figures and the same escape as the rest of the page.
@Suite("Drawn markup")
struct MarkupTests {
    @Test("Figures are written byte for byte as formatDecimal writes them: cut, not rounded, nudged, signed, zero-padded")
    func decimals() {
        var values: [Double] = [0, -0.0, 0.05, 0.1, 97.1, 44.75, 206, 1e15, 8.9e15, 9.5e15, -0.04, -3.25, -120, 1e300,
                                .nan, .infinity, -.infinity, 0.000_001, 46 + 534 * 0.3]
        for numerator in stride(from: -400, through: 4000, by: 7) { values.append(Double(numerator) / 13) }
        for value in values {
            for places in 0...3 {
                var markup = Markup()
                markup.decimal(value, places: places)
                #expect(markup.text == formatDecimal(value, places: places), "\(value), \(places) places")
            }
        }
        var integers = Markup()
        for value in [0, 7, 10, 99, 100, -5, Int.max, Int.min] { integers.integer(value); integers.raw(" ") }
        #expect(integers.text == "0 7 10 99 100 -5 \(Int.max) \(Int.min) ")
    }

    @Test("Text from records goes in escaped exactly as the engine escapes a value; typebar's literals go in as they are")
    func escaping() {
        for text in ["plain", #"Bo "\#u{301} <b>&'"#, "", "<<>>", "é & ü"] {
            var markup = Markup()
            markup.raw("<text>")
            markup.escaped(text)
            markup.raw("</text>")
            #expect(markup.text == "<text>" + ReportEscape().escapeText(text) + "</text>")
        }
    }
}
