/// What a good reply to one turn holds, for free-written replies (docs/chat.md, "Free mode: the writing rubric").
/// A scenario declares it per turn; what it leaves out comes from the canned reply the turn expects.
public struct ReplyRubric: Equatable, Sendable {
    /// The elements a good reply has, each a phrase class of the lexicon.
    public enum Element: String, CaseIterable, Equatable, Sendable {
        /// A greeting with the customer's name.
        case greeting
        /// Acknowledgement or empathy: "sorry", "I understand", "apologise"…
        case empathy
        /// What happens next and when: "I have sent…", "within 2 working days".
        case nextStep = "next_step"
        /// A closing or an offer of more help: "anything else", "have a lovely day".
        case closing
    }

    /// Blank names whose values must appear exactly (order number, amount, e-mail, date).
    public var must: [String]
    /// The answer to the question: each entry is a set of alternatives ("refund|refunded"), and the reply holds at
    /// least one alternative of every entry. Empty: the answer is not checked.
    public var answer: [String]
    public var should: [Element]
    /// The scenario's internal jargon a customer should never read ("SLA", "T2 queue").
    public var jargon: [String]
    /// Fewer words than this is too short to be clear.
    public var minimumWords: Int

    public init(must: [String] = [], answer: [String] = [], should: [Element] = [], jargon: [String] = [], minimumWords: Int = 4) {
        self.must = must
        self.answer = answer
        self.should = should
        self.jargon = jargon
        self.minimumWords = minimumWords
    }

    /// The rubric a turn has when the scenario declares none: the best reply's details (but the name, which the
    /// greeting asks for), the canned reply's answer terms, and the elements the best reply itself shows, so the
    /// canned text filled in correctly scores 10.
    public static func derived(from reply: ReplyTemplate, details: [String: String], answer: [String], jargon: [String] = []) -> ReplyRubric {
        let filled = TargetText.normaliseWhitespace(reply.filled(with: details))
        let name = details["name"]
        let shown = Element.allCases.filter { WritingLexicon.shows($0, in: filled, name: name) }
        return ReplyRubric(must: reply.blanks.filter { $0 != "name" }, answer: answer, should: shown, jargon: jargon)
    }
}

/// Checks words against a dictionary. The chat shift is handed one (Hunspell's, through TypeBarSpelling) and
/// never reads a file itself; a test may give a word list.
public protocol SpellChecker: Sendable {
    /// Whether `word` (letters, apostrophes and hyphens) is spelt right.
    func isCorrect(_ word: String) -> Bool
}

/// One thing a free-written reply lost points for, and how many.
public struct RubricDeduction: Equatable, Sendable {
    public enum Kind: String, Equatable, Sendable {
        case missingDetail = "missing_detail"
        case noAnswer = "no_answer"
        case missing = "missing_element"
        case blame
        case dismissive
        case shouting
        case jargon
        case misspelling
        case capitalisation
        case doubledWord = "doubled_word"
        case tooShort = "too_short"
        case longSentence = "long_sentence"
    }

    public var kind: Kind
    public var points: Int
    /// "no next step", "'recieve' misspelt", "'calm down' is dismissive".
    public var text: String
    /// The words of the reply it is about, when it is about some ("recieve").
    public var words: [String] = []
}

/// A free-written reply scored on its turn's rubric: 0-10 with every point explained.
public struct RubricScore: Equatable, Sendable {
    public var points: Int
    public var deductions: [RubricDeduction]
    /// Words the spell checker did not know (and the scenario's names, products and details did not account for).
    public var misspelt: [String]
    /// Whether the reply answered the question (every answer entry matched); a reply that did not gets the
    /// customer's follow-up.
    public var answered: Bool
    /// The must details missing or wrong.
    public var missingDetails: [String]

    /// "−2: no next step; −1: 'recieve' misspelt".
    public var explanation: String {
        deductions.map { "−\($0.points): \($0.text)" }.joined(separator: "; ")
    }

    /// The points each deduction costs (docs/chat.md lists them).
    public static let costs: [RubricDeduction.Kind: Int] = [
        .missingDetail: 3, .noAnswer: 3, .blame: 2, .dismissive: 2, .shouting: 2, .jargon: 1, .misspelling: 1,
        .capitalisation: 1, .doubledWord: 1, .tooShort: 1, .longSentence: 1,
    ]
    /// A missing element costs by element: no next step 2, the rest 1.
    public static func cost(of element: ReplyRubric.Element) -> Int { element == .nextStep ? 2 : 1 }
    /// The most misspellings count against a reply; the rest are still listed.
    public static let maximumMisspellings = 3
    /// A sentence longer than this is hard to read in a chat window.
    public static let longSentenceWords = 40

