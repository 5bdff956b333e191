import Foundation
import TypeBarCore
internal import Yams

/// One YAML mapping read field by field, every problem reported as `FILE:LINE: field: what is wrong`, with
/// "did you mean" for a misspelt field name. Numbers are bounded: a value out of range names the range.
struct YAMLFields {
    let path: String
    /// Where the fields are, for messages: "customer 2, turn 1".
    let context: String
    let node: Node
    private(set) var values: [String: Node] = [:]
    private(set) var order: [String] = []

    /// Reads `node` as a mapping whose keys must be among `known`.
    init(_ node: Node, path: String, context: String, known: [String]) throws(TypeBarError) {
        self.path = path
        self.context = context
        self.node = node
        guard let mapping = node.mapping else {
            throw .badLine(path: path, line: YAMLFields.line(node), problem: "\(context): expected fields like `\(known.first ?? "name"): ...`, not \(YAMLFields.kind(node))")
        }
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                throw .badLine(path: path, line: YAMLFields.line(key), problem: "\(context): a field name must be a plain word")
            }
            guard known.contains(name) else {
                let guess = known.min { editDistance($0, name) < editDistance($1, name) }
                let hint = guess.map { editDistance($0, name) <= 3 ? " (did you mean \($0)?)" : "" } ?? ""
                throw .badLine(path: path, line: YAMLFields.line(key), problem: "\(context): unknown field \(quoted(name))\(hint); the fields are \(known.joined(separator: ", "))")
            }
            values[name] = value
            order.append(name)
        }
    }

    static func line(_ node: Node) -> Int { node.mark?.line ?? 1 }

    static func kind(_ node: Node) -> String {
        if node.sequence != nil { return "a list" }
        if node.mapping != nil { return "a group of fields" }
        return "a single value"
    }

    subscript(_ field: String) -> Node? { values[field] }

    func problem(_ node: Node, _ field: String, _ message: String) -> TypeBarError {
        .badLine(path: path, line: YAMLFields.line(node), problem: "\(context): \(field): \(message)")
    }

    func missing(_ field: String, example: String) -> TypeBarError {
        .badLine(path: path, line: YAMLFields.line(node), problem: "\(context): no \(field); add a line like `\(example)`")
    }

    func scalar(_ field: String, _ node: Node, expected: String) throws(TypeBarError) -> String {
        guard let scalar = node.scalar else { throw problem(node, field, "must be \(expected), not \(YAMLFields.kind(node))") }
        return scalar.string
    }

    func text(_ field: String, limit: Int, required example: String? = nil) throws(TypeBarError) -> String? {
        guard let node = values[field] else {
            if let example { throw missing(field, example: example) }
            return nil
        }
        let value = try scalar(field, node, expected: "text").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else { throw problem(node, field, "is empty") }
        guard value.count <= limit else { throw problem(node, field, "is \(value.count) characters long; the most is \(limit)") }
        return value
    }

    /// A number of `unit` within `range`; a value outside it is named with the range allowed.
    func number(_ field: String, in range: ClosedRange<Double>, unit: String, required example: String? = nil) throws(TypeBarError) -> Double? {
        guard let node = values[field] else {
            if let example { throw missing(field, example: example) }
            return nil
        }
        let value = try scalar(field, node, expected: "a number of \(unit)").trimmingCharacters(in: .whitespaces)
        guard let number = Double(value), number.isFinite, range.contains(number) else {
            throw problem(node, field, "\(quoted(value)) is not allowed: a number of \(unit) from \(YAMLFields.format(range.lowerBound)) to \(YAMLFields.format(range.upperBound))")
        }
        return number
    }

    func whole(_ field: String, in range: ClosedRange<Int>, unit: String, required example: String? = nil) throws(TypeBarError) -> Int? {
        guard let node = values[field] else {
            if let example { throw missing(field, example: example) }
            return nil
        }
        let value = try scalar(field, node, expected: "a whole number of \(unit)").trimmingCharacters(in: .whitespaces)
        guard let number = Int(value), range.contains(number) else {
            throw problem(node, field, "\(quoted(value)) is not allowed: a whole number of \(unit) from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    /// The items of a list field (a single value is a list of one).
    func list(_ field: String, limit: Int) throws(TypeBarError) -> [Node]? {
        guard let node = values[field] else { return nil }
        let items: [Node]
        if let sequence = node.sequence {
            items = Array(sequence)
        } else if node.scalar != nil {
            items = [node]
        } else {
            throw problem(node, field, "must be a list (lines starting with `- `)")
        }
        guard !items.isEmpty else { throw problem(node, field, "the list is empty") }
        guard items.count <= limit else { throw problem(node, field, "has \(items.count) entries; the most is \(limit)") }
        return items
    }

    static func format(_ value: Double) -> String {
        value.rounded() == value ? formatDecimal(value, places: 0) : formatDecimal(value, places: 2)
    }

    /// YAML text composed to its root node (nil for an empty text), every scalar as text: the fields parse their
    /// own numbers, so Yams's basic resolver does, where the default one compiles seven regular expressions at
    /// first use, at the start of every chat shift. Every YAML reader composes through here.
    static func compose(_ text: String) throws -> Node? {
        try Yams.compose(yaml: text, Resolver.basic)
    }

    /// Parses YAML text to its root node, turning Yams errors into `FILE:LINE:` problems.
    static func root(_ text: String, path: String, example: String) throws(TypeBarError) -> Node {
        let root: Node?
        do {
            root = try compose(text)
        } catch let error as YamlError {
            throw AssessmentDefinition.yamlProblem(error, path: path)
        } catch {
            throw .badFile(path: path, problem: "not readable as YAML: \(error)")
        }
        guard let root else { throw .badFile(path: path, problem: "the file is empty; \(example)") }
        return root
    }
}
