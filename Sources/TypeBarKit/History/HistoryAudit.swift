import Foundation
import TypeBarCore

/// `typebar verify`: whether a kept result is what was typed. A record's signature must match its content, an
/// assessment record must be signed (when a key is given), and its saved keystroke log must be unchanged and
/// rescore, under the record's own rules, to the figures the record holds.
public enum HistoryAudit {
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        /// The signature does not match the record's content: a figure, name or date was changed.
        case contentChanged
        /// An assessment record without a signature, checked with a key.
        case signatureMissing
        /// The record names no log, or the log is not where it says.
        case logMissing(String)
        /// The log's bytes differ from those the record's `log_sha256` was taken over.
        case logChanged
        /// The log cannot be scored any more.
        case logUnreadable(String)
        /// Rescoring the log gives other figures than the record's: each difference as "field: recorded → rescored".
        case figuresDiffer([String])

        public var description: String {
            switch self {
            case .contentChanged: "content changed: the signature does not match the record"
            case .signatureMissing: "signature missing: an assessment result without a signature"
            case .logMissing(let detail): "keystroke log missing: \(detail)"
            case .logChanged: "keystroke log changed since the result was saved"
            case .logUnreadable(let detail): "keystroke log does not score: \(detail)"
            case .figuresDiffer(let differences): "keystroke log no longer rescores to the recorded figures (\(differences.joined(separator: "; ")))"
            }
        }
    }

    public enum SignatureState: String, Sendable {
        case valid, invalid, missing, unchecked
        /// Not signed, and not an assessment: nothing to check.
        case notSigned = "not signed"
    }

    public struct Finding: Sendable {
        public var record: HistoryRecord
        public var signature: SignatureState
        public var problems: [Problem]
    }

    /// Assessment records whose earlier attempts are not in `records`: attempt 3 with no attempt 2 before it
    /// means a record was removed. Each candidate's attempts at one assessment (name and config hash) are taken in
    /// time order; an attempt 1 starts a fresh set (`--retake`). The removal of a last attempt leaves no gap, so
    /// it cannot be seen here.
    public static func missingAttempts(_ records: [HistoryRecord]) -> [(record: HistoryRecord, missing: ClosedRange<Int>)] {
        var next: [String: Int] = [:]
        var found: [(record: HistoryRecord, missing: ClosedRange<Int>)] = []
        for record in records.sorted(by: { ($0.time, $0.id) < ($1.time, $1.id) }) {
            guard record.mode == .assessment || record.mode == .chat, let attempt = record.attempt, attempt >= 1 else { continue }
            let key = [record.candidate?.lowercased() ?? "", record.assessment ?? "", record.configHash ?? ""].joined(separator: "\u{0}")
            let expected = attempt == 1 ? 1 : next[key] ?? 1
            if attempt > expected { found.append((record, expected...(attempt - 1))) }
            next[key] = attempt + 1
        }
        return found
    }

    /// Checks one record of `file` with `key` (nil: signatures are not checked); a free-mode chat shift is
    /// rescored with the spell checker `spellers` gives.
    public static func check(_ record: HistoryRecord, in file: HistoryFile, key: [UInt8]?, spellers: SpellerSource) -> Finding {
        check(record, log: file.log(of: record), key: key, spellers: spellers)
    }

    /// Checks one record, whose keystroke log is `log` (a file, or bytes from a store), with `key`.
    public static func check(_ record: HistoryRecord, log: StoredLog, key: [UInt8]?, spellers: SpellerSource) -> Finding {
        var problems: [Problem] = []
        let signature: SignatureState
        switch (record.signature, key) {
        case (nil, _) where record.mode == .assessment || (record.mode == .chat && record.assessment != nil):
            signature = .missing
            if key != nil { problems.append(.signatureMissing) }
        case (nil, _): signature = .notSigned
        case (_?, nil): signature = .unchecked
        case (_?, let key?):
            signature = HistorySignature.isValid(record, key: key) ? .valid : .invalid
            if signature == .invalid { problems.append(.contentChanged) }
        }
        problems += logProblems(record, log: log, spellers: spellers)
        return Finding(record: record, signature: signature, problems: problems)
    }

    static func logProblems(_ record: HistoryRecord, log: StoredLog, spellers: SpellerSource) -> [Problem] {
        let data: Data
        switch logData(record, log: log) {
        case .success(let bytes?): data = bytes
        case .success(nil): return record.mode == .assessment || record.assessment != nil ? [.logMissing("the record names no log")] : []
        case .failure(let problem): return [problem]
        }
        if record.proofread != nil {
            do {
                if let found = try log.withPath({ path in proofreadLogProblems(record, path: path, data: data) }) { return found }
            } catch {
                return [.logUnreadable("\(error)")]
            }
        }
        if record.mode == .chat {
            do {
                if let found = try log.withPath({ path in chatLogProblems(record, path: path, data: data, spellers: spellers) }) { return found }
            } catch {
                return [.logUnreadable("\(error)")]
            }
        }
        var problems: [Problem] = []
        if let hash = record.logHash, HistoryRecord.sha256(bytes: data) != hash { problems.append(.logChanged) }
        let scored: KeystrokeLog.Scored
        do {
            guard let result = try log.withPath({ path in
                try KeystrokeLog.score(path: path, timeLimit: record.timeLimit, backspace: record.backspace ?? true)
            }) else { return problems }
            scored = result
        } catch let error as TypeBarError {
            return problems + [.logUnreadable(error.description)]
        } catch {
            return problems + [.logUnreadable("\(error)")]
        }
        let differences = differences(record, scored)
        if !differences.isEmpty { problems.append(.figuresDiffer(differences)) }
        return problems
    }

    /// A log's bytes: nil when the record names none, the problem when it is not there.
    static func logData(_ record: HistoryRecord, log: StoredLog) -> Result<Data?, Problem> {
        switch log {
        case .none: return .success(nil)
        case .missing(let detail): return .failure(.logMissing(detail))
        case .file(let path):
            guard let contents = FileManager.default.contents(atPath: path) else { return .failure(.logMissing("no file at \(path)")) }
            return .success(contents)
        case .bytes(let contents, _): return .success(contents)
        }
    }

    /// The recorded figures that the rescored log does not give.
    static func differences(_ record: HistoryRecord, _ scored: KeystrokeLog.Scored) -> [String] {
        let result = scored.result
        // The record's own rules: its bar, and its error limit when it had one (only assessments do).
        let rules = AssessmentRules(name: record.assessment ?? "", seconds: record.timeLimit ?? 0, bar: record.bar, maximumErrors: record.maximumErrors)
        let meets = rules.judge(result).passed
        var differences: [String] = []
        // Numbers as the record holds them: whole numbers whole, others in their shortest exact form.
        func compare(_ name: String, _ recorded: Double, _ rescored: Double) {
            guard abs(recorded - rescored) > 1e-9 * max(1, abs(recorded)) else { return }
            differences.append("\(name) \(recorded.description) → \(rescored.description)")
        }
        func compare(_ name: String, _ recorded: Int, _ rescored: Int) {
            guard recorded != rescored else { return }
            differences.append("\(name) \(recorded) → \(rescored)")
        }
        if HistoryRecord.sha256(scored.target.text) != record.textHash { differences.append("target text differs") }
        compare("net_wpm", record.netWPM, result.netWPM)
        compare("gross_wpm", record.grossWPM, result.grossWPM)
        compare("accuracy", record.accuracy, result.accuracy)
        compare("elapsed_seconds", record.elapsedSeconds, result.elapsedSeconds)
        compare("characters", record.characters, result.characters)
        compare("uncorrected_errors", record.uncorrectedErrors, result.uncorrectedErrors)
        compare("word_errors", record.wordErrors, result.wordErrors)
        if record.meetsBar != meets { differences.append("meets_bar \(record.meetsBar) → \(meets)") }
        return differences
    }
}
