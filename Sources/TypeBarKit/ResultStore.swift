import Foundation
import SystemPackage
import TypeBarFormats

#if canImport(Glibc)
import Glibc
#endif

/// Where results live: the history file on this machine (the default), or a team's PostgreSQL store. Every command
/// that keeps or reads results goes through this, so both behave the same way.
public protocol ResultStore {
    /// How messages name it: a file's path, or a URL without its password.
    var name: String { get }

    /// Keeps one finished result and its keystroke log, signed when a key is given. Returns the record as kept and
    /// what went wrong; a result is lost only when nothing at all could be written.
    func save(_ record: HistoryRecord, log: String?, signingKey: [UInt8]?) -> SavedResult

    /// Streams the records that match `query`, oldest first (with `last`, the last that many), and returns
    /// warnings about what could not be read.
    func read(_ query: HistoryQuery, _ body: (HistoryRecord) throws -> Void) throws -> [String]

    /// The record with this id, or the only one whose id starts or ends with it, with its keystroke log.
    func result(id: String) throws -> (record: HistoryRecord, log: StoredLog)

    /// The keystroke log a record names.
    func log(of record: HistoryRecord) -> StoredLog
}

/// A result handed to a `ResultStore`.
public struct SavedResult: Sendable {
    /// The record as kept: its log's name and hash, and its signature, filled in.
    public var record: HistoryRecord
    /// What could not be written. Empty when the result is kept.
    public var problems: [TypeBarError]
    /// Where it went when it could not go where it was meant to (a store out of reach): a line for the person.
    public var fallback: String?

    public init(record: HistoryRecord, problems: [TypeBarError], fallback: String? = nil) {
        self.record = record
        self.problems = problems
        self.fallback = fallback
    }
}

/// A record's keystroke log, wherever it is kept.
public enum StoredLog: Sendable {
    /// The record names no log (it was scored from finished text).
    case none
    /// The record names a log that is not there.
    case missing(String)
    /// A file on this machine.
    case file(path: String)
    /// Bytes held in a store, with a name for messages.
    case bytes(Data, name: String)

    /// Runs `body` with a path to the log: the file itself, or a private temporary copy of stored bytes, removed
    /// afterwards. Nil when there is no log.
    public func withPath<T>(_ body: (String) throws -> T) throws -> T? {
        switch self {
        case .none, .missing: return nil
        case .file(let path): return try body(path)
        case .bytes(let data, let name):
            let path = NSTemporaryDirectory() + "typebar-log-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).jsonl"
            let descriptor: FileDescriptor
            do {
                descriptor = try FileDescriptor.open(
                    FilePath(path), .writeOnly, options: [.create, .exclusiveCreate, .closeOnExec], permissions: .ownerReadWrite)
            } catch {
                throw TypeBarError.cannotWrite(path: path, reason: "cannot make a temporary copy of the keystroke log: \(systemWords(error))")
            }
            defer { unlink(path) }
            let failure = writeAll(Array(data), to: descriptor)
            try? descriptor.close()
            if let failure { throw TypeBarError.cannotWrite(path: path, reason: failure) }
            do {
                return try body(path)
            } catch let error as TypeBarError {
                // Messages name the log as its store knows it, not the temporary copy.
                throw error.naming(path, as: name)
            }
        }
    }
}

extension TypeBarError {
    /// The same error with `path` called `name`: a temporary copy named as the file or stored log it was copied from.
    /// A place inside the file ("COPY: chat_scenario_yaml", the scenario a chat log carries) is renamed too.
    public func naming(_ path: String, as name: String) -> TypeBarError {
        func renamed(_ place: String) -> String? {
            if place == path { return name }
            return place.hasPrefix(path + ": ") ? name + place.dropFirst(path.count) : nil
        }
        switch self {
        case .cannotRead(let place, let reason): return renamed(place).map { .cannotRead(path: $0, reason: reason) } ?? self
        case .cannotWrite(let place, let reason): return renamed(place).map { .cannotWrite(path: $0, reason: reason) } ?? self
        case .badLine(let place, let line, let problem): return renamed(place).map { .badLine(path: $0, line: line, problem: problem) } ?? self
        case .badFile(let place, let problem): return renamed(place).map { .badFile(path: $0, problem: problem) } ?? self
        default: return self
        }
    }
}

extension HistoryFile: ResultStore {
    public var name: String { path }

    public func save(_ record: HistoryRecord, log: String?, signingKey: [UInt8]?) -> SavedResult {
        let (saved, problems) = save(record, log: log, signingKey: signingKey)
        return SavedResult(record: saved, problems: problems)
    }

    public func read(_ query: HistoryQuery, _ body: (HistoryRecord) throws -> Void) throws -> [String] {
        guard query.last == nil else {
            let (records, skipped) = try query.records(in: self)
            for record in records { try body(record) }
            return skipped.warnings(path: path)
        }
        var failure: (any Error)?
        let skipped = try read { record, _ in
            guard failure == nil, query.matches(record) else { return }
            do { try body(record) } catch { failure = error }
        }
        if let failure { throw failure }
        return skipped.warnings(path: path)
    }

    public func result(id: String) throws -> (record: HistoryRecord, log: StoredLog) {
        let record = try record(id: id)
        return (record, log(of: record))
    }

    public func log(of record: HistoryRecord) -> StoredLog {
        guard let path = logPath(of: record) else { return .none }
        guard access(path, F_OK) == 0 else { return .missing("no file at \(path)") }
        return .file(path: path)
    }
}

extension HistoryRecord {
    /// Reads one record from its JSON text (a history line, or a store's copy of one); nil when it is not a whole
    /// record that this typebar reads.
    public init?(json bytes: [UInt8], detail: HistoryDetail = .full) {
        let parsed = bytes.withUnsafeBufferPointer { HistoryLine.record(from: $0, detail: detail) }
        guard case .success(let record) = parsed else { return nil }
        self = record
    }
}
