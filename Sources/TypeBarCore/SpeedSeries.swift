/// A value axis for a chart: from `bottom` (usually 0) to `top`, labelled every `step`. The results screen,
/// `typebar stats` and the HTML report all scale their speed charts with `fitting(_:)`, so the same figures get the
/// same axis everywhere.
public struct ChartAxis: Equatable, Sendable {
    public var bottom: Double
    public var top: Double
    public var step: Double

    public init(bottom: Double = 0, top: Double, step: Double) {
        self.bottom = bottom
        self.top = top
        self.step = step
    }

    /// The round steps an axis may use.
    static let steps: [Double] = [5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000]

    /// An axis a step above `highest` (at least 1), on the smallest round step that needs at most six labels.
    public static func fitting(_ highest: Double) -> ChartAxis {
        let highest = highest.isFinite ? max(highest, 1) : 1
        let step = steps.first { (highest / $0).rounded(.down) + 1 <= 6 } ?? (highest / 5).rounded(.up)
        return ChartAxis(top: ((highest / step).rounded(.down) + 1) * step, step: step)
    }
}

/// What a speed chart of one attempt draws: net WPM so far at the end of each sample (the figure the verdict is
/// built from) as the main line; raw speed over the last `window` seconds as a lighter second line, so one burst of
/// keys reads as a bump rather than a spike; the seconds where mistyped keys were made; and the marks (the bar, 40
/// and 50). The axis is scaled to what is drawn, never to one second's burst.
///
/// Both lines start at the first sample that ends `window` seconds or more after the first key: before it, speed
/// "so far" is a dozen keys over a second or two (150 WPM that means nothing), and the raw line has no whole
/// window to average. The chart's axis never sees those early figures. A session shorter than `window` has no lines.
public struct SpeedSeries: Equatable, Sendable {
    /// Seconds over which the raw line is averaged, and before which neither line is drawn.
    public static let window = 5.0

    /// Each point's time: the end of its sample, in seconds from the first keystroke.
    public var seconds: [Double]
    public var net: [Double]
    /// Rolling raw WPM at each point; empty when only net figures were kept (a history record).
    public var raw: [Double]
    /// The ends of the samples in which mistyped characters were keyed.
    public var errorSeconds: [Double]
    public var marks: [Double]
    public var axis: ChartAxis

    /// The series of a scored attempt's timeline.
    public init(timeline: [TimelineSample], marks: [Double]) {
        seconds = []
        net = []
        var raw: [Double] = []
        var first = 0
        var characters = 0
        for (index, sample) in timeline.enumerated() {
            characters += sample.characters
            // Drop the samples that ended before the window opened.
            while first < index, timeline[first].second <= sample.second - SpeedSeries.window {
                characters -= timeline[first].characters
                first += 1
            }
            guard sample.second >= SpeedSeries.window else { continue }
            let start = first == 0 ? 0 : timeline[first - 1].second
            let span = sample.second - start
            seconds.append(sample.second)
            net.append(sample.netWPM)
            raw.append(span > 0 ? Double(characters) / 5 / (span / 60) : 0)
        }
        self.raw = raw
        errorSeconds = timeline.filter { $0.errors > 0 }.map(\.second)
        self.marks = marks
        axis = ChartAxis.fitting(max(net.max() ?? 0, raw.max() ?? 0, marks.max() ?? 0))
    }

    /// The series of net figures kept one per `step` seconds (a history record's timeline), every one of them: the
    /// HTML report draws them all, so its axis covers them all.
    public init(net: [Double], step: Double = 1, marks: [Double]) {
        seconds = net.indices.map { Double($0 + 1) * step }
        self.net = net
        raw = []
        errorSeconds = []
        self.marks = marks
        axis = ChartAxis.fitting(max(net.max() ?? 0, marks.max() ?? 0))
    }

    /// The seconds the chart spans, from the first key.
    public var span: Double { seconds.last ?? 0 }

    /// Whether there is a line to draw: false for a session shorter than `window`.
    public var hasLines: Bool { !seconds.isEmpty }
}
