import Foundation
import NIOCore
import PostgresNIO
import TypeBarKit

/// Importing a JSONL history: its records go in batches, each one `COPY` (so one statement, one transaction, and no
/// statement text or bound parameters to build), after asking the store which of the batch's ids it has already.
/// While the store takes one batch, the next is read and encoded.
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

    /// Loads a JSONL history and the keystroke logs beside it, each record once by id: importing a file twice
    /// changes nothing. A failure stops the import with the batches before it kept; importing again sends the rest.
    public func importHistory(_ file: HistoryFile) throws -> Transfer {
        try checkSchema()
        var transfer = Transfer()
        var batch = CopyBatch(buffer: ByteBufferAllocator().buffer(capacity: 1 << 20))
        var sending: (pending: StoreConnection.Pending<Int>, rows: Int, buffer: ByteBuffer)?
        /// The buffer of the batch last sent, once the store has it: the next batch is encoded into it, so its
        /// memory is not allocated (and its pages faulted in) again for every batch.
        var spare: ByteBuffer?
        var failure: (any Error)?
        var missingLogs: [String] = []
        var unstorable: [String] = []

        /// Waits for the batch being sent, if any, and counts it.
        func settle() throws {
            guard let current = sending else { return }
            sending = nil
            let added = try connection.finish(current.pending)
            transfer.added += added
            transfer.already += current.rows - added
            spare = current.buffer
        }
        /// Sends the batch read so far, once the one before it is in.
        func send() throws {
            guard batch.count > 0 else { return }
            try settle()
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
            sending = (startCopy(ready), ready.count, ready.buffer)
        }

        // The history's folder, found once: a record's log is named relative to it.
        let folder = file.folder
        // One record's JSON at a time, in bytes reused from record to record.
        var json: [UInt8] = []
        json.reserveCapacity(16 << 10)
        let skipped = try file.read { record, _ in
            guard failure == nil else { return }
            var log: Data?
            if let path = file.logPath(of: record, folder: folder), access(path, F_OK) == 0 {
                log = FileManager.default.contents(atPath: path)
            }
            if record.log != nil && log == nil { missingLogs.append(record.id) }
            guard batch.add(record, log: log, json: &json) else {
                unstorable.append(record.id)
                return
            }
            if batch.count >= PostgresStore.batchRows || batch.bytes >= PostgresStore.batchBytes {
                do { try send() } catch { failure = error }
            }
        }
        if let failure { throw failure }
        try send()
        try settle()
        if !missingLogs.isEmpty {
            transfer.warnings.append("\(file.path): \(PostgresStore.count(missingLogs.count, "keystroke log")) \(missingLogs.count == 1 ? "is" : "are") missing (\(PostgresStore.some(missingLogs))); imported without them")
        }
        if !unstorable.isEmpty {
            transfer.warnings.append("\(file.path): \(PostgresStore.count(unstorable.count, "record")) not imported: a text field holds a NUL character, which PostgreSQL cannot store (\(PostgresStore.some(unstorable)))")
        }
        transfer.warnings += skipped.warnings(path: file.path)
        return transfer
    }

    /// Starts sending `batch`: the ids the store lacks go in one COPY; returns how many were added. A unique
    /// violation (another writer added one of them since the check) or a deadlock with another writer undoes the
    /// COPY, and the batch is checked and sent again.
    private func startCopy(_ batch: CopyBatch) -> StoreConnection.Pending<Int> {
        let logger = connection.logger
        let columns = PostgresStore.columns
        return connection.start { connection in
            for attempt in 1...PostgresStore.batchTries {
                var known = Set<String>()
                let rows = try await connection.query("SELECT typebar_known_ids(\(batch.ids))", logger: logger)
                for try await id in rows.decode(String.self) { known.insert(id) }
                let sending = known.isEmpty ? batch.buffer : batch.without(known)
                let added = batch.count - known.count
                guard added > 0 else { return 0 }
                do {
                    try await connection.copyFrom(table: "typebar_results", columns: columns, logger: logger) { writer in
                        var rest = sending
                        while let piece = rest.readSlice(length: min(rest.readableBytes, PostgresStore.copyMessageBytes)), piece.readableBytes > 0 {
                            try await writer.write(piece)
                        }
                    }
                    return added
                } catch let error as PSQLError where attempt < PostgresStore.batchTries
                    && ["23505", "40P01"].contains(error.serverInfo?[.sqlState] ?? "") {
                    continue
                }
            }
            return 0
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
    private var seen = Set<String>()
    /// Records whose id is already in this batch: counted as already in the store, not sent twice.
    private(set) var repeated = 0

    /// A batch written into `buffer`, which must be empty.
    init(buffer: ByteBuffer) {
        self.buffer = buffer
    }

    var count: Int { ids.count }
    var bytes: Int { buffer.readableBytes }

    /// Adds a row for `record`; false when it cannot be stored (a NUL in a text value). Its JSON is written into
    /// `json`, scratch bytes the caller passes again for each record, and goes in twice: whole as the record, and
    /// with its per-key table, bigrams and timeline emptied as the figures (`PostgresStore.figures(of:)`).
    mutating func add(_ record: HistoryRecord, log: Data?, json: inout [UInt8]) -> Bool {
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
