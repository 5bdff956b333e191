import Foundation
import Testing
import TypeBarKit
import func TestSupport.spawnAndWait
@testable import TypeBarStore

/// Import in batches, and reports, stats, key confidence and drills read from the store as from a history file.
extension StoreTests {
    @Test func importSendsABatchACopyAndEachIdOnce() throws {
        let scratch = Scratch()
        let (store, url) = try migratedStore(local: scratch.path("h.jsonl"))
        defer { store.close() }
        // The test cluster preloads pg_stat_statements (scripts/test-postgres.sh), which counts the statements run.
        let counted = (try? execute(store, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements")) != nil
        let total = 2 * PostgresStore.batchRows + 2_000
        var lines = (0..<total).map { sampleRecord(number: $0).jsonLine }
        lines.append(lines[7])  // the same result twice in one file, in another batch
        lines.insert(lines[9], at: 11)  // and twice in one batch
        let history = scratch.write("machine/history.jsonl", lines.joined(separator: "\n") + "\n")
        let first = try typebar(["store", "import", history], store: url, history: scratch.path("h.jsonl"))
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "\(history): \(total) added, 2 already in the store\n")
        #expect(try store.count() == total)
        let second = try typebar(["store", "import", history], store: url, history: scratch.path("h.jsonl"))
        #expect(second.stdout == "\(history): 0 added, \(total + 2) already in the store\n")
        #expect(try store.count() == total)
        // The rows are the records: the store's export is the file, less its repeated lines.
        let exported = scratch.path("export/history.jsonl")
        #expect(try typebar(["store", "export", "-o", exported], store: url, history: scratch.path("h.jsonl")).status == 0)
        #expect(try String(contentsOfFile: exported, encoding: .utf8) == (0..<total).map { sampleRecord(number: $0).jsonLine }.joined(separator: "\n") + "\n")
        // Each row's figures are its record without the per-key table, bigrams and timeline.
        #expect(try integer(store, """
            SELECT count(*)::integer FROM typebar_results
            WHERE figures::jsonb = record::jsonb || '{"keys":[],"bigrams":[],"timeline":[]}'::jsonb
            """) == total)
        if counted || TestServer.inCI {
            // Three batches: a check of their ids each time, and a COPY the first time only.
            func calls(_ pattern: String) throws -> Int {
                try integer(store, """
                    SELECT coalesce(sum(calls), 0)::integer FROM pg_stat_statements
                    WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query LIKE '\(pattern)'
                    """)
            }
            #expect(try calls("COPY %typebar_results%") == 3)
            #expect(try calls("SELECT typebar_known_ids%") == 6)
            #expect(try calls("INSERT INTO typebar_results%") == 0)
        }
    }

    @Test func aReportWithoutAKeyIsTheReportFromTheSameJSONL() throws {
        let scratch = Scratch()
        let (store, url) = try migratedStore(local: scratch.path("h.jsonl"))
        defer { store.close() }
        let key = Array("a trainer's key of enough bytes".utf8)
        // 60 results of 7 candidates at two assessments; signed, unsigned, and one changed after signing.
        var lines: [String] = []
        for number in 0..<60 {
            var record = sampleRecord(number: number, assessment: number % 4 == 0 ? "chat-50" : "chat-40")
            if number % 5 == 1 { record.flags = [HistoryRecord.Flag(name: "paste", atSeconds: 12.5, detail: "a paste of 40 characters, refused")] }
            if number % 6 != 0 { record.signature = HistorySignature.sign(record, key: key) }
            if number == 13 { record.netWPM += 1 }
            lines.append(record.jsonLine)
        }
        let history = scratch.write("class/history.jsonl", lines.joined(separator: "\n") + "\n")
        #expect(try typebar(["store", "import", history], store: url, history: scratch.path("h.jsonl")).status == 0)
        for format in ["csv", "json", "md", "html"] {
            for filters in [[], ["--assessment", "CHAT-50"], ["--candidate", "candidate 3"]] {
                let arguments = ["report", "--format", format] + filters
                let fromFile = try typebar(arguments + ["--history", history], history: history)
                let fromStore = try typebar(arguments, store: url, history: scratch.path("h.jsonl"))
                #expect(fromFile.status == 0 && fromStore.status == 0, "\(fromStore.stderr)")
                // The same bytes but for the source each names and the time each was made.
                #expect(sameReport(fromStore.stdout, source: store.name, as: fromFile.stdout, source: history), "\(format) \(filters)")
                #expect(!fromStore.stdout.isEmpty)
            }
        }
        // Signatures without a key: present or not.
        let csv = try typebar(["report", "--format", "csv"], store: url, history: scratch.path("h.jsonl")).stdout
        #expect(csv.contains(",unchecked,") && csv.contains(",unsigned,") && !csv.contains(",invalid,"))
    }

    @Test func statsKeyConfidenceAndDrillsReadTheStoreAsAHistoryFile() throws {
        let scratch = Scratch()
        let (store, url) = try migratedStore(local: scratch.path("h.jsonl"))
        defer { store.close() }
        let history = scratch.path("machine/history.jsonl")
        for _ in 0..<4 { #expect(try scoreAndSave(scratch, store: nil, history: history).run.status == 0) }
        #expect(try typebar(["store", "import", history], store: url, history: scratch.path("h.jsonl")).status == 0)
        let elsewhere = scratch.path("elsewhere/history.jsonl")  // no file: everything comes from the store
        for arguments in [["stats"], ["stats", "--keys"], ["stats", "--keys", "--json"], ["drill", "--print", "--json", "--seed", "7"], ["drill", "--print", "--seed", "7"]] {
            let fromFile = try typebar(arguments, history: history, environment: ["COLUMNS": "100"])
            let fromStore = try typebar(arguments, store: url, history: elsewhere, environment: ["COLUMNS": "100"])
            #expect(fromFile.status == 0 && fromStore.status == 0, "\(arguments): \(fromStore.stderr)")
            #expect(fromStore.stdout == fromFile.stdout, "\(arguments)")
            #expect(!FileManager.default.fileExists(atPath: elsewhere))
        }
        // The confidence figures come from the results and from their stored keystroke logs (every pair timed).
        let keys = try typebar(["stats", "--keys", "--json"], store: url, history: elsewhere).stdout
        #expect(keys.contains("\"th\""), "\(keys.prefix(300))")
        // One candidate's latest sessions in a store; in a history file --keys reads the user's own.
        let none = try typebar(["stats", "--keys", "--json", "--candidate", "nobody here"], store: url, history: elsewhere)
        #expect(none.status == 0 && !none.stdout.contains("\"th\""), "\(none.stderr)")
        let refused = try typebar(["stats", "--keys", "--candidate", "Ana"], history: history)
        #expect(refused.status == 2 && refused.stderr.contains("takes --candidate only with a team's store"), "\(refused.stderr)")
    }

    @Test func aChatAssessmentsAttemptsAreCountedByTheStore() throws {
        let scratch = Scratch()
        let (store, url) = try migratedStore(local: scratch.path("h.jsonl"))
        defer { store.close() }
        let config = scratch.write("desk.yaml", "name: Desk round 1\nmode: chat\nscenario: late-parcels\nseed: 4\nattempts: 2\n")
        let check = try typebar(["assess", "--config", config, "--check"], history: scratch.path("h.jsonl"))
        let hash = try #require(check.stdout.split(separator: "\n").first { $0.hasPrefix("config_sha256: ") }).dropFirst(15)
        // Two attempts begun on other machines (no result saved yet): none is left, and no screen opens.
        for expected in 1...2 {
            #expect(try store.beginAttempt(candidate: "Ana Ruiz", assessment: "Desk round 1", configHash: String(hash), allowed: 2, newRound: false) == expected)
        }
        let refused = try typebar(["assess", "--config", config, "--candidate", "ana ruiz"], store: url, history: scratch.path("h.jsonl"))
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("has already taken Desk round 1 2 times (the rules allow 2)"), "\(refused.stderr)")
        // Another candidate has both: the store's count, not this machine's history, decides.
        let other = try typebar(["assess", "--config", config, "--candidate", "Bo Chen"], store: url, history: scratch.path("h.jsonl"))
        #expect(other.status == 2 && other.stderr.contains("terminal"), "\(other.stderr)")
    }

    @Test(.enabled(if: StoreTests.hasTmux, "tmux is not installed"))
    func aChatAttemptIsTakenInTheStoreAsTheShiftBegins() throws {
        let scratch = Scratch()
        let (store, url) = try migratedStore(local: scratch.path("h.jsonl"))
        defer { store.close() }
        let config = scratch.write("desk.yaml", "name: Desk round 1\nmode: chat\nscenario: late-parcels\nseed: 4\nattempts: 1\n")
        let socket = "typebar-store-\(UUID().uuidString.prefix(8))"
        // posix_spawn, not Process: the tmux client that starts a server exits while the server keeps running.
        @discardableResult
        func tmux(_ arguments: [String]) throws -> String { try spawnAndWait(["tmux", "-L", socket] + arguments, outputFile: scratch.path(".tmux-output")) }
        func screen() -> String { (try? tmux(["capture-pane", "-p"])) ?? "" }
        defer { _ = try? tmux(["kill-server"]) }
        let line = "cd \(scratch.url.path) && LANG=C.UTF-8 TYPEBAR_HISTORY=machine-a.jsonl TYPEBAR_STORE='\(url)' \(product("typebar").path) assess --config desk.yaml --candidate 'Ana Ruiz'; sleep 60"
        try tmux(["-f", "/dev/null", "new-session", "-d", "-x", "100", "-y", "30", line])
        func waitFor(_ text: String) -> Bool {
            for _ in 0..<150 {
                if screen().contains(text) { return true }
                usleep(100_000)
            }
            return false
        }
        try #require(waitFor("attempt 1 of 1"), "no intro: \(screen())")
        // On the intro nothing is taken yet; the shift begins with Enter, and the attempt is the store's.
        #expect(try integer(store, "SELECT count(*)::integer FROM typebar_attempts") == 0)
        try tmux(["send-keys", "Enter"])
        var taken = 0
        for _ in 0..<100 where taken == 0 {
            taken = try integer(store, "SELECT count(*)::integer FROM typebar_attempts WHERE candidate_key = 'ana ruiz' AND assessment = 'Desk round 1' AND attempt = 1")
            if taken == 0 { usleep(100_000) }
        }
        #expect(taken == 1)
        // While the shift runs on machine A, machine B cannot begin the candidate's only attempt.
        let machineB = try typebar(["assess", "--config", config, "--candidate", "Ana Ruiz"], store: url, history: scratch.path("machine-b.jsonl"))
        #expect(machineB.status == 2)
        #expect(machineB.stderr.contains("has already taken Desk round 1 1 time (the rules allow 1)"), "\(machineB.stderr)")
    }

    static let hasTmux: Bool = {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.contains { FileManager.default.isExecutableFile(atPath: "\($0)/tmux") }
    }()
}
