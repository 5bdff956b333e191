/// One attempt at a target text: the state machine every typebar mode feeds keystrokes to, in order.
///
/// `apply(_:)` is incremental: after each keystroke, `liveFigures(at:)` gives current figures without rescoring
/// from the start, and `result()` gives the full score. The core never reads a clock: times come with the
/// keystrokes, so a recorded session rescored later gives exactly the numbers the typist saw.
public struct Attempt: Sendable {
    /// What became of a keystroke handed to `apply(_:)`.
    public enum Disposition: Equatable, Sendable {
        case applied
        /// It came more than the time limit after the first keystroke.
        case afterTimeLimit
        /// The buffer had already reached the target's length.
        case afterCompletion
        /// A backspace or word deletion when the rules allow no corrections; it changes nothing.
        case correctionRefused
    }

    public let target: TargetText
    /// The time limit in seconds, if the attempt has one.
    public let timeLimit: Double?
    /// Whether backspace and word deletion may change the typed text (an assessment can forbid corrections).
    public let allowsCorrections: Bool
    public private(set) var isComplete = false
    /// Milliseconds of the first applied keystroke.
    public private(set) var startTime: Double?
    /// Milliseconds of the last applied keystroke.
    public private(set) var lastTime: Double?
    public private(set) var appliedKeystrokes = 0
    public private(set) var characterKeystrokes = 0
    /// Character keystrokes that were the target character where they were typed, or that added no error to the
    /// best alignment (after a skipped letter, the keys that follow it).
    public private(set) var matchedKeystrokes = 0

    private var aligner: PrefixAligner
    /// For each typed character, whether it was matched when it was typed (the test `matchedKeystrokes` counts):
    /// the character due at its place, or one that added no error to the best alignment. A function of the buffer
    /// up to it, so it stays right across deletions and retyping.
    private var matched: [Bool] = []
    private var keys = KeyTimings()
    private var rhythm = RhythmWatch()
    private var timeline = TimelineBuilder()
    /// Where the last keystroke put a correct character, for bigram timing; nil after anything else.
    private var lastCorrectPosition: Int?
    /// The buffer as it stood when the whole second `second` began (its first keystroke not yet applied): what
    /// the figures of a live screen show during that second.
    private var wholeSecond = (second: 0, characters: 0, errors: 0, prefixLength: 0)

    public init(target: TargetText, timeLimit: Double? = nil, allowsCorrections: Bool = true) {
        self.target = target
        self.timeLimit = timeLimit.flatMap { $0 > 0 ? $0 : nil }
        self.allowsCorrections = allowsCorrections
        aligner = PrefixAligner(target: target.codes)
        // An empty target has nothing to type: it takes no keystrokes and cannot be scored.
        isComplete = target.isEmpty
    }

    /// The characters typed so far, as the typist sees them.
    public var typedCount: Int { aligner.typedCount }

    /// The typed buffer, one code per character (the codes of `TargetText`), as the typist sees it.
    public var typedCodes: [UInt32] { aligner.typed }

    /// Whether the typed character at `position` is right: the character due there, or one the best alignment of
    /// the text typed so far takes as right (after a skipped letter, the letters that follow it). The same test as
    /// keystroke accuracy's, so one dropped letter is one error on screen, as in the score, not every later one.
    public func isCorrect(at position: Int) -> Bool {
        position < matched.count && matched[position]
    }

