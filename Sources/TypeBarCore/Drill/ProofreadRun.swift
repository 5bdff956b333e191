/// A proofreading drill as it is played: the drafts one after the other, the one being edited with its cursor,
/// and the marks of those submitted. A state machine on passed-in times, like `Attempt` and `ChatShift`: the core
/// never reads a clock, so a recorded drill replayed event by event gives exactly the figures the screen showed.
///
/// Times are milliseconds since the first draft appeared. Each draft's time runs from the moment it appeared (the
/// start, or the moment the draft before it was submitted) to its own submission.
public struct ProofreadRun: Sendable {
    /// What the candidate does to the draft being edited.
    public enum Event: Equatable, Sendable {
        /// Types a character at the cursor (it goes in before the character there).
        case insert(Character)
        /// Removes the character before the cursor.
        case backspace
        /// Removes the character at the cursor (after it, as the screen shows it).
        case delete
        /// Removes back to the start of the word before the cursor, with the spaces between.
        case wordBackspace
        /// Puts the cursor before character `n` (the draft's length: after the last). The screen works out where
        /// an arrow key, Home, End or a word jump lands; the log records the place, so replaying it needs no window.
        case moveTo(Int)
        /// Hands the draft in (Enter); the next one appears.
        case submit
    }

    /// Why an event cannot apply (a log that was written by hand, or damaged).
    public enum Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        case finished
        case cursorOutside(Int, length: Int)
        case timeBackwards(Double, after: Double)
        case controlCharacter

        public var description: String {
            switch self {
            case .finished: "every draft has been submitted: no event can follow the last submit"
            case .cursorOutside(let position, let length): "the cursor cannot go to \(position): the text has \(length) characters (0 to \(length))"
            case .timeBackwards(let time, let after): "\"t\" goes backwards (\(formatDecimal(time, places: 3)) after \(formatDecimal(after, places: 3))); times never decrease"
            case .controlCharacter: "a control character cannot be typed into a draft"
            }
        }
    }

    public let drafts: [ProofreadDraft]
    /// The draft being edited; `drafts.count` once every draft is submitted.
    public private(set) var current = 0
    /// The draft being edited, as it now reads.
    public private(set) var text: [Character]
    /// Where the cursor is: before character `cursor`.
    public private(set) var cursor = 0
    /// The drafts submitted so far, marked.
    public private(set) var submitted: [ProofreadResult.Draft] = []
    /// When the draft being edited appeared.
    public private(set) var draftStart = 0.0
    /// The time of the last event.
    public private(set) var lastTime = 0.0
    /// Events applied, submits included.
    public private(set) var events = 0

    public init(drafts: [ProofreadDraft]) {
        self.drafts = drafts
        text = drafts.first.map { Array($0.draft) } ?? []
    }

    /// Whether every draft has been submitted.
    public var isOver: Bool { current >= drafts.count }

    /// Applies `event` at `time`; a refused event changes nothing.
    public mutating func apply(_ event: Event, at time: Double) throws(Refusal) {
        guard !isOver else { throw .finished }
        guard time >= lastTime else { throw .timeBackwards(time, after: lastTime) }
        switch event {
        case .insert(let character):
            guard !character.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else { throw .controlCharacter }
            text.insert(character, at: cursor)
            cursor += 1
        case .backspace:
            if cursor > 0 {
                text.remove(at: cursor - 1)
                cursor -= 1
            }
        case .delete:
            if cursor < text.count { text.remove(at: cursor) }
        case .wordBackspace:
            let start = ProofreadRun.wordStart(before: cursor, in: text)
            text.removeSubrange(start..<cursor)
            cursor = start
        case .moveTo(let position):
            guard (0...text.count).contains(position) else { throw .cursorOutside(position, length: text.count) }
            cursor = position
        case .submit:
            let draft = drafts[current]
            let final = String(text)
            submitted.append(ProofreadResult.Draft(
                draft: draft, final: final, seconds: (time - draftStart) / 1000, marking: ProofreadMarking(draft: draft, final: final)))
            current += 1
            draftStart = time
            text = isOver ? [] : Array(drafts[current].draft)
            cursor = 0
        }
        lastTime = time
        events += 1
    }

    /// The figures so far: the drafts submitted, against `targetSeconds` a draft.
    public func result(targetSeconds: Double) -> ProofreadResult {
        ProofreadResult(drafts: submitted, total: drafts.count, targetSeconds: targetSeconds, events: events)
    }

    // MARK: - Where the cursor goes

    /// One character left or right, and word jumps: to the start of the word before the cursor, or past the end of
    /// the word after it (the spaces before it included). Up, Down, Home and End depend on how the text wraps in
    /// the window, so the screen works those out.
    public enum Move: String, CaseIterable, Sendable {
        case left, right
        case wordLeft = "word-left"
        case wordRight = "word-right"
    }

    /// Where `move` puts the cursor.
    public func position(after move: Move) -> Int {
        switch move {
        case .left: max(0, cursor - 1)
        case .right: min(text.count, cursor + 1)
        case .wordLeft: ProofreadRun.wordStart(before: cursor, in: text)
        case .wordRight: ProofreadRun.wordEnd(after: cursor, in: text)
        }
    }

    /// The start of the word before `position`, the spaces between included (what Ctrl-W and Ctrl-Left reach).
    static func wordStart(before position: Int, in text: [Character]) -> Int {
        var start = position
        while start > 0, text[start - 1] == " " { start -= 1 }
        while start > 0, text[start - 1] != " " { start -= 1 }
        return start
    }

    /// The end of the word after `position`, the spaces before it included (what Ctrl-Right reaches).
    static func wordEnd(after position: Int, in text: [Character]) -> Int {
        var end = position
        while end < text.count, text[end] == " " { end += 1 }
        while end < text.count, text[end] != " " { end += 1 }
        return end
    }
}

