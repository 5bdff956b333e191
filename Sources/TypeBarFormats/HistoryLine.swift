import TypeBarCore


/// What a history reader needs: everything; what `typebar report` shows of most attempts (every figure, name and
/// flag, but not the per-key table, bigrams and timeline, most of a line's bytes, nor the text it never shows,
/// all checked for structure and passed over); or only the few figures `typebar stats` sums (it reads the tables
/// only for recent sessions).
public enum HistoryDetail: Sendable { case full, report, summary }

/// Reads one history line into a `HistoryRecord`, checking every byte of it as JSON, so a torn or damaged line is
/// refused rather than half-read.
public enum HistoryLine {
    public enum Problem: Error, Equatable {
        /// Not a whole, valid record: junk, a torn line, a missing or mistyped field.
        case damaged(String)
        /// A record from a newer typebar, left for it to read.
        case newerVersion(Int)
    }

    public static func record(from line: UnsafeBufferPointer<UInt8>, detail: HistoryDetail = .full) -> Result<HistoryRecord, Problem> {
        var cursor = JSONCursor(line.span)
        do {
            return .success(try cursor.historyRecord(detail: detail))
        } catch let problem as Problem {
            return .failure(problem)
        } catch let problem as LineProblem {
            return .failure(.damaged(problem.message))
        } catch {
            return .failure(.damaged("\(error)"))
        }
    }
}


/// The fields of a record, found by length and bytes rather than by building and comparing strings: a history
/// holds 100,000 records of 40 fields each.
enum HistoryField: String, CaseIterable {
    case version,
        id,
        time,
        mode,
        candidate,
        assessment,
        configSha256 = "config_sha256",
        attempt,
        attempts,
        passages,
        textSha256 = "text_sha256",
        textCharacters = "text_characters",
        timeLimit = "time_limit",
        elapsedSeconds = "elapsed_seconds",
        completed,
        characters,
        grossWpm = "gross_wpm",
        netWpm = "net_wpm",
        accuracy,
        keystrokeAccuracy = "keystroke_accuracy",
        uncorrectedErrors = "uncorrected_errors",
        correctedErrors = "corrected_errors",
        wordErrors = "word_errors",
        substitutions,
        insertions,
        omissions,
        errorsExact = "errors_exact",
        kspc,
        consistency,
        keystrokes,
        barWpm = "bar_wpm",
        minAccuracy = "min_accuracy",
        maxErrors = "max_errors",
        backspace,
        meetsBar = "meets_bar",
        verdict,
        flags,
        keys,
        bigrams,
        timeline,
        timelineStep = "timeline_step",
        typebarVersion = "typebar_version",
        log,
        logSha256 = "log_sha256",
        chat,
        proofread,
        signature
    case unknown = ""

    /// Fields every record must have; the rest default when absent.
    static let required: [HistoryField] = [.id, .time, .mode, .elapsedSeconds, .characters, .grossWpm, .netWpm, .accuracy, .barWpm, .minAccuracy]

    /// This field's bit in the set of required fields seen; 0 for optional fields.
    var requiredBit: Int {
        switch self {
        case .id: 1 << 0
        case .time: 1 << 1
        case .mode: 1 << 2
        case .elapsedSeconds: 1 << 3
        case .characters: 1 << 4
        case .grossWpm: 1 << 5
        case .netWpm: 1 << 6
        case .accuracy: 1 << 7
        case .barWpm: 1 << 8
        case .minAccuracy: 1 << 9
        default: 0
        }
    }

    /// The fields a summary reads; the others are checked loosely and passed over.
    /// Text the assessment report never shows; reading for it, these are checked for syntax and passed over.
    var unusedByReport: Bool {
        switch self {
        case .passages, .textSha256, .verdict, .typebarVersion, .log, .logSha256: true
        default: false
        }
    }

    var inSummary: Bool {
        switch self {
        case .version, .id, .time, .mode, .candidate, .assessment, .timeLimit, .netWpm, .accuracy, .chat, .proofread: true
        default: false
        }
    }

    /// Candidates by name length, then by first letter.
    private static let table: [[[(bytes: [UInt8], field: HistoryField)]]] = {
        var table = Array(repeating: Array(repeating: [(bytes: [UInt8], field: HistoryField)](), count: 128), count: 24)
        for field in allCases where field != .unknown {
            let bytes = Array(field.rawValue.utf8)
            table[bytes.count][Int(bytes[0])].append((bytes, field))
        }
        return table
    }()

