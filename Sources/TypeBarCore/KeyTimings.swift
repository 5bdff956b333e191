/// Per-key and per-bigram tallies gathered keystroke by keystroke.
struct KeyTimings: Sendable {
    struct Tally: Sendable {
        var typed = 0
        var errors = 0
        var timed = 0
        var totalMilliseconds = 0.0
    }

    /// Indexed by target code; codes are dense (ASCII, then the target's other characters).
    private var tallies: [Tally] = []
    private var bigrams = BigramTable()

    mutating func record(expected: UInt32, correct: Bool, interval: Double?) {
        let index = Int(expected)
        if index >= tallies.count { tallies.append(contentsOf: repeatElement(Tally(), count: index + 1 - tallies.count)) }
        tallies[index].typed += 1
        if !correct { tallies[index].errors += 1 }
        if let interval, interval <= IntegrityRules.idleMilliseconds {
            tallies[index].timed += 1
            tallies[index].totalMilliseconds += interval
        }
    }

    mutating func recordBigram(_ first: UInt32, _ second: UInt32, interval: Double) {
        guard interval <= IntegrityRules.idleMilliseconds else { return }
        bigrams.add(UInt64(first) << 32 | UInt64(second), interval: interval)
    }

    func keyFigures(in target: TargetText) -> [KeyFigure] {
        var seen = Set<UInt32>()
        var figures: [KeyFigure] = []
        for code in target.codes where Int(code) < tallies.count && tallies[Int(code)].typed > 0 && seen.insert(code).inserted {
            let tally = tallies[Int(code)]
            figures.append(KeyFigure(
                character: target.character(for: code), typed: tally.typed, errors: tally.errors,
                meanMilliseconds: tally.timed == 0 ? nil : tally.totalMilliseconds / Double(tally.timed), timed: tally.timed))
        }
        return figures
    }

    /// The slowest bigrams, slowest first. Bigrams seen at least twice are preferred, so one stumble does not lead.
    func slowestBigrams(in target: TargetText, limit: Int = 10) -> [BigramFigure] {
        let all = bigrams.entries
        let repeated = all.filter { $0.count >= 2 }
        let figures = (repeated.isEmpty ? all : repeated).map { entry in
            BigramFigure(
                bigram: String(target.character(for: UInt32(entry.key >> 32))) + String(target.character(for: UInt32(entry.key & 0xFFFF_FFFF))),
                count: entry.count, meanMilliseconds: entry.total / Double(entry.count))
        }
        return Array(figures.sorted {
            ($0.meanMilliseconds, $0.count, $1.bigram) > ($1.meanMilliseconds, $1.count, $0.bigram)
        }.prefix(limit))
    }
}

/// Bigram tallies in an open-addressing table of plain arrays. Not a `Dictionary`: the first use of one keyed by a
/// type in a process looks up its `Hashable` conformance by scanning every conformance record in the binary, on a
/// candidate's first keystroke (docs/performance.md, "Start-up").
struct BigramTable: Sendable {
    private var keys: [UInt64] = []
    /// 0 marks an empty slot: a bigram in the table has been counted at least once.
    private var counts: [Int] = []
    private var totals: [Double] = []
    private var used = 0

    mutating func add(_ key: UInt64, interval: Double) {
        if (used + 1) * 4 > keys.count * 3 { grow() }
        let slot = self.slot(for: key)
        if counts[slot] == 0 {
            keys[slot] = key
            used += 1
        }
        counts[slot] += 1
        totals[slot] += interval
    }

    /// Every bigram counted, in no particular order.
    var entries: [(key: UInt64, count: Int, total: Double)] {
        counts.indices.filter { counts[$0] > 0 }.map { (keys[$0], counts[$0], totals[$0]) }
    }

    /// The slot that holds `key`, or the empty one where it goes.
    private func slot(for key: UInt64) -> Int {
        let mask = keys.count - 1
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
        while counts[slot] != 0 && keys[slot] != key { slot = (slot + 1) & mask }
        return slot
    }

    private mutating func grow() {
        let old = entries
        let capacity = max(64, keys.count * 2)
        keys = Array(repeating: 0, count: capacity)
        counts = Array(repeating: 0, count: capacity)
        totals = Array(repeating: 0, count: capacity)
        for entry in old {
            let slot = self.slot(for: entry.key)
            keys[slot] = entry.key
            counts[slot] = entry.count
            totals[slot] = entry.total
        }
    }
}

