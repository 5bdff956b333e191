import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// One connection to the store, used from typebar's synchronous commands: each call runs on SwiftNIO's threads
/// while the calling thread waits, so the commands stay plain functions. Connects on first use.
///
/// No wait is unbounded. Connecting (TCP, TLS and the login) has `connectTimeout` seconds; after that, a statement
/// has `statementTimeout` seconds to answer, and rows being read that long to come. A server that says nothing for
/// that long (a hung host, a paused process, a network that drops packets) is given up on: the connection is closed
/// and the call fails as `StoreError.unreachable`, so a result being saved goes to the outbox.
final class StoreConnection: @unchecked Sendable {
    let address: StoreAddress
    private let lock = NSLock()
    private var connection: PostgresConnection?
    /// Bumped when a connection is given up on, so a connect that finishes afterwards is not kept.
    private var generation = 0
    let logger = Logger(label: "typebar.store", factory: { _ in SwiftLogNoOpLogHandler() })

    init(address: StoreAddress) {
        self.address = address
    }

    deinit {
        if let connection { try? connection.close().wait() }
    }

    /// Whether a connection is open, so the next call need not connect first.
    private var isOpen: Bool {
        lock.withLock { connection.map { !$0.isClosed } ?? false }
    }

    /// The open connection, opening it when needed.
    func open() async throws -> PostgresConnection {
        let (existing, current) = lock.withLock { (connection, generation) }
        if let existing, !existing.isClosed { return existing }
        let configuration = try address.configuration()
        let opened: PostgresConnection
        do {
            opened = try await PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: 1, logger: logger)
        } catch where StoreConnection.isConnectTimeout(error) {
            throw StoreError.unreachable(store: address.description, reason: "no answer within \(address.connectTimeout) s (connect_timeout)")
        } catch {
            throw StoreError.from(error, store: address.description)
        }
        let kept = lock.withLock { () -> Bool in
            guard generation == current else { return false }
            connection = opened
            return true
        }
        guard kept else {
            StoreConnection.closeLater(opened)
            throw StoreError.unreachable(store: address.description, reason: "given up on")
        }
        return opened
    }

    func close() {
        let current = lock.withLock { () -> PostgresConnection? in
            defer { connection = nil }
            return connection
        }
        if let current { try? current.close().wait() }
    }

    /// Whether connecting ran out of time: before the TCP connection (SwiftNIO's own timeout), or after it, waiting
    /// for a server that accepted and then said nothing (postgres-nio's deadline), however it is wrapped.
    static func isConnectTimeout(_ error: any Error) -> Bool {
        if case .connectTimeout = error as? ChannelError { return true }
        if let error = error as? PSQLError, let underlying = error.underlying { return isConnectTimeout(underlying) }
        return false
    }

    /// Gives up on the connection: closes it without waiting (a server that does not answer would not answer a
    /// goodbye either), and forgets any connect still under way.
    private func abandon() {
        let current = lock.withLock { () -> PostgresConnection? in
            generation += 1
            defer { connection = nil }
            return connection
        }
        if let current { StoreConnection.closeLater(current) }
    }

    /// Closes `connection` without waiting, and keeps it until the close is done: a connection let go of while its
    /// socket is still open trips postgres-nio's check (an assertion in debug builds) and would end the process.
    private static func closeLater(_ connection: PostgresConnection) {
        connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    /// The error for a server that said nothing for `seconds`.
    private func silence(_ seconds: Int) -> StoreError {
        .unreachable(store: address.description, reason: "no answer in \(seconds) s (statement_timeout); the connection was closed")
    }

    /// How long a call may wait in all: the statement's time, and the connect's when there is no connection yet.
    private func limit(_ statement: Int) -> Double {
        Double(statement) + (isOpen ? 0 : Double(address.connectTimeout))
    }

    /// Runs `work` with the connection and waits for it, at most the statement timeout (`timeout` seconds instead,
    /// when given) and the connect timeout; every failure comes back as a `StoreError`.
    func run<T>(timeout: Int? = nil, _ work: @escaping (PostgresConnection) async throws -> T) throws -> T {
        try finish(start(timeout: timeout, work))
    }

    /// A call under way: `start` begins it, `finish` waits for it. Meanwhile the caller can prepare the next one
    /// (never start another before finishing this: the connection does one thing at a time).
    final class Pending<T>: @unchecked Sendable {
        fileprivate let outcome = Outcome<T>()
        fileprivate let done = DispatchSemaphore(value: 0)
        fileprivate let seconds: Int
        fileprivate let deadline: DispatchTime

        fileprivate init(seconds: Int, deadline: DispatchTime) {
            self.seconds = seconds
            self.deadline = deadline
        }
    }

    /// Starts `work` with the connection; its clock (as `run`'s) starts now.
    func start<T>(timeout: Int? = nil, _ work: @escaping (PostgresConnection) async throws -> T) -> Pending<T> {
        let seconds = timeout ?? address.statementTimeout
        let pending = Pending<T>(seconds: seconds, deadline: .now() + limit(seconds))
        let job = UncheckedSendable(work)
        Task(executorPreference: StoreExecutor.shared) { [self] in
            do {
                let connection = try await open()
                pending.outcome.value = .success(try await job.value(connection))
            } catch {
                pending.outcome.value = .failure(error)
            }
            pending.done.signal()
        }
        return pending
    }

    /// Waits for a call `start` began, until its deadline; every failure comes back as a `StoreError`.
    func finish<T>(_ pending: Pending<T>) throws -> T {
        guard pending.done.wait(timeout: pending.deadline) == .success else {
            abandon()
            throw silence(pending.seconds)
        }
        switch pending.outcome.value! {
        case .success(let value): return value
        case .failure(let error):
            if error is StoreError { throw error }
            // A failure other than the server's own answer may have left the connection unusable.
            if !(error is PSQLError) || (error as? PSQLError)?.serverInfo == nil { close() }
            throw StoreError.from(error, store: address.description)
        }
    }

    /// Streams the rows of `query` to `body` on the calling thread: SwiftNIO's side fills a small buffer and waits
    /// while it is full, so a result of any size passes through a bounded amount of memory. The server has the
    /// statement timeout to send the first rows, and again for each wait after.
    func stream(_ query: PostgresQuery, _ body: (PostgresRow) throws -> Void) throws {
        let pipe = RowPipe()
        let logger = self.logger
        let done = DispatchSemaphore(value: 0)
        let failure = Outcome<Void>()
        var wait = limit(address.statementTimeout)
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
        while true {
            let next = pipe.take(waiting: wait)
            wait = Double(address.statementTimeout)
            guard case .row(let row) = next else {
                if case .timedOut = next {
                    pipe.discard()
                    abandon()
                    throw silence(address.statementTimeout)
                }
                break
            }
            do {
                try body(row)
            } catch {
                // Stop taking rows; the rest are read and dropped so the connection stays usable.
                bodyError = error
                pipe.discard()
                break
            }
        }
        if done.wait(timeout: .now() + Double(address.statementTimeout)) == .timedOut {
            abandon()
            throw bodyError ?? silence(address.statementTimeout)
        }
        if let bodyError { throw bodyError }
        if case .failure(let error) = failure.value! {
            if error is StoreError { throw error }
            if (error as? PSQLError)?.serverInfo == nil { close() }
            throw StoreError.from(error, store: address.description)
        }
    }

    /// `run`, in one transaction.
    func transaction<T>(timeout: Int? = nil, _ work: @escaping (PostgresConnection) async throws -> T) throws -> T {
        let job = UncheckedSendable(work)
        let logger = self.logger
        return try run(timeout: timeout) { connection in
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

/// What a task handed back, set on SwiftNIO's side and read by the caller that waited for it (or never, when the
/// caller gave up waiting).
private final class Outcome<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<T, any Error>?
    var value: Result<T, any Error>? {
        get { lock.withLock { result } }
        set { lock.withLock { result = newValue } }
    }
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

    enum Next {
        case row(PostgresRow)
        case finished
        /// No row came for the time given.
        case timedOut
    }

    /// The next row, `finished` when there are no more, or `timedOut` when none came for `seconds`.
    func take(waiting seconds: Double) -> Next {
        condition.lock()
        defer { condition.unlock() }
        if head == rows.count && !finished {
            let deadline = Date(timeIntervalSinceNow: seconds)
            readerWaits = true
            while head == rows.count && !finished {
                if !condition.wait(until: deadline) && head == rows.count && !finished {
                    readerWaits = false
                    return .timedOut
                }
            }
            readerWaits = false
        }
        guard head < rows.count else { return .finished }
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
        return .row(row)
    }
}
