/// The text a typist is asked to type, whitespace-normalised, with each character given a small integer code
/// so the alignment inner loop compares integers instead of grapheme clusters.
public struct TargetText: Sendable, Equatable {
    /// The normalised text: every run of whitespace is one space, and the ends are trimmed.
    public let text: String
    /// `codes[i]` is the code of the i-th character of `text`.
    let codes: [UInt32]
    /// Non-ASCII characters of the target and their codes (128, 129, … in order of first appearance).
    private let extraCodes: [Character: UInt32]
    private let extraCharacters: [Character]

    /// The code given to a typed character that does not occur in the target: it never matches a target code.
    static let foreignCode: UInt32 = .max
    /// The code of the space character, which word deletion looks for.
    static let spaceCode: UInt32 = 0x20

    public init(_ raw: String) {
        let normalised = TargetText.normaliseWhitespace(raw)
        text = normalised
        if normalised.utf8.allSatisfy({ $0 < 0x80 }) {
            // Plain ASCII, the usual case: one byte is one character is one code.
            codes = normalised.utf8.map { UInt32($0) }
            extraCodes = [:]
            extraCharacters = []
            return
        }
        var extra: [Character: UInt32] = [:]
        var extraList: [Character] = []
        var codes: [UInt32] = []
        for character in normalised {
            if let ascii = character.asciiValue {
                codes.append(UInt32(ascii))
            } else if let known = extra[character] {
                codes.append(known)
            } else {
                let code = UInt32(128 + extraList.count)
                extra[character] = code
                extraList.append(character)
                codes.append(code)
            }
        }
        self.codes = codes
        extraCodes = extra
        extraCharacters = extraList
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
        return extraCodes[character] ?? TargetText.foreignCode
    }

    /// Each run of whitespace becomes one space; leading and trailing whitespace is dropped.
    public static func normaliseWhitespace(_ raw: String) -> String {
        if raw.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(raw.utf8.count)
            var pendingSpace = false
            for byte in raw.utf8 {
                if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                    pendingSpace = !bytes.isEmpty
                } else {
                    if pendingSpace { bytes.append(0x20) }
                    pendingSpace = false
                    bytes.append(byte)
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
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
