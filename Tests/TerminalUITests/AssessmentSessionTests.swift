import Foundation
import Testing
@testable import TerminalUI
import TypeBarCore
import TypeBarFormats

@Suite("The typing session under assessment rules, and the instructions screen")
struct AssessmentSessionTests {
    static let text = "Hi Sam, your label is attached."

    func assessment(backspace: Bool = true) -> TypingSession.Configuration {
        var configuration = TypingSession.Configuration(mode: .timedTest(seconds: 60), text: Self.text, passageIDs: ["replies/label"], title: "Round 1 · Ana")
        configuration.isAssessment = true
        configuration.backspace = backspace
        configuration.logMetadata = ["candidate": "Ana"]
        return configuration
    }

    func rescored(_ session: TypingSession) throws -> ScoreResult {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("typebar-assess-\(UUID().uuidString).jsonl")
        try session.log().write(to: scratch, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: scratch) }
        return try KeystrokeLog.score(path: scratch.path).result
    }

    @Test("Backspace off: refused, noted and recorded; the log rescores to the same result")
    func noBackspace() throws {
        var session = TypingSession(configuration: assessment(backspace: false))
        var time = 0.0
        for character in "Hi Sam, yoy" { _ = session.handle(.type(character), at: time); time += 180 }
        #expect(session.handle(.backspace, at: time) == .keepTyping)
        #expect(session.notice == "Backspace is off in this test: keep going.")
        #expect(session.handle(.wordBackspace, at: time + 10) == .keepTyping)
        #expect(session.attempt.typedCount == 11)
        let log = session.log()
        #expect(log.hasPrefix(#"{"format":"typebar-keystrokes","version":1,"text":"Hi Sam, your label is attached.","passage":"replies/label","time_limit":60,"backspace":false,"candidate":"Ana","mode":"assessment""#))
        #expect(log.contains(#"{"t":1980,"key":"backspace"}"#))
        #expect(try rescored(session) == (try session.result()))
    }

    @Test("Focus lost and regained is logged and flagged; rescoring the log gives the same flags")
    func focus() throws {
        var session = TypingSession(configuration: assessment())
        _ = session.handle(.type("H"), at: 1_000)
        _ = session.handle(.focusLost, at: 1_500)
        _ = session.handle(.focusGained, at: 4_500)
        _ = session.handle(.type("i"), at: 4_700)
        _ = session.handle(.pasted(characters: 20), at: 4_800)
        let result = try session.result()
        #expect(result.flags.map(\.kind) == [.paste, .focus])
        #expect(result.flags[1].detail == "the terminal lost focus 1 time, 3.0 s away in all")
        #expect(result.flags[1].atSeconds == 0.5)
        let lines = session.log().split(separator: "\n")
        #expect(lines[1...5] == [#"{"t":1000,"ch":"H"}"#, #"{"t":1500,"event":"focus-out"}"#, #"{"t":4500,"event":"focus-in"}"#,
                                 #"{"t":4700,"ch":"i"}"#, #"{"t":4800,"event":"paste","characters":20}"#])
        #expect(try rescored(session) == result)
    }

    @Test("In an assessment Tab does not restart, and leaving takes Esc twice unless typing resumes")
    func leaving() {
        var session = TypingSession(configuration: assessment())
        #expect(session.handle(.quit, at: 0) == .quit)             // before the first key nothing is lost
        session = TypingSession(configuration: assessment())
        _ = session.handle(.type("H"), at: 100)
        #expect(session.handle(.restart, at: 200) == .keepTyping)
        #expect(session.notice == "Tab does not restart an assessment.")
        #expect(session.handle(.quit, at: 300) == .keepTyping)
        #expect(session.notice?.hasPrefix("Esc again leaves: this attempt counts") == true)
        _ = session.handle(.type("i"), at: 400)                    // typing on: the question is withdrawn
        #expect(session.notice == nil)
        #expect(session.handle(.quit, at: 500) == .keepTyping)
        #expect(session.handle(.quit, at: 600) == .quit)
        // Outside an assessment, one Esc leaves and Tab restarts.
        var practice = TypingSession(configuration: .init(mode: .practice, text: Self.text, passageIDs: [], title: "x"))
        _ = practice.handle(.type("H"), at: 100)
        #expect(practice.handle(.restart, at: 200) == .restart)
        #expect(practice.handle(.quit, at: 300) == .quit)
    }

    @Test("The typing screen names the assessment and how to leave it, and hides live figures when asked")
    func typingScreen() {
        var configuration = assessment()
        configuration.hideLiveFigures = true
        var session = TypingSession(configuration: configuration)
        _ = session.handle(.type("H"), at: 0)
        var view = TypingView(text: Self.text)
        let text = view.frame(for: session, rows: 12, columns: 80, now: 2_000).text
        #expect(text.hasPrefix(" typebar · assessment · Round 1 · Ana"))
        #expect(text.contains("Esc twice to leave"))
        #expect(!text.contains("Tab restart"))
        #expect(text.contains("0:58 left    live figures hidden"))
    }

    @Test("The instructions screen shows the rules wrapped, the instructions, and then the countdown")
    func intro() {
        let rules = AssessmentRules(
            name: "Round 1", seconds: 180, bar: HiringBar(netWPM: 40, minimumAccuracy: 95), maximumErrors: 3, attempts: 2,
            instructions: "Welcome to Acme. Type each reply exactly as it appears on the screen.\n\nGood luck.")
        var view = AssessmentIntroView(rules: rules, candidate: "Ana Ruiz", attempt: 1)
        let text = view.frame(rows: 24, columns: 60).text
        #expect(text.hasPrefix("""
             typebar · assessment · Round 1

             Candidate: Ana Ruiz
             Attempt 1 of 2
             Rules: 3 min, 40 net WPM, 95.0 % accuracy, at most 3
             errors, backspace allowed, 2 attempts

             Welcome to Acme. Type each reply exactly as it appears on
             the screen.

             Good luck.
            """))
        #expect(text.contains(" Enter: begin · Esc: leave without starting"))
        view.countdown = 2
        #expect(view.frame(rows: 24, columns: 60).text.contains(" Starting in 2…"))
        #expect(view.frame(rows: 5, columns: 30).text.contains("40×10 or more"))
    }
}
