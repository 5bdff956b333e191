/// The words a drill is drawn from: every word of the passages, so a drill is real support language, never
/// letters strung together at random.
public struct WordPool: Sendable, Equatable {
    /// Words as written, capitals, punctuation and digits kept ("#48213-B.", "Thanks,"), distinct, sorted.
    public let written: [String]
    /// Words of letters alone, lowercased, with the punctuation around them dropped ("Thanks," gives "thanks"),
    /// distinct, sorted. Words with letters inside punctuation or digits ("e-mail", "2FA") are left out.
    public let letters: [String]

    /// The words of `texts` (passage bodies), split at ASCII whitespace; words shorter than two characters are
    /// left out. Bytes rather than characters: a library holds tens of thousands of words.
    public init(texts: [String]) {
        var written = Set<String>()
        var letters = Set<String>()
        for text in texts {
            for token in text.utf8.split(whereSeparator: { $0 == 0x20 || (0x09...0x0D).contains($0) }) {
                let word = String(decoding: token, as: UTF8.self)
                if word.count >= 2 { written.insert(word) }
                if let plain = WordPool.plainLetters(word), plain.utf8.count >= 2 { letters.insert(plain) }
            }
        }
        self.written = written.sorted()
        self.letters = letters.sorted()
    }

    /// `word` without the punctuation around it, lowercased, when what is left is ASCII letters only.
    public static func plainLetters(_ word: String) -> String? {
        let scalars = word.unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, !scalars[start].properties.isAlphabetic { start = scalars.index(after: start) }
        while end > start, !scalars[scalars.index(before: end)].properties.isAlphabetic { end = scalars.index(before: end) }
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
