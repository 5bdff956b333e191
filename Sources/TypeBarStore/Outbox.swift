import Foundation
import TypeBarKit

#if canImport(Glibc)
import Glibc
#endif

/// Results kept on this machine while the store was out of reach: the record is in the local history as always, and
/// an empty file `unsent/<id>` beside the history marks it until `typebar store sync` has sent it. A marker is made
/// (and fsynced) only after the record itself was written, and removed only after the store has it, so a result is
/// never lost and never sent twice (the store keeps one row per id).
public struct Outbox: Sendable {
    public let history: HistoryFile

    public init(history: HistoryFile) {
        self.history = history
    }

    public var folder: String { history.folder + "/unsent" }

    /// Marks a saved record as not yet sent.
    public func mark(_ id: String) throws(TypeBarError) {
        guard Outbox.isPlainID(id) else { throw .cannotWrite(path: folder, reason: "the id \(id) cannot name a file") }
        if mkdir(history.folder, 0o700) != 0 && errno != EEXIST {
            throw .cannotWrite(path: history.folder, reason: String(cString: strerror(errno)))
        }
        if mkdir(folder, 0o700) != 0 && errno != EEXIST {
            throw .cannotWrite(path: folder, reason: String(cString: strerror(errno)))
        }
        let path = folder + "/" + id
        let descriptor = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        fsync(descriptor)
        close(descriptor)
        let directory = open(folder, O_RDONLY | O_CLOEXEC)
        if directory >= 0 {
            fsync(directory)
            close(directory)
        }
    }

    /// The ids waiting to be sent, oldest first (ids sort by time).
    public func pending() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter(Outbox.isPlainID).sorted()
    }

    /// The store has it: forget the marker.
    public func clear(_ id: String) {
        unlink(folder + "/" + id)
    }

    /// Ids are `YYYYMMDDTHHMMSS-xxxxxxxx`; anything else in the folder is not typebar's.
    static func isPlainID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 100 && id.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D || $0 == 0x5F }
    }
}
