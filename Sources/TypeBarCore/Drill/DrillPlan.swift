/// What a drill works on: one or more keys, or one pair.
public enum DrillFocus: Equatable, Sendable, CustomStringConvertible {
    case keys([String])
    case bigram(String)

    /// `--focus`: characters separated by commas are keys (`b,v`); one character is a key; two characters without
    /// a comma are a pair (`th`); more are keys (`bvk`). Nil when nothing is left.
    public init?(parsing text: String) {
        if text.contains(",") {
            var keys: [String] = []
            for part in text.split(separator: ",") where part.count == 1 && !keys.contains(String(part)) { keys.append(String(part)) }
            guard !keys.isEmpty, keys.count == text.split(separator: ",", omittingEmptySubsequences: false).count else { return nil }
            self = .keys(keys)
        } else if text.count == 2 {
            self = .bigram(text)
        } else if !text.isEmpty, !text.contains(" ") {
            var keys: [String] = []
            for character in text where !keys.contains(String(character)) { keys.append(String(character)) }
            self = .keys(keys)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .keys(let keys): keys.joined(separator: ", ")
        case .bigram(let pair): pair
        }
    }

    /// The keys or the pair, as JSON gives them.
    public var parts: [String] {
        switch self {
        case .keys(let keys): keys
        case .bigram(let pair): [pair]
        }
    }

    /// Whether `word` holds the focus: any of the keys, or the pair.
    public func isHeld(by word: String) -> Bool {
        switch self {
        case .keys(let keys): keys.contains { word.contains($0) }
        case .bigram(let pair): word.contains(pair)
        }
    }

    /// Whether the focus is lowercase letters only, so plain-letter words can drill it.
    var isLetters: Bool {
        parts.allSatisfy { $0.allSatisfy { ConfidenceModel.letters.contains(String($0)) } }
    }
}

/// The three kinds of drill.
public enum DrillKind: String, CaseIterable, Sendable {
    /// Words that hold the focus; plain lowercase words until the letters are at target, then words as written.
    case letters
    /// Generated order numbers, amounts, dates, times, e-mail addresses, URLs, tracking codes and phone numbers.
    case details
    /// Words as written from the whole pool, the weakest-heavy ones preferred, focus or not.
    case words
    /// Drafted replies with planted errors to find and fix (`ProofreadGenerator`, `ProofreadRun`): not typing, so
    /// `DrillBuilder` never builds one.
    case proofread
}

/// How long a drill is: a number of words, or at least a number of characters.
public enum DrillLength: Equatable, Sendable {
    case words(Int)
    case characters(Int)

    /// A drill of `minutes` at `wpm`: what a typist at that speed types in that time (five characters a word).
    public static func minutes(_ minutes: Double, at wpm: Double) -> DrillLength {
        .characters(Int(clampingFigure: (minutes * wpm * 5).rounded(.up)))
    }
}

/// What to build.
public struct DrillRequest: Sendable {
    public var kind: DrillKind
    public var focus: DrillFocus?
    public var length: DrillLength
    public var seed: UInt64

    public init(kind: DrillKind = .letters, focus: DrillFocus? = nil, length: DrillLength = .words(30), seed: UInt64) {
        self.kind = kind
        self.focus = focus
        self.length = length
        self.seed = seed
    }
}

/// One word of a drill and why it was chosen.
public struct DrillWord: Equatable, Sendable {
    public var text: String
    public var why: String
    /// The detail's kind, in a details drill.
    public var detail: DetailKind?

    public init(text: String, why: String, detail: DetailKind? = nil) {
        self.text = text
        self.why = why
        self.detail = detail
    }
}

/// A drill: its words in order, what it works on, and why.
public struct DrillPlan: Sendable {
    public var kind: DrillKind
    public var focus: DrillFocus?
    public var targetWPM: Double
    /// A first drill for someone with no history: words that bring in every letter, to measure them.
    public var isPlacement: Bool
    /// Whether capitals, punctuation and digits are in (the letters are at target).
    public var lettersLearned: Bool
    public var words: [DrillWord]

    /// The text to type: the words joined by single spaces.
    public var text: String { words.map(\.text).joined(separator: " ") }

    /// The screen's title (the screen names the mode, drill, beside it): "focus b 0.82", "placement", "details".
    public func title(model: ConfidenceModel) -> String {
        if isPlacement { return "placement" }
        if kind == .details { return "details" }
        guard let focus else { return kind.rawValue }
        return "focus " + focus.parts.map { part in
            let figure = part.count == 1 ? model.key(part) : model.bigram(part)
            return part + (figure?.confidence.map { " " + formatDecimal($0, places: 2) } ?? "")
        }.joined(separator: ", ")
    }
}

/// Builds drills: chooses the focus and draws each next word as the best of a handful of seeded random candidates
/// by weakness (monkeytype's weak-spot approach), from the passages' own words.
public enum DrillBuilder {
    /// Candidates drawn for each word.
    public static let candidates = 5
    /// No drill is longer than this many words, whatever length is asked.
    public static let maximumWords = 5_000

    /// The focus typebar picks: while some letter is below target, the weakest letter; once every letter is at
    /// target, the weakest key of all (capitals, digits, punctuation), or, when every key is at target, the weakest
    /// pair if it is weak, else the slowest key still. Nil when no key is known (a new user).
    public static func automaticFocus(_ model: ConfidenceModel) -> DrillFocus? {
        let learned = model.lettersLearned
        let keys = model.ranked(lettersOnly: !learned)
        guard let weakestKey = keys.first else { return nil }
        if !learned || weakestKey.isWeak { return .keys([weakestKey.key]) }
        if let pair = model.rankedBigrams(lettersOnly: false).first, pair.isWeak { return .bigram(pair.key) }
        return .keys([weakestKey.key])
    }

