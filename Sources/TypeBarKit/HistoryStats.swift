import TypeBarCore

/// What `typebar stats` shows, gathered in one streaming pass over the history: the progress figures over every
/// session, and the characters and pairs that cost the most over the recent ones.
public struct HistoryStats: Sendable {
    /// Key costs come from this many of the latest sessions: what holds a candidate back now, not what they
    /// fixed months ago.
    public static let keySessions = 100

    public var progress = Progress()
    public var keyCosts = KeyCosts()
    public var skipped = HistoryFile.Skipped()
    public var firstTime: Double?
    public var lastTime: Double?

    /// Reads `file`, keeping the sessions of `candidate` (any case) when one is named.
    public static func gather(from file: HistoryFile, candidate: String? = nil) throws(TypeBarError) -> HistoryStats {
        var stats = HistoryStats()
        let wanted = candidate?.lowercased()
        // The latest records' lines are kept in a ring of reused buffers; their per-key tables are read at the end.
        var ring = Array(repeating: [UInt8](), count: keySessions)
        var kept = 0
        stats.skipped = try file.readLines(detail: .summary) { record, _, line in
            if let wanted, record.candidate?.lowercased() != wanted { return }
            stats.progress.add(Progress.Session(time: record.time, netWPM: record.netWPM, accuracy: record.accuracy), group: record.group)
            stats.firstTime = min(stats.firstTime ?? record.time, record.time)
            stats.lastTime = max(stats.lastTime ?? record.time, record.time)
            ring[kept % keySessions].removeAll(keepingCapacity: true)
            ring[kept % keySessions].append(contentsOf: line)
            kept += 1
        }
        for offset in max(0, kept - keySessions)..<kept {
            try ring[offset % keySessions].withUnsafeBufferPointer { line in
                if case .success(let record) = HistoryLine.record(from: line) { stats.keyCosts.add(record) }
            }
        }
        return stats
    }
}

/// Per-character and per-pair time and error totals across sessions.
public struct KeyCosts: Sendable {
    /// Below these counts a mean or a rate is one stumble, not a pattern.
    public static let minimumTyped = 10
    public static let minimumPairs = 3

    public struct Cost: Equatable, Sendable {
        public var key: String
        public var typed = 0
        public var errors = 0
        /// Timed occurrences and their total milliseconds (a session's mean weighted by its count).
        public var timed = 0
        public var totalMilliseconds = 0.0

        public var meanMilliseconds: Double? { timed == 0 ? nil : totalMilliseconds / Double(timed) }
        public var errorRate: Double { typed == 0 ? 0 : 100 * Double(errors) / Double(typed) }
    }

    public private(set) var sessions = 0
    private var characters: [String: Cost] = [:]
    private var pairs: [String: Cost] = [:]

    public init() {}

    public mutating func add(_ record: HistoryRecord) {
        guard !record.keys.isEmpty else { return }
        sessions += 1
        for key in record.keys {
            var cost = characters[key.character] ?? Cost(key: key.character)
            cost.typed += key.typed
            cost.errors += key.errors
            if let mean = key.meanMilliseconds {
                cost.timed += key.typed
                cost.totalMilliseconds += mean * Double(key.typed)
            }
            characters[key.character] = cost
        }
        for bigram in record.bigrams {
            var cost = pairs[bigram.bigram] ?? Cost(key: bigram.bigram)
            cost.typed += bigram.count
            cost.timed += bigram.count
            cost.totalMilliseconds += bigram.meanMilliseconds * Double(bigram.count)
            pairs[bigram.bigram] = cost
        }
    }

    /// Characters with the longest mean time, the space bar left out (it waits on the word before).
    public func slowestCharacters(limit: Int = 5) -> [Cost] {
        Array(characters.values.filter { $0.key != " " && $0.timed >= KeyCosts.minimumTyped && $0.meanMilliseconds != nil }
            .sorted { ($0.meanMilliseconds ?? 0, $1.key) > ($1.meanMilliseconds ?? 0, $0.key) }.prefix(limit))
    }

    /// Characters with the highest error rate.
    public func mostMissed(limit: Int = 5) -> [Cost] {
        Array(characters.values.filter { $0.typed >= KeyCosts.minimumTyped && $0.errors > 0 }
            .sorted { ($0.errorRate, $0.errors, $1.key) > ($1.errorRate, $1.errors, $0.key) }.prefix(limit))
    }

    /// Pairs with the longest mean time between their two keys.
    public func slowestPairs(limit: Int = 5) -> [Cost] {
        Array(pairs.values.filter { $0.typed >= KeyCosts.minimumPairs }
            .sorted { ($0.meanMilliseconds ?? 0, $1.key) > ($1.meanMilliseconds ?? 0, $0.key) }.prefix(limit))
    }
}
