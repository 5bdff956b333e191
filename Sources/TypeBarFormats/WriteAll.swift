import SystemPackage
import TypeBarCore

/// Writes every byte of `bytes` to `descriptor` (swift-system's `writeAll`, which retries when a signal interrupts);
/// nil when all were written, else why not in the system's words (a full disk, a closed pipe, a read-only file).
public func writeAll(_ bytes: [UInt8], to descriptor: FileDescriptor) -> String? {
    do {
        try descriptor.writeAll(bytes)
        return nil
    } catch {
        return systemWords(error)
    }
}

/// What a failed system call said, e.g. "No such file or directory" for `Errno.noSuchFileOrDirectory`.
public func systemWords(_ error: any Error) -> String {
    (error as? Errno)?.description ?? "\(error)"
}
