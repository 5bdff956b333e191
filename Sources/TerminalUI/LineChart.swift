import TypeBarCore

/// A line chart drawn into part of a frame: braille dots (2 × 4 to a cell, U+2800-U+28FF) where the terminal shows
/// Unicode, one ASCII glyph per cell otherwise. Lines are drawn in order and the first to reach a cell owns it, so the
/// main line stays whole where a lighter one crosses it. Marks are labelled lines across the chart (the bar, 40, 50);
/// symbols sit on the bottom row (errors) or at a value (personal bests).
public struct LineChart: Sendable {
    public struct Line: Sendable {
        public var xs: [Double]
        public var ys: [Double]
        public var role: Role
        /// The glyph of this line's cells without Unicode.
        public var ascii: Character

        public init(xs: [Double], ys: [Double], role: Role, ascii: Character) {
            self.xs = xs
            self.ys = ys
            self.role = role
            self.ascii = ascii
        }
    }

    public struct Mark: Sendable {
        public var value: Double
        public var label: String
        public var role: Role

        public init(value: Double, label: String, role: Role = .mark) {
            self.value = value
            self.label = label
            self.role = role
        }
    }

    public struct Symbol: Sendable {
        public var x: Double
        /// The value it marks; nil puts it on the bottom row.
        public var y: Double?
        public var glyph: Character
        public var ascii: Character
        public var role: Role

        public init(x: Double, y: Double? = nil, glyph: Character, ascii: Character, role: Role) {
            self.x = x
            self.y = y
            self.glyph = glyph
            self.ascii = ascii
            self.role = role
        }
    }

    public var lines: [Line]
    public var marks: [Mark] = []
    public var symbols: [Symbol] = []
    public var xRange: ClosedRange<Double>
    public var axis: ChartAxis
    /// Labels under the chart, at their x.
    public var xTicks: [(x: Double, label: String)] = []
    public var unicode = true

    public init(lines: [Line], xRange: ClosedRange<Double>, axis: ChartAxis) {
        self.lines = lines
        self.xRange = xRange
        self.axis = axis
    }

    /// Draws the chart in the rectangle at (`top`, `left`) of `rows` × `columns`: value labels on the left, mark
    /// labels on the right, x labels on the last row. Draws nothing when the rectangle is too small to read.
    public func draw(into frame: inout Frame, top: Int, left: Int, rows: Int, columns: Int) {
        let plotRows = rows - (xTicks.isEmpty ? 0 : 1)
        guard plotRows >= 2 else { return }
        let scale = RowScale.fitting(axis, rows: plotRows, marks: marks)
        let placed = scale.place(marks)
        let valueLabels = scale.valueLabels(avoiding: placed).map { (row: $0.row, text: RowScale.text(of: $0.value)) }
        let labelWidth = (valueLabels.map { $0.text.count }.max() ?? 1) + 1
        let markWidth = placed.map { $0.label.count + 1 }.max() ?? 0
        let plotColumns = columns - labelWidth - markWidth
        guard plotColumns >= 4 else { return }
        let plotLeft = left + labelWidth
        var grid = DotGrid(rows: plotRows, columns: plotColumns)
        let dotColumns = Double(plotColumns * 2 - 1)
        let width = max(xRange.upperBound - xRange.lowerBound, 1e-9)
        func dotX(_ x: Double) -> Int { Int(clampingFigure: ((x - xRange.lowerBound) / width * dotColumns).rounded()) }

        for (layer, line) in lines.enumerated() {
            var previous: (Int, Int)?
            for (x, y) in zip(line.xs, line.ys) {
                let point = (dotX(x), scale.dot(y))
                grid.line(from: previous ?? point, to: point, layer: layer)
                previous = point
            }
        }

        var labelled = Set<Int>()
        for label in valueLabels {
            labelled.insert(label.row)
            frame.put(String(repeating: " ", count: max(0, labelWidth - 1 - label.text.count)) + label.text + (unicode ? "┤" : "+"), row: top + label.row, column: left, role: .dim)
        }
        for row in 0..<plotRows where !labelled.contains(row) {
            frame.put(String(repeating: " ", count: labelWidth - 1) + (unicode ? "│" : "|"), row: top + row, column: left, role: .dim)
        }

        // Marks: a dashed line where the lines leave room, and the label at the right.
        for mark in placed {
            for column in 0..<plotColumns where grid.owner(row: mark.row, column: column) == nil {
                frame.put(unicode ? "╌" : "-", row: top + mark.row, column: plotLeft + column, role: mark.role)
            }
            frame.put(mark.label, row: top + mark.row, column: plotLeft + plotColumns + 1, role: mark.role)
        }

        for row in 0..<plotRows {
            for column in 0..<plotColumns {
                guard let layer = grid.owner(row: row, column: column) else { continue }
                let line = lines[layer]
                let glyph = unicode ? Character(Unicode.Scalar(0x2800 + grid.dots(row: row, column: column, layer: layer)) ?? " ") : line.ascii
                frame.put(glyph, row: top + row, column: plotLeft + column, role: line.role)
            }
        }

        for symbol in symbols {
            let column = dotX(symbol.x) / 2
            let row = symbol.y.map { scale.row($0) } ?? plotRows - 1
            guard (0..<plotColumns).contains(column) else { continue }
            frame.put(unicode ? symbol.glyph : symbol.ascii, row: top + row, column: plotLeft + column, role: symbol.role)
        }

        if !xTicks.isEmpty {
            var free = plotLeft
            for tick in xTicks {
                let center = plotLeft + dotX(tick.x) / 2
                let start = min(max(center - tick.label.count / 2, free), left + columns - tick.label.count)
                guard start >= free else { continue }
                free = frame.put(tick.label, row: top + plotRows, column: start, role: .dim) + 1
            }
        }
    }

