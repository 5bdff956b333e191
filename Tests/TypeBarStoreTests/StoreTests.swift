import Foundation
import Testing
import TypeBarKit
@testable import TypeBarStore

/// The store against a real PostgreSQL (see `TestServer`).
@Suite(.enabled(if: TestServer.enabled, "needs PostgreSQL: set TYPEBAR_TEST_STORE or install the postgresql package"))
struct StoreTests {
    static let text = "Thanks for waiting, I have refunded the order."

    /// Saves one scored result through the real binary; returns its id.
    @discardableResult
    func scoreAndSave(_ scratch: Scratch, store: String?, history: String, extra: [String] = []) throws -> (run: Run, id: String?) {
        let log = scratch.write("log-\(UUID().uuidString).jsonl", cleanLog(StoreTests.text))
        let run = try typebar(["score", "--keys", log, "--save"] + extra, store: store, history: history)
        let id = shortID(in: run.stderr)
        return (run, id)
    }

    @Test func migrationsFromEmptyAndFromThePreviousVersion() throws {
        let scratch = Scratch()
        let url = try TestServer.freshDatabase()
        let store = PostgresStore(address: try StoreAddress.parse(url), local: HistoryFile(path: scratch.path("h.jsonl")))
        defer { store.close() }
        #expect(try store.schemaVersion() == 0)
        // A command on an empty database says what to do.
        let early = try typebar(["history"], store: url, history: scratch.path("h.jsonl"))
        #expect(early.status == 2)
        #expect(early.stderr.contains("no typebar tables yet; run typebar store migrate"))

        // The previous version, with a result in it, then the current one: the result stays.
        let first = try typebar(["store", "migrate", "--to", String(StoreSchema.current - 1)], store: url, history: scratch.path("h.jsonl"))
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("schema version 0 → \(StoreSchema.current - 1)"))
        #expect(try store.schemaVersion() == StoreSchema.current - 1)
        try execute(store, "INSERT INTO typebar_results (id, time, mode, net_wpm, accuracy, passed, record) VALUES ('20261123T101502-0000aaaa', now(), 'score', 1, 2, false, '{}')")
        let upgrade = try typebar(["store", "migrate"], store: url, history: scratch.path("h.jsonl"))
        #expect(upgrade.status == 0, "\(upgrade.stderr)")
        #expect(upgrade.stdout.contains("schema version \(StoreSchema.current - 1) → \(StoreSchema.current)"))
        #expect(try store.count() == 1)
        let again = try typebar(["store", "migrate"], store: url, history: scratch.path("h.jsonl"))
        #expect(again.stdout.contains("nothing to do"))
        #expect(try store.beginAttempt(candidate: "Ana", assessment: "chat-40", configHash: "h", allowed: 1, newRound: false) == 1)
    }

    @Test func aStoreNewerThanThisTypebarIsRefused() throws {
        let scratch = Scratch()
        let (store, url) = try migratedStore(local: scratch.path("h.jsonl"))
        defer { store.close() }
        try execute(store, "UPDATE typebar_schema SET version = \(StoreSchema.current + 1)")
        for arguments in [["history"], ["store", "migrate"], ["stats"]] {
            let run = try typebar(arguments, store: url, history: scratch.path("h.jsonl"))
            #expect(run.status == 2)
            #expect(run.stderr.contains("newer than this typebar knows (\(StoreSchema.current)); upgrade typebar"), "\(run.stderr)")
        }
        // Saving into it is refused too, and the result is not lost: it is printed to keep by hand.
        let (saved, _) = try scoreAndSave(scratch, store: url, history: scratch.path("h.jsonl"))
        #expect(saved.status == 2)
        #expect(saved.stderr.contains("\"version\":1"))
    }

    @Test func eightWritersOfFiftyEachLoseAndDuplicateNothing() throws {
        let scratch = Scratch()
        let (store, url) = try migratedStore(local: scratch.path("h.jsonl"))
        defer { store.close() }
        let go = scratch.path("go")
        let stress = product("store-stress").path
        let results = together(8, go: go) { [stress, "save", url, "50", String(format: "w%02d", $0), go] }
        for run in results {
            #expect(run?.status == 0, "\(run?.stderr ?? "did not run")")
            #expect(run?.stdout == "saved 50\n")
        }
        var ids: [String] = []
        _ = try store.read(HistoryQuery()) { ids.append($0.id) }
        #expect(ids.count == 400)
        #expect(Set(ids).count == 400)
        #expect(try store.count() == 400)
    }

    @Test func anAttemptLimitHoldsWhenTwoMachinesStartAtOnce() throws {
        let scratch = Scratch()
        // As candidates' machines: the machine role, which takes attempts through the store's function.
        let team = try TeamStore.make()
        defer { team.close() }
        let (store, url) = (team.owner, team.machineURL)
        let candidates = (1...40).map { "candidate \($0)" }
        let go = scratch.path("go")
        let stress = product("store-stress").path
        // The two take the candidates in opposite orders, so they meet in the middle and race on each.
        let results = together(2, go: go) { index in
            let order = index == 0 ? candidates : candidates.reversed()
            return [stress, "attempt", url, "2", go] + order + order
        }
        var granted: [String: [Int]] = [:]
        var refused: [String: Int] = [:]
        for run in results {
            #expect(run?.status == 0, "\(run?.stderr ?? "did not run")")
            for line in (run?.stdout ?? "").split(separator: "\n") {
                if line.hasPrefix("granted ") {
                    let parts = line.dropFirst(8).split(separator: " ")
                    granted[parts.dropLast().joined(separator: " "), default: []].append(Int(parts.last!)!)
                } else if line.hasPrefix("refused ") {
                    refused[String(line.dropFirst(8)), default: 0] += 1
                }
            }
        }
        // Each candidate: four tries in all, exactly two attempts given (numbered 1 and 2), two refused.
        for candidate in candidates {
            #expect(granted[candidate]?.sorted() == [1, 2], "\(candidate): \(granted[candidate] ?? [])")
            #expect(refused[candidate] == 2)
        }
        let used = try store.attempts(candidate: "CANDIDATE 7", assessment: "race", configHash: "hash")
        #expect(used.used == 2)
        // A retake starts a new round.
        #expect(try store.beginAttempt(candidate: "candidate 7", assessment: "race", configHash: "hash", allowed: 2, newRound: true) == 1)
    }

    @Test(.enabled(if: TestServer.hasBinaries || TestServer.inCI, "needs PostgreSQL's server binaries to stop and start a cluster"))
    func theStoreStoppedMidRunLosesNothingAndSyncsOnce() throws {
        let scratch = Scratch()
        let cluster = try Cluster.start()
        defer { cluster.destroy() }
        let history = scratch.path("machine/history.jsonl")
        let migrate = try typebar(["store", "migrate"], store: cluster.url, history: history)
        #expect(migrate.status == 0, "\(migrate.stderr)")
        let (first, firstID) = try scoreAndSave(scratch, store: cluster.url, history: history)
        #expect(first.status == 0, "\(first.stderr)")

        try cluster.stop()
        let (offline, offlineID) = try scoreAndSave(scratch, store: cluster.url, history: history)
        #expect(offline.status == 0, "\(offline.stderr)")
        #expect(offline.stderr.contains("cannot reach the store"))
        #expect(offline.stderr.contains("marked unsent"))
        #expect(!offline.stderr.contains(String(cluster.url.split(separator: ":")[2].split(separator: "@")[0])), "the password was printed")
        let local = try HistoryFile(path: history).records().records
        #expect(local.count == 1)
        let status = try typebar(["store", "status"], store: cluster.url, history: history)
        #expect(status.stdout.contains("unsent on this machine: 1"))
        // While the store is away, a second result waits too.
        #expect(try scoreAndSave(scratch, store: cluster.url, history: history).run.status == 0)

        try cluster.restart()
        // The next start sends them.
        let listed = try typebar(["history", "--json"], store: cluster.url, history: history)
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stderr.contains("sent 2 results kept on this machine"))
        #expect(listed.stdout.split(separator: "\n").count == 3)
        let sync = try typebar(["store", "sync"], store: cluster.url, history: history)
        #expect(sync.stdout.contains("nothing to send"))
        // Sent once: three rows, three ids.
        let store = PostgresStore(address: try StoreAddress.parse(cluster.url), local: HistoryFile(path: history))
        defer { store.close() }
        var ids: [String] = []
        _ = try store.read(HistoryQuery()) { ids.append($0.id) }
        #expect(ids.count == 3 && Set(ids).count == 3)
        #expect(ids.contains { $0.hasSuffix(firstID ?? "?") } && ids.contains { $0.hasSuffix(offlineID ?? "?") })
        // A marker left behind after a crash mid-sync sends nothing twice.
        try Outbox(history: HistoryFile(path: history)).mark(local[0].id)
        let resent = try store.sync()
        #expect(resent.added == 0 && resent.already == 1)
        #expect(try store.count() == 3)
        // The log came along: the result replays and verifies from the store alone.
        let verify = try typebar(["verify"], store: cluster.url, history: scratch.path("elsewhere/history.jsonl"))
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.contains("checked 3 records"))
    }

    @Test func importingAHistoryTwiceImportsItOnce() throws {
        let scratch = Scratch()
        let (store, url) = try migratedStore(local: scratch.path("h.jsonl"))
        defer { store.close() }
        let history = scratch.path("machine1/history.jsonl")
        for _ in 0..<3 { #expect(try scoreAndSave(scratch, store: nil, history: history).run.status == 0) }
        let first = try typebar(["store", "import", history], store: url, history: scratch.path("h.jsonl"))
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "\(history): 3 added, 0 already in the store\n")
        let second = try typebar(["store", "import", history, history], store: url, history: scratch.path("h.jsonl"))
        #expect(second.stdout == "\(history): 0 added, 3 already in the store\n\(history): 0 added, 3 already in the store\n")
        #expect(try store.count() == 3)

        // Export gives the same records, with their logs, that every command reads.
        let exported = scratch.path("export/history.jsonl")
        let export = try typebar(["store", "export", "-o", exported], store: url, history: scratch.path("h.jsonl"))
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stderr.contains("3 results, 3 keystroke logs"))
        let original = try String(contentsOfFile: history, encoding: .utf8)
        #expect(try String(contentsOfFile: exported, encoding: .utf8) == original)
        let verify = try typebar(["verify", "--history", exported], history: scratch.path("h.jsonl"))
        #expect(verify.status == 0, "\(verify.stdout)")
        // Exporting over a file is refused.
        #expect(try typebar(["store", "export", "-o", exported], store: url, history: scratch.path("h.jsonl")).status == 2)
        // The listing from the store is the listing from the file.
        let fromStore = try typebar(["history", "--json"], store: url, history: scratch.path("h.jsonl"))
        let fromFile = try typebar(["history", "--json", "--history", history], history: history)
        #expect(fromStore.stdout == fromFile.stdout)
        let statsStore = try typebar(["stats"], store: url, history: scratch.path("h.jsonl"))
        let statsFile = try typebar(["stats"], history: history)
        // The same figures, key confidence included.
        #expect(statsStore.status == 0 && !statsStore.stdout.isEmpty && statsStore.stdout == statsFile.stdout)
    }

    @Test func verifyCatchesAChangedRowAndAChangedStoredLog() throws {
        let scratch = Scratch()
        let (store, url) = try migratedStore(local: scratch.path("h.jsonl"))
        defer { store.close() }
        let history = scratch.path("h.jsonl")
        for _ in 0..<3 { #expect(try scoreAndSave(scratch, store: url, history: history).run.status == 0) }
        #expect(try typebar(["verify"], store: url, history: history).status == 0)
        var ids: [String] = []
        _ = try store.read(HistoryQuery()) { ids.append($0.id) }
        #expect(ids.count == 3)

        // A figure changed in the row's column only.
        try execute(store, "UPDATE typebar_results SET net_wpm = net_wpm + 20, passed = NOT passed WHERE id = '\(ids[0])'")
        // A figure changed in the record itself: its log no longer rescores to it.
        try execute(store, "UPDATE typebar_results SET record = jsonb_set(record::jsonb, '{net_wpm}', '99.5')::json WHERE id = '\(ids[1])'")
        // The stored log changed.
        try execute(store, "UPDATE typebar_results SET log = overlay(log placing 'X'::bytea from length(log) - 5) WHERE id = '\(ids[2])'")
        let run = try typebar(["verify"], store: url, history: history)
        #expect(run.status == 1)
        #expect(run.stdout.contains("\(HistoryTable.shortID(ids[0])): the row's net_wpm, passed columns differ from its record"), "\(run.stdout)")
        #expect(run.stdout.contains("keystroke log no longer rescores to the recorded figures (net_wpm 99.5 → "), "\(run.stdout)")
        // The figures reports read no longer match that record either.
        #expect(run.stdout.contains("\(HistoryTable.shortID(ids[1])): the row's net_wpm, figures columns differ from its record"), "\(run.stdout)")
        #expect(run.stdout.contains("keystroke log changed since the result was saved"), "\(run.stdout)")
        #expect(run.stdout.contains("keystroke log does not score: the log of \(ids[2]) in postgres://"), "\(run.stdout)")
        #expect(run.stdout.contains("checked 3 records in postgres://"), "\(run.stdout)")
    }

    @Test func aReportFromTheStoreIsTheReportFromTheSameJSONL() throws {
        let scratch = Scratch()
        let (store, url) = try migratedStore(local: scratch.path("h.jsonl"))
        defer { store.close() }
        let key = Array("a trainer's key of enough bytes".utf8)
        let keyFile = scratch.write("typebar.key", "a trainer's key of enough bytes\n")
        var lines: [String] = []
        var time = 1_764_000_000.0
        for (index, candidate) in ["Ana Ruiz", "bo Chen", "Cleo", "Ana Ruiz", "Dev", "Cleo", "bo Chen", "Ana Ruiz", "Eve", "Dev"].enumerated() {
            for assessment in ["chat-40", "chat-50"] where index % 3 != 2 || assessment == "chat-40" {
                time += 97.25
                var record = HistoryRecord(json: Array(#"{"version":1,"id":"x","time":"2026-11-23T10:15:02.123Z","mode":"assessment","elapsed_seconds":120,"characters":500,"gross_wpm":60,"net_wpm":58.5,"accuracy":97.5,"bar_wpm":40,"min_accuracy":95}"#.utf8))!
                record.id = HistoryFile.newID(time: time)
                record.time = time
                record.candidate = candidate
                record.assessment = assessment
                record.configHash = String(repeating: assessment == "chat-40" ? "a" : "b", count: 64)
                record.attempt = 1 + index / 4
                record.attempts = 3
                record.timeLimit = 120
                record.netWPM = 30 + Double((index * 7) % 25) + 0.125
                record.grossWPM = record.netWPM + 3.5
                record.accuracy = 90 + Double(index % 10)
                record.meetsBar = record.netWPM >= (assessment == "chat-40" ? 40 : 50) && record.accuracy >= 95
                record.verdict = record.meetsBar ? "PASS: ok" : "FAIL: slow"
                record.timeline = (1...120).map { Double(($0 * 13 + index) % 60) + 0.5 }
                record.keys = [HistoryRecord.Key(character: "a", typed: 12, errors: 1, meanMilliseconds: 180.5)]
                if index % 4 == 1 { record.flags = [HistoryRecord.Flag(name: "paste", atSeconds: 12.5, detail: "a paste of 40 characters, refused")] }
                record.typebarVersion = "test"
                record.signature = HistorySignature.sign(record, key: key)
                if index == 5 { record.netWPM += 1 }  // changed after signing: invalid in both reports
                if index == 6 { record.signature = nil }
                lines.append(record.jsonLine)
            }
        }
        let history = scratch.write("class/history.jsonl", lines.joined(separator: "\n") + "\n")
        #expect(try typebar(["store", "import", history], store: url, history: scratch.path("h.jsonl")).status == 0)
        for format in ["csv", "json", "md", "html"] {
            for filters in [[], ["--assessment", "CHAT-40"], ["--candidate", "ana ruiz"], ["--since", "2025-11-24T16:10:00Z"]] {
                let arguments = ["report", "--format", format, "--key-file", keyFile] + filters
                let fromFile = try typebar(arguments + ["--history", history], history: history)
                let fromStore = try typebar(arguments, store: url, history: scratch.path("h.jsonl"))
                #expect(fromFile.status == 0 && fromStore.status == 0, "\(fromStore.stderr)")
                if format == "csv" {
                    #expect(fromStore.stdout == fromFile.stdout, "\(format) \(filters)")
                } else {
                    // The same report, but for the source it names and the minute it was made.
                    #expect(sameReport(fromStore.stdout, source: store.name, as: fromFile.stdout, source: history), "\(format) \(filters)")
                }
                #expect(fromStore.stdout.contains("invalid") == fromFile.stdout.contains("invalid"))
            }
        }
        let csv = try typebar(["report", "--format", "csv", "--key-file", keyFile], store: url, history: scratch.path("h.jsonl")).stdout
        #expect(csv.contains(",invalid,") && csv.contains(",unsigned,") && csv.contains(",valid,"))
    }

    @Test func thePasswordNeverShows() throws {
        let scratch = Scratch()
        let base = try TestServer.url()
        guard let password = base.split(separator: "@").first?.split(separator: ":").last.map(String.init), password.count > 8 else {
            Issue.record("the test server's URL has no password")
            return
        }
        let (store, url) = try migratedStore(local: scratch.path("h.jsonl"))
        defer { store.close() }
        // Printed URLs carry no password.
        let status = try typebar(["store", "status"], store: url, history: scratch.path("h.jsonl"))
        #expect(status.status == 0 && status.stdout.contains("store: postgres://typebar@127.0.0.1"))
        // A wrong password: the server's refusal, without either password.
        let wrong = url.replacingOccurrences(of: password, with: "not-the-password-\(password.prefix(3))")
        let refused = try typebar(["history"], store: wrong, history: scratch.path("h.jsonl"))
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("the server refused the login"), "\(refused.stderr)")
        // From PGPASSWORD instead of the URL.
        let bare = url.replacingOccurrences(of: ":\(password)@", with: "@")
        let fromEnvironment = try typebar(["history"], store: bare, history: scratch.path("h.jsonl"), environment: ["PGPASSWORD": password])
        #expect(fromEnvironment.status == 0, "\(fromEnvironment.stderr)")
        // Out of reach: the message names the store without its password.
        let away = try typebar(["history"], store: "postgres://typebar:\(password)@127.0.0.1:1/db", history: scratch.path("h.jsonl"))
        #expect(away.status == 2)
        #expect(away.stderr.contains("postgres://typebar@127.0.0.1:1/db: cannot reach the store"), "\(away.stderr)")
        for run in [status, refused, fromEnvironment, away] {
            #expect(!run.stdout.contains(password) && !run.stderr.contains(password))
        }
    }
}
