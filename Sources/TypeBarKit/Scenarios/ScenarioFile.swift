import Foundation
import TypeBarCore
internal import Yams

/// A chat-desk scenario as written (docs/chat.md): the shift's settings and customers, with details still to be
/// drawn. `draw(seed:)` turns it into the `ChatScenario` a shift plays; the same seed always draws the same
/// names, order numbers and amounts, and another seed draws others, so nobody can learn the answers by heart.
public struct ScenarioFile: Sendable {
    /// The built-in id, or the file's path.
    public var id: String
    public var name: String
    public var summary: String
    /// The kind of support work: refunds, shipping, account… (for `--list`).
    public var category: String
    public var chats: Int
    public var patience: Double
    public var timeLimit: Double
    var customers: [CustomerSpec]
    /// The file's text as read, carried in a chat log so a shift from a trainer's own file replays anywhere.
    public var sourceText = ""
    /// The scenario's own macros and the shared canned replies, the scenario's first.
    var macros: [ChatMacro]
    /// The teams a chat can be escalated to, and the wrap-up tags a chat can be closed with.
    public var teams = ChatScenario.standardTeams
    public var tags = ChatScenario.standardTags
    /// Free mode: names and products the dictionary lacks (spelt right as written), and the internal jargon no
    /// customer should read (every turn's rubric refuses it).
    public var knownWords: [String] = []
    public var jargon: [String] = []

    /// Where a detail's value comes from.
    enum DetailSource: Equatable, Sendable {
        case fixed(String)
        /// One value drawn from the list.
        case list([String])
        /// `#` becomes a drawn digit, `?` a drawn capital letter, `[name]` the customer's name as an e-mail
        /// address writes it, `\\` keeps the next character as it is; everything else stays.
        case pattern(String)
        /// An amount in dollars and cents, drawn between two amounts.
        case money(low: Double, high: Double)
        /// A value of the customer's profile (`{from: orders.2.number}`).
        case profile(ProfileField)
    }

    /// A value of a customer's profile a detail can take.
    enum ProfileField: Equatable, Sendable {
        case email
        case plan
        case since
        /// An order's field; orders are counted from 0 here, from 1 in files (`orders.1.number`, the newest).
        case order(Int, OrderField)
    }

    /// The fields of an order on a profile, as files name them.
    enum OrderField: String, CaseIterable, Sendable {
        case number, date, amount, status, item
    }

    /// A customer as written, details still to draw.
    struct CustomerSpec: Sendable {
        var arrival: Double
        var patience: Double?
        var details: [(name: String, source: DetailSource)]
        var turns: [TurnSpec]
        var profile: ProfileSpec?
        var close: String?
        var nudge: ReplyTemplate?
    }

    /// A customer's profile as written: each value drawn like a detail; the e-mail, when not given, from the name.
    struct ProfileSpec: Sendable {
        var email: DetailSource?
        var plan: DetailSource?
        var since: DetailSource?
        /// Newest first; each order has a number, date, amount and status, and may have an item.
        var orders: [[OrderField: DetailSource]]
    }

    /// A turn as written: its message's details still to fill, its replies as templates.
    struct TurnSpec: Sendable {
        var message: ReplyTemplate
        var reply: ReplyTemplate
        var macro: String?
        var delay: Double
        var acceptable: [ScoredReply] = []
        var clarify: ClarifySpec?
        var wrongReaction: ReplyTemplate?
        var detailReaction: ReplyTemplate?
        var action: ExpectedAction?
        var rubric: RubricSpec?
    }

    /// A turn's writing rubric as written: each field given replaces the one derived from the turn's best reply
    /// (`ReplyRubric.derived`); the scenario's jargon is refused besides the turn's own `must_not`.
    struct RubricSpec: Sendable {
        var must: [String]?
        var answer: [String]?
        var should: [ReplyRubric.Element]?
        var mustNot: [String] = []
        var minimumWords: Int?
    }

    /// A clarifying question as written, the customer's answer still to fill.
    struct ClarifySpec: Sendable {
        var ask: ReplyTemplate
        var macro: String?
        var answer: ReplyTemplate
        var guessPoints: Int
        var delay: Double
    }