/// The figures of a proofreading drill: each submitted draft marked, and the totals the results and the history
/// show (docs/drills.md, "Proofreading").
public struct ProofreadResult: Equatable, Sendable {
    /// One submitted draft: the text handed in, how long it took, and its marks.
    public struct Draft: Equatable, Sendable {
        public var draft: ProofreadDraft
        public var final: String
        public var seconds: Double
        public var marking: ProofreadMarking

        public init(draft: ProofreadDraft, final: String, seconds: Double, marking: ProofreadMarking) {
            self.draft = draft
            self.final = final
            self.seconds = seconds
            self.marking = marking
        }

        public var planted: Int { draft.errors.count }
        public var fixed: Int { marking.fixedCount }
        public var introduced: Int { marking.introducedCount }
    }

    /// The drafts submitted, in order.
    public var drafts: [Draft]
    /// How many drafts the drill held (more than `drafts.count` when the candidate left early).
    public var total: Int
    /// The pace to keep: seconds a draft.
    public var targetSeconds: Double
    /// Events applied (edits, moves and submits): the record's keystrokes.
    public var events: Int

    public init(drafts: [Draft], total: Int, targetSeconds: Double, events: Int = 0) {
        self.drafts = drafts
        self.total = total
        self.targetSeconds = targetSeconds
        self.events = events
    }

    /// The default pace: Saville Assessment's Customer Check has candidates find spelling and grammar errors in
    /// chat conversations against the clock, at about 30 seconds a message.
    public static let defaultTargetSeconds = 30.0
    /// The drafts a drill holds unless `--drafts` says otherwise, and the most it may hold.
    public static let defaultDrafts = 5
    public static let maximumDrafts = 20
    /// The pace a drill may ask for.
    public static let targetRange = 5.0...600

    public var planted: Int { drafts.reduce(0) { $0 + $1.planted } }
    public var fixed: Int { drafts.reduce(0) { $0 + $1.fixed } }
    public var missed: Int { planted - fixed }
    public var introduced: Int { drafts.reduce(0) { $0 + $1.introduced } }
    /// Seconds from the first draft appearing to the last submission.
    public var seconds: Double { drafts.reduce(0) { $0 + $1.seconds } }
    /// Seconds a draft on average; nil before any draft is submitted.
    public var secondsPerDraft: Double? { drafts.isEmpty ? nil : seconds / Double(drafts.count) }
    /// Every draft of the drill submitted.
    public var completed: Bool { drafts.count == total }
    /// The share of planted errors fixed, 0-100; nil with nothing planted.
    public var fixedPercent: Double? { planted == 0 ? nil : 100 * Double(fixed) / Double(planted) }
    /// Whether the average draft took no longer than the target.
    public var withinPace: Bool { (secondsPerDraft ?? .infinity) <= targetSeconds }

    /// The drill's bar: every draft submitted, every planted error fixed, nothing introduced, within the pace.
    public var meetsTarget: Bool { completed && !drafts.isEmpty && missed == 0 && introduced == 0 && withinPace }

    /// What fell short, each as a few words ("2 missed", "1 introduced", "4.2 s a draft over the 30 s target").
    public var shortfalls: [String] {
        var parts: [String] = []
        if !completed { parts.append("left after \(drafts.count) of \(total) drafts") }
        if missed > 0 { parts.append("\(missed) missed") }
        if introduced > 0 { parts.append("\(introduced) introduced") }
        if let pace = secondsPerDraft, pace > targetSeconds {
            parts.append("\(formatDecimal(pace - targetSeconds, places: 1)) s a draft over the \(formatDecimal(targetSeconds, places: 0)) s target")
        }
        return parts
    }

    /// One line: the figures, then whether they meet the drill's bar or what fell short.
    public var verdict: String {
        let pace = secondsPerDraft.map { formatDecimal($0, places: 1) + " s a draft" } ?? "no draft submitted"
        let figures = "fixed \(fixed) of \(planted), introduced \(introduced), \(pace)"
        if meetsTarget { return "\(figures): meets the \(formatDecimal(targetSeconds, places: 0)) s target with every error fixed" }
        return "\(figures): " + shortfalls.joined(separator: "; ")
    }
}