    /// Every field in the order typebar writes them, and their names as bytes.
    private static let written: [HistoryField] = allCases.filter { $0 != .unknown }
    private static let writtenNames: [[UInt8]] = written.map { Array($0.rawValue.utf8) }
    /// Records are written with their fields in one order, so the next name is almost always one of the few after
    /// the last: checking those first is one comparison instead of a search.
    static func predicted(_ name: Span<UInt8>, from start: Int) -> (HistoryField, Int)? {
        for candidate in start..<min(start + 4, written.count) where writtenNames[candidate].count == name.count {
            let expected = writtenNames[candidate]
            var index = 0
            while index < name.count, expected[index] == name[index] { index += 1 }
            if index == name.count { return (written[candidate], candidate) }
        }
        return nil
    }

    init(_ name: Span<UInt8>) {
        guard name.count > 0, name.count < HistoryField.table.count, name[0] < 128 else { self = .unknown; return }
        for entry in HistoryField.table[name.count][Int(name[0])] {
            var index = 1
            while index < name.count, entry.bytes[index] == name[index] { index += 1 }
            if index == name.count {
                self = entry.field
                return
            }
        }
        self = .unknown
    }
}

extension JSONCursor {
    fileprivate mutating func historyRecord(detail: HistoryDetail) throws -> HistoryRecord {
        var record = HistoryRecord()
        var found = 0  // the required fields seen, a bit each
        skipWhitespace()
        guard peek() == UInt8(ascii: "{") else { throw LineProblem("expected a JSON object") }
        var version: Int?
        var next = 0
        try members(of: "the record", name: { (cursor: inout JSONCursor) throws(LineProblem) in try cursor.historyField(next: &next) }) { (cursor: inout JSONCursor, field: HistoryField) throws(LineProblem) in
            let name = field.rawValue
            found |= field.requiredBit
            switch field {
            case _ where detail == .summary && !field.inSummary, _ where detail == .report && field.unusedByReport:
                try cursor.skipLoosely()
            case .version: version = try cursor.integer(name)
            case .id: record.id = try cursor.text(name)
            case .time:
                // Read in place: the time is the one text every summary needs.
                guard cursor.peek() == UInt8(ascii: "\""), let text = cursor.plainString(), let seconds = Timestamp.seconds(cursor.bytes.extracting(text))
                else { throw LineProblem("\"time\" is not an ISO 8601 time like \"2026-11-23T10:15:02.123Z\"") }
                record.time = seconds
            case .mode:
                let value = try cursor.text(name)
                guard let mode = HistoryRecord.Mode(rawValue: value) else { throw LineProblem("unknown mode \(quoted(value))") }
                record.mode = mode
            case .candidate: record.candidate = try cursor.optionalText(name)
            case .assessment: record.assessment = try cursor.optionalText(name)
            case .configSha256: record.configHash = try cursor.optionalText(name)
            case .attempt: record.attempt = try cursor.optionalInteger(name)
            case .attempts: record.attempts = try cursor.optionalInteger(name)
            case .passages: record.passages = try cursor.array(name) { (cursor: inout JSONCursor) throws(LineProblem) in try cursor.text("passages") }
            case .textSha256: record.textHash = try cursor.text(name)
            case .textCharacters: record.textCharacters = try cursor.integer(name)
            case .timeLimit: record.timeLimit = try cursor.optionalNumber(name, in: Limits.timeLimitSeconds)
            case .elapsedSeconds: record.elapsedSeconds = try cursor.number(name, in: Limits.elapsedSeconds)
            case .completed: record.completed = try cursor.boolean(name)
            case .characters: record.characters = try cursor.integer(name)
            case .grossWpm: record.grossWPM = try cursor.number(name, in: Limits.wordsPerMinute)
            case .netWpm: record.netWPM = try cursor.number(name, in: Limits.wordsPerMinute)
            case .accuracy: record.accuracy = try cursor.number(name, in: Limits.percent)
            case .keystrokeAccuracy: record.keystrokeAccuracy = try cursor.optionalNumber(name, in: Limits.percent)
            case .uncorrectedErrors: record.uncorrectedErrors = try cursor.integer(name)
            case .correctedErrors: record.correctedErrors = try cursor.optionalInteger(name)
            case .wordErrors: record.wordErrors = try cursor.integer(name)
            case .substitutions: record.substitutions = try cursor.integer(name)
            case .insertions: record.insertions = try cursor.integer(name)
            case .omissions: record.omissions = try cursor.integer(name)
            case .errorsExact: record.errorsExact = try cursor.boolean(name)
            case .kspc: record.kspc = try cursor.optionalNumber(name, in: Limits.count)
            case .consistency: record.consistency = try cursor.optionalNumber(name, in: Limits.percent)
            case .keystrokes: record.keystrokes = try cursor.optionalInteger(name)
            case .barWpm: record.barWPM = try cursor.number(name, in: Limits.wordsPerMinute)
            case .minAccuracy: record.minimumAccuracy = try cursor.number(name, in: Limits.percent)
            case .maxErrors: record.maximumErrors = try cursor.optionalInteger(name)
            case .backspace: record.backspace = try cursor.nullable { (cursor: inout JSONCursor) throws(LineProblem) in try cursor.boolean(name) }
            case .meetsBar: record.meetsBar = try cursor.boolean(name)
            case .verdict: record.verdict = try cursor.text(name)
            case .flags: record.flags = try cursor.array(name) { (cursor: inout JSONCursor) throws(LineProblem) in try cursor.flag() }
            case .keys where detail == .full:
                record.keys = try cursor.array(name) { (cursor: inout JSONCursor) throws(LineProblem) in
                    try cursor.tuple(name) { (cursor: inout JSONCursor) throws(LineProblem) in
                        HistoryRecord.Key(
                            character: try cursor.text(name), typed: try cursor.nextInteger(name), errors: try cursor.nextInteger(name),
                            meanMilliseconds: try cursor.nextOptionalNumber(name, in: Limits.logMilliseconds))
                    }
                }
            case .bigrams where detail == .full:
                record.bigrams = try cursor.array(name) { (cursor: inout JSONCursor) throws(LineProblem) in
                    try cursor.tuple(name) { (cursor: inout JSONCursor) throws(LineProblem) in
                        HistoryRecord.Bigram(bigram: try cursor.text(name), count: try cursor.nextInteger(name), meanMilliseconds: try cursor.nextNumber(name, in: Limits.logMilliseconds))
                    }
                }
            case .timeline where detail == .full:
                record.timeline = try cursor.array(name) { (cursor: inout JSONCursor) throws(LineProblem) in try cursor.number(name, in: Limits.wordsPerMinute) }
            case .timelineStep:
                record.timelineStep = try cursor.number(name, in: Limits.timelineStepSeconds)
            case .typebarVersion: record.typebarVersion = try cursor.text(name)
            case .log: record.log = try cursor.optionalText(name)
            case .logSha256: record.logHash = try cursor.optionalText(name)
            case .chat: record.chat = try cursor.chatSummary()
            case .proofread: record.proofread = try cursor.proofreadSummary()
            case .signature: record.signature = try cursor.optionalText(name)
            case .keys, .bigrams, .timeline:
                // Read only for the latest sessions; here their structure is checked and passed over.
                try cursor.skipStructure()
            default: try cursor.skipValue(depth: 1)
            }
        }
        skipWhitespace()
        guard index == bytes.count else { throw LineProblem("unexpected text after the record") }
        guard let version else { throw LineProblem("no \"version\": not a history record") }
        guard version == HistoryRecord.version else {
            if version > HistoryRecord.version { throw HistoryLine.Problem.newerVersion(version) }
            throw LineProblem("unknown version \(version)")
        }
        for field in HistoryField.required where found & field.requiredBit == 0 {
            throw LineProblem("the record has no \"\(field.rawValue)\"")
        }
        return record
    }