    /// Applies one keystroke. Keystrokes must come in time order; an earlier time is taken as the latest one seen.
    @discardableResult
    public mutating func apply(_ keystroke: Keystroke) -> Disposition {
        if isComplete { return .afterCompletion }
        let time = max(keystroke.time, lastTime ?? keystroke.time)
        let start = startTime ?? time
        if let limit = timeLimit, time - start > limit * 1000 { return .afterTimeLimit }
        if !allowsCorrections, keystroke.action == .backspace || keystroke.action == .wordBackspace { return .correctionRefused }
        startTime = start

        let second = Int(clampingFigure: ((time - start) / 1000).rounded(.down))
        if second > wholeSecond.second {
            let (errors, prefixLength) = aligner.best
            wholeSecond = (second, aligner.typedCount, errors, prefixLength)
        }
        // Close the timeline's seconds that ended before this keystroke, with the state they ended in.
        if timeline.hasSecondsToClose(before: time - start) {
            timeline.advance(to: time - start, buffer: (aligner.typedCount, aligner.best.errors))
        }
        let interval = lastTime.map { time - $0 }
        var correct = false
        var isCharacter = false
        switch keystroke.action {
        case .character(let character):
            isCharacter = true
            let code = target.code(for: character)
            let position = aligner.typedCount
            let expected = target.codes[position]
            let inPlace = code == expected
            // Not the character at its position: it still counts as matched when it adds no error to the best
            // alignment, so one skipped or doubled letter costs one keystroke, not every one after it.
            let errorsBefore = inPlace ? 0 : aligner.best.errors
            aligner.append(code)
            correct = inPlace || aligner.best.errors == errorsBefore
            matched.append(correct)
            characterKeystrokes += 1
            if correct { matchedKeystrokes += 1 }
            keys.record(expected: expected, correct: correct, interval: interval)
            if inPlace, let previous = lastCorrectPosition, previous == position - 1, let interval {
                keys.recordBigram(target.codes[previous], expected, interval: interval)
            }
            lastCorrectPosition = inPlace ? position : nil
            timeline.countCharacter(correct: correct)
            if aligner.typedCount == target.count { isComplete = true }
        case .backspace:
            lastCorrectPosition = nil
            aligner.removeLast()
        case .wordBackspace:
            lastCorrectPosition = nil
            while aligner.typed.last == TargetText.spaceCode { aligner.removeLast() }
            while let last = aligner.typed.last, last != TargetText.spaceCode { aligner.removeLast() }
        }
        if matched.count > aligner.typedCount { matched.removeLast(matched.count - aligner.typedCount) }
        rhythm.observe(time: time, interval: interval, isCharacter: isCharacter)
        appliedKeystrokes += 1
        lastTime = time
        return .applied
    }

    /// Whether a keystroke at `time` (ms) would fall after the time limit.
    public func isOverTime(at time: Double) -> Bool {
        guard let limit = timeLimit, let start = startTime else { return false }
        return time - start > limit * 1000
    }

    /// Figures for a live screen, cheap enough to compute after every keystroke. `now` is in milliseconds.
    public func liveFigures(at now: Double) -> LiveFigures {
        let (errors, prefix) = aligner.best
        var elapsed = 0.0
        if let start = startTime {
            elapsed = isComplete ? (lastTime ?? start) - start : now - start
            if let limit = timeLimit { elapsed = min(elapsed, limit * 1000) }
        }
        let speed = Speed(characters: aligner.typedCount, errors: errors, prefixLength: prefix, seconds: max(0, elapsed) / 1000)
        return LiveFigures(speed, timeLimit: timeLimit, isComplete: isComplete)
    }

    /// Live figures as they stood when the current whole second began: a live screen showing these changes its
    /// figures once a second, with its clock, rather than at every key (and the speed is over whole seconds, as
    /// the results chart plots it). A finished attempt gives its final figures. `now` is in milliseconds.
    public func liveFiguresAtWholeSeconds(_ now: Double) -> LiveFigures {
        guard let start = startTime, let last = lastTime, !isComplete else { return liveFigures(at: now) }
        var elapsed = max(0, now - start)
        if let limit = timeLimit { elapsed = min(elapsed, limit * 1000) }
        let second = (elapsed / 1000).rounded(.down)
        let state: (characters: Int, errors: Int, prefixLength: Int)
        if ((last - start) / 1000).rounded(.down) >= second {
            state = (wholeSecond.characters, wholeSecond.errors, wholeSecond.prefixLength)
        } else {
            // Every keystroke came before this second began: the buffer now is the buffer then.
            let (errors, prefixLength) = aligner.best
            state = (aligner.typedCount, errors, prefixLength)
        }
        let speed = Speed(characters: state.characters, errors: state.errors, prefixLength: state.prefixLength, seconds: second)
        return LiveFigures(speed, timeLimit: timeLimit, isComplete: false)
    }

