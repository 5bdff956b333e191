/// How a submitted draft is marked against its answer (docs/drills.md, "Proofreading"): which planted errors were
/// found and fixed, and what the candidate changed that was right before.
///
/// The final text and the answer are compared word by word (words are what lies between spaces, punctuation
/// included, so runs of spaces and spaces at either end do not count). The fewest-changes alignment (the longest
/// common run of words, ties broken the same way every time) leaves runs of changed words, each a *change*: the
/// answer's words there and the final text's words in their place.
///
/// - A planted error is **fixed** when no change touches its words: for an error with words in the answer (a
///   misspelling, a wrong detail, a shouted word, a missing word), no change includes any of them; for a phrase
///   the answer leaves out (a tone slip added to the draft), no change at that point adds words.
/// - Every other change is **introduced**: it counts the words it makes wrong, the larger of the answer's words it
///   replaces or removes and the words it puts in their place.
///
/// A change that touches a planted error counts against that error only, not also as introduced.
public struct ProofreadMarking: Equatable, Sendable {
    /// Per planted error, in order: whether it was found and fixed.
    public var fixed: [Bool]
    /// The changes outside the planted errors.
    public var introduced: [Change]

    /// A run of changed words: what the answer reads there, what the final text reads instead, and how many words
    /// it makes wrong.
    public struct Change: Equatable, Sendable {
        public var answer: String
        public var final: String
        public var words: Int

        public init(answer: String, final: String, words: Int) {
            self.answer = answer
            self.final = final
            self.words = words
        }

        /// As the results list it: `"card" → "crad"`.
        public var description: String {
            (answer.isEmpty ? "(nothing)" : "\"\(answer)\"") + " → " + (final.isEmpty ? "(removed)" : "\"\(final)\"")
        }
    }

    public var fixedCount: Int { fixed.count { $0 } }
    public var introducedCount: Int { introduced.reduce(0) { $0 + $1.words } }

    /// Marks `final`, the text the candidate submitted, against `draft`'s answer and planted errors.
    public init(draft: ProofreadDraft, final: String) {
        let answerWords = ProofreadMarking.words(draft.answer)
        let finalWords = ProofreadMarking.words(final)
        // Each error's words in the answer: the words its answer span covers, or, when it covers none (a phrase the
        // answer leaves out), the point between two words where it was added, as an empty range.
        let spans = draft.errors.map { ProofreadMarking.wordRange(of: $0.answerStart..<$0.answerEnd, in: answerWords) }
        var fixed = Array(repeating: true, count: spans.count)
        var introduced: [Change] = []
        for hunk in ProofreadMarking.changes(answerWords.map(\.text), finalWords.map(\.text)) {
            var touched = false
            for (index, span) in spans.enumerated() {
                let hits: Bool
                if span.isEmpty {
                    // A phrase to leave out: still there when words were added at its point.
                    hits = hunk.final.count > hunk.answer.count && hunk.answer.lowerBound <= span.lowerBound && span.lowerBound <= hunk.answer.upperBound
                } else if hunk.answer.isEmpty {
                    // Words added between two answer words: against an error whose words they touch.
                    hits = span.lowerBound <= hunk.answer.lowerBound && hunk.answer.lowerBound <= span.upperBound
                } else {
                    hits = hunk.answer.overlaps(span)
                }
                if hits {
                    fixed[index] = false
                    touched = true
                }
            }
            if !touched {
                introduced.append(Change(
                    answer: answerWords[hunk.answer].map(\.text).joined(separator: " "),
                    final: finalWords[hunk.final].map(\.text).joined(separator: " "),
                    words: max(hunk.answer.count, hunk.final.count)))
            }
        }
        self.fixed = fixed
        self.introduced = introduced
    }

    /// A word of a text and where it lies (characters).
    struct Word {
        var text: String
        var range: Range<Int>
    }

    /// The words of `text`: the runs of characters between whitespace.
    static func words(_ text: String) -> [Word] {
        var words: [Word] = []
        var current = ""
        var start = 0
        var index = 0
        for character in text {
            if character.isWhitespace {
                if !current.isEmpty { words.append(Word(text: current, range: start..<index)) }
                current = ""
            } else {
                if current.isEmpty { start = index }
                current.append(character)
            }
            index += 1
        }
        if !current.isEmpty { words.append(Word(text: current, range: start..<index)) }
        return words
    }

    /// The words a span of characters covers; for a span that covers none, the empty range at the point between
    /// the words before it and those after.
    static func wordRange(of span: Range<Int>, in words: [Word]) -> Range<Int> {
        let covered = words.indices.filter { words[$0].range.overlaps(span) }
        if let first = covered.first, let last = covered.last { return first..<(last + 1) }
        let point = words.count { $0.range.upperBound <= span.lowerBound }
        return point..<point
    }

    /// The runs of changed words between `answer` and `final` along their longest common run of words: each the
    /// answer's words there and the final text's words in their place, never both empty.
    static func changes(_ answer: [String], _ final: [String]) -> [(answer: Range<Int>, final: Range<Int>)] {
        let n = answer.count
        let m = final.count
        // common[i][j]: the longest common run of answer[i...] and final[j...].
        var common = Array(repeating: Array(repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                common[i][j] = answer[i] == final[j] ? common[i + 1][j + 1] + 1 : max(common[i + 1][j], common[i][j + 1])
            }
        }
        var hunks: [(answer: Range<Int>, final: Range<Int>)] = []
        var i = 0
        var j = 0
        var start = (0, 0)
        func close() {
            if start.0 < i || start.1 < j { hunks.append((start.0..<i, start.1..<j)) }
        }
        while i < n || j < m {
            if i < n, j < m, answer[i] == final[j], common[i][j] == common[i + 1][j + 1] + 1 {
                close()
                i += 1
                j += 1
                start = (i, j)
            } else if i < n, j == m || common[i + 1][j] >= common[i][j + 1] {
                i += 1
            } else {
                j += 1
            }
        }
        close()
        return hunks
    }
}
