/// Every timed pair of one session, from its keystrokes: what a history record cannot hold (it keeps the ten
/// slowest pairs only). The rule is the scoring engine's (docs/scoring.md, "Keys and bigrams"): two target
/// characters typed correctly, in place, one straight after the other, timed by the interval between them,
/// leaving out pauses over 10 s.
public enum PairTimings {
    public static func measure(target: TargetText, keystrokes: [Keystroke], timeLimit: Double? = nil, allowsCorrections: Bool = true) -> [TimingObservation] {
        let codes = target.codes
        var totals: [UInt64: (count: Int, total: Double)] = [:]
        var buffer: [UInt32] = []
        var lastInPlace: Int?
        var first: Double?
        var previous: Double?
        for keystroke in keystrokes {
            if buffer.count >= codes.count { break }
            let time = max(keystroke.time, previous ?? keystroke.time)
            if let limit = timeLimit, let first, time - first > limit * 1000 { break }
            switch keystroke.action {
            case .character(let character):
                let position = buffer.count
                let code = target.code(for: character)
                let inPlace = code == codes[position]
                if inPlace, let last = lastInPlace, last == position - 1, let previous, time - previous <= IntegrityRules.idleMilliseconds {
                    let key = UInt64(codes[last]) << 32 | UInt64(code)
                    totals[key, default: (0, 0)].count += 1
                    totals[key, default: (0, 0)].total += time - previous
                }
                lastInPlace = inPlace ? position : nil
                buffer.append(code)
            case .backspace:
                guard allowsCorrections else { break }
                lastInPlace = nil
                if !buffer.isEmpty { buffer.removeLast() }
            case .wordBackspace:
                guard allowsCorrections else { break }
                lastInPlace = nil
                while buffer.last == TargetText.spaceCode { buffer.removeLast() }
                while let last = buffer.last, last != TargetText.spaceCode { buffer.removeLast() }
            }
            if first == nil { first = time }
            previous = time
        }
        return totals.map { key, value in
            TimingObservation(
                key: String(target.character(for: UInt32(key >> 32))) + String(target.character(for: UInt32(key & 0xFFFF_FFFF))),
                typed: value.count, meanMilliseconds: value.total / Double(value.count))
        }.sorted { $0.key < $1.key }
    }
}
