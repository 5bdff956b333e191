import Testing
import TestSupport
@testable import TypeBarKit

@Suite("Signatures")
struct HistorySignatureTests {
    let key = Array("a trainer's key of 32 characters".utf8)

    @Test("A signed record verifies; a changed figure, a changed signature or another key does not")
    func roundTrip() throws {
        var record = try sampleRecord()
        record.signature = HistorySignature.sign(record, key: key)
        #expect(HistorySignature.isValid(record, key: key))
        #expect(!HistorySignature.isValid(record, key: Array("another key, also long enough".utf8)))
        var changed = record
        changed.netWPM += 0.1
        #expect(!HistorySignature.isValid(changed, key: key))
        var flipped = record
        let signature = try #require(record.signature)
        flipped.signature = String(signature.dropLast()) + (signature.hasSuffix("0") ? "1" : "0")
        #expect(!HistorySignature.isValid(flipped, key: key))
        flipped.signature = signature.uppercased()
        #expect(!HistorySignature.isValid(flipped, key: key) || signature == signature.uppercased())
    }

    @Test("Hex text decodes to bytes; odd lengths and other letters are refused")
    func hex() {
        #expect(HistorySignature.bytes(fromHex: "00ff7a") == [0x00, 0xFF, 0x7A])
        #expect(HistorySignature.bytes(fromHex: "") == [])
        #expect(HistorySignature.bytes(fromHex: "abc") == nil)
        #expect(HistorySignature.bytes(fromHex: "zz") == nil)
        #expect(HistorySignature.bytes(fromHex: "AB") == nil)
    }
}
