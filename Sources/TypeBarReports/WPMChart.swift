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

    var html: String {
        guard !timeline.isEmpty else {
            return "<p class=\"no-chart\">No per-second figures were recorded for this attempt, so there is no chart.</p>\n"
        }
        typealias C = WPMChart
        let e = AssessmentReport.htmlEscaped
        let (maximum, wpmStep) = scale
        func x(_ second: Double) -> String { formatDecimal(C.left + second / seconds * (C.right - C.left), places: 1) }
        func y(_ wpm: Double) -> String { formatDecimal(C.bottom - min(max(wpm, 0), maximum) / maximum * (C.bottom - C.top), places: 1) }
        let label = e(description)
        var svg = "<figure class=\"chart\">\n<figcaption>Net WPM at the end of each second, best attempt (attempt \(attempt))</figcaption>\n"
        svg += "<svg class=\"chart\" viewBox=\"0 0 \(formatDecimal(C.width, places: 0)) \(formatDecimal(C.height, places: 0))\" role=\"img\" aria-label=\"\(label)\">\n"
        svg += "<title>\(label)</title>\n"
        // Grid lines and WPM labels.
        var wpm = 0.0
        while wpm <= maximum {
            svg += "<line class=\"grid\" x1=\"\(x(0))\" y1=\"\(y(wpm))\" x2=\"\(x(seconds))\" y2=\"\(y(wpm))\"/>"
            svg += "<text x=\"\(formatDecimal(C.left - 6, places: 1))\" y=\"\(y(wpm))\" dy=\"4\" text-anchor=\"end\">\(formatDecimal(wpm, places: 0))</text>\n"
            wpm += wpmStep
        }
        // Seconds ticks and labels.
        var second = 0
        while Double(second) <= seconds {
            let at = x(Double(second))
            svg += "<line class=\"axis\" x1=\"\(at)\" y1=\"\(formatDecimal(C.bottom, places: 1))\" x2=\"\(at)\" y2=\"\(formatDecimal(C.bottom + 5, places: 1))\"/>"
            svg += "<text x=\"\(at)\" y=\"\(formatDecimal(C.bottom + 18, places: 1))\" text-anchor=\"middle\">\(second)</text>\n"
            second += secondsStep
        }
        svg += "<line class=\"axis\" x1=\"\(x(0))\" y1=\"\(y(0))\" x2=\"\(x(seconds))\" y2=\"\(y(0))\"/>"
        svg += "<line class=\"axis\" x1=\"\(x(0))\" y1=\"\(y(0))\" x2=\"\(x(0))\" y2=\"\(y(maximum))\"/>\n"
        let middle = formatDecimal((C.left + C.right) / 2, places: 1)
        svg += "<text x=\"\(middle)\" y=\"\(formatDecimal(C.bottom + 38, places: 1))\" text-anchor=\"middle\">seconds</text>\n"
        let centre = formatDecimal((C.top + C.bottom) / 2, places: 1)
        svg += "<text x=\"12\" y=\"\(centre)\" text-anchor=\"middle\" transform=\"rotate(-90 12 \(centre))\">net WPM</text>\n"
        // The bar, dashed, labelled in the right margin.
        svg += "<line class=\"bar\" x1=\"\(x(0))\" y1=\"\(y(barWPM))\" x2=\"\(x(seconds))\" y2=\"\(y(barWPM))\"/>"
        svg += "<text class=\"bar-label\" x=\"\(formatDecimal(C.right + 6, places: 1))\" y=\"\(y(barWPM))\" dy=\"4\">bar \(formatDecimal(barWPM, places: 0))</text>\n"
        // Timed flags: a dotted line where each happened, named above the plot.
        for mark in marks {
            let at = x(mark.at)
            svg += "<line class=\"flag-mark\" x1=\"\(at)\" y1=\"\(y(0))\" x2=\"\(at)\" y2=\"\(formatDecimal(C.top - 4, places: 1))\"/>"
            svg += "<text class=\"flag-label\" x=\"\(at)\" y=\"\(formatDecimal(C.top - 8, places: 1))\" text-anchor=\"middle\">\(e(mark.name))</text>\n"
        }
        // The attempt: a point per second, joined.
        let points = timeline.enumerated().map { "\(x(Double($0.offset + 1) * step)),\(y($0.element))" }
        svg += "<polyline class=\"wpm\" points=\"\(points.joined(separator: " "))\"/>\n"
        if timeline.count == 1 {
            svg += "<circle class=\"point\" cx=\"\(x(step))\" cy=\"\(y(timeline[0]))\" r=\"3\"/>\n"
        }
        svg += "</svg>\n</figure>\n"
        return svg
    }
}
