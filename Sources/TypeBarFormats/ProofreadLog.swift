import Foundation
import TypeBarCore

/// The keystroke log of a proofreading drill (docs/keystroke-log.md, "Proofreading drills"): format 1 with
/// `"mode":"drill"` and `"drill_kind":"proofread"` in the header, which carries the drafts whole (each draft, its
/// customer's message, its planted errors and its answer), so the log rescores without regenerating anything.
/// Event lines are the edits: characters typed at the cursor, `backspace`, `delete` and `word-backspace`, cursor
/// moves as the place the cursor went to (`{"t":…,"cursor":57,"by":"up"}`), and `{"t":…,"proofread":"submit"}`.
public enum ProofreadLog {
    /// What the header says about the drill.
    public struct Header: Equatable, Sendable {
        public var drafts: [ProofreadDraft]
        public var seed: UInt64
        public var targetSeconds: Double
        /// Free metadata (a candidate's name…), written back as given.
        public var metadata: [String: String]

        public init(drafts: [ProofreadDraft], seed: UInt64, targetSeconds: Double, metadata: [String: String] = [:]) {
            self.drafts = drafts
            self.seed = seed
            self.targetSeconds = targetSeconds
            self.metadata = metadata
        }

        /// The header as one JSON line.
        public var jsonLine: String {
            var writer = JSONWriter()
            writer.beginObject()
            writer.key("format"); writer.string(KeystrokeLogHeader.format)
            writer.key("version"); writer.int(KeystrokeLogHeader.version)
            writer.key("mode"); writer.string("drill")
            writer.key("drill_kind"); writer.string("proofread")
            writer.key("drill_seed"); writer.string(String(seed))
            writer.key("target_seconds"); writer.number(targetSeconds)
            writer.key("typebar_version"); writer.string(TypeBarVersion.current)
            for key in metadata.keys.sorted() where !ProofreadLog.headerFields.contains(key) {
                writer.key(key); writer.string(metadata[key]!)
            }
            writer.key("drafts"); writer.value(ProofreadLog.json(drafts))
            writer.endObject()
            return writer.text
        }
    }

    /// The header's own fields, never taken as metadata.
    static let headerFields = ["format", "version", "mode", "drill_kind", "drill_seed", "target_seconds", "typebar_version", "drafts"]

    /// The drafts as the header and `typebar drill --kind proofread --print --json` give them.
    public static func json(_ drafts: [ProofreadDraft]) -> JSONValue {
        .array(drafts.map { draft in
            .object([
                ("source", .string(draft.source)),
                ("customer", .string(draft.customer)),
                ("message", .string(draft.message)),
                ("draft", .string(draft.draft)),
                ("answer", .string(draft.answer)),
                ("errors", .array(draft.errors.map { error in
                    var fields: [(String, JSONValue)] = [
                        ("kind", .string(error.kind.rawValue)),
                        ("draft_start", .int(error.draftStart)),
                        ("draft_end", .int(error.draftEnd)),
                        ("draft_text", .string(error.draftText)),
                        ("answer_start", .int(error.answerStart)),
                        ("answer_end", .int(error.answerEnd)),
                        ("answer_text", .string(error.answerText)),
                    ]
                    if let detail = error.detail { fields.append(("detail", .string(detail))) }
                    return .object(fields)
                })),
            ])
        })
    }

    /// One event line (no newline); `by` names the key that moved the cursor.
    public static func eventLine(_ event: ProofreadRun.Event, at time: Double, by: String? = nil) -> String {
        let t = jsonNumber(time)
        switch event {
        case .insert(let character): return #"{"t":\#(t),"ch":\#(jsonString(String(character)))}"#
        case .backspace: return #"{"t":\#(t),"key":"backspace"}"#
        case .delete: return #"{"t":\#(t),"key":"delete"}"#
        case .wordBackspace: return #"{"t":\#(t),"key":"word-backspace"}"#
        case .moveTo(let position):
            return #"{"t":\#(t),"cursor":\#(position)"# + (by.map { #","by":\#(jsonString($0))"# } ?? "") + "}"
        case .submit: return #"{"t":\#(t),"proofread":"submit"}"#
        }
    }

    /// The whole log as text.
    public static func text(header: Header, lines: [String]) -> String {
        ([header.jsonLine] + lines).joined(separator: "\n") + "\n"
    }

