import Foundation
import TypeBarCore

/// What `typebar stats` shows, gathered in one streaming read of the history: the progress figures over every
/// session, and the characters and pairs that cost the most over the recent ones.
public struct HistoryStats: Sendable {
    /// Key costs come from this many of the latest sessions: what holds a candidate back now, not what they
    /// fixed months ago.
    public static let keySessions = 100

    public var progress = ProgressSummary()
    public var keyCosts = KeyCosts()
    public var skipped = HistoryFile.Skipped()
    public var firstTime: Double?
    public var lastTime: Double?
    /// Every chat shift, oldest first, for the response-time section.
    public var chatShifts: [ChatShiftPoint] = []

    public init() {}

    /// Adds one record read at `.summary` detail, in order: a result from a store's rows, as `gather` adds each
    /// line of a history file.
    public mutating func add(summary record: HistoryRecord) {
        let point = HistoryStats.point(of: record)
        // A proofreading drill has no typing speed: it is kept and listed, but not in the speed figures.
        if record.proofread == nil { progress.add(HistoryStats.session(of: record), group: record.group, chat: point) }
        if let point { chatShifts.append(point) }
        firstTime = min(firstTime ?? record.time, record.time)
        lastTime = max(lastTime ?? record.time, record.time)
    }

    /// Reads `file`, keeping the sessions of `candidate` (any case) when one is named. A large file is read in two
    /// halves at once, one per core, and the halves joined in order.
    public static func gather(from file: HistoryFile, candidate: String? = nil) throws(TypeBarError) -> HistoryStats {
        let parts = try file.halves()
        let results = LockedResults(count: parts.count)
        DispatchQueue.concurrentPerform(iterations: parts.count) { index in
            results.set(index, Result { () throws(TypeBarError) in try Part.read(file, bytes: parts[index], candidate: candidate?.lowercased()) })
        }
        var stats = HistoryStats()
        var recent: [[UInt8]] = []
        for result in results.values {
            let part = try result.get()
            for (session, group, chat) in part.sessions { stats.progress.add(session, group: group, chat: chat) }
            stats.firstTime = [stats.firstTime, part.firstTime].compactMap { $0 }.min()
            stats.lastTime = [stats.lastTime, part.lastTime].compactMap { $0 }.max()
            stats.skipped = stats.skipped.followed(by: part.skipped)
            stats.chatShifts += part.chatShifts
            recent = Array((recent + part.recent).suffix(keySessions))
        }
        for line in recent {
            line.withUnsafeBufferPointer { line in
                if case .success(let record) = HistoryLine.record(from: line) { stats.keyCosts.add(record) }
            }
        }
        return stats
    }

    /// A record's figures as a session of the progress summary.
    static func session(of record: HistoryRecord) -> ProgressSummary.Session {
        ProgressSummary.Session(time: record.time, netWPM: record.netWPM, accuracy: record.accuracy)
    }

    /// A chat shift's figures, for its personal best and the response-time section; nil for any other record.
    static func point(of record: HistoryRecord) -> ChatShiftPoint? {
        record.chat.map { ChatShiftPoint(time: record.time, $0) }
    }

    /// What one part of the file holds: its sessions in order (with a chat shift's figures), and its last lines for
    /// the key costs.
    struct Part: Sendable {
        var sessions: [(ProgressSummary.Session, String, ChatShiftPoint?)] = []
        var firstTime: Double?
        var lastTime: Double?
        var skipped = HistoryFile.Skipped()
        var recent: [[UInt8]] = []
        var chatShifts: [ChatShiftPoint] = []

        static func read(_ file: HistoryFile, bytes: Range<Int>?, candidate: String?) throws(TypeBarError) -> Part {
            var part = Part()
            // The latest lines sit in a ring of reused buffers, so keeping them costs a copy, not an allocation.
            var ring = Array(repeating: [UInt8](), count: keySessions)
            var kept = 0
            part.skipped = try file.readLines(detail: .summary, bytes: bytes) { record, _, line in
                if let candidate, record.candidate?.lowercased() != candidate { return }
                let point = HistoryStats.point(of: record)
                if record.proofread == nil { part.sessions.append((HistoryStats.session(of: record), record.group, point)) }
                if let point { part.chatShifts.append(point) }
                part.firstTime = min(part.firstTime ?? record.time, record.time)
                part.lastTime = max(part.lastTime ?? record.time, record.time)
                ring[kept % keySessions].removeAll(keepingCapacity: true)
                ring[kept % keySessions].append(contentsOf: line)
                kept += 1
            }
            part.recent = (max(0, kept - keySessions)..<kept).map { ring[$0 % keySessions] }
            return part
        }
    }
}

/// Results written by concurrent workers, one slot each.
private final class LockedResults: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<HistoryStats.Part, TypeBarError>?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<HistoryStats.Part, TypeBarError>) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    var values: [Result<HistoryStats.Part, TypeBarError>] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0 ?? .failure(.internal("a part of the history was not read")) }
    }
}

extension KeyCosts {
    /// Adds one session's per-key table and slowest pairs.
    public mutating func add(_ record: HistoryRecord) {
        addSession(
            characters: record.keys.map { ($0.character, $0.typed, $0.errors, $0.meanMilliseconds) },
            pairs: record.bigrams.map { ($0.bigram, $0.count, $0.meanMilliseconds) })
    }
}