    public static func plan(_ request: DrillRequest, model: ConfidenceModel, pool: WordPool) -> DrillPlan {
        var random = SplitMix64(seed: request.seed)
        let learned = model.lettersLearned
        var plan = DrillPlan(kind: request.kind, focus: nil, targetWPM: model.targetWPM, isPlacement: false, lettersLearned: learned, words: [])
        if request.kind == .details {
            var words: [DrillWord] = []
            var round = 0
            while !isLongEnough(words, request.length) {
                let batch = Details.generate(count: DetailKind.allCases.count, seed: request.seed &+ UInt64(round))
                for (kind, text) in batch where !isLongEnough(words, request.length) {
                    words.append(DrillWord(text: text, why: "\(kind.rawValue), like \(kind.examples[0])", detail: kind))
                }
                round += 1
            }
            plan.words = words
            return plan
        }
        let focus = request.focus ?? automaticFocus(model)
        plan.focus = focus
        guard let focus else {
            plan.isPlacement = true
            plan.words = placement(pool: pool, length: request.length, random: &random)
            return plan
        }
        // Plain lowercase words while the letters are being learned and the focus is letters; words as written after.
        let source = request.kind == .letters && !learned && focus.isLetters ? pool.letters : pool.written
        var candidates = source
        var note: String?
        if request.kind == .letters {
            candidates = source.filter(focus.isHeld)
            if candidates.isEmpty {
                candidates = source
                note = "no word in the passages holds \(focus); chosen by weakness"
            }
        }
        guard !candidates.isEmpty else { return plan }
        var words: [DrillWord] = []
        while !isLongEnough(words, request.length) {
            var best: (word: String, score: Double)?
            for _ in 0..<DrillBuilder.candidates {
                let word = candidates[random.below(candidates.count)]
                // The word just drilled is passed over, so no word comes twice in a row (unless it is the only one).
                if word == words.last?.text && candidates.count > 1 { continue }
                let score = weakness(of: word, model: model)
                if best == nil || score > best!.score { best = (word, score) }
            }
            let word = best?.word ?? candidates[random.below(candidates.count)]
            words.append(DrillWord(text: word, why: note ?? reason(word, focus: focus, model: model)))
        }
        plan.words = words
        return plan
    }

    /// A word's weakness: the mean, over its characters, of each key's `1 − C` (0 at target) plus each adjacent
    /// pair's. The candidate with the highest weakness is drilled.
    public static func weakness(of word: String, model: ConfidenceModel) -> Double {
        let characters = Array(word)
        guard !characters.isEmpty else { return 0 }
        var total = 0.0
        for (index, character) in characters.enumerated() {
            total += model.weakness(of: String(character))
            if index > 0 { total += model.pairWeakness(of: String(characters[index - 1]) + String(character)) }
        }
        return total / Double(characters.count)
    }

    /// Why a word was chosen: the focus it holds and its weakest keys and pairs.
    static func reason(_ word: String, focus: DrillFocus, model: ConfidenceModel) -> String {
        let characters = Array(word)
        var parts: [(String, Double)] = []
        var seen = Set<String>()
        for (index, character) in characters.enumerated() {
            let key = String(character)
            if seen.insert(key).inserted, let figure = model.key(key), figure.isWeak, let c = figure.confidence { parts.append((key, c)) }
            if index > 0 {
                let pair = String(characters[index - 1]) + key
                if seen.insert(pair).inserted, let figure = model.bigram(pair), figure.isWeak, let c = figure.confidence { parts.append((pair, c)) }
            }
        }
        parts.sort { ($0.1, $0.0) < ($1.1, $1.0) }
        var why = focus.isHeld(by: word) ? "holds the focus \(focus)" : "best of \(candidates) by weakness"
        if !parts.isEmpty {
            why += "; weak: " + parts.prefix(3).map { "\($0.0) \(formatDecimal($0.1, places: 2))" }.joined(separator: ", ")
        }
        why += "; weakness \(formatDecimal(weakness(of: word, model: model), places: 2))"
        return why
    }

    /// A placement drill for someone with no history: each next word the candidate bringing in the most letters
    /// not yet in the drill, until every letter the passages hold is in; then plain words to the length asked.
    static func placement(pool: WordPool, length: DrillLength, random: inout SplitMix64) -> [DrillWord] {
        let source = pool.letters
        guard !source.isEmpty else { return [] }
        var missing = Set(ConfidenceModel.letters.map { Character($0) }).intersection(Set(source.joined()))
        var words: [DrillWord] = []
        // More candidates than a normal drill: the rare letters (q, x, z) are in few words.
        let draws = DrillBuilder.candidates * 4
        while !isLongEnough(words, length) {
            var best: (word: String, new: Set<Character>)?
            for _ in 0..<draws {
                let word = source[random.below(source.count)]
                if word == words.last?.text && source.count > 1 { continue }
                let new = missing.intersection(word)
                if best == nil || new.count > best!.new.count { best = (word, new) }
                if missing.isEmpty { break }
            }
            guard let chosen = best else { continue }
            missing.subtract(chosen.new)
            let why = chosen.new.isEmpty
                ? "placement: measures every letter"
                : "placement: brings in " + chosen.new.map(String.init).sorted().joined(separator: ", ")
            words.append(DrillWord(text: chosen.word, why: why))
        }
        return words
    }

    static func isLongEnough(_ words: [DrillWord], _ length: DrillLength) -> Bool {
        if words.count >= maximumWords { return true }
        switch length {
        case .words(let count): return words.count >= count
        case .characters(let count):
            let characters = words.reduce(0) { $0 + $1.text.count } + max(0, words.count - 1)
            return characters >= count
        }
    }
}
