import TypeBarCore
import TypeBarKit

/// One chat attempt's conversations as a hiring manager reads them: each customer's messages and the candidate's
/// replies in order, every reply with its wrong details marked beside the value expected (in free mode its rubric
/// points, deductions and misspelt words), the notes and actions with how they were judged, and the customer's
/// rating and its reasons. Replayed from the attempt's saved keystroke log (`replayed`), so it is exactly the shift
/// the record's figures come from; when the log cannot give that, the transcript says why instead.
public struct ChatTranscript: Sendable {
    /// The conversations, one per customer in the scenario's order; empty when unavailable.
    public var conversations: [Conversation]
    /// Why there are no conversations ("keystroke log missing: no file at …"); nil when there are.
    public var unavailable: String?

    public struct Conversation: Sendable {
        public var customer: String
        public var outcome: CustomerFigures.Outcome
        /// 1-5; nil for a customer who never arrived.
        public var rating: Int?
        public var reasons: [String]
        public var lines: [Line]
    }

    /// A line of a conversation: a message either way, a note, or an action.
    public struct Line: Sendable {
        public enum Kind: String, Sendable {
            case message, nudge, reaction, answer, reply, note
            /// A chat closed with a wrap-up tag, or an action expected and never taken.
            case action
        }

        public var kind: Kind
        /// Seconds from the start of the shift; nil for an action never taken.
        public var seconds: Double?
        public var text: String
        /// A reply's text in pieces: as typed, a wrong detail (with the value expected), a misspelt word.
        public var pieces: [Piece] = []
        /// A reply's wrong details, each with the value expected and what stood in its place ("" when nothing did).
        public var mismatches: [DetailMismatch] = []
        /// Desk mode: what the reply was taken for (`best`, `acceptable`, `clarify`, `wrong`).
        public var choice: String?
        /// Desk mode: the reply's points (nil for a second try); free mode: its rubric points, 0-10.
        public var points: Int?
        /// Free mode: the reply was written in the candidate's own words and scored on the turn's rubric, 0-10
        /// (`points` is what counted, less after a guess where a question was due).
        public var written = false
        public var rubricPoints: Int?
        /// Free mode: what the reply lost points for, and its misspelt words.
        public var deductions: [RubricDeduction] = []
        public var misspelt: [String] = []
        /// A note or an action: whether it was right, what was expected, and what was wrong with it.
        public var right: Bool?
        public var expected: String?
        public var problems: [String] = []

        public var fromCustomer: Bool { kind != .reply && kind != .note && kind != .action }
    }

    /// A stretch of a reply's text, and how it is marked.
    public struct Piece: Equatable, Sendable {
        public enum Mark: Equatable, Sendable {
            case none
            /// A detail the customer's was not: `expected` is the value that should stand here.
            case wrong(expected: String)
            case misspelt
        }

        public var text: String
        public var mark: Mark
    }

    /// The transcript of the attempt `record`, from its log `log`; a free-mode shift is replayed with the checker
    /// `spellers` gives. A log that is missing, changed, unreadable or no longer replays to the record's figures
    /// gives an unavailable transcript saying so.
    public static func replayed(_ record: HistoryRecord, log: StoredLog, spellers: SpellerSource) -> ChatTranscript {
        let (result, problems) = HistoryAudit.replayedChat(record, log: log, spellers: spellers)
        guard let result else {
            return ChatTranscript(conversations: [], unavailable: problems.map(\.description).joined(separator: "; "))
        }
        return ChatTranscript(result)
    }

    /// The conversations of a shift's figures.
    public init(_ result: ChatResult) {
        conversations = result.customers.indices.map { ChatTranscript.conversation(result, customer: $0) }
        unavailable = nil
    }

    private init(conversations: [Conversation], unavailable: String?) {
        self.conversations = conversations
        self.unavailable = unavailable
    }

