import Foundation
internal import Crypto

/// Signed results: an HMAC-SHA256, under a trainer's key, over a record's canonical content (every field but the
/// signature, in the fixed order typebar writes them). Changing any figure, name or date breaks it.
public enum HistorySignature {
    public static func sign(_ record: HistoryRecord, key: [UInt8]) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Array(record.canonicalContent.utf8), using: SymmetricKey(data: key))
        return HistoryRecord.hex(code)
    }

    /// Whether `record` carries a signature that `key` made over its present content.
    public static func isValid(_ record: HistoryRecord, key: [UInt8]) -> Bool {
        guard let signature = record.signature, let code = bytes(fromHex: signature) else { return false }
        // swift-crypto compares in constant time, so timing says nothing about the right value.
        return HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: Array(record.canonicalContent.utf8), using: SymmetricKey(data: key))
    }

    /// The bytes of lowercase hex text; nil for anything else (an odd length, a letter past f, capitals).
    static func bytes(fromHex text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        func value(_ digit: UInt8) -> UInt8? {
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
            default: nil
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = value(digits[index]), let low = value(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }
}

/// The trainer's signing key: the bytes of `--key-file` (a trailing line break dropped), else the text of
/// `TYPEBAR_SIGNING_KEY`. At least 16 bytes, so it cannot be guessed.
public enum SigningKey {
    public static let minimumBytes = 16
    static let advice = "make one with: head -c 32 /dev/urandom | base64 > typebar.key"

    /// The key, or nil when neither is given.
    public static func load(file: String?, environment: [String: String]) throws(TypeBarError) -> [UInt8]? {
        var bytes: [UInt8]
        let source: String
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw .cannotRead(path: file, reason: "no such file, or no permission to read it; \(advice)")
            }
            bytes = Array(data)
            source = file
        } else if let text = environment["TYPEBAR_SIGNING_KEY"], !text.isEmpty {
            bytes = Array(text.utf8)
            source = "TYPEBAR_SIGNING_KEY"
        } else {
            return nil
        }
        while let last = bytes.last, last == 0x0A || last == 0x0D { bytes.removeLast() }
        guard bytes.count >= minimumBytes else {
            throw .badFile(path: source, problem: "the signing key is \(bytes.count) bytes; use at least \(minimumBytes) (\(advice))")
        }
        return bytes
    }
}
