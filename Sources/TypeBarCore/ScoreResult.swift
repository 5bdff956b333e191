/// Everything typebar measures about one attempt: speed and accuracy from the final text, keystroke figures
/// from the keystrokes that produced it, and integrity flags. The formulas are in docs/scoring.md.
public struct ScoreResult: Equatable, Sendable {
    /// Below this many seconds a words-per-minute figure says more about the clock than about the typist.
    public static let minimumSeconds = 1.0

    public var speed: Speed
    var alignment: Alignment
    /// Target words, within the matched prefix, that hold at least one uncorrected error.
    public var wordErrors: Int
    public var targetLength: Int
    /// Whether the typed text reached the target's length.
    public var completed: Bool
    /// Figures that need the keystrokes; nil when only the finished text was scored.
    public var keystrokes: KeystrokeFigures?
    public var flags: [IntegrityFlag]

    public var grossWPM: Double { speed.grossWPM }
    public var netWPM: Double { speed.netWPM }
    public var accuracy: Double { speed.accuracy }
    public var characters: Int { speed.characters }
    public var elapsedSeconds: Double { speed.seconds }
    public var uncorrectedErrors: Int { alignment.errors }
    /// `K`: the longest target prefix the typed text is closest to.
    public var matchedPrefixLength: Int { alignment.prefixLength }
    public var substitutions: Int { alignment.substitutions }
    public var insertions: Int { alignment.insertions }
    public var omissions: Int { alignment.omissions }
    /// Whether `uncorrectedErrors` is exact; past `PrefixAligner.drift` errors it is an upper bound.
    public var errorsAreExact: Bool { alignment.errors <= PrefixAligner.drift }

    /// Scores finished text alone, typed in `seconds`, when no keystrokes were recorded.
    /// Text beyond the target's length is cut, as a live attempt stops there.
    public static func scoring(typed: String, against target: TargetText, seconds: Double) throws(ScoringError) -> ScoreResult {
        guard !target.isEmpty else { throw .emptyTarget }
        guard seconds.isFinite, seconds >= minimumSeconds else { throw .tooLittleTime(seconds: seconds) }
        var aligner = PrefixAligner(target: target.codes)
        for character in TargetText.normaliseWhitespace(typed).prefix(target.count) {
            aligner.append(target.code(for: character))
        }
        let alignment = aligner.alignment()
        return ScoreResult(
            speed: Speed(characters: aligner.typedCount, errors: alignment.errors, prefixLength: alignment.prefixLength, seconds: seconds),
            alignment: alignment,
            wordErrors: target.wordsHolding(alignment.errorPositions, within: alignment.prefixLength),
            targetLength: target.count,
            completed: aligner.typedCount == target.count,
            keystrokes: nil,
            flags: [])
    }
}

/// Speed and accuracy from the typed text, its error count and the time taken.
public struct Speed: Equatable, Sendable {
    /// `C`: characters in the final typed text.
    public var characters: Int
    /// `E`: uncorrected errors.
    public var errors: Int
    /// `K`: the longest target prefix reaching `E`.
    public var prefixLength: Int
    /// `T`: elapsed seconds.
    public var seconds: Double

    /// (C / 5) / (T / 60): standard five-keystroke words per minute.
    public var grossWPM: Double {
        seconds > 0 ? (Double(characters) / 5) / (seconds / 60) : 0
    }

    /// Gross WPM less one word per minute for each uncorrected error, never below zero.
    public var netWPM: Double {
        seconds > 0 ? max(0, grossWPM - Double(errors) / (seconds / 60)) : 0
    }

    /// 100 × (1 − E / max(C, K)); 0 when nothing was typed.
    public var accuracy: Double {
        let base = max(characters, prefixLength)
        return base == 0 ? 0 : 100 * (1 - Double(errors) / Double(base))
    }
}

/// Figures that come from the keystrokes rather than the finished text.
public struct KeystrokeFigures: Equatable, Sendable {
    /// Percentage of character keystrokes that matched the target where they were typed.
    public var accuracy: Double
    /// Character keystrokes that are not in the final text.
    public var correctedErrors: Int
    /// Keystrokes per final character; nil when no characters remain.
    public var kspc: Double?
    public var applied: Int
    public var characters: Int
    /// How even the typing pace was, 0-100; nil when the attempt is too short to say.
    public var consistency: Double?
    /// One entry per target character that was due at least once, in order of first appearance in the target.
    public var keys: [KeyFigure]
    public var slowestBigrams: [BigramFigure]
    public var timeline: [TimelineSample]
    /// Seconds per timeline sample: 1, or wider for an attempt longer than `Limits.timelineSamples` seconds.
    public var timelineStep: Double = 1

    /// The keys that took longest on average, slowest first (the space bar left out: it waits on the word before).
    public func slowestKeys(limit: Int = 5) -> [KeyFigure] {
        Array(keys.filter { $0.meanMilliseconds != nil && $0.character != " " }
            .sorted { ($0.meanMilliseconds ?? 0) > ($1.meanMilliseconds ?? 0) }.prefix(limit))
    }

    /// The characters most often typed wrong, most errors first (ties: the one typed less often, a worse rate).
    public func mostMissed(limit: Int = 5) -> [KeyFigure] {
        Array(keys.filter { $0.errors > 0 }.sorted { ($0.errors, $1.typed) > ($1.errors, $0.typed) }.prefix(limit))
    }
}

/// How one target character fared: how often it was due and typed, how often wrongly, and how long it took.
public struct KeyFigure: Equatable, Sendable {
    public var character: Character
    public var typed: Int
    public var errors: Int
    /// Mean milliseconds from the keystroke before; nil when never timed.
    public var meanMilliseconds: Double?
    /// The keystrokes the mean is over: those with a keystroke before them, no more than 10 s before.
    public var timed = 0
}

/// A pair of target characters typed correctly one after the other, and the mean time between them.
public struct BigramFigure: Equatable, Sendable {
    public var bigram: String
    public var count: Int
    public var meanMilliseconds: Double
}

/// One second of the attempt (or one step, for a long attempt).
public struct TimelineSample: Equatable, Sendable {
    /// The sample's end, in seconds from the first keystroke (the last one may be a fraction).
    public var second: Double
    /// Character keystrokes in this second, and how many of them did not match.
    public var characters: Int
    public var errors: Int
    /// Characters typed in this second alone, as words per minute.
    public var rawWPM: Double
    /// Net WPM of the whole attempt up to the end of this second.
    public var netWPM: Double
}
