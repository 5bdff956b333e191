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
    private var bigrams: [UInt64: (count: Int, total: Double)] = [:]

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
        let key = UInt64(first) << 32 | UInt64(second)
        bigrams[key, default: (0, 0)].count += 1
        bigrams[key, default: (0, 0)].total += interval
    }

    func keyFigures(in target: TargetText) -> [KeyFigure] {
        var seen = Set<UInt32>()
        var figures: [KeyFigure] = []
        for code in target.codes where Int(code) < tallies.count && tallies[Int(code)].typed > 0 && seen.insert(code).inserted {
            let tally = tallies[Int(code)]
            figures.append(KeyFigure(
                character: target.character(for: code), typed: tally.typed, errors: tally.errors,
                meanMilliseconds: tally.timed == 0 ? nil : tally.totalMilliseconds / Double(tally.timed)))
        }
        return figures
    }

    /// The slowest bigrams, slowest first. Bigrams seen at least twice are preferred, so one stumble does not lead.
    func slowestBigrams(in target: TargetText, limit: Int = 10) -> [BigramFigure] {
        let repeated = bigrams.filter { $0.value.count >= 2 }
        let pool = repeated.isEmpty ? bigrams : repeated
        let figures = pool.map { key, value in
            BigramFigure(
                bigram: String(target.character(for: UInt32(key >> 32))) + String(target.character(for: UInt32(key & 0xFFFF_FFFF))),
                count: value.count, meanMilliseconds: value.total / Double(value.count))
        }
        return Array(figures.sorted {
            ($0.meanMilliseconds, $0.count, $1.bigram) > ($1.meanMilliseconds, $1.count, $0.bigram)
        }.prefix(limit))
    }
}

/// Builds the per-second timeline as keystrokes arrive.
struct TimelineBuilder: Sendable {
    private(set) var samples: [TimelineSample] = []
    private var characters = 0
    private var errors = 0

    /// Whether a keystroke `elapsed` ms after the first falls in a later second than the open one.
    func hasSecondsToClose(before elapsed: Double) -> Bool {
        Int(elapsed / 1000) > samples.count
    }

    /// Closes every second that ended before `elapsed` ms, with C and E of the buffer as it stood then.
    mutating func advance(to elapsed: Double, buffer: (characters: Int, errors: Int)) {
        let second = Int(elapsed / 1000)
        while samples.count < second { close(duration: 1, buffer: buffer) }
    }

    mutating func countCharacter(correct: Bool) {
        characters += 1
        if !correct { errors += 1 }
    }

    /// Closes the remaining seconds up to `elapsed` ms, the last one possibly partial.
    mutating func finish(at elapsed: Double, buffer: (characters: Int, errors: Int)) {
        let total = elapsed / 1000
        while Double(samples.count) < total {
            close(duration: min(1, total - Double(samples.count)), buffer: buffer)
        }
    }

    private mutating func close(duration: Double, buffer: (characters: Int, errors: Int)) {
        let end = Double(samples.count) + duration
        let speed = Speed(characters: buffer.characters, errors: buffer.errors, prefixLength: 0, seconds: end)
        samples.append(TimelineSample(
            second: end, characters: characters, errors: errors,
            rawWPM: duration > 0 ? Double(characters) / 5 / (duration / 60) : 0,
            netWPM: speed.netWPM))
        characters = 0
        errors = 0
    }
}
