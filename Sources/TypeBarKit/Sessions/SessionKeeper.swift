import Foundation
import TypeBarCore
import TypeBarFormats

/// Keeps the finished sessions of one run: every screen (typing, drill, timed test, chat shift, assessment) and
/// `typebar score --save` hand it what happened, and it alone writes the `--record` copy of the keystroke log,
/// builds the history record, and saves both to the history file or the team's store. Screens write no files.
///
/// The `--record FILE` rule, the same for every screen: the first session's log goes to FILE, later ones to
/// FILE-2, FILE-3… (before the extension). Without `--force` no file is ever replaced: a FILE that exists is
/// refused before the screen starts (`checkRecording()`), and a later number that exists is skipped for the next
/// free one, so the keystrokes are always written somewhere new. With `--force` each number is written in turn,
/// replacing what was there.
public final class SessionKeeper {
    /// Where `--record` writes the keystroke logs, and whether `--force` lets it replace files.
    public struct Recording: Sendable, Equatable {
        public var path: String
        public var replaces: Bool

        public init(path: String, replaces: Bool) {
            self.path = path
            self.replaces = replaces
        }

        /// `run.jsonl`, `run-2.jsonl`, `run-3.jsonl`… for the sessions of one run.
        public static func numbered(_ path: String, _ index: Int) -> String {
            guard index > 1 else { return path }
            let url = URL(fileURLWithPath: path)
            let ext = url.pathExtension
            let base = ext.isEmpty ? path : String(path.dropLast(ext.count + 1))
            return "\(base)-\(index)" + (ext.isEmpty ? "" : ".\(ext)")
        }
    }

    /// What finished, with what the record needs beside its figures.
    public enum Session {
        /// A practice session, timed test, drill or scored log: `mode` says which.
        case typing(ScoreResult, mode: HistoryRecord.Mode, bar: HiringBar, text: String, passages: [String], timeLimit: Double?)
        /// An attempt at a typing assessment.
        case typingAssessment(ScoreResult, definition: AssessmentDefinition, candidate: String, attempt: Int, text: String, passages: [String])
        /// A chat shift.
        case chat(ChatResult, seed: UInt64, scenarioName: String)
        /// An attempt at a chat-desk assessment.
        case chatAssessment(ChatResult, assessment: ChatAssessment, candidate: String, attempt: Int)
        /// A proofreading drill: the drafts submitted, marked.
        case proofread(ProofreadResult, seed: UInt64)
    }

    public let results: any ResultStore
    public let recording: Recording?
    public let signingKey: [UInt8]?
    /// Every result handed over, kept or not, in order.
    public private(set) var kept: [KeptResult] = []
    /// Keystroke logs that could not be written where `--record` asked.
    public private(set) var recordFailures: [TypeBarError] = []
    /// The last number `--record` used.
    private var recorded = 0
    /// The clock for records' ids and times; tests pass their own.
    private let now: () -> Double

    public init(results: any ResultStore, recording: Recording? = nil, signingKey: [UInt8]? = nil, now: @escaping () -> Double = { Date().timeIntervalSince1970 }) {
        self.results = results
        self.recording = recording
        self.signingKey = signingKey
        self.now = now
    }

    /// Refuses a `--record` file that exists (it may hold someone's keystrokes) unless `--force`; called before a
    /// screen takes the terminal, so the refusal is a plain message.
    public func checkRecording() throws(TypeBarError) {
        guard let recording, !recording.replaces, FileManager.default.fileExists(atPath: recording.path) else { return }
        throw .usage("--record \(recording.path): the file exists and may hold someone's keystrokes; give a new name, or add --force to replace it")
    }

    /// Writes `log` to the next `--record` file; a line for the results screen (nil without `--record`).
    public func record(log: String) -> String? {
        guard let recording else { return nil }
        recorded += 1
        while !recording.replaces, FileManager.default.fileExists(atPath: Recording.numbered(recording.path, recorded)) { recorded += 1 }
        let path = Recording.numbered(recording.path, recorded)
        do {
            try log.write(toFile: path, atomically: true, encoding: .utf8)
            return "keystrokes saved to \(path)"
        } catch {
            let failure = TypeBarError.cannotWrite(path: path, reason: "the keystroke log: \(error.localizedDescription)")
            recordFailures.append(failure)
            return "keystrokes saved nowhere: \(failure.description)"
        }
    }

