import Foundation
import TypeBarCore

/// One finished result as it is kept in the history file: a single JSON line (format in docs/history.md).
public struct HistoryRecord: Equatable, Sendable {
    /// The record format this typebar writes and reads; lines with another version are skipped, not misread.
    public static let version = 1

    public enum Mode: String, CaseIterable, Sendable {
        case practice, test, score, assessment, drill, chat
    }

    /// An integrity flag as recorded; kept as text so flags added later still read back.
    public struct Flag: Equatable, Sendable {
        public var name: String
        public var atSeconds: Double?
        public var detail: String

        public init(name: String, atSeconds: Double? = nil, detail: String) {
            self.name = name
            self.atSeconds = atSeconds
            self.detail = detail
        }
    }

    /// How one target character fared in this session.
    public struct Key: Equatable, Sendable {
        public var character: String
        public var typed: Int
        public var errors: Int
        public var meanMilliseconds: Double?

        public init(character: String, typed: Int, errors: Int, meanMilliseconds: Double?) {
            self.character = character
            self.typed = typed
            self.errors = errors
            self.meanMilliseconds = meanMilliseconds
        }
    }

    public struct Bigram: Equatable, Sendable {
        public var bigram: String
        public var count: Int
        public var meanMilliseconds: Double

        public init(bigram: String, count: Int, meanMilliseconds: Double) {
            self.bigram = bigram
            self.count = count
            self.meanMilliseconds = meanMilliseconds
        }
    }

    public var id = ""
    /// Seconds since 1970-01-01 UTC when the result was saved.
    public var time = 0.0
    public var mode = Mode.practice
    public var candidate: String?
    public var assessment: String?
    /// SHA-256 of the assessment definition the result was taken under.
    public var configHash: String?
    /// Which attempt at the assessment this was (1-based), and how many its rules allow.
    public var attempt: Int?
    public var attempts: Int?
    public var passages: [String] = []
    /// SHA-256 of the normalised target text, so results on the same text can be found and a log checked.
    public var textHash = ""
    public var textCharacters = 0
    public var timeLimit: Double?
    public var elapsedSeconds = 0.0
    public var completed = false
    public var characters = 0
    public var grossWPM = 0.0
    public var netWPM = 0.0
    public var accuracy = 0.0
    public var keystrokeAccuracy: Double?
    public var uncorrectedErrors = 0
    public var correctedErrors: Int?
    public var wordErrors = 0
    public var substitutions = 0
    public var insertions = 0
    public var omissions = 0
    public var errorsExact = true
    public var kspc: Double?
    public var consistency: Double?
    public var keystrokes: Int?
    public var barWPM = 40.0
    public var minimumAccuracy = 95.0
    /// The most word errors allowed, when the assessment has such a rule.
    public var maximumErrors: Int?
    /// False when the assessment refused backspace; nil (allowed) otherwise.
    public var backspace: Bool?
    public var meetsBar = false
    public var verdict = ""
    public var flags: [Flag] = []
    public var keys: [Key] = []
    public var bigrams: [Bigram] = []
    /// Net WPM of the attempt so far at the end of each second (each `timelineStep` seconds).
    public var timeline: [Double] = []
    /// Seconds per timeline value: 1, or wider for an attempt longer than an hour (written only when not 1).
    public var timelineStep = 1.0
    public var typebarVersion = ""
    /// The saved keystroke log, relative to the history file's folder (or absolute).
    public var log: String?
    /// SHA-256 of the saved keystroke log's bytes, so a changed log is caught even if it rescores the same.
    public var logHash: String?
    /// The chat figures of a chat shift (mode `chat`); nil for every other result.
    public var chat: ChatSummary?
    /// The figures of a proofreading drill (mode `drill`); nil for every other result.
    public var proofread: ProofreadSummary?
    /// HMAC-SHA256 over the record's canonical content, when a signing key was given.
    public var signature: String?

    /// An empty record, the starting point of decoding.
    public init() {}

    /// The bar the result was judged against.
    public var bar: HiringBar { HiringBar(netWPM: barWPM, minimumAccuracy: minimumAccuracy) }

    /// What personal bests are grouped by: the mode, and for timed tests the length ("test 2 min"); for a chat
    /// shift its scenario, which its chat figures name when it is read as a summary, without its passages.
    public var group: String { HistoryRecord.group(mode: mode, timeLimit: timeLimit, assessment: assessment, firstPassage: passages.first ?? chat?.scenario) }

    /// The group of a result with this mode, time limit, assessment and first passage (a chat scenario).
    public static func group(mode: Mode, timeLimit: Double?, assessment: String?, firstPassage: String?) -> String {
        switch mode {
        case .test:
            guard let timeLimit else { return "test" }
            return timeLimit.truncatingRemainder(dividingBy: 60) == 0 ? "test \(formatDecimal(timeLimit / 60, places: 0)) min" : "test \(formatDecimal(timeLimit, places: 0)) s"
        case .assessment: return "assessment" + (assessment.map { " \($0)" } ?? "")
        case .chat: return "chat" + (firstPassage.map { " \($0)" } ?? "")
        case .drill: return firstPassage == "proofread" ? "drill proofread" : "drill"
        case .practice, .score: return mode.rawValue
        }
    }

    public static func tenths(_ value: Double) -> Double { (value * 10).rounded() / 10 }

    // MARK: - Writing

    /// The record as one JSON line, without the newline. Fields appear in a fixed order; optional ones only when set.
    public var jsonLine: String {
        var writer = JSONWriter()
        write(to: &writer, signed: true)
        return writer.text
    }

