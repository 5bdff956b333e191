import Foundation
import SystemPackage
import TypeBarCore

#if canImport(Glibc)
import Glibc
#endif

/// The history: one JSON line per result, appended safely by any number of typebar processes at once, with each
/// session's keystroke log kept beside it in `sessions/`. Readers stream it and skip damaged lines; nothing here
/// ever rewrites or truncates the file. The format and the guarantees are in docs/history.md.
public struct HistoryFile: Sendable {
    /// No record comes near this; a longer line is junk and is passed over without being held in memory.
    public static let maximumRecordBytes = 1 << 20

    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// `--history FILE`, else `TYPEBAR_HISTORY`, else the default path, without the settings file (a command's
    /// history in force, with the settings file's `history` under the variable, is `PersonalSettings.history`).
    /// The variables are read from `environment` when one is given (a test's), else from the process's.
    public static func located(option: String?, environment: [String: String]? = nil) -> HistoryFile {
        if let option, !option.isEmpty { return HistoryFile(path: option) }
        // Read one by one: a dictionary of the process's variables would cost a conformance look-up at start.
        let variable = { (name: String) in environment.map { $0[name] } ?? Environment.value(name) }
        if let history = variable("TYPEBAR_HISTORY"), !history.isEmpty { return HistoryFile(path: history) }
        return HistoryFile(path: defaultPath(environment: variable))
    }

    /// `$XDG_DATA_HOME/typebar/history.jsonl` (`~/.local/share/typebar/history.jsonl` when XDG_DATA_HOME is unset or
    /// not absolute).
    public static func defaultPath(environment variable: (String) -> String?) -> String {
        let dataHome: String
        if let xdg = variable("XDG_DATA_HOME"), xdg.hasPrefix("/") {
            dataHome = xdg
        } else {
            dataHome = (variable("HOME") ?? NSHomeDirectory()) + "/.local/share"
        }
        return dataHome + "/typebar/history.jsonl"
    }

