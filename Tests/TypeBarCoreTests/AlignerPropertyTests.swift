import PropertyBased
import Testing
@testable import TypeBarCore

@Suite("The incremental aligner agrees with a brute-force minimum string distance")
struct AlignerPropertyTests {
    /// Edits on a small alphabet, so errors and matches both happen often. `<` deletes one, `{` deletes many.
    static let operations = Gen.oneOf(Gen.always("a"), Gen.always("b"), Gen.always(" "), Gen.always("<"), Gen.always("{"), Gen.always("c"))

    @Test("After any sequence of typing and deleting, E and K match the reference")
    func matchesReference() async {
        await propertyCheck(count: 300, input: Self.operations.array(of: 0...400), Gen.int(in: 1...40)) { operations, runLength in
            let target = Array("ab ba abc cab baba c ab bca ".repeated(12))
            var aligner = PrefixAligner(target: TargetText(String(target)).codes)
            var typed: [Character] = []
            for operation in operations {
                switch operation {
                case "<":
                    aligner.removeLast()
                    if !typed.isEmpty { typed.removeLast() }
                case "{":
                    // Deleting a long run crosses checkpoint boundaries.
                    for _ in 0..<runLength {
                        aligner.removeLast()
                        if !typed.isEmpty { typed.removeLast() }
                    }
                default:
                    guard typed.count < target.count else { continue }
                    aligner.append(TargetText(String(target)).code(for: Character(operation)))
                    typed.append(Character(operation))
                }
            }
            let expected = bruteForceBest(typed: typed, target: target)
            let best = aligner.best
            #expect(best.errors == expected.errors)
            #expect(best.prefixLength == expected.prefix)
            let alignment = aligner.alignment()
            #expect(alignment.errors == expected.errors)
            #expect(alignment.substitutions + alignment.insertions + alignment.omissions == expected.errors)
        }
    }

    @Test("Scored results stay within their bounds for any keystrokes")
    func resultBounds() async {
        await propertyCheck(count: 200, input: Self.operations.array(of: 1...200)) { operations in
            let keys = operations.enumerated().map { index, key -> Keystroke in
                let time = Double(index) * 37
                switch key {
                case "<": return .backspace(at: time)
                case "{": return .wordBackspace(at: time)
                default: return .character(Character(key), at: time)
                }
            }
            guard let result = try? attempt("ab ba abc cab baba c ab bca", keys).result() else { return }
            #expect(result.accuracy >= 0 && result.accuracy <= 100)
            #expect(result.netWPM >= 0 && result.netWPM <= result.grossWPM)
            #expect(result.uncorrectedErrors <= result.characters)
            #expect(result.wordErrors <= result.uncorrectedErrors)
            #expect(result.keystrokes!.correctedErrors >= 0)
        }
    }
}

extension String {
    func repeated(_ count: Int) -> String { String(repeating: self, count: count) }
}
