import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// One connection to the store, used from typebar's synchronous commands: each call runs on SwiftNIO's threads
/// while the calling thread waits, so the commands stay plain functions. Connects on first use.
final class StoreConnection: @unchecked Sendable {
    let address: StoreAddress
    private let lock = NSLock()
    private var connection: PostgresConnection?
    let logger = Logger(label: "typebar.store", factory: { _ in SwiftLogNoOpLogHandler() })

    init(address: StoreAddress) {
        self.address = address
    }

    deinit {
        if let connection { try? connection.close().wait() }
    }

    /// The open connection, opening it when needed.
    func open() async throws -> PostgresConnection {
        if let existing = lock.withLock({ connection }), !existing.isClosed { return existing }
        let configuration = try address.configuration()
        let opened: PostgresConnection
        do {
            opened = try await PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: 1, logger: logger)
        } catch {
            throw StoreError.from(error, store: address.description)
        }
        lock.withLock { connection = opened }
        return opened
    }

    func close() {
        let current = lock.withLock { () -> PostgresConnection? in
            defer { connection = nil }
            return connection
        }
        if let current { try? current.close().wait() }
    }

    /// Runs `work` with the connection and waits for it; every failure comes back as a `StoreError`.
    func run<T>(_ work: @escaping (PostgresConnection) async throws -> T) throws -> T {
        let box = Outcome<T>()
        let job = UncheckedSendable(work)
        let semaphore = DispatchSemaphore(value: 0)
        Task(executorPreference: StoreExecutor.shared) { [self] in
            do {
                let connection = try await open()
                box.value = .success(try await job.value(connection))
            } catch {
                box.value = .failure(error)
            }
            semaphore.signal()
        }
        semaphore.wait()
        switch box.value! {
        case .success(let value): return value
        case .failure(let error):
            if error is StoreError { throw error }
            // A failure other than the server's own answer may have left the connection unusable.
            if !(error is PSQLError) || (error as? PSQLError)?.serverInfo == nil { close() }
            throw StoreError.from(error, store: address.description)
        }
    }

    /// Streams the rows of `query` to `body` on the calling thread: SwiftNIO's side fills a small buffer and waits
    /// while it is full, so a result of any size passes through a bounded amount of memory.
    func stream(_ query: PostgresQuery, _ body: (PostgresRow) throws -> Void) throws {
        let pipe = RowPipe()
        let logger = self.logger
        let done = DispatchSemaphore(value: 0)
        let failure = Outcome<Void>()
        Task(executorPreference: StoreExecutor.shared) { [self] in
            do {
                let connection = try await open()
                let rows = try await connection.query(query, logger: logger)
                for try await row in rows { pipe.put(row) }
                failure.value = .success(())
            } catch {
                failure.value = .failure(error)
            }
            pipe.finish()
            done.signal()
        }
        var bodyError: (any Error)?
        while let row = pipe.take() {
            do {
                try body(row)
            } catch {
                // Stop taking rows; the rest are read and dropped so the connection stays usable.
                bodyError = error
                pipe.discard()
                break
            }
        }
        done.wait()
        if let bodyError { throw bodyError }
        if case .failure(let error) = failure.value! {
            if error is StoreError { throw error }
            if (error as? PSQLError)?.serverInfo == nil { close() }
            throw StoreError.from(error, store: address.description)
        }
    }

    /// `run`, in one transaction.
    func transaction<T>(_ work: @escaping (PostgresConnection) async throws -> T) throws -> T {
        let job = UncheckedSendable(work)
        let logger = self.logger
        return try run { connection in
            let result = try await connection.withTransaction(logger: logger) { connection in
                UncheckedSendable(try await job.value(connection))
            }
            return result.value
        }
    }
}

/// Where the store's async work runs while a caller's thread waits for it: threads of its own, never Swift's
/// shared pool, so waiting callers that sit on that pool (tests run there) cannot starve the work they wait for.
final class StoreExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = StoreExecutor()
    private let queue = DispatchQueue(label: "typebar.store", attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}

/// A value handed across a thread boundary while its owner waits, so it is never used from two threads at once.
struct UncheckedSendable<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}

private final class Outcome<T>: @unchecked Sendable {
    var value: Result<T, any Error>?
}

/// Rows handed from SwiftNIO's side to the waiting caller, at most `capacity` at a time. Each side wakes the other
/// only when it waits: the reader once the buffer is half empty, the writer as soon as a row is there, so rows pass
/// in runs rather than one wake-up each.
private final class RowPipe: @unchecked Sendable {
    private let condition = NSCondition()
    private var rows: [PostgresRow] = []
    private var head = 0
    private var finished = false
    private var discarding = false
    private var writerWaits = false
    private var readerWaits = false
    private let capacity = 512

    func put(_ row: PostgresRow) {
        condition.lock()
        defer { condition.unlock() }
        if !discarding && rows.count - head >= capacity {
            writerWaits = true
            while !discarding && rows.count - head >= capacity / 2 { condition.wait() }
            writerWaits = false
        }
        guard !discarding else { return }
        rows.append(row)
        if readerWaits { condition.broadcast() }
    }

    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    func discard() {
        condition.lock()
        discarding = true
        rows = []
        head = 0
        condition.broadcast()
        condition.unlock()
    }

    /// The next row, or nil when there are no more.
    func take() -> PostgresRow? {
        condition.lock()
        defer { condition.unlock() }
        if head == rows.count && !finished {
            readerWaits = true
            while head == rows.count && !finished { condition.wait() }
            readerWaits = false
        }
        guard head < rows.count else { return nil }
        let row = rows[head]
        head += 1
        if head == rows.count {
            rows.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 1024 {
            rows.removeFirst(head)
            head = 0
        }
        if writerWaits && rows.count - head < capacity / 2 { condition.broadcast() }
        return row
    }
}
