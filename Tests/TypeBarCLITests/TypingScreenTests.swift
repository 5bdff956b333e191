import Foundation
import Testing
import TypeBarKit

/// The typing screen driven through tmux, as a person would use it.
@Suite("The typing screen, end to end in tmux", .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct TypingScreenTests {
    static let reply = "Hi Sam, your label is attached."

    /// A practice command on a one-passage library of our own, with the keystrokes recorded.
    func practice(_ tmuxSession: Tmux, extra: String = "") -> String {
        tmuxSession.scratch.write("lib/replies/label.txt", Self.reply + "\n")
        return "\(typebarBinary.path) practice --passage replies/label --passages lib --record rec.jsonl \(extra)"
    }

    @Test("Type a passage with a mistake and corrections; the results match the recorded log rescored")
    func typeAndRescore() throws {
        let tmux = try Tmux("true")
        try tmux.tmux(["respawn-pane", "-k", "cd \(tmux.scratch.url.path) && LANG=C.UTF-8 TYPEBAR_HISTORY=history.jsonl \(practice(tmux)); sleep 60"])
        try #require(tmux.waitFor("Start when ready") != nil)
        try tmux.type("Hi Sam, yoor")
        try #require(tmux.waitFor("% done") != nil)
        try tmux.keys("BSpace", "BSpace")
        try tmux.type("ur lable")                        // a slip...
        try tmux.keys("C-w")                             // ...fixed with a word deletion
        Thread.sleep(forTimeInterval: 1.2)               // a score needs a second of typing
        try tmux.type("label is atached.")               // an omission: the text ends one short...
        try tmux.type("x")                               // ...so one more key completes it
        let results = try #require(tmux.waitFor("r retry · n next · "), "no results screen: \(tmux.screen())")
        #expect(results.contains("keystrokes saved to rec.jsonl"))
        let log = tmux.scratch.url.appendingPathComponent("rec.jsonl").path
        let rescored = try typebar(["score", "--keys", log, "--json"])
        let json = try jsonObject(rescored.stdout)
        let net = formatDecimal(json["net_wpm"] as? Double ?? -1, places: 1)
        #expect(results.contains(" \(net) net WPM"), "screen:\n\(results)\nscore: \(rescored.stdout)")
        let accuracy = json["accuracy"] as? Double ?? -1
        #expect(results.contains("\(Int(accuracy * 10) / 10).\(Int(accuracy * 10) % 10) % accuracy"))
        #expect(json["uncorrected_errors"] as? Int == 2)   // the missing t, and the x where the full stop was due
        #expect((json["corrected_errors"] as? Int ?? 0) >= 2)
        try tmux.type("q")

        // The result was kept in the history, with the same figures and its own copy of the log.
        #expect(results.contains("saved to history as "))
        let history = tmux.scratch.url.appendingPathComponent("history.jsonl").path
        let listed = try typebar(["history", "--json", "--history", history])
        let record = try jsonObject(listed.stdout)
        #expect(record["mode"] as? String == "practice")
        #expect(record["net_wpm"] as? Double == json["net_wpm"] as? Double)
        #expect(record["passages"] as? [String] == ["replies/label"])
        let saved = tmux.scratch.url.appendingPathComponent(try #require(record["log"] as? String)).path
        let rescoredCopy = try typebar(["score", "--keys", saved, "--json"])
        #expect(try jsonObject(rescoredCopy.stdout)["net_wpm"] as? Double == json["net_wpm"] as? Double)

        // Replayed fast, it ends on the same figures.
        let id = try #require(record["id"] as? String)
        try tmux.tmux(["respawn-pane", "-k", "cd \(tmux.scratch.url.path) && LANG=C.UTF-8 \(typebarBinary.path) replay \(id.suffix(8)) --speed 20 --history history.jsonl; sleep 60"])
        let replayed = try #require(tmux.waitFor("r replay again · q quit"), "no replay results: \(tmux.screen())")
        #expect(replayed.contains(" \(net) net WPM"), "replay:\n\(replayed)")
        try tmux.type("q")
    }

    @Test("Resizing reflows at once; a window too small says how big it must be")
    func resize() throws {
        let tmux = try Tmux("true")
        tmux.scratch.write("lib/replies/long.txt", String(repeating: "Thanks for waiting while I check your order. ", count: 4))
        try tmux.tmux(["respawn-pane", "-k", "cd \(tmux.scratch.url.path) && LANG=C.UTF-8 TYPEBAR_HISTORY=history.jsonl \(typebarBinary.path) practice --passage replies/long --passages lib; sleep 60"])
        try #require(tmux.waitFor("Start when ready") != nil)
        try tmux.tmux(["resize-window", "-x", "44", "-y", "16"])
        // The text now wraps at 40 columns: the first line ends before "order."
        let narrow = try #require(tmux.waitFor("  Thanks for waiting while I check your\n"), "no reflow: \(tmux.screen())")
        #expect(narrow.split(separator: "\n").allSatisfy { $0.count <= 44 })
        try tmux.tmux(["resize-window", "-x", "30", "-y", "8"])
        #expect(tmux.waitFor("40×10 or more") != nil)
        try tmux.tmux(["resize-window", "-x", "80", "-y", "24"])
        #expect(tmux.waitFor("Thanks for waiting while I check your order. Thanks") != nil)
        try tmux.keys("Escape")
    }

    @Test("Pasted text is not accepted as typing, and the refusal is flagged on the result")
    func paste() throws {
        let tmux = try Tmux("true")
        try tmux.tmux(["respawn-pane", "-k", "cd \(tmux.scratch.url.path) && LANG=C.UTF-8 TYPEBAR_HISTORY=history.jsonl \(practice(tmux)); sleep 60"])
        try #require(tmux.waitFor("Start when ready") != nil)
        try tmux.type("Hi ")
        try tmux.tmux(["set-buffer", "-b", "p", "Sam, your label is attached."])
        try tmux.tmux(["paste-buffer", "-p", "-b", "p"])
        #expect(tmux.waitFor("Pasted text is not accepted as typing") != nil)
        Thread.sleep(forTimeInterval: 1.2)               // a score needs a second of typing
        try tmux.type("Sam, your label is attached.")
        let results = try #require(tmux.waitFor("r retry"))
        #expect(results.contains("flag paste: 1 paste (28 characters) refused"))
        try tmux.type("q")
    }

    @Test("A timed test shows a countdown from the first key")
    func countdown() throws {
        let tmux = try Tmux("\(typebarBinary.path) test --minutes 1 --seed 7")
        try #require(tmux.waitFor("1:00 on the clock") != nil)
        #expect(tmux.screen().contains("1-minute test · seed 7"))
        try tmux.type("Hi")
        #expect(tmux.waitFor("0:5") != nil)
        try tmux.keys("Escape")
    }

    @Test("Next brings the named passage's category in a seeded order, each once, then the same round again")
    func nextPassages() throws {
        let tmux = try Tmux("true")
        for (id, text) in [("replies/a", "Alpha, your refund is on its way."), ("replies/b", "Bravo, your parcel left today."),
                         ("replies/c", "Charlie, your order is confirmed."), ("other/x", "X-ray, this one is elsewhere.")] {
            tmux.scratch.write("lib/\(id).txt", text + "\n")
        }
        let texts = ["replies/a": "Alpha, your refund is on its way.", "replies/b": "Bravo, your parcel left today.",
                     "replies/c": "Charlie, your order is confirmed."]
        try tmux.tmux(["respawn-pane", "-k", "cd \(tmux.scratch.url.path) && LANG=C.UTF-8 TYPEBAR_HISTORY=history.jsonl \(typebarBinary.path) practice --passage replies/b --passages lib --seed 7; sleep 60"])
        var shown: [String] = []
        for round in 0..<5 {
            let screen = try #require(tmux.waitFor("Start when ready"), "round \(round): \(tmux.screen())")
            let id = try #require(texts.keys.sorted().first { screen.contains($0) }, "no passage of the category on screen:\n\(screen)")
            shown.append(id)
            let text = try #require(texts[id])
            try tmux.type(String(text.prefix(1)))
            Thread.sleep(forTimeInterval: 1.1)           // a score needs a second of typing
            try tmux.type(String(text.dropFirst()))
            try #require(tmux.waitFor("n next") != nil, "no results: \(tmux.screen())")
            try tmux.type("n")
        }
        try tmux.keys("Escape")
        // The named passage first, then the other two of its category (never another category's), then round again.
        #expect(shown[0] == "replies/b")
        #expect(Set(shown[1...2]) == ["replies/a", "replies/c"])
        #expect(shown[3] == "replies/b")
        #expect(shown[4] == shown[1])
    }
}
