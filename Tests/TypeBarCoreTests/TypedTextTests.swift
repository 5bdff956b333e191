import Testing
import TypeBarCore

@Suite("Scoring finished text without keystrokes")
struct TypedTextTests {
    @Test("Figures from the text and the seconds alone")
    func typedOnly() throws {
        // 12 characters typed in 3 s with one substitution: gross = (12/5)/(3/60) = 48, net = 48 - 20 = 28.
        let result = try ScoreResult.scoring(typed: "hellp there!", against: TargetText("hello there! how can I help?"), seconds: 3)
        #expect(isClose(result.grossWPM, 48))
        #expect(isClose(result.netWPM, 28))
        #expect(result.uncorrectedErrors == 1)
        #expect(result.keystrokes == nil)
        #expect(!result.completed)
    }

    @Test("Text longer than the target is cut at the target's length")
    func longerThanTarget() throws {
        let result = try ScoreResult.scoring(typed: "abc def and more", against: TargetText("abc def"), seconds: 2)
        #expect(result.characters == 7)
        #expect(result.completed)
        #expect(result.uncorrectedErrors == 0)
    }

    @Test("Too little time is refused")
    func tooQuick() {
        #expect(throws: ScoringError.tooLittleTime(seconds: 0.5)) {
            try ScoreResult.scoring(typed: "abc", against: TargetText("abc"), seconds: 0.5)
        }
    }
}
