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

    /// The chart's `<svg>` element, drawn here rather than by the `chart` template: a chart places some 150 values, and
    /// the template engine would spend more on them than the whole page's other values take. Every coordinate is to
    /// one decimal, in the viewBox's units; the description and the flags' names are escaped as the engine escapes a
    /// value.
    var svg: String {
        let (maximum, wpmStep) = scale
        let seconds = seconds
        var markup = Markup(capacity: 2048 + timeline.count * 12)
        func x(_ second: Double) { markup.decimal(WPMChart.left + second / seconds * (WPMChart.right - WPMChart.left), places: 1) }
        func y(_ wpm: Double) { markup.decimal(WPMChart.bottom - min(max(wpm, 0), maximum) / maximum * (WPMChart.bottom - WPMChart.top), places: 1) }
        /// `<line class="CLASS" x1="…" y1="…" x2="…" y2="…"/>`, from (`x1`, `y1`) to (`x2`, `y2`).
        func line(_ opening: StaticString, _ x1: () -> Void, _ y1: () -> Void, _ x2: () -> Void, _ y2: () -> Void) {
            markup.raw(opening); x1(); markup.raw("\" y1=\""); y1(); markup.raw("\" x2=\""); x2(); markup.raw("\" y2=\""); y2(); markup.raw("\"/>")
        }
        let label = description
        markup.raw("<svg class=\"chart\" viewBox=\"0 0 ")
        markup.decimal(WPMChart.width, places: 0)
        markup.raw(" ")
        markup.decimal(WPMChart.height, places: 0)
        markup.raw("\" role=\"img\" aria-label=\"")
        markup.escaped(label)
        markup.raw("\">\n<title>")
        markup.escaped(label)
        markup.raw("</title>\n")
        // Grid lines with their WPM labels, then the seconds ticks.
        var wpm = 0.0
        while wpm <= maximum {
            let at = wpm
            line("<line class=\"grid\" x1=\"", { x(0) }, { y(at) }, { x(seconds) }, { y(at) })
            markup.raw("<text x=\"")
            markup.decimal(WPMChart.left - 6, places: 1)
            markup.raw("\" y=\"")
            y(at)
            markup.raw("\" dy=\"4\" text-anchor=\"end\">")
            markup.decimal(at, places: 0)
            markup.raw("</text>\n")
            wpm += wpmStep
        }
        let secondsStep = secondsStep
        var second = 0
        while Double(second) <= seconds {
            let at = Double(second)
            line("<line class=\"axis\" x1=\"", { x(at) }, { markup.decimal(WPMChart.bottom, places: 1) }, { x(at) }, { markup.decimal(WPMChart.bottom + 5, places: 1) })
            markup.raw("<text x=\"")
            x(at)
            markup.raw("\" y=\"")
            markup.decimal(WPMChart.bottom + 18, places: 1)
            markup.raw("\" text-anchor=\"middle\">")
            markup.integer(second)
            markup.raw("</text>\n")
            second += secondsStep
        }
        line("<line class=\"axis\" x1=\"", { x(0) }, { y(0) }, { x(seconds) }, { y(0) })
        line("<line class=\"axis\" x1=\"", { x(0) }, { y(0) }, { x(0) }, { y(maximum) })
        markup.raw("\n<text x=\"")
        markup.decimal((WPMChart.left + WPMChart.right) / 2, places: 1)
        markup.raw("\" y=\"")
        markup.decimal(WPMChart.bottom + 38, places: 1)
        markup.raw("\" text-anchor=\"middle\">seconds</text>\n<text x=\"12\" y=\"")
        markup.decimal((WPMChart.top + WPMChart.bottom) / 2, places: 1)
        markup.raw("\" text-anchor=\"middle\" transform=\"rotate(-90 12 ")
        markup.decimal((WPMChart.top + WPMChart.bottom) / 2, places: 1)
        markup.raw(")\">net WPM</text>\n")
        // The bar, dashed, labelled in the right margin.
        line("<line class=\"bar\" x1=\"", { x(0) }, { y(barWPM) }, { x(seconds) }, { y(barWPM) })
        markup.raw("<text class=\"bar-label\" x=\"")
        markup.decimal(WPMChart.right + 6, places: 1)
        markup.raw("\" y=\"")
        y(barWPM)
        markup.raw("\" dy=\"4\">bar ")
        markup.decimal(barWPM, places: 0)
        markup.raw("</text>\n")
        // Timed flags: a dotted line where each happened, named above the plot.
        for mark in marks {
            line("<line class=\"flag-mark\" x1=\"", { x(mark.at) }, { y(0) }, { x(mark.at) }, { markup.decimal(WPMChart.top - 4, places: 1) })
            markup.raw("<text class=\"flag-label\" x=\"")
            x(mark.at)
            markup.raw("\" y=\"")
            markup.decimal(WPMChart.top - 8, places: 1)
            markup.raw("\" text-anchor=\"middle\">")
            markup.escaped(mark.name)
            markup.raw("</text>\n")
        }
        // The attempt: a point per sample, joined; a lone sample is also drawn as a dot.
        markup.raw("<polyline class=\"wpm\" points=\"")
        for (index, value) in timeline.enumerated() {
            if index > 0 { markup.raw(" ") }
            x(Double(index + 1) * step)
            markup.raw(",")
            y(value)
        }
        markup.raw("\"/>\n")
        if timeline.count == 1 {
            markup.raw("<circle class=\"point\" cx=\"")
            x(step)
            markup.raw("\" cy=\"")
            y(timeline[0])
            markup.raw("\" r=\"3\"/>\n")
        }
        markup.raw("</svg>")
        return markup.text
    }
}
