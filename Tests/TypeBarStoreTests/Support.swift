import Foundation
import Testing
@_exported import TestSupport
import TypeBarKit
@testable import TypeBarStore

/// The PostgreSQL server the store tests use: TYPEBAR_TEST_STORE (CI starts one with scripts/test-postgres.sh), else
/// a throwaway cluster started here with the same script and removed when the tests end. Without PostgreSQL's
/// binaries the tests are skipped with the reason, except in CI (CI=true), where they must run and fail instead.
enum TestServer {
    enum Availability {
        case ready(String)
        case missing(String)
    }

    static let environment = ProcessInfo.processInfo.environment
    static let inCI = environment["CI"] == "true"
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let script = repository.appendingPathComponent("scripts/test-postgres.sh").path

    /// Whether the server binaries are here, for tests that start and stop a cluster of their own.
    static var hasBinaries: Bool {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []).contains {
            FileManager.default.isExecutableFile(atPath: "/usr/lib/postgresql/\($0)/bin/initdb")
        }
    }

    static let availability: Availability = {
        if let url = environment["TYPEBAR_TEST_STORE"], !url.isEmpty { return .ready(url) }
        guard hasBinaries else { return .missing("PostgreSQL's server binaries are missing (apt-get install postgresql), and TYPEBAR_TEST_STORE is not set") }
        do {
            let cluster = try Cluster.start()
            ownCluster = cluster.folder
            atexit { if let folder = TestServer.ownCluster { _ = try? Cluster.run(["destroy", folder]) } }
            return .ready(cluster.url)
        } catch {
            return .missing("a throwaway cluster did not start: \(error)")
        }
    }()

    nonisolated(unsafe) static var ownCluster: String?

    /// Runs a store test when a server is at hand; skipped with the reason when not, except in CI.
    static var enabled: Bool {
        if case .ready = availability { return true }
        if case .missing(let reason) = availability, !inCI { print("store tests skipped: \(reason)") }
        return inCI
    }

    /// The server's URL, failing the test (in CI) when there is none.
    static func url() throws -> String {
        switch availability {
        case .ready(let url): return url
        case .missing(let reason): throw TestFailure("no PostgreSQL for the store tests: \(reason)")
        }
    }

    /// A new, empty database on the test server, so each test starts from nothing; its URL.
    static func freshDatabase() throws -> String {
        let base = try url()
        let name = "typebar_test_\(UInt32.random(in: 0...UInt32.max))_\(getpid())"
        let admin = PostgresStore(address: try StoreAddress.parse(base), local: HistoryFile(path: "/nonexistent/history.jsonl"))
        defer { admin.close() }
        try admin.connection.run { connection in
            _ = try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: admin.connection.logger)
        }
        return replacingDatabase(in: base, with: name)
    }

    static func replacingDatabase(in url: String, with name: String) -> String {
        let scheme = url.range(of: "://")!.upperBound
        let rest = url[scheme...]
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let query = rest[slash...].firstIndex(of: "?").map { String(rest[$0...]) } ?? ""
        return String(url[..<slash]) + "/" + name + query
    }
}

/// A cluster of a test's own, to stop and start again.
struct Cluster {
    let folder: String
    let url: String

    /// With `tls`, the server offers TLS, its certificate signed by the CA in FOLDER/tls/ca.crt.
    static func start(in folder: String? = nil, tls: Bool = false) throws -> Cluster {
        let folder = folder ?? {
            // initdb runs as `nobody` under root: the folder's parents must be open to it.
            let parent = FileManager.default.temporaryDirectory.appendingPathComponent("typebar-pg-\(UUID().uuidString)")
            try? FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
            return parent.appendingPathComponent("cluster").path
        }()
        let url = try run(["start", folder] + (tls ? ["tls"] : [])).trimmingCharacters(in: .whitespacesAndNewlines)
        return Cluster(folder: folder, url: url)
    }

    func stop() throws { _ = try Cluster.run(["stop", folder]) }
    func restart() throws { _ = try Cluster.run(["start", folder]) }
    /// Stops the server as a crash would (`pg_ctl stop -m immediate`).
    func kill() throws { _ = try Cluster.run(["kill", folder]) }
    /// Freezes every process of the server (SIGSTOP), and lets them run again.
    func pause() throws { _ = try Cluster.run(["pause", folder]) }
    func resume() throws { _ = try Cluster.run(["resume", folder]) }
    func destroy() {
        _ = try? Cluster.run(["resume", folder])
        _ = try? Cluster.run(["destroy", folder])
    }

    @discardableResult
    static func run(_ arguments: [String]) throws -> String {
        let result = try command(["/bin/bash", TestServer.script] + arguments)
        guard result.status == 0 else { throw TestFailure("test-postgres.sh \(arguments.joined(separator: " ")): \(result.stderr)") }
        return result.stdout
    }
}

/// Runs `count` processes at once (`arguments(i)` for the i-th), released together by creating `go`.
func together(_ count: Int, go: String, _ arguments: @escaping @Sendable (Int) -> [String]) -> [Run?] {
    let results = Shared([Run?](repeating: nil, count: count))
    let group = DispatchGroup()
    for index in 0..<count {
        DispatchQueue.global().async(group: group) {
            let run = try? command(arguments(index))
            results.update { $0[index] = run }
        }
    }
    usleep(500_000)
    _ = FileManager.default.createFile(atPath: go, contents: nil)
    group.wait()
    return results.value
}

