import Foundation
internal import Crypto
import TypeBarCore
import TypeBarFormats

extension HistoryRecord {
    /// A record of `result` under `bar`, saved at `time`, typed against `targetText`.
    public init(id: String, time: Double, mode: Mode, result: ScoreResult, bar: HiringBar, targetText: String, passages: [String], timeLimit: Double?) {
        self.init(id: id, time: time, mode: mode, result: result, bar: bar, textHash: HistoryRecord.sha256(targetText), passages: passages, timeLimit: timeLimit)
    }

    /// Lowercase hex SHA-256 of `text`'s UTF-8 bytes.
    public static func sha256(_ text: String) -> String {
        hex(SHA256.hash(data: Array(text.utf8)))
    }

    /// Lowercase hex SHA-256 of `bytes`.
    public static func sha256(bytes: Data) -> String {
        hex(SHA256.hash(data: bytes))
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
