import Foundation
import Testing
import TestSupport
@testable import TypeBarKit

@Suite("Assessment configs, presets, their hash and text, and signed records")
struct AssessmentDefinitionTests {
    static let complete = """
        # Acme chat support, first round
        name: Acme chat support
        minutes: 3
        categories: [billing, shipping]
        seed: 2026
        bar: 45
        min_accuracy: 96
        max_errors: 5
        backspace: no
        show_live: true
        attempts: 2
        instructions: |
          Welcome to Acme.
          Type the replies as they appear.
        """

    @Test("Every field of a complete YAML config is read")
    func complete() throws {
        let definition = try AssessmentDefinition.parse(Self.complete, path: "acme.yaml")
        let rules = definition.rules
        #expect(rules.name == "Acme chat support")
        #expect(rules.seconds == 180)
        #expect(rules.passages == .init(categories: ["billing", "shipping"], seed: 2026))
        #expect(rules.bar == HiringBar(netWPM: 45, minimumAccuracy: 96))
        #expect(rules.maximumErrors == 5)
        #expect(rules.backspace == false)
        #expect(rules.showLiveFigures == true)
        #expect(rules.attempts == 2)
        #expect(rules.instructions == "Welcome to Acme.\nType the replies as they appear.")
    }

    @Test("The same rules in JSON, in another order, without comments, have the same hash; any change alters it")
    func hash() throws {
        let yaml = try AssessmentDefinition.parse(Self.complete, path: "acme.yaml")
        let json = try AssessmentDefinition.parse("""
            {"attempts": 2, "name": "Acme chat support", "seconds": 180, "bar": 45, "min_accuracy": 96, "max_errors": 5,
             "backspace": false, "show_live": true, "categories": ["billing", "shipping"], "seed": 2026,
             "instructions": "Welcome to Acme.\\nType the replies as they appear.\\n"}
            """, path: "acme.json")
        #expect(json.canonicalJSON == yaml.canonicalJSON)
        #expect(json.configHash == yaml.configHash)
        let changed = try AssessmentDefinition.parse(Self.complete.replacingOccurrences(of: "seed: 2026", with: "seed: 2027"), path: "acme.yaml")
        #expect(changed.configHash != yaml.configHash)
    }

    @Test("The presets' rules and hashes are fixed: results taken under them years apart still group together")
    func presets() throws {
        let chat40 = try AssessmentDefinition.preset("chat-40")
        #expect(chat40.rules.summary == "3 min, 40 net WPM, 95.0 % accuracy, backspace allowed, 1 attempt")
        #expect(chat40.canonicalJSON.hasPrefix(#"{"name":"chat-40","seconds":180,"passages":[],"categories":[],"seed":"40","passages_dir":null,"bar":40,"min_accuracy":95,"max_errors":null,"backspace":true,"show_live":false,"attempts":1,"#))
        #expect(chat40.configHash == HistoryRecord.sha256(chat40.canonicalJSON))
        let federal = try AssessmentDefinition.preset("federal-40")
        #expect(federal.rules.seconds == 300)
        #expect(federal.rules.maximumErrors == 3)
        #expect(AssessmentDefinition.presets.map(\.rules.name) == ["chat-40", "chat-50", "federal-40"])
        #expect(throws: TypeBarError.self) { try AssessmentDefinition.preset("chat-45") }
    }

    @Test("The text is the same on every run, long enough for 250 WPM, and listed passages come in order")
    func text() throws {
        let chat40 = try AssessmentDefinition.preset("chat-40")
        let first = try chat40.text(from: .builtIn)
        #expect(first == (try chat40.text(from: .builtIn)))
        #expect(first.text.count >= 3 * 250 * 5)
        let listed = try AssessmentDefinition.parse("name: a\nminutes: 1\nbar: 40\npassages: [billing/charged-twice, greetings/welcome-first-message]\n", path: "a.yaml")
        let (text, ids) = try listed.text(from: .builtIn)
        #expect(ids == ["billing/charged-twice", "greetings/welcome-first-message"])
        #expect(text.hasPrefix(try PassageLibrary.builtIn.passage(id: "billing/charged-twice").text + " "))
    }

