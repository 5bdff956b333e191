import TypeBarKit

/// One sitting at the typing screen: the attempt, the keystrokes to record, and what happened besides typing
/// (pastes refused, focus lost). Pure: the loop passes in events and the time, in milliseconds since the screen
/// appeared, from a monotonic clock.
public struct TypingSession: Sendable {
    public enum Mode: Equatable, Sendable {
        /// One passage; the clock starts at the first key and stops when the text is done.
        case practice
        /// Continuous text with a time limit in seconds, counted from the first key.
        case timedTest(seconds: Double)
    }

    public struct Configuration: Sendable {
        public var mode: Mode
        /// The normalised target text.
        public var text: String
        /// The passages the text came from, in order.
        public var passageIDs: [String]
        /// A short title for the screen: a passage title, or "2-minute test".
        public var title: String
        /// Hide live speed and accuracy while typing (exam style).
        public var hideLiveFigures: Bool
        public var bar: HiringBar

        public init(mode: Mode, text: String, passageIDs: [String], title: String, hideLiveFigures: Bool = false, bar: HiringBar = HiringBar()) {
            self.mode = mode
            self.text = text
            self.passageIDs = passageIDs
            self.title = title
            self.hideLiveFigures = hideLiveFigures
            self.bar = bar
        }

        public var timeLimit: Double? {
            if case .timedTest(let seconds) = mode { return seconds }
            return nil
        }
    }

    /// What the loop should do after an event.
    public enum Outcome: Equatable, Sendable {
        case keepTyping
        case finished
        case quit
        case restart
    }

    public let configuration: Configuration
    public private(set) var attempt: Attempt
    /// The applied keystrokes, as they go into the log.
    public private(set) var keystrokes: [Keystroke] = []
    public private(set) var pastes = 0
    public private(set) var pastedCharacters = 0
    public private(set) var focusLosses = 0
    /// A short message for the bottom line, e.g. after a paste.
    public private(set) var notice: String?

    public init(configuration: Configuration) {
        self.configuration = configuration
        attempt = Attempt(target: TargetText(configuration.text), timeLimit: configuration.timeLimit)
    }

    /// Times are kept to the microsecond, so the recorded log reads back to exactly the same numbers.
    static func recordable(_ milliseconds: Double) -> Double {
        (milliseconds * 1000).rounded() / 1000
    }

    public mutating func handle(_ event: InputEvent, at now: Double) -> Outcome {
        let time = TypingSession.recordable(now)
        if attempt.isOverTime(at: time) { return .finished }
        switch event {
        case .type(let character):
            return apply(.character(character, at: time))
        case .backspace:
            return apply(.backspace(at: time))
        case .wordBackspace:
            return apply(.wordBackspace(at: time))
        case .quit:
            return .quit
        case .restart:
            return .restart
        case .pasted(let characters):
            pastes += 1
            pastedCharacters += characters
            notice = "Pasted text is not accepted as typing (\(pastes) paste\(pastes == 1 ? "" : "s") refused, flagged on the result)."
            return .keepTyping
        case .focusLost:
            focusLosses += 1
            return .keepTyping
        case .focusGained, .resize, .other:
            return .keepTyping
        }
    }

    private mutating func apply(_ keystroke: Keystroke) -> Outcome {
        switch attempt.apply(keystroke) {
        case .applied:
            keystrokes.append(keystroke)
            notice = nil
            return attempt.isComplete ? .finished : .keepTyping
        case .afterTimeLimit, .afterCompletion:
            return .finished
        }
    }

    /// Called when no key came: ends a timed test whose limit has passed.
    public mutating func tick(at now: Double) -> Outcome {
        attempt.isOverTime(at: now) ? .finished : .keepTyping
    }

    /// When the time limit runs out (ms), once the first key has started the clock.
    public var deadline: Double? {
        guard let limit = configuration.timeLimit, let start = attempt.startTime else { return nil }
        return start + limit * 1000
    }

    public var hasStarted: Bool { attempt.startTime != nil }

    /// The keystroke log of this session (format 1), with the target text and time limit in the header.
    public func log(metadata: [String: String] = [:]) -> String {
        var fields = metadata
        fields["mode"] = configuration.mode == .practice ? "practice" : "test"
        if configuration.passageIDs.count > 1 { fields["passages"] = configuration.passageIDs.joined(separator: ",") }
        if pastes > 0 { fields["pastes_refused"] = String(pastes) }
        if focusLosses > 0 { fields["focus_lost"] = String(focusLosses) }
        fields["typebar_version"] = TypeBarVersion.current
        let header = KeystrokeLogHeader(
            text: attempt.target.text,
            passage: configuration.passageIDs.count == 1 ? configuration.passageIDs[0] : nil,
            timeLimit: configuration.timeLimit,
            metadata: fields)
        return KeystrokeLog.text(header: header, keystrokes: keystrokes)
    }

    /// The score, with the flags only the live screen can see (refused pastes) added.
    public func result() throws(ScoringError) -> ScoreResult {
        var result = try attempt.result()
        if pastes > 0 {
            result.flags.insert(IntegrityFlag(
                kind: .paste, atSeconds: nil,
                detail: "\(pastes) paste\(pastes == 1 ? "" : "s") (\(pastedCharacters) characters) refused during the session"), at: 0)
        }
        return result
    }
}
