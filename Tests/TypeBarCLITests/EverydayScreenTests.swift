import Foundation
import Testing

/// What a candidate meets every day on the screens, end to end in tmux: the keys a stock xterm sends, and typing
/// on past the end of an assessment.
@Suite("Everyday edges of the screens, end to end in tmux", .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct EverydayScreenTests {
    func start(_ tmux: Tmux, _ command: String) throws {
        try tmux.tmux(["respawn-pane", "-k", "cd \(tmux.scratch.url.path) && LANG=C.UTF-8 TYPEBAR_HISTORY=history.jsonl \(command); echo EXIT=$?; sleep 60"])
    }

    @Test("At the chat desk, a stock xterm's Alt-2 and Alt-1 (the characters ² and ±) switch chats and type nothing")
    func xtermMetaDigits() throws {
        let tmux = try Tmux("true")
        tmux.scratch.write("two.yaml", chatScenario)
        try start(tmux, "\(typebarBinary.path) chat --scenario-file two.yaml --mode template --seed 5")
        try #require(tmux.waitFor("Press Enter to start") != nil, "no intro: \(tmux.screen())")
        try tmux.keys("Enter")
        try #require(tmux.waitFor("Ana: Order #123 is late.") != nil, "no first message: \(tmux.screen())")
        // Ben arrives in chat 2 a second in; what xterm sends for Alt-2 with its 8-bit meta key shows him.
        Thread.sleep(forTimeInterval: 1.2)
        try tmux.type("\u{B2}")
        let ben = try #require(tmux.waitFor("Ben: Hello?"), "Alt-2 as ² did not switch: \(tmux.screen())")
        #expect(!ben.contains("²"), "\(ben)")
        try tmux.type("\u{B1}")
        let ana = try #require(tmux.waitFor("Ana: Order #123 is late."), "Alt-1 as ± did not switch back: \(tmux.screen())")
        #expect(!ana.contains("±") && !ana.contains("²"), "\(ana)")
        try tmux.keys("Escape")
        try tmux.keys("Escape")
    }
}
