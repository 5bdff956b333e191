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
    /// A batch that meets rows another writer added between the check and the copy is tried again, this many times.
    static let batchTries = 5

    /// Loads a JSONL history and the keystroke logs beside it, each record once by id: importing a file twice
    /// changes nothing. A failure stops the import with the batches before it kept; importing again sends the rest.
    public func importHistory(_ file: HistoryFile) throws -> Transfer {
        try checkSchema()
        var transfer = Transfer()
        var batch = CopyBatch()
        var sending: (pending: StoreConnection.Pending<Int>, rows: Int)?
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
        }
        /// Sends the batch read so far, once the one before it is in.
        func send() throws {
            guard batch.count > 0 else { return }
            try settle()
            let ready = batch
            batch = CopyBatch()
            transfer.already += ready.repeated
            sending = (startCopy(ready), ready.count)
        }

        let skipped = try file.read { record, _ in
            guard failure == nil else { return }
            var log: Data?
            if case .file(let path) = file.log(of: record) { log = FileManager.default.contents(atPath: path) }
            if record.log != nil && log == nil { missingLogs.append(record.id) }
            guard batch.add(record, log: log) else {
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
                        try await writer.write(sending)
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
    private(set) var buffer = ByteBufferAllocator().buffer(capacity: 1 << 20)
    /// The ids in the batch, in order, and where each row's line ends in `buffer`.
    private(set) var ids: [String] = []
    private var ends: [Int] = []
    private var seen = Set<String>()
    /// Records whose id is already in this batch: counted as already in the store, not sent twice.
    private(set) var repeated = 0

    var count: Int { ids.count }
    var bytes: Int { buffer.readableBytes }

    /// Adds a row for `record`; false when it cannot be stored (a NUL in a text value).
    mutating func add(_ record: HistoryRecord, log: Data?) -> Bool {
        let texts = [record.id, record.mode.rawValue, record.candidate, record.assessment, record.configHash]
        guard !texts.contains(where: { $0?.utf8.contains(0) == true }) else { return false }
        guard seen.insert(record.id).inserted else {
            repeated += 1
            return true
        }
        text(record.id)
        tab()
        buffer.writeString(CopyBatch.timestamp(record.time))
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
        text(record.jsonLine)
        tab()
        text(PostgresStore.figures(of: record))
        tab()
        if let log {
            // bytea as hex, its backslash escaped: \\x0a1b...
            buffer.writeString("\\\\x")
            let digits = Array("0123456789abcdef".utf8)
            buffer.reserveCapacity(minimumWritableBytes: log.count * 2)
            for byte in log {
                buffer.writeInteger(digits[Int(byte >> 4)])
                buffer.writeInteger(digits[Int(byte & 15)])
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
        value.withUTF8 { bytes in
            var start = 0
            for index in bytes.indices {
                let escape: UInt8
                switch bytes[index] {
                case UInt8(ascii: "\\"): escape = UInt8(ascii: "\\")
                case UInt8(ascii: "\t"): escape = UInt8(ascii: "t")
                case UInt8(ascii: "\n"): escape = UInt8(ascii: "n")
                case UInt8(ascii: "\r"): escape = UInt8(ascii: "r")
                default: continue
                }
                buffer.writeBytes(UnsafeBufferPointer(rebasing: bytes[start..<index]))
                buffer.writeInteger(UInt8(ascii: "\\"))
                buffer.writeInteger(escape)
                start = index + 1
            }
            buffer.writeBytes(UnsafeBufferPointer(rebasing: bytes[start...]))
        }
    }

    /// `time` (seconds since 1970) as timestamptz text, to the microsecond, rounded as `to_timestamp` rounds it.
    static func timestamp(_ time: Double) -> String {
        let micros = Int64((time * 1_000_000).rounded(.toNearestOrEven))
        let (seconds, fraction) = micros.quotientAndRemainder(dividingBy: 1_000_000)
        let (wholeSeconds, micro) = fraction < 0 ? (seconds - 1, fraction + 1_000_000) : (seconds, fraction)
        let (days, secondOfDay) = wholeSeconds.quotientAndRemainder(dividingBy: 86_400)
        let (day, second) = secondOfDay < 0 ? (days - 1, secondOfDay + 86_400) : (days, secondOfDay)
        let civil = Timestamp.civil(fromDays: Int(day))
        let (year, month, dayOfMonth) = (Int64(civil.year), Int64(civil.month), Int64(civil.day))
        func pad(_ value: Int64, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        // Year 0 is 1 BC, as PostgreSQL writes it.
        let era0 = year <= 0
        return pad(era0 ? 1 - year : year, 4) + "-" + pad(month, 2) + "-" + pad(dayOfMonth, 2) + " "
            + pad(second / 3600, 2) + ":" + pad(second / 60 % 60, 2) + ":" + pad(second % 60, 2) + "." + pad(micro, 6)
            + "+00" + (era0 ? " BC" : "")
    }
}
