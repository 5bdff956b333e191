import Testing
import TypeBarCore
@testable import TerminalUI

/// The typing screen colours the text by the alignment the score counts errors by, so what is red on screen is
/// what the result calls an error.
@Suite("Colours on the typing screen follow the score's alignment")
struct TypingColourTests {
    static let text = "Thanks for waiting, Sam. Your refund is on its way."

    /// The typing screen after `typed`, one key every 200 ms, and the session.
    func screen(after typed: String) -> (frame: Frame, session: TypingSession) {
        var session = TypingSession(configuration: .init(mode: .practice, text: Self.text, passageIDs: ["t"], title: "t"))
        var view = TypingView(text: Self.text)
        var frame = view.frame(for: session, rows: 24, columns: 80, now: 0)
        for (index, character) in typed.enumerated() {
            _ = session.handle(.type(character), at: Double(index) * 200)
            // A frame after every key, as the screen draws them: the view redraws only what changed.
            frame = view.frame(for: session, rows: 24, columns: 80, now: Double(index) * 200)
        }
        return (frame, session)
    }

    func wrongCells(_ frame: Frame) -> Int {
        (0..<frame.height).reduce(0) { total, row in total + (0..<frame.width).filter { frame[row, $0].role == .wrong }.count }
    }

    @Test("One dropped letter is one red character, not every later one")
    func droppedLetter() {
        // "Thanks" typed "Thnks": the n lands where the a was due, and every key after it is one place early.
        let (frame, session) = screen(after: "Thnks for waiting, Sam. Your")
        #expect(wrongCells(frame) == 1)
        #expect(!session.attempt.isCorrect(at: 2))
        #expect((3..<session.attempt.typedCount).allSatisfy { session.attempt.isCorrect(at: $0) })
        #expect(session.attempt.liveFigures(at: 5_600).uncorrectedErrors == 1)
    }

    @Test("A doubled letter and a wrong letter are one red character each")
    func extraAndWrongLetters() {
        #expect(wrongCells(screen(after: "Thannks for").frame) == 1)
        #expect(wrongCells(screen(after: "Thanks fir waiting").frame) == 1)
    }

    @Test("Deleting the slip and typing it right leaves nothing red")
    func corrected() {
        var session = TypingSession(configuration: .init(mode: .practice, text: Self.text, passageIDs: ["t"], title: "t"))
        var view = TypingView(text: Self.text)
        var time = 0.0
        func key(_ event: InputEvent) {
            _ = session.handle(event, at: time)
            time += 200
            _ = view.frame(for: session, rows: 24, columns: 80, now: time)
        }
        for character in "Thnks f" { key(.type(character)) }
        key(.wordBackspace)
        key(.wordBackspace)
        for character in "Thanks for" { key(.type(character)) }
        #expect(wrongCells(view.frame(for: session, rows: 24, columns: 80, now: time)) == 0)
    }
}