    /// Whether the log at `path` is a proofreading drill's (its header says `"drill_kind":"proofread"`). Reads
    /// only the first line.
    public static func isProofreadLog(path: String) throws(TypeBarError) -> Bool {
        let reader = try LineReader(path: path)
        var found = false
        try reader.forEachLine { (line, _) throws(TypeBarError) in
            if let header = try? KeystrokeLogHeader.parse(line, path: reader.displayName) {
                found = header.metadata["mode"] == "drill" && header.metadata["drill_kind"] == "proofread"
            }
            return false
        }
        return found
    }

    /// An event as read, with the line it came from (for messages) and the key that moved the cursor, if said.
    public struct Line: Equatable, Sendable {
        public var event: ProofreadRun.Event
        public var time: Double
        public var number: Int
        public var by: String?
    }

    /// The names `by` may give.
    public static let moves = ProofreadRun.Move.allCases.map(\.rawValue) + ["up", "down", "home", "end"]
    /// Event times run from 0 to a day of milliseconds.
    static let maximumTime = 86_400_000.0

    /// Reads the log at `path`: its header and its event lines, in order. Every problem names the file and line.
    public static func read(path: String) throws(TypeBarError) -> (header: Header, lines: [Line]) {
        let reader = try LineReader(path: path)
        let name = reader.displayName
        var header: Header?
        var lines: [Line] = []
        try reader.forEachLine { (line, number) throws(TypeBarError) in
            if header == nil {
                header = try readHeader(line, path: name)
                return true
            }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return true }
            lines.append(try readEvent(line, path: name, number: number))
            return true
        }
        guard let header else { throw .badLine(path: name, line: 1, problem: "the log is empty; line 1 must be the header") }
        return (header, lines)
    }

    static func readHeader(_ line: UnsafeBufferPointer<UInt8>, path: String) throws(TypeBarError) -> Header {
        func problem(_ text: String) -> TypeBarError { .badLine(path: path, line: 1, problem: text) }
        // Format and version first, with the words every keystroke log uses for them.
        let plain = try KeystrokeLogHeader.parse(line, path: path)
        guard plain.metadata["mode"] == "drill", plain.metadata["drill_kind"] == "proofread" else {
            throw problem("not a proofreading drill's log: the header has no \"mode\":\"drill\" with \"drill_kind\":\"proofread\"")
        }
        var bytes = Data(buffer: line)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let object = (try? JSONSerialization.jsonObject(with: bytes)) as? [String: Any] else {
            throw problem("the header is not one JSON object")
        }
        guard let seedText = object["drill_seed"] as? String, let seed = UInt64(seedText) else {
            throw problem("the header's \"drill_seed\" must be a whole number from 0 to \(UInt64.max), written as a string")
        }
        let range = ProofreadResult.targetRange
        guard let target = object["target_seconds"].flatMap(jsonNumericValue), range.contains(target) else {
            throw problem("the header's \"target_seconds\" must be a number of seconds from \(jsonNumber(range.lowerBound)) to \(jsonNumber(range.upperBound))")
        }
        guard let list = object["drafts"] as? [Any], (1...ProofreadResult.maximumDrafts).contains(list.count) else {
            throw problem("the header's \"drafts\" must be a list of 1 to \(ProofreadResult.maximumDrafts) drafts")
        }
        var drafts: [ProofreadDraft] = []
        for (index, item) in list.enumerated() {
            let name = "drafts[\(index)]"
            guard let fields = item as? [String: Any] else { throw problem("\(name) must be an object") }
            func text(_ key: String, in fields: [String: Any], of name: String, required: Bool = true) throws(TypeBarError) -> String? {
                guard let value = fields[key] else {
                    if required { throw problem("\(name) has no \"\(key)\"") }
                    return nil
                }
                guard let string = value as? String, string.count <= ProofreadDraft.maximumCharacters,
                      !string.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
                    throw problem("\(name).\(key) must be text of at most \(ProofreadDraft.maximumCharacters) characters, without control characters")
                }
                return string
            }
            guard let errorList = fields["errors"] as? [Any], errorList.count <= ProofreadDraft.maximumErrors else {
                throw problem("\(name).errors must be a list of at most \(ProofreadDraft.maximumErrors) errors")
            }
            var errors: [ProofreadError] = []
            for (number, entry) in errorList.enumerated() {
                let errorName = "\(name).errors[\(number)]"
                guard let error = entry as? [String: Any] else { throw problem("\(errorName) must be an object") }
                guard let kindName = error["kind"] as? String, let kind = ProofreadError.Kind(rawValue: kindName) else {
                    throw problem("\(errorName).kind must be one of " + ProofreadError.Kind.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))
                }
                func position(_ key: String) throws(TypeBarError) -> Int {
                    guard let value = error[key].flatMap(jsonNumericValue), value.rounded() == value, (0...Double(ProofreadDraft.maximumCharacters)).contains(value) else {
                        throw problem("\(errorName).\(key) must be a whole number of characters from 0 to \(ProofreadDraft.maximumCharacters)")
                    }
                    return Int(value)
                }
                let draftText = try text("draft_text", in: error, of: errorName)!
                let answerText = try text("answer_text", in: error, of: errorName)!
                let planted = ProofreadError(
                    kind: kind, draftStart: try position("draft_start"), draftText: draftText, answerStart: try position("answer_start"),
                    answerText: answerText, detail: try text("detail", in: error, of: errorName, required: false))
                if error["draft_end"] != nil, try position("draft_end") != planted.draftEnd {
                    throw problem("\(errorName).draft_end must be draft_start plus the characters of draft_text (\(planted.draftEnd))")
                }
                if error["answer_end"] != nil, try position("answer_end") != planted.answerEnd {
                    throw problem("\(errorName).answer_end must be answer_start plus the characters of answer_text (\(planted.answerEnd))")
                }
                errors.append(planted)
            }
            let draft = ProofreadDraft(
                source: try text("source", in: fields, of: name, required: false) ?? "", customer: try text("customer", in: fields, of: name, required: false) ?? "",
                message: try text("message", in: fields, of: name)!, draft: try text("draft", in: fields, of: name)!,
                answer: try text("answer", in: fields, of: name)!, errors: errors)
            if let wrong = draft.problem { throw problem("\(name): \(wrong)") }
            drafts.append(draft)
        }
        var metadata = plain.metadata
        for key in headerFields { metadata[key] = nil }
        return Header(drafts: drafts, seed: seed, targetSeconds: target, metadata: metadata)
    }

    static func readEvent(_ line: UnsafeBufferPointer<UInt8>, path: String, number: Int) throws(TypeBarError) -> Line {
        func problem(_ text: String) -> TypeBarError { .badLine(path: path, line: number, problem: text) }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(buffer: line))) as? [String: Any] else {
            throw problem("expected a JSON object like {\"t\": 1200, \"ch\": \"a\"}")
        }
        guard let t = object["t"].flatMap(jsonNumericValue), t.isFinite, t >= 0, t <= maximumTime else {
            throw problem("\"t\" must be a number of milliseconds from 0 to \(jsonNumber(maximumTime)) (a day)")
        }
        let kinds = ["ch", "key", "cursor", "proofread"].filter { object[$0] != nil }
        guard kinds.count == 1, let kind = kinds.first else {
            if object["event"] != nil { throw problem("a proofreading log has no session events; remove the line") }
            throw problem("an event has \"t\" and exactly one of \"ch\", \"key\", \"cursor\" or \"proofread\"")
        }
        switch kind {
        case "ch":
            guard let text = object["ch"] as? String, text.count == 1, let character = text.first else {
                throw problem("\"ch\" must hold exactly one character")
            }
            return Line(event: .insert(character), time: t, number: number)
        case "key":
            switch object["key"] as? String {
            case "backspace": return Line(event: .backspace, time: t, number: number)
            case "delete": return Line(event: .delete, time: t, number: number)
            case "word-backspace": return Line(event: .wordBackspace, time: t, number: number)
            default: throw problem("unknown key; the keys are \"backspace\", \"delete\" and \"word-backspace\"")
            }
        case "cursor":
            guard let value = object["cursor"].flatMap(jsonNumericValue), value.rounded() == value, (0...Double(ProofreadDraft.maximumCharacters * 2)).contains(value) else {
                throw problem("\"cursor\" must be a whole number of characters from 0 to \(ProofreadDraft.maximumCharacters * 2)")
            }
            var by: String?
            if let given = object["by"] {
                guard let name = given as? String, moves.contains(name) else {
                    throw problem("\"by\" must be one of " + moves.map { "\"\($0)\"" }.joined(separator: ", "))
                }
                by = name
            }
            return Line(event: .moveTo(Int(value)), time: t, number: number, by: by)
        default:
            guard object["proofread"] as? String == "submit" else { throw problem("\"proofread\" must be \"submit\"") }
            return Line(event: .submit, time: t, number: number)
        }
    }
}
