import TypeBarCore
internal import Yams

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
