import Foundation
import Testing

/// `--record FILE` follows one rule on every screen (SessionKeeper): the first session goes to FILE, later ones to
/// FILE-2, FILE-3…, and without `--force` a file that exists is never replaced: a later number that exists is
/// skipped for the next free one.
@Suite("One --record rule for the typing screen and the chat desk", .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct RecordRuleTests {
    static let kept = "someone else's keystrokes\n"

    @Test("The typing screen skips a numbered file that exists")
    func typingScreen() throws {
        let tmux = try Tmux("true")
        tmux.scratch.write("lib/replies/ok.txt", "Okay, all sorted for you now.\n")
        tmux.scratch.write("rec-2.jsonl", Self.kept)
        try tmux.tmux(["respawn-pane", "-k", "cd \(tmux.scratch.url.path) && LANG=C.UTF-8 TYPEBAR_HISTORY=history.jsonl \(typebarBinary.path) practice --passage replies/ok --passages lib --record rec.jsonl; sleep 60"])
        for (round, name) in ["rec.jsonl", "rec-3.jsonl"].enumerated() {
            try #require(tmux.waitFor("Start when ready") != nil, "round \(round): \(tmux.screen())")
            try tmux.type("Okay, ")
            Thread.sleep(forTimeInterval: 1.1)   // a score needs a second of typing
            try tmux.type("all sorted for you now.")
            let results = try #require(tmux.waitFor("keystrokes saved to \(name)"), "round \(round): \(tmux.screen())")
            #expect(results.contains("saved to history as "))
            Thread.sleep(forTimeInterval: 1.1)   // the results screen ignores keys for a second
            try tmux.type("r")
        }
        try tmux.keys("Escape")
        #expect(tmux.scratch.read("rec-2.jsonl") == Self.kept)
        #expect(try #require(tmux.scratch.read("rec.jsonl")).contains("\"ch\":\"O\""))
        #expect(try #require(tmux.scratch.read("rec-3.jsonl")).contains("\"ch\":\"O\""))
    }

    @Test("The chat desk skips a numbered file that exists")
    func chatDesk() throws {
        let tmux = try Tmux("true")
        tmux.scratch.write("two.yaml", chatScenario)
        tmux.scratch.write("rec-2.jsonl", Self.kept)
        try tmux.tmux(["respawn-pane", "-k", "cd \(tmux.scratch.url.path) && LANG=C.UTF-8 TYPEBAR_HISTORY=history.jsonl \(typebarBinary.path) chat --scenario-file two.yaml --seed 5 --record rec.jsonl; sleep 60"])
        for (round, name) in ["rec.jsonl", "rec-3.jsonl"].enumerated() {
            try #require(tmux.waitFor("Press Enter to start") != nil, "round \(round): \(tmux.screen())")
            try tmux.keys("Enter")
            try #require(tmux.waitFor("Ana: Order") != nil, "round \(round): \(tmux.screen())")
            try tmux.type("Hi")
            try tmux.keys("Escape")
            try tmux.keys("Escape")
            try #require(tmux.waitFor("Keystrokes saved to \(name)"), "round \(round): \(tmux.screen())")
            Thread.sleep(forTimeInterval: 1.1)
            try tmux.type("r")
        }
        try tmux.keys("Escape")
        #expect(tmux.scratch.read("rec-2.jsonl") == Self.kept)
        #expect(try #require(tmux.scratch.read("rec.jsonl")).contains("\"chat\":\"leave\""))
        #expect(try #require(tmux.scratch.read("rec-3.jsonl")).contains("\"chat\":\"leave\""))
    }

    @Test("An existing FILE is refused before either screen starts, unless --force", arguments: [
        ["practice", "--record", "rec.jsonl"], ["chat", "--record", "rec.jsonl"],
    ])
    func existingFirstFile(arguments: [String]) throws {
        let scratch = Scratch()
        scratch.write("rec.jsonl", Self.kept)
        let run = try typebar(arguments, directory: scratch.url)
        #expect(run.status == 2)
        #expect(run.stderr.contains("--record rec.jsonl: the file exists and may hold someone's keystrokes; give a new name, or add --force to replace it"), "\(run.stderr)")
        #expect(scratch.read("rec.jsonl") == Self.kept)
    }
}
