import ArgumentParser
import TypeBarKit

/// `--bar` and `--min-accuracy`, shared by every command that holds a result against a hiring bar, with one
/// validation, so each states the same range in the same words.
struct BarOptions: ParsableArguments {
    // Unconditional: `--bar -5` is a value to refuse with the range, not a missing value.
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Net WPM needed to meet the bar (\(OptionRange.wpm.text)).", valueName: "WPM"))
    var bar: Double = 40

    @Option(name: .customLong("min-accuracy"), parsing: .unconditional,
            help: ArgumentHelp("Accuracy needed to meet the bar, as a percentage like 95 (\(OptionRange.percentage.text); 0 means no accuracy rule).", valueName: "PCT"))
    var minAccuracy: Double = 95

    func validate() throws {
        try OptionRange.wpm.check(bar, option: "--bar")
        try OptionRange.percentage.check(minAccuracy, option: "--min-accuracy")
        // Configs refuse fractions the same way: 0.95 would silently mean no accuracy rule at all.
        if minAccuracy > 0 && minAccuracy <= 1 {
            throw ValidationError("--min-accuracy is a percentage like 95, not a fraction like \(formatDecimal(minAccuracy, places: 2)) (0 means no accuracy rule).")
        }
    }

    var hiringBar: HiringBar { HiringBar(netWPM: bar, minimumAccuracy: minAccuracy) }
}

/// The accepted range of a numeric option, and the one message that states it.
struct OptionRange {
    var lower: Double
    var upper: Double
    /// Whether the lower end itself is refused (a speed above 0).
    var excludesLower = false
    /// What the number counts, e.g. "net WPM".
    var unit: String

    static let wpm = OptionRange(lower: Limits.barWPM.lowerBound, upper: Limits.barWPM.upperBound, unit: "net WPM")
    static let percentage = OptionRange(lower: Limits.percent.lowerBound, upper: Limits.percent.upperBound, unit: "%")
    static let replaySpeed = OptionRange(lower: 0.1, upper: 1000, unit: "times real speed")
    static let typedSeconds = OptionRange(lower: ScoreResult.minimumSeconds, upper: Limits.elapsedSeconds.upperBound, unit: "seconds")
    static let timeLimit = OptionRange(lower: 0, upper: Limits.timeLimitSeconds.upperBound, excludesLower: true, unit: "seconds")

    /// "from 0 to 300 net WPM", "above 0 and up to 86400 seconds".
    var text: String {
        let low = formatDecimal(lower, places: lower > 0 && lower < 1 ? 1 : 0)
        let high = formatDecimal(upper, places: 0)
        return excludesLower ? "above \(low) and up to \(high) \(unit)" : "from \(low) to \(high) \(unit)"
    }

    func check(_ value: Double, option: String) throws {
        let inside = value.isFinite && (excludesLower ? value > lower : value >= lower) && value <= upper
        guard inside else { throw ValidationError("\(option) must be a number \(text); \(formatOption(value)) is outside it.") }
    }

    /// The value as given, without an exponent for ordinary numbers.
    private func formatOption(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e9 else { return String(value) }
        return value == value.rounded() ? formatDecimal(value, places: 0) : String(value)
    }
}
