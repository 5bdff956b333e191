import Foundation
import Testing
@testable import TypeBarKit

/// A typing assessment config, a chat assessment config and a scenario, each complete; the tests break one line.
private let config = "name: Acme\nminutes: 3\nbar: 40\n"
private let chatConfig = "name: Desk\nmode: chat\nscenario: late-parcels\n"
private let scenario = """
name: Small
chats: 2
patience: 60
time_limit: 120
customers:
  - arrival: 0
    details: {name: [Ana]}
    turns:
      - message: Hi
        reply: Hello [name]

"""

/// The problem each reader reports for its text, as `typebar` prints it after `typebar: `.
private func configProblem(_ text: String) -> String? {
    do { _ = try AssessmentDefinition.parse(text, path: "a.yaml"); return nil } catch { return error.description }
}

private func chatConfigProblem(_ text: String) -> String? {
    do { _ = try ChatAssessment.parse(text, path: "c.yaml"); return nil } catch { return error.description }
}

private func scenarioProblem(_ text: String) -> String? {
    do { _ = try ScenarioFile.parse(text, path: "s.yaml", id: "s", canned: CannedReplies()); return nil } catch { return error.description }
}

@Suite("One YAML reader: the same mistake gets the same words in an assessment config and in a scenario")
struct YAMLFieldsTests {
    @Test("Text where a number belongs: must be a number of UNIT from LOW to HIGH, not the value given")
    func textForNumber() {
        #expect(configProblem(config.replacingOccurrences(of: "bar: 40", with: "bar: forty"))
            == #"a.yaml:3: assessment: bar: must be a number of net WPM from 1 to 300, not "forty""#)
        #expect(chatConfigProblem(chatConfig + "bar: forty\n")
            == #"c.yaml:4: assessment: bar: must be a number of net WPM from 1 to 300, not "forty""#)
        #expect(scenarioProblem(scenario.replacingOccurrences(of: "patience: 60", with: "patience: sixty"))
            == #"s.yaml:3: scenario: patience: must be a number of seconds from 10 to 900, not "sixty""#)
    }

    @Test("A whole number out of range: must be a whole number of UNIT from LOW to HIGH, not the value given")
    func wholeOutOfRange() {
        #expect(configProblem(config + "attempts: 0\n")
            == #"a.yaml:4: assessment: attempts: must be a whole number of attempts from 1 to 20, not "0""#)
        #expect(chatConfigProblem(chatConfig + "attempts: 0\n")
            == #"c.yaml:4: assessment: attempts: must be a whole number of attempts from 1 to 20, not "0""#)
        #expect(scenarioProblem(scenario.replacingOccurrences(of: "chats: 2", with: "chats: 0"))
            == #"s.yaml:2: scenario: chats: must be a whole number of chats at once from 1 to 6, not "0""#)
    }

    @Test("A seed that is not a whole number reads the same in both kinds of assessment")
    func badSeed() {
        #expect(configProblem(config + "seed: -1\n")
            == #"a.yaml:4: assessment: seed: must be a whole number from 0 to 18446744073709551615, not "-1""#)
        #expect(chatConfigProblem(chatConfig + "seed: -1\n")
            == #"c.yaml:4: assessment: seed: must be a whole number from 0 to 18446744073709551615, not "-1""#)
    }