/// The short id in "... as 1a2b3c4d ..." on standard error.
func shortID(in text: String) -> String? {
    guard let range = text.range(of: " as ", options: .backwards) else { return nil }
    let id = text[range.upperBound...].prefix(8)
    return id.count == 8 && id.allSatisfy(\.isHexDigit) ? String(id) : nil
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs `arguments` (the executable first), with `environment` added and no store, passages, signing key or
/// PostgreSQL settings of the tester's own.
func command(_ arguments: [String], environment: [String: String] = [:], input: String? = nil) throws -> Run {
    let removing = ["TYPEBAR_STORE", "TYPEBAR_PASSAGES", "TYPEBAR_SIGNING_KEY", "PGPASSWORD", "PGHOST", "PGPORT", "PGUSER", "PGDATABASE", "PGPASSFILE", "PGSSLMODE"]
    return try command(URL(fileURLWithPath: arguments[0]), Array(arguments.dropFirst()), environment: environment, removing: removing, input: input)
}

/// Runs the built typebar with a private history, and the store given.
func typebar(_ arguments: [String], store: String? = nil, history: String, environment: [String: String] = [:], input: String? = nil) throws -> Run {
    var env = environment
    env["TYPEBAR_HISTORY"] = history
    if let store { env["TYPEBAR_STORE"] = store }
    return try command([product("typebar").path] + arguments, environment: env, input: input)
}

/// A keystroke log of `text` typed cleanly at about 60 WPM.
func cleanLog(_ text: String) -> String {
    var lines = [#"{"format":"typebar-keystrokes","version":1,"text":"\#(text)"}"#]
    var time = 0.0
    let jitter: [Double] = [0.8, 1.3, 0.9, 1.1, 0.7, 1.2, 1.0, 1.4, 0.6, 1.0]
    for (index, character) in text.enumerated() {
        lines.append(#"{"t":\#(time),"ch":"\#(character)"}"#)
        time += 200 * jitter[index % jitter.count]
    }
    return lines.joined(separator: "\n") + "\n"
}

/// A store on a fresh database, migrated.
func migratedStore(local: String) throws -> (store: PostgresStore, url: String) {
    let url = try TestServer.freshDatabase()
    let store = PostgresStore(address: try StoreAddress.parse(url), local: HistoryFile(path: local))
    try store.migrate()
    return (store, url)
}

/// Runs SQL on the store (for tests that change rows by hand).
func execute(_ store: PostgresStore, _ sql: String) throws {
    try store.connection.run { connection in
        _ = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: store.connection.logger)
    }
}

import PostgresNIO

/// An assessment record with hand-set figures: `number` sets its id, time (97.25 s apart), candidate (of seven)
/// and net WPM, so records differ in every column a report reads.
func sampleRecord(number: Int, assessment: String = "chat-40") -> HistoryRecord {
    var record = HistoryRecord(json: Array(#"{"version":1,"id":"x","time":"2026-11-23T10:15:02.123Z","mode":"assessment","elapsed_seconds":120,"characters":500,"gross_wpm":60,"net_wpm":58.5,"accuracy":97.5,"bar_wpm":40,"min_accuracy":95}"#.utf8)) ?? HistoryRecord()
    let time = 1_764_000_000.0 + 97.25 * Double(number)
    record.id = String(format: "20261124T%06d-%08x", number % 1_000_000, number)
    record.time = time
    record.candidate = "Candidate \(number % 7)"
    record.assessment = assessment
    record.configHash = String(repeating: "a", count: 64)
    record.attempt = 1
    record.attempts = 3
    record.timeLimit = 120
    record.netWPM = 30 + Double((number * 7) % 25) + 0.125
    record.grossWPM = record.netWPM + 3.5
    record.accuracy = 90 + Double(number % 10)
    record.meetsBar = record.netWPM >= 40 && record.accuracy >= 95
    record.verdict = record.meetsBar ? "PASS: ok" : "FAIL: slow"
    record.timeline = (1...120).map { Double(($0 * 13 + number) % 60) + 0.5 }
    record.keys = [HistoryRecord.Key(character: "a", typed: 12, errors: number % 3, meanMilliseconds: 180.5)]
    record.bigrams = [HistoryRecord.Bigram(bigram: "th", count: 4, meanMilliseconds: 210.25)]
    record.typebarVersion = "test"
    return record
}

/// Runs one query on the store and returns the first column of its first row as an integer.
func integer(_ store: PostgresStore, _ sql: String) throws -> Int {
    var value = 0
    try store.rows(PostgresQuery(unsafeSQL: sql)) { value = try $0.decode(Int.self) }
    return value
}

/// Whether two reports are the same but for the source each names and the time each was made.
func sameReport(_ report: String, source: String, as other: String, source otherSource: String) -> Bool {
    func normalised(_ text: String, source: String) -> String {
        text.replacingOccurrences(of: source, with: "SOURCE")
            .replacingOccurrences(of: source.replacingOccurrences(of: "_", with: "\\_"), with: "SOURCE")
            .replacingOccurrences(of: #""generated":"[^"]*""#, with: "", options: .regularExpression)
            .replacingOccurrences(of: #"[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?Z?)?( UTC)?"#, with: "TIME", options: .regularExpression)
    }
    return normalised(report, source: source) == normalised(other, source: otherSource)
}
