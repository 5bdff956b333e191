import ArgumentParser
import TypeBarKit

/// `--bar` and `--min-accuracy`, shared by every command that holds a result against a hiring bar, with one
/// validation, so each states the same range in the same words. An option not given leaves the settings file's
/// value, else the default, in force.
struct BarOptions: ParsableArguments {
    // Unconditional: `--bar -5` is a value to refuse with the range, not a missing value.
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Net WPM needed to meet the bar, from 0 to 300 (default: bar in the settings file, else 40).", valueName: "WPM"))
    var bar: Double?

    @Option(name: .customLong("min-accuracy"), parsing: .unconditional,
            help: ArgumentHelp("Accuracy needed to meet the bar: a percentage from 0 to 100, like 95 (not 0.95); 0 means no accuracy rule (default: min_accuracy in the settings file, else 95).", valueName: "PCT"))
    var minAccuracy: Double?

    func validate() throws { try BarOptions.check(bar: bar, minAccuracy: minAccuracy) }

    /// Refuses a bar outside the ranges, or an accuracy given as a fraction.
    static func check(bar: Double?, minAccuracy: Double?) throws {
        if let bar { try OptionRange.wpm.check(bar, option: "--bar") }
        guard let minAccuracy else { return }
        try OptionRange.percentage.check(minAccuracy, option: "--min-accuracy")
        // Configs and settings files refuse fractions the same way: 0.95 would silently mean no accuracy rule at all.
        if minAccuracy > 0 && minAccuracy <= 1 {
            throw ValidationError("--min-accuracy is a percentage like 95, not a fraction like \(formatDecimal(minAccuracy, places: 2)) (0 means no accuracy rule).")
        }
    }
}

/// The accepted range of a numeric option, and the one message that states it.
struct OptionRange {
    /// What the option holds: "a number of net WPM", "a percentage".
    var noun: String
    var lower: Double
    var upper: Double
    /// Whether the lower end itself is refused (a time limit above 0).
    var excludesLower = false
    /// Words after the range, e.g. " times real time".
    var suffix = ""

    static let wpm = OptionRange(noun: "a number of net WPM", lower: Limits.barWPM.lowerBound, upper: Limits.barWPM.upperBound)
    static let percentage = OptionRange(noun: "a percentage", lower: Limits.percent.lowerBound, upper: Limits.percent.upperBound)
    static let replaySpeed = OptionRange(noun: "a speed", lower: 0.1, upper: 1000, suffix: " times real time")
    /// A score needs a second: finished text that took less cannot be scored.
    static let typedSeconds = OptionRange(noun: "a number of seconds", lower: ScoreResult.minimumSeconds, upper: Limits.elapsedSeconds.upperBound)
    static let timeLimit = OptionRange(noun: "a number of seconds", lower: 0, upper: Limits.timeLimitSeconds.upperBound, excludesLower: true)

    /// "a number of net WPM from 0 to 300", "a number of seconds above 0 and at most 3600".
    var text: String {
        let low = formatDecimal(lower, places: lower > 0 && lower < 1 ? 1 : 0)
        let high = formatDecimal(upper, places: 0)
        return noun + (excludesLower ? " above \(low) and at most \(high)" : " from \(low) to \(high)") + suffix
    }

    func check(_ value: Double, option: String) throws {
        let inside = value.isFinite && (excludesLower ? value > lower : value >= lower) && value <= upper
        guard inside else { throw ValidationError("\(option) must be \(text); \(shown(value)) is outside it.") }
    }

    /// The value as given, without an exponent for ordinary numbers.
    private func shown(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e9 else { return String(value) }
        return value == value.rounded() ? formatDecimal(value, places: 0) : String(value)
    }
}
