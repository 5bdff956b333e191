import Testing
import TerminalUI
import TypeBarCore
import TypeBarKit

@Suite("The desk's rehearsal while the intro is read")
struct ChatRehearsalTests {
    @Test("On every built-in scenario it reaches a customer and plays what the shift's first keys will: in the help desk's modes a search and its reply inserted, in every mode a character typed", arguments: ChatShift.Mode.allCases)
    func rehearsesTheFirstKeys(mode: ChatShift.Mode) throws {
        for id in ScenarioCatalog.builtInIDs {
            let events = ChatSession.rehearse(try ScenarioCatalog.builtIn(id).draw(seed: 7), mode: mode, chats: nil)
            #expect(events.contains(.type("a")), "\(id) in \(mode)")
            #expect(events.contains(.backspace), "\(id) in \(mode)")
            let picked = events.contains { if case .pick = $0 { true } else { false } }
            #expect(picked == mode.judgesChoices, "\(id) in \(mode): \(events)")
        }
    }
}
