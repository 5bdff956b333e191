import Foundation
import TypeBarCore
internal import Yams

/// How a scenario file writes a customer's details and profile: fixed values, lists, patterns, amounts, values
/// taken from the profile, and the rule that a customer's e-mail address holds their name.
extension ScenarioFile {
    static let profileFields = ["email", "plan", "since", "orders"]

    /// One detail's source. `profile` is the customer's profile, which a `{from: …}` detail must point into.
    static func readDetail(
        _ node: Node, name: String, context: String, path: String, canned: CannedReplies, profile: ProfileSpec?, inProfile: Bool = false
    ) throws(TypeBarError) -> DetailSource {
        let field = inProfile ? name : "details: \(name)"
        func problem(_ message: String) -> TypeBarError {
            .badLine(path: path, line: YAMLFields.line(node), problem: "\(context): \(field): \(message)")
        }
        if let scalar = node.scalar {
            let value = scalar.string.trimmed()
            guard !value.isEmpty, value.count <= 80 else { throw problem("must be a value of 1 to 80 characters") }
            return .fixed(value)
        }
        if let sequence = node.sequence {
            let values = sequence.compactMap { $0.scalar?.string.trimmed() }
            guard values.count == sequence.count, !values.isEmpty, values.count <= 200, values.allSatisfy({ !$0.isEmpty && $0.count <= 80 }) else {
                throw problem("must be a list of 1 to 200 plain values, each 1 to 80 characters")
            }
            return .list(values)
        }
        let fields = try YAMLFields(node, path: path, context: "\(context): \(field)", known: ["list", "pattern", "money", "from"])
        guard fields.values.count == 1 else { throw problem("give one of list, pattern, money or from") }
        if let listName = try fields.text("list", limit: 40) {
            guard let values = canned.lists[listName] else {
                throw fields.problem(fields["list"]!, "list", "no shared list \(quoted(listName)); the lists are \(canned.lists.keys.sorted().joined(separator: ", "))")
            }
            return .list(values)
        }
        if let pattern = try fields.text("pattern", limit: 40) {
            let plain = pattern.replacingOccurrences(of: "\\#", with: "").replacingOccurrences(of: "\\?", with: "")
            guard plain.contains(where: { $0 == "#" || $0 == "?" }) || plain.contains(nameBlank) else {
                throw fields.problem(fields["pattern"]!, "pattern", "\(quoted(pattern)) has no # (a digit), ? (a letter) or [name] to draw")
            }
            return .pattern(pattern)
        }
        if let path = try fields.text("from", limit: 40) {
            guard !inProfile else {
                throw fields.problem(fields["from"]!, "from", "a profile's own values are drawn like details (a value, a list, a pattern or money); from takes a detail out of the profile")
            }
            return .profile(try profileField(path, profile: profile, fields))
        }
        let moneyNode = fields["money"]!
        guard let pair = moneyNode.sequence, pair.count == 2,
              let low = pair[0].scalar.flatMap({ Double($0.string) }), let high = pair[1].scalar.flatMap({ Double($0.string) }),
              Limits.money.contains(low), Limits.money.contains(high), low <= high else {
            throw fields.problem(moneyNode, "money", "must be two amounts [low, high] from 0.01 to 100000, low first, like [10, 90]")
        }
        return .money(low: low, high: high)
    }

    /// `[name]` in a pattern: the customer's name as their e-mail address writes it.
    static let nameBlank = "[name]"

    /// Reads `email`, `plan`, `since` or `orders.N.FIELD` (N from 1, newest first), which the profile must have.
    static func profileField(_ path: String, profile: ProfileSpec?, _ fields: YAMLFields) throws(TypeBarError) -> ProfileField {
        let node = fields["from"]!
        guard let profile else {
            throw fields.problem(node, "from", "this customer has no profile to take \(path) from; add a profile with it")
        }
        let parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        switch parts.first {
        case "email" where parts.count == 1:
            return .email
        case "plan" where parts.count == 1:
            guard profile.plan != nil else { throw fields.problem(node, "from", "the profile has no plan; add `plan:` to it") }
            return .plan
        case "since" where parts.count == 1:
            guard profile.since != nil else { throw fields.problem(node, "from", "the profile has no since; add `since:` to it") }
            return .since
        case "orders" where parts.count == 3:
            let fieldNames = OrderField.allCases.map(\.rawValue).joined(separator: ", ")
            guard let number = Int(parts[1]), number >= 1 else {
                throw fields.problem(node, "from", "\(quoted(path)) needs an order's number from 1 (the newest), like orders.1.number")
            }
            guard number <= profile.orders.count else {
                let has = profile.orders.count == 1 ? "1 order" : "\(profile.orders.count) orders"
                throw fields.problem(node, "from", "\(quoted(path)) points at order \(number), and the profile has \(has); count from 1, the newest first")
            }
            guard let field = OrderField(rawValue: parts[2]) else {
                throw fields.problem(node, "from", "an order has no \(quoted(parts[2])); its fields are \(fieldNames)")
            }
            guard profile.orders[number - 1][field] != nil else {
                throw fields.problem(node, "from", "order \(number) in the profile has no \(field.rawValue); add it to the order")
            }
            return .order(number - 1, field)
        default:
            throw fields.problem(node, "from", "\(quoted(path)) is not in a profile; give email, plan, since or orders.N.FIELD (like orders.2.number)")
        }
    }

