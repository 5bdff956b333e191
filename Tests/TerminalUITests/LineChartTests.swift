import Foundation
import PropertyBased
import Testing
import TypeBarCore
@testable import TerminalUI

@Suite("Line charts in braille and ASCII")
struct LineChartTests {
    func chart(net: [Double], raw: [Double] = [], errors: [Double] = [], unicode: Bool = true) -> LineChart {
        let seconds = net.indices.map { Double($0 + 1) }
        var lines = [LineChart.Line(xs: seconds, ys: net, role: .chart, ascii: "*")]
        if !raw.isEmpty { lines.append(LineChart.Line(xs: seconds, ys: raw, role: .dim, ascii: ".")) }
        var chart = LineChart(lines: lines, xRange: 0...Double(net.count), axis: ChartAxis.fitting(max(net.max() ?? 0, raw.max() ?? 0, 50)))
        chart.marks = [LineChart.Mark(value: 40, label: "40"), LineChart.Mark(value: 50, label: "50")]
        chart.symbols = errors.map { LineChart.Symbol(x: $0, glyph: "×", ascii: "x", role: .bad) }
        chart.xTicks = LineChart.secondTicks(span: Double(net.count), columns: 60)
        chart.unicode = unicode
        return chart
    }

    func rows(of frame: Frame, role: Role) -> Set<Int> {
        var found = Set<Int>()
        for row in 0..<frame.height {
            for column in 0..<frame.width where frame[row, column].role == role { found.insert(row) }
        }
        return found
    }

    @Test("A steady typist draws a flat line at their speed")
    func flat() {
        var frame = Frame(width: 70, height: 10)
        chart(net: Array(repeating: 60, count: 30)).draw(into: &frame, top: 0, left: 0, rows: 10, columns: 70)
        // Axis 0-80 over 9 rows, one for every 10 WPM: 60 WPM is the third row's own value, drawn on its third dot
        // (row 2 × 4 dots + 1.5, rounded: dot 10), where the row's ┤ points.
        #expect(rows(of: frame, role: .chart) == [2])
        let text = frame.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(text[0].hasPrefix("80┤"))
        #expect(text[2].hasPrefix("60┤") && text[2].contains("⠤⠤⠤"))
        #expect(text[9].contains("0s") && text[9].contains("30s"))
    }

    @Test("Marks are dashed where the line leaves room and labelled at the right")
    func marks() {
        var frame = Frame(width: 70, height: 10)
        chart(net: Array(repeating: 60, count: 30)).draw(into: &frame, top: 0, left: 0, rows: 10, columns: 70)
        let text = frame.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let fortyRow = try! #require(text.firstIndex { $0.hasSuffix("40") })
        #expect(text[fortyRow].contains("╌╌╌╌"))
        #expect(text.contains { $0.hasSuffix("50") })
    }

    @Test("Errors sit on the bottom row at their seconds")
    func errors() {
        var frame = Frame(width: 70, height: 10)
        let drawn = chart(net: Array(repeating: 60, count: 30), errors: [10, 20])
        drawn.draw(into: &frame, top: 0, left: 0, rows: 10, columns: 70)
        let bottom = 8
        let crosses = (0..<70).filter { frame[bottom, $0].role == .bad }
        #expect(crosses.count == 2)
        // 3 label columns, then 64 plot columns of 2 dots over 30 s: second 10 is dot 42, column 21.
        #expect(crosses.first == 3 + 21)
    }

    @Test("Without Unicode the chart is plain ASCII")
    func ascii() {
        var frame = Frame(width: 70, height: 10)
        chart(net: [20, 35, 50, 55, 60, 62], raw: [20, 50, 80, 70, 65, 66], errors: [3], unicode: false).draw(into: &frame, top: 0, left: 0, rows: 10, columns: 70)
        #expect(frame.text.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(frame.text.contains("*") && frame.text.contains(".") && frame.text.contains("x") && frame.text.contains("-"))
    }