    /// The limits every number read from a scenario must keep (docs/chat.md lists them).
    public enum Limits {
        public static let chats = 1...ChatShift.maximumChats
        public static let patience = 10.0...900
        public static let timeLimit = 30.0...3600
        public static let arrival = 0.0...3600
        public static let delay = 0.0...600
        public static let customers = 20
        public static let turns = 10
        public static let messageLength = 400
        public static let money = 0.01...100_000
        /// Points an acceptable reply earns; the best earns `ChatTurn.bestPoints`.
        public static let points = 1...(ChatTurn.bestPoints - 1)
        /// Points a right reply earns when the turn's clarifying question was not asked.
        public static let guessPoints = 0...(ChatTurn.bestPoints - 1)
        public static let acceptable = 5
        public static let orders = 6
        public static let teams = 12
        public static let keywords = 12
        /// A rubric's answer terms, `must_not` phrases and the scenario's jargon: how many, and how long each.
        public static let answerTerms = 8
        public static let phrases = 20
        public static let phraseLength = 60
        public static let knownWords = 100
        public static let minimumWords = 1...100
    }

    static let fields = ["name", "summary", "category", "chats", "patience", "time_limit", "teams", "tags", "known_words", "jargon", "macros", "customers"]
    static let customerFields = ["arrival", "patience", "details", "profile", "close", "nudge", "turns"]
    static let turnFields = ["message", "reply", "delay", "acceptable", "clarify", "reactions", "action", "rubric"]
    static let macroFields = ["shortcut", "title", "keywords", "text", "answer"]
    static let rubricFields = ["must", "answer", "should", "must_not", "min_words"]
    static let example = "docs/chat.md has a complete example scenario"

    /// Whether the scenario is written for desk mode: a customer has a profile or a wrap-up tag, or a turn has
    /// acceptable replies, a clarifying question or an action.
    public var isDesk: Bool {
        customers.contains { customer in
            customer.profile != nil || customer.close != nil
                || customer.turns.contains { !$0.acceptable.isEmpty || $0.clarify != nil || $0.action != nil }
        }
    }

    /// Reads a scenario from `text`; `path` names the file in errors. `canned` gives the shared macros and the
    /// lists a detail can name (`{list: first_names}`).
    public static func parse(_ text: String, path: String, id: String, canned: CannedReplies) throws(TypeBarError) -> ScenarioFile {
        let root = try YAMLFields.root(text, path: path, example: example)
        let top = try YAMLFields(root, path: path, context: "scenario", known: fields)
        let name = try top.text("name", limit: 80, required: "name: Double charges, warm-up")!
        var file = ScenarioFile(
            id: id, name: name,
            summary: try top.text("summary", limit: 200) ?? "",
            category: try top.text("category", limit: 40) ?? "general",
            chats: try top.whole("chats", in: Limits.chats, unit: "chats at once", required: "chats: 2")!,
            patience: try top.number("patience", in: Limits.patience, unit: "seconds", required: "patience: 90")!,
            timeLimit: try top.number("time_limit", in: Limits.timeLimit, unit: "seconds", required: "time_limit: 300")!,
            customers: [], macros: [])
        file.sourceText = text
        file.teams = try readWords(top, "teams") ?? ChatScenario.standardTeams
        file.tags = try readWords(top, "tags") ?? ChatScenario.standardTags
        file.knownWords = try readPhrases(top, "known_words", limit: Limits.knownWords, expected: "a name or product like Zendora") ?? []
        file.jargon = try readPhrases(top, "jargon", limit: Limits.phrases, expected: "a word or phrase like SLA") ?? []
        let macros = try readMacros(top, limit: 50)
        file.macros = macros + canned.macros.filter { shared in !macros.contains { $0.shortcut == shared.shortcut } }
        guard let customers = try top.list("customers", limit: Limits.customers) else {
            throw top.missing("customers", example: "customers: (a list; \(example))")
        }
        for (index, item) in customers.enumerated() {
            file.customers.append(try file.readCustomer(item, number: index + 1, path: path, canned: canned))
        }
        return file
    }

