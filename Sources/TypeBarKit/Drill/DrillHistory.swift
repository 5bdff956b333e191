import Foundation
import SystemPackage

#if canImport(Glibc)
import Glibc
#endif
import TypeBarCore

/// Per-key and per-pair confidence from the history, read for speed (docs/drills.md, "What is read"):
///
/// - only the end of the file is read: the last `keySessions` lines, found by reading backwards from the end, so
///   the cost does not grow with the history. Those records are read in full, oldest first, and their per-key tables
///   (each key's times due, errors and mean time, measured from every keystroke of the session) feed the moving
///   averages. With α = 0.1, everything before them would weigh at most 0.9^300 ≈ 2 × 10⁻¹⁴ in a key seen every
///   session: nothing;
/// - pairs: a record keeps only its ten slowest, so the saved keystroke logs of the latest `logSessions` sessions
///   are read for every timed pair; older records give their ten slowest;
/// - chat shifts: their replies are typing too, but a chat record keeps no per-key table, so a chat shift among
///   the latest `logSessions` with a log is replayed from it and its replies measured (`ChatTyping`); older chat
///   shifts are passed over, since replaying a shift costs far more than reading a record (docs/performance.md,
///   "Drills").
public struct DrillHistory: Sendable {
    public static let keySessions = 300
    public static let logSessions = 20
    /// The trend of a key is its confidence now against this many sessions before the latest.
    public static let trendSessions = 10

    public var model: ConfidenceModel
    /// Lines among the last `keySessions` that were not records (numbered from the first line read).
    public var skipped = HistoryFile.Skipped()
    /// Records with per-key tables that fed the model, and saved logs read for pairs.
    public var sessionsRead = 0
    public var logsRead = 0
    /// Saved logs that could not be read (missing, changed, damaged): their record's ten pairs were used instead.
    public var logsUnreadable = 0
    /// Letters at target after each session read, oldest first: "keys at target" over time.
    public var lettersAtTarget: [Int] = []
    /// The model as it stood `trendSessions` sessions before the latest, when that many more were read.
    public var earlier: ConfidenceModel?

    /// Reads `file` into a confidence model at `targetWPM`. A missing file is an empty history.
    public static func gather(from file: HistoryFile, targetWPM: Double) throws(TypeBarError) -> DrillHistory {
        var history = DrillHistory(model: ConfidenceModel(targetWPM: targetWPM))
        guard access(file.path, F_OK) == 0 else { return history }
        var records: [HistoryRecord] = []
        if let tail = try tail(of: file.path, lines: keySessions) {
            history.skipped = try file.readLines(detail: .full, bytes: tail) { record, _, _ in
                if feeds(record) { records.append(record) }
            }
        } else {
            history.skipped = try file.read(detail: .full) { record, _ in
                if feeds(record) { records.append(record) }
                if records.count > 2 * keySessions { records.removeFirst(records.count - keySessions) }
            }
        }
        records = Array(records.suffix(keySessions))
        history.add(records) { file.log(of: $0) }
        return history
    }

    /// Reads the latest `keySessions` results of `results` (a history file, or a team's store: there, of
    /// `candidate` when one is named), and the keystroke logs of the latest `logSessions` of them, wherever they are
    /// kept, into a confidence model at `targetWPM`. Returns the warnings about what could not be read.
    public static func gather(from results: any ResultStore, candidate: String?, targetWPM: Double) throws -> (history: DrillHistory, warnings: [String]) {
        if let file = results as? HistoryFile, candidate == nil {
            let history = try gather(from: file, targetWPM: targetWPM)
            return (history, history.skipped.count == 0 ? [] : [
                // Only the end of the history is read, so its line numbers would mislead: say how many, and where.
                "\(file.path): skipped \(history.skipped.count) line\(history.skipped.count == 1 ? "" : "s") among the latest \(keySessions) that are not whole records (typebar history names them)",
            ])
        }
        var history = DrillHistory(model: ConfidenceModel(targetWPM: targetWPM))
        var records: [HistoryRecord] = []
        let warnings = try results.read(HistoryQuery(candidate: candidate, last: keySessions)) { record in
            if feeds(record) { records.append(record) }
        }
        history.add(records) { results.log(of: $0) }
        return (history, warnings)
    }

