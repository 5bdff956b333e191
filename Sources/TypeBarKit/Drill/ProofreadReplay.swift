import Foundation
import TypeBarCore
import TypeBarFormats

/// A proofreading drill's log played through the same state machine the screen drove, so `typebar score`,
/// `typebar replay` and `typebar verify` see exactly the figures the results screen showed.
public enum ProofreadReplay {
    public struct Replayed: Sendable {
        public var header: ProofreadLog.Header
        /// The run after every event.
        public var run: ProofreadRun
        /// The events as read, each with its time.
        public var lines: [ProofreadLog.Line]

        public var result: ProofreadResult { run.result(targetSeconds: header.targetSeconds) }
    }

    /// Reads and replays the log at `path`; an event the drill cannot take (a cursor past the end of the text, a
    /// time going backwards, an event after the last draft) is refused with its file and line.
    public static func replay(path: String) throws(TypeBarError) -> Replayed {
        let (header, lines) = try ProofreadLog.read(path: path)
        var run = ProofreadRun(drafts: header.drafts)
        for line in lines {
            do {
                try run.apply(line.event, at: line.time)
            } catch {
                throw .badLine(path: path == "-" ? "<stdin>" : path, line: line.number, problem: error.description)
            }
        }
        return Replayed(header: header, run: run, lines: lines)
    }
}

extension HistoryRecord {
    /// The record of a proofreading drill (docs/history.md, "Proofreading drills"): the drill's figures in
    /// `proofread`, and in the shared fields what they mean for any result. Accuracy is the share of planted
    /// errors fixed; the errors are those left in the text (missed plus introduced); there is no typing speed, so
    /// the speeds are 0 and `typebar stats` leaves the record out of its speed figures. The text hash names the
    /// exact drafts: the SHA-256 of their answers, one a line.
    public init(id: String, time: Double, proofread result: ProofreadResult, seed: UInt64) {
        self.init()
        self.id = id
        self.time = time
        mode = .drill
        passages = ["proofread"]
        let answers = result.drafts.map(\.draft.answer)
        textHash = HistoryRecord.sha256(answers.joined(separator: "\n"))
        textCharacters = answers.reduce(0) { $0 + $1.count }
        timeLimit = nil
        elapsedSeconds = result.seconds
        completed = result.completed
        characters = result.drafts.reduce(0) { $0 + $1.final.count }
        accuracy = result.fixedPercent ?? 0
        uncorrectedErrors = result.missed + result.introduced
        correctedErrors = result.fixed
        wordErrors = result.missed + result.introduced
        keystrokes = result.events
        barWPM = 0
        minimumAccuracy = 100
        meetsBar = result.meetsTarget
        verdict = result.verdict
        proofread = ProofreadSummary(
            seed: String(seed), drafts: result.total, submitted: result.drafts.count, planted: result.planted, fixed: result.fixed,
            introduced: result.introduced, secondsPerDraft: result.secondsPerDraft, targetSeconds: result.targetSeconds)
        typebarVersion = TypeBarVersion.current
    }
}

extension HistoryAudit {
    /// The problems of a proofreading drill's log: missing, changed, not replaying, or replaying to other figures.
    static func proofreadLogProblems(_ record: HistoryRecord, path: String, data: Data) -> [Problem] {
        var problems: [Problem] = []
        if let hash = record.logHash, HistoryRecord.sha256(bytes: data) != hash { problems.append(.logChanged) }
        let replayed: ProofreadReplay.Replayed
        do {
            replayed = try ProofreadReplay.replay(path: path)
        } catch {
            return problems + [.logUnreadable(error.description)]
        }
        let again = HistoryRecord(id: record.id, time: record.time, proofread: replayed.result, seed: replayed.header.seed)
        var differences: [String] = []
        if record.textHash != again.textHash { differences.append("drafts differ") }
        if record.proofread != again.proofread { differences.append("proofreading figures differ") }
        if abs(record.elapsedSeconds - again.elapsedSeconds) > 1e-9 * max(1, record.elapsedSeconds) {
            differences.append("elapsed_seconds \(record.elapsedSeconds.description) → \(again.elapsedSeconds.description)")
        }
        if record.accuracy != again.accuracy { differences.append("accuracy \(record.accuracy.description) → \(again.accuracy.description)") }
        if record.meetsBar != again.meetsBar { differences.append("meets_bar \(record.meetsBar) → \(again.meetsBar)") }
        if !differences.isEmpty { problems.append(.figuresDiffer(differences)) }
        return problems
    }
}