    /// One customer's messages, each reply with its figures (the customer's replies in order are their reply
    /// messages in order), each escalation's note with its judgement, and the closes and missed actions at the end.
    private static func conversation(_ result: ChatResult, customer index: Int) -> Conversation {
        let figures = result.customers[index]
        var replies = result.replies.filter { $0.customer == index }[...]
        let actions = result.actions.filter { $0.customer == index }
        var escalations = actions.filter { $0.done?.hasPrefix("escalated") == true }[...]
        var lines: [Line] = []
        let messages = index < result.transcripts.count ? result.transcripts[index] : []
        for message in messages {
            var line = Line(kind: Line.Kind(rawValue: message.kind.rawValue) ?? .message, seconds: message.time / 1000, text: message.text)
            if message.kind == .reply, let reply = replies.popFirst() {
                line.mismatches = reply.mismatches
                line.choice = reply.rubric == nil ? reply.choice?.name : nil
                line.points = reply.points
                line.written = reply.rubric != nil
                line.rubricPoints = reply.rubric?.points
                line.deductions = reply.rubric?.deductions ?? []
                line.misspelt = reply.rubric?.misspelt ?? []
                line.pieces = pieces(of: message.text, mismatches: reply.mismatches, misspelt: line.misspelt)
            } else if message.kind == .note, let action = escalations.popFirst() {
                line.right = action.right
                line.expected = action.expected
                line.problems = action.problems
            }
            lines.append(line)
        }
        // Closes where they happened; an action expected and never taken after everything else.
        for action in actions where action.done?.hasPrefix("escalated") != true {
            let line = Line(
                kind: .action, seconds: action.time.map { $0 / 1000 }, text: action.done ?? action.expected ?? "not done",
                right: action.right, expected: action.expected, problems: action.problems)
            let place = action.time.map { time in lines.firstIndex { ($0.seconds ?? .infinity) * 1000 > time } ?? lines.count } ?? lines.count
            lines.insert(line, at: place)
        }
        return Conversation(customer: figures.name, outcome: figures.outcome, rating: figures.rating, reasons: figures.reasons, lines: lines)
    }

    /// `text` cut into pieces: each wrong detail where it stands (its first place), each misspelt word wherever it
    /// stands as a whole word, the rest as typed.
    static func pieces(of text: String, mismatches: [DetailMismatch], misspelt: [String]) -> [Piece] {
        let characters = Array(text)
        var marks: [(range: Range<Int>, mark: Piece.Mark)] = []
        func free(_ range: Range<Int>) -> Bool { !marks.contains { $0.range.overlaps(range) } }
        for mismatch in mismatches where !mismatch.sent.isEmpty {
            if let range = wholeWords(Array(mismatch.sent), in: characters).first(where: free) {
                marks.append((range, .wrong(expected: mismatch.expected)))
            }
        }
        for word in misspelt {
            for range in wholeWords(Array(word), in: characters) where free(range) { marks.append((range, .misspelt)) }
        }
        var pieces: [Piece] = []
        var at = 0
        for (range, mark) in marks.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            if range.lowerBound > at { pieces.append(Piece(text: String(characters[at..<range.lowerBound]), mark: .none)) }
            pieces.append(Piece(text: String(characters[range]), mark: mark))
            at = range.upperBound
        }
        if at < characters.count || pieces.isEmpty { pieces.append(Piece(text: String(characters[at...]), mark: .none)) }
        return pieces
    }

    /// Where `word` stands in `text` not as part of a longer word.
    private static func wholeWords(_ word: [Character], in text: [Character]) -> [Range<Int>] {
        guard !word.isEmpty, text.count >= word.count else { return [] }
        func inWord(_ character: Character) -> Bool { character.isLetter || character.isNumber }
        return (0...(text.count - word.count)).compactMap { start in
            let range = start..<(start + word.count)
            guard Array(text[range]) == word else { return nil }
            if start > 0, inWord(text[start - 1]), inWord(word[0]) { return nil }
            if range.upperBound < text.count, inWord(text[range.upperBound]), let last = word.last, inWord(last) { return nil }
            return range
        }
    }
}

extension AssessmentReport {
    /// Replays the logs of each chat candidate's best and latest attempts into their transcripts; `log` finds an
    /// attempt's log (a file beside its history, or a store's copy), `spellers` the dictionary of free-mode shifts.
    public mutating func replayTranscripts(spellers: SpellerSource, log: (HistoryRecord) -> StoredLog) {
        for section in sections.indices where sections[section].chat != nil {
            for candidate in sections[section].candidates.indices {
                for record in [sections[section].candidates[candidate].best, sections[section].candidates[candidate].latest]
                where sections[section].candidates[candidate].transcripts[record.id] == nil && record.chat != nil {
                    sections[section].candidates[candidate].transcripts[record.id] = ChatTranscript.replayed(record, log: log(record), spellers: spellers)
                }
            }
        }
    }
}

extension AssessmentReport.Candidate {
    /// The attempts whose transcripts the report shows: best and latest, once when they are the same attempt, each
    /// with its label as the candidate's figures table names it.
    var transcribed: [(label: String, record: HistoryRecord, transcript: ChatTranscript)] {
        let both = best.id == latest.id
        let shown = both ? [("Best and latest", best)] : [("Best", best), ("Latest", latest)]
        return shown.compactMap { label, record in transcripts[record.id].map { (label, record, $0) } }
    }
}
