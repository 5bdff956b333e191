/// The rules of a timed assessment: the same test, judged the same way, for every candidate.
/// Read from a config file or a preset by TypeBarKit (docs/assessments.md); judged here, without I/O.
public struct AssessmentRules: Equatable, Sendable {
    /// Which passages make the text. Every candidate gets the same text: ids are taken in order, otherwise the
    /// passages of `categories` (all when empty) are shuffled with `seed`.
    public struct Passages: Equatable, Sendable {
        public var ids: [String]
        public var categories: [String]
        public var seed: UInt64

        public init(ids: [String] = [], categories: [String] = [], seed: UInt64 = 1) {
            self.ids = ids
            self.categories = categories
            self.seed = seed
        }
    }

    public var name: String
    /// Length of the test in seconds.
    public var seconds: Double
    public var passages: Passages
    /// Net WPM and minimum accuracy.
    public var bar: HiringBar
    /// The most word errors (target words left with a mistake) a passing result may have; nil for no limit.
    public var maximumErrors: Int?
    /// Whether backspace and word deletion work; when false they are refused (and recorded).
    public var backspace: Bool
    /// Whether live speed and accuracy show while typing; the time left always shows.
    public var showLiveFigures: Bool
    /// How many times a candidate may take the test.
    public var attempts: Int
    /// Shown before the start.
    public var instructions: String

    public init(
        name: String, seconds: Double, passages: Passages = Passages(), bar: HiringBar, maximumErrors: Int? = nil,
        backspace: Bool = true, showLiveFigures: Bool = false, attempts: Int = 1, instructions: String = ""
    ) {
        self.name = name
        self.seconds = seconds
        self.passages = passages
        self.bar = bar
        self.maximumErrors = maximumErrors
        self.backspace = backspace
        self.showLiveFigures = showLiveFigures
        self.attempts = attempts
        self.instructions = instructions
    }

    public func judge(_ result: ScoreResult) -> AssessmentVerdict {
        judge(netWPM: result.netWPM, accuracy: result.accuracy, wordErrors: result.wordErrors)
    }

    public func judge(netWPM: Double, accuracy: Double, wordErrors: Int) -> AssessmentVerdict {
        AssessmentVerdict(verdict: bar.verdict(netWPM: netWPM, accuracy: accuracy), wordErrors: wordErrors, maximumErrors: maximumErrors)
    }

    /// The rules in one line: "3 min, 40 net WPM, 95 % accuracy, at most 3 errors, backspace allowed".
    public var summary: String {
        AssessmentRules.summary(seconds: seconds, bar: bar, maximumErrors: maximumErrors, backspace: backspace, attempts: attempts)
    }

    /// The rules in one line, from their parts; a part that is not known (nil) is left out.
    public static func summary(seconds: Double?, bar: HiringBar, maximumErrors: Int?, backspace: Bool, attempts: Int?) -> String {
        var parts: [String] = []
        if let seconds { parts.append(minutesText(seconds)) }
        parts.append("\(formatDecimal(bar.netWPM, places: 0)) net WPM")
        if bar.minimumAccuracy > 0 { parts.append("\(formatDecimal(bar.minimumAccuracy, places: 1)) % accuracy") }
        if let maximumErrors { parts.append("at most \(maximumErrors) error\(maximumErrors == 1 ? "" : "s")") }
        parts.append(backspace ? "backspace allowed" : "no backspace")
        if let attempts { parts.append(attempts == 1 ? "1 attempt" : "\(attempts) attempts") }
        return parts.joined(separator: ", ")
    }
}

/// "3 min", "90 s", "2.5 min".
public func minutesText(_ seconds: Double) -> String {
    if seconds.truncatingRemainder(dividingBy: 60) == 0 { return "\(formatDecimal(seconds / 60, places: 0)) min" }
    if seconds < 60 { return "\(formatDecimal(seconds, places: 0)) s" }
    return "\(formatDecimal(seconds / 60, places: 1)) min"
}

/// A result judged against assessment rules: the hiring-bar verdict plus the word-error limit.
public struct AssessmentVerdict: Equatable, Sendable {
    public var verdict: Verdict
    public var wordErrors: Int
    public var maximumErrors: Int?

    public var withinErrors: Bool { maximumErrors.map { wordErrors <= $0 } ?? true }
    public var passed: Bool { verdict.meetsBar && withinErrors }

    /// Why it did not pass, one short reason per rule missed; empty when it passed.
    public var reasons: [String] {
        var reasons: [String] = []
        if !verdict.meetsSpeed {
            reasons.append("\(formatDecimal(verdict.netWPM, places: 0)) net WPM is under the \(formatDecimal(verdict.bar.netWPM, places: 0)) bar")
        }
        if !verdict.meetsAccuracy {
            reasons.append("\(formatDecimal(verdict.accuracy, places: 1)) % accuracy is under the \(formatDecimal(verdict.bar.minimumAccuracy, places: 1)) % minimum")
        }
        if let maximumErrors, wordErrors > maximumErrors {
            reasons.append("\(wordErrors) errors is over the \(maximumErrors) allowed")
        }
        return reasons
    }

    /// One line: "PASS: 42 net WPM, 97.1 % accuracy, 1 error" or "FAIL: 36 net WPM is under the 40 bar".
    public var summary: String {
        let figures = "\(formatDecimal(verdict.netWPM, places: 0)) net WPM, \(formatDecimal(verdict.accuracy, places: 1)) % accuracy, \(wordErrors) error\(wordErrors == 1 ? "" : "s")"
        return passed ? "PASS: " + figures : "FAIL: " + figures + " (" + reasons.joined(separator: "; ") + ")"
    }
}