    /// A list of names like `teams: [billing, shipping]`: each a word of letters, digits, - or _, each once.
    static func readWords(_ top: YAMLFields, _ field: String) throws(TypeBarError) -> [String]? {
        guard let items = try top.list(field, limit: Limits.teams) else { return nil }
        var words: [String] = []
        for item in items {
            let word = try top.scalar(field, item, expected: "a name like billing").trimmingCharacters(in: .whitespaces)
            guard !word.isEmpty, word.count <= 20, word.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
                throw top.problem(item, field, "\(quoted(word)) must be one word of 1 to 20 letters, digits, - or _")
            }
            guard !words.contains(word) else { throw top.problem(item, field, "\(word) is listed twice; list each once") }
            words.append(word)
        }
        return words
    }

    /// The `macros` list of a scenario or of the canned replies, each shortcut once.
    static func readMacros(_ top: YAMLFields, limit: Int) throws(TypeBarError) -> [ChatMacro] {
        var macros: [ChatMacro] = []
        for item in try top.list("macros", limit: limit) ?? [] {
            let macro = try readMacro(item, path: top.path)
            if macros.contains(where: { $0.shortcut == macro.shortcut }) {
                throw top.problem(item, "macros", "/\(macro.shortcut) is defined twice; give each macro its own shortcut")
            }
            macros.append(macro)
        }
        return macros
    }

    static func readMacro(_ node: Node, path: String) throws(TypeBarError) -> ChatMacro {
        let fields = try YAMLFields(node, path: path, context: "macro", known: macroFields)
        let shortcut = try fields.text("shortcut", limit: 20, required: "shortcut: refund")!
        guard shortcut.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw fields.problem(fields["shortcut"]!, "shortcut", "\(quoted(shortcut)) must be letters, digits, - or _ (the agent types /\(shortcut))")
        }
        // The rest of the macro's problems name it.
        let context = try YAMLFields(node, path: path, context: "macro /\(shortcut)", known: macroFields)
        let text = try context.text("text", limit: Limits.messageLength, required: "text: Hi [name], ...")!
        var keywords: [String] = []
        for item in try context.list("keywords", limit: Limits.keywords) ?? [] {
            let keyword = try context.scalar("keywords", item, expected: "a word or a few words").trimmingCharacters(in: .whitespaces)
            guard !keyword.isEmpty, keyword.count <= 40 else { throw context.problem(item, "keywords", "each keyword must be 1 to 40 characters") }
            keywords.append(keyword)
        }
        return ChatMacro(
            shortcut: shortcut, template: ReplyTemplate(parsing: text),
            title: try context.text("title", limit: 60) ?? "", keywords: keywords,
            answer: try readAnswer(context) ?? [])
    }

    /// The items of a list field where an empty list says "none" (a rubric's `should: []`); nothing when absent.
    static func items(_ fields: YAMLFields, _ field: String, limit: Int) throws(TypeBarError) -> [Node] {
        if fields[field]?.sequence?.isEmpty == true { return [] }
        return try fields.list(field, limit: limit) ?? []
    }

    /// A list of words or phrases (`known_words`, `jargon`, `must_not`): each 1 to 60 characters, each once (case
    /// aside). An empty list is allowed: it says there are none.
    static func readPhrases(_ fields: YAMLFields, _ field: String, limit: Int, expected: String) throws(TypeBarError) -> [String]? {
        guard fields[field] != nil else { return nil }
        var phrases: [String] = []
        for item in try items(fields, field, limit: limit) {
            let phrase = try fields.scalar(field, item, expected: expected).trimmingCharacters(in: .whitespaces)
            guard !phrase.isEmpty, phrase.count <= Limits.phraseLength, phrase.contains(where: { $0.isLetter || $0.isNumber }) else {
                throw fields.problem(item, field, "\(quoted(phrase)) must be 1 to \(Limits.phraseLength) characters with a letter or digit")
            }
            guard !phrases.contains(where: { $0.lowercased() == phrase.lowercased() }) else {
                throw fields.problem(item, field, "\(quoted(phrase)) is listed twice; list each once")
            }
            phrases.append(phrase)
        }
        return phrases
    }

    /// `answer: ["refund|refunded", "3 to 5 working days"]`: the terms a reply answering the question holds, each
    /// entry a set of alternatives split by `|`, every entry needed. Details belong under a rubric's `must`, so a
    /// term holds no `[blank]`.
    static func readAnswer(_ fields: YAMLFields) throws(TypeBarError) -> [String]? {
        guard fields["answer"] != nil else { return nil }
        var entries: [String] = []
        for item in try items(fields, "answer", limit: Limits.answerTerms) {
            let entry = try fields.scalar("answer", item, expected: "terms like \"refund|refunded\"").trimmingCharacters(in: .whitespaces)
            let alternatives = entry.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            for alternative in alternatives {
                guard !alternative.isEmpty, alternative.contains(where: { $0.isLetter || $0.isNumber }) else {
                    throw fields.problem(item, "answer", "\(quoted(entry)) has an empty alternative; write the terms split by |, like \"refund|refunded\"")
                }
                guard alternative.count <= Limits.phraseLength else {
                    throw fields.problem(item, "answer", "\(quoted(alternative)) is \(alternative.count) characters long; the most is \(Limits.phraseLength)")
                }
                guard !alternative.contains("[") else {
                    throw fields.problem(item, "answer", "\(quoted(alternative)) holds a [blank]; the details a reply must hold go under the rubric's must")
                }
            }
            entries.append(alternatives.joined(separator: "|"))
        }
        return entries
    }
}
