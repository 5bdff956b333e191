import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The terminal comes back whatever ends typebar while its screen is up: a crash (a Swift runtime trap, an abort,
/// a segfault) or a termination signal. A signal ends typebar by that same signal, so the shell or CI runner that
/// started it sees why it ended, and an assessment attempt it interrupts is still kept.
@Suite("The terminal survives a crash or a signal", .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct TerminalRecoveryTests {
    static let reply = "Hi Sam, your label is attached."

    /// How the command ended, as its parent sees it: "exit N" or "signal N" (from waitpid, not from a shell's $?,
    /// which reads 128 + N either way).
    static let endedScript = """
        my $out = shift @ARGV;
        system { $ARGV[0] } @ARGV;
        my $how = ($? & 127) ? 'signal ' . ($? & 127) : 'exit ' . ($? >> 8);
        open(my $file, '>', $out) or die "cannot write $out";
        print $file "$how\\n";
        close($file);
        """

    /// Runs `arguments` (typebar and its arguments) between two `stty -g`, recording how it ended in `ended`.
    func start(_ tmux: Tmux, _ arguments: String, environment: String = "") throws {
        tmux.scratch.write("lib/replies/label.txt", Self.reply + "\n")
        tmux.scratch.write("ended.pl", Self.endedScript)
        tmux.scratch.write("run.sh", """
            ulimit -c 0
            stty -g > before
            perl ended.pl ended env \(environment) \(typebarBinary.path) \(arguments)
            stty -g > after

            """)
        try tmux.tmux(["respawn-pane", "-k", "cd \(tmux.scratch.url.path) && LANG=C.UTF-8 TYPEBAR_HISTORY=history.jsonl sh run.sh; sleep 60"])
    }

    /// After the run: the terminal settings are those from before, and the pane is off the alternate screen with
    /// its cursor shown and keypad mode off. Returns how typebar ended.
    func finish(_ tmux: Tmux, after what: String) throws -> String {
        let after = try #require(tmux.waitForFile("after", seconds: 30), "typebar did not end after \(what): \(tmux.screen())")
        let before = tmux.waitForFile("before")
        #expect(before == after, "stty -g before and after \(what) differ")
        let modes = try tmux.tmux(["display-message", "-p", "#{alternate_on} #{cursor_flag} #{keypad_flag}"])
        #expect(modes.trimmingCharacters(in: .whitespacesAndNewlines) == "0 1 0",
                "alternate screen, cursor shown, keypad mode after \(what): \(modes)")
        return tmux.waitForFile("ended")?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "no status"
    }

    @Test("A crash on the typing screen leaves the terminal as it was, and typebar dies by the crash's signal",
          arguments: ["trap", "abort", "segv"])
    func crash(kind: String) throws {
        let tmux = try Tmux("true")
        // The Swift runtime's backtrace still prints, after the terminal is restored; on a terminal it then waits
        // for a key, which a person can give and a test need not.
        try start(tmux, "practice --passage replies/label --passages lib", environment: "TYPEBAR_TEST_TRAP=\(kind) SWIFT_BACKTRACE=interactive=no")
        try #require(tmux.waitFor("Start when ready") != nil, "no typing screen: \(tmux.screen())")
        try tmux.type("H")
        let ended = try finish(tmux, after: kind)
        switch kind {
        case "abort":
            #expect(ended == "signal \(SIGABRT)")
        case "segv":
            #expect(ended == "signal \(SIGSEGV)")
        default:
            // A Swift runtime trap is an illegal instruction on x86-64 and a breakpoint trap on arm64.
            #expect(ended == "signal \(SIGILL)" || ended == "signal \(SIGTRAP)", "\(ended)")
        }
    }

    @Test("Without the test switch the same keys do not crash", .timeLimit(.minutes(1)))
    func noSwitchNoCrash() throws {
        let tmux = try Tmux("true")
        try start(tmux, "practice --passage replies/label --passages lib")
        try #require(tmux.waitFor("Start when ready") != nil)
        try tmux.type("H")
        try #require(tmux.waitFor("% done") != nil)
        try tmux.keys("Escape")
        #expect(try finish(tmux, after: "Esc") == "exit 0")
    }

    @Test("SIGINT, SIGTERM and SIGHUP end typebar by that signal with the terminal restored; Ctrl-C and Esc quit",
          arguments: ["INT", "TERM", "HUP", "C-c", "Escape"])
    func stopSignals(how: String) throws {
        let tmux = try Tmux("true")
        try start(tmux, "practice --passage replies/label --passages lib")
        try #require(tmux.waitFor("Start when ready") != nil)
        try tmux.type("Hi Sa")
        try #require(tmux.waitFor("% done") != nil)
        let signals: [String: Int32] = ["INT": SIGINT, "TERM": SIGTERM, "HUP": SIGHUP]
        if let signal = signals[how] {
            let pid = try #require(try tmux.typebarPID())
            kill(pid, signal)
        } else {
            try tmux.keys(how)
        }
        let ended = try finish(tmux, after: how)
        if let signal = signals[how] {
            #expect(ended == "signal \(signal)")
        } else {
            #expect(ended == "exit 0")   // in raw mode Ctrl-C is a key: quit, not a signal
        }
    }

    @Test("A SIGTERM that lands while the first frame is drawn ends typebar at once, not at the next key")
    func signalWhileDrawing() throws {
        let tmux = try Tmux("true")
        // The switch sends the signal after the frame and before the first wait for a key, which has no time limit:
        // a wait that tested the flag only before it would sleep until a key came.
        try start(tmux, "practice --passage replies/label --passages lib", environment: "TYPEBAR_TEST_TRAP=term")
        #expect(try finish(tmux, after: "SIGTERM while drawing") == "signal \(SIGTERM)")
    }

    @Test("An assessment attempt ended by SIGTERM is kept, flagged as left early, and typebar dies by SIGTERM")
    func assessmentKeptOnSignal() throws {
        let tmux = try Tmux("true")
        tmux.scratch.write("typebar.key", "trainer-key-0123456789abcdef\n")
        tmux.scratch.write("round1.yaml", """
            name: Round 1
            seconds: 30
            passages_dir: lib
            passages: [replies/label]
            bar: 5
            min_accuracy: 80
            attempts: 2

            """)
        try start(tmux, "assess --config round1.yaml --candidate 'Ana Ruiz' --key-file typebar.key")
        try #require(tmux.waitFor("Enter: begin") != nil, "no instructions: \(tmux.screen())")
        try tmux.keys("Enter")
        try #require(tmux.waitFor("Round 1 · Ana Ruiz", seconds: 10) != nil, "no test after the countdown: \(tmux.screen())")
        try tmux.type("Hi Sam, your")
        Thread.sleep(forTimeInterval: 1.2)               // a score needs a second of typing
        try tmux.type(" label")
        Thread.sleep(forTimeInterval: 0.3)
        let pid = try #require(try tmux.typebarPID())
        kill(pid, SIGTERM)
        #expect(try finish(tmux, after: "SIGTERM") == "signal \(SIGTERM)")
        let history = tmux.scratch.url.appendingPathComponent("history.jsonl").path
        let listed = try typebar(["history", "--json", "--history", history])
        let record = try jsonObject(listed.stdout)
        #expect(record["candidate"] as? String == "Ana Ruiz")
        #expect(record["attempt"] as? Int == 1)
        let flags = record["flags"] as? [[String: Any]] ?? []
        #expect(flags.contains { $0["flag"] as? String == "left_early" }, "flags: \(flags)")
        let verified = try typebar(["verify", "--history", history], environment: ["TYPEBAR_SIGNING_KEY": "trainer-key-0123456789abcdef"])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
    }
}
