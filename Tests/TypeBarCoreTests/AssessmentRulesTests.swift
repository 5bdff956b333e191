import Testing
@testable import TypeBarCore

@Suite("Assessment rules, verdicts and the assessment-only flags")
struct AssessmentRulesTests {
    let federal = AssessmentRules(name: "federal-40", seconds: 300, bar: HiringBar(netWPM: 40, minimumAccuracy: 0), maximumErrors: 3)

    @Test("A result passes when it meets the speed, the accuracy and the error limit")
    func judge() {
        let chat = AssessmentRules(name: "chat-40", seconds: 180, bar: HiringBar(netWPM: 40, minimumAccuracy: 95))
        #expect(chat.judge(netWPM: 42, accuracy: 97, wordErrors: 9).passed)
        let slow = chat.judge(netWPM: 36.4, accuracy: 94.19, wordErrors: 2)
        #expect(!slow.passed)
        #expect(slow.reasons == ["36 net WPM is under the 40 bar", "94.1 % accuracy is under the 95.0 % minimum"])
        #expect(slow.summary == "FAIL: 36 net WPM, 94.1 % accuracy, 2 errors (36 net WPM is under the 40 bar; 94.1 % accuracy is under the 95.0 % minimum)")

        #expect(federal.judge(netWPM: 41, accuracy: 98, wordErrors: 3).passed)
        let careless = federal.judge(netWPM: 55, accuracy: 98, wordErrors: 4)
        #expect(!careless.passed)
        #expect(careless.reasons == ["4 errors is over the 3 allowed"])
        #expect(federal.judge(netWPM: 41, accuracy: 98, wordErrors: 1).summary == "PASS: 41 net WPM, 98.0 % accuracy, 1 error")
    }

    @Test("The rules in one line")
    func summary() {
        #expect(federal.summary == "5 min, 40 net WPM, at most 3 errors, backspace allowed, 1 attempt")
        let custom = AssessmentRules(name: "x", seconds: 90, bar: HiringBar(netWPM: 45, minimumAccuracy: 96.5), maximumErrors: 1, backspace: false, attempts: 2)
        #expect(custom.summary == "1.5 min, 45 net WPM, 96.5 % accuracy, at most 1 error, no backspace, 2 attempts")
        #expect(minutesText(45) == "45 s")
    }

    @Test("A result far above the candidate's own best is flagged; a normal improvement is not")
    func aboveOwn() {
        // Best earlier 40: the flag needs more than 52 (1.3 × 40) and at least 50 (40 + 10).
        #expect(IntegrityFlag.aboveOwnResults(netWPM: 52, earlier: [35, 40]) == nil)
        let flag = IntegrityFlag.aboveOwnResults(netWPM: 52.5, earlier: [35, 40])
        #expect(flag?.kind == .aboveOwnResults)
        #expect(flag?.detail == "52 net WPM against a best of 40 in 2 earlier results")
        // Best earlier 20: 27 is over 1.3 × 20 but not 10 WPM more.
        #expect(IntegrityFlag.aboveOwnResults(netWPM: 27, earlier: [20, 18]) == nil)
        #expect(IntegrityFlag.aboveOwnResults(netWPM: 30, earlier: [20, 18]) != nil)
        // One earlier result is not enough to call anything far above.
        #expect(IntegrityFlag.aboveOwnResults(netWPM: 90, earlier: [30]) == nil)
    }

    @Test("Refused pastes and focus lost become flags timed from the first keystroke")
    func sessionWatch() {
        var watch = SessionWatch()
        watch.observe(.paste(characters: 40), at: 3_000)
        watch.observe(.focusLost, at: 5_000)
        watch.observe(.focusLost, at: 5_500)        // a repeat while away changes nothing
        watch.observe(.focusGained, at: 9_000)
        watch.observe(.focusLost, at: 20_000)       // still away at the end
        let flags = watch.flags(start: 1_000, end: 21_500)
        #expect(flags.map(\.kind) == [.paste, .focus])
        #expect(flags[0].atSeconds == 2)
        #expect(flags[0].detail == "1 paste (40 characters) refused during the session")
        #expect(flags[1].atSeconds == 4)
        #expect(flags[1].detail == "the terminal lost focus 2 times, 5.5 s away in all")
        #expect(SessionWatch().flags(start: 0, end: 0).isEmpty)
    }

    @Test("Without corrections allowed, backspace and word deletion change nothing")
    func noCorrections() throws {
        var run = Attempt(target: TargetText("abc def ghi"), allowsCorrections: false)
        for keystroke in script("abx<^c def", every: 200) {
            _ = run.apply(keystroke)
        }
        #expect(run.apply(.backspace(at: 5_000)) == .correctionRefused)
        let result = try run.result()
        #expect(result.characters == 8)          // "abxc def": the x stays
        #expect(result.uncorrectedErrors == 1)
        #expect(result.keystrokes?.applied == 8)
    }
}
