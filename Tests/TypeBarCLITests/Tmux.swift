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

    /// Starts `command` (a shell command line) in an 80×24 window.
    init(_ command: String, columns: Int = 80, rows: Int = 24) throws {
        try tmux(["-f", "/dev/null", "new-session", "-d", "-x", "\(columns)", "-y", "\(rows)",
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

    /// Runs a program with posix_spawn and waitpid, its output going to `outputFile` (then read back).
    /// Foundation's Process is not used here: the tmux client that starts a server exits while the server keeps
    /// running, and Process could miss that exit and wait forever.
    private func spawn(_ arguments: [String], outputFile: String) throws -> String {
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
