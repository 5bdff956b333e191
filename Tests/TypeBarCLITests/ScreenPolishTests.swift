import Foundation
import Testing

/// What a candidate meets on the screens, through tmux: results that typing on cannot skip, typing that waits in a
/// window too small, terminals that cannot draw the screen, ASCII outside UTF-8, and the replay's own keys.
@Suite("The screens in real terminals, end to end in tmux", .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct ScreenPolishTests {
    static let reply = "Hi Sam, your label is attached."

    /// A shell command line running typebar in the tmux window's scratch folder with `environment` first.
    func practice(_ tmux: Tmux, environment: String = "", extra: String = "") -> String {
        tmux.scratch.write("lib/replies/label.txt", Self.reply + "\n")
        return "env \(environment) \(typebarBinary.path) practice --passage replies/label --passages lib \(extra)"
    }

    func start(_ tmux: Tmux, _ command: String) throws {
        try tmux.tmux(["respawn-pane", "-k", "cd \(tmux.scratch.url.path) && LANG=C.UTF-8 TYPEBAR_HISTORY=history.jsonl \(command); sleep 60"])
    }

    @Test("Keys typed on through the end of a passage do not act on the results; after a second, the results keys do")
    func typingThroughTheEnd() throws {
        let tmux = try Tmux("true")
        try start(tmux, practice(tmux))
        try #require(tmux.waitFor("Start when ready") != nil)
        try tmux.type("Hi Sam, your label")
        Thread.sleep(forTimeInterval: 1.2)               // a score needs a second of typing
        try tmux.type(" is attached. Then nr")           // the end, then on without looking: n and r must do nothing
        let settling = try #require(tmux.waitFor("net WPM"), "no results: \(tmux.screen())")
        #expect(settling.contains("keys ignored until typing stops") || settling.contains("r retry · n next · "))
        let settled = try #require(tmux.waitFor("r retry · n next · "), "\(tmux.screen())")
        #expect(settled.contains("net WPM"))
        Thread.sleep(forTimeInterval: 0.3)
        #expect(tmux.screen().contains("net WPM"), "the results were typed away: \(tmux.screen())")
        try tmux.type("n")                               // now n is the results screen's own key
        #expect(tmux.waitFor("Start when ready") != nil)
        try tmux.keys("Escape")
    }

    @Test("While the window is too small to show the passage, keys do not count and the clock does not start")
    func tooSmallWaits() throws {
        let tmux = try Tmux("true", columns: 20, rows: 5)
        try start(tmux, practice(tmux, extra: "--record rec.jsonl"))
        // The message's last words: the whole message is on screen (an earlier capture may catch it half drawn).
        let small = try #require(tmux.waitFor("typing waits."), "\(tmux.screen())")
        #expect(small.contains("or more"), "\(small)")
        try tmux.type("Hi Tomas, thanks for flaging")
        Thread.sleep(forTimeInterval: 0.3)
        try tmux.tmux(["resize-window", "-x", "80", "-y", "24"])
        let shown = try #require(tmux.waitFor("Start when ready"), "typing counted while hidden: \(tmux.screen())")
        #expect(shown.contains("0:00"))
        #expect(!shown.contains("% done"))
        try tmux.keys("Escape")
    }

    @Test("TERM=dumb is refused with a clear message and exit status 2")
    func dumbTerminal() throws {
        let tmux = try Tmux("true")
        try start(tmux, practice(tmux, environment: "TERM=dumb") + " 2> err; echo $? > status")
        #expect(tmux.waitForFile("status")?.trimmingCharacters(in: .whitespacesAndNewlines) == "2")
        let message = tmux.waitForFile("err") ?? ""
        #expect(message.contains("TERM=dumb cannot"), "\(message)")
    }

    @Test("A terminal without an alternate screen (vt100, linux) is cleared on exit", arguments: ["vt100", "linux"])
    func clearedOnExit(term: String) throws {
        let tmux = try Tmux("true")
        try start(tmux, practice(tmux, environment: "TERM=\(term)") + "; echo $? > status")
        try #require(tmux.waitFor("Start when ready") != nil)
        try tmux.type("Hi Sa")
        Thread.sleep(forTimeInterval: 0.2)
        try tmux.keys("Escape")
        #expect(tmux.waitForFile("status") != nil)
        let after = tmux.screen()
        #expect(!after.contains("Start when ready") && !after.contains("your label is attached") && !after.contains("Esc quit"), "\(after)")
    }

    @Test("Outside UTF-8 (LANG=C) the screens draw with ASCII: separators, marks and the chart")
    func asciiLocale() throws {
        let tmux = try Tmux("true")
        try start(tmux, practice(tmux, environment: "LANG=C LC_ALL=C"))
        try #require(tmux.waitFor("Esc quit - Tab restart") != nil, "\(tmux.screen())")
        try tmux.type("Hi Sam, your label")
        Thread.sleep(forTimeInterval: 5.2)               // the chart draws from 5 s
        try tmux.type(" is attached.")
        let results = try #require(tmux.waitFor("r retry - n next - "), "\(tmux.screen())")
        #expect(results.contains(" ok meets the 40 WPM bar"), "\(results)")
        #expect(results.contains("#"))
        #expect(results.contains("speed: net WPM so far * - raw over the last 5 s . - x mistyped keys"), "\(results)")
        try tmux.type("q")
    }

    @Test("A locale whose name says UTF-8 draws and reads UTF-8 whether or not it is installed; LC_ALL=C over it draws ASCII")
    func localeByName() throws {
        let tmux = try Tmux("true")
        tmux.scratch.write("lib/replies/cafe.txt", "Merci René, the café refund is on its way.\n")
        let command = "\(typebarBinary.path) practice --passage replies/cafe --passages lib"
        // xx_XX is installed nowhere: the C library would fall back to its C locale, and typebar took it at that.
        try start(tmux, "env -u LC_ALL -u LC_CTYPE LANG=xx_XX.UTF-8 \(command)")
        try #require(tmux.waitFor("Esc quit · Tab restart") != nil, "\(tmux.screen())")
        try tmux.type("Merci René, the ")
        Thread.sleep(forTimeInterval: 1.2)               // a score needs a second of typing
        try tmux.type("café refund is on its way.")
        let results = try #require(tmux.waitFor("r retry · n next · "), "\(tmux.screen())")
        // é, two bytes, is one key: typed right, it is no error.
        #expect(results.contains("100.0 % accuracy") && results.contains("errors: 0 uncorrected"), "\(results)")
        try tmux.type("q")

        try start(tmux, "env LANG=C.UTF-8 LC_ALL=C \(command)")
        try #require(tmux.waitFor("Esc quit - Tab restart") != nil, "\(tmux.screen())")
    }

    @Test("stats and history on a terminal outside UTF-8 print ASCII")
    func asciiStats() throws {
        let tmux = try Tmux("true", columns: 80, rows: 60)
        let history = tmux.scratch.url.appendingPathComponent("history.jsonl").path
        for pace in [150.0, 300] {
            let log = tmux.scratch.write("log-\(Int(pace)).jsonl", cleanLog("Hi Sam, your label is attached and ready to print.", interval: pace))
            #expect(try typebar(["score", "--keys", log, "--save", "--history", history]).status <= 1)
        }
        try start(tmux, "env LANG=C LC_ALL=C \(typebarBinary.path) stats --history history.jsonl")
        let stats = try #require(tmux.waitFor("Charts: after 3 sessions"), "\(tmux.screen())")
        #expect(stats.contains("typebar stats - 2 sessions - "), "\(stats)")
        #expect(!stats.contains("█") && !stats.contains("┤") && !stats.contains("·"))
    }

    @Test("A replay names only the keys that work; n on its results does nothing")
    func replayKeys() throws {
        let tmux = try Tmux("true")
        let log = tmux.scratch.write("log.jsonl", cleanLog("Hi Sam, your label is attached and ready to print.", interval: 150))
        let saved = try typebar(["score", "--keys", log, "--save", "--history", tmux.scratch.url.appendingPathComponent("history.jsonl").path])
        #expect(saved.status == 0, "\(saved.stderr)")
        let listed = try typebar(["history", "--json", "--history", tmux.scratch.url.appendingPathComponent("history.jsonl").path])
        let id = try #require(try jsonObject(listed.stdout)["id"] as? String)
        try start(tmux, "\(typebarBinary.path) replay \(id.suffix(8).prefix(5)) --history history.jsonl")
        let playing = try #require(tmux.waitFor("Esc or q stop the replay"), "\(tmux.screen())")
        #expect(!playing.contains("Tab restart"))
        try #require(tmux.waitFor("r replay again · q quit", seconds: 20) != nil)
        try tmux.type("n")
        Thread.sleep(forTimeInterval: 0.4)
        #expect(tmux.screen().contains("r replay again · q quit"))
        try tmux.type("q")
    }
}
