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
        let labelWidth = String(Int(clampingFigure: axis.top)).count + 1
        let markWidth = marks.map { $0.label.count + 1 }.max() ?? 0
        let plotRows = rows - (xTicks.isEmpty ? 0 : 1)
        let plotColumns = columns - labelWidth - markWidth
        guard plotRows >= 2, plotColumns >= 4 else { return }
        let plotLeft = left + labelWidth
        var grid = DotGrid(rows: plotRows, columns: plotColumns)
        let dotRows = Double(plotRows * 4 - 1), dotColumns = Double(plotColumns * 2 - 1)
        let width = max(xRange.upperBound - xRange.lowerBound, 1e-9)
        func dotX(_ x: Double) -> Int { Int(clampingFigure: ((x - xRange.lowerBound) / width * dotColumns).rounded()) }
        let range = max(axis.top - axis.bottom, 1e-9)
        func dotY(_ y: Double) -> Int { Int(clampingFigure: ((1 - (min(max(y, axis.bottom), axis.top) - axis.bottom) / range) * dotRows).rounded()) }

        for (layer, line) in lines.enumerated() {
            var previous: (Int, Int)?
            for (x, y) in zip(line.xs, line.ys) {
                let point = (dotX(x), dotY(y))
                grid.line(from: previous ?? point, to: point, layer: layer)
                previous = point
            }
        }

        // Value labels every whole number of steps that leaves at least one row between two labels.
        let rowsPerStep = Double(plotRows) * axis.step / range
        let labelStep = axis.step * max(1, (2 / max(rowsPerStep, 1e-9)).rounded(.up))
        // From the top down, so the top is always named; the bottom too when it has a row to itself.
        var labelled = Set<Int>()
        var values = Array(stride(from: axis.top, through: axis.bottom + 1e-9, by: -labelStep))
        if let lowest = values.last, (dotY(axis.bottom) - dotY(lowest)) / 4 >= 2 { values.append(axis.bottom) }
        for value in values {
            let row = dotY(value) / 4
            if labelled.insert(row).inserted {
                let text = String(Int(clampingFigure: value))
                frame.put(String(repeating: " ", count: max(0, labelWidth - 1 - text.count)) + text + (unicode ? "┤" : "+"), row: top + row, column: left, role: .dim)
            }
        }
        for row in 0..<plotRows where !labelled.contains(row) {
            frame.put(String(repeating: " ", count: labelWidth - 1) + (unicode ? "│" : "|"), row: top + row, column: left, role: .dim)
        }

        // Marks: a dashed line where the lines leave room, and the label at the right.
        for mark in marks where (axis.bottom...axis.top).contains(mark.value) {
            let row = dotY(mark.value) / 4
            for column in 0..<plotColumns where grid.owner(row: row, column: column) == nil {
                frame.put(unicode ? "╌" : "-", row: top + row, column: plotLeft + column, role: mark.role)
            }
            frame.put(mark.label, row: top + row, column: plotLeft + plotColumns + 1, role: mark.role)
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
            let row = symbol.y.map { dotY($0) / 4 } ?? plotRows - 1
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
