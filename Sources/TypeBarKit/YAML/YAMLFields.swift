import Foundation
import TypeBarCore
internal import Yams

/// One YAML mapping read field by field. Every YAML file typebar reads (assessment configs, chat assessments,
/// scenarios, the canned replies, the settings file) goes through here, so the same mistake gets the same words in
/// each: `FILE:LINE: where: field: what is wrong; what to do`, where a value that does not fit reads
/// `must be WHAT, not GIVEN` and a misspelt field name gets "did you mean". Numbers are bounded: a value out of
/// range names the range.
struct YAMLFields {
    let path: String
    /// Where the fields are, for messages: "assessment", "scenario", "customer 2, turn 1".
    let context: String
    let node: Node
    /// The fields in the order written. A list, not a dictionary: a mapping holds a dozen fields at most, and the
    /// first dictionary keyed by strings costs a run-time conformance look-up at start (docs/performance.md).
    private(set) var values: [(name: String, node: Node)] = []

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
                let hint = YAMLFields.nearest(to: name, among: known).map { " (did you mean \($0)?)" } ?? ""
                throw .badLine(path: path, line: YAMLFields.line(key), problem: "\(context): unknown field \(quoted(name))\(hint); the fields are \(known.joined(separator: ", "))")
            }
            values.append((name, value))
        }
    }

    // MARK: - The text as YAML

    /// The text of the file at `path`, read once at the edge. A config or a scenario is a page or two, so a file
    /// over 1 MiB or not UTF-8 is the wrong file; `kind` says what it should have been: "an assessment config".
    static func fileText(at path: String, kind: String) throws(TypeBarError) -> String {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .cannotRead(path: path, reason: (error as NSError).localizedFailureReason ?? "no such file, or no permission to read it")
        }
        return try text(of: data, path: path, kind: kind)
    }

    /// The bytes of a file as text: one over 1 MiB, or not UTF-8, is refused in the same words for every kind.
    static func text<Bytes: Collection<UInt8>>(of bytes: Bytes, path: String, kind: String) throws(TypeBarError) -> String {
        guard bytes.count <= maximumFileBytes else { throw .badFile(path: path, problem: "over 1 MiB: this is not \(kind)") }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .badFile(path: path, problem: "not UTF-8 text") }
        return text
    }

    /// The most a YAML file typebar reads may hold.
    static let maximumFileBytes = 1 << 20

    /// YAML text composed to its root node (nil for an empty text), every scalar as text: the fields parse their
    /// own numbers, so Yams's basic resolver does, where the default one compiles seven regular expressions at
    /// first use, at the start of every chat shift. Every YAML reader composes through here. No Swift values are
    /// built from the nodes, so the constructor maps nothing: Yams's default one builds three dictionaries of
    /// closures, and its default encoding copies the whole environment to look for one variable, together more than
    /// a settings file's own reading at every start (docs/performance.md, "Start-up").
    /// A byte-order mark before the text (Windows editors write one) is dropped: libyaml given the text as UTF-8
    /// would read the mark as part of the first line.
    static func compose(_ text: String) throws -> Node? {
        let text = text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text
        return try Yams.compose(yaml: text, Resolver.basic, Constructor([:], [:], [:]), .utf8)
    }

    /// Parses YAML text (JSON is YAML too) to its root node, turning Yams errors into `FILE:LINE:` problems;
    /// `example` says where to find a file that reads, for an empty one.
    static func root(_ text: String, path: String, example: String) throws(TypeBarError) -> Node {
        guard let root = try rootIfAny(text, path: path) else { throw .badFile(path: path, problem: "the file is empty; \(example)") }
        return root
    }

    /// Parses YAML text as `root` does, but an empty text (or one of comments only) is nil, not a problem: for a
    /// file whose every field is optional.
    static func rootIfAny(_ text: String, path: String) throws(TypeBarError) -> Node? {
        do {
            return try compose(text)
        } catch let error as YamlError {
            throw problem(error, path: path)
        } catch {
            throw .badFile(path: path, problem: "not readable as YAML: \(error)")
        }
    }

    /// A YAML reader's error as typebar says it: the file, the line, and what is wrong there.
    static func problem(_ error: YamlError, path: String) -> TypeBarError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return .badLine(path: path, line: mark.line, problem: "not valid YAML: \(problem) (column \(mark.column))")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .badLine(path: path, line: context.mark.line, problem: "a field is given twice: \(duplicates.joined(separator: ", "))")
        default:
            return .badFile(path: path, problem: "not valid YAML: \(error)")
        }
    }

    // MARK: - Fields

    subscript(_ field: String) -> Node? { values.first { $0.name == field }?.node }

    /// The field's single value as written; a list or a group of fields in its place is named as such.
    func scalar(_ field: String, _ node: Node, expected: String) throws(TypeBarError) -> String {
        guard let scalar = node.scalar else { throw problem(node, field, "must be \(expected), not \(YAMLFields.kind(node))") }
        return scalar.string
    }

    /// The field's text without the spaces and line breaks around it, at most `limit` characters and not empty.
    func text(_ field: String, limit: Int, required example: String? = nil) throws(TypeBarError) -> String? {
        guard let node = try value(field, required: example) else { return nil }
        let value = try scalar(field, node, expected: "text").trimmed(newlines: true)
        guard !value.isEmpty else {
            throw problem(node, field, "is empty; " + (example.map { "give it a value, like `\($0)`" } ?? "give it a value or leave the field out"))
        }
        guard value.count <= limit else { throw problem(node, field, "is \(value.count) characters long; the most is \(limit)") }
        return value
    }

    /// The field's text exactly as written, which may be empty: an assessment's name and instructions are hashed
    /// as the trainer wrote them, so trimming here would change the hash of configs already in use. The spaces
    /// around it do not count towards `limit`.
    func verbatim(_ field: String, limit: Int) throws(TypeBarError) -> String? {
        guard let node = self[field] else { return nil }
        let value = try scalar(field, node, expected: "text")
        let length = value.trimmed().count
        guard length <= limit else { throw problem(node, field, "is \(length) characters long; the most is \(limit)") }
        return value
    }

    /// A number of `unit` within `range`; a value outside it is named with the range allowed.
    func number(_ field: String, in range: ClosedRange<Double>, unit: String, required example: String? = nil) throws(TypeBarError) -> Double? {
        guard let node = try value(field, required: example) else { return nil }
        let expected = "a number of \(unit) from \(YAMLFields.format(range.lowerBound)) to \(YAMLFields.format(range.upperBound))"
        let value = try scalar(field, node, expected: expected).trimmed()
        guard let number = Double(value), number.isFinite, range.contains(number) else {
            throw problem(node, field, "must be \(expected), not \(quoted(value))")
        }
        return number
    }

    /// A whole number (of `unit`, when it counts something) within `range`: an `Int` count, or a `UInt64` seed.
    func whole<Number: FixedWidthInteger>(
        _ field: String, in range: ClosedRange<Number>, unit: String?, required example: String? = nil
    ) throws(TypeBarError) -> Number? {
        guard let node = try value(field, required: example) else { return nil }
        let expected = "a whole number\(unit.map { " of \($0)" } ?? "") from \(range.lowerBound) to \(range.upperBound)"
        let value = try scalar(field, node, expected: expected).trimmed()
        guard let number = Number(value), range.contains(number) else {
            throw problem(node, field, "must be \(expected), not \(quoted(value))")
        }
        return number
    }

    /// A yes-or-no setting; `yes`/`no` and `on`/`off` are accepted too, as in YAML 1.1.
    func boolean(_ field: String) throws(TypeBarError) -> Bool? {
        guard let node = self[field] else { return nil }
        let value = try scalar(field, node, expected: "true or false").trimmed()
        switch value.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw problem(node, field, "must be true or false, not \(quoted(value))")
        }
    }

    /// One of the words in `choices`, written exactly; a near miss of a word gets "did you mean".
    func choice(_ field: String, among choices: [String]) throws(TypeBarError) -> String? {
        guard let node = self[field] else { return nil }
        // The message is built only for a mistake: a settings file is read at every start.
        guard let scalar = node.scalar else { throw problem(node, field, "must be \(YAMLFields.either(choices)), not \(YAMLFields.kind(node))") }
        let value = scalar.string.trimmed()
        guard choices.contains(value) else {
            // Only a near miss of a word: "4" is not a misspelt "5".
            let near = YAMLFields.nearest(to: value, among: choices).flatMap { editDistance($0, value) * 3 <= max($0.count, value.count) ? $0 : nil }
            throw problem(node, field, "must be \(YAMLFields.either(choices)), not \(quoted(value))" + (near.map { " (did you mean \($0)?)" } ?? ""))
        }
        return value
    }

    /// "a, b or c".
    static func either(_ words: [String]) -> String {
        var text = ""
        for (index, word) in words.enumerated() {
            if index > 0 { text += index == words.count - 1 ? " or " : ", " }
            text += word
        }
        return text
    }

    /// The items of a list field (a single value is a list of one); `ifEmpty` says what to do with an empty one.
    func list(_ field: String, limit: Int = .max, ifEmpty: String = "give at least one entry or leave the field out") throws(TypeBarError) -> [Node]? {
        guard let node = self[field] else { return nil }
        let items: [Node]
        if let sequence = node.sequence {
            items = Array(sequence)
        } else if node.scalar != nil {
            items = [node]
        } else {
            throw problem(node, field, "must be a list (lines starting with `- `), not \(YAMLFields.kind(node))")
        }
        guard !items.isEmpty else { throw problem(node, field, "the list is empty; \(ifEmpty)") }
        guard items.count <= limit else { throw problem(node, field, "has \(items.count) entries; the most is \(limit)") }
        return items
    }

    /// The field's node; a required field (one with an example) that is missing is a problem.
    private func value(_ field: String, required example: String?) throws(TypeBarError) -> Node? {
        if let node = self[field] { return node }
        if let example { throw missing(field, example: example) }
        return nil
    }

    // MARK: - Problems

    /// A problem with `field`, reported at `node`'s line.
    func problem(_ node: Node, _ field: String, _ message: String) -> TypeBarError {
        .badLine(path: path, line: YAMLFields.line(node), problem: "\(context): \(field): \(message)")
    }

    /// A required field that is not there, reported at the mapping's first line with an example to copy.
    func missing(_ field: String, example: String) -> TypeBarError {
        .badLine(path: path, line: YAMLFields.line(node), problem: "\(context): no \(field); add a line like `\(example)`")
    }

    static func line(_ node: Node) -> Int { node.mark?.line ?? 1 }

    static func kind(_ node: Node) -> String {
        if node.sequence != nil { return "a list" }
        if node.mapping != nil { return "a group of fields" }
        return "a single value"
    }

    static func format(_ value: Double) -> String {
        value.rounded() == value ? formatDecimal(value, places: 0) : formatDecimal(value, places: 2)
    }

    /// The name among `candidates` that `name` is most likely a misspelling of, for "did you mean"; nil when none
    /// is within three edits.
    static func nearest(to name: String, among candidates: [String]) -> String? {
        let scored = candidates.map { (candidate: $0, distance: editDistance($0, name)) }
        guard let best = scored.min(by: { $0.distance < $1.distance }), best.distance <= 3 else { return nil }
        return best.candidate
    }
}

extension String {
    /// The text without the spaces and tabs around it (with `newlines`, without line breaks either), as Foundation's
    /// `.whitespaces` and `.whitespacesAndNewlines` trim, in Swift: Foundation's first trim costs a million
    /// instructions, more than reading a settings file (docs/performance.md, "Start-up").
    func trimmed(newlines: Bool = false) -> String {
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x20, 0x09, 0x200B: return true     // Foundation counts the zero-width space too
            case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return newlines
            case 0..<0x80: return false
            default: return scalar.properties.generalCategory == .spaceSeparator
            }
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return String(scalars[first...last])
    }
}
