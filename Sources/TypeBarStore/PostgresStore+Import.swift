import Foundation
import NIOCore
import PostgresNIO
import TypeBarKit

/// Importing a JSONL history: its records go in batches, each one `COPY` (no statement text or bound parameters to
/// build) in a transaction of its own, after asking the store which of the batch's ids it has already.
///
/// Two connections take turns, so the server works on two batches at once while typebar reads and encodes the next:
/// batch k goes on the store's connection when k is even, on a second one (opened for the second batch) when odd.
/// The commits stay in the file's order: a batch whose rows are in waits, uncommitted, until the batch before it
/// has committed, and is rolled back if that one failed. So the store only ever holds the file's first batches: a
/// failure keeps those before it and none after it.
extension PostgresStore {
    /// At most this many results go in one batch, and about this many bytes of records and logs.
    static let batchRows = 5000
    static let batchBytes = 32 << 20
    /// A batch's rows go to the server in messages of at most this many bytes, the size of the server's own COPY
    /// buffer: it takes each message whole into memory before it parses it, so one message per batch would cost it
    /// a buffer the batch's size (allocated, grown and copied) every time.
    static let copyMessageBytes = 64 << 10
    /// A batch that meets rows another writer added between the check and the copy is tried again, this many times.
    static let batchTries = 5
    /// The states a batch's copy is tried again after: a unique violation (another writer added one of its ids
    /// since the check), a deadlock with another writer, and a lock timeout (`lockTimeout`).
    static let retriedStates: Set<String> = ["23505", "40P01", "55P03"]

    /// How long, in milliseconds, a batch's copy waits for a row another writer holds uncommitted (its `lock_timeout`)
    /// before it is undone and tried again: a tenth of the statement timeout, so the waits of all its tries take at
    /// most half the time the batch has. A writer that holds such a row may itself be waiting for this import (another
    /// import, whose batches also wait for each other's commits), a wait the server cannot see as a deadlock.
    static func lockTimeout(_ address: StoreAddress) -> Int {
        address.statementTimeout * 1000 / (2 * batchTries)
    }

    /// Loads a JSONL history and the keystroke logs beside it, each record once by id: importing a file twice
    /// changes nothing. A failure stops the import with the batches before it kept; importing again sends the rest.
    public func importHistory(_ file: HistoryFile) throws -> Transfer {
        try importHistory(file, batchRows: PostgresStore.batchRows)
    }

    /// `importHistory`, with at most `batchRows` results a batch.
    func importHistory(_ file: HistoryFile, batchRows: Int) throws -> Transfer {
        try checkSchema()
        var transfer = Transfer()
        var batch = CopyBatch(buffer: ByteBufferAllocator().buffer(capacity: 1 << 20))
        /// The odd batches' connection, opened for the second batch.
        var second: StoreConnection?
        defer { second?.close() }
        /// The batches sent and not yet waited for, oldest first: at most one a connection.
        var sending: [Sending] = []
        var sent = 0
        /// The buffer of the batch last waited for, once the store has it: the next batch is encoded into it, so
        /// its memory is not allocated (and its pages faulted in) again for every batch.
        var spare: ByteBuffer?
        var failure: (any Error)?
        var missingLogs: [String] = []
        var unstorable: [String] = []
        /// Every id read so far, so the import's two connections never send the same one: a batch would wait for
        /// the other's uncommitted row while that one waits for its commit.
        var seen = Set<String>()

        /// Waits for the oldest batch being sent and counts it.
        func settle() throws {
            let oldest = sending.removeFirst()
            let added: Int?
            do {
                added = try oldest.connection.finish(oldest.pending)
            } catch {
                // When typebar gave up waiting, the batch after it must not commit either.
                oldest.turn.settle(committed: false)
                throw error
            }
            transfer.added += added ?? 0
            transfer.already += oldest.rows - (added ?? 0)
            spare = oldest.buffer
        }
        /// Sends the batch read so far, once its connection is free.
        func send() throws {
            guard batch.count > 0 else { return }
            if sending.count == 2 { try settle() }
            let ready = batch
            // The next batch starts with room for one like this, so its buffer is not grown and copied as it fills.
            let room = ready.bytes + ready.bytes / 8
            if var reused = spare.take() {
                reused.clear(minimumCapacity: room)
                batch = CopyBatch(buffer: reused)
            } else {
                batch = CopyBatch(buffer: ByteBufferAllocator().buffer(capacity: room))
            }
            transfer.already += ready.repeated
            let target: StoreConnection
            if sent % 2 == 0 {
                target = connection
            } else {
                target = second ?? StoreConnection(address: address)
                second = target
            }
            let turn = Turn()
            let pending = startCopy(ready, on: target, after: sending.last?.turn, turn: turn)
            sending.append(Sending(connection: target, pending: pending, turn: turn, rows: ready.count, buffer: ready.buffer))
            sent += 1
        }

        let skipped: HistoryFile.Skipped
        do {
            // The history's folder, found once: a record's log is named relative to it.
            let folder = file.folder
            // One record's JSON at a time, in bytes reused from record to record.
            var json: [UInt8] = []
            json.reserveCapacity(16 << 10)
            skipped = try file.read { record, _ in
                guard failure == nil else { return }
                var log: Data?
                if let path = file.logPath(of: record, folder: folder), access(path, F_OK) == 0 {
                    log = FileManager.default.contents(atPath: path)
                }
                if record.log != nil && log == nil { missingLogs.append(record.id) }
                guard batch.add(record, log: log, json: &json, seen: &seen) else {
                    unstorable.append(record.id)
                    return
                }
                if batch.count >= batchRows || batch.bytes >= PostgresStore.batchBytes {
                    do { try send() } catch { failure = error }
                }
            }
            if let failure { throw failure }
            try send()
            while !sending.isEmpty { try settle() }
        } catch {
            // The batches still under way are waited for (each commits only if every one before it did), so neither
            // connection is left in a transaction.
            while !sending.isEmpty { _ = try? settle() }
            throw error
        }
        if !missingLogs.isEmpty {
            transfer.warnings.append("\(file.path): \(PostgresStore.count(missingLogs.count, "keystroke log")) \(missingLogs.count == 1 ? "is" : "are") missing (\(PostgresStore.some(missingLogs))); imported without them")
        }
        if !unstorable.isEmpty {
            transfer.warnings.append("\(file.path): \(PostgresStore.count(unstorable.count, "record")) not imported: a text field holds a NUL character, which PostgreSQL cannot store (\(PostgresStore.some(unstorable)))")
        }
        transfer.warnings += skipped.warnings(path: file.path)
        return transfer
    }