    /// The content a signature covers: every field but the signature, in the fixed order.
    public var canonicalContent: String {
        var writer = JSONWriter()
        write(to: &writer, signed: false)
        return writer.text
    }

    /// `jsonLine`'s bytes, written into `bytes` (whose capacity is reused), and where the per-key table, bigrams and
    /// timeline lie in them: from the `[` of `keys` to the `]` of `timeline`. Those bytes replaced by
    /// `HistoryRecord.emptyDetails` are the record with the three emptied, what a store keeps as its figures.
    public func writeJSON(into bytes: inout [UInt8]) -> Range<Int> {
        // Handed over, not shared, so the writer empties and fills the same storage.
        let storage = bytes
        bytes = []
        var writer = JSONWriter(reusing: consume storage)
        let details = write(to: &writer, signed: true)
        bytes = writer.takeBytes()
        return details
    }

    /// What stands for the per-key table, bigrams and timeline when they are empty (see `writeJSON(into:)`).
    public static let emptyDetails: [UInt8] = Array(#"[],"bigrams":[],"timeline":[]"#.utf8)

    /// Writes the record; returns where its per-key table, bigrams and timeline are (see `writeJSON(into:)`).
    @discardableResult
    private func write(to writer: inout JSONWriter, signed: Bool) -> Range<Int> {
        writer.beginObject()
        writer.key("version"); writer.int(HistoryRecord.version)
        writer.key("id"); writer.string(id)
        writer.key("time"); writer.string(Timestamp.text(time))
        writer.key("mode"); writer.string(mode.rawValue)
        if let candidate { writer.key("candidate"); writer.string(candidate) }
        if let assessment { writer.key("assessment"); writer.string(assessment) }
        if let configHash { writer.key("config_sha256"); writer.string(configHash) }
        if let attempt { writer.key("attempt"); writer.int(attempt) }
        if let attempts { writer.key("attempts"); writer.int(attempts) }
        writer.key("passages")
        writer.beginArray()
        for passage in passages { writer.string(passage) }
        writer.endArray()
        writer.key("text_sha256"); writer.string(textHash)
        writer.key("text_characters"); writer.int(textCharacters)
        writer.key("time_limit"); writer.number(timeLimit)
        writer.key("elapsed_seconds"); writer.number(elapsedSeconds)
        writer.key("completed"); writer.bool(completed)
        writer.key("characters"); writer.int(characters)
        writer.key("gross_wpm"); writer.number(grossWPM)
        writer.key("net_wpm"); writer.number(netWPM)
        writer.key("accuracy"); writer.number(accuracy)
        writer.key("keystroke_accuracy"); writer.number(keystrokeAccuracy)
        writer.key("uncorrected_errors"); writer.int(uncorrectedErrors)
        writer.key("corrected_errors"); if let correctedErrors { writer.int(correctedErrors) } else { writer.null() }
        writer.key("word_errors"); writer.int(wordErrors)
        writer.key("substitutions"); writer.int(substitutions)
        writer.key("insertions"); writer.int(insertions)
        writer.key("omissions"); writer.int(omissions)
        writer.key("errors_exact"); writer.bool(errorsExact)
        writer.key("kspc"); writer.number(kspc)
        writer.key("consistency"); writer.number(consistency)
        writer.key("keystrokes"); if let keystrokes { writer.int(keystrokes) } else { writer.null() }
        writer.key("bar_wpm"); writer.number(barWPM)
        writer.key("min_accuracy"); writer.number(minimumAccuracy)
        if let maximumErrors { writer.key("max_errors"); writer.int(maximumErrors) }
        if let backspace { writer.key("backspace"); writer.bool(backspace) }
        writer.key("meets_bar"); writer.bool(meetsBar)
        writer.key("verdict"); writer.string(verdict)
        writer.key("flags")
        writer.beginArray()
        for flag in flags {
            writer.beginObject()
            writer.key("flag"); writer.string(flag.name)
            writer.key("at_seconds"); writer.number(flag.atSeconds)
            writer.key("detail"); writer.string(flag.detail)
            writer.endObject()
        }
        writer.endArray()
        writer.key("keys")
        let detailsStart = writer.count
        writer.beginArray()
        for key in keys {
            writer.beginArray()
            writer.string(key.character); writer.int(key.typed); writer.int(key.errors); writer.number(key.meanMilliseconds)
            writer.endArray()
        }
        writer.endArray()
        writer.key("bigrams")
        writer.beginArray()
        for bigram in bigrams {
            writer.beginArray()
            writer.string(bigram.bigram); writer.int(bigram.count); writer.number(bigram.meanMilliseconds)
            writer.endArray()
        }
        writer.endArray()
        writer.key("timeline")
        writer.beginArray()
        for value in timeline { writer.number(value) }
        writer.endArray()
        let detailsEnd = writer.count
        if timelineStep != 1 { writer.key("timeline_step"); writer.number(timelineStep) }
        writer.key("typebar_version"); writer.string(typebarVersion)
        writer.key("log"); if let log { writer.string(log) } else { writer.null() }
        if let logHash { writer.key("log_sha256"); writer.string(logHash) }
        if let chat { writer.key("chat"); chat.write(to: &writer) }
        if let proofread { writer.key("proofread"); proofread.write(to: &writer) }
        if signed, let signature { writer.key("signature"); writer.string(signature) }
        writer.endObject()
        return detailsStart..<detailsEnd
    }
}
