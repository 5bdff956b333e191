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