    /// Tick labels every round number of seconds across `span`, as "30s", "2m" or "1m30", about one per `spacing`
    /// columns.
    public static func secondTicks(span: Double, columns: Int, spacing: Int = 10) -> [(x: Double, label: String)] {
        guard span > 0, columns > 0 else { return [] }
        let wanted = max(1, columns / spacing)
        let steps: [Double] = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 86400]
        let step = steps.first { span / $0 <= Double(wanted) } ?? (span / Double(wanted)).rounded(.up)
        var ticks: [(Double, String)] = []
        var at = 0.0
        while at <= span + 1e-9 {
            let whole = Int(clampingFigure: at)
            let label = whole < 60 ? "\(whole)s" : whole % 60 == 0 ? "\(whole / 60)m" : "\(whole / 60)m\(whole % 60)"
            ticks.append((at, label))
            at += step
        }
        return ticks
    }
}

/// Which value each row of a chart's plot stands for: the axis top on the first row, its bottom on the last, and
/// evenly between, so a label on the left or a mark on the right names the value of the row it is drawn on, within
/// half a row. A line's point goes on the row nearest its value, and within the row on the nearest of its four
/// braille dot rows, the row's own value falling between its second and third.
struct RowScale {
    let axis: ChartAxis
    let rows: Int

    /// The scale of `axis` over `rows`, its top raised by whole steps (up to twice as high) to the first at which each
    /// of `marks` has a row of its own: over five rows from 0 to 60, 40 and 50 would both be nearest the row that
    /// stands for 45, while from 0 to 70 they fall on the rows for 35 and 52.5.
    static func fitting(_ axis: ChartAxis, rows: Int, marks: [LineChart.Mark]) -> RowScale {
        var top = axis.top
        while top <= 2 * axis.top, axis.step > 0 {
            let scale = RowScale(axis: ChartAxis(bottom: axis.bottom, top: top, step: axis.step), rows: rows)
            if scale.place(marks).allSatisfy({ $0.values.count == 1 }) { return scale }
            top += axis.step
        }
        return RowScale(axis: axis, rows: rows)
    }

    /// The value one row down stands for less than the row above.
    var rowStep: Double { (axis.top - axis.bottom) / Double(max(rows - 1, 1)) }

    /// Where `value` falls, in rows from the top: 0 for the axis top, `rows - 1` for its bottom.
    func position(_ value: Double) -> Double {
        (axis.top - min(max(value, axis.bottom), axis.top)) / max(rowStep, 1e-9)
    }

    /// The braille dot row (four to a row) that `value` is drawn on.
    func dot(_ value: Double) -> Int { Int(clampingFigure: (position(value) * 4 + 1.5).rounded()) }

    /// The row that `value` is drawn on: the nearest, the lower one when it falls halfway between two.
    func row(_ value: Double) -> Int { dot(value) / 4 }

