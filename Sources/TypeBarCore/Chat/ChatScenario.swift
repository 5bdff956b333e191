/// A chat-desk shift as it will be played: customers with their arrival times, messages and the replies the
/// agent is expected to send, every detail already drawn (the scenario reader in TypeBarKit draws them from the
/// scenario file's lists with a seed). Times are in seconds, as scenario files write them.
public struct ChatScenario: Equatable, Sendable {
    /// The built-in id or the file it came from.
    public var id: String
    public var name: String
    /// What the shift is about, one line for `typebar chat --list`.
    public var summary: String
    /// How many chats the agent holds at once; a customer who arrives while every chat is taken waits in a queue.
    public var chats: Int
    /// Seconds a customer waits for a reply before leaving.
    public var patience: Double
    /// Seconds the shift lasts at most.
    public var timeLimit: Double
    public var customers: [ChatCustomer]
    /// The canned replies: inserted with `/shortcut` Tab in macros mode, found by searching the knowledge base in
    /// desk mode.
    public var macros: [ChatMacro]
    /// The teams a chat can be escalated to, in the order the desk lists them.
    public var teams: [String]
    /// The wrap-up tags a chat can be closed with, in the order the desk lists them.
    public var tags: [String]

    /// Free mode: the scenario's names and products a spell checker would not know, and its internal jargon.
    public var knownWords: [String] = []
    public var jargon: [String] = []

    /// The teams and tags of a help desk, when a scenario names none.
    public static let standardTeams = ["billing", "shipping", "technical", "accounts", "supervisor"]
    public static let standardTags = ["billing", "shipping", "returns", "account", "technical", "general"]

    public init(
        id: String, name: String, summary: String = "", chats: Int, patience: Double, timeLimit: Double,
        customers: [ChatCustomer], macros: [ChatMacro] = [], teams: [String] = ChatScenario.standardTeams,
        tags: [String] = ChatScenario.standardTags
    ) {
        self.id = id
        self.name = name
        self.summary = summary
        self.chats = chats
        self.patience = patience
        self.timeLimit = timeLimit
        self.customers = customers
        self.macros = macros
        self.teams = teams
        self.tags = tags
    }

    public func macro(_ shortcut: String) -> ChatMacro? { macros.first { $0.shortcut == shortcut } }

    /// The words free mode counts as spelt right in a reply to `customer`, whatever the dictionary says: the
    /// scenario's known words, every customer's name and this customer's e-mail address (their details are too).
    public func acceptedWords(for customer: Int) -> Set<String> {
        Set(knownWords + customers.map(\.name) + (customers[customer].profile.map { [$0.email] } ?? []))
    }

    /// The writing rubric free mode applies to a customer's turn: the turn's own, else the one derived from its
    /// best reply, the answer terms of the canned reply it comes from, and the scenario's jargon.
    public func rubric(customer: Int, turn: Int) -> ReplyRubric {
        let script = customers[customer]
        let turn = script.turns[turn]
        if let rubric = turn.rubric { return rubric }
        let answer = turn.macro.flatMap { macro($0)?.answer } ?? []
        return ReplyRubric.derived(from: turn.reply, details: script.details, answer: answer, jargon: jargon)
    }
}

/// One customer: who, when they arrive, and the conversation they will have.
public struct ChatCustomer: Equatable, Sendable {
    public var name: String
    /// Seconds from the start of the shift.
    public var arrival: Double
    /// This customer's own patience in seconds, when it differs from the scenario's.
    public var patience: Double?
    /// The values of the blanks in this customer's messages and replies (name, order, amount…).
    public var details: [String: String]
    public var turns: [ChatTurn]
    /// What the help desk knows about the customer (desk mode shows it beside the conversation).
    public var profile: ChatProfile?
    /// The wrap-up tag their chat should be closed with, when the scenario expects one.
    public var close: String?
    /// What they write when kept waiting half their patience (desk mode); nil for the standard nudge.
    public var nudge: String?

    public init(
        name: String, arrival: Double, patience: Double? = nil, details: [String: String] = [:], turns: [ChatTurn],
        profile: ChatProfile? = nil, close: String? = nil, nudge: String? = nil
    ) {
        self.name = name
        self.arrival = arrival
        self.patience = patience
        self.details = details
        self.turns = turns
        self.profile = profile
        self.close = close
        self.nudge = nudge
    }
}

/// A customer's record at the help desk: who they are and what they bought. Some details a reply needs are only
/// here ("my last order", "the second charge").
public struct ChatProfile: Equatable, Sendable {
    public struct Order: Equatable, Sendable {
        public var number: String
        public var date: String
        public var amount: String
        public var status: String
        /// What was bought, when the scenario says.
        public var item: String?

        public init(number: String, date: String, amount: String, status: String, item: String? = nil) {
            self.number = number
            self.date = date
            self.amount = amount
            self.status = status
            self.item = item
        }
    }

    public var email: String
    public var plan: String?
    /// Customer since (a date as written).
    public var since: String?
    /// Newest first, as a help desk lists them.
    public var orders: [Order]

    public init(email: String, plan: String? = nil, since: String? = nil, orders: [Order] = []) {
        self.email = email
        self.plan = plan
        self.since = since
        self.orders = orders
    }
}

