import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What several test targets share: a scratch folder, and the worked example of docs/scoring.md.

/// A temporary directory removed when the value goes away.
public final class Scratch {
    public let url: URL

    public init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("typebar-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// The path of `name` inside the directory.
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `contents` to `name` inside the directory and returns its path.
    @discardableResult
    public func write(_ name: String, _ contents: String) -> String {
        write(name, Data(contents.utf8))
    }

    /// The text of `name` inside the directory; nil when it cannot be read.
    public func read(_ name: String) -> String? { try? String(contentsOfFile: path(name), encoding: .utf8) }

    @discardableResult
    public func write(_ name: String, _ data: Data) -> String {
        let file = url.appendingPathComponent(name)
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? data.write(to: file)
        return file.path
    }
}

/// A chat scenario of one customer, Kim, asking after the refund for order #48213, answered "Hi Kim, the refund
/// for #48213 is on its way."; with `thanks`, a second turn 5 s after that reply: "Thanks!", answered "Glad to
/// help, Kim.".
public func oneRefundScenario(thanks: Bool) -> String {
    """
    name: One refund
    chats: 1
    patience: 60
    time_limit: 120
    customers:
      - arrival: 0
        details: {name: Kim, order: "#48213"}
        turns:
          - {message: "Where is my refund for [order]?", reply: "Hi [name], the refund for [order] is on its way.", delay: 5}

    """ + (thanks ? "      - {message: \"Thanks!\", reply: \"Glad to help, [name].\"}\n" : "")
}


/// One customer, Lukas: where is his refund (the rubric derived from /refund: the amount and the order, the answer,
/// a greeting with his name and a next step), then goodbye (/bye: the thanks and a closing). His chat should be
/// closed as billing.
public let freeScenario = """
name: Scripted refund
chats: 1
patience: 120
time_limit: 120
known_words: [Zendora]
macros:
  - shortcut: refund
    text: "Hi [name], I have refunded [amount] for order [order]. It will show on your card in 3 to 5 working days."
    answer: ["refund|refunded|money back"]
customers:
  - arrival: 0
    details: {name: Lukas, order: '#39051', amount: $81.49}
    close: billing
    turns:
      - message: "Where is my refund of [amount] for order [order]?"
        reply: /refund
        delay: 2
      - message: "Thanks, bye!"
        reply: /bye

"""

public let header = #"{"format":"typebar-keystrokes","version":1,"text":"the cat sat"}"#

/// The worked example of docs/scoring.md as a log body.
public let workedExample = """
\(header)
{"t":0,"ch":"t"}
{"t":200,"ch":"h"}
{"t":400,"ch":"e"}
{"t":600,"ch":" "}
{"t":800,"ch":"c"}
{"t":1000,"ch":"x"}
{"t":1200,"key":"backspace"}
{"t":1400,"ch":"a"}
{"t":1600,"ch":"t"}
{"t":1800,"ch":" "}
{"t":2000,"ch":"s"}
{"t":2200,"ch":"e"}
{"t":2400,"ch":"t"}

"""

public func isClose(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(b)) }

/// Runs a program with posix_spawn and waitpid, its output going to `outputFile` (then read back).
/// Foundation's Process is not used here: the tmux client that starts a server exits while the server keeps
/// running, and Process could miss that exit and wait forever.
public func spawnAndWait(_ arguments: [String], outputFile: String) throws -> String {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outputFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    // A clean signal state for the child: test runners may block or ignore signals, and tmux passes that on.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t()
    sigemptyset(&none)
    var all = sigset_t()
    sigfillset(&all)
    posix_spawnattr_setsigmask(&attributes, &none)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var pid: pid_t = 0
    let spawned = posix_spawnp(&pid, arguments[0], &actions, &attributes, &argv, environ)
    guard spawned == 0 else { throw CocoaError(.executableLoad) }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    return (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? ""
}

/// What a run of a process printed and how it exited.
public struct Run: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// A value several threads take turns with, under a lock.
public final class Shared<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    public init(_ value: Value) { stored = value }
    public var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
    public func update(_ change: (inout Value) -> Void) { lock.withLock { change(&stored) } }
}

/// A built executable of this package (typebar, store-stress, …), found beside the test bundle.
public func product(_ name: String) -> URL {
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    while directory.path != "/" {
        let candidate = directory.appendingPathComponent(name)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue { return candidate }
        directory.deleteLastPathComponent()
    }
    return URL(fileURLWithPath: ".build/debug/\(name)")
}

/// Runs `executable` with `arguments`: the test's environment without the variables in `removing`, with
/// `environment` added, `input` on standard input, in `directory` when given. Standard output and error are read
/// at the same time, so a child that fills either pipe cannot stall.
public func command(_ executable: URL, _ arguments: [String], environment: [String: String] = [:], removing: [String] = [],
                    input: String? = nil, directory: URL? = nil) throws -> Run {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    for name in removing { env.removeValue(forKey: name) }
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
    let errData = Shared(Data())
    let group = DispatchGroup()
    DispatchQueue.global().async(group: group) { errData.value = readToEnd(errors.fileHandleForReading) }
    let outData = readToEnd(output.fileHandleForReading)
    group.wait()
    process.waitUntilExit()
    return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData.value, as: UTF8.self))
}

/// Everything `handle` gives until its end, reading again when a signal interrupts a read (Foundation's
/// `readDataToEndOfFile` traps on EINTR, which the store tests' stopped and resumed servers can cause).
public func readToEnd(_ handle: FileHandle) -> Data {
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = buffer.withUnsafeMutableBytes { read(handle.fileDescriptor, $0.baseAddress, $0.count) }
        if count > 0 {
            data.append(contentsOf: buffer[..<count])
        } else if count == 0 || errno != EINTR {
            return data
        }
    }
}

/// A scripted chat shift's keystroke log on `freeScenario`: each reply typed at 50 ms a key and sent, the waits
/// between them, and a close with a tag, as `typebar chat --record` writes them.
public struct ScriptedChatLog {
    private var lines: [String]
    private var time = 1000

    public init(mode: String) {
        lines = [#"{"format":"typebar-keystrokes","version":1,"mode":"chat","chat_scenario":"scripted.yaml","chat_scenario_yaml":"# + ScriptedChatLog.quoted(freeScenario) + #","chat_mode":"\#(mode)","chat_seed":"1"}"#]
    }

    /// Types `text` a key every 50 ms, then sends it.
    public mutating func send(_ text: String) {
        for character in text {
            lines.append(#"{"t":\#(time),"ch":\#(ScriptedChatLog.quoted(String(character)))}"#)
            time += 50
        }
        lines.append(#"{"t":\#(time),"chat":"send"}"#)
    }

    public mutating func wait(milliseconds: Int) { time += milliseconds }

    /// Closes the chat with `tag`, `milliseconds` after the last event.
    public mutating func close(tag: String, after milliseconds: Int) {
        lines.append(#"{"t":\#(time + milliseconds),"chat":"close","tag":"\#(tag)"}"#)
    }

    public var text: String { lines.joined(separator: "\n") + "\n" }

    /// A JSON string literal.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n") + "\""
    }
}