/// Builds the timeline as keystrokes arrive: one sample per second, or per `step` seconds once an attempt runs
/// longer than `maximumSamples` seconds (each time the timeline fills, neighbouring samples are merged in pairs and
/// the step doubles), so memory never grows with a time in a log. A final fragment shorter than half a step joins
/// the sample before it rather than standing alone, so no speed is extrapolated from a sliver of time.
struct TimelineBuilder: Sendable {
    private(set) var samples: [TimelineSample] = []
    /// Seconds per sample: 1, doubled each time the timeline fills.
    private(set) var step = 1.0
    private let maximumSamples: Int
    private var characters = 0
    private var errors = 0

    init(maximumSamples: Int = Limits.timelineSamples) {
        // An even count, so a full timeline merges into whole pairs.
        self.maximumSamples = max(2, maximumSamples - maximumSamples % 2)
    }

    /// Where the open sample ends, in seconds from the first keystroke.
    private var openEnd: Double { (samples.last?.second ?? 0) + step }

    /// Whether a keystroke `elapsed` ms after the first falls after the open sample.
    func hasSecondsToClose(before elapsed: Double) -> Bool {
        elapsed / 1000 >= openEnd
    }

    /// Closes every sample that ended before `elapsed` ms, with C and E of the buffer as it stood then.
    mutating func advance(to elapsed: Double, buffer: (characters: Int, errors: Int)) {
        while elapsed / 1000 >= openEnd { close(duration: step, buffer: buffer) }
    }

    mutating func countCharacter(correct: Bool) {
        characters += 1
        if !correct { errors += 1 }
    }

    /// Closes the remaining samples up to `elapsed` ms; the last may be partial, and joins the one before it when
    /// it is shorter than half a step.
    mutating func finish(at elapsed: Double, buffer: (characters: Int, errors: Int)) {
        let total = elapsed / 1000
        while case let start = samples.last?.second ?? 0, start < total {
            let duration = min(step, total - start)
            if duration < step / 2, !samples.isEmpty {
                extendLast(to: total, buffer: buffer)
                return
            }
            close(duration: duration, buffer: buffer)
        }
    }

    private mutating func close(duration: Double, buffer: (characters: Int, errors: Int)) {
        let end = (samples.last?.second ?? 0) + duration
        samples.append(TimelineSample(
            second: end, characters: characters, errors: errors,
            rawWPM: Self.wordsPerMinute(characters, seconds: duration),
            netWPM: Speed(characters: buffer.characters, errors: buffer.errors, prefixLength: 0, seconds: end).netWPM))
        characters = 0
        errors = 0
        if samples.count >= maximumSamples { mergePairs() }
    }

    /// Stretches the last sample to `end` seconds, with the keystrokes typed since it closed.
    private mutating func extendLast(to end: Double, buffer: (characters: Int, errors: Int)) {
        let index = samples.count - 1
        let start = index > 0 ? samples[index - 1].second : 0
        samples[index].second = end
        samples[index].characters += characters
        samples[index].errors += errors
        samples[index].rawWPM = Self.wordsPerMinute(samples[index].characters, seconds: end - start)
        samples[index].netWPM = Speed(characters: buffer.characters, errors: buffer.errors, prefixLength: 0, seconds: end).netWPM
        characters = 0
        errors = 0
    }

    /// Halves the number of samples by merging neighbours, and doubles the step.
    private mutating func mergePairs() {
        var merged: [TimelineSample] = []
        merged.reserveCapacity(maximumSamples)
        var start = 0.0
        var index = 0
        while index + 1 < samples.count {
            let first = samples[index], second = samples[index + 1]
            let characters = first.characters + second.characters
            merged.append(TimelineSample(
                second: second.second, characters: characters, errors: first.errors + second.errors,
                rawWPM: Self.wordsPerMinute(characters, seconds: second.second - start), netWPM: second.netWPM))
            start = second.second
            index += 2
        }
        if index < samples.count { merged.append(samples[index]) }
        samples = merged
        step *= 2
    }

    private static func wordsPerMinute(_ characters: Int, seconds: Double) -> Double {
        seconds > 0 ? Double(characters) / 5 / (seconds / 60) : 0
    }
}
