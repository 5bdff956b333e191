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

    // MARK: - Customers

    private func readCustomer(_ node: Node, number: Int, path: String, canned: CannedReplies) throws(TypeBarError) -> CustomerSpec {
        let context = "customer \(number)"
        let fields = try YAMLFields(node, path: path, context: context, known: ScenarioFile.customerFields)
        let arrival = try fields.number("arrival", in: Limits.arrival, unit: "seconds from the start", required: "arrival: 0")!
        if arrival >= timeLimit {
            throw fields.problem(fields["arrival"]!, "arrival", "\(YAMLFields.format(arrival)) s is not before the time limit (\(YAMLFields.format(timeLimit)) s): the customer would never arrive")
        }
        var spec = CustomerSpec(
            arrival: arrival,
            patience: try fields.number("patience", in: Limits.patience, unit: "seconds"),
            details: [], turns: [])
        if let profile = fields["profile"] {
            spec.profile = try ScenarioFile.readProfile(profile, context: context, path: path, canned: canned)
        }
        var nodes: [String: Node] = [:]
        if let detailsNode = fields["details"] {
            guard let mapping = detailsNode.mapping else {
                throw fields.problem(detailsNode, "details", "must be fields like `order: \"#48213\"` or `name: [Maya, Tom]`")
            }
            for (key, value) in mapping {
                guard let name = key.scalar?.string, !name.isEmpty,
                      name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                    throw .badLine(path: path, line: YAMLFields.line(key), problem: "\(context): details: a detail's name must be letters, digits or _ (it is used as [name] in messages)")
                }
                guard !ScenarioFile.reactionBlanks.contains(name) else {
                    throw .badLine(path: path, line: YAMLFields.line(key), problem: "\(context): details: [\(name)] stands for the detail a customer corrects in a reaction; give this detail another name")
                }
                let source = try ScenarioFile.readDetail(value, name: name, context: context, path: path, canned: canned, profile: spec.profile)
                if name == "name", case .profile = source {
                    throw .badLine(path: path, line: YAMLFields.line(value), problem: "\(context): details: name: the profile's values come from the name (its e-mail holds it), so the name cannot come from the profile; give it as a value or a list")
                }
                spec.details.append((name, source))
                nodes[name] = value
            }
        }
        if !spec.details.contains(where: { $0.name == "name" }) {
            guard let names = canned.lists["first_names"] else {
                throw fields.missing("details: name", example: "name: [Maya, Tom, Priya]")
            }
            spec.details.insert(("name", .list(names)), at: 0)
        }
        try ScenarioFile.checkEmails(spec, nodes: nodes, profileNode: fields["profile"], context: context, path: path)
        let declared = Set(spec.details.map(\.name))
        // What the agent can see before any message: the name, and what the profile shows.
        var known: Set<String> = ["name"]
        for detail in spec.details { if case .profile = detail.source { known.insert(detail.name) } }
        if let nudge = try fields.text("nudge", limit: Limits.messageLength) {
            spec.nudge = ReplyTemplate(parsing: nudge)
            try ScenarioFile.checkDeclared(spec.nudge!, declared: declared, fields, "nudge")
        }
        guard let turns = try fields.list("turns", limit: Limits.turns) else {
            throw fields.missing("turns", example: "turns: (a list of message, reply and delay)")
        }
        for (index, item) in turns.enumerated() {
            let turn = try readTurn(item, context: "\(context), turn \(index + 1)", path: path, declared: declared, known: &known)
            if turn.action != nil, index + 1 < turns.count {
                throw .badLine(path: path, line: YAMLFields.line(item), problem: "\(context), turn \(index + 1): action: only a customer's last turn can call for an escalation, since the chat then goes to the team; move the later turns before it or drop them")
            }
            spec.turns.append(turn)
        }
        if let closeNode = fields["close"] {
            let tag = try fields.scalar("close", closeNode, expected: "a wrap-up tag").trimmingCharacters(in: .whitespaces)
            guard tags.contains(tag) else {
                let hint = YAMLFields.nearest(to: tag, among: tags).map { " (did you mean \($0)?)" } ?? ""
                throw fields.problem(closeNode, "close", "no tag \(quoted(tag))\(hint); the tags are \(tags.joined(separator: ", ")), or list yours under tags")
            }
            guard spec.turns.last?.action == nil else {
                throw fields.problem(closeNode, "close", "this customer is escalated at their last turn, so their chat goes to the team and is never closed here; drop close or the action")
            }
            spec.close = tag
        }
        return spec
    }

    /// The names a detail reaction fills in when the customer reacts: the detail's label and its right value.
    static let reactionBlanks: Set<String> = ["detail", "value"]

    /// Reads one turn. `known` holds the details the agent can know by then (the profile's, and those the
    /// customer's messages and answers have mentioned); the turn adds what it mentions.
    private func readTurn(_ node: Node, context: String, path: String, declared: Set<String>, known: inout Set<String>) throws(TypeBarError) -> TurnSpec {
        let fields = try YAMLFields(node, path: path, context: context, known: ScenarioFile.turnFields)
        let message = ReplyTemplate(parsing: try fields.text("message", limit: Limits.messageLength, required: "message: Hi, I was charged twice.")!)
        try ScenarioFile.checkDeclared(message, declared: declared, fields, "message")
        known.formUnion(message.blanks)
        var clarify: ClarifySpec?
        if let clarifyNode = fields["clarify"] {
            let question = try YAMLFields(clarifyNode, path: path, context: "\(context), clarify", known: ["ask", "answer", "guess_points", "delay"])
            let (ask, macro) = try reply(question, "ask", required: "ask: /which (a macro, or the question written out)")
            try ScenarioFile.checkKnown(ask, declared: declared, known: known, question, "ask")
            let answer = ReplyTemplate(parsing: try question.text("answer", limit: Limits.messageLength, required: "answer: \"The one from [date], [order].\"")!)
            try ScenarioFile.checkDeclared(answer, declared: declared, question, "answer")
            known.formUnion(answer.blanks)
            clarify = ClarifySpec(
                ask: ask, macro: macro, answer: answer,
                guessPoints: try question.whole("guess_points", in: Limits.guessPoints, unit: "points") ?? 4,
                delay: try question.number("delay", in: Limits.delay, unit: "seconds before the customer answers") ?? 4)
        }
        let (reply, macro) = try reply(fields, "reply", required: "reply: Hi [name], ... (or /shortcut for a macro)")
        try ScenarioFile.checkKnown(reply, declared: declared, known: known, fields, "reply")
        var turn = TurnSpec(
            message: message, reply: reply, macro: macro,
            delay: try fields.number("delay", in: Limits.delay, unit: "seconds before the customer's next message") ?? 0)
        turn.clarify = clarify
        for (index, item) in (try fields.list("acceptable", limit: Limits.acceptable) ?? []).enumerated() {
            let other = try YAMLFields(item, path: path, context: "\(context), acceptable \(index + 1)", known: ["reply", "points"])
            let (template, macro) = try self.reply(other, "reply", required: "reply: /refund")
            try ScenarioFile.checkKnown(template, declared: declared, known: known, other, "reply")
            if template == reply || turn.acceptable.contains(where: { $0.reply == template }) || (clarify?.ask == template) {
                throw other.problem(other["reply"]!, "reply", "is already one of this turn's replies; each reply is scored once")
            }
            let points = try other.whole("points", in: Limits.points, unit: "points", required: "points: 6")!
            turn.acceptable.append(ScoredReply(reply: template, macro: macro, points: points))
        }
        if let reactionsNode = fields["reactions"] {
            let reactions = try YAMLFields(reactionsNode, path: path, context: "\(context), reactions", known: ["wrong", "detail"])
            if let wrong = try reactions.text("wrong", limit: Limits.messageLength) {
                turn.wrongReaction = ReplyTemplate(parsing: wrong)
                try ScenarioFile.checkDeclared(turn.wrongReaction!, declared: declared, reactions, "wrong")
            }
            if let detail = try reactions.text("detail", limit: Limits.messageLength) {
                turn.detailReaction = ReplyTemplate(parsing: detail)
                try ScenarioFile.checkDeclared(turn.detailReaction!, declared: declared.union(ScenarioFile.reactionBlanks), reactions, "detail")
            }
        }
        if let actionNode = fields["action"] {
            turn.action = try readAction(actionNode, context: context, path: path, declared: declared, known: known)
        }
        if let rubricNode = fields["rubric"] {
            turn.rubric = try readRubric(rubricNode, context: context, path: path, declared: declared, known: known)
        }
        return turn
    }

    /// `rubric: {must: [order], answer: ["refund|refunded"], should: [greeting, next_step], must_not: [SLA], min_words: 8}`.
    private func readRubric(_ node: Node, context: String, path: String, declared: Set<String>, known: Set<String>) throws(TypeBarError) -> RubricSpec {
        let fields = try YAMLFields(node, path: path, context: "\(context), rubric", known: ScenarioFile.rubricFields)
        var spec = RubricSpec()
        if fields["must"] != nil {
            var must: [String] = []
            for item in try ScenarioFile.items(fields, "must", limit: 12) {
                let name = try fields.scalar("must", item, expected: "a detail's name like order").trimmingCharacters(in: .whitespaces)
                guard declared.contains(name) else {
                    throw fields.problem(item, "must", "\(quoted(name)) is not one of this customer's details (\(declared.subtracting(ScenarioFile.reactionBlanks).sorted().joined(separator: ", "))); name the details a reply must hold")
                }
                guard known.contains(name) else {
                    throw fields.problem(item, "must", "[\(name)] is not in the profile or any message the customer has sent by then, so the agent cannot know it; mention it in a message")
                }
                guard !must.contains(name) else { throw fields.problem(item, "must", "\(name) is listed twice; list each once") }
                must.append(name)
            }
            spec.must = must
        }
        spec.answer = try ScenarioFile.readAnswer(fields)
        if fields["should"] != nil {
            var should: [ReplyRubric.Element] = []
            let names = ReplyRubric.Element.allCases.map(\.rawValue)
            for item in try ScenarioFile.items(fields, "should", limit: names.count) {
                let name = try fields.scalar("should", item, expected: "one of \(names.joined(separator: ", "))").trimmingCharacters(in: .whitespaces)
                guard let element = ReplyRubric.Element(rawValue: name) else {
                    let hint = YAMLFields.nearest(to: name, among: names).map { " (did you mean \($0)?)" } ?? ""
                    throw fields.problem(item, "should", "no element \(quoted(name))\(hint); the elements are \(names.joined(separator: ", "))")
                }
                guard !should.contains(element) else { throw fields.problem(item, "should", "\(name) is listed twice; list each once") }
                should.append(element)
            }
            spec.should = should
        }
        spec.mustNot = try ScenarioFile.readPhrases(fields, "must_not", limit: Limits.phrases, expected: "a word or phrase like SLA") ?? []
        spec.minimumWords = try fields.whole("min_words", in: Limits.minimumWords, unit: "words")
        return spec
    }

    /// A reply field: `/shortcut` for a macro (which must exist), or the text written out (its macro when the
    /// text is one's exactly).
    private func reply(_ fields: YAMLFields, _ field: String, required example: String) throws(TypeBarError) -> (ReplyTemplate, String?) {
        let text = try fields.text(field, limit: Limits.messageLength, required: example)!
        guard text.hasPrefix("/") else {
            let template = ReplyTemplate(parsing: text)
            return (template, macros.first { $0.template == template }?.shortcut)
        }
        let shortcut = String(text.dropFirst())
        guard let found = macros.first(where: { $0.shortcut == shortcut }) else {
            let hint = YAMLFields.nearest(to: shortcut, among: macros.map(\.shortcut)).map { " (did you mean /\($0)?)" } ?? ""
            throw fields.problem(fields[field]!, field, "no macro /\(shortcut)\(hint); define it under macros or write the reply out")
        }
        return (found.template, shortcut)
    }

    /// `action: {escalate: billing, note: [order]}`: a team of the scenario's, and note details the agent knows.
    private func readAction(_ node: Node, context: String, path: String, declared: Set<String>, known: Set<String>) throws(TypeBarError) -> ExpectedAction {
        let fields = try YAMLFields(node, path: path, context: "\(context), action", known: ["escalate", "note"])
        let team = try fields.text("escalate", limit: 20, required: "escalate: billing")!
        guard teams.contains(team) else {
            let hint = YAMLFields.nearest(to: team, among: teams).map { " (did you mean \($0)?)" } ?? ""
            throw fields.problem(fields["escalate"]!, "escalate", "no team \(quoted(team))\(hint); the teams are \(teams.joined(separator: ", ")), or list yours under teams")
        }
        var note: [String] = []
        for item in try fields.list("note", limit: 6) ?? [] {
            let name = try fields.scalar("note", item, expected: "a detail's name like order").trimmingCharacters(in: .whitespaces)
            guard declared.contains(name) else {
                throw fields.problem(item, "note", "\(quoted(name)) is not one of this customer's details (\(declared.sorted().joined(separator: ", "))); the note holds details by name")
            }
            guard known.contains(name) else {
                throw fields.problem(item, "note", "[\(name)] is not in the profile or any message the customer has sent by then, so the agent cannot know it; mention it in a message")
            }
            if !note.contains(name) { note.append(name) }
        }
        return .escalate(team: team, note: note)
    }

    /// Every blank of `template` must be one of the customer's details.
    static func checkDeclared(_ template: ReplyTemplate, declared: Set<String>, _ fields: YAMLFields, _ field: String) throws(TypeBarError) {
        for blank in template.blanks where !declared.contains(blank) {
            let names = declared.subtracting(reactionBlanks).sorted().joined(separator: ", ")
            throw fields.problem(fields[field]!, field, "[\(blank)] is not one of this customer's details (\(names)); add it under details")
        }
    }

    /// Every blank of a reply must be a detail the agent can know by then: in the profile, or in a message.
    static func checkKnown(_ template: ReplyTemplate, declared: Set<String>, known: Set<String>, _ fields: YAMLFields, _ field: String) throws(TypeBarError) {
        try checkDeclared(template, declared: declared, fields, field)
        for blank in template.blanks where !known.contains(blank) {
            throw fields.problem(fields[field]!, field, "[\(blank)] is not in the profile or any message the customer has sent by then, so the agent cannot know it; mention it in a message")
        }
    }
}

