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

    /// Adds one session: each character's times due, errors and mean milliseconds, and the slowest pairs' counts
    /// and means.
    public mutating func addSession(
        characters keys: [(character: String, typed: Int, errors: Int, meanMilliseconds: Double?)],
        pairs bigrams: [(pair: String, count: Int, meanMilliseconds: Double)]
    ) {
        guard !keys.isEmpty else { return }
        sessions += 1
        for key in keys {
            var cost = characters[key.character] ?? Cost(key: key.character)
            cost.typed += key.typed
            cost.errors += key.errors
            if let mean = key.meanMilliseconds {
                cost.timed += key.typed
                cost.totalMilliseconds += mean * Double(key.typed)
            }
            characters[key.character] = cost
        }
        for bigram in bigrams {
            var cost = pairs[bigram.pair] ?? Cost(key: bigram.pair)
            cost.typed += bigram.count
            cost.timed += bigram.count
            cost.totalMilliseconds += bigram.meanMilliseconds * Double(bigram.count)
            pairs[bigram.pair] = cost
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