    @Test("A signed record read back from the file still verifies; a changed one does not")
    func signedRoundTrip() throws {
        let scratch = Scratch()
        let file = HistoryFile(path: scratch.url.appendingPathComponent("history.jsonl").path)
        let key = Array("a-trainer-key-of-some-length".utf8)
        var attempt = Attempt(target: TargetText("Hi Sam, thanks for waiting."))
        for (index, character) in "Hi Sam, thanks for wiating.".enumerated() { attempt.apply(.character(character, at: Double(index) * 173.3)) }
        let definition = try AssessmentDefinition.preset("federal-40")
        let record = HistoryRecord(
            id: "20261123T101500-0000abcd", time: 1_795_428_900.123, result: try attempt.result(), definition: definition,
            candidate: "Zoë O'Brien", attempt: 1, targetText: "Hi Sam, thanks for waiting.", passages: ["x/y"])
        #expect(record.meetsBar)    // fast enough, and "wiating" is 1 word error of the 3 allowed
        #expect(record.wordErrors == 1)
        let (saved, problems) = file.save(record, log: "{}\n", signingKey: key)
        #expect(problems.isEmpty)
        let read = try file.record(id: saved.id)
        #expect(read.canonicalContent == saved.canonicalContent)
        #expect(HistorySignature.isValid(read, key: key))
        #expect(!HistorySignature.isValid(read, key: Array("another-key-of-some-length".utf8)))
        var changed = read
        changed.candidate = "Zoe O'Brien"
        #expect(!HistorySignature.isValid(changed, key: key))
    }

    @Test("A signing key comes from the file, else the environment, and must be long enough")
    func signingKey() throws {
        let scratch = Scratch()
        let file = scratch.write("k", "0123456789abcdef0123\n")
        #expect(try SigningKey.load(file: file, environment: [:]) == Array("0123456789abcdef0123".utf8))
        #expect(try SigningKey.load(file: nil, environment: ["TYPEBAR_SIGNING_KEY": "fedcba9876543210"]) == Array("fedcba9876543210".utf8))
        #expect(try SigningKey.load(file: nil, environment: [:]) == nil)
        #expect(throws: TypeBarError.badFile(path: "TYPEBAR_SIGNING_KEY", problem: "the signing key is 3 bytes; use at least 16 (make one with: head -c 32 /dev/urandom | base64 > typebar.key)")) {
            try SigningKey.load(file: nil, environment: ["TYPEBAR_SIGNING_KEY": "abc"])
        }
        #expect(throws: TypeBarError.self) { try SigningKey.load(file: scratch.url.appendingPathComponent("missing").path, environment: [:]) }
    }

    @Test("verify sees a removed attempt: a later attempt without the one before it")
    func missingAttempts() {
        func record(_ candidate: String, _ attempt: Int, at time: Double, assessment: String = "chat-40") -> HistoryRecord {
            var record = HistoryRecord()
            record.id = "id-\(candidate)-\(attempt)-\(time)"
            record.time = time
            record.mode = .assessment
            record.candidate = candidate
            record.assessment = assessment
            record.configHash = "c"
            record.attempt = attempt
            return record
        }
        let records = [
            record("Ana", 1, at: 1), record("Ana", 2, at: 2),             // complete
            record("Ben", 2, at: 3),                                      // attempt 1 removed
            record("Cy", 1, at: 4), record("cy", 4, at: 5),               // 2-3 removed (names match in any case)
            record("Di", 1, at: 6), record("Di", 2, at: 7), record("Di", 1, at: 8),  // a retake starts again at 1
            record("Ana", 2, at: 9, assessment: "chat-50"),              // another assessment: its own count
        ]
        let found = HistoryAudit.missingAttempts(records.reversed())
        #expect(found.map(\.record.candidate) == ["Ben", "cy", "Ana"])
        #expect(found.map(\.missing) == [1...1, 2...3, 1...1])
    }
}
