#if canImport(Glibc)
import Glibc
#endif
import TerminalUI
import TypeBarCore

/// The input as a buffer (libFuzzer may pass a null pointer for an empty input).
public func input(_ data: UnsafePointer<UInt8>?, _ count: Int) -> UnsafeRawBufferPointer {
    guard let data, count > 0 else { return UnsafeRawBufferPointer(start: nil, count: 0) }
    return UnsafeRawBufferPointer(start: data, count: count)
}

/// A file the readers under test open by path, rewritten for every input. It lives in `TMPDIR` (scripts/fuzz.sh
/// points that at a folder in memory that it removes afterwards).
public struct ScratchFile: Sendable {
    public let path: String

    public init(_ name: String) {
        let folder = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        path = "\(folder)/typebar-fuzz-\(getpid())-\(name)"
    }

    /// Replaces the file's contents with `bytes`.
    public func write(_ bytes: UnsafeRawBufferPointer) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else { fatalError("cannot write \(path): errno \(errno)") }
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { fatalError("cannot write \(path): errno \(errno)") }
            offset += written
        }
        close(descriptor)
    }

    public func write(_ text: String) {
        var text = text
        text.withUTF8 { write(UnsafeRawBufferPointer($0)) }
    }
}

/// Fails the run (libFuzzer keeps the input as a crash) when a property of the code under test does not hold.
public func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError("property violated: \(message())") }
}

/// Keys from the fuzzer's bytes, as the key decoder's targets read them: each byte is a character, except 0xF0 (the
/// next four bytes are a character value, valid or not), 0xF1 (the next four are an ncurses key code), 0xF2 (a
/// timeout) and, where pauses are read, 0xF3 (the next byte is a pause, its length the target's to choose).
public struct KeyScript: Sequence, IteratorProtocol {
    public enum Step: Equatable {
        case key(RawKey)
        case pause(UInt8)
    }

    private let bytes: UnsafeRawBufferPointer
    private let pauses: Bool
    private var index: Int

    public init(_ bytes: UnsafeRawBufferPointer, from start: Int, pauses: Bool) {
        self.bytes = bytes
        self.pauses = pauses
        index = start
    }

    public mutating func next() -> Step? {
        guard index < bytes.count else { return nil }
        let byte = bytes[index]
        index += 1
        switch byte {
        case 0xF0: return .key(.character(word()))
        case 0xF1: return .key(.code(Int32(bitPattern: word())))
        case 0xF2: return .key(.none)
        case 0xF3 where pauses:
            defer { index += 1 }
            return .pause(index < bytes.count ? bytes[index] : 1)
        default: return .key(.character(UInt32(byte)))
        }
    }

    /// The next four bytes, big-endian (fewer at the end of the input).
    private mutating func word() -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 where index < bytes.count {
            value = value << 8 | UInt32(bytes[index])
            index += 1
        }
        return value
    }
}

/// A free-mode shift's replies checked against a word list of the fuzzer's own: what a dictionary does, without one.
public struct ShortWords: SpellChecker {
    public init() {}
    public func isCorrect(_ word: String) -> Bool { word.count < 8 }
}
