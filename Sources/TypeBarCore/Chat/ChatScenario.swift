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
    /// The canned replies the agent can insert with `/shortcut` Tab in macros mode.
    public var macros: [ChatMacro]

    public init(
        id: String, name: String, summary: String = "", chats: Int, patience: Double, timeLimit: Double,
        customers: [ChatCustomer], macros: [ChatMacro] = []
    ) {
        self.id = id
        self.name = name
        self.summary = summary
        self.chats = chats
        self.patience = patience
        self.timeLimit = timeLimit
        self.customers = customers
        self.macros = macros
    }

    public func macro(_ shortcut: String) -> ChatMacro? { macros.first { $0.shortcut == shortcut } }
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

    public init(name: String, arrival: Double, patience: Double? = nil, details: [String: String] = [:], turns: [ChatTurn]) {
        self.name = name
        self.arrival = arrival
        self.patience = patience
        self.details = details
        self.turns = turns
    }
}

/// A customer's message and the reply it calls for.
public struct ChatTurn: Equatable, Sendable {
    /// The message with its details filled in.
    public var message: String
    /// The canned reply with its blanks.
    public var reply: ReplyTemplate
    /// The macro the reply comes from, if any (shown as the hint in macros mode).
    public var macro: String?
    /// Seconds the customer takes to write their next message after this reply ("typing…").
    public var delay: Double

    public init(message: String, reply: ReplyTemplate, macro: String? = nil, delay: Double = 0) {
        self.message = message
        self.reply = reply
        self.macro = macro
        self.delay = delay
    }
}

/// A canned reply the agent inserts by its shortcut.
public struct ChatMacro: Equatable, Sendable {
    /// Typed after a slash: `/refund`.
    public var shortcut: String
    public var template: ReplyTemplate

    public init(shortcut: String, template: ReplyTemplate) {
        self.shortcut = shortcut
        self.template = template
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
