import Testing
@testable import TerminalUI

@Suite("How roles look: every state of the chat desk distinct with no colour, 8 and 256")
struct LookTests {
    /// The states a chat line can be in: a short wait, a warning, a long wait or one leaving, typing, served.
    static let states: [Role] = [.plain, .warning, .bad, .dim, .good]

    @Test("The desk's states look different from each other and from the reply guide and the queue", arguments: Look.Colours.allCases)
    func distinct(colours: Look.Colours) {
        let looks = LookTests.states.map { Look.of($0, colours: colours) }
        #expect(Set(looks).count == looks.count)
        #expect(Look.of(.warning, colours: colours) != Look.of(.mark, colours: colours))
    }

    @Test("Text with 8 colours keeps to red and magenta, which read on white and black; other colours only as a background pair")
    func eightColours() {
        for role in Role.allCases where role != .chartLight {
            let look = Look.of(role, colours: .eight)
            if look.background == nil { #expect([nil, 1, 5].contains(look.foreground), "\(role)") }
        }
        // The warning sets both colours: black on yellow.
        #expect(Look.of(.warning, colours: .eight) == Look(foreground: 0, background: 3))
        #expect(Look.of(.warning, colours: .none) == Look(underline: true))
        #expect(Look.of(.bad, colours: .none) == Look(bold: true, underline: true))
    }
}
