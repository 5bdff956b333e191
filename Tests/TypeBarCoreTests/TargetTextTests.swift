import PropertyBased
import Testing
@testable import TypeBarCore

@Suite("Target text codes")
struct TargetTextTests {
    @Test("ASCII characters are their own codes; each other character has one code of its own from 128")
    func codes() {
        let target = TargetText("Café — naïve café")
        // Three characters outside ASCII: é, — and ï, each with its own code, the same wherever it stands.
        let extras = target.codes.filter { $0 >= 128 }
        #expect(Set(extras).count == 3)
        #expect(Set(extras).isSubset(of: [128, 129, 130]))
        #expect(target.codes[0] == UInt32(("C" as Character).asciiValue!))
        #expect(target.codes[3] == target.codes[16])
        #expect(target.code(for: "é") == target.codes[3])
        #expect(target.code(for: "—") == target.codes[5])
        // A character the target lacks never matches.
        #expect(target.code(for: "ü") == TargetText.foreignCode)
        // Every code gives back its character.
        for (code, character) in zip(target.codes, target.text) { #expect(target.character(for: code) == character) }
        #expect(target.character(for: 131) == "\u{FFFD}")
    }

    @Test("Canonically equal characters share a code: a decomposed é typed against a precomposed one matches")
    func canonicalEquivalence() {
        let target = TargetText("caf\u{E9}")
        #expect(target.code(for: "e\u{301}") == target.codes[3])
    }

    static let pieces = Gen.oneOf(Gen.always("a"), Gen.always("Zq"), Gen.always("."), Gen.always(" "), Gen.always("\t"), Gen.always("\n"),
                                  Gen.always("\r"), Gen.always("\u{0B}"), Gen.always("\u{0C}"), Gen.always("\r\n"), Gen.always("é"))

    @Test("Whitespace runs become one space and the ends are trimmed, on the ASCII path as on the general one")
    func whitespaceProperty() async {
        await propertyCheck(count: 400, input: Self.pieces.array(of: 0...40)) { pieces in
            let raw = pieces.joined()
            // Said another way: the words between whitespace, joined by single spaces.
            let expected = raw.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            let normalised = TargetText.normaliseWhitespace(raw)
            #expect(normalised == expected, "\(raw.debugDescription)")
            #expect(TargetText(raw).text == expected)
            #expect(TargetText(raw).count == expected.count)
        }
    }
}
