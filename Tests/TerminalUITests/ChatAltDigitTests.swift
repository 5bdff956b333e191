import Testing
@testable import TerminalUI

/// Alt and a digit pick a chat at the desk, in both forms a terminal sends it.
@Suite("Alt-digits at the chat desk")
struct ChatAltDigitTests {
    @Test("A stock xterm's 8-bit meta Alt-1..Alt-6 (± ² ³ ´ µ ¶) pick chats 1-6 instead of typing", arguments: 1...6)
    func metaDigit(digit: Int) {
        var keys = ChatKeys()
        let meta = UInt32(0x80 | (0x30 + digit))
        #expect(keys.decode(.character(meta)) == [.shift(.select(digit - 1))])
        #expect(keys.decode(.character(0x61)) == [.shift(.type("a"))])
    }

    @Test("Esc then 1-6 pick chats 1-6; Esc then 7 types nothing")
    func escapeDigit() {
        var keys = ChatKeys()
        for digit in 1...6 {
            #expect(keys.decode(.character(27)) == [])
            #expect(keys.decode(.character(UInt32(0x30 + digit))) == [.shift(.select(digit - 1))])
        }
        #expect(keys.decode(.character(27)) == [])
        #expect(keys.decode(.character(0x37)) == [])
        #expect(keys.decode(.character(0x37)) == [.shift(.type("7"))])
    }

    @Test("Inside a paste the same characters are pasted text, not chat switches")
    func insidePaste() {
        var keys = ChatKeys()
        var actions: [ChatKeys.Action] = []
        for scalar in "\u{1B}[200~\u{B2}\u{B3}\u{1B}[201~".unicodeScalars { actions += keys.decode(.character(scalar.value)) }
        #expect(actions == [.pasted])
    }

    @Test("Other characters past ASCII still type: · ° and é")
    func otherCharacters() {
        var keys = ChatKeys()
        #expect(keys.decode(.character(0xB7)) == [.shift(.type("·"))])
        #expect(keys.decode(.character(0xB0)) == [.shift(.type("°"))])
        #expect(keys.decode(.character(0xE9)) == [.shift(.type("é"))])
    }
}
