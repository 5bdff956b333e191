import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A tmux server of its own running typebar in a detached window, for end-to-end tests of the typing screen.
final class Tmux {
    static let isAvailable: Bool = {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        let found = paths.contains { FileManager.default.isExecutableFile(atPath: "\($0)/tmux") }
        if !found { print("typebar tests: tmux is not installed; skipping the typing-screen end-to-end tests") }
        return found
    }()

    let socket = "typebar-test-\(UUID().uuidString.prefix(8))"
    let scratch = Scratch()

    /// Starts `command` (a shell command line) in an 80×24 window. The settings file, in this window and in any
    /// command respawned in it, is the scratch folder's `config/typebar/settings.yaml`, never the tester's own.
    init(_ command: String, columns: Int = 80, rows: Int = 24) throws {
        try tmux(["-f", "/dev/null", "new-session", "-d", "-x", "\(columns)", "-y", "\(rows)",
                  "-e", "XDG_CONFIG_HOME=\(scratch.url.path)/config", "-e", "TYPEBAR_SETTINGS=",
                  "cd \(scratch.url.path) && LANG=C.UTF-8 TYPEBAR_HISTORY=history.jsonl \(command); sleep 60"])
    }

    deinit { _ = try? tmux(["kill-server"]) }

    /// Runs a tmux command against this server and returns what it printed.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        try spawn(["tmux", "-L", socket] + arguments, outputFile: scratch.url.appendingPathComponent(".tmux-output").path)
    }

    func type(_ text: String) throws { try tmux(["send-keys", "-l", text]) }
    func keys(_ names: String...) throws { try tmux(["send-keys"] + names) }
    func screen() -> String { (try? tmux(["capture-pane", "-p"])) ?? "" }

    /// Waits until the screen shows `text`; returns the screen, or nil after `seconds`.
    @discardableResult
    func waitFor(_ text: String, seconds: Double = 15) -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let shown = screen()
            if shown.contains(text) { return shown }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return nil
    }

    /// Waits until a file exists in the scratch directory; returns its contents.
    func waitForFile(_ name: String, seconds: Double = 15) -> String? {
        let path = scratch.url.appendingPathComponent(name).path
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: path, encoding: .utf8), text.hasSuffix("\n") { return text }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return nil
    }

    /// Runs a program and waits for it, its output going to `outputFile` (then read back): see `spawnAndWait`.
    private func spawn(_ arguments: [String], outputFile: String) throws -> String {
        try spawnAndWait(arguments, outputFile: outputFile)
    }

    /// The process id of typebar running in the window.
    func typebarPID() throws -> Int32? {
        for _ in 0..<100 {
            // The typebar whose working directory is this test's scratch directory.
            let candidates = try spawn(["pgrep", "-x", "typebar"], outputFile: scratch.url.appendingPathComponent(".pgrep-output").path)
            for line in candidates.split(separator: "\n") {
                guard let pid = Int32(line) else { continue }
                let cwd = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/cwd")
                if cwd == scratch.url.path { return pid }
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return nil
    }
}
