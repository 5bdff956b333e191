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

    /// Where a detail's value comes from.
    enum DetailSource: Equatable, Sendable {
        case fixed(String)
        /// One value drawn from the list.
        case list([String])
        /// `#` becomes a drawn digit, `?` a drawn capital letter, `\\` keeps the next character as it is;
        /// everything else stays.
        case pattern(String)
        /// An amount in dollars and cents, drawn between two amounts.
        case money(low: Double, high: Double)
    }

    struct CustomerSpec: Sendable {
        var arrival: Double
        var patience: Double?
        var details: [(name: String, source: DetailSource)]
        var turns: [TurnSpec]
    }

    struct TurnSpec: Sendable {
        var message: ReplyTemplate
        var reply: ReplyTemplate
        var macro: String?
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
    }

    static let fields = ["name", "summary", "category", "chats", "patience", "time_limit", "macros", "customers"]
    static let customerFields = ["arrival", "patience", "details", "turns"]
    static let turnFields = ["message", "reply", "delay"]
    static let macroFields = ["shortcut", "text"]
    static let example = "docs/chat.md has a complete example scenario"

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
        let text = try fields.text("text", limit: Limits.messageLength, required: "text: Hi [name], ...")!
        return ChatMacro(shortcut: shortcut, template: ReplyTemplate(parsing: text))
    }

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
        if let detailsNode = fields["details"] {
            guard let mapping = detailsNode.mapping else {
                throw fields.problem(detailsNode, "details", "must be fields like `order: \"#48213\"` or `name: [Maya, Tom]`")
            }
            for (key, value) in mapping {
                guard let name = key.scalar?.string, !name.isEmpty,
                      name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                    throw .badLine(path: path, line: YAMLFields.line(key), problem: "\(context): details: a detail's name must be letters, digits or _ (it is used as [name] in messages)")
                }
                spec.details.append((name, try ScenarioFile.readDetail(value, name: name, context: context, path: path, canned: canned)))
            }
        }
        if !spec.details.contains(where: { $0.name == "name" }) {
            guard let names = canned.lists["first_names"] else {
                throw fields.missing("details: name", example: "name: [Maya, Tom, Priya]")
            }
            spec.details.insert(("name", .list(names)), at: 0)
        }
        guard let turns = try fields.list("turns", limit: Limits.turns) else {
            throw fields.missing("turns", example: "turns: (a list of message, reply and delay)")
        }
        let known = Set(spec.details.map(\.name))
        var mentioned: Set<String> = ["name"]
        for (index, item) in turns.enumerated() {
            let turnContext = "\(context), turn \(index + 1)"
            let turnFields = try YAMLFields(item, path: path, context: turnContext, known: ScenarioFile.turnFields)
            let message = ReplyTemplate(parsing: try turnFields.text("message", limit: Limits.messageLength, required: "message: Hi, I was charged twice.")!)
            for blank in message.blanks where !known.contains(blank) {
                throw turnFields.problem(turnFields["message"]!, "message", "[\(blank)] is not one of this customer's details (\(known.sorted().joined(separator: ", "))); add it under details")
            }
            mentioned.formUnion(message.blanks)
            let replyText = try turnFields.text("reply", limit: Limits.messageLength, required: "reply: Hi [name], ... (or /shortcut for a macro)")!
            var reply: ReplyTemplate
            var macro: String?
            if replyText.hasPrefix("/") {
                let shortcut = String(replyText.dropFirst())
                guard let found = macros.first(where: { $0.shortcut == shortcut }) else {
                    let hint = YAMLFields.nearest(to: shortcut, among: macros.map(\.shortcut)).map { " (did you mean /\($0)?)" } ?? ""
                    throw turnFields.problem(turnFields["reply"]!, "reply", "no macro /\(shortcut)\(hint); define it under macros or write the reply out")
                }
                reply = found.template
                macro = shortcut
            } else {
                reply = ReplyTemplate(parsing: replyText)
                macro = macros.first { $0.template == reply }?.shortcut
            }
            for blank in reply.blanks {
                guard known.contains(blank) else {
                    throw turnFields.problem(turnFields["reply"]!, "reply", "[\(blank)] is not one of this customer's details (\(known.sorted().joined(separator: ", "))); add it under details")
                }
                guard mentioned.contains(blank) else {
                    throw turnFields.problem(turnFields["reply"]!, "reply", "[\(blank)] is not in any message the customer has sent by then, so the agent cannot know it; mention it in a message")
                }
            }
            let delay = try turnFields.number("delay", in: Limits.delay, unit: "seconds before the customer's next message") ?? 0
            spec.turns.append(TurnSpec(message: message, reply: reply, macro: macro, delay: delay))
        }
        return spec
    }

    static func readDetail(_ node: Node, name: String, context: String, path: String, canned: CannedReplies) throws(TypeBarError) -> DetailSource {
        let field = "details: \(name)"
        func problem(_ message: String) -> TypeBarError {
            .badLine(path: path, line: YAMLFields.line(node), problem: "\(context): \(field): \(message)")
        }
        if let scalar = node.scalar {
            let value = scalar.string.trimmingCharacters(in: .whitespaces)
            guard !value.isEmpty, value.count <= 80 else { throw problem("must be a value of 1 to 80 characters") }
            return .fixed(value)
        }
        if let sequence = node.sequence {
            let values = sequence.compactMap { $0.scalar?.string.trimmingCharacters(in: .whitespaces) }
            guard values.count == sequence.count, !values.isEmpty, values.count <= 200, values.allSatisfy({ !$0.isEmpty && $0.count <= 80 }) else {
                throw problem("must be a list of 1 to 200 plain values, each 1 to 80 characters")
            }
            return .list(values)
        }
        let fields = try YAMLFields(node, path: path, context: "\(context): \(field)", known: ["list", "pattern", "money"])
        guard fields.values.count == 1 else { throw problem("give one of list, pattern or money") }
        if let listName = try fields.text("list", limit: 40) {
            guard let values = canned.lists[listName] else {
                throw fields.problem(fields["list"]!, "list", "no shared list \(quoted(listName)); the lists are \(canned.lists.keys.sorted().joined(separator: ", "))")
            }
            return .list(values)
        }
        if let pattern = try fields.text("pattern", limit: 40) {
            guard pattern.replacingOccurrences(of: "\\#", with: "").replacingOccurrences(of: "\\?", with: "").contains(where: { $0 == "#" || $0 == "?" }) else {
                throw fields.problem(fields["pattern"]!, "pattern", "\(quoted(pattern)) has no # (a digit) or ? (a letter) to draw")
            }
            return .pattern(pattern)
        }
        let moneyNode = fields["money"]!
        guard let pair = moneyNode.sequence, pair.count == 2,
              let low = pair[0].scalar.flatMap({ Double($0.string) }), let high = pair[1].scalar.flatMap({ Double($0.string) }),
              Limits.money.contains(low), Limits.money.contains(high), low <= high else {
            throw fields.problem(moneyNode, "money", "must be two amounts [low, high] from 0.01 to 100000, low first, like [10, 90]")
        }
        return .money(low: low, high: high)
    }

    // MARK: - Drawing

    /// The scenario with every detail drawn by `seed`. Customers get different values from the same list where
    /// the list has enough (two customers are not both called Maya).
    public func draw(seed: UInt64) -> ChatScenario {
        var generator = SplitMix64(seed: seed)
        var used: [[String]: Set<String>] = [:]
        var customers: [ChatCustomer] = []
        for spec in self.customers {
            var details: [String: String] = [:]
            for (name, source) in spec.details {
                details[name] = ScenarioFile.value(of: source, using: &generator, avoiding: &used)
            }
            let turns = spec.turns.map { turn in
                ChatTurn(message: turn.message.filled(with: details), reply: turn.reply, macro: turn.macro, delay: turn.delay)
            }
            customers.append(ChatCustomer(
                name: details["name"] ?? "Customer", arrival: spec.arrival, patience: spec.patience, details: details, turns: turns))
        }
        return ChatScenario(
            id: id, name: name, summary: summary, chats: chats, patience: patience, timeLimit: timeLimit,
            customers: customers, macros: macros)
    }

    static func value(of source: DetailSource, using generator: inout SplitMix64, avoiding used: inout [[String]: Set<String>]) -> String {
        func draw(_ count: Int) -> Int { Int(generator.next() % UInt64(count)) }
        switch source {
        case .fixed(let value):
            return value
        case .list(let values):
            var seen = used[values] ?? []
            if seen.count >= Set(values).count { seen = [] }
            var choice = values[draw(values.count)]
            while seen.contains(choice) { choice = values[draw(values.count)] }
            seen.insert(choice)
            used[values] = seen
            return choice
        case .pattern(let pattern):
            let letters = Array("ABCDEFGHJKLMNPQRSTUVWXYZ")
            var result = ""
            var escaped = false
            for character in pattern {
                if escaped {
                    result.append(character)
                    escaped = false
                    continue
                }
                switch character {
                case "\\": escaped = true
                case "#": result += String(draw(10))
                case "?": result.append(letters[draw(letters.count)])
                default: result.append(character)
                }
            }
            return result
        case .money(let low, let high):
            let lowCents = Int((low * 100).rounded()), highCents = Int((high * 100).rounded())
            let cents = lowCents + draw(highCents - lowCents + 1)
            let fraction = cents % 100
            return "$\(cents / 100).\(fraction < 10 ? "0" : "")\(fraction)"
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
                guard let name = key.scalar?.string, case .list(let values) = try ScenarioFile.readDetail(value, name: name, context: "lists", path: path, canned: CannedReplies()) else {
                    throw top.problem(value, "lists", "each list must be a list of values, like `first_names: [Maya, Tom]`")
                }
                library.lists[name] = values
            }
        }
        return library
    }
}
