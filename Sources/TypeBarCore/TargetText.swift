/// The text a typist is asked to type, whitespace-normalised, with each character given a small integer code
/// so the alignment inner loop compares integers instead of grapheme clusters.
public struct TargetText: Sendable, Equatable {
    /// The normalised text: every run of whitespace is one space, and the ends are trimmed.
    public let text: String
    /// `codes[i]` is the code of the i-th character of `text`.
    let codes: [UInt32]
    /// The target's non-ASCII characters, sorted and each once: the code of `extraCharacters[i]` is 128 + i. A sorted
    /// array rather than a dictionary: a dictionary keyed by Character costs a run-time conformance look-up the
    /// first time one is made, at every start (docs/performance.md, "Start-up").
    private let extraCharacters: [Character]

    /// The code given to a typed character that does not occur in the target: it never matches a target code.
    static let foreignCode: UInt32 = .max
    /// The code of the space character, which word deletion looks for.
    static let spaceCode: UInt32 = 0x20

    public init(_ raw: String) {
        let normalised = TargetText.normaliseWhitespace(raw)
        text = normalised
        // Plain ASCII, the usual case: one byte is one character is one code (read through the string's own buffer).
        if let ascii = normalised.withASCIIBytes({ bytes in bytes.map { UInt32($0) } }) {
            codes = ascii
            extraCharacters = []
            return
        }
        var extras = normalised.filter { !$0.isASCII }.sorted()
        extras.removeDuplicatesOfSorted()
        extraCharacters = extras
        var codes: [UInt32] = []
        codes.reserveCapacity(normalised.utf8.count)
        for character in normalised {
            if let ascii = character.asciiValue {
                codes.append(UInt32(ascii))
            } else {
                codes.append(TargetText.code(of: character, among: extras))
            }
        }
        self.codes = codes
    }

    /// `character`'s code among the sorted `extras`, or `foreignCode`.
    private static func code(of character: Character, among extras: [Character]) -> UInt32 {
        var low = 0
        var high = extras.count
        while low < high {
            let middle = (low + high) / 2
            if extras[middle] < character { low = middle + 1 } else { high = middle }
        }
        return low < extras.count && extras[low] == character ? UInt32(128 + low) : foreignCode
    }

    /// The characters of `text`, in order.
    public var characters: [Character] { Array(text) }

    /// The character a code stands for.
    func character(for code: UInt32) -> Character {
        if code < 128, let scalar = Unicode.Scalar(code) { return Character(scalar) }
        let index = Int(code) - 128
        return index >= 0 && index < extraCharacters.count ? extraCharacters[index] : "\u{FFFD}"
    }

    public var count: Int { codes.count }
    public var isEmpty: Bool { codes.isEmpty }

    /// The code for a typed character: its ASCII value, the code it has in this target, or `foreignCode`.
    func code(for character: Character) -> UInt32 {
        if let ascii = character.asciiValue { return UInt32(ascii) }
        return TargetText.code(of: character, among: extraCharacters)
    }

    /// Each run of whitespace becomes one space; leading and trailing whitespace is dropped.
    public static func normaliseWhitespace(_ raw: String) -> String {
        // ASCII, read from the string's own buffer and written straight into the new one: never longer, since a
        // space is written only for whitespace passed over.
        let ascii = raw.withASCIIBytes { bytes in
            String(unsafeUninitializedCapacity: bytes.count) { out in
                var count = 0
                var pendingSpace = false
                for byte in bytes {
                    if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                        pendingSpace = count > 0
                    } else {
                        if pendingSpace {
                            out[count] = 0x20
                            count += 1
                        }
                        pendingSpace = false
                        out[count] = byte
                        count += 1
                    }
                }
                return count
            }
        }
        if let ascii { return ascii }
        var result = ""
        result.reserveCapacity(raw.utf8.count)
        var pendingSpace = false
        for character in raw {
            if character.isWhitespace {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(character)
            }
        }
        return result
    }
}

extension Array where Element: Equatable {
    /// Keeps the first of each run of equal elements (every duplicate, when the array is sorted).
    mutating func removeDuplicatesOfSorted() {
        var kept = 0
        for index in indices where kept == 0 || self[index] != self[kept - 1] {
            self[kept] = self[index]
            kept += 1
        }
        removeLast(count - kept)
    }
}