    /// A batch sent on one of the import's connections, and what is counted once it is in.
    private struct Sending {
        let connection: StoreConnection
        let pending: StoreConnection.Pending<Int?>
        /// Settled when the batch has committed, or cannot.
        let turn: Turn
        let rows: Int
        let buffer: ByteBuffer
    }

    /// Starts sending `batch` on `store`: in one transaction, the ids the store lacks go in one COPY; the
    /// transaction commits once `previous` (the batch before it) has, and `turn` says so to the batch after it.
    /// Returns how many rows were added; nil when the batch was rolled back because one before it failed. A unique
    /// violation (another writer added one of the ids since the check), a deadlock with another writer, or a lock
    /// timeout undoes the COPY, and the batch is checked and sent again. Any failure rolls the transaction back.
    private func startCopy(_ batch: CopyBatch, on store: StoreConnection, after previous: Turn?, turn: Turn) -> StoreConnection.Pending<Int?> {
        let logger = store.logger
        let columns = PostgresStore.columns
        let lockTimeout = String(PostgresStore.lockTimeout(address))
        return store.start { connection in
            do {
                var added = 0
                for attempt in 1...PostgresStore.batchTries {
                    try await connection.query("BEGIN", logger: logger)
                    try await connection.query("SELECT set_config('lock_timeout', \(lockTimeout), true)", logger: logger)
                    var known = Set<String>()
                    let rows = try await connection.query("SELECT typebar_known_ids(\(batch.ids))", logger: logger)
                    for try await id in rows.decode(String.self) { known.insert(id) }
                    added = batch.count - known.count
                    guard added > 0 else { break }
                    let sending = known.isEmpty ? batch.buffer : batch.without(known)
                    do {
                        try await connection.copyFrom(table: "typebar_results", columns: columns, logger: logger) { writer in
                            var rest = sending
                            while let piece = rest.readSlice(length: min(rest.readableBytes, PostgresStore.copyMessageBytes)), piece.readableBytes > 0 {
                                try await writer.write(piece)
                            }
                        }
                        break
                    } catch let error as PSQLError where attempt < PostgresStore.batchTries
                        && PostgresStore.retriedStates.contains(error.serverInfo?[.sqlState] ?? "") {
                        try await connection.query("ROLLBACK", logger: logger)
                    }
                }
                if let previous, await !previous.committed() {
                    try await connection.query("ROLLBACK", logger: logger)
                    turn.settle(committed: false)
                    return nil
                }
                try await connection.query("COMMIT", logger: logger)
                turn.settle(committed: true)
                return added
            } catch {
                turn.settle(committed: false)
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    static func some(_ ids: [String]) -> String {
        ids.prefix(5).joined(separator: ", ") + (ids.count > 5 ? " and \(ids.count - 5) more" : "")
    }
}

/// Rows in PostgreSQL's COPY text format, in the order of `PostgresStore.columns`: tab between values, a line each,
/// `\N` for null, and backslash, tab, line feed and carriage return escaped in text.
struct CopyBatch: Sendable {
    private(set) var buffer: ByteBuffer
    /// The ids in the batch, in order, and where each row's line ends in `buffer`.
    private(set) var ids: [String] = []
    private var ends: [Int] = []
    /// Records whose id came earlier in the file: counted as already in the store, not sent twice.
    private(set) var repeated = 0

    /// A batch written into `buffer`, which must be empty.
    init(buffer: ByteBuffer) {
        self.buffer = buffer
    }

    var count: Int { ids.count }
    var bytes: Int { buffer.readableBytes }

    /// Adds a row for `record`, unless its id is in `seen` (the file's ids so far, this one added); false when it
    /// cannot be stored (a NUL in a text value). Its JSON is written into `json`, scratch bytes the caller passes
    /// again for each record, and goes in twice: whole as the record, and with its per-key table, bigrams and
    /// timeline emptied as the figures (`PostgresStore.figures(of:)`).
    mutating func add(_ record: HistoryRecord, log: Data?, json: inout [UInt8], seen: inout Set<String>) -> Bool {
        let texts = [record.id, record.mode.rawValue, record.candidate, record.assessment, record.configHash]
        guard !texts.contains(where: { $0?.utf8.contains(0) == true }) else { return false }
        guard seen.insert(record.id).inserted else {
            repeated += 1
            return true
        }
        let details = record.writeJSON(into: &json)
        text(record.id)
        tab()
        timestamp(record.time)
        tab()
        text(record.mode.rawValue)
        tab()
        text(record.candidate)
        tab()
        text(record.assessment)
        tab()
        text(record.configHash)
        tab()
        buffer.writeString(String(record.netWPM))
        tab()
        buffer.writeString(String(record.accuracy))
        tab()
        buffer.writeString(record.meetsBar ? "t" : "f")
        tab()
        json.withUnsafeBytes { whole in
            escaped(whole)
            tab()
            escaped(UnsafeRawBufferPointer(rebasing: whole[..<details.lowerBound]))
            buffer.writeBytes(HistoryRecord.emptyDetails)
            escaped(UnsafeRawBufferPointer(rebasing: whole[details.upperBound...]))
        }
        tab()
        if let log {
            // bytea as hex, its backslash escaped: \\x0a1b...
            buffer.writeString("\\\\x")
            log.withUnsafeBytes { bytes in
                _ = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: bytes.count * 2) { target in
                    let digits: StaticString = "0123456789abcdef"
                    for (index, byte) in bytes.enumerated() {
                        target[2 * index] = digits.utf8Start[Int(byte >> 4)]
                        target[2 * index + 1] = digits.utf8Start[Int(byte & 15)]
                    }
                    return bytes.count * 2
                }
            }
        } else {
            buffer.writeString("\\N")
        }
        buffer.writeInteger(UInt8(ascii: "\n"))
        ids.append(record.id)
        ends.append(buffer.writerIndex)
        return true
    }

    /// The rows whose ids are not in `known`.
    func without(_ known: Set<String>) -> ByteBuffer {
        var kept = ByteBufferAllocator().buffer(capacity: buffer.readableBytes)
        var start = 0
        for (id, end) in zip(ids, ends) {
            if !known.contains(id), var row = buffer.getSlice(at: start, length: end - start) {
                kept.writeBuffer(&row)
            }
            start = end
        }
        return kept
    }

    private mutating func tab() {
        buffer.writeInteger(UInt8(ascii: "\t"))
    }

    private mutating func text(_ value: String?) {
        guard var value else {
            buffer.writeString("\\N")
            return
        }
        value.withUTF8 { escaped(UnsafeRawBufferPointer($0)) }
    }

    /// `bytes` as COPY text, in one pass: backslash, tab, line feed and carriage return escaped. Eight bytes at a
    /// time go through whole when none of them is one of those four (a record's JSON has a backslash only where it
    /// escapes a quote or a backslash, and no raw tab or line break at all).
    private mutating func escaped(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress else { return }
        let count = bytes.count
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count * 2) { target in
            guard let output = target.baseAddress else { return 0 }
            var index = 0
            var end = 0
            while index + 8 <= count {
                let word = source.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if !CopyBatch.holdsSpecial(word) {
                    output.storeBytes(of: word, toByteOffset: end, as: UInt64.self)
                    index += 8
                    end += 8
                    continue
                }
                for offset in 0..<8 { end = CopyBatch.put(source.load(fromByteOffset: index + offset, as: UInt8.self), output, end) }
                index += 8
            }
            while index < count {
                end = CopyBatch.put(source.load(fromByteOffset: index, as: UInt8.self), output, end)
                index += 1
            }
            return end
        }
    }

    /// Whether any of the eight bytes in `word` is a backslash, tab, line feed or carriage return: a byte equal to
    /// one is a zero byte after the xor, which the subtraction borrows through.
    @inline(__always)
    private static func holdsSpecial(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func zeroByte(_ value: UInt64) -> UInt64 { (value &- ones) & ~value & highs }
        return zeroByte(word ^ (ones &* 0x5C)) | zeroByte(word ^ (ones &* 0x09)) | zeroByte(word ^ (ones &* 0x0A))
            | zeroByte(word ^ (ones &* 0x0D)) != 0
    }

    /// Writes `byte` at `end`, escaped when it must be; returns the new end.
    @inline(__always)
    private static func put(_ byte: UInt8, _ output: UnsafeMutableRawPointer, _ end: Int) -> Int {
        let escape: UInt8
        switch byte {
        case UInt8(ascii: "\\"): escape = UInt8(ascii: "\\")
        case UInt8(ascii: "\t"): escape = UInt8(ascii: "t")
        case UInt8(ascii: "\n"): escape = UInt8(ascii: "n")
        case UInt8(ascii: "\r"): escape = UInt8(ascii: "r")
        default:
            output.storeBytes(of: byte, toByteOffset: end, as: UInt8.self)
            return end + 1
        }
        output.storeBytes(of: UInt8(ascii: "\\"), toByteOffset: end, as: UInt8.self)
        output.storeBytes(of: escape, toByteOffset: end + 1, as: UInt8.self)
        return end + 2
    }

    /// `time` (seconds since 1970) as timestamptz text, to the microsecond, rounded as `to_timestamp` rounds it.
    private mutating func timestamp(_ time: Double) {
        let micros = Int64((time * 1_000_000).rounded(.toNearestOrEven))
        let (seconds, fraction) = micros.quotientAndRemainder(dividingBy: 1_000_000)
        let (wholeSeconds, micro) = fraction < 0 ? (seconds - 1, fraction + 1_000_000) : (seconds, fraction)
        let (days, secondOfDay) = wholeSeconds.quotientAndRemainder(dividingBy: 86_400)
        let (day, second) = secondOfDay < 0 ? (days - 1, secondOfDay + 86_400) : (days, secondOfDay)
        let civil = Timestamp.civil(fromDays: Int(day))
        let (year, month, dayOfMonth) = (Int64(civil.year), Int64(civil.month), Int64(civil.day))
        // Year 0 is 1 BC, as PostgreSQL writes it.
        let era0 = year <= 0
        padded(era0 ? 1 - year : year, 4)
        buffer.writeInteger(UInt8(ascii: "-"))
        padded(month, 2)
        buffer.writeInteger(UInt8(ascii: "-"))
        padded(dayOfMonth, 2)
        buffer.writeInteger(UInt8(ascii: " "))
        padded(second / 3600, 2)
        buffer.writeInteger(UInt8(ascii: ":"))
        padded(second / 60 % 60, 2)
        buffer.writeInteger(UInt8(ascii: ":"))
        padded(second % 60, 2)
        buffer.writeInteger(UInt8(ascii: "."))
        padded(micro, 6)
        buffer.writeString(era0 ? "+00 BC" : "+00")
    }

    /// `value`'s decimal digits, with zeros before them to make at least `width`.
    private mutating func padded(_ value: Int64, _ width: Int) {
        if value < 0 {
            let digits = String(value)
            buffer.writeString(String(repeating: "0", count: max(0, width - digits.count)) + digits)
            return
        }
        var count = 1
        var rest = value / 10
        while rest > 0 {
            count += 1
            rest /= 10
        }
        let length = max(count, width)
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: length) { target in
            var rest = value
            for index in stride(from: length - 1, through: 0, by: -1) {
                target[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
            return length
        }
    }
}

/// Whether a batch of an import, and so every batch before it, has committed: the batch after it commits only then.
/// Settled once; later settles change nothing.
final class Turn: @unchecked Sendable {
    private let lock = NSLock()
    private var outcome: Bool?
    private var waiting: [CheckedContinuation<Bool, Never>] = []

    func settle(committed: Bool) {
        let woken = lock.withLock { () -> [CheckedContinuation<Bool, Never>] in
            guard outcome == nil else { return [] }
            outcome = committed
            defer { waiting = [] }
            return waiting
        }
        for continuation in woken { continuation.resume(returning: committed) }
    }

    /// Waits until the batch has committed (true) or cannot (false).
    func committed() async -> Bool {
        await withCheckedContinuation { continuation in
            let known = lock.withLock { () -> Bool? in
                if outcome == nil { waiting.append(continuation) }
                return outcome
            }
            if let known { continuation.resume(returning: known) }
        }
    }
}
