/// The words a drill is drawn from: every word of the passages, so a drill is real support language, never
/// letters strung together at random.
public struct WordPool: Sendable, Equatable {
    /// Words as written, capitals, punctuation and digits kept ("#48213-B.", "Thanks,"), distinct, sorted.
    public let written: [String]
    /// Whole words of letters alone, lowercased, with the punctuation around them dropped ("Thanks," gives "thanks"),
    /// distinct, sorted. Left out: words with anything but letters inside their punctuation ("e-mail", "2FA",
    /// "15th", "ZA3-118"), whose letters alone would be a fragment, and names (below), which lowercased would be
    /// misspelt.
    public let letters: [String]

    /// The words of `texts` (passage bodies), split at ASCII whitespace; words shorter than two characters are
    /// left out. Bytes rather than characters: a library holds tens of thousands of words.
    ///
    /// A name is a word the texts only ever capitalise, capitalised at least once where a sentence does not start
    /// ("Hi Sofia," and "at Brindlewave"): it stays in `written`, as written, and never joins `letters`. A word
    /// capitalised only where sentences start ("Thanks") is an ordinary word.
    public init(texts: [String]) {
        var written = Set<String>()
        var plain = Set<String>()
        var lowercase = Set<String>()
        var capitalisedInside = Set<String>()
        // A line starts a sentence (a greeting's "Hi Sofia," ends one without a full stop).
        for line in texts.lazy.flatMap({ $0.utf8.split(separator: 0x0A) }) {
            var sentenceStarts = true
            for token in line.split(whereSeparator: { $0 == 0x20 || (0x09...0x0D).contains($0) }) {
                let word = String(decoding: token, as: UTF8.self)
                if word.count >= 2 { written.insert(word) }
                if let letters = WordPool.plainLetters(word), letters.utf8.count >= 2 {
                    plain.insert(letters)
                    let first = token.first { (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) } ?? 0
                    if (0x61...0x7A).contains(first) {
                        lowercase.insert(letters)
                    } else if !sentenceStarts {
                        capitalisedInside.insert(letters)
                    }
                }
                // A sentence starts after a full stop, a question or exclamation mark or a colon, with any quotes
                // and brackets after them.
                let end = token.last { !WordPool.closing.contains($0) }
                sentenceStarts = end.map(WordPool.sentenceEnds.contains) ?? sentenceStarts
            }
        }
        self.written = written.sorted()
        letters = plain.filter { lowercase.contains($0) || !capitalisedInside.contains($0) }.sorted()
    }

    private static let sentenceEnds: Set<UInt8> = [UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: ":")]
    private static let closing: Set<UInt8> = [UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: ")"), UInt8(ascii: "]")]

    /// `word` without the punctuation around it, lowercased, when what is left is ASCII letters only; nil when
    /// letters sit beside digits or inner punctuation, so no part of a word ("th" of "15th") stands as a word.
    public static func plainLetters(_ word: String) -> String? {
        let scalars = word.unicodeScalars
        func isPunctuation(_ scalar: Unicode.Scalar) -> Bool { !scalar.properties.isAlphabetic && scalar.properties.numericType == nil }
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, isPunctuation(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isPunctuation(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        guard start < end else { return nil }
        var bytes: [UInt8] = []
        for scalar in scalars[start..<end] {
            switch scalar.value {
            case 0x61...0x7A: bytes.append(UInt8(scalar.value))
            case 0x41...0x5A: bytes.append(UInt8(scalar.value) + 0x20)
            default: return nil
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether a drill word comes from these passages: a word as written, or a plain-letter word.
    public func holds(_ word: String) -> Bool {
        binarySearch(written, word) || binarySearch(letters, word)
    }

    private func binarySearch(_ sorted: [String], _ word: String) -> Bool {
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < word { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && sorted[low] == word
    }
}

extension SplitMix64 {
    /// A whole number in `0..<bound` (bound > 0), without the bias of a plain remainder.
    mutating func below(_ bound: Int) -> Int {
        Int(next(upperBound: UInt64(bound)))
    }
}