    /// Whether a record can feed the model: it has a per-key table, or it is a chat shift with its log.
    static func feeds(_ record: HistoryRecord) -> Bool {
        !record.keys.isEmpty || (record.chat != nil && record.log != nil)
    }

    /// Feeds `records` (oldest first) into the model; the latest `logSessions` that name a keystroke log give
    /// every pair they timed, from the log that `log` finds, or, for a chat shift, its replies' keys and pairs.
    private mutating func add(_ records: [HistoryRecord], log: (HistoryRecord) -> StoredLog) {
        let withLogs = Set(records.indices.filter { records[$0].log != nil }.suffix(DrillHistory.logSessions))
        for (index, record) in records.enumerated() {
            if record.chat != nil {
                guard withLogs.contains(index) else { continue }
                // A shift that cannot be replayed, or in which no reply was typed, teaches nothing about keys.
                guard let typing = try? log(record).withPath({ path in try ChatTyping(ChatLog.load(path: path)).timings }) else {
                    logsUnreadable += 1
                    continue
                }
                logsRead += 1
                guard let typing else { continue }
                model.add(typing)
                noteSession(index: index, of: records.count)
                continue
            }
            var pairs: [TimingObservation]?
            if withLogs.contains(index) {
                if let scored = try? log(record).withPath({ path in try KeystrokeLog.score(path: path, keepingKeystrokes: true) }) {
                    pairs = PairTimings.measure(target: scored.target, keystrokes: scored.keystrokes, timeLimit: scored.timeLimit, allowsCorrections: scored.header.backspace)
                    logsRead += 1
                } else {
                    logsUnreadable += 1
                }
            }
            model.add(SessionTimings(
                keys: record.keys.map { TimingObservation(key: $0.character, typed: $0.typed, errors: $0.errors, meanMilliseconds: $0.meanMilliseconds) },
                bigrams: pairs ?? record.bigrams.map { TimingObservation(key: $0.bigram, typed: $0.count, meanMilliseconds: $0.meanMilliseconds) }))
            noteSession(index: index, of: records.count)
        }
    }

    /// Counts a session added to the model, the `index`th of `count` read.
    private mutating func noteSession(index: Int, of count: Int) {
        sessionsRead += 1
        lettersAtTarget.append(model.lettersAtTarget.atTarget)
        if count - 1 - index == DrillHistory.trendSessions { earlier = model }
    }

    /// The bytes holding the last `lines` lines of a regular file, found by reading backwards from its end; nil
    /// when the file is not a regular file (a pipe is read from the start).
    static func tail(of path: String, lines: Int) throws(TypeBarError) -> Range<Int>? {
        let descriptor = try HistoryFile.open(path, .readOnly, options: [.closeOnExec])
        defer { try? descriptor.close() }
        guard let info = try? descriptor.stat(), info.type == .regular else { return nil }
        let size = Int(info.size)
        var block = [UInt8](repeating: 0, count: 1 << 16)
        var end = size
        var found = 0
        while end > 0 {
            let start = max(0, end - block.count)
            let count = try HistoryFile.read(descriptor, into: &block, count: end - start, at: start, path: path)
            guard count == end - start else { throw .cannotRead(path: path, reason: "the file shrank while it was read") }
            var index = count - 1
            while index >= 0 {
                // The newline that ends the file closes the last line; every other one starts a line after it.
                if block[index] == 0x0A, start + index != size - 1 {
                    found += 1
                    if found == lines { return (start + index + 1)..<size }
                }
                index -= 1
            }
            end = start
        }
        return 0..<size
    }
}
