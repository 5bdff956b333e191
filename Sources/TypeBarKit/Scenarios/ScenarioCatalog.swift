import Foundation
import TypeBarCore

/// The chat-desk scenarios typebar knows: the built-in ones (scenarios/ at the repository root, embedded in the
/// binary and parsed only when asked for) and a trainer's own files.
public enum ScenarioCatalog {
    /// The scenario `typebar chat` starts with when none is named: the gentle two-customer warm-up.
    public static let defaultID = "warm-up-double-charge"
    static let cannedRepliesFile = "canned-replies.yaml"

    /// The built-in ids in order: the file names without the order number and `.yaml`.
    public static var builtInIDs: [String] {
        BuiltInScenarios.files.map(\.name).filter { $0 != cannedRepliesFile }.map(id(ofFile:))
    }

    /// `03-late-parcels.yaml` → `late-parcels`.
    static func id(ofFile name: String) -> String {
        var base = Substring(name.hasSuffix(".yaml") ? String(name.dropLast(5)) : name)
        if let dash = base.firstIndex(of: "-"), base[..<dash].allSatisfy(\.isNumber), dash > base.startIndex {
            base = base[base.index(after: dash)...]
        }
        return String(base)
    }

    /// The shared canned replies and lists.
    public static func cannedReplies() throws(TypeBarError) -> CannedReplies {
        guard let file = BuiltInScenarios.files.first(where: { $0.name == cannedRepliesFile }) else { return CannedReplies() }
        return try CannedReplies.parse(file.contents, path: "scenarios/\(cannedRepliesFile)")
    }

    /// What a built-in scenario's intro says, known without reading the scenario (kept beside it by
    /// scripts/embed-scenarios.py): nil for an id that is not built in.
    public static func about(_ id: String) -> (name: String, summary: String, customers: Int, chats: Int, patience: Double, timeLimit: Double)? {
        guard let about = BuiltInScenarios.about.first(where: { self.id(ofFile: $0.file) == id }) else { return nil }
        return (about.name, about.summary, about.customers, about.chats, about.patience, about.timeLimit)
    }

    /// A built-in scenario by id.
    public static func builtIn(_ id: String) throws(TypeBarError) -> ScenarioFile {
        guard let file = BuiltInScenarios.files.first(where: { $0.name != cannedRepliesFile && self.id(ofFile: $0.name) == id }) else {
            let ids = builtInIDs
            let guess = ids.min { editDistance($0, id) < editDistance($1, id) }
            let hint = guess.map { editDistance($0, id) <= 4 ? " (did you mean \($0)?)" : "" } ?? ""
            throw .usage("no built-in scenario \(quoted(id))\(hint); typebar chat --list shows them all, and --scenario-file FILE reads your own")
        }
        return try ScenarioFile.parse(file.contents, path: "scenarios/\(file.name)", id: id, canned: cannedReplies())
    }

    /// A scenario file of a trainer's own.
    public static func load(path: String) throws(TypeBarError) -> ScenarioFile {
        try ScenarioFile.parse(YAMLFields.fileText(at: path, kind: "a scenario file"), path: path, id: path, canned: cannedReplies())
    }

    /// A built-in id, or a file when the argument names one (has a slash, ends in .yaml/.yml, or exists).
    public static func resolve(_ argument: String) throws(TypeBarError) -> ScenarioFile {
        if argument.contains("/") || argument.hasSuffix(".yaml") || argument.hasSuffix(".yml") || FileManager.default.fileExists(atPath: argument) {
            return try load(path: argument)
        }
        return try builtIn(argument)
    }

    /// Every built-in scenario, parsed (for `--list`).
    public static func all() throws(TypeBarError) -> [ScenarioFile] {
        var files: [ScenarioFile] = []
        for id in builtInIDs { files.append(try builtIn(id)) }
        return files
    }
}

extension ScenarioFile {
    /// How many customers the scenario brings.
    public var customerCount: Int { customers.count }
    /// How many replies the agent must send to serve everyone.
    public var replyCount: Int { customers.reduce(0) { $0 + $1.turns.count } }
}