    @Test("A list where text belongs names what was given instead")
    func listForText() {
        #expect(configProblem(config.replacingOccurrences(of: "name: Acme", with: "name: [Acme, Beta]"))
            == "a.yaml:1: assessment: name: must be text, not a list")
        #expect(scenarioProblem(scenario.replacingOccurrences(of: "name: Small", with: "name: [Small, Big]"))
            == "s.yaml:1: scenario: name: must be text, not a list")
    }

    @Test("Text over the limit says how long it is and the most allowed")
    func tooLong() {
        let long = String(repeating: "x", count: 81)
        #expect(configProblem(config.replacingOccurrences(of: "name: Acme", with: "name: \(long)"))
            == "a.yaml:1: assessment: name: is 81 characters long; the most is 80")
        #expect(scenarioProblem(scenario.replacingOccurrences(of: "name: Small", with: "name: \(long)"))
            == "s.yaml:1: scenario: name: is 81 characters long; the most is 80")
    }

    @Test("A bad boolean: must be true or false, not the value given (scenarios have no yes-or-no field)")
    func badBoolean() {
        #expect(configProblem(config + "show_live: maybe\n") == #"a.yaml:4: assessment: show_live: must be true or false, not "maybe""#)
        #expect(configProblem(config + "backspace: [no]\n") == "a.yaml:4: assessment: backspace: must be true or false, not a list")
    }

    @Test("An unknown field: did you mean the nearest one, and the fields there are")
    func unknownField() {
        #expect(configProblem(config.replacingOccurrences(of: "minutes: 3", with: "minute: 3"))
            == #"a.yaml:2: assessment: unknown field "minute" (did you mean minutes?); the fields are "#
            + "name, minutes, seconds, passages, categories, seed, passages_dir, bar, min_accuracy, max_errors, backspace, show_live, attempts, instructions")
        #expect(chatConfigProblem(chatConfig + "atempts: 2\n")?.hasPrefix(#"c.yaml:4: assessment: unknown field "atempts" (did you mean attempts?); the fields are name, mode, "#) == true)
        #expect(scenarioProblem(scenario.replacingOccurrences(of: "time_limit: 120", with: "timelimit: 120"))
            == #"s.yaml:4: scenario: unknown field "timelimit" (did you mean time_limit?); the fields are "#
            + "name, summary, category, chats, patience, time_limit, teams, tags, known_words, jargon, macros, customers")
        // A name nothing like a field gets no guess.
        #expect(configProblem(config + "colour: red\n")?.hasPrefix(#"a.yaml:4: assessment: unknown field "colour"; the fields are"#) == true)
        #expect(scenarioProblem(scenario + "colour: red\n")?.hasPrefix(#"s.yaml:11: scenario: unknown field "colour"; the fields are"#) == true)
    }

    @Test("A missing field: no FIELD; add a line like an example")
    func missingField() {
        #expect(configProblem(config.replacingOccurrences(of: "name: Acme\n", with: ""))
            == "a.yaml:1: assessment: no name; add a line like `name: Acme chat support, round 1`")
        #expect(scenarioProblem(scenario.replacingOccurrences(of: "name: Small\n", with: ""))
            == "s.yaml:1: scenario: no name; add a line like `name: Double charges, warm-up`")
    }

    @Test("A macro defined twice reads the same in a scenario and in the canned replies")
    func macroTwice() {
        let macros = "macros:\n  - {shortcut: hi, text: Hello}\n  - {shortcut: hi, text: Hi there}\n"
        #expect(scenarioProblem(scenario + macros)
            == "s.yaml:13: scenario: macros: /hi is defined twice; give each macro its own shortcut")
        #expect(throws: TypeBarError.badLine(path: "c.yaml", line: 3, problem: "canned replies: macros: /hi is defined twice; give each macro its own shortcut")) {
            try CannedReplies.parse(macros, path: "c.yaml")
        }
    }

    @Test("YAML that does not parse, an empty file, and a field given twice read the same in both")
    func notYAML() {
        #expect(configProblem("name: A\n  minutes: [3\n") == "a.yaml:2: not valid YAML: mapping values are not allowed in this context (column 10)")
        #expect(scenarioProblem("name: A\n  chats: [3\n") == "s.yaml:2: not valid YAML: mapping values are not allowed in this context (column 8)")
        #expect(configProblem("") == "a.yaml: the file is empty; docs/assessments.md has a complete example")
        #expect(scenarioProblem("") == "s.yaml: the file is empty; docs/chat.md has a complete example scenario")
        #expect(configProblem(config + "bar: 50\n") == "a.yaml:3: a field is given twice: bar")
        #expect(scenarioProblem(scenario + "chats: 3\n") == "s.yaml:2: a field is given twice: chats")
    }

    @Test("A value is trimmed of the spaces around it exactly as Foundation's whitespace sets trim")
    func trimming() {
        #expect(" \t45\u{00A0}\u{3000}".trimmed() == "45")
        #expect("\n 4 5\r\n\u{2028}".trimmed(newlines: true) == "4 5")
        #expect(configProblem(config.replacingOccurrences(of: "bar: 40", with: "bar: \" 45\\t\"")) == nil)
        let texts = ["", " ", "\t\t", "a", " a ", "\na\n", "\u{85}a\u{2029}", " \u{2003}é b\u{202F}", "\r\n", "x\u{200B}", "\u{FEFF}y", " \u{1680}z\u{205F} "]
        for text in texts {
            #expect(text.trimmed() == text.trimmingCharacters(in: .whitespaces), "\(text.unicodeScalars.map(\.value))")
            #expect(text.trimmed(newlines: true) == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(text.unicodeScalars.map(\.value))")
        }
    }
}
