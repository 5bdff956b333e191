import Foundation

/// What several test targets share: a scratch folder, and the worked example of docs/scoring.md.

/// A temporary directory removed when the value goes away.
public final class Scratch {
    public let url: URL

    public init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("typebar-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `contents` to `name` inside the directory and returns its path.
    @discardableResult
    public func write(_ name: String, _ contents: String) -> String {
        write(name, Data(contents.utf8))
    }

    @discardableResult
    public func write(_ name: String, _ data: Data) -> String {
        let file = url.appendingPathComponent(name)
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? data.write(to: file)
        return file.path
    }
}

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
