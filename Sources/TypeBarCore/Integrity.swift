/// A sign that a result may not be a person typing honestly. Flags inform a person; they never change the numbers.
public struct IntegrityFlag: Equatable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        case paste
        case idle
        case superhuman
        case uniform
        case lowAccuracy = "low_accuracy"
        /// The terminal lost focus during the attempt (another window was in front).
        case focus
        /// Far faster than the same candidate's earlier results.
        case aboveOwnResults = "above_own_results"
        /// The candidate left an assessment before its time was up.
        case leftEarly = "left_early"
    }

    public var kind: Kind
    /// Seconds from the first keystroke to where it was first seen, when it happened at a moment.
    public var atSeconds: Double?
    public var detail: String

    public init(kind: Kind, atSeconds: Double?, detail: String) {
        self.kind = kind
        self.atSeconds = atSeconds
        self.detail = detail
    }
}

/// The thresholds behind the integrity flags (see docs/scoring.md for why each is where it is).
public enum IntegrityRules {
    /// Characters closer together than this count towards a paste burst (10 ms is 1,200 WPM).
    public static let pasteIntervalMilliseconds = 10.0
    /// This many characters in a row, each within the paste interval of the one before, make a burst.
    public static let pasteBurstCharacters = 5
    /// A pause longer than this is idle.
    public static let idleMilliseconds = 10_000.0
    /// Speed over this many WPM across `superhumanWindow` characters is beyond any sustained human typing.
    public static let superhumanWPM = 200.0
    public static let superhumanWindow = 50
    /// Intervals whose coefficient of variation is under this, over at least `uniformMinimumIntervals`, look scripted.
    public static let uniformBelowVariation = 0.1
    public static let uniformMinimumIntervals = 20
    /// Keystroke accuracy under this percentage is not a valid result.
    public static let lowAccuracyBelow = 75.0
    /// Keystrokes per group in the consistency figure: one standard word.
    public static let consistencyGroup = 5
    /// A result is far above a candidate's own when they have at least this many earlier results, and it beats
    /// the best of them by more than `aboveOwnRatio` times and by at least `aboveOwnWPM` net WPM.
    public static let aboveOwnMinimumResults = 2
    public static let aboveOwnRatio = 1.3
    public static let aboveOwnWPM = 10.0
}

extension IntegrityFlag {
    /// The `above_own_results` flag when `netWPM` is far above every one of `earlier` (the candidate's own earlier
    /// net WPM figures); nil otherwise, and always nil with fewer than `aboveOwnMinimumResults` of them.
    public static func aboveOwnResults(netWPM: Double, earlier: [Double]) -> IntegrityFlag? {
        guard earlier.count >= IntegrityRules.aboveOwnMinimumResults, let best = earlier.max(),
              netWPM > best * IntegrityRules.aboveOwnRatio, netWPM - best >= IntegrityRules.aboveOwnWPM else { return nil }
        return IntegrityFlag(
            kind: .aboveOwnResults, atSeconds: nil,
            detail: "\(formatDecimal(netWPM, places: 0)) net WPM against a best of \(formatDecimal(best, places: 0)) in \(earlier.count) earlier results")
    }
}

/// What happened at the typing screen besides typing, as the keystroke log records it.
public enum SessionEvent: Equatable, Sendable {
    /// A bracketed paste of this many characters, refused as typing.
    case paste(characters: Int)
    /// The terminal reported that it lost focus.
    case focusLost
    case focusGained
}

/// Tallies session events into the `paste` and `focus` flags: live on the screen and again when its log is
/// rescored, so both give the same flags.
public struct SessionWatch: Equatable, Sendable {
    public private(set) var pastes = 0
    public private(set) var pastedCharacters = 0
    public private(set) var focusLosses = 0
    /// Milliseconds away from the terminal, over absences that have ended.
    public private(set) var millisecondsAway = 0.0
    private var firstPaste: Double?
    private var firstFocusLoss: Double?
    private var lostAt: Double?

