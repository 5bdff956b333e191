import Foundation
@_exported import TestSupport

/// The built `typebar` executable, beside the test bundle.
let typebarBinary = product("typebar")

/// Runs typebar with `arguments`, feeding `input` on standard input, with `environment` added, never with the
/// tester's own history, passages or settings (XDG_CONFIG_HOME points at a folder with none, unless `environment`
/// says otherwise).
func typebar(_ arguments: [String], input: String? = nil, environment: [String: String] = [:],
             executable: URL = typebarBinary, directory: URL? = nil) throws -> Run {
    let own = FileManager.default.temporaryDirectory.appendingPathComponent("typebar-cli-\(getpid())")
    var env = ["TYPEBAR_HISTORY": own.appendingPathComponent("history.jsonl").path, "XDG_CONFIG_HOME": own.appendingPathComponent("config").path]
    for (key, value) in environment { env[key] = value }
    return try command(executable, arguments, environment: env, removing: ["TYPEBAR_PASSAGES", "TYPEBAR_SETTINGS"], input: input, directory: directory)
}

/// A log of `text` typed perfectly at `interval` ms per character with varied rhythm, under `header` fields.
func cleanLog(_ text: String, interval: Double = 150, headerText: Bool = true) -> String {
    var lines = [headerText ? #"{"format":"typebar-keystrokes","version":1,"text":"\#(text)"}"# : #"{"format":"typebar-keystrokes","version":1}"#]
    var time = 0.0
    let jitter: [Double] = [0.8, 1.3, 0.9, 1.1, 0.7, 1.2, 1.0, 1.4, 0.6, 1.0]
    for (index, character) in text.enumerated() {
        let escaped = character == "\"" ? "\\\"" : (character == "\\" ? "\\\\" : String(character))
        lines.append(#"{"t":\#(time),"ch":"\#(escaped)"}"#)
        time += interval * jitter[index % jitter.count]
    }
    return lines.joined(separator: "\n") + "\n"
}

/// The JSON object printed by `score --json`.
func jsonObject(_ text: String) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
}
