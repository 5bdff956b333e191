/// A proofreading drill's draft: an agent's reply to a customer's message with errors planted in it, and the
/// reply as it should read (the answer). The candidate edits the draft in place until it reads as the answer.
///
/// Positions count characters (grapheme clusters) from the start of the text. The draft and the answer are the
/// same text outside the planted errors' spans: `draft = s0 + d1 + s1 + d2 + …` and `answer = s0 + a1 + s1 + a2 + …`,
/// where each error replaces its answer text `a` by its draft text `d`.
public struct ProofreadDraft: Equatable, Sendable {
    /// Where the reply comes from: the scenario, the customer and the turn ("refund-requests, customer 2, turn 1").
    public var source: String
    /// The customer's first name, as the message's heading shows it.
    public var customer: String
    /// The customer's message the reply answers, with its details (order numbers, amounts…) filled in.
    public var message: String
    /// The reply with the errors in it, as the candidate first sees it.
    public var draft: String
    /// The reply as it should read.
    public var answer: String
    /// The planted errors, in the order they appear.
    public var errors: [ProofreadError]

    public init(source: String, customer: String, message: String, draft: String, answer: String, errors: [ProofreadError]) {
        self.source = source
        self.customer = customer
        self.message = message
        self.draft = draft
        self.answer = answer
        self.errors = errors
    }

    /// Most characters a message, draft or answer may hold (a log's header is checked against it).
    public static let maximumCharacters = 2000
    /// Most errors a draft may carry (the drill plants 1 to 4; a log written by hand may hold a few more).
    public static let maximumErrors = 8

    /// What is wrong with the draft as a value, or nil: each error's texts must lie at its positions, the spans
    /// must come in order without overlapping, and outside them the draft and the answer must be the same text.
    public var problem: String? {
        let draft = Array(self.draft)
        let answer = Array(self.answer)
        guard !answer.isEmpty else { return "the answer is empty" }
        guard draft.count <= Self.maximumCharacters, answer.count <= Self.maximumCharacters, message.count <= Self.maximumCharacters else {
            return "a message, draft or answer holds at most \(Self.maximumCharacters) characters"
        }
        guard errors.count <= Self.maximumErrors else { return "a draft holds at most \(Self.maximumErrors) errors, not \(errors.count)" }
        var draftAt = 0
        var answerAt = 0
        for (number, error) in errors.enumerated() {
            let name = "error \(number + 1)"
            let d = Array(error.draftText)
            let a = Array(error.answerText)
            guard d != a else { return "\(name): its draft text and its answer text are the same" }
            guard error.draftStart >= draftAt, error.answerStart >= answerAt else {
                return "\(name) starts before the end of the error before it: errors come in order and do not overlap"
            }
            guard error.draftStart + d.count <= draft.count, error.answerStart + a.count <= answer.count else {
                return "\(name) runs past the end of the \(error.draftStart + d.count > draft.count ? "draft" : "answer")"
            }
            guard draft[error.draftStart..<error.draftStart + d.count].elementsEqual(d) else {
                return "\(name): the draft does not read \(quoted(error.draftText)) at \(error.draftStart)"
            }
            guard answer[error.answerStart..<error.answerStart + a.count].elementsEqual(a) else {
                return "\(name): the answer does not read \(quoted(error.answerText)) at \(error.answerStart)"
            }
            // The shared text before this error must be the same length and the same characters in both.
            guard error.draftStart - draftAt == error.answerStart - answerAt,
                  draft[draftAt..<error.draftStart].elementsEqual(answer[answerAt..<error.answerStart]) else {
                return "the draft and the answer differ before \(name), outside any error"
            }
            draftAt = error.draftStart + d.count
            answerAt = error.answerStart + a.count
        }
        guard draft[draftAt...].elementsEqual(answer[answerAt...]) else {
            return errors.isEmpty ? "the draft and the answer differ, and no error says where" : "the draft and the answer differ after the last error, outside any error"
        }
        return nil
    }
}

/// One planted error: what the draft reads at its span, and what the answer reads there instead.
public struct ProofreadError: Equatable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        /// A word with two letters swapped, a letter doubled or dropped, or a common misspelling.
        case misspelling
        /// An order number, amount, e-mail address or date that differs by a digit from the customer's message.
        case wrongDetail = "wrong-detail"
        /// A phrase a customer would take badly ("calm down", "as I already said", "you should have"), or a
        /// shouted word.
        case toneSlip = "tone-slip"
        /// A small word left out.
        case missingWord = "missing-word"

        /// As the results and `--print` name it.
        public var name: String {
            switch self {
            case .misspelling: "misspelling"
            case .wrongDetail: "wrong detail"
            case .toneSlip: "tone slip"
            case .missingWord: "missing word"
            }
        }
    }

    public var kind: Kind
    /// The span in the draft: where it starts (characters) and what it reads; empty for a missing word.
    public var draftStart: Int
    public var draftText: String
    /// The same place in the answer: where it starts and what it reads; empty for a phrase the answer leaves out.
    public var answerStart: Int
    public var answerText: String
    /// A wrong detail's name as the scenario calls it (`order`, `amount`, `email`, `date`…); nil otherwise.
    public var detail: String?

    public init(kind: Kind, draftStart: Int, draftText: String, answerStart: Int, answerText: String, detail: String? = nil) {
        self.kind = kind
        self.draftStart = draftStart
        self.draftText = draftText
        self.answerStart = answerStart
        self.answerText = answerText
        self.detail = detail
    }

    /// Where the span ends in the draft and in the answer.
    public var draftEnd: Int { draftStart + draftText.count }
    public var answerEnd: Int { answerStart + answerText.count }

    /// The error as the results list it: `"recieve" → "receive"`, `"Calm down, please." → (left out)`.
    public var change: String {
        let from = draftText.trimmingSpaces
        let to = answerText.trimmingSpaces
        return (from.isEmpty ? "(nothing)" : "\"\(from)\"") + " → " + (to.isEmpty ? "(left out)" : "\"\(to)\"")
    }
}

extension String {
    /// The text without the spaces at either end.
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