    public init() {}

    public mutating func observe(_ event: SessionEvent, at time: Double) {
        switch event {
        case .paste(let characters):
            pastes += 1
            pastedCharacters += characters
            if firstPaste == nil { firstPaste = time }
        case .focusLost:
            guard lostAt == nil else { return }
            focusLosses += 1
            lostAt = time
            if firstFocusLoss == nil { firstFocusLoss = time }
        case .focusGained:
            if let lostAt { millisecondsAway += max(0, time - lostAt) }
            lostAt = nil
        }
    }

    /// The flags, with moments counted from `start` (the first keystroke, ms) when there is one; an absence still
    /// open at `end` (ms) counts up to it.
    public func flags(start: Double?, end: Double?) -> [IntegrityFlag] {
        func seconds(_ time: Double?) -> Double? {
            guard let time else { return nil }
            return max(0, time - (start ?? time)) / 1000
        }
        var flags: [IntegrityFlag] = []
        if pastes > 0 {
            flags.append(IntegrityFlag(
                kind: .paste, atSeconds: seconds(firstPaste),
                detail: "\(pastes) paste\(pastes == 1 ? "" : "s") (\(pastedCharacters) characters) refused during the session"))
        }
        if focusLosses > 0 {
            var away = millisecondsAway
            if let lostAt, let end { away += max(0, end - lostAt) }
            flags.append(IntegrityFlag(
                kind: .focus, atSeconds: seconds(firstFocusLoss),
                detail: "the terminal lost focus \(focusLosses) time\(focusLosses == 1 ? "" : "s"), \(formatDecimal(away / 1000, places: 1)) s away in all"))
        }
        return flags
    }
}

/// Running mean and variance (Welford), so pace statistics take constant memory.
struct RunningStatistics: Sendable {
    private(set) var count = 0
    private(set) var mean = 0.0
    private var squares = 0.0

    mutating func add(_ value: Double) {
        count += 1
        let delta = value - mean
        mean += delta / Double(count)
        squares += delta * (value - mean)
    }

    var standardDeviation: Double { count < 2 ? 0 : (squares / Double(count - 1)).squareRoot() }
    /// Standard deviation over mean; nil without at least two values or with a zero mean.
    var variation: Double? { count < 2 || mean <= 0 ? nil : standardDeviation / mean }
}

/// Watches the pace of keystrokes for the integrity flags and the consistency figure, in constant memory.
struct RhythmWatch: Sendable {
    private var intervals = RunningStatistics()
    private var groups = RunningStatistics()
    private var groupStart: Double?
    private var groupKeystrokes = 0
    private var groupHadIdle = false

    private var pasteRun = 1
    private var pasteBursts = 0
    private var firstPaste: Double?
    private var lastCharacterTime: Double?

    private var idlePauses = 0
    private var longestIdle = 0.0
    private var firstIdle: Double?

    /// Times of the last `superhumanWindow + 1` character keystrokes, as a ring.
    private var recentCharacters: [Double] = []
    private var ringNext = 0
    private var fastestWindow: Double?
    private var firstSuperhuman: Double?

    private var startTime: Double?

    mutating func observe(time: Double, interval: Double?, isCharacter: Bool) {
        let start = startTime ?? time
        startTime = start
        if let interval {
            if interval > IntegrityRules.idleMilliseconds {
                idlePauses += 1
                longestIdle = max(longestIdle, interval)
                if firstIdle == nil { firstIdle = (time - interval - start) / 1000 }
                groupHadIdle = true
            } else {
                intervals.add(interval)
            }
        }
        observeGroup(time: time)
        guard isCharacter else { return }
        observePaste(time: time, start: start)
        observeSpeed(time: time, start: start)
        lastCharacterTime = time
    }

    private mutating func observeGroup(time: Double) {
        guard let begin = groupStart else {
            groupStart = time
            return
        }
        groupKeystrokes += 1
        if groupKeystrokes == IntegrityRules.consistencyGroup {
            if !groupHadIdle { groups.add(time - begin) }
            groupStart = time
            groupKeystrokes = 0
            groupHadIdle = false
        }
    }

