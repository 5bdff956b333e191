/// The words of one session that went wrong or took longest, from its own keystrokes: what the results screen's
/// `m` and `s` keys practise.
public struct SessionWords: Equatable, Sendable {
    /// A target word and how it went.
    public struct Word: Equatable, Sendable {
        public var text: String
        /// Occurrences in which at least one keystroke was wrong (fixed later or not).
        public var missed: Int
        /// Mean milliseconds per character over its timed occurrences; nil when none was timed.
        public var millisecondsPerCharacter: Double?
    }

    /// Every missed word, once per occurrence missed, in the order they were typed.
    public var missed: [String]
    /// Distinct words, slowest first (at most `slowestLimit`).
    public var slowest: [Word]

    public static let slowestLimit = 10

    /// Follows `keystrokes` over `target` as the scoring engine does (rules 1-2 of docs/scoring.md) and notes, for
    /// every occurrence of a target word: whether any keystroke typed into it was not the character due there, and
    /// the time from the keystroke before its first character to the keystroke that last completed it. A pause
    /// over 10 s leaves the occurrence untimed; the first word has no keystroke before it and is not timed.
    public init(target: TargetText, keystrokes: [Keystroke], timeLimit: Double? = nil, allowsCorrections: Bool = true) {
        let codes = target.codes
        // The word (index among the target's words) of each position; spaces belong to no word.
        var wordOf = [Int](repeating: -1, count: codes.count)
        var spans: [Range<Int>] = []
        var start: Int?
        for (index, code) in codes.enumerated() {
            if code == TargetText.spaceCode {
                if let begin = start { spans.append(begin..<index); start = nil }
            } else {
                if start == nil { start = index }
                wordOf[index] = spans.count
            }
        }
        if let begin = start { spans.append(begin..<codes.count) }

        var missedWord = [Bool](repeating: false, count: spans.count)
        var began = [Double?](repeating: nil, count: spans.count)
        var ended = [Double?](repeating: nil, count: spans.count)
        var untimed = [Bool](repeating: false, count: spans.count)
        var missedOrder: [Int] = []
        var buffer = 0
        var typed: [UInt32] = []
        var first: Double?
        var previous: Double?
        for keystroke in keystrokes {
            if buffer >= codes.count, case .character = keystroke.action { break }
            let time = max(keystroke.time, previous ?? keystroke.time)
            if let limit = timeLimit, let first, time - first > limit * 1000 { break }
            switch keystroke.action {
            case .character(let character):
                let position = buffer
                let word = wordOf[position]
                if word >= 0 {
                    if began[word] == nil {
                        if let previous {
                            began[word] = previous
                        } else {
                            untimed[word] = true
                        }
                    }
                    if let previous, time - previous > IntegrityRules.idleMilliseconds { untimed[word] = true }
                    if target.code(for: character) != codes[position], !missedWord[word] {
                        missedWord[word] = true
                        missedOrder.append(word)
                    }
                    if position == spans[word].upperBound - 1 { ended[word] = time }
                }
                typed.append(target.code(for: character))
                buffer += 1
            case .backspace:
                guard allowsCorrections else { break }
                if buffer > 0 { typed.removeLast(); buffer -= 1 }
            case .wordBackspace:
                guard allowsCorrections else { break }
                while typed.last == TargetText.spaceCode { typed.removeLast(); buffer -= 1 }
                while let last = typed.last, last != TargetText.spaceCode { typed.removeLast(); buffer -= 1 }
            }
            if first == nil { first = time }
            previous = time
        }

        let characters = target.characters
        func text(_ word: Int) -> String { String(characters[spans[word]]) }
        missed = missedOrder.map(text)
        var totals: [String: (time: Double, characters: Int, missed: Int)] = [:]
        var order: [String] = []
        for word in spans.indices {
            let name = text(word)
            if totals[name] == nil { order.append(name); totals[name] = (0, 0, 0) }
            if missedWord[word] { totals[name]!.missed += 1 }
            if !untimed[word], let begin = began[word], let end = ended[word], end >= begin {
                totals[name]!.time += end - begin
                totals[name]!.characters += spans[word].count
            }
        }
        let words = order.map { name -> Word in
            let total = totals[name]!
            return Word(text: name, missed: total.missed, millisecondsPerCharacter: total.characters == 0 ? nil : total.time / Double(total.characters))
        }
        slowest = Array(words.filter { $0.millisecondsPerCharacter != nil }
            .sorted { ($0.millisecondsPerCharacter ?? 0, $1.text) > ($1.millisecondsPerCharacter ?? 0, $0.text) }
            .prefix(SessionWords.slowestLimit))
    }

    /// Practice text of the missed words, each as many times as it was missed, shuffled by `seed`.
    public func missedPractice(seed: UInt64) -> String {
        var random = SplitMix64(seed: seed)
        return missed.shuffled(using: &random).joined(separator: " ")
    }

    /// Practice text of the slowest words, each `times` times, shuffled by `seed`.
    public func slowestPractice(times: Int = 3, seed: UInt64) -> String {
        var random = SplitMix64(seed: seed)
        let words = slowest.flatMap { Array(repeating: $0.text, count: max(1, times)) }
        return words.shuffled(using: &random).joined(separator: " ")
    }
}
