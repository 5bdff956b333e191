import Foundation
@_exported import TestSupport

/// What a run of the real `typebar` binary printed and how it exited.
struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// The built `typebar` executable, beside the test bundle.
let typebarBinary: URL = {
    let here = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var directory = here.deletingLastPathComponent()
    while directory.path != "/" {
        let candidate = directory.appendingPathComponent("typebar")
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            return candidate
        }
        directory.deleteLastPathComponent()
    }
    return URL(fileURLWithPath: ".build/debug/typebar")
}()

/// Runs typebar with `arguments`, feeding `input` on standard input, with `environment` added.
func typebar(_ arguments: [String], input: String? = nil, environment: [String: String] = [:],
             executable: URL = typebarBinary, directory: URL? = nil) throws -> Run {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "TYPEBAR_PASSAGES")
    // Never the tester's own history.
    env["TYPEBAR_HISTORY"] = FileManager.default.temporaryDirectory.appendingPathComponent("typebar-cli-\(getpid())/history.jsonl").path
    for (key, value) in environment { env[key] = value }
    process.environment = env
    if let directory { process.currentDirectoryURL = directory }
    let output = Pipe(), errors = Pipe(), stdin = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = stdin
    try process.run()
    if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
    try stdin.fileHandleForWriting.close()
    // Read both pipes before waiting, so a large output cannot block the child.
    let outData = output.fileHandleForReading.readDataToEndOfFile()
    let errData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
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
