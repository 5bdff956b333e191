import TypeBarCore

/// What a history reader needs: everything, or the figures without the per-key table, bigrams and timeline,
/// which are most of a line's bytes and which `typebar stats` reads only for recent sessions.
public enum HistoryDetail: Sendable { case full, summary }

/// Reads one history line into a `HistoryRecord`, checking every byte of it as JSON, so a torn or damaged line is
/// refused rather than half-read.
enum HistoryLine {
    enum Problem: Error, Equatable {
        /// Not a whole, valid record: junk, a torn line, a missing or mistyped field.
        case damaged(String)
        /// A record from a newer typebar, left for it to read.
        case newerVersion(Int)
    }

    static func record(from line: UnsafeBufferPointer<UInt8>, detail: HistoryDetail = .full) -> Result<HistoryRecord, Problem> {
        var cursor = JSONCursor(line)
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

extension JSONCursor {
    fileprivate mutating func historyRecord(detail: HistoryDetail) throws -> HistoryRecord {
        var record = HistoryRecord()
        var seen: Set<String> = []
        skipWhitespace()
        try expect(UInt8(ascii: "{"), "expected a JSON object")
        skipWhitespace()
        var version: Int?
        if peek() != UInt8(ascii: "}") {
            while true {
                skipWhitespace()
                guard peek() == UInt8(ascii: "\"") else { throw LineProblem("expected a field name in double quotes") }
                let name = try text()
                skipWhitespace()
                try expect(UInt8(ascii: ":"), "expected ':' after a field name")
                skipWhitespace()
                switch name {
                case "version": version = try integer(name)
                case "id": record.id = try text(name)
                case "time":
                    let value = try text(name)
                    guard let seconds = Timestamp.seconds(value.utf8) else { throw LineProblem("\"time\" is not an ISO 8601 time") }
                    record.time = seconds
                case "mode":
                    let value = try text(name)
                    guard let mode = HistoryRecord.Mode(rawValue: value) else { throw LineProblem("unknown mode \(quoted(value))") }
                    record.mode = mode
                case "candidate": record.candidate = try optionalText(name)
                case "assessment": record.assessment = try optionalText(name)
                case "config_sha256": record.configHash = try optionalText(name)
                case "passages": record.passages = try array(name) { (cursor: inout JSONCursor) throws in try cursor.text("passages") }
                case "text_sha256": record.textHash = try text(name)
                case "text_characters": record.textCharacters = try integer(name)
                case "time_limit": record.timeLimit = try optionalNumber(name)
                case "elapsed_seconds": record.elapsedSeconds = try number(name)
                case "completed": record.completed = try boolean(name)
                case "characters": record.characters = try integer(name)
                case "gross_wpm": record.grossWPM = try number(name)
                case "net_wpm": record.netWPM = try number(name)
                case "accuracy": record.accuracy = try number(name)
                case "keystroke_accuracy": record.keystrokeAccuracy = try optionalNumber(name)
                case "uncorrected_errors": record.uncorrectedErrors = try integer(name)
                case "corrected_errors": record.correctedErrors = try optionalNumber(name).map { Int($0) }
                case "word_errors": record.wordErrors = try integer(name)
                case "substitutions": record.substitutions = try integer(name)
                case "insertions": record.insertions = try integer(name)
                case "omissions": record.omissions = try integer(name)
                case "errors_exact": record.errorsExact = try boolean(name)
                case "kspc": record.kspc = try optionalNumber(name)
                case "consistency": record.consistency = try optionalNumber(name)
                case "keystrokes": record.keystrokes = try optionalNumber(name).map { Int($0) }
                case "bar_wpm": record.barWPM = try number(name)
                case "min_accuracy": record.minimumAccuracy = try number(name)
                case "max_errors": record.maximumErrors = try optionalNumber(name).map { Int($0) }
                case "meets_bar": record.meetsBar = try boolean(name)
                case "verdict": record.verdict = try text(name)
                case "flags": record.flags = try array(name) { (cursor: inout JSONCursor) throws in try cursor.flag() }
                case "keys" where detail == .full:
                    record.keys = try array(name) { (cursor: inout JSONCursor) throws in
                        try cursor.tuple(name) { (cursor: inout JSONCursor) throws in
                            HistoryRecord.Key(
                                character: try cursor.text(name), typed: try cursor.nextInteger(name), errors: try cursor.nextInteger(name),
                                meanMilliseconds: try cursor.nextOptionalNumber(name))
                        }
                    }
                case "bigrams" where detail == .full:
                    record.bigrams = try array(name) { (cursor: inout JSONCursor) throws in
                        try cursor.tuple(name) { (cursor: inout JSONCursor) throws in
                            HistoryRecord.Bigram(bigram: try cursor.text(name), count: try cursor.nextInteger(name), meanMilliseconds: try cursor.nextNumber(name))
                        }
                    }
                case "timeline" where detail == .full:
                    record.timeline = try array(name) { (cursor: inout JSONCursor) throws in try cursor.number(name) }
                case "typebar_version": record.typebarVersion = try text(name)
                case "log": record.log = try optionalText(name)
                case "signature": record.signature = try optionalText(name)
                default: try skipValue(depth: 1)
                }
                seen.insert(name)
                skipWhitespace()
                if peek() == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                try expect(UInt8(ascii: "}"), "expected ',' or '}' in the record")
                break
            }
        } else {
            index += 1
        }
        skipWhitespace()
        guard index == bytes.count else { throw LineProblem("unexpected text after the record") }
        guard let version else { throw LineProblem("no \"version\": not a history record") }
        guard version == HistoryRecord.version else {
            if version > HistoryRecord.version { throw HistoryLine.Problem.newerVersion(version) }
            throw LineProblem("unknown version \(version)")
        }
        for required in HistoryRecord.requiredFields where !seen.contains(required) {
            throw LineProblem("the record has no \"\(required)\"")
        }
        return record
    }

    private mutating func flag() throws -> HistoryRecord.Flag {
        guard peek() == UInt8(ascii: "{") else { throw LineProblem("a flag must be an object") }
        index += 1
        var flag = HistoryRecord.Flag(name: "", detail: "")
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            index += 1
        } else {
            while true {
                skipWhitespace()
                guard peek() == UInt8(ascii: "\"") else { throw LineProblem("expected a field name in double quotes") }
                let name = try text()
                skipWhitespace()
                try expect(UInt8(ascii: ":"), "expected ':' after a field name")
                skipWhitespace()
                switch name {
                case "flag": flag.name = try text("flag")
                case "at_seconds": flag.atSeconds = try optionalNumber("at_seconds")
                case "detail": flag.detail = try text("detail")
                default: try skipValue(depth: 2)
                }
                skipWhitespace()
                if peek() == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                try expect(UInt8(ascii: "}"), "expected ',' or '}' in a flag")
                break
            }
        }
        guard !flag.name.isEmpty else { throw LineProblem("a flag has no name") }
        return flag
    }

    // MARK: - Typed values

    /// A string; short ones without escapes are made in place.
    mutating func text(_ field: String = "") throws -> String {
        guard peek() == UInt8(ascii: "\"") else { throw LineProblem("\"\(field)\" must be a string") }
        var end = index + 1
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"), bytes[end] >= 0x20 { end += 1 }
        if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
            let slice = UnsafeBufferPointer(rebasing: bytes[(index + 1)..<end])
            index = end + 1
            guard let text = String(validating: slice, as: UTF8.self) else { throw LineProblem("\"\(field)\" is not valid UTF-8") }
            return text
        }
        let decoded = try string()
        guard let text = String(validating: decoded, as: UTF8.self) else { throw LineProblem("\"\(field)\" is not valid UTF-8") }
        return text
    }

