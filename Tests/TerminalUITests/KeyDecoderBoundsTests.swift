import Testing
@testable import TerminalUI

/// Whatever a terminal sends, the key decoder comes back to reading keys, in bounded memory.
@Suite("The key decoder's bounds")
struct KeyDecoderBoundsTests {
    func characters(_ text: String) -> [RawKey] { text.unicodeScalars.map { .character($0.value) } }

    @Test("A paste whose end marker never comes ends at the next timeout, and the keys after it type again")
    func pasteWithoutItsEnd() {
        var decoder = KeyDecoder()
        var events = characters("\u{1B}[200~order #4821").flatMap { decoder.decode($0) }
        #expect(events.isEmpty)
        #expect(decoder.keyTimeout == KeyDecoder.pasteTimeout)
        events = decoder.decode(.none)
        #expect(events == [.pasted(characters: 11)])
        #expect(decoder.keyTimeout == nil)
        #expect(characters("ok").flatMap { decoder.decode($0) } == [.type("o"), .type("k")])
    }

    @Test("A timeout inside a paste's end marker counts the held-back characters as pasted")
    func timeoutInsideTheEndMarker() {
        var decoder = KeyDecoder()
        for key in characters("\u{1B}[200~abc\u{1B}[20") { _ = decoder.decode(key) }
        #expect(decoder.decode(.none) == [.pasted(characters: 7)])
    }

    @Test("A paste that goes on without a pause ends at the size limit; what follows types")
    func pasteAtTheSizeLimit() {
        var decoder = KeyDecoder()
        for key in characters("\u{1B}[200~") { _ = decoder.decode(key) }
        var events: [InputEvent] = []
        for _ in 0..<KeyDecoder.maximumPasteCharacters { events += decoder.decode(.character(0x61)) }
        #expect(events == [.pasted(characters: KeyDecoder.maximumPasteCharacters)])
        #expect(!decoder.isPasting)
        #expect(decoder.decode(.character(0x62)) == [.type("b")])
    }

    @Test("An Esc that brings a paste to the size limit may begin the end marker: the marker is read as a sequence, not typed")
    func endMarkerAfterTheLimit() {
        var decoder = KeyDecoder()
        for key in characters("\u{1B}[200~") { _ = decoder.decode(key) }
        for _ in 0..<(KeyDecoder.maximumPasteCharacters - 2) { _ = decoder.decode(.character(0x61)) }
        // "Esc [" may be the end marker, so it is held back; a second Esc shows it was pasted text after all.
        #expect(characters("\u{1B}[").flatMap { decoder.decode($0) }.isEmpty)
        #expect(decoder.decode(.character(27)) == [.pasted(characters: KeyDecoder.maximumPasteCharacters)])
        #expect(characters("[201~x").flatMap { decoder.decode($0) } == [.type("x")])
    }

    @Test("An escape sequence's parameters are kept to a fixed length however many arrive, and the sequence is ignored")
    func parametersCapped() {
        var decoder = KeyDecoder()
        _ = decoder.decode(.character(27))
        _ = decoder.decode(.character(0x5B))
        for _ in 0..<10_000 { #expect(decoder.decode(.character(0x32)).isEmpty) }
        guard case .csi(let parameters) = decoder.state else {
            Issue.record("not inside the sequence: \(decoder.state)")
            return
        }
        #expect(parameters.utf8.count == KeyDecoder.maximumParameters)
        // Its final byte ends it, unrecognised; and "200~" past the cap starts no paste.
        #expect(characters("00~x").flatMap { decoder.decode($0) } == [.type("x")])
    }

    @Test("How long a screen waits: briefly inside a sequence, longer inside a paste, not at all between keys")
    func timeouts() {
        var decoder = KeyDecoder()
        #expect(decoder.keyTimeout == nil)
        _ = decoder.decode(.character(27))
        #expect(decoder.keyTimeout == KeyDecoder.sequenceTimeout)
        for key in characters("[200~") { _ = decoder.decode(key) }
        #expect(decoder.keyTimeout == KeyDecoder.pasteTimeout)
    }
}
