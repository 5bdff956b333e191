import TypeBarKit

/// Net WPM at the end of each second of one attempt, drawn as an inline SVG line chart against the bar, with the
/// attempt's timed flags marked where they happened. Sized by its viewBox, so it scales to the width it is given on
/// screen and on paper.
struct WPMChart {
    var timeline: [Double]
    /// Seconds per timeline value.
    var step = 1.0
    var barWPM: Double
    var flags: [HistoryRecord.Flag] = []
    var attempt: Int
    var candidate: String

    // The drawing area inside the viewBox; the right margin holds the bar's label, clear of the line.
    static let width = 640.0
    static let height = 250.0
    static let left = 46.0
    static let right = 580.0
    static let top = 26.0
    static let bottom = 206.0

    /// A top for the WPM axis above every value and the bar, on a round step, and that step.
    var scale: (maximum: Double, step: Double) {
        let axis = SpeedSeries(net: timeline, step: step, marks: [barWPM]).axis
        return (axis.top, axis.step)
    }

    /// Seconds between labelled ticks: a round step giving at most eight.
    var secondsStep: Int {
        let span = Int(clampingFigure: seconds)
        let steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400]
        return steps.first { span / $0 <= 8 } ?? max(1, span / 8)
    }

    /// The seconds the chart spans.
    var seconds: Double { Double(timeline.count) * step }

    /// The flags that carry a time within the chart.
    var marks: [(name: String, at: Double)] {
        flags.compactMap { flag in flag.atSeconds.flatMap { $0 >= 0 && $0 <= seconds ? (flag.name, $0) : nil } }
    }

    var description: String {
        let last = timeline.last ?? 0
        var text = "Net WPM at the end of each second of \(candidate)'s best attempt (attempt \(attempt)): "
            + "\(formatDecimal(last, places: 1)) after \(formatDecimal(seconds, places: 0)) s, highest \(formatDecimal(timeline.max() ?? 0, places: 1)); "
            + "the bar is \(formatDecimal(barWPM, places: 0)) WPM."
        if !marks.isEmpty {
            text += " Flagged: " + marks.map { "\($0.name) at \(formatDecimal($0.at, places: 1)) s" }.joined(separator: ", ") + "."
        }
        return text
    }

    /// The chart as the `chart` template draws it: every coordinate as text to one decimal, in the viewBox's units.
    var view: [String: Any] {
        typealias C = WPMChart
        let (maximum, wpmStep) = scale
        func x(_ second: Double) -> String { formatDecimal(C.left + second / seconds * (C.right - C.left), places: 1) }
        func y(_ wpm: Double) -> String { formatDecimal(C.bottom - min(max(wpm, 0), maximum) / maximum * (C.bottom - C.top), places: 1) }
        func at(_ value: Double) -> String { formatDecimal(value, places: 1) }
        // Grid lines with their WPM labels, then the seconds ticks.
        var grid: [[String: String]] = []
        var wpm = 0.0
        while wpm <= maximum {
            grid.append(["y": y(wpm), "wpm": formatDecimal(wpm, places: 0)])
            wpm += wpmStep
        }
        var ticks: [[String: String]] = []
        var second = 0
        while Double(second) <= seconds {
            ticks.append(["x": x(Double(second)), "second": String(second)])
            second += secondsStep
        }
        let centre = at((C.top + C.bottom) / 2)
        var view: [String: Any] = [
            "attempt": attempt, "description": description,
            "width": formatDecimal(C.width, places: 0), "height": formatDecimal(C.height, places: 0),
            "x0": x(0), "x_end": x(seconds), "y0": y(0), "y_top": y(maximum),
            "grid": grid, "label_x": at(C.left - 6),
            "ticks": ticks, "tick_top": at(C.bottom), "tick_bottom": at(C.bottom + 5), "tick_label_y": at(C.bottom + 18),
            "seconds_x": at((C.left + C.right) / 2), "seconds_y": at(C.bottom + 38), "wpm_label_y": centre,
            "bar": formatDecimal(barWPM, places: 0), "bar_y": y(barWPM), "bar_label_x": at(C.right + 6),
            // Timed flags: a dotted line where each happened, named above the plot.
            "marks": marks.map { ["x": x($0.at), "name": $0.name] }, "mark_top": at(C.top - 4), "mark_label_y": at(C.top - 8),
            // The attempt: a point per sample, joined; a lone sample is also drawn as a dot.
            "points": timeline.enumerated().map { "\(x(Double($0.offset + 1) * step)),\(y($0.element))" }.joined(separator: " "),
        ]
        if timeline.count == 1 { view["single_point"] = ["x": x(step), "y": y(timeline[0])] }
        return view
    }
}