    /// The full score. Fails when nothing was typed or too little time passed to give a meaningful speed.
    public func result() throws(ScoringError) -> ScoreResult {
        guard !target.isEmpty else { throw .emptyTarget }
        guard let start = startTime, let last = lastTime else { throw .noKeystrokes }
        let seconds: Double
        if let limit = timeLimit, !isComplete {
            seconds = limit
        } else {
            seconds = (last - start) / 1000
        }
        guard seconds >= ScoreResult.minimumSeconds else { throw .tooLittleTime(seconds: seconds) }

        let alignment = aligner.alignment()
        let speed = Speed(characters: aligner.typedCount, errors: alignment.errors, prefixLength: alignment.prefixLength, seconds: seconds)
        var finishedTimeline = timeline
        finishedTimeline.finish(at: seconds * 1000, buffer: (aligner.typedCount, alignment.errors))
        let characters = aligner.typedCount
        let keystrokeAccuracy = characterKeystrokes == 0 ? 0 : 100 * Double(matchedKeystrokes) / Double(characterKeystrokes)
        var flags = rhythm.flags()
        if characterKeystrokes > 0 && keystrokeAccuracy < IntegrityRules.lowAccuracyBelow {
            flags.append(IntegrityFlag(
                kind: .lowAccuracy, atSeconds: nil,
                detail: "keystroke accuracy \(formatDecimal(keystrokeAccuracy, places: 1)) % is under \(formatDecimal(IntegrityRules.lowAccuracyBelow, places: 0)) %: not a valid result"))
        }
        return ScoreResult(
            speed: speed,
            alignment: alignment,
            wordErrors: target.wordsHolding(alignment.errorPositions, within: alignment.prefixLength),
            targetLength: target.count,
            completed: isComplete,
            keystrokes: KeystrokeFigures(
                accuracy: keystrokeAccuracy,
                correctedErrors: characterKeystrokes - characters,
                kspc: characters == 0 ? nil : Double(appliedKeystrokes) / Double(characters),
                applied: appliedKeystrokes,
                characters: characterKeystrokes,
                consistency: rhythm.consistency,
                keys: keys.keyFigures(in: target),
                slowestBigrams: keys.slowestBigrams(in: target),
                timeline: finishedTimeline.samples,
                timelineStep: finishedTimeline.step),
            flags: flags)
    }
}

extension Attempt {
    /// The full score with the flags of `watch` (refused pastes, focus lost) first among the flags.
    public func result(with watch: SessionWatch) throws(ScoringError) -> ScoreResult {
        var result = try result()
        let end = startTime.map { $0 + result.elapsedSeconds * 1000 }
        result.flags.insert(contentsOf: watch.flags(start: startTime, end: end), at: 0)
        return result
    }
}

/// What a live typing screen shows after each keystroke.
public struct LiveFigures: Equatable, Sendable {
    public var netWPM: Double
    public var accuracy: Double
    public var elapsedSeconds: Double
    public var remainingSeconds: Double?
    public var typedCharacters: Int
    public var uncorrectedErrors: Int
    public var isComplete: Bool
}

extension LiveFigures {
    /// The figures of `speed` over its seconds, with the time left of `timeLimit` (seconds).
    init(_ speed: Speed, timeLimit: Double?, isComplete: Bool) {
        self.init(
            netWPM: speed.netWPM, accuracy: speed.accuracy, elapsedSeconds: speed.seconds,
            remainingSeconds: timeLimit.map { max(0, $0 - speed.seconds) },
            typedCharacters: speed.characters, uncorrectedErrors: speed.errors, isComplete: isComplete)
    }
}

/// Why an attempt cannot be scored.
public enum ScoringError: Error, Equatable, Sendable {
    case noKeystrokes
    case tooLittleTime(seconds: Double)
    case emptyTarget

    public var message: String {
        switch self {
        case .noKeystrokes:
            return "no keystrokes to score"
        case .tooLittleTime(let seconds):
            return "too little time to score (\(formatDecimal(seconds, places: 3)) s): a score needs at least \(formatDecimal(ScoreResult.minimumSeconds, places: 0)) s between the first and last keystroke"
        case .emptyTarget:
            return "the target text is empty"
        }
    }
}

extension TargetText {
    /// How many target words hold at least one of `positions`, counting only positions before `limit`.
    /// A space belongs to the word before it.
    func wordsHolding(_ positions: [Int], within limit: Int) -> Int {
        guard !positions.isEmpty else { return 0 }
        var wordOfPosition = [Int](repeating: 0, count: min(limit, count))
        var word = 0
        for index in wordOfPosition.indices {
            wordOfPosition[index] = word
            if codes[index] == TargetText.spaceCode { word += 1 }
        }
        var words = Set<Int>()
        for position in positions where position >= 0 && position < wordOfPosition.count {
            words.insert(wordOfPosition[position])
        }
        return words.count
    }
}
