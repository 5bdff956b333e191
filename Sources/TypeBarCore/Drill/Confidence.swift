/// What one session says about one key (a target character) or one pair of keys: how often it was due, how often
/// it was typed wrong, and its mean time from the keystroke before. A session's per-key table holds these.
public struct TimingObservation: Equatable, Sendable {
    /// The character, or the two characters of a pair.
    public var key: String
    public var typed: Int
    public var errors: Int
    /// Mean milliseconds; nil when the key was never timed in the session (only after long pauses, or first).
    public var meanMilliseconds: Double?

    public init(key: String, typed: Int, errors: Int = 0, meanMilliseconds: Double?) {
        self.key = key
        self.typed = typed
        self.errors = errors
        self.meanMilliseconds = meanMilliseconds
    }
}

/// One session's observations of keys and pairs.
public struct SessionTimings: Equatable, Sendable {
    public var keys: [TimingObservation]
    public var bigrams: [TimingObservation]

    public init(keys: [TimingObservation], bigrams: [TimingObservation] = []) {
        self.keys = keys
        self.bigrams = bigrams
    }

    /// The keys of a scored attempt, and all its timed pairs.
    public init(_ result: ScoreResult, bigrams: [TimingObservation]? = nil) {
        keys = result.keystrokes?.keys.map {
            TimingObservation(key: String($0.character), typed: $0.typed, errors: $0.errors, meanMilliseconds: $0.meanMilliseconds)
        } ?? []
        self.bigrams = bigrams ?? result.keystrokes?.slowestBigrams.map {
            TimingObservation(key: $0.bigram, typed: $0.count, meanMilliseconds: $0.meanMilliseconds)
        } ?? []
    }
}

/// How sure typebar is that a key (or pair) is typed at the target speed. The formulas, in docs/drills.md:
///
/// - target time `T = 60000 / (WPM × 5)` ms: at 40 WPM a character every 300 ms;
/// - smoothed time `S`: an exponential moving average of the key's mean time in each session that timed it, oldest
///   first, `S ← α·m + (1 − α)·S` with `α = 0.1`, starting from the first session's mean (keybr's smoothing), so
///   recent sessions weigh most;
/// - error rate `R`: the same average of each session's `errors / typed`;
/// - confidence `C = T / (S × (1 + 2R))`: a miss costs two more keystrokes (the backspace and the key again), so
///   errors count against confidence as the time they cost.
///
/// A key is weak when `C < 1` and at target when `C ≥ 1`.
public struct KeyConfidence: Equatable, Sendable {
    public var key: String
    /// The smoothed time `S`, nil when the key was never timed.
    public var smoothedMilliseconds: Double?
    /// The smoothed error rate `R`, 0 to 1.
    public var errorRate: Double
    /// How many times the key was due, over every session read.
    public var typed: Int
    /// How many sessions observed it.
    public var sessions: Int
    /// `C`; nil when never timed.
    public var confidence: Double?

    /// Whether there is enough to rank the key: timed, and due at least `ConfidenceModel.minimumTyped` times.
    public var isKnown: Bool { confidence != nil && typed >= ConfidenceModel.minimumTyped }
    public var isWeak: Bool { isKnown && (confidence ?? 0) < 1 }
    public var isAtTarget: Bool { isKnown && (confidence ?? 0) >= 1 }
}

/// Per-key and per-pair confidence built from sessions in the order they were typed. Pure: the history reader
/// hands it sessions; it never reads a file or a clock.
public struct ConfidenceModel: Sendable {
    /// The weight of the newest session in the moving averages (keybr uses 0.1).
    public static let alpha = 0.1
    /// Extra keystrokes a miss costs: the backspace and the key again.
    public static let errorCost = 2.0
    /// Below this many times due, a key's figures are one stumble, not a pattern: it is not ranked.
    public static let minimumTyped = 5
    /// The default target: the chat-support bar.
    public static let defaultTargetWPM = 40.0

    public var targetWPM: Double
    public private(set) var sessions = 0

    struct Smoothed: Sendable {
        var time: Double?
        var errorRate: Double?
        var typed = 0
        var sessions = 0

        mutating func observe(_ observation: TimingObservation) {
            guard observation.typed > 0 || observation.meanMilliseconds != nil else { return }
            let alpha = ConfidenceModel.alpha
            if let mean = observation.meanMilliseconds, mean.isFinite, mean >= 0 {
                time = time.map { alpha * mean + (1 - alpha) * $0 } ?? mean
            }
            if observation.typed > 0 {
                let rate = min(1, Double(max(0, observation.errors)) / Double(observation.typed))
                errorRate = errorRate.map { alpha * rate + (1 - alpha) * $0 } ?? rate
                typed += observation.typed
            }
            sessions += 1
        }
    }

    private var keyTable: [String: Smoothed] = [:]
    private var pairTable: [String: Smoothed] = [:]

    public init(targetWPM: Double = ConfidenceModel.defaultTargetWPM) {
        self.targetWPM = targetWPM
    }

