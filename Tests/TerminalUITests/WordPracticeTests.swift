import Testing
@testable import TerminalUI
import TypeBarCore

@Suite("Results keys m and s: the session's missed and slowest words")
struct WordPracticeTests {
    static let text = "the cat sat on the mat by the door"

    /// Types `keys` (`<` is backspace) 150 ms apart, "mat" slowly.
    func session(_ keys: String) -> TypingSession {
        var session = TypingSession(configuration: TypingSession.Configuration(mode: .practice, text: Self.text, passageIDs: [], title: "t"))
        var time = 0.0
        var typed = 0
        for key in keys {
            _ = session.handle(key == "<" ? .backspace : .type(key), at: time)
            typed += key == "<" ? -1 : 1
            time += (19...21).contains(typed) ? 600 : 150
        }
        return session
    }

    @Test("m practises each missed word as often as it was missed; s the slowest words three times each")
    func missedAndSlowest() throws {
        // "cat" typed "cst" and fixed; the second "the" typed "thw" and left; "door" typed "dor", fixed.
        let practice = WordPractice(after: session("the cst<<at sat on the mat by thw dor<or"))
        let missed = try #require(practice.missed)
        #expect(missed.text.split(separator: " ").sorted() == ["cat", "door", "the"])
        #expect(missed.title == "3 missed words")
        #expect(missed.mode == .practice)
        let slowest = try #require(practice.slowest)
        let words = slowest.text.split(separator: " ")
        #expect(words.filter { $0 == "mat" }.count == WordPractice.slowRepeats)
        #expect(Set(words).count * WordPractice.slowRepeats == words.count)
        #expect(practice.help() == "r retry · n next · m missed words · s slowest words · q quit")
        // The same session, the same practice text.
        #expect(WordPractice(after: session("the cst<<at sat on the mat by thw dor<or")).missed?.text == missed.text)
    }

    @Test("A clean session has nothing missed: no m")
    func clean() {
        let practice = WordPractice(after: session(Self.text))
        #expect(practice.missed == nil)
        #expect(practice.slowest != nil)
        #expect(practice.help() == "r retry · n next · s slowest words · q quit")
    }
}
