import TypeBarCore
import TypeBarFormats

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
        /// Whether backspace and word deletion work; when false they are refused, recorded and shown as refused.
        public var backspace = true
        /// An assessment: Tab does not restart, and leaving takes Esc (or Ctrl-C) twice.
        public var isAssessment = false
        /// Free fields for the log's header (candidate, assessment).
        public var logMetadata: [String: String] = [:]
        /// A pace caret or a ghost racing the typist through the text (`--pace`, `--ghost`).
        public var rival: Rival?
        /// Shown under the text when the window has room: a drill's keyboard map of confidence.
        public var panel: Frame?

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
    /// The applied keystrokes (and refused corrections), as they go into the log.
    public private(set) var keystrokes: [Keystroke] = []
    /// Refused pastes and focus changes, with their times, as they go into the log.
    public private(set) var events: [(event: SessionEvent, time: Double)] = []
    public private(set) var watch = SessionWatch()
    /// A short message for the bottom line, e.g. after a paste.
    public private(set) var notice: String?
    /// In an assessment, a first Esc asks; a second one leaves.
    private var leaving = false

    public init(configuration: Configuration) {
        self.configuration = configuration
        attempt = Attempt(target: TargetText(configuration.text), timeLimit: configuration.timeLimit, allowsCorrections: configuration.backspace)
    }

    /// Times are kept to the microsecond, so the recorded log reads back to exactly the same numbers.
    static func recordable(_ milliseconds: Double) -> Double {
        (milliseconds * 1000).rounded() / 1000
    }

    public mutating func handle(_ event: InputEvent, at now: Double) -> Outcome {
        let time = TypingSession.recordable(now)
        if attempt.isOverTime(at: time) { return .finished }
        if leaving, case .type = event {
            leaving = false
            notice = nil
        }
        switch event {
        case .type(let character):
            return apply(.character(character, at: time))
        case .backspace:
            return apply(.backspace(at: time))
        case .wordBackspace:
            return apply(.wordBackspace(at: time))
        case .quit:
            guard configuration.isAssessment, hasStarted, !leaving else { return .quit }
            leaving = true
            notice = "Esc again leaves: this attempt counts as it stands. Type on to stay."
            return .keepTyping
        case .restart:
            guard configuration.isAssessment else { return .restart }
            notice = "Tab does not restart an assessment."
            return .keepTyping
        case .pasted(let characters):
            observe(.paste(characters: characters), at: time)
            notice = "Pasted text is not accepted as typing (\(watch.pastes) paste\(watch.pastes == 1 ? "" : "s") refused, flagged on the result)."
            return .keepTyping
        case .focusLost:
            observe(.focusLost, at: time)
            return .keepTyping
        case .focusGained:
            observe(.focusGained, at: time)
            return .keepTyping
        case .resize, .other:
            return .keepTyping
        }
    }

    private mutating func observe(_ event: SessionEvent, at time: Double) {
        watch.observe(event, at: time)
        events.append((event, time))
    }

    private mutating func apply(_ keystroke: Keystroke) -> Outcome {
        switch attempt.apply(keystroke) {
        case .applied:
            keystrokes.append(keystroke)
            if !leaving { notice = nil }
            return attempt.isComplete ? .finished : .keepTyping
        case .correctionRefused:
            keystrokes.append(keystroke)
            notice = "Backspace is off in this test: keep going."
            return .keepTyping
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
    /// Keystrokes and session events interleave in time order; a refused paste is kept as an event, not as typing.
    public func log() -> String {
        var fields = configuration.logMetadata
        // A drill names itself in the metadata; other sessions are named by their mode.
        if fields["mode"] == nil { fields["mode"] = configuration.isAssessment ? "assessment" : configuration.mode == .practice ? "practice" : "test" }
        if configuration.passageIDs.count > 1 { fields["passages"] = configuration.passageIDs.joined(separator: ",") }
        fields["typebar_version"] = TypeBarVersion.current
        let header = KeystrokeLogHeader(
            text: attempt.target.text,
            passage: configuration.passageIDs.count == 1 ? configuration.passageIDs[0] : nil,
            timeLimit: configuration.timeLimit,
            backspace: configuration.backspace,
            metadata: fields)
        var lines: [String] = []
        lines.reserveCapacity(keystrokes.count + events.count)
        var next = 0
        for keystroke in keystrokes {
            while next < events.count, events[next].time <= keystroke.time {
                lines.append(KeystrokeLog.eventLine(events[next].event, at: events[next].time))
                next += 1
            }
            lines.append(KeystrokeLog.eventLine(keystroke))
        }
        for (event, time) in events[next...] { lines.append(KeystrokeLog.eventLine(event, at: time)) }
        return KeystrokeLog.text(header: header, lines: lines)
    }

    /// The score, with the flags of what happened besides typing (refused pastes, focus lost).
    public func result() throws(ScoringError) -> ScoreResult {
        try attempt.result(with: watch)
    }
}
