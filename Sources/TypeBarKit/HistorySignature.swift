import Crypto

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
