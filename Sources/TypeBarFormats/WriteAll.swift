import TypeBarCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes every byte of `bytes` to `descriptor`, retrying when a signal interrupts; nil when all were written,
/// else why not (a full disk, a closed pipe, a read-only file).
public func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> String? {
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
        if written < 0 {
            if errno == EINTR { continue }
            return systemError()
        }
        // A write that takes nothing cannot make progress: say so rather than spin.
        if written == 0 { return "the write took no bytes" }
        offset += written
    }
    return nil
}