    /// Keeps a finished session with its log (nil when only finished text was scored) in the history file or the
    /// store, signed when there is a key. The result says where it went and what went wrong.
    @discardableResult
    public func keep(_ session: Session, log: String?) -> KeptResult {
        let record = SessionKeeper.record(of: session, at: now())
        let saved = results.save(record, log: log, signingKey: signingKey)
        let result = KeptResult(record: saved.record, problems: saved.problems, place: results.name, fallback: saved.fallback, signed: signingKey != nil)
        kept.append(result)
        return result
    }

    /// The history record of a session finished at `time` (seconds since 1970), with a new id.
    public static func record(of session: Session, at time: Double) -> HistoryRecord {
        let id = HistoryFile.newID(time: time)
        return switch session {
        case .typing(let result, let mode, let bar, let text, let passages, let timeLimit):
            HistoryRecord(id: id, time: time, mode: mode, result: result, bar: bar, targetText: text, passages: passages, timeLimit: timeLimit)
        case .typingAssessment(let result, let definition, let candidate, let attempt, let text, let passages):
            HistoryRecord(id: id, time: time, result: result, definition: definition, candidate: candidate, attempt: attempt, targetText: text, passages: passages)
        case .chat(let result, let seed, let scenarioName):
            HistoryRecord(id: id, time: time, chat: result, seed: seed, scenarioName: scenarioName)
        case .chatAssessment(let result, let assessment, let candidate, let attempt):
            HistoryRecord(id: id, time: time, chat: result, assessment: assessment, candidate: candidate, attempt: attempt)
        case .proofread(let result, let seed):
            HistoryRecord(id: id, time: time, proofread: result, seed: seed)
        }
    }

    /// Whether anything was lost: a result not kept, or a keystroke log not written.
    public var hasFailures: Bool { kept.contains { !$0.problems.isEmpty } || !recordFailures.isEmpty }

    /// What to print on standard error once the terminal is free again: the results that went elsewhere or nowhere
    /// (with their records, so nothing is lost), and the logs not written. With `everything`, also where each
    /// result that was kept went.
    public func messages(everything: Bool = false) -> [String] {
        kept.flatMap { $0.messages(quiet: !everything) } + recordFailures.map { "typebar: \($0.description)" }
    }
}

/// A result handed to a `SessionKeeper`, kept or not: what to show beside it, and what to print once the terminal
/// is free again.
public struct KeptResult: Sendable {
    public var record: HistoryRecord
    public var problems: [TypeBarError]
    /// The history file or store it went to.
    public var place: String
    /// Where it went instead, when the store was out of reach.
    public var fallback: String?
    /// Whether it was signed with a key.
    public var signed = false

    public init(record: HistoryRecord, problems: [TypeBarError], place: String, fallback: String? = nil, signed: Bool = false) {
        self.record = record
        self.problems = problems
        self.place = place
        self.fallback = fallback
        self.signed = signed
    }

    public var isKept: Bool { problems.isEmpty }

    /// A line for the results screen.
    public var note: String {
        guard problems.isEmpty else { return "NOT saved to the history: " + (problems.last?.description ?? "") }
        let id = HistoryTable.shortID(record.id)
        let place = fallback == nil ? "saved to history as \(id)" : "kept on this machine as \(id); the store is out of reach"
        return place + (signed ? " (signed)" : "")
    }

    /// Lines for standard error: what went wrong and, when the record could not be written, the record itself
    /// (a bare JSON line, to append to the history by hand) so the result is not lost. Unless `quiet`, where a
    /// kept result went.
    public func messages(quiet: Bool = false) -> [String] {
        guard problems.isEmpty else {
            return problems.map { "typebar: \($0.description)" } + [
                "typebar: the result was not saved to the history; its record follows, to keep or to append to \(place) by hand:",
                record.jsonLine,
            ]
        }
        if let fallback { return ["typebar: warning: \(fallback)"] }
        return quiet ? [] : ["typebar: saved to \(place) as \(HistoryTable.shortID(record.id))"]
    }
}
