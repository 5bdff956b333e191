import SystemPackage
import TypeBarCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Streams a file (or standard input) line by line in fixed-size chunks, so a log of any length is read in
/// constant memory. Lines end with LF; a CR before it is dropped.
public struct LineReader {
    /// A line longer than this is refused instead of filling memory: no real header or event comes close.
    public static let maximumLineBytes = 64 << 20

    public let displayName: String
    private let descriptor: FileDescriptor
    private let ownsDescriptor: Bool
    /// Bytes of the file this reader covers: from `start`, and at most `length` of them.
    private var start: Int = 0
    private var length: Int = .max

    /// Opens `path`; `-` means standard input.
    public init(path: String) throws(TypeBarError) {
        if path == "-" {
            displayName = "<stdin>"
            descriptor = .standardInput
            ownsDescriptor = false
            return
        }
        displayName = path
        let fd: FileDescriptor
        do {
            fd = try FileDescriptor.open(FilePath(path), .readOnly, options: [.closeOnExec])
        } catch {
            throw .cannotRead(path: path, reason: systemWords(error))
        }
        if (try? fd.stat())?.type == .directory {
            try? fd.close()
            throw .cannotRead(path: path, reason: "it is a directory; give a keystroke log file")
        }
        descriptor = fd
        ownsDescriptor = true
    }

    /// A reader of `path` from byte `start` for `length` bytes, for reading one file in parts at once.
    public init(path: String, start: Int, length: Int) throws(TypeBarError) {
        try self.init(path: path)
        self.start = start
        self.length = length
    }

    /// Calls `body` with each line and its 1-based number until the input ends or `body` returns false.
    /// The buffer is only valid during the call. A line longer than `maximumLineBytes` is an error, unless
    /// `overlong` is given: then the line is passed over (never held in memory) and `overlong` gets its number.
    public func forEachLine(
        maximumLineBytes: Int = LineReader.maximumLineBytes,
        overlong: ((Int) -> Void)? = nil,
        _ body: (UnsafeBufferPointer<UInt8>, Int) throws(TypeBarError) -> Bool
    ) throws(TypeBarError) {
        defer { if ownsDescriptor { try? descriptor.close() } }
        let chunkSize = 1 << 20
        var pending: [UInt8] = []
        var skipping = false
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var lineNumber = 0
        var offset = start
        var remaining = length
        // Adds bytes to the unfinished line; false when it has grown too long and is being passed over.
        func hold(_ bytes: UnsafeBufferPointer<UInt8>, line: Int) throws(TypeBarError) -> Bool {
            if skipping { return false }
            guard pending.count + bytes.count <= maximumLineBytes else {
                guard overlong != nil else {
                    throw .badLine(path: displayName, line: line, problem: "the line is longer than \(maximumLineBytes >> 20) MiB; this is not a typebar file")
                }
                skipping = true
                pending.removeAll()
                return false
            }
            pending.append(contentsOf: bytes)
            return true
        }
        while true {
            let wanted = min(chunkSize, remaining)
            // swift-system retries a read that a signal interrupts.
            let count: Int
            do {
                count = wanted == 0 ? 0 : try chunk.withUnsafeMutableBytes { chunk in
                    let buffer = UnsafeMutableRawBufferPointer(rebasing: chunk[0..<wanted])
                    return start == 0 && length == .max
                        ? try descriptor.read(into: buffer) : try descriptor.read(fromAbsoluteOffset: Int64(offset), into: buffer)
                }
            } catch {
                throw .cannotRead(path: displayName, reason: systemWords(error))
            }
            if count == 0 {
                if skipping {
                    overlong?(lineNumber + 1)
                } else if !pending.isEmpty {
                    lineNumber += 1
                    _ = try pending.withUnsafeBufferPointer { buffer throws(TypeBarError) in try body(trimmedCR(buffer), lineNumber) }
                }
                return
            }
            offset += count
            remaining -= count
            var keepGoing = true
            try chunk.withUnsafeBufferPointer { (buffer: UnsafeBufferPointer<UInt8>) throws(TypeBarError) in
                var lineStart = 0
                let data = UnsafeBufferPointer(rebasing: buffer[0..<count])
                while keepGoing, let newline = nextNewline(in: data, from: lineStart) {
                    lineNumber += 1
                    let piece = UnsafeBufferPointer(rebasing: data[lineStart..<newline])
                    lineStart = newline + 1
                    if skipping {
                        skipping = false
                        overlong?(lineNumber)
                    } else if pending.isEmpty && piece.count <= maximumLineBytes {
                        keepGoing = try body(trimmedCR(piece), lineNumber)
                    } else if try hold(piece, line: lineNumber) {
                        keepGoing = try pending.withUnsafeBufferPointer { line throws(TypeBarError) in try body(trimmedCR(line), lineNumber) }
                        pending.removeAll(keepingCapacity: true)
                    } else {
                        skipping = false
                        overlong?(lineNumber)
                    }
                }
                if keepGoing && lineStart < count {
                    _ = try hold(UnsafeBufferPointer(rebasing: data[lineStart..<count]), line: lineNumber + 1)
                }
            }
            if !keepGoing { return }
        }
    }

    /// The index of the next LF at or after `start`, found with memchr (this loop sees every byte of a history).
    private func nextNewline(in data: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = data.baseAddress, start < data.count, let found = memchr(base + start, 0x0A, data.count - start) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    private func trimmedCR(_ line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard let last = line.last, last == 0x0D else { return line }
        return UnsafeBufferPointer(rebasing: line.dropLast())
    }
}

/// The text of `errno`, e.g. "No such file or directory".
public func systemError() -> String {
    String(cString: strerror(errno))
}
