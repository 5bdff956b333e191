import ArgumentParser
import Testing
@testable import TypeBarCLI
import TypeBarCore

/// The quick reader of the typing, drill and chat commands against ArgumentParser: where it answers, its settings are exactly
/// ArgumentParser's; where it declines, ArgumentParser answers (and says what is wrong).
@Suite("Quick start")
struct QuickStartTests {
    /// ArgumentParser's reading of `arguments` as a typing command, or nil when it refuses them or reads another.
    func parsed(_ arguments: [String]) -> QuickStart.Command? {
        switch try? TypeBar.parseAsRoot(arguments) {
        case let practice as Practice: .practice(practice.settings)
        case let test as TimedTest: .test(test.settings)
        case let drill as Drill: .drill(drill.settings)
        case let chat as Chat where !chat.list && chat.check == nil: .chat(chat.settings)
        default: nil
        }
    }

    @Test("The everyday command lines are read without ArgumentParser, into the settings it gives", arguments: [
        [],
        ["practice"],
        ["practice", "--passage", "billing/charged-twice"],
        ["practice", "--passage=billing/charged-twice", "--hide-live", "--bar", "50", "--min-accuracy", "97.5"],
        ["practice", "--category", "billing", "--seed", "7", "--pace", "pb", "--history", "h.jsonl", "--record", "k.jsonl", "--force"],
        ["practice", "--ghost", "0123abcd", "--passages", "mine", "--store", "postgres://a@b/c"],
        ["test"],
        ["test", "--minutes", "2"],
        ["test", "--minutes=5", "--category", "shipping", "--seed", "18446744073709551615", "--min-accuracy", "0"],
        ["drill"],
        ["drill", "--kind", "details", "--minutes", "2.5", "--target", "45", "--seed", "4"],
        ["drill", "--focus", "th", "--print", "--words", "12", "--json", "--history", "h.jsonl"],
        ["drill", "--kind", "proofread", "--drafts", "3", "--draft-seconds", "45", "--seed", "2", "--record", "p.jsonl"],
        ["drill", "--kind=proofread", "--print", "--json"],
        ["chat"],
        ["chat", "--scenario", "monday-rush", "--mode", "macros"],
        ["chat", "--scenario-file=mine.yaml", "--chats", "3", "--seed", "9", "--record", "s.jsonl", "--force", "--history", "h.jsonl"],
    ])
    func everyday(arguments: [String]) throws {
        let quick = try #require(QuickStart.command(arguments))
        #expect(quick == parsed(arguments))
    }

    @Test("Hand-read settings of one command line")
    func handRead() {
        let quick = QuickStart.command(["practice", "--passage", "a/b", "--bar=45", "--hide-live", "--pace", "50"])
        var expected = PracticeSettings(passage: "a/b")
        expected.screen.bar = HiringBar(netWPM: 45, minimumAccuracy: 95)
        expected.screen.hideLive = true
        expected.screen.race = RaceChoice(pace: "50")
        #expect(quick == .practice(expected))
    }

    @Test("Help, repeats, stray words, dashes and bad values are left to ArgumentParser", arguments: [
        ["--help"], ["-h"], ["practice", "--help"], ["practice", "-h"], ["help"], ["--passage", "a"],
        ["practice", "--bar", "40", "--bar", "50"], ["practice", "x"], ["practice", "--"], ["practice", "--bar", "-5"],
        ["practice", "--bar", "301"], ["practice", "--min-accuracy", "0.95"], ["practice", "--seed", "-1"],
        ["practice", "--seed", "1.5"], ["practice", "--passage"], ["practice", "--passage="], ["practice", "--force=yes"],
        ["practice", "--pace", "2"], ["practice", "--pace", "40", "--ghost", "x"], ["practice", "--minutes", "2"],
        ["test", "--minutes", "4"], ["test", "--passage", "a"], ["score", "--keys", "k.jsonl"],
        ["drill", "--json"], ["drill", "--kind", "details", "--focus", "b"], ["drill", "--target", "4"],
        ["drill", "--words", "5"], ["drill", "--kind", "numbers"],
        ["drill", "--kind", "proofread", "--focus", "b"], ["drill", "--drafts", "3"], ["drill", "--kind", "proofread", "--draft-seconds", "2"],
        ["drill", "--kind", "proofread", "--drafts", "21"], ["drill", "--kind", "proofread", "--minutes", "2"],
        ["chat", "--list"], ["chat", "--check", "monday-rush"], ["chat", "--chats", "7"], ["chat", "--mode", "fast"],
        ["chat", "--hide-live"], ["chat", "--scenario", "a", "--scenario-file", "b"], ["chat", "--bar", "40"],
        ["practice", "--generate-completion-script", "bash"], ["--version"],
    ])
    func declined(arguments: [String]) {
        #expect(QuickStart.command(arguments) == nil)
    }

    @Test("On random command lines the quick reader answers only as ArgumentParser does")
    func agreesWithArgumentParser() {
        let names = ["--passage", "--category", "--minutes", "--bar", "--min-accuracy", "--seed", "--pace", "--ghost",
                     "--history", "--store", "--record", "--passages", "--force", "--hide-live", "--help", "--bogus", "-h", "--",
                     "--scenario", "--scenario-file", "--chats", "--mode", "--list", "--check", "--json",
                     "--target", "--focus", "--kind", "--words", "--print", "--drafts", "--draft-seconds"]
        let values = ["40", "50", "0", "100", "-5", "1e2", "0x1p5", "nan", "inf", "0.95", "95", "2", "5", "4", "+3",
                      "18446744073709551616", "pb", "avg", "last", "a/b", "practice", "test", "--force", "", "x=y", "é",
                      "guided", "template", "macros", "3", "letters", "details", "words", "th", "b,v", "2.5", "proofread", "30"]
        var random = SplitMix64(seed: 16)
        var answered = 0
        for _ in 0..<1_000 {
            var arguments: [String] = [["practice", "test", "chat", "drill", "--bar", "history"][Int(random.next() % 6)]]
            for _ in 0..<Int(random.next() % 5) {
                let name = names[Int(random.next() % UInt64(names.count))]
                let value = values[Int(random.next() % UInt64(values.count))]
                switch random.next() % 4 {
                case 0: arguments.append(name)
                case 1: arguments.append(name + "=" + value)
                default: arguments += [name, value]
                }
            }
            guard let quick = QuickStart.command(arguments) else { continue }
            answered += 1
            #expect(quick == parsed(arguments), "\(arguments)")
        }
        // Enough of the random lines are answered for the comparison to mean something.
        #expect(answered > 100, "answered \(answered)")
    }
}
