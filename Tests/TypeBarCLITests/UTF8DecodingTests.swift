import CTerminal
import Glibc
import Testing

/// The key reader decodes UTF-8 itself when the locale's name says UTF-8, without the C library's locale; its answers
/// must be the C library's own in a UTF-8 locale (mbrtowc under C.UTF-8, set for this thread alone with uselocale),
/// but that a number past U+10FFFF is refused.
@Suite("UTF-8 keys decoded as the C library decodes them")
struct UTF8DecodingTests {
    /// tb_decode_utf8's answer: the length (or -1, -2 as Int) and the scalar when there is one.
    private func ours(_ bytes: [UInt8]) -> (Int, UInt32?) {
        var scalar: UInt32 = 0
        let used = bytes.withUnsafeBufferPointer { tb_decode_utf8($0.baseAddress, $0.count, &scalar) }
        return answer(used, scalar)
    }

    /// mbrtowc's answer in the locale already in use on this thread, but for one refusal of ours: glibc hands over
    /// the number a sequence spells past U+10FFFF (up to 2^31 - 1, from the original six-byte UTF-8), which is no
    /// character; the key reader refuses it, as it does a surrogate.
    private func library(_ bytes: [UInt8]) -> (Int, UInt32?) {
        var character: wchar_t = 0
        var state = mbstate_t()
        let used = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { mbrtowc(&character, $0.baseAddress, $0.count, &state) }
        }
        let scalar = UInt32(bitPattern: character)
        return used > 0 && scalar > 0x10FFFF ? (-1, nil) : answer(used, scalar)
    }

    private func answer(_ used: Int, _ scalar: UInt32) -> (Int, UInt32?) {
        used == -1 || used == -2 ? (used, nil) : (used, scalar)
    }

    /// Runs `body` with this thread in the C.UTF-8 locale, then puts the thread's locale back.
    private func inUTF8Locale(_ body: () throws -> Void) throws {
        let utf8 = try #require(newlocale(LC_CTYPE_MASK, "C.UTF-8", nil), "C.UTF-8 is not available")
        let before = uselocale(utf8)
        defer {
            uselocale(before)
            freelocale(utf8)
        }
        try body()
    }

    @Test("Hand-checked bytes: ASCII, the longest of each length, cut-short and ill-formed ones")
    func handChecked() {
        #expect(ours([0x41]) == (1, 0x41))
        #expect(ours([0x00]) == (0, 0))
        #expect(ours([]) == (-2, nil))
        #expect(ours([0xC3, 0xA9]) == (2, 0xE9))                     // é
        #expect(ours([0xE2, 0x82, 0xAC, 0x41]) == (3, 0x20AC))       // €, then a letter left for the next read
        #expect(ours([0xF0, 0x9F, 0x98, 0x80]) == (4, 0x1F600))      // 😀
        #expect(ours([0xF4, 0x8F, 0xBF, 0xBF]) == (4, 0x10FFFF))
        #expect(ours([0xE2, 0x82]) == (-2, nil))                     // the rest still to come
        #expect(ours([0xE0, 0x80]) == (-2, nil))                     // judged once whole, as glibc does
        #expect(ours([0xC0, 0x80]) == (-1, nil))                     // overlong NUL
        #expect(ours([0xE0, 0x80, 0x80]) == (-1, nil))               // overlong
        #expect(ours([0xED, 0xA0, 0x80]) == (-1, nil))               // a surrogate
        #expect(ours([0xF4, 0x90, 0x80, 0x80]) == (-1, nil))         // past U+10FFFF
        #expect(ours([0xF8, 0x88, 0x80, 0x80]) == (-2, nil))         // a five-byte form of the original UTF-8, cut short
        #expect(ours([0xF8, 0x88, 0x80, 0x80, 0x80]) == (-1, nil))   // and whole: past U+10FFFF
        #expect(ours([0x80]) == (-1, nil))                           // a continuation byte alone
        #expect(ours([0xC3, 0x41]) == (-1, nil))                     // a lead byte, then no continuation
    }

    @Test("Every sequence of one and two bytes, and every three-byte one that starts with a lead byte, as mbrtowc")
    func everyShortSequence() throws {
        try inUTF8Locale {
            var differences: [[UInt8]] = []
            func compare(_ bytes: [UInt8]) {
                if differences.count < 10, ours(bytes) != library(bytes) { differences.append(bytes) }
            }
            for first in UInt8.min...UInt8.max {
                compare([first])
                for second in UInt8.min...UInt8.max {
                    compare([first, second])
                    guard first >= 0xE0 else { continue }
                    for third in UInt8.min...UInt8.max { compare([first, second, third]) }
                }
            }
            #expect(differences.isEmpty, "\(differences.map { $0.map { String($0, radix: 16) } })")
        }
    }

    @Test("Sequences of four bytes and more over each boundary of their ranges, whole and cut short, as mbrtowc")
    func fourByteSequences() throws {
        let edges: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xF4, 0xFF]
        try inUTF8Locale {
            var compared = 0
            var differences: [[UInt8]] = []
            for first in UInt8(0xF0)...UInt8(0xFF) {
                for second in edges {
                    for third in edges {
                        for fourth in edges {
                            let bytes = [first, second, third, fourth, 0x80, 0x80]
                            for length in 1...6 {
                                let prefix = Array(bytes.prefix(length))
                                compared += 1
                                if differences.count < 10, ours(prefix) != library(prefix) { differences.append(prefix) }
                            }
                        }
                    }
                }
            }
            #expect(compared == 16 * 12 * 12 * 12 * 6)
            #expect(differences.isEmpty, "\(differences.map { $0.map { String($0, radix: 16) } })")
        }
    }
}