    /// `T`: milliseconds per character at the target speed.
    public var targetMilliseconds: Double { 60_000 / (max(targetWPM, 1) * 5) }

    /// Folds one session in; sessions must come oldest first.
    public mutating func add(_ session: SessionTimings) {
        sessions += 1
        for observation in session.keys { keyTable[observation.key, default: Smoothed()].observe(observation) }
        for observation in session.bigrams { pairTable[observation.key, default: Smoothed()].observe(observation) }
    }

    /// The model with one more session: what a drill just did to the figures.
    public func adding(_ session: SessionTimings) -> ConfidenceModel {
        var model = self
        model.add(session)
        return model
    }

    /// `C = T / (S × (1 + 2R))`.
    public func confidence(smoothedMilliseconds: Double, errorRate: Double) -> Double {
        targetMilliseconds / max(smoothedMilliseconds * (1 + ConfidenceModel.errorCost * errorRate), 0.001)
    }

    public func key(_ key: String) -> KeyConfidence? { keyTable[key].map { figure(key, $0) } }
    public func bigram(_ pair: String) -> KeyConfidence? { pairTable[pair].map { figure(pair, $0) } }

    /// Every key seen, in character order.
    public var keys: [KeyConfidence] { keyTable.keys.sorted().map { figure($0, keyTable[$0]!) } }
    /// Every pair seen, in order.
    public var bigrams: [KeyConfidence] { pairTable.keys.sorted().map { figure($0, pairTable[$0]!) } }

    private func figure(_ key: String, _ smoothed: Smoothed) -> KeyConfidence {
        let rate = smoothed.errorRate ?? 0
        return KeyConfidence(
            key: key, smoothedMilliseconds: smoothed.time, errorRate: rate, typed: smoothed.typed, sessions: smoothed.sessions,
            confidence: smoothed.time.map { confidence(smoothedMilliseconds: $0, errorRate: rate) })
    }

    /// The lowercase letters a to z: what a drill works on first.
    public static let letters: [String] = (UInt8(ascii: "a")...UInt8(ascii: "z")).map { String(UnicodeScalar($0)) }

    /// Known keys, weakest first (ties by key). The space bar is left out: its time is the wait for the next word.
    /// With `lettersOnly`, only a to z.
    public func ranked(lettersOnly: Bool) -> [KeyConfidence] {
        keys.filter { $0.isKnown && $0.key != " " && (!lettersOnly || ConfidenceModel.letters.contains($0.key)) }
            .sorted { ($0.confidence ?? 0, $0.key) < ($1.confidence ?? 0, $1.key) }
    }

    /// Known pairs, weakest first; pairs holding a space are left out (the space's time is the wait for a word).
    public func rankedBigrams(lettersOnly: Bool) -> [KeyConfidence] {
        bigrams.filter {
            $0.isKnown && !$0.key.contains(" ") && (!lettersOnly || $0.key.allSatisfy { ConfidenceModel.letters.contains(String($0)) })
        }.sorted { ($0.confidence ?? 0, $0.key) < ($1.confidence ?? 0, $1.key) }
    }

    /// Letters known, and how many of them are at target: "21 of 30 letters at 40 WPM".
    public var lettersAtTarget: (atTarget: Int, known: Int) {
        let known = ranked(lettersOnly: true)
        return (known.filter(\.isAtTarget).count, known.count)
    }

    /// Whether the letters are learned: some are known and every known letter is at target. Capitals,
    /// punctuation and digits then come into the drill.
    public var lettersLearned: Bool {
        let (atTarget, known) = lettersAtTarget
        return known > 0 && atTarget == known
    }

    /// How far a key is below target: `1 − C` for a weak key, 0 at target or when not known.
    public func weakness(of key: String) -> Double {
        guard let figure = self.key(key), figure.isKnown, let confidence = figure.confidence else { return 0 }
        return max(0, 1 - confidence)
    }

    /// `1 − C` for a weak pair, else 0.
    public func pairWeakness(of pair: String) -> Double {
        guard let figure = bigram(pair), figure.isKnown, let confidence = figure.confidence else { return 0 }
        return max(0, 1 - confidence)
    }
}

extension ConfidenceModel {
    /// How a drill moved the figures: "b 0.82 -> 0.97; 21 of 30 letters at 40 WPM", from this model (before the
    /// drill) to `after`. A part not measured before shows "new".
    public func progressLine(to after: ConfidenceModel, focus: DrillFocus?) -> String {
        var parts: [String] = []
        for part in focus?.parts ?? [] {
            let figure: (ConfidenceModel) -> Double? = { model in
                (part.count == 1 ? model.key(part) : model.bigram(part))?.confidence
            }
            let before = figure(self).map { formatDecimal($0, places: 2) } ?? "new"
            let now = figure(after).map { formatDecimal($0, places: 2) } ?? "not measured"
            parts.append("\(part) \(before) -> \(now)")
        }
        let (atTarget, known) = after.lettersAtTarget
        parts.append("\(atTarget) of \(known) letters at \(formatDecimal(after.targetWPM, places: 0)) WPM")
        return parts.joined(separator: "; ")
    }
}
