/// The accepted range of every number typebar reads from outside: keystroke logs, history lines, configs and
/// options. A value outside its range is refused where it is read (docs/keystroke-log.md, docs/history.md and
/// docs/assessments.md list them), so no figure that reaches arithmetic or an integer conversion can trap, and
/// nothing allocates in proportion to a number in a file.
public enum Limits {
    /// A keystroke log spans at most a week: `t` runs from 0 to this many milliseconds.
    public static let logMilliseconds: ClosedRange<Double> = 0...604_800_000
    /// A time limit (a log's `time_limit`, `--time-limit`, a history record's `time_limit`) is at most an hour.
    public static let timeLimitSeconds: ClosedRange<Double> = 0.001...3_600
    /// A target text holds at most this many characters (a log header's text, a `--text` file, a passage).
    public static let targetCharacters = 2_000_000
    /// `--seconds` for finished text, and a history record's `elapsed_seconds`: at most the span of a log.
    public static let elapsedSeconds: ClosedRange<Double> = 0...604_800
    /// The fastest a score can be: the longest target typed in the shortest scored time (1 s).
    public static let wordsPerMinute: ClosedRange<Double> = 0...(Double(targetCharacters) / 5 * 60)
    /// Percentages: accuracy, keystroke accuracy, consistency, a minimum accuracy.
    public static let percent: ClosedRange<Double> = 0...100
    /// A bar: the net WPM a result must reach.
    public static let barWPM: ClosedRange<Double> = 0...300
    /// Counts held in a record (characters, keystrokes, errors): whole numbers that convert to `Int` exactly.
    public static let count: ClosedRange<Double> = 0...1e15
    /// Instants, in seconds since 1970: years 1970 to 9999, what a four-digit ISO 8601 year can say.
    public static let unixSeconds: ClosedRange<Double> = 0...253_402_300_799
    /// Seconds per timeline sample in a history record.
    public static let timelineStepSeconds: ClosedRange<Double> = 1...604_800
    /// The most samples a timeline holds; longer attempts get wider samples (docs/scoring.md).
    public static let timelineSamples = 3_600

    /// `range` as text for an error message: "from 0 to 3600".
    public static func describe(_ range: ClosedRange<Double>, places: Int = 0) -> String {
        "from \(formatDecimal(range.lowerBound, places: range.lowerBound.rounded() == range.lowerBound ? 0 : 3)) to \(formatDecimal(range.upperBound, places: places))"
    }
}

extension Int {
    /// `value` rounded toward zero and clamped to what an `Int` holds, 0 for NaN: for showing a figure, never a trap.
    public init(clampingFigure value: Double) {
        if value.isNaN {
            self = 0
        } else if value >= 9.2e18 {
            self = Int.max
        } else if value <= -9.2e18 {
            self = Int.min
        } else {
            self = Int(value)
        }
    }
}
