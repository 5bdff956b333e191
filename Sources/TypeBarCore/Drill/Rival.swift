/// A second caret racing the typist through the same text: a steady pace (40 WPM, a personal best) or a ghost
/// replaying a recorded session keystroke by keystroke. Both start with the typist's first key. Pure: the screen
/// asks where it is at a time since that key, in milliseconds.
public struct Rival: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// A steady pace in WPM, and what it is ("40 WPM", "your best").
        case pace(wpm: Double, name: String)
        /// A recorded session, and whose ("ghost a1b2c3d4").
        case ghost(name: String)
    }

    public let kind: Kind
    /// Characters in the target.
    public let length: Int
    /// A ghost's buffer length after each of its applied keystrokes, and when (ms since its first keystroke).
    private let steps: [(time: Double, position: Int)]
    /// Milliseconds per character at a pace.
    private let millisecondsPerCharacter: Double

    public static func == (lhs: Rival, rhs: Rival) -> Bool {
        lhs.kind == rhs.kind && lhs.length == rhs.length && lhs.millisecondsPerCharacter == rhs.millisecondsPerCharacter
            && lhs.steps.map(\.time) == rhs.steps.map(\.time) && lhs.steps.map(\.position) == rhs.steps.map(\.position)
    }

    /// A steady `wpm` (five characters a word) through a text of `length` characters.
    public init(pace wpm: Double, name: String, length: Int) {
        kind = .pace(wpm: wpm, name: name)
        self.length = length
        steps = []
        millisecondsPerCharacter = 60_000 / (max(wpm, 0.1) * 5)
    }

    /// A ghost replaying `keystrokes` on `target` by the scoring engine's rules: each keystroke edits the buffer
    /// at its own time (relative to the first), and the caret sits at the end of the buffer.
    public init(ghost keystrokes: [Keystroke], target: TargetText, timeLimit: Double? = nil, name: String) {
        kind = .ghost(name: name)
        length = target.count
        millisecondsPerCharacter = 0
        var attempt = Attempt(target: target, timeLimit: timeLimit)
        var steps: [(Double, Int)] = []
        let start = keystrokes.first?.time ?? 0
        for keystroke in keystrokes where attempt.apply(keystroke) == .applied {
            steps.append((max(0, keystroke.time - start), attempt.typedCount))
        }
        self.steps = steps
    }

    /// Where the caret is `elapsed` ms after the typist's first key: how many characters it has typed.
    public func position(at elapsed: Double) -> Int {
        guard elapsed >= 0 else { return 0 }
        if case .pace = kind {
            return min(length, Int(clampingFigure: (elapsed / millisecondsPerCharacter).rounded(.down)))
        }
        // The last step at or before `elapsed`.
        var low = 0, high = steps.count
        while low < high {
            let middle = (low + high) / 2
            if steps[middle].time <= elapsed { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? 0 : steps[low - 1].position
    }

    /// When the caret next moves after `elapsed` (ms), for the screen's timer; nil once it has stopped.
    public func nextMove(after elapsed: Double) -> Double? {
        if case .pace = kind {
            let next = ((max(0, elapsed) / millisecondsPerCharacter).rounded(.down) + 1) * millisecondsPerCharacter
            return position(at: elapsed) < length ? next : nil
        }
        return steps.first { $0.time > elapsed }?.time
    }

    /// When it reached the end of the text (ms after its start); nil if it never does.
    public var finishTime: Double? {
        if case .pace = kind { return Double(length) * millisecondsPerCharacter }
        return steps.first { $0.position >= length }?.time
    }

    /// What it is called on screen.
    public var name: String {
        switch kind {
        case .pace(_, let name): name
        case .ghost(let name): name
        }
    }

    /// Who finished first and by how much, for the results screen. `typed` is the typist's characters at the end,
    /// `elapsed` their time in ms, `finished` whether they completed the text.
    public func race(typed: Int, elapsed: Double, finished: Bool) -> String {
        if finished, let theirs = finishTime {
            let gap = abs(theirs - elapsed) / 1000
            if theirs > elapsed { return "you finished \(formatDecimal(gap, places: 1)) s ahead of \(name)" }
            if theirs < elapsed { return "\(name) finished \(formatDecimal(gap, places: 1)) s ahead of you" }
            return "you and \(name) finished together"
        }
        if finished { return "you finished; \(name) had not (\(position(at: elapsed)) of \(length) characters)" }
        let theirs = position(at: elapsed)
        if theirs > typed { return "\(name) was \(theirs - typed) characters ahead when you stopped" }
        if theirs < typed { return "you were \(typed - theirs) characters ahead of \(name) when you stopped" }
        return "you and \(name) were level when you stopped"
    }
}