/// A customer's message and the reply it calls for.
public struct ChatTurn: Equatable, Sendable {
    /// The message with its details filled in.
    public var message: String
    /// The best reply, with its blanks: 10 points in desk mode.
    public var reply: ReplyTemplate
    /// The macro the reply comes from, if any (shown as the hint in macros mode).
    public var macro: String?
    /// Seconds the customer takes to write their next message after this reply ("typing…").
    public var delay: Double
    /// Other replies that answer the customer less well, each worth fewer points (desk mode).
    public var acceptable: [ScoredReply]
    /// When the message is ambiguous: the question to ask first, and the customer's answer.
    public var clarify: Clarification?
    /// What the customer writes back to a reply that does not answer them; nil for the standard follow-up.
    public var wrongReaction: String?
    /// What the customer writes back to a reply with a wrong or missing detail: `[detail]` is the detail's name
    /// ("order number"), `[value]` the right value; nil for the standard correction.
    public var detailReaction: String?
    /// The action the turn calls for (desk mode): an escalation to a team, with details in the note.
    public var action: ExpectedAction?
    /// Free mode: what a good reply holds; nil for the rubric derived from the best reply (`ReplyRubric.derived`).
    public var rubric: ReplyRubric?

    public init(
        message: String, reply: ReplyTemplate, macro: String? = nil, delay: Double = 0, acceptable: [ScoredReply] = [],
        clarify: Clarification? = nil, wrongReaction: String? = nil, detailReaction: String? = nil, action: ExpectedAction? = nil,
        rubric: ReplyRubric? = nil
    ) {
        self.message = message
        self.reply = reply
        self.macro = macro
        self.delay = delay
        self.acceptable = acceptable
        self.clarify = clarify
        self.wrongReaction = wrongReaction
        self.detailReaction = detailReaction
        self.action = action
        self.rubric = rubric
    }

    /// The points a best reply earns.
    public static let bestPoints = 10
}

/// A reply a turn accepts, and what it is worth (0-10).
public struct ScoredReply: Equatable, Sendable {
    public var reply: ReplyTemplate
    /// The canned reply it comes from, if any.
    public var macro: String?
    public var points: Int

    public init(reply: ReplyTemplate, macro: String? = nil, points: Int) {
        self.reply = reply
        self.macro = macro
        self.points = points
    }
}

/// An ambiguous message's right first move: ask, and the customer answers before the turn's reply is due.
public struct Clarification: Equatable, Sendable {
    /// The question (10 points when asked).
    public var ask: ReplyTemplate
    /// The canned question it comes from, if any.
    public var macro: String?
    /// The customer's answer, details filled in.
    public var answer: String
    /// What the turn's reply earns when sent without asking first (a guess that happened to be right).
    public var guessPoints: Int
    /// Seconds the customer takes to answer.
    public var delay: Double

    public init(ask: ReplyTemplate, macro: String? = nil, answer: String, guessPoints: Int = 4, delay: Double = 4) {
        self.ask = ask
        self.macro = macro
        self.answer = answer
        self.guessPoints = guessPoints
        self.delay = delay
    }
}

/// What a turn expects the agent to do besides replying.
public enum ExpectedAction: Equatable, Sendable {
    /// Transfer the chat to `team` with an internal note holding the values of `note` (blank names).
    case escalate(team: String, note: [String])
}

/// A canned reply the agent inserts by its shortcut, or finds in the knowledge base by its title and keywords.
public struct ChatMacro: Equatable, Sendable {
    /// Typed after a slash: `/refund`.
    public var shortcut: String
    public var template: ReplyTemplate
    /// A few words a search list shows ("Refund an order").
    public var title: String
    /// Words a search matches besides the title and the shortcut ("money back", "charge").
    public var keywords: [String]
    /// Free mode: the answer terms a reply to a turn this reply answers must hold (`ReplyRubric.answer`).
    public var answer: [String]

    public init(shortcut: String, template: ReplyTemplate, title: String = "", keywords: [String] = [], answer: [String] = []) {
        self.shortcut = shortcut
        self.template = template
        self.title = title
        self.keywords = keywords
        self.answer = answer
    }
}

/// Reply text with named blanks: `Hi [name], I've refunded [amount] for order [order].`
public struct ReplyTemplate: Equatable, Sendable {
    public enum Piece: Equatable, Sendable {
        case text(String)
        case blank(String)
    }

    public var pieces: [Piece]

    public init(pieces: [Piece]) {
        self.pieces = pieces
    }

    /// Reads `[name]` blanks out of `text`; a `[` without its `]`, or with characters other than letters, digits
    /// and `_` inside, is plain text.
    public init(parsing text: String) {
        var pieces: [Piece] = []
        var plain = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "[") {
            let after = rest[rest.index(after: open)...]
            if let close = after.firstIndex(of: "]"), close > after.startIndex,
               after[..<close].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) {
                plain += rest[..<open]
                if !plain.isEmpty { pieces.append(.text(plain)) }
                plain = ""
                pieces.append(.blank(String(after[..<close])))
                rest = after[after.index(after: close)...]
            } else {
                plain += rest[...open]
                rest = after
            }
        }
        plain += rest
        if !plain.isEmpty { pieces.append(.text(plain)) }
        self.pieces = pieces
    }

    /// The names of the blanks, in order, each once.
    public var blanks: [String] {
        var seen: [String] = []
        for case .blank(let name) in pieces where !seen.contains(name) { seen.append(name) }
        return seen
    }

    /// The text as the agent sees it in template mode: blanks as `[name]`.
    public var display: String {
        pieces.map { piece in
            switch piece {
            case .text(let text): text
            case .blank(let name): "[\(name)]"
            }
        }.joined()
    }

    /// The reply with every blank replaced by its detail (a blank without a detail stays `[name]`).
    public func filled(with details: [String: String]) -> String {
        pieces.map { piece in
            switch piece {
            case .text(let text): text
            case .blank(let name): details[name] ?? "[\(name)]"
            }
        }.joined()
    }

    /// Characters of canned text, blanks left out: what a macro inserts for the agent.
    public var cannedCharacters: Int {
        pieces.reduce(0) { count, piece in
            if case .text(let text) = piece { return count + text.count }
            return count
        }
    }
}