    /// The values named on the left, each on the row that stands for it: every whole number of axis steps that
    /// leaves at least one row between two labels, from the top down, so the top is always named, and the bottom
    /// too when it has a row to itself. A row holding a mark of another value is left to the mark's label.
    func valueLabels(avoiding marks: [PlacedMark]) -> [(row: Int, value: Double)] {
        let rowsPerStep = axis.step / max(rowStep, 1e-9)
        let labelStep = axis.step * max(1, (2 / max(rowsPerStep, 1e-9)).rounded(.up))
        var values = Array(stride(from: axis.top, through: axis.bottom + 1e-9, by: -labelStep))
        if let lowest = values.last, rows - 1 - row(lowest) >= 2 { values.append(axis.bottom) }
        var labels: [(row: Int, value: Double)] = []
        for value in values {
            let row = row(value)
            if let marked = marks.first(where: { $0.row == row }), !marked.values.contains(where: { abs($0 - value) < 1e-9 }) { continue }
            if !labels.contains(where: { $0.row == row }) { labels.append((row, value)) }
        }
        return labels
    }

    /// A value label: whole numbers as they are, others to a tenth (92.5 on an axis from 85 to 100).
    static func text(of value: Double) -> String {
        formatDecimal(value, places: value == value.rounded() ? 0 : 1)
    }

    /// A row's mark: the marks it stands for, their labels joined.
    struct PlacedMark {
        var row: Int
        var values: [Double]
        var label: String
        var role: Role
    }

    /// The marks within the axis, each on the row nearest its value. A mark halfway between two rows takes the one
    /// no other mark has; marks that still share a row (a chart too short to tell them apart) share one dashed line,
    /// labelled with both ("40/50"), rather than one of them going missing.
    func place(_ marks: [LineChart.Mark]) -> [PlacedMark] {
        let shown = marks.filter { (axis.bottom...axis.top).contains($0.value) }.map { (mark: $0, position: position($0.value)) }
        func isHalfway(_ position: Double) -> Bool { abs(abs(position - position.rounded()) - 0.5) < 1e-9 }
        var rows: [(row: Int, marks: [LineChart.Mark])] = []
        func taken(_ row: Int) -> Bool { rows.contains { $0.row == row } }
        // Marks nearer one row than another first, so a halfway one knows which rows are taken.
        for (mark, position) in shown.sorted(by: { !isHalfway($0.position) && isHalfway($1.position) }) {
            var row = Int(clampingFigure: position.rounded())
            // Halfway, the other of the two rows serves as well.
            let other = Int(clampingFigure: position.rounded(.down)) + Int(clampingFigure: position.rounded(.up)) - row
            if isHalfway(position), taken(row), other != row, !taken(other) { row = other }
            if let index = rows.firstIndex(where: { $0.row == row }) {
                rows[index].marks.append(mark)
            } else {
                rows.append((row, [mark]))
            }
        }
        return rows.sorted { $0.row < $1.row }.map { row, marks in
            let marks = marks.sorted { $0.value < $1.value }
            return PlacedMark(row: row, values: marks.map(\.value), label: marks.map(\.label).joined(separator: "/"), role: marks[0].role)
        }
    }
}

/// Braille dots on a grid of cells, each dot remembering the first line (layer) that set it.
struct DotGrid {
    let rows: Int
    let columns: Int
    /// Per cell and layer, the braille bits set; the cell's owner is the lowest layer with any.
    private var bits: [[UInt8]]

    init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
        bits = Array(repeating: [], count: rows * columns)
    }

    /// The bit of each dot, by column (0-1) and row (0-3) within a cell.
    private static let dotBits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

    mutating func set(x: Int, y: Int, layer: Int) {
        guard x >= 0, y >= 0, x < columns * 2, y < rows * 4 else { return }
        let cell = (y / 4) * columns + x / 2
        if bits[cell].count <= layer { bits[cell] += Array(repeating: 0, count: layer + 1 - bits[cell].count) }
        bits[cell][layer] |= DotGrid.dotBits[x % 2][y % 4]
    }

    /// Sets the dots of a straight line between two dots (Bresenham), both ends included.
    mutating func line(from start: (Int, Int), to end: (Int, Int), layer: Int) {
        var (x, y) = start
        let dx = abs(end.0 - x), dy = -abs(end.1 - y)
        let sx = x < end.0 ? 1 : -1, sy = y < end.1 ? 1 : -1
        var error = dx + dy
        // A line never needs more steps than the grid has dots across and down.
        for _ in 0...(columns * 2 + rows * 4) {
            set(x: x, y: y, layer: layer)
            if x == end.0 && y == end.1 { return }
            let doubled = 2 * error
            if doubled >= dy { error += dy; x += sx }
            if doubled <= dx { error += dx; y += sy }
        }
    }

    func owner(row: Int, column: Int) -> Int? {
        guard row >= 0, row < rows, column >= 0, column < columns else { return nil }
        return bits[row * columns + column].firstIndex { $0 != 0 }
    }

    func dots(row: Int, column: Int, layer: Int) -> UInt32 {
        UInt32(bits[row * columns + column][layer])
    }
}
