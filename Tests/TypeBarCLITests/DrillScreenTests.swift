import Foundation
import Testing

/// A drill on the typing screen, then its missed words with `m`, through tmux as a candidate would.
@Suite("Drills on the typing screen, end to end in tmux", .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct DrillScreenTests {
    /// The text on screen: the lines between the title and the status line, joined.
    func shownText(_ screen: String) -> String {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        return lines.dropFirst(1).prefix { !$0.hasPrefix("0:00") && !$0.contains("on the clock") }
            .filter { !$0.isEmpty && !$0.hasPrefix("Start when ready") }.joined(separator: " ")
    }

    @Test("A drill, typed with a mistake left in its first word; m practises that word; both kept in the history")
    func drillThenMissed() throws {
        let tmux = try Tmux("true")
        try tmux.tmux(["respawn-pane", "-k", "cd \(tmux.scratch.url.path) && LANG=C.UTF-8 TYPEBAR_HISTORY=history.jsonl \(typebarBinary.path) drill --seed 3 --minutes 0.2; sleep 60"])
        let first = try #require(tmux.waitFor("Start when ready"), "no drill screen: \(tmux.screen())")
        #expect(first.contains("typebar · drill · placement · seed 3"), "\(first)")
        let text = shownText(first)
        let words = text.split(separator: " ").map(String.init)
        try #require(words.count >= 3, "drill text: \(text)")
        // The first word with its first letter wrong (left in), the rest right, over more than a second.
        let wrong = (words[0].first == "x" ? "z" : "x") + words[0].dropFirst()
        try tmux.type(wrong + " " + words[1] + " ")
        Thread.sleep(forTimeInterval: 1.2)
        try tmux.type(words.dropFirst(2).joined(separator: " "))
        let results = try #require(tmux.waitFor("m missed words"), "no results with m: \(tmux.screen())")
        #expect(results.contains("placement: "))
        #expect(results.contains("letters at 40 WPM"))
        #expect(results.contains("saved to"))
        try tmux.type("m")
        let missed = try #require(tmux.waitFor("1 missed word"), "m did not open the missed words: \(tmux.screen())")
        #expect(shownText(missed) == words[0])
        try tmux.type(words[0])
        Thread.sleep(forTimeInterval: 0.3)
        try tmux.keys("Escape")

        let history = try typebar(["history", "--json", "--history", tmux.scratch.url.appendingPathComponent("history.jsonl").path])
        let records = history.stdout.split(separator: "\n").compactMap { try? jsonObject(String($0)) }
        #expect(records.first?["mode"] as? String == "drill")
        #expect((records.first?["uncorrected_errors"] as? Int ?? 0) >= 1)
    }
}

@Suite("Pace and ghost races, end to end in tmux", .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct RaceScreenTests {
    static let reply = "Hi Sam, your label is attached."

    @Test("A pace caret races a practice; the results say who finished first; the same log then races as a ghost")
    func paceThenGhost() throws {
        let tmux = try Tmux("true")
        tmux.scratch.write("lib/replies/label.txt", Self.reply + "\n")
        let practice = "\(typebarBinary.path) practice --passage replies/label --passages lib"
        try tmux.tmux(["respawn-pane", "-k", "cd \(tmux.scratch.url.path) && LANG=C.UTF-8 TYPEBAR_HISTORY=history.jsonl \(practice) --pace 20 --record rec.jsonl; sleep 60"])
        try #require(tmux.waitFor("Start when ready") != nil, "\(tmux.screen())")
        try tmux.type("Hi Sam, your")
        Thread.sleep(forTimeInterval: 1.2)
        try tmux.type(" label is attached.")
        // 20 WPM is 600 ms a character: 31 characters take the pace 18.6 s, and we took about 1.3.
        let results = try #require(tmux.waitFor("race: you finished"), "\(tmux.screen())")
        #expect(results.contains("ahead of the 20 WPM pace"), "\(results)")
        try tmux.keys("Escape")

        let log = try #require(tmux.waitForFile("rec.jsonl"))
        #expect(log.contains("attached"))
        try tmux.tmux(["respawn-pane", "-k", "cd \(tmux.scratch.url.path) && LANG=C.UTF-8 TYPEBAR_HISTORY=history.jsonl \(practice) --ghost rec.jsonl; sleep 60"])
        let racing = try #require(tmux.waitFor("race against ghost of rec.jsonl"), "\(tmux.screen())")
        #expect(racing.contains(Self.reply))
        try tmux.type("Hi")
        Thread.sleep(forTimeInterval: 3)                 // the ghost finishes in about 1.3 s; we dawdle
        try tmux.type(" Sam, your label is attached.")
        let raced = try #require(tmux.waitFor("race: the ghost of rec.jsonl finished"), "\(tmux.screen())")
        #expect(raced.contains("s ahead of you"))
        try tmux.keys("Escape")
    }
}

@Suite("--pace and --ghost options")
struct RaceOptionTests {
    @Test("Bad races exit 2 with the reason", arguments: [
        (["practice", "--pace", "fast"], "--pace must be 40, 50, pb, avg, last"),
        (["test", "--pace", "400"], "--pace must be"),
        (["drill", "--pace", "40", "--ghost", "x.jsonl"], "not both"),
    ])
    func bad(arguments: [String], message: String) throws {
        let run = try typebar(arguments)
        #expect(run.status == 2)
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }
}
