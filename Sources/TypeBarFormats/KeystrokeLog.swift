import Foundation
import TypeBarCore

/// Line 1 of a keystroke log (format 1, docs/keystroke-log.md): what was typed against, and under what limit.
public struct KeystrokeLogHeader: Equatable, Sendable {
    public static let format = "typebar-keystrokes"
    public static let version = 1
    static let example = #"{"format":"typebar-keystrokes","version":1}"#

    /// The exact target text.
    public var text: String?
    /// The passage id the text came from.
    public var passage: String?
    /// Seconds.
    public var timeLimit: Double?
    /// False when the session refused backspace and word deletion (an assessment rule); such keys in the log
    /// are then refused again when it is scored.
    public var backspace: Bool
    /// Other string-valued fields (free metadata), kept so they can be written back.
    public var metadata: [String: String]

    public init(text: String? = nil, passage: String? = nil, timeLimit: Double? = nil, backspace: Bool = true, metadata: [String: String] = [:]) {
        self.text = text
        self.passage = passage
        self.timeLimit = timeLimit
        self.backspace = backspace
        self.metadata = metadata
    }

    /// Parses the header line; `path` only names the file in errors.
    static func parse(_ line: UnsafeBufferPointer<UInt8>, path: String) throws(TypeBarError) -> KeystrokeLogHeader {
        func problem(_ text: String) -> TypeBarError { .badLine(path: path, line: 1, problem: text) }
        var bytes = line
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = UnsafeBufferPointer(rebasing: bytes.dropFirst(3)) }
        // A target of the longest allowed text, every character escaped, stays well under this.
        guard bytes.count <= 16 << 20 else {
            throw problem("the header is \(bytes.count >> 20) MiB; a header's text holds at most \(Limits.targetCharacters) characters")
        }
        guard String(validating: bytes, as: UTF8.self) != nil else { throw problem("the header is not valid UTF-8") }
        guard let fields = KeystrokeLogHeaderFields.decode(bytes) else {
            throw problem("line 1 must be the header \(example), followed by one event per line")
        }
        guard case .value(let format) = fields.format else {
            if fields.hasTime { throw problem("the log has no header: line 1 must be \(example)") }
            throw problem("the header has no \"format\"; line 1 must be \(example)")
        }
        guard format == KeystrokeLogHeader.format else {
            throw problem("\"format\" is \(quoted(format)), not \"\(KeystrokeLogHeader.format)\": this is not a typebar keystroke log")
        }
        guard let version = fields.version.value, version.rounded() == version, abs(version) < 1e9 else {
            throw problem("the header's \"version\" must be a whole number (this typebar reads version \(KeystrokeLogHeader.version))")
        }
        guard Int(version) == KeystrokeLogHeader.version else {
            throw problem("format version \(Int(version)) is not one this typebar reads (it reads version \(KeystrokeLogHeader.version)); use a typebar that knows it")
        }
        var header = KeystrokeLogHeader(metadata: fields.metadata)
        switch fields.text {
        case .absent: break
        case .value(let text): header.text = text
        case .null, .wrongType: throw problem("the header's \"text\" must be a string")
        }
        switch fields.passage {
        case .absent: break
        case .value(let passage): header.passage = passage
        case .null, .wrongType: throw problem("the header's \"passage\" must be a string (a passage id)")
        }
        switch fields.timeLimit {
        case .absent, .null: break
        case .value(let seconds) where seconds.isFinite && seconds > 0:
            guard Limits.timeLimitSeconds.contains(seconds) else {
                throw problem("the header's \"time_limit\" is \(jsonNumber(seconds)): a time limit is \(Limits.describe(Limits.timeLimitSeconds)) seconds")
            }
            header.timeLimit = seconds
        case .value, .wrongType: throw problem("the header's \"time_limit\" must be a positive number of seconds")
        }
        switch fields.backspace {
        case .absent: break
        case .value(let allowed): header.backspace = allowed
        case .null, .wrongType: throw problem("the header's \"backspace\" must be true or false")
        }
        return header
    }

    /// The header as one JSON line (no newline), fields in a fixed order.
    public var jsonLine: String {
        var fields = [#""format":"\#(KeystrokeLogHeader.format)""#, #""version":\#(KeystrokeLogHeader.version)"#]
        if let text { fields.append(#""text":\#(jsonString(text))"#) }
        if let passage { fields.append(#""passage":\#(jsonString(passage))"#) }
        if let timeLimit { fields.append(#""time_limit":\#(jsonNumber(timeLimit))"#) }
        if !backspace { fields.append(#""backspace":false"#) }
        for key in metadata.keys.sorted() {
            fields.append("\(jsonString(key)):\(jsonString(metadata[key]!))")
        }
        return "{" + fields.joined(separator: ",") + "}"
    }
}

/// Reading, scoring and writing keystroke logs.
public enum KeystrokeLog {
    /// The figures of one log, with the header they were scored under.
    public struct Scored: Sendable {
        public var header: KeystrokeLogHeader
        public var target: TargetText
        public var timeLimit: Double?
        public var result: ScoreResult
        /// Keystrokes read but not applied: after the time limit, after the text was complete, or corrections
        /// the rules refused.
        public var ignoredEvents: Int
        /// Refused pastes and focus changes the log recorded.
        public var sessionEvents: SessionWatch = SessionWatch()
        /// The applied keystrokes, when they were asked for (a replay needs them; scoring alone does not).
        public var keystrokes: [Keystroke] = []
    }

    /// Streams the log at `path` (`-` for standard input) through an `Attempt`.
    ///
    /// - Parameters:
    ///   - target: chooses the target text once the header is read (return nil to use the header's `text`).
    ///   - timeLimit: overrides the header's `time_limit` when given.
    ///   - backspace: overrides the header's `backspace` rule when given.
    ///   - keepingKeystrokes: also return the applied keystrokes.
    public static func score(
        path: String,
        timeLimit: Double? = nil,
        backspace: Bool? = nil,
        keepingKeystrokes: Bool = false,
        target chooseTarget: (KeystrokeLogHeader) throws(TypeBarError) -> String? = { _ in nil }
    ) throws(TypeBarError) -> Scored {
        let reader = try LineReader(path: path)
        let name = reader.displayName
        var header: KeystrokeLogHeader?
        var attempt: Attempt?
        var ignored = 0
        var lastTime: Double?
        var lastTimeLine = 0
        var lastAppliedLine = 0
        var lines = 0
        var kept: [Keystroke] = []
        var watch = SessionWatch()

        try reader.forEachLine { (line, number) throws(TypeBarError) in
            lines = number
            guard let currentAttempt = attempt else {
                if isBlank(line) && number > 1 { return true }
                if isBlank(line) { throw .badLine(path: name, line: 1, problem: "line 1 is empty; it must be the header \(KeystrokeLogHeader.example)") }
                let parsed = try KeystrokeLogHeader.parse(line, path: name)
                let text = try chooseTarget(parsed) ?? parsed.text
                guard let text else {
                    throw .badFile(path: name, problem: "no target text: the header has no \"text\"; give --text FILE or --passage ID")
                }
                let target = TargetText(text)
                guard !target.isEmpty else { throw .badFile(path: name, problem: "the target text is empty") }
                guard target.count <= Limits.targetCharacters else {
                    throw .badFile(path: name, problem: "the target text has \(target.count) characters; a target holds at most \(Limits.targetCharacters)")
                }
                header = parsed
                attempt = Attempt(target: target, timeLimit: timeLimit ?? parsed.timeLimit, allowsCorrections: backspace ?? parsed.backspace)
                return true
            }
            _ = currentAttempt
            if isBlank(line) { return true }
            if line.contains(where: { $0 >= 0x80 }), String(validating: line, as: UTF8.self) == nil {
                throw .badLine(path: name, line: number, problem: "the line is not valid UTF-8")
            }
            func inOrder(_ time: Double) throws(TypeBarError) {
                if let lastTime, time < lastTime {
                    throw .badLine(path: name, line: number, problem: "\"t\" goes backwards (\(jsonNumber(time)) after \(jsonNumber(lastTime)) on line \(lastTimeLine)); times never decrease")
                }
                lastTime = time
                lastTimeLine = number
            }
            let keystroke: Keystroke
            switch EventLineScanner.event(from: line) {
            case .success(.keystroke(let parsed)): keystroke = parsed
            case .success(.session(let event, let time)):
                try inOrder(time)
                watch.observe(event, at: time)
                return true
            case .failure(let problem): throw .badLine(path: name, line: number, problem: problem.message)
            }
            try inOrder(keystroke.time)
            if attempt!.apply(keystroke) == .applied {
                lastAppliedLine = number
                if keepingKeystrokes { kept.append(keystroke) }
            } else {
                ignored += 1
            }
            return true
        }

        guard let header, let attempt else {
            throw .badLine(path: name, line: 1, problem: "the log is empty; line 1 must be the header \(KeystrokeLogHeader.example)")
        }
        do {
            let result = try attempt.result(with: watch)
            return Scored(header: header, target: attempt.target, timeLimit: attempt.timeLimit, result: result, ignoredEvents: ignored, sessionEvents: watch, keystrokes: kept)
        } catch {
            switch error {
            case .noKeystrokes:
                throw .badLine(path: name, line: max(lines, 1), problem: "the log has no keystrokes after its header")
            default:
                throw .badLine(path: name, line: max(lastAppliedLine, 1), problem: error.message)
            }
        }
    }

    /// One event line (no newline) for `keystroke`.
    public static func eventLine(_ keystroke: Keystroke) -> String {
        let time = jsonNumber(keystroke.time)
        switch keystroke.action {
        case .character(let character): return #"{"t":\#(time),"ch":\#(jsonString(String(character)))}"#
        case .backspace: return #"{"t":\#(time),"key":"backspace"}"#
        case .wordBackspace: return #"{"t":\#(time),"key":"word-backspace"}"#
        }
    }

    /// The log in `bytes` with its first line replaced by `header`; the event lines are kept byte for byte.
    public static func replacingHeader(of bytes: Data, with header: KeystrokeLogHeader) -> String {
        let events = bytes.firstIndex(of: 0x0A).map { bytes[bytes.index(after: $0)...] } ?? Data()
        var text = header.jsonLine + "\n" + String(decoding: events, as: UTF8.self)
        if !text.hasSuffix("\n") { text += "\n" }
        return text
    }

    /// One event line (no newline) for a session event at `time` ms.
    public static func eventLine(_ event: SessionEvent, at time: Double) -> String {
        let time = jsonNumber(time)
        switch event {
        case .paste(let characters): return #"{"t":\#(time),"event":"paste","characters":\#(characters)}"#
        case .focusLost: return #"{"t":\#(time),"event":"focus-out"}"#
        case .focusGained: return #"{"t":\#(time),"event":"focus-in"}"#
        }
    }

    /// A whole log as text: the header line, then one line per keystroke.
    public static func text(header: KeystrokeLogHeader, keystrokes: [Keystroke]) -> String {
        text(header: header, lines: keystrokes.map(eventLine))
    }

    /// A whole log as text: the header line, then the event lines as given.
    public static func text(header: KeystrokeLogHeader, lines events: [String]) -> String {
        var lines = [header.jsonLine]
        lines.reserveCapacity(events.count + 1)
        lines.append(contentsOf: events)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }
}