    private mutating func flag() throws(LineProblem) -> HistoryRecord.Flag {
        guard peek() == UInt8(ascii: "{") else { throw LineProblem("a flag must be an object") }
        var flag = HistoryRecord.Flag(name: "", detail: "")
        try members(of: "a flag", name: { (cursor: inout JSONCursor) throws(LineProblem) in try cursor.text() }) { (cursor: inout JSONCursor, name: String) throws(LineProblem) in
            switch name {
            case "flag": flag.name = try cursor.text("flag")
            case "at_seconds": flag.atSeconds = try cursor.optionalNumber("at_seconds", in: -Limits.elapsedSeconds.upperBound...Limits.elapsedSeconds.upperBound)
            case "detail": flag.detail = try cursor.text("detail")
            default: try cursor.skipValue(depth: 2)
            }
        }
        guard !flag.name.isEmpty else { throw LineProblem("a flag has no name") }
        return flag
    }

    /// A field name, matched in place when it has no escapes.
    /// `next` is where the prediction starts, and moves past the field found.
    private mutating func historyField(next: inout Int) throws(LineProblem) -> HistoryField {
        guard peek() == UInt8(ascii: "\"") else { throw LineProblem("expected a field name in double quotes") }
        if let range = plainString() {
            let name = bytes.extracting(range)
            if let (field, position) = HistoryField.predicted(name, from: next) {
                next = position + 1
                return field
            }
            return HistoryField(name)
        }
        let decoded = try string()
        return HistoryField(decoded.span)
    }
}
