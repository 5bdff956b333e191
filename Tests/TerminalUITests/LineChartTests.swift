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
        // Axis 0-80 over 9 rows of 4 dots: 60 WPM is dot row (1 - 60/80) × 35 ≈ 9, the second dot of the third row.
        #expect(rows(of: frame, role: .chart) == [2])
        let text = frame.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(text[0].hasPrefix("80┤"))
        #expect(text[2].contains("⠒⠒⠒"))
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
        #expect(TextStyle.color.sgr(.chartLight) == "34" && TextStyle.color256.sgr(.chartLight) == "38;5;245")
    }
}