    private mutating func observePaste(time: Double, start: Double) {
        if let last = lastCharacterTime, time - last < IntegrityRules.pasteIntervalMilliseconds {
            pasteRun += 1
            if pasteRun == IntegrityRules.pasteBurstCharacters {
                pasteBursts += 1
                if firstPaste == nil { firstPaste = (time - start) / 1000 }
            }
        } else {
            pasteRun = 1
        }
    }

    private mutating func observeSpeed(time: Double, start: Double) {
        let size = IntegrityRules.superhumanWindow + 1
        if recentCharacters.count < size {
            recentCharacters.append(time)
            ringNext = recentCharacters.count % size
            guard recentCharacters.count == size else { return }
            ringNext = 0
        } else {
            recentCharacters[ringNext] = time
            ringNext = (ringNext + 1) % size
        }
        // The oldest of the window is at ringNext; the window holds `superhumanWindow` intervals.
        let span = time - recentCharacters[ringNext]
        fastestWindow = min(fastestWindow ?? span, span)
        let limit = Double(IntegrityRules.superhumanWindow) / 5 / IntegrityRules.superhumanWPM * 60_000
        if span < limit && firstSuperhuman == nil { firstSuperhuman = (recentCharacters[ringNext] - start) / 1000 }
    }

    /// 100 × (1 − CV) of the time taken by each group of five keystrokes, clamped to 0-100; nil under three groups.
    var consistency: Double? {
        guard groups.count >= 3, let variation = groups.variation else { return groups.count >= 3 ? 100 : nil }
        return min(100, max(0, 100 * (1 - variation)))
    }

    func flags() -> [IntegrityFlag] {
        var flags: [IntegrityFlag] = []
        if pasteBursts > 0 {
            flags.append(IntegrityFlag(
                kind: .paste, atSeconds: firstPaste,
                detail: "\(pasteBursts) burst\(pasteBursts == 1 ? "" : "s") of \(IntegrityRules.pasteBurstCharacters)+ characters each under \(formatDecimal(IntegrityRules.pasteIntervalMilliseconds, places: 0)) ms apart"))
        }
        if idlePauses > 0 {
            flags.append(IntegrityFlag(
                kind: .idle, atSeconds: firstIdle,
                detail: "\(idlePauses) pause\(idlePauses == 1 ? "" : "s") over \(formatDecimal(IntegrityRules.idleMilliseconds / 1000, places: 0)) s, the longest \(formatDecimal(longestIdle / 1000, places: 1)) s"))
        }
        if let firstSuperhuman, let fastestWindow {
            let wpm = Double(IntegrityRules.superhumanWindow) / 5 / (fastestWindow / 60_000)
            flags.append(IntegrityFlag(
                kind: .superhuman, atSeconds: firstSuperhuman,
                detail: "\(IntegrityRules.superhumanWindow) characters at \(fastestWindow > 0 ? formatDecimal(wpm, places: 0) : "unbounded") WPM, over the \(formatDecimal(IntegrityRules.superhumanWPM, places: 0)) WPM no person sustains"))
        }
        if intervals.count >= IntegrityRules.uniformMinimumIntervals, let variation = intervals.variation,
           variation < IntegrityRules.uniformBelowVariation {
            flags.append(IntegrityFlag(
                kind: .uniform, atSeconds: nil,
                detail: "keystroke intervals vary by \(formatDecimal(variation * 100, places: 1)) % (mean \(formatDecimal(intervals.mean, places: 1)) ms): too even for a person"))
        } else if intervals.count >= IntegrityRules.uniformMinimumIntervals, intervals.mean == 0 {
            flags.append(IntegrityFlag(kind: .uniform, atSeconds: nil, detail: "every keystroke has the same time: too even for a person"))
        }
        return flags
    }
}