    @Test("The main line owns the cells where the lighter line crosses it")
    func layering() {
        var frame = Frame(width: 40, height: 6)
        chart(net: Array(repeating: 60, count: 10), raw: Array(repeating: 60, count: 10)).draw(into: &frame, top: 0, left: 0, rows: 6, columns: 40)
        let lighterDots = (0..<6).flatMap { row in (0..<40).map { frame[row, $0] } }.filter { $0.role == .dim && (0x2800...0x28FF).contains($0.scalar) }
        #expect(lighterDots.isEmpty)
        #expect(!rows(of: frame, role: .chart).isEmpty)
    }

    @Test("A region too small to read draws nothing")
    func tooSmall() {
        var frame = Frame(width: 8, height: 2)
        chart(net: [60, 60]).draw(into: &frame, top: 0, left: 0, rows: 2, columns: 8)
        #expect(frame == Frame(width: 8, height: 2))
    }

    @Test("At 40 columns the results chart keeps its labels and marks inside the width")
    func narrowResults() throws {
        var attempt = Attempt(target: TargetText(String(repeating: "thanks for waiting ", count: 6)))
        for (index, character) in String(repeating: "thanks for waiting ", count: 6).enumerated() {
            attempt.apply(.character(character, at: Double(index) * 220))
        }
        let result = try attempt.result()
        let frame = ResultsView(result: result, bar: HiringBar(), title: "narrow").frame(rows: 24, columns: 40)
        let lines = frame.text.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 40 })
        #expect(lines.contains { $0.contains("┤") })
        #expect(lines.contains { $0.hasSuffix(" 40") } && lines.contains { $0.hasSuffix(" 50") })
        #expect(lines.contains { $0.contains("0s") })
    }

    @Test("Under NO_COLOR the lines keep their meaning in attributes: the lighter line dim, errors bold and underlined")
    func noColor() {
        var frame = Frame(width: 70, height: 10)
        chart(net: [40, 45, 50, 52, 55, 56], raw: [40, 60, 70, 55, 50, 62], errors: [3]).draw(into: &frame, top: 0, left: 0, rows: 10, columns: 70)
        let text = frame.styledText(style: .attributes)
        #expect(TextStyle.attributes.sgr(.chartLight) == "2")
        #expect(TextStyle.attributes.sgr(.bad) == "1;4")
        #expect(text.contains("\u{1B}[1;4m×"))
    }

    /// The contrast ratio (WCAG) of xterm's 256-colour palette entry `index` against white and against black.
    func contrasts(ofColour index: Int) -> (white: Double, black: Double) {
        let levels = [0, 95, 135, 175, 215, 255]
        let rgb: [Int]
        if index >= 232 {
            rgb = Array(repeating: 8 + 10 * (index - 232), count: 3)
        } else {
            let cube = index - 16
            rgb = [levels[cube / 36], levels[cube / 6 % 6], levels[cube % 6]]
        }
        let linear = rgb.map { value -> Double in
            let channel = Double(value) / 255
            return channel <= 0.04045 ? channel / 12.92 : pow((channel + 0.055) / 1.055, 2.4)
        }
        let luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
        return (1.05 / (luminance + 0.05), (luminance + 0.05) / 0.05)
    }

    @Test("The lighter line reads on white and on black: dim in the terminal's colour with 8 colours, a 4.5:1 grey with 256")
    func lighterLineContrast() throws {
        // With 8 colours only the terminal's own colour (dim or not), red and magenta read on both backgrounds;
        // blue (34) all but vanishes on black.
        let eight = try #require(TextStyle.color.sgr(.chartLight))
        #expect(eight.split(separator: ";").allSatisfy { ["1", "2", "31", "35"].contains($0) }, "\(eight)")
        let code = try #require(TextStyle.color256.sgr(.chartLight))
        #expect(code.hasPrefix("38;5;"))
        let index = try #require(Int(code.dropFirst(5)))
        let contrast = contrasts(ofColour: index)
        #expect(contrast.white >= 4.5 && contrast.black >= 4.5, "colour \(index): \(contrast)")
    }

    /// What a drawn chart says of each row: the value label on the left, and the values of the marks on the right.
    struct RowLabels {
        var value: Double?
        var marks: [Double]
    }

    /// Reads the labels back from the frame, as a person reads them: digits before `┤`, and the mark label's text
    /// (cells in a mark's role other than its dashes) split at "/".
    func labels(in frame: Frame, rows: Int) -> [RowLabels] {
        (0..<rows).map { row in
            let cells = (0..<frame.width).map { (character: frame.character(row: row, column: $0), role: frame[row, $0].role) }
            var value: Double?
            if let tick = cells.firstIndex(where: { $0.character == "┤" }) {
                value = Double(String(cells[..<tick].map(\.character)).trimmingCharacters(in: .whitespaces))
            }
            let markText = String(cells.filter { $0.role == .mark && $0.character != "╌" }.map(\.character))
            let marks = markText.split(separator: "/").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            return RowLabels(value: value, marks: marks)
        }
    }

    @Test("On every scale and height, each label names the value of the row it is drawn on, within the row's resolution")
    func labelsSitOnTheirRows() async {
        let axes = Gen.oneOf(
            Gen.double(in: 0...300).map { ChartAxis.fitting($0) },
            Gen.int(in: 0...18).map { ChartAxis(bottom: Double($0 * 5), top: 100, step: (100 - Double($0 * 5)) / 2) }
        )
        await propertyCheck(count: 400, input: axes, Gen.int(in: 2...30), Gen.double(in: 0...1).array(of: 0...3)) { axis, rows, fractions in
            // The chat-support marks, and others anywhere on the axis (a bar of 45, a 95 % line).
            let values = [40.0, 50] + fractions.map { (axis.bottom + $0 * (axis.top - axis.bottom)).rounded() }
            var chart = LineChart(lines: [], xRange: 0...10, axis: axis)
            chart.marks = values.map { LineChart.Mark(value: $0, label: formatDecimal($0, places: 0)) }
            var frame = Frame(width: 70, height: rows)
            chart.draw(into: &frame, top: 0, left: 0, rows: rows, columns: 70)
            // The rows the chart drew on: evenly from a top at or above the axis's (raised to part the marks) to its
            // bottom.
            let scale = RowScale.fitting(axis, rows: rows, marks: chart.marks)
            #expect(scale.axis.top >= axis.top && scale.axis.bottom == axis.bottom)
            let rowStep = (scale.axis.top - axis.bottom) / Double(rows - 1)
            let found = labels(in: frame, rows: rows)
            #expect(found.first?.value == scale.axis.top || found.first?.marks.isEmpty == false, "the top row is unnamed")
            for (row, labels) in found.enumerated() {
                let rowValue = scale.axis.top - Double(row) * rowStep
                if let value = labels.value {
                    #expect(abs(value - rowValue) <= rowStep / 2 + 1e-9, "label \(value) on row \(row) of \(rows), which stands for \(rowValue) (axis \(axis))")
                    if !labels.marks.isEmpty { #expect(labels.marks.contains(value), "row \(row) labelled \(value) holds marks \(labels.marks)") }
                }
                for mark in labels.marks {
                    #expect(abs(mark - rowValue) <= rowStep / 2 + 1e-9, "mark \(mark) on row \(row) of \(rows), which stands for \(rowValue) (axis \(axis))")
                }
            }
            // No mark within the axis goes missing.
            for value in values where (axis.bottom...axis.top).contains(value) {
                #expect(found.contains { $0.marks.contains(value) }, "mark \(value) not drawn (axis \(axis), \(rows) rows)")
            }
        }
    }

    @Test("A three-row chart from 0 to 60 shows 50 and 40 on rows of their own, neither under another value's label")
    func coarseMarks() {
        var chart = LineChart(lines: [], xRange: 0...10, axis: ChartAxis(top: 60, step: 10))
        chart.marks = [LineChart.Mark(value: 40, label: "40"), LineChart.Mark(value: 50, label: "50")]
        var frame = Frame(width: 30, height: 3)
        chart.draw(into: &frame, top: 0, left: 0, rows: 3, columns: 30)
        // Rows stand for 60, 30 and 0: 50 is nearest the first, 40 the second; the 60 gives way to the 50.
        #expect(frame.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) == [
            " │╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌ 50",
            " │╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌ 40",
            "0┤",
        ])
    }
}
