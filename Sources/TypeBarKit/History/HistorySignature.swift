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
        guard let signature = record.signature else { return false }
        let expected = sign(record, key: key)
        // Compared in full whatever the first difference, so timing says nothing about the right value.
        return expected.utf8.count == signature.utf8.count && zip(expected.utf8, signature.utf8).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
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
