import PropertyBased
import Testing
@testable import TerminalUI

/// The key decoder on whatever a terminal (or a hostile paste) can send: raw values from anywhere in the 32-bit
/// range, ncurses key codes, timeouts, and the bytes of escape sequences in any order.
@Suite("The key decoder on random input")
struct KeyDecoderPropertyTests {
    /// Keys weighted toward the ones that drive the decoder's states: Esc, '[', digits, ';', '~', 'I', 'O', 'u',
    /// backspaces, timeouts; and any value at all, valid scalar or not (surrogates, past U+10FFFF).
    static let key = Gen<RawKey>.oneOf(
        Gen<UInt32?>.element(of: [27, 91, 50, 48, 49, 126, 73, 79, 117, 59, 53, 55, 56, 127, 8, 3, 9, 23, 13] as [UInt32]).map { RawKey.character($0!) },
        Gen.uint32(in: 0...0x7F).map { RawKey.character($0) },
        Gen.uint32(in: 0...UInt32.max).map { RawKey.character($0) },
        Gen.uint32(in: 0xD800...0xDFFF).map { RawKey.character($0) },
        Gen.int32(in: Int32.min...Int32.max).map { RawKey.code($0) },
        Gen.int32(in: 256...512).map { RawKey.code($0) },
        Gen.always(RawKey.none)
    )

    /// Decodes `keys`, checking on the way that each key gives at most one event and that a timeout never leaves
    /// the decoder waiting inside an escape sequence. Returns the events.
    static func decode(_ keys: [RawKey], controlH: Bool) -> [InputEvent] {
        var decoder = KeyDecoder(codes: .init(backspaceIsControlH: controlH))
        var events: [InputEvent] = []
        for key in keys {
            let produced = decoder.decode(key)
            #expect(produced.count <= 1, "\(key) gave \(produced)")
            if key == .none { #expect(decoder.keyTimeout == nil, "still inside a sequence or a paste after a timeout") }
            events += produced
        }
        return events
    }

    @Test("At most one event per key, no sequence or paste outlives a timeout, and pastes count no more than was sent")
    func invariants() async {
        await propertyCheck(count: 2000, input: Self.key.array(of: 0...80), Gen.bool) { keys, controlH in
            let events = Self.decode(keys, controlH: controlH)
            let pasted = events.reduce(0) { total, event in
                if case .pasted(let characters) = event { return total + characters }
                return total
            }
            #expect(pasted >= 0 && pasted <= keys.count)
        }
    }

    @Test("Whatever came before, the paste markers around text give one paste of exactly that text's length")
    func pasteAfterNoise() async {
        await propertyCheck(count: 500, input: Self.key.array(of: 0...30), Gen.letterOrNumber.string(of: 0...40)) { noise, text in
            var decoder = KeyDecoder()
            for key in noise { _ = decoder.decode(key) }
            // A timeout ends whatever sequence or paste the noise left open (a lone Esc's timeout is Esc).
            _ = decoder.decode(.none)
            #expect(decoder.keyTimeout == nil)
            var events: [InputEvent] = []
            for scalar in "\u{1B}[200~\(text)\u{1B}[201~".unicodeScalars { events += decoder.decode(.character(scalar.value)) }
            #expect(events == [.pasted(characters: text.count)], "after \(noise.count) keys of noise")
        }
    }

    @Test("Decoding never traps, whatever the keys (checked in a child process)")
    func neverTraps() async {
        await #expect(processExitsWith: .success) {
            // propertyCheck needs a running test, which a child process is not: the same generator, seeded here.
            var random = Xoshiro(seed: (0x7479_7065, 0x6261_7200, 0x6b65_7973, 0x2a2a_2a2a))
            let keys = KeyDecoderPropertyTests.key.array(of: 0...200)
            for _ in 0..<3_000 {
                for controlH in [false, true] {
                    var decoder = KeyDecoder(codes: .init(backspaceIsControlH: controlH))
                    for key in keys.run(using: &random) { _ = decoder.decode(key) }
                }
            }
        }
    }
}
