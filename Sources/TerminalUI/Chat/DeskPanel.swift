import TypeBarCore

/// A help-desk tool open over the lower part of the conversation (desk and free modes): the knowledge-base search,
/// an escalation (a team, then the internal note) or a close (a wrap-up tag). Each belongs to the customer whose
/// chat it was opened in, and the session closes it if that customer goes. Pure values: the session edits them key
/// by key and turns a choice into the shift's event; the desk draws them.
public enum DeskPanel: Equatable, Sendable {
    case search(Search)
    case escalate(Escalation)
    case close(Closing)

    /// The customer the panel acts on.
    public var customer: Int {
        switch self {
        case .search(let search): search.customer
        case .escalate(let escalation): escalation.customer
        case .close(let closing): closing.customer
        }
    }

    /// The most characters a query or a note takes: far more than anyone types, and far under what a chat log
    /// accepts.
    public static let maximumQuery = 80
    public static let maximumNote = 500

    /// Whether `character` may go into a query or a note: anything printable (a control character would be refused
    /// by the chat log's reader).
    static func accepts(_ character: Character) -> Bool {
        !character.unicodeScalars.contains { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format }
    }

    /// The knowledge-base search: the query, the replies it finds (the knowledge base's own ranking, which knows
    /// nothing of the turn) and the one chosen.
    public struct Search: Equatable, Sendable {
        public let customer: Int
        public private(set) var query = ""
        public private(set) var results: Results
        public private(set) var selection = 0
        /// How many replies the knowledge base holds.
        public let total: Int
        private let knowledgeBase: KnowledgeBase

        public init(customer: Int, knowledgeBase: KnowledgeBase) {
            self.customer = customer
            self.knowledgeBase = knowledgeBase
            results = Results(query: "", in: knowledgeBase)
            total = knowledgeBase.replies.count
        }

        public static func == (lhs: Search, rhs: Search) -> Bool {
            lhs.customer == rhs.customer && lhs.query == rhs.query && lhs.selection == rhs.selection && lhs.results == rhs.results
        }

        /// The reply Tab or Enter would insert.
        public var chosen: ChatMacro? { results.indices.contains(selection) ? results[selection] : nil }

        public mutating func type(_ character: Character) {
            guard DeskPanel.accepts(character), query.count < DeskPanel.maximumQuery else { return }
            query.append(character)
            refresh()
        }

        public mutating func backspace() {
            guard !query.isEmpty else { return }
            query.removeLast()
            refresh()
        }

        /// Deletes back to the previous word, as Ctrl-W does in the reply box.
        public mutating func wordBackspace() {
            guard !query.isEmpty else { return }
            while query.last == " " { query.removeLast() }
            while let last = query.last, last != " " { query.removeLast() }
            refresh()
        }

        /// Moves the choice by `lines`, kept within the list.
        public mutating func move(by lines: Int) {
            selection = max(0, min(results.count - 1, selection + lines))
        }

        /// A new query starts at the top of what it finds.
        private mutating func refresh() {
            results = Results(query: query, in: knowledgeBase)
            selection = 0
        }

        /// The replies a query found, best first: their places in the knowledge base, read through to the replies.
        /// A key's new list is a list of numbers, not a copy of every reply it finds (and the old list's copies
        /// released).
        public struct Results: RandomAccessCollection, Equatable, Sendable {
            /// Each reply's place in the knowledge base's `replies`.
            public let places: [Int]
            let replies: [ChatMacro]

            /// What `query` finds in `knowledgeBase` (every reply for an empty one).
            init(query: String, in knowledgeBase: KnowledgeBase) {
                places = knowledgeBase.matches(query)
                replies = knowledgeBase.replies
            }

            public var startIndex: Int { 0 }
            public var endIndex: Int { places.count }
            public subscript(position: Int) -> ChatMacro { replies[places[position]] }

            /// The same places in the same knowledge base (the same array, found at once).
            public static func == (lhs: Results, rhs: Results) -> Bool {
                lhs.places == rhs.places && lhs.replies == rhs.replies
            }
        }
    }

    /// An escalation: the team chosen from the scenario's list, then the internal note being written.
    public struct Escalation: Equatable, Sendable {
        public let customer: Int
        public private(set) var teams: Choice
        /// Nil while the team is chosen; then the note as typed so far.
        public private(set) var note: String?

        public init(customer: Int, teams: [String]) {
            self.customer = customer
            self.teams = Choice(teams)
        }

        /// The team, once chosen.
        public var team: String? { note == nil ? nil : teams.chosen }

        /// A key while choosing the team: true when it chose one (the note comes next).
        public mutating func choose(_ character: Character) -> Bool {
            guard note == nil, teams.key(character) else { return false }
            note = ""
            return true
        }

        public mutating func confirmTeam() {
            if note == nil, !teams.items.isEmpty { note = "" }
        }

        public mutating func move(by lines: Int) {
            if note == nil { teams.move(by: lines) }
        }

        public mutating func type(_ character: Character) {
            guard let note, DeskPanel.accepts(character), note.count < DeskPanel.maximumNote else { return }
            self.note = note + String(character)
        }

        public mutating func backspace() {
            guard var note, !note.isEmpty else { return }
            note.removeLast()
            self.note = note
        }

        public mutating func wordBackspace() {
            guard var note else { return }
            while note.last == " " { note.removeLast() }
            while let last = note.last, last != " " { note.removeLast() }
            self.note = note
        }
    }

    /// A close: the wrap-up tag chosen from the scenario's list.
    public struct Closing: Equatable, Sendable {
        public let customer: Int
        public private(set) var tags: Choice

        public init(customer: Int, tags: [String]) {
            self.customer = customer
            self.tags = Choice(tags)
        }

        /// A key: true when it chose a tag (which closes the chat).
        public mutating func choose(_ character: Character) -> Bool { tags.key(character) }

        public mutating func move(by lines: Int) { tags.move(by: lines) }
    }

    /// A choice from a short list (teams, tags): the arrows move, a number chooses its item, and a first letter
    /// moves to the next item that begins with it, choosing it when no other does.
    public struct Choice: Equatable, Sendable {
        public let items: [String]
        public private(set) var selection = 0

        public init(_ items: [String]) {
            self.items = items
        }

        public var chosen: String? { items.indices.contains(selection) ? items[selection] : nil }

        public mutating func move(by lines: Int) {
            guard !items.isEmpty else { return }
            selection = max(0, min(items.count - 1, selection + lines))
        }

        /// A number or a letter: true when it chose an item.
        public mutating func key(_ character: Character) -> Bool {
            if let digit = character.wholeNumberValue, character.isASCII {
                guard items.indices.contains(digit - 1) else { return false }
                selection = digit - 1
                return true
            }
            let letter = character.lowercased()
            let matching = items.indices.filter { items[$0].lowercased().hasPrefix(letter) }
            guard !matching.isEmpty else { return false }
            selection = matching.first { $0 > selection } ?? matching[0]
            return matching.count == 1
        }
    }
}