    /// Scores `reply` on `rubric`. `details` are the customer's (their values count as spelt right, as do `known`
    /// words: the scenario's names and products); `speller` nil skips the spelling check.
    public static func score(
        _ reply: String, rubric: ReplyRubric, details: [String: String], known: Set<String> = [], speller: (any SpellChecker)?
    ) -> RubricScore {
        let text = TargetText.normaliseWhitespace(reply)
        let lower = text.lowercased()
        var deductions: [RubricDeduction] = []
        func deduct(_ kind: RubricDeduction.Kind, _ text: String, points: Int? = nil, words: [String] = []) {
            deductions.append(RubricDeduction(kind: kind, points: points ?? costs[kind] ?? 1, text: text, words: words))
        }
        let missing = rubric.must.filter { name in !ChatShift.contains(text, detail: details[name] ?? "[\(name)]") }
        for name in missing {
            deduct(.missingDetail, "the \(ChatShift.detailLabel(name)) \(details[name] ?? "") is missing or wrong")
        }
        let answered = rubric.answer.allSatisfy { entry in
            entry.split(separator: "|").contains { WritingLexicon.holds(lower, phrase: $0.trimmingSpaces.lowercased()) }
        }
        if !answered { deduct(.noAnswer, "does not answer the question") }
        for element in rubric.should where !WritingLexicon.shows(element, in: text, name: details["name"]) {
            deduct(.missing, "no " + WritingLexicon.name(of: element), points: cost(of: element))
        }
        for phrase in WritingLexicon.blame where WritingLexicon.holds(lower, phrase: phrase) {
            deduct(.blame, "'\(phrase)' blames the customer")
        }
        for phrase in WritingLexicon.dismissive where WritingLexicon.holds(lower, phrase: phrase) {
            deduct(.dismissive, "'\(phrase)' is dismissive")
        }
        let detailWords = Set(details.values.flatMap { WritingLexicon.words(in: $0) })
        if let shout = WritingLexicon.shouting(text, allowed: detailWords) { deduct(.shouting, shout) }
        for term in rubric.jargon where WritingLexicon.holds(lower, phrase: term.lowercased()) {
            deduct(.jargon, "'\(term)' is internal jargon")
        }
        var misspelt: [String] = []
        if let speller {
            let accepted = Set((known.flatMap { WritingLexicon.words(in: $0) } + detailWords).map { $0.lowercased() })
            // A British spelling is as right as an American one, whichever the dictionary holds.
            for word in WritingLexicon.words(in: text) where word.contains(where: \.isLetter) && !accepted.contains(word.lowercased())
                && !speller.isCorrect(word) && !WritingLexicon.americanSpellings(of: word).contains(where: speller.isCorrect)
                // An abbreviation in lower case ("ok" for OK) is a matter of style, not spelling.
                && !speller.isCorrect(word.uppercased()) && !misspelt.contains(word) {
                misspelt.append(word)
            }
        }
        for word in misspelt.prefix(maximumMisspellings) { deduct(.misspelling, "'\(word)' misspelt", words: [word]) }
        let sentences = WritingLexicon.sentences(text)
        if let lowerStart = sentences.first(where: { $0.first.map { $0.isLetter && $0.isLowercase } ?? false }) {
            deduct(.capitalisation, "a sentence starts without a capital: '\(opening(of: lowerStart))'")
        }
        if let doubled = WritingLexicon.doubledWord(text) { deduct(.doubledWord, "'\(doubled) \(doubled)' doubled", words: [doubled]) }
        let wordCount = WritingLexicon.words(in: text).count
        if wordCount < rubric.minimumWords { deduct(.tooShort, "too short to be clear: \(wordCount) word\(wordCount == 1 ? "" : "s")") }
        if let long = sentences.first(where: { WritingLexicon.words(in: $0).count > longSentenceWords }) {
            deduct(.longSentence, "a sentence of \(WritingLexicon.words(in: long).count) words: split it")
        }
        let total = deductions.reduce(0) { $0 + $1.points }
        return RubricScore(
            points: max(0, 10 - total), deductions: deductions, misspelt: misspelt, answered: answered, missingDetails: missing)
    }
}

extension RubricScore {
    /// The first words of `sentence`, up to 20 characters, with "…" when cut: "no, nothing at all…".
    static func opening(of sentence: String) -> String {
        var text = ""
        for word in sentence.split(separator: " ") {
            if !text.isEmpty, text.count + 1 + word.count > 20 { return text + "…" }
            text += (text.isEmpty ? "" : " ") + word
        }
        return text
    }
}

extension Substring {
    var trimmingSpaces: String { String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()) }
}