    private mutating func optionalText(_ field: String) throws -> String? {
        if peek() == UInt8(ascii: "n") {
            try literal("null")
            return nil
        }
        return try text(field)
    }

    private mutating func number(_ field: String) throws -> Double {
        guard peek() == UInt8(ascii: "-") || isDigit(peek()) else { throw LineProblem("\"\(field)\" must be a number") }
        let value = try number()
        guard value.isFinite else { throw LineProblem("\"\(field)\" is not a finite number") }
        return value
    }

    private mutating func optionalNumber(_ field: String) throws -> Double? {
        if peek() == UInt8(ascii: "n") {
            try literal("null")
            return nil
        }
        return try number(field)
    }

    private mutating func integer(_ field: String) throws -> Int {
        let value = try number(field)
        guard value == value.rounded(), abs(value) < 1e15 else { throw LineProblem("\"\(field)\" must be a whole number") }
        return Int(value)
    }

    private mutating func boolean(_ field: String) throws -> Bool {
        switch peek() {
        case UInt8(ascii: "t"): try literal("true"); return true
        case UInt8(ascii: "f"): try literal("false"); return false
        default: throw LineProblem("\"\(field)\" must be true or false")
        }
    }

    private mutating func array<Element>(_ field: String, _ element: (inout JSONCursor) throws -> Element) throws -> [Element] {
        guard peek() == UInt8(ascii: "[") else { throw LineProblem("\"\(field)\" must be an array") }
        index += 1
        var elements: [Element] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            index += 1
            return elements
        }
        while true {
            skipWhitespace()
            elements.append(try element(&self))
            skipWhitespace()
            if peek() == UInt8(ascii: ",") {
                index += 1
                continue
            }
            try expect(UInt8(ascii: "]"), "expected ',' or ']' in \"\(field)\"")
            return elements
        }
    }

    /// A short fixed array like `["a", 12, 0, 181.5]`: the first element, then `next…` calls for the rest.
    private mutating func tuple<Element>(_ field: String, _ read: (inout JSONCursor) throws -> Element) throws -> Element {
        guard peek() == UInt8(ascii: "[") else { throw LineProblem("each entry of \"\(field)\" must be an array") }
        index += 1
        skipWhitespace()
        let element = try read(&self)
        skipWhitespace()
        try expect(UInt8(ascii: "]"), "an entry of \"\(field)\" has too many values")
        return element
    }

    private mutating func nextSeparator(_ field: String) throws {
        skipWhitespace()
        try expect(UInt8(ascii: ","), "an entry of \"\(field)\" has too few values")
        skipWhitespace()
    }

    private mutating func nextInteger(_ field: String) throws -> Int {
        try nextSeparator(field)
        return try integer(field)
    }

    private mutating func nextNumber(_ field: String) throws -> Double {
        try nextSeparator(field)
        return try number(field)
    }

    private mutating func nextOptionalNumber(_ field: String) throws -> Double? {
        try nextSeparator(field)
        return try optionalNumber(field)
    }
}

extension HistoryRecord {
    /// Fields every record must have; the rest default when absent.
    static let requiredFields = ["id", "time", "mode", "elapsed_seconds", "characters", "gross_wpm", "net_wpm", "accuracy", "bar_wpm", "min_accuracy"]
}
