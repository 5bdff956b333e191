import ArgumentParser
import Testing
import TestSupport
@testable import TypeBarCLI
import TypeBarKit

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
        ["practice", "--show-live", "--settings", "mine.yaml"],
        ["test"],
        ["test", "--minutes", "2"],
        ["test", "--minutes=5", "--category", "shipping", "--seed", "18446744073709551615", "--min-accuracy", "0"],
        ["test", "--settings=mine.yaml", "--hide-live"],
        ["drill"],
        ["drill", "--kind", "details", "--minutes", "2.5", "--target", "45", "--seed", "4"],
        ["drill", "--focus", "th", "--print", "--words", "12", "--json", "--history", "h.jsonl"],
        ["drill", "--kind", "proofread", "--drafts", "3", "--draft-seconds", "45", "--seed", "2", "--record", "p.jsonl"],
        ["drill", "--kind=proofread", "--print", "--json"],
        ["chat"],
        ["chat", "--scenario", "monday-rush", "--mode", "macros"],
        ["chat", "--scenario-file=mine.yaml", "--chats", "3", "--seed", "9", "--record", "s.jsonl", "--force", "--history", "h.jsonl"],
        ["chat", "--settings", "mine.yaml", "--store", "postgres://a@b/c"],
    ])
    func everyday(arguments: [String]) throws {
        let quick = try #require(QuickStart.command(arguments))
        #expect(quick == parsed(arguments))
    }

    @Test("Hand-read settings of one command line")
    func handRead() {
        let quick = QuickStart.command(["practice", "--passage", "a/b", "--bar=45", "--hide-live", "--pace", "50"])
        var expected = PracticeSettings(passage: "a/b")
        expected.screen.personal.bar = 45
        expected.screen.personal.liveFigures = .hidden
        expected.screen.race = RaceChoice(pace: "50")
        #expect(quick == .practice(expected))
    }

    /// The options a command's run puts over the environment and the settings file.
    func personal(_ command: QuickStart.Command?) -> PersonalSettings.Options? {
        switch command {
        case .practice(let settings): settings.screen.personal
        case .test(let settings): settings.screen.personal
        case .drill(let settings): settings.screen.personal
        case .chat(let settings): settings.personal
        case nil: nil
        }
    }

    @Test("With a settings file, both readers put the same options over it, and the same values are in force", arguments: [
        [], ["practice", "--bar", "50"], ["practice", "--show-live"], ["test"], ["test", "--minutes", "5", "--hide-live"],
        ["drill", "--min-accuracy", "0"], ["chat"], ["chat", "--mode", "guided", "--chats", "1", "--history", "h.jsonl"],
    ])
    func inForceWithFile(arguments: [String]) throws {
        let scratch = Scratch()
        let file = scratch.write("settings.yaml", """
            bar: 45
            min_accuracy: 97
            test_minutes: 2
            chat_mode: macros
            chats: 6
            colours: none
            live_figures: hidden
            history: mine.jsonl

            """)
        let given = (arguments.isEmpty ? ["practice"] : arguments) + ["--settings", file]
        let quick = try #require(personal(QuickStart.command(given)))
        let slow = try #require(personal(parsed(given)))
        #expect(quick == slow)
        let variables = ["HOME": "/home/ana"]
        let inForce = try PersonalSettings.load(quick) { variables[$0] }
        #expect(inForce == (try PersonalSettings.load(slow) { variables[$0] }))
        // By hand: an option given wins; otherwise the file's value, from its line.
        #expect(inForce.bar == (given.contains("--bar") ? .init(50, .option("--bar")) : .init(45, .file(path: file, line: 1))))
        #expect(inForce.minAccuracy.value == (given.contains("--min-accuracy") ? 0 : 97))
        #expect(inForce.testMinutes.value == (given.contains("--minutes") ? 5 : 2))
        #expect(inForce.chatMode.value == (given.contains("--mode") ? .guided : .macros))
        #expect(inForce.chats.value == (given.contains("--chats") ? 1 : 6))
        #expect(inForce.liveFigures.value == (given.contains("--show-live") ? .shown : .hidden))
        #expect(inForce.colours == .init(.noColour, .file(path: file, line: 6)))
        #expect(inForce.history.value == (given.contains("--history") ? "h.jsonl" : scratch.path("mine.jsonl")))
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
        ["practice", "--hide-live", "--show-live"], ["practice", "--settings"], ["test", "--minutes", "4", "--settings", "s.yaml"],
    ])
    func declined(arguments: [String]) {
        #expect(QuickStart.command(arguments) == nil)
    }

    @Test("On random command lines the quick reader answers only as ArgumentParser does")
    func agreesWithArgumentParser() {
        let names = ["--passage", "--category", "--minutes", "--bar", "--min-accuracy", "--seed", "--pace", "--ghost",
                     "--history", "--store", "--record", "--passages", "--force", "--hide-live", "--help", "--bogus", "-h", "--",
                     "--scenario", "--scenario-file", "--chats", "--mode", "--list", "--check", "--json",
                     "--target", "--focus", "--kind", "--words", "--print", "--settings", "--show-live", "--drafts", "--draft-seconds"]
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