/// The shared library of canned replies: macros every scenario may use, and named lists details draw from
/// (first names, dates, e-mail addresses). Built in as scenarios/canned-replies.yaml.
public struct CannedReplies: Sendable {
    public var macros: [ChatMacro]
    public var lists: [String: [String]]

    public init(macros: [ChatMacro] = [], lists: [String: [String]] = [:]) {
        self.macros = macros
        self.lists = lists
    }

    public static func parse(_ text: String, path: String) throws(TypeBarError) -> CannedReplies {
        let root = try YAMLFields.root(text, path: path, example: "it needs macros: and lists:")
        let top = try YAMLFields(root, path: path, context: "canned replies", known: ["macros", "lists"])
        var library = CannedReplies(macros: try ScenarioFile.readMacros(top, limit: 200))
        if let lists = top["lists"] {
            guard let mapping = lists.mapping else { throw top.problem(lists, "lists", "must be named lists like `first_names: [Maya, Tom]`") }
            for (key, value) in mapping {
                guard let name = key.scalar?.string, case .list(let values) = try ScenarioFile.readDetail(value, name: name, context: "lists", path: path, canned: CannedReplies(), profile: nil) else {
                    throw top.problem(value, "lists", "each list must be a list of values, like `first_names: [Maya, Tom]`")
                }
                library.lists[name] = values
            }
        }
        return library
    }
}