    /// `profile: {email, plan, since, orders: [{number, date, amount, status, item}]}`, each value written as a
    /// detail is (a fixed value, a list, a pattern, an amount).
    static func readProfile(_ node: Node, context: String, path: String, canned: CannedReplies) throws(TypeBarError) -> ProfileSpec {
        let place = "\(context), profile"
        let fields = try YAMLFields(node, path: path, context: place, known: profileFields)
        func value(_ field: String, in fields: YAMLFields, context: String) throws(TypeBarError) -> DetailSource? {
            guard let node = fields[field] else { return nil }
            return try readDetail(node, name: field, context: context, path: path, canned: canned, profile: nil, inProfile: true)
        }
        var profile = ProfileSpec(
            email: try value("email", in: fields, context: place), plan: try value("plan", in: fields, context: place),
            since: try value("since", in: fields, context: place), orders: [])
        for (index, item) in (try fields.list("orders", limit: Limits.orders) ?? []).enumerated() {
            let orderContext = "\(place), order \(index + 1)"
            let order = try YAMLFields(item, path: path, context: orderContext, known: OrderField.allCases.map(\.rawValue))
            var values: [OrderField: DetailSource] = [:]
            for field in OrderField.allCases {
                guard let source = try value(field.rawValue, in: order, context: orderContext) else {
                    guard field == .item else { throw order.missing(field.rawValue, example: orderExample(field)) }
                    continue
                }
                values[field] = source
            }
            profile.orders.append(values)
        }
        return profile
    }

    private static func orderExample(_ field: OrderField) -> String {
        switch field {
        case .number: "number: {pattern: '\\#5####'}"
        case .date: "date: {list: recent_dates}"
        case .amount: "amount: {money: [20, 90]}"
        case .status: "status: Delivered"
        case .item: "item: blue kettle"
        }
    }

    // MARK: - E-mail addresses and names

    /// A customer's name as an e-mail address writes it: lower case, accents dropped, letters and digits only
    /// ("Zoë" is "zoe").
    public static func emailForm(of name: String) -> String {
        name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX"))
            .lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }

    /// Whether `email` holds `name` in the part before the `@`, so the customer writes from their own address.
    public static func email(_ email: String, fits name: String) -> Bool {
        let form = emailForm(of: name)
        guard !form.isEmpty, let at = email.firstIndex(of: "@") else { return false }
        return email[..<at].lowercased().contains(form)
    }

    /// Checks that every e-mail address this customer can be drawn with holds their name: the profile's, and
    /// every detail that is an address (named `email` or `…_email`, or holding an `@`). An address drawn from a
    /// pattern with `[name]`, or taken from the profile, always does.
    static func checkEmails(_ spec: CustomerSpec, nodes: [String: Node], profileNode: Node?, context: String, path: String) throws(TypeBarError) {
        guard let nameSource = spec.details.first(where: { $0.name == "name" })?.source else { return }
        func check(_ source: DetailSource, node: Node, field: String, inProfile: Bool) throws(TypeBarError) {
            if case .profile(.email) = source { return }
            if case .pattern(let pattern) = source, pattern.contains(nameBlank) { return }
            // Every address the source can draw must fit every name the customer can be drawn with.
            var what: String?
            if let addresses = possibleValues(source), let names = possibleValues(nameSource) {
                for address in addresses {
                    if let name = names.first(where: { !email(address, fits: $0) }) {
                        what = "\(quoted(address)) does not hold the name \(quoted(name))"
                        break
                    }
                }
            } else {
                what = "an address not drawn from the name can disagree with it"
            }
            guard let what else { return }
            throw .badLine(path: path, line: YAMLFields.line(node), problem: "\(context)\(inProfile ? ", profile" : ""): \(field): \(what), so a customer would write from someone else's address; "
                + "put [name] where the name goes, like {pattern: \"[name].###@example.com\"}" + (inProfile ? "" : ", or take the profile's with {from: email}"))
        }
        for (name, source) in spec.details where name != "name" && isEmail(name: name, source) {
            if let node = nodes[name] { try check(source, node: node, field: "details: \(name)", inProfile: false) }
        }
        if let email = spec.profile?.email, let profileNode, let node = profileNode.mapping?["email"] {
            try check(email, node: node, field: "email", inProfile: true)
        }
    }

    /// A detail is an e-mail address when its name says so or its values hold an `@`.
    static func isEmail(name: String, _ source: DetailSource) -> Bool {
        if name == "email" || name.hasSuffix("_email") { return true }
        if case .profile(.email) = source { return true }
        return (possibleValues(source) ?? []).contains { $0.contains("@") }
    }

    /// The values a source can draw, as far as a check can tell: a fixed value, a list, a pattern's text; nil
    /// for amounts and profile values.
    static func possibleValues(_ source: DetailSource) -> [String]? {
        switch source {
        case .fixed(let value): [value]
        case .list(let values): values
        case .pattern(let pattern): [pattern]
        case .money, .profile: nil
        }
    }
}
