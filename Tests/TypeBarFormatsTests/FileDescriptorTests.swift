import Foundation
import SystemPackage
import Testing
import TestSupport
@testable import TypeBarFormats

/// The raw reads and writes through swift-system: every byte written, the system's words when it fails, and a
/// file read in parts the same as whole.
@Suite("Reads and writes")
struct FileDescriptorTests {
    let scratch = Scratch()

    @Test("writeAll writes every byte of a large buffer, and says what the system said when it cannot")
    func writes() throws {
        let path = scratch.url.appendingPathComponent("out.bin").path
        let bytes = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let descriptor = try FileDescriptor.open(FilePath(path), .writeOnly, options: [.create], permissions: .ownerReadWrite)
        #expect(writeAll(bytes, to: descriptor) == nil)
        try descriptor.close()
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == bytes)
        // Open for reading only: the write is refused, in the system's words.
        let reader = try FileDescriptor.open(FilePath(path), .readOnly)
        defer { try? reader.close() }
        #expect(writeAll([1, 2, 3], to: reader) == "Bad file descriptor")
    }

    @Test("A file read as two parts gives the same lines, numbered from each part's start")
    func parts() throws {
        let text = (1...500).map { "line \($0) " + String(repeating: "x", count: $0 % 37) }.joined(separator: "\n") + "\n"
        let path = scratch.write("lines.txt", text)
        func lines(_ reader: LineReader) throws -> [String] {
            var seen: [String] = []
            try reader.forEachLine { line, _ in seen.append(String(decoding: line, as: UTF8.self)); return true }
            return seen
        }
        let whole = try lines(LineReader(path: path))
        #expect(whole.count == 500)
        let middle = try #require(text.utf8.firstIndex(of: 0x0A).map { text.utf8.distance(from: text.utf8.startIndex, to: $0) + 1 })
        let first = try lines(LineReader(path: path, start: 0, length: middle))
        let rest = try lines(LineReader(path: path, start: middle, length: text.utf8.count - middle))
        #expect(first + rest == whole)
        #expect(throws: TypeBarError.cannotRead(path: scratch.url.path, reason: "it is a directory; give a keystroke log file")) {
            try LineReader(path: scratch.url.path)
        }
    }
}
