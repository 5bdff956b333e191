/// The text a typist is asked to type, whitespace-normalised, with each character given a small integer code
/// so the alignment inner loop compares integers instead of grapheme clusters.
public struct TargetText: Sendable, Equatable {
    /// The normalised text: every run of whitespace is one space, and the ends are trimmed.
    public let text: String
    /// The characters of `text`, in order.
    public let characters: [Character]
    /// `codes[i]` is the code of `characters[i]`.
    let codes: [UInt32]
    /// Non-ASCII characters of the target, so codes can be turned back into characters and typed characters into codes.
    private let extraCodes: [Character: UInt32]

    /// The code given to a typed character that does not occur in the target: it never matches a target code.
    static let foreignCode: UInt32 = .max
    /// The code of the space character, which word deletion looks for.
    static let spaceCode: UInt32 = 0x20

    public init(_ raw: String) {
        let normalised = TargetText.normaliseWhitespace(raw)
        text = normalised
        characters = Array(normalised)
        var extra: [Character: UInt32] = [:]
        var codes: [UInt32] = []
        codes.reserveCapacity(characters.count)
        for character in characters {
            if let ascii = character.asciiValue {
                codes.append(UInt32(ascii))
            } else if let known = extra[character] {
                codes.append(known)
            } else {
                let code = UInt32(128 + extra.count)
                extra[character] = code
                codes.append(code)
            }
        }
        self.codes = codes
        extraCodes = extra
    }

    public var count: Int { codes.count }
    public var isEmpty: Bool { codes.isEmpty }

    /// The code for a typed character: its ASCII value, the code it has in this target, or `foreignCode`.
    func code(for character: Character) -> UInt32 {
        if let ascii = character.asciiValue { return UInt32(ascii) }
        return extraCodes[character] ?? TargetText.foreignCode
    }

    /// Each run of whitespace becomes one space; leading and trailing whitespace is dropped.
    public static func normaliseWhitespace(_ raw: String) -> String {
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