    /// The folder holding the history file.
    public var folder: String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent().path
    }

    /// Where a record's keystroke log lives: its `log` field, relative to the history's folder.
    public func logPath(of record: HistoryRecord) -> String? {
        logPath(of: record, folder: folder)
    }

    /// `logPath(of:)` with the history's `folder` found once by the caller: one reading many records.
    public func logPath(of record: HistoryRecord, folder: String) -> String? {
        guard let log = record.log else { return nil }
        return log.hasPrefix("/") ? log : folder + "/" + log
    }

    // MARK: - Writing

    /// A fresh record id: the UTC time to the second, then random hex, so ids sort by time and never collide.
    public static func newID(time: Double) -> String {
        let stamp = Timestamp.text(time)
        let compact = stamp.prefix(19).filter { $0 != "-" && $0 != ":" }
        let random = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        return compact + "-" + String(repeating: "0", count: 8 - random.count) + random
    }

    /// Saves a session's keystroke log as `sessions/<id>.jsonl` beside the history, and returns the relative path.
    public func saveLog(_ text: String, id: String) throws(TypeBarError) -> String {
        let relative = "sessions/\(id).jsonl"
        try saveLog(Array(text.utf8), named: relative)
        return relative
    }

    /// Writes a keystroke log as a new file at `relative` (the name a record gives it) beside the history: whole,
    /// fsynced and private to the user; a file already there is refused, never replaced.
    public func saveLog(_ bytes: [UInt8], named relative: String) throws(TypeBarError) {
        let full = folder + "/" + relative
        try HistoryFile.makeFolders(full)
        let descriptor = try HistoryFile.open(full, .writeOnly, options: [.create, .exclusiveCreate, .closeOnExec])
        defer { try? descriptor.close() }
        try HistoryFile.writeAll(bytes, to: descriptor, path: full)
        guard fsync(descriptor.rawValue) == 0 else { throw .cannotWrite(path: full, reason: systemError()) }
    }

    /// Keeps a finished result: its keystroke log in `sessions/`, then the record, signed when a key is given.
    /// Both are tried even when the first fails, so a result is lost only when nothing can be written; what went
    /// wrong comes back for the caller to show beside the result.
    public func save(_ record: HistoryRecord, log: String?, signingKey: [UInt8]? = nil) -> (record: HistoryRecord, problems: [TypeBarError]) {
        var record = record
        var problems: [TypeBarError] = []
        if let log {
            record.logHash = HistoryRecord.sha256(log)
            do {
                record.log = try saveLog(log, id: record.id)
            } catch {
                problems.append(error)
            }
        }
        if let signingKey { record.signature = HistorySignature.sign(record, key: signingKey) }
        do {
            try append(record)
        } catch {
            problems.append(error)
        }
        return (record, problems)
    }

    /// Appends one record as a whole line: an exclusive lock, one write, fsync. A torn last line left by a crash is
    /// fenced off with a newline first, so the new record always starts on a line of its own.
    public func append(_ record: HistoryRecord) throws(TypeBarError) {
        try HistoryFile.makeFolders(path)
        let descriptor = try HistoryFile.open(path, .writeOnly, options: [.append, .create, .closeOnExec])
        defer { try? descriptor.close() }
        while flock(descriptor.rawValue, LOCK_EX) != 0 {
            guard errno == EINTR else { throw .cannotWrite(path: path, reason: "cannot lock it: \(systemError())") }
        }
        defer { flock(descriptor.rawValue, LOCK_UN) }
        var line = Array(record.jsonLine.utf8)
        line.append(0x0A)
        if try !endsWithNewline(descriptor) { line.insert(0x0A, at: 0) }
        try HistoryFile.writeAll(line, to: descriptor, path: path)
        guard fsync(descriptor.rawValue) == 0 else { throw .cannotWrite(path: path, reason: systemError()) }
    }

    /// Whether the file is empty or its last byte is a newline. Read through a separate descriptor, since the
    /// appending one is write-only.
    private func endsWithNewline(_ descriptor: FileDescriptor) throws(TypeBarError) -> Bool {
        let size: Int64
        do {
            size = try descriptor.stat().size
        } catch {
            throw .cannotWrite(path: path, reason: systemWords(error))
        }
        guard size > 0 else { return true }
        let reader = try HistoryFile.open(path, .readOnly, options: [.closeOnExec])
        defer { try? reader.close() }
        var last: [UInt8] = [0]
        let count: Int
        do {
            count = try last.withUnsafeMutableBytes { try reader.read(fromAbsoluteOffset: size - 1, into: $0) }
        } catch {
            throw .cannotRead(path: path, reason: systemWords(error))
        }
        guard count == 1 else { throw .cannotRead(path: path, reason: "the file shrank while it was read") }
        return last[0] == 0x0A
    }

    /// `path` opened through swift-system (retried when a signal interrupts), private to the user when created;
    /// an error names the file and says what the system said, as a read or a write failure.
    static func open(_ path: String, _ mode: FileDescriptor.AccessMode, options: FileDescriptor.OpenOptions) throws(TypeBarError) -> FileDescriptor {
        do {
            return try FileDescriptor.open(FilePath(path), mode, options: options, permissions: options.contains(.create) ? .ownerReadWrite : nil)
        } catch {
            throw mode == .readOnly ? .cannotRead(path: path, reason: systemWords(error)) : .cannotWrite(path: path, reason: systemWords(error))
        }
    }

    /// Reads at most `buffer.count` bytes at `offset`; a read error names the file.
    static func read(_ descriptor: FileDescriptor, into buffer: inout [UInt8], count: Int, at offset: Int, path: String) throws(TypeBarError) -> Int {
        do {
            return try buffer.withUnsafeMutableBytes { try descriptor.read(fromAbsoluteOffset: Int64(offset), into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<count])) }
        } catch {
            throw .cannotRead(path: path, reason: systemWords(error))
        }
    }

    /// Creates the folders above `path` that are missing, private to the user (0700).
    static func makeFolders(_ path: String) throws(TypeBarError) {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var missing: [String] = []
        var current = folder
        while !current.isEmpty, current != "/", access(current, F_OK) != 0 {
            missing.append(current)
            current = URL(fileURLWithPath: current).deletingLastPathComponent().path
        }
        for folder in missing.reversed() where mkdir(folder, 0o700) != 0 && errno != EEXIST {
            throw .cannotWrite(path: folder, reason: "cannot create the folder: \(systemError())")
        }
    }

    static func writeAll(_ bytes: [UInt8], to descriptor: FileDescriptor, path: String) throws(TypeBarError) {
        if let failure = TypeBarFormats.writeAll(bytes, to: descriptor) { throw .cannotWrite(path: path, reason: failure) }
    }

    // MARK: - Reading

    /// Lines that were not read as records, and why.
    public struct Skipped: Equatable, Sendable {
        public var damaged: [Int] = []
        public var newer: [Int] = []
        public var tooLong: [Int] = []
        /// Lines read in all, good or not.
        public var lines = 0

        public var count: Int { damaged.count + newer.count + tooLong.count }

        public init() {}

        init(damaged: [Int], newer: [Int], tooLong: [Int], lines: Int) {
            self.damaged = damaged
            self.newer = newer
            self.tooLong = tooLong
            self.lines = lines
        }

        /// The report for a file read in two parts, `later` numbered from 1 after this one's lines.
        public func followed(by later: Skipped) -> Skipped {
            let shift = { (numbers: [Int]) in numbers.map { $0 + self.lines } }
            return Skipped(damaged: damaged + shift(later.damaged), newer: newer + shift(later.newer), tooLong: tooLong + shift(later.tooLong), lines: lines + later.lines)
        }

        /// One warning line per kind, naming the lines (the first ten of each).
        public func warnings(path: String) -> [String] {
            func lines(_ numbers: [Int]) -> String {
                let shown = numbers.prefix(10).map(String.init).joined(separator: ", ")
                return (numbers.count == 1 ? "line " : "lines ") + shown + (numbers.count > 10 ? " and \(numbers.count - 10) more" : "")
            }
            var warnings: [String] = []
            if !damaged.isEmpty {
                warnings.append("\(path): skipped \(damaged.count) damaged line\(damaged.count == 1 ? "" : "s") (\(lines(damaged))): not whole records; the file is left as it is")
            }
            if !newer.isEmpty {
                warnings.append("\(path): skipped \(newer.count) record\(newer.count == 1 ? "" : "s") from a newer typebar (\(lines(newer))); upgrade typebar to read them")
            }
            if !tooLong.isEmpty {
                warnings.append("\(path): skipped \(tooLong.count) line\(tooLong.count == 1 ? "" : "s") over \(HistoryFile.maximumRecordBytes >> 20) MiB (\(lines(tooLong))): not records")
            }
            return warnings
        }
    }

    /// Streams every whole record to `body`, in file order, and reports what was skipped. A missing file is an
    /// empty history.
    @discardableResult
    public func read(detail: HistoryDetail = .full, _ body: (HistoryRecord, Int) throws(TypeBarError) -> Void) throws(TypeBarError) -> Skipped {
        try readLines(detail: detail) { (record, number, _) throws(TypeBarError) in try body(record, number) }
    }

    /// `read`, with each record's line as well (valid only during the call); with `bytes`, only the lines in that
    /// part of the file (it must start at a line's start), numbered from 1 within it. Returns the lines seen too.
    public func readLines(
        detail: HistoryDetail, bytes: Range<Int>? = nil,
        _ body: (HistoryRecord, Int, UnsafeBufferPointer<UInt8>) throws(TypeBarError) -> Void
    ) throws(TypeBarError) -> Skipped {
        var skipped = Skipped()
        guard access(path, F_OK) == 0 else { return skipped }
        let reader: LineReader
        if let bytes {
            reader = try LineReader(path: path, start: bytes.lowerBound, length: bytes.count)
        } else {
            reader = try LineReader(path: path)
        }
        try reader.forEachLine(maximumLineBytes: HistoryFile.maximumRecordBytes, overlong: { skipped.tooLong.append($0); skipped.lines = $0 }) { (line, number) throws(TypeBarError) in
            skipped.lines = number
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return true }
            switch HistoryLine.record(from: line, detail: detail) {
            case .success(let record): try body(record, number, line)
            case .failure(.newerVersion): skipped.newer.append(number)
            case .failure(.damaged): skipped.damaged.append(number)
            }
            return true
        }
        return skipped
    }

    /// The file as two byte ranges split at a line's start, to read at once on two cores; one whole-file part
    /// (nil) when it is small, missing, or has no line break past its middle.
    public func halves() throws(TypeBarError) -> [Range<Int>?] {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size >= 8 << 20 else { return [nil] }
        let size = Int(info.st_size)
        let descriptor = try HistoryFile.open(path, .readOnly, options: [.closeOnExec])
        defer { try? descriptor.close() }
        var block = [UInt8](repeating: 0, count: 1 << 16)
        var offset = size / 2
        while offset < size {
            let count = try HistoryFile.read(descriptor, into: &block, count: block.count, at: offset, path: path)
            guard count > 0 else { break }
            if let newline = block[0..<count].firstIndex(of: 0x0A) {
                let middle = offset + newline + 1
                return middle < size ? [0..<middle, middle..<size] : [nil]
            }
            offset += count
        }
        return [nil]
    }

    /// Every record, in file order.
    public func records(detail: HistoryDetail = .full) throws(TypeBarError) -> (records: [HistoryRecord], skipped: Skipped) {
        var records: [HistoryRecord] = []
        let skipped = try read(detail: detail) { record, _ in records.append(record) }
        return (records, skipped)
    }

    /// The record with this id, or the only one whose id starts or ends with it (the short id in tables is the end).
    public func record(id: String) throws(TypeBarError) -> HistoryRecord {
        var exact: HistoryRecord?
        var matches: [HistoryRecord] = []
        try read { record, _ in
            if record.id == id { exact = record }
            // The whole id, its start, its end, or the start of the short form typebar history shows.
            if !id.isEmpty, record.id.hasPrefix(id) || record.id.hasSuffix(id) || HistoryTable.shortID(record.id).hasPrefix(id) {
                matches.append(record)
            }
        }
        if let exact { return exact }
        guard let only = matches.first else {
            throw .notFound("no record \(quoted(id)) in \(path); typebar history lists the ids")
        }
        guard matches.count == 1 else {
            let named = matches.prefix(5).map { HistoryTable.shortID($0.id) }.joined(separator: ", ")
            throw .notFound("\(matches.count) records in \(path) match \(quoted(id)) (\(named)\(matches.count > 5 ? ", …" : "")); give more of the id")
        }
        return only
    }
}
