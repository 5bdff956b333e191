import Foundation
import Testing
import TypeBarKit
@testable import TypeBarStore

/// Least privilege, logged in as each role of docs/store.md ("Roles"), and every value bound, never spliced.
extension StoreTests {
    @Test func eachRoleDoesWhatTheRolesTableSaysAndNothingMore() throws {
        let scratch = Scratch()
        let team = try TeamStore.make()
        defer { team.close() }
        let machineHistory = scratch.path("machine/history.jsonl")
        let readerHistory = scratch.path("reader/history.jsonl")

        // The owner migrated and granted (TeamStore.make); running it again changes nothing.
        let again = try typebar(["store", "migrate", "--machine", team.machineRole, "--reader", team.readerRole], store: team.ownerURL, history: scratch.path("o.jsonl"))
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("nothing to do") && again.stdout.contains("\(team.machineRole): a machine"), "\(again.stdout)")

        // A machine saves (straight to the store, nothing kept locally), and reads nothing back.
        let (saved, _) = try scoreAndSave(scratch, store: team.machineURL, history: machineHistory)
        #expect(saved.status == 0, "\(saved.stderr)")
        #expect(!saved.stderr.contains("kept in"), "\(saved.stderr)")
        #expect(try team.owner.count() == 1)
        let status = try typebar(["store", "status"], store: team.machineURL, history: machineHistory)
        #expect(status.status == 0 && status.stdout.contains("results: not readable by this role"), "\(status.stdout)\(status.stderr)")
        for command in [["history"], ["stats"], ["verify"], ["report", "--format", "csv"], ["store", "export"]] {
            let run = try typebar(command, store: team.machineURL, history: machineHistory)
            #expect(run.status == 2, "\(command): \(run.stdout)")
            #expect(run.stderr.contains("permission denied for table typebar_results (this role may not do that: see docs/store.md, \"Roles\")"), "\(command): \(run.stderr)")
        }
        let machine = PostgresStore(address: try StoreAddress.parse(team.machineURL), local: HistoryFile(path: machineHistory))
        defer { machine.close() }
        for sql in [
            "SELECT count(*) FROM typebar_results", "SELECT record FROM typebar_results", "SELECT log FROM typebar_results",
            "SELECT candidate FROM typebar_results", "SELECT * FROM typebar_attempts",
            "UPDATE typebar_results SET net_wpm = 99", "DELETE FROM typebar_results", "DROP TABLE typebar_attempts",
            "INSERT INTO typebar_results (id, time, mode, net_wpm, accuracy, passed, record, figures, received_at) VALUES ('x', now(), 'score', 1, 1, true, '{}', '{}', now())",
            "INSERT INTO typebar_attempts (candidate_key, assessment, config_sha256, round, attempt, allowed, candidate) VALUES ('a', 'b', 'c', 1, 1, 9, 'a')",
            "SELECT typebar_grant('\(team.machineRole)', 'reader')",
        ] {
            do {
                try execute(machine, sql)
                Issue.record("a machine could run \(sql)")
            } catch let error as StoreError {
                #expect(error.isNotAllowed, "\(sql): \(error)")
            }
        }
        // What assessing needs comes through the store's functions: the attempts, and earlier net WPM alone.
        #expect(try machine.beginAttempt(candidate: "Ana Ruiz", assessment: "chat-40", configHash: "h", allowed: 1, newRound: false) == 1)
        #expect(throws: StoreError.refused("ANA RUIZ has already started chat-40 1 time in \(machine.name) (the rules allow 1). Use --retake to give a fresh set of attempts.")) {
            try machine.beginAttempt(candidate: "ANA RUIZ", assessment: "chat-40", configHash: "h", allowed: 1, newRound: false)
        }
        #expect(try machine.attempts(candidate: "ana ruiz", assessment: "chat-40", configHash: "h").used == 1)
        let imported = scratch.write("class/history.jsonl", (0..<20).map { sampleRecord(number: $0).jsonLine }.joined(separator: "\n") + "\n")
        // Import and sync add results too (COPY needs no more than INSERT), each once.
        let load = try typebar(["store", "import", imported, imported], store: team.machineURL, history: machineHistory)
        #expect(load.status == 0, "\(load.stderr)")
        #expect(load.stdout == "\(imported): 20 added, 0 already in the store\n\(imported): 0 added, 20 already in the store\n")
        #expect(try machine.earlierNetWPM(candidate: "candidate 3") == [3, 10, 17].map { sampleRecord(number: $0).netWPM })
        var known: [String] = []
        try machine.rows("SELECT typebar_known_ids(\([sampleRecord(number: 4).id, "no-such-id"]))") { known.append(try $0.decode(String.self)) }
        #expect(known == [sampleRecord(number: 4).id])

        // A reader reads everything, and writes nothing.
        for command in [["history"], ["report", "--format", "csv"], ["stats"], ["store", "export"]] {
            let run = try typebar(command, store: team.readerURL, history: readerHistory)
            #expect(run.status == 0, "\(command): \(run.stderr)")
        }
        let verify = try typebar(["verify"], store: team.readerURL, history: readerHistory)
        #expect(verify.stdout.contains("checked 21 records") && !verify.stderr.contains("permission denied"), "\(verify.stdout)\(verify.stderr)")
        let (refused, _) = try scoreAndSave(scratch, store: team.readerURL, history: readerHistory)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("permission denied for table typebar_results"), "\(refused.stderr)")
        #expect(refused.stderr.contains("\"version\":1"), "the result was not printed to keep by hand")
        let reader = PostgresStore(address: try StoreAddress.parse(team.readerURL), local: HistoryFile(path: readerHistory))
        defer { reader.close() }
        #expect(try integer(reader, "SELECT count(*)::integer FROM typebar_attempts") == 1)
        #expect(try integer(reader, "SELECT count(log)::integer FROM typebar_results") == 1)
        for sql in ["UPDATE typebar_results SET net_wpm = 99", "DELETE FROM typebar_attempts",
                    "SELECT typebar_begin_attempt('a', 'b', 'c', 1, false, '')", "SELECT typebar_known_ids(ARRAY['a'])"] {
            do {
                try execute(reader, sql)
                Issue.record("a reader could run \(sql)")
            } catch let error as StoreError {
                #expect(error.isNotAllowed, "\(sql): \(error)")
            }
        }

        // Only the owner migrates and grants.
        try execute(team.owner, "UPDATE typebar_schema SET version = \(StoreSchema.current - 1)")
        for url in [team.machineURL, team.readerURL] {
            let migrate = try typebar(["store", "migrate"], store: url, history: readerHistory)
            #expect(migrate.status == 2 && migrate.stderr.contains("this role may not do that"), "\(migrate.stderr)")
        }
        try execute(team.owner, "UPDATE typebar_schema SET version = \(StoreSchema.current)")
        let grant = try typebar(["store", "migrate", "--reader", team.machineRole], store: team.readerURL, history: readerHistory)
        #expect(grant.status == 2 && grant.stderr.contains("permission denied for function typebar_grant"), "\(grant.stderr)")
    }

    @Test func aStoreOfVersion3UpgradesItsMachinesToWriteOnly() throws {
        let scratch = Scratch()
        let team = try TeamStore.make(migrateTo: 3)
        defer { team.close() }
        // Version 3's instructions: a machine read and added results and attempts; a reader read them.
        for sql in [
            "GRANT SELECT ON typebar_schema TO \(team.machineRole), \(team.readerRole)",
            "GRANT SELECT, INSERT ON typebar_results, typebar_attempts TO \(team.machineRole)",
            "GRANT SELECT ON typebar_results, typebar_attempts TO \(team.readerRole)",
        ] { try execute(team.owner, sql) }
        var record = sampleRecord(number: 1)
        record.id = HistoryFile.newID(time: 1_764_000_000)
        try execute(team.owner, """
            INSERT INTO typebar_results (id, time, mode, candidate, assessment, config_sha256, net_wpm, accuracy, passed, record)
            VALUES ('\(record.id)', to_timestamp(\(record.time)), 'assessment', 'Candidate 1', 'chat-40', '\(record.configHash ?? "")',
                    \(record.netWPM), \(record.accuracy), \(record.meetsBar), '\(record.jsonLine)')
            """)
        let upgrade = try typebar(["store", "migrate"], store: team.ownerURL, history: scratch.path("o.jsonl"))
        #expect(upgrade.status == 0, "\(upgrade.stderr)")
        #expect(upgrade.stdout.contains("schema version 3 → \(StoreSchema.current)"))
        let machine = PostgresStore(address: try StoreAddress.parse(team.machineURL), local: HistoryFile(path: scratch.path("m.jsonl")))
        defer { machine.close() }
        do {
            try execute(machine, "SELECT count(*) FROM typebar_results")
            Issue.record("a machine still reads results after the upgrade")
        } catch let error as StoreError {
            #expect(error.isNotAllowed)
        }
        #expect(try machine.earlierNetWPM(candidate: "candidate 1") == [record.netWPM])
        #expect(try scoreAndSave(scratch, store: team.machineURL, history: scratch.path("m.jsonl")).run.status == 0)
        // The reader still reads, and the record (now the text typebar wrote) with its figures, beside it.
        let reader = PostgresStore(address: try StoreAddress.parse(team.readerURL), local: HistoryFile(path: scratch.path("r.jsonl")))
        defer { reader.close() }
        #expect(try integer(reader, "SELECT count(*)::integer FROM typebar_results") == 2)
        var read: [HistoryRecord] = []
        _ = try reader.read(HistoryQuery(candidate: "Candidate 1")) { read.append($0) }
        #expect(read.map(\.id) == [record.id] && read.first?.netWPM == record.netWPM)
        // Its columns, and the figures the upgrade wrote beside it, agree with the record.
        let verify = try typebar(["verify"], store: team.readerURL, history: scratch.path("r.jsonl"))
        #expect(verify.stdout.contains("checked 2 records") && !verify.stdout.contains("differ"), "\(verify.stdout)\(verify.stderr)")
    }

    @Test func namesAndTextAreBoundNeverSpliced() throws {
        let scratch = Scratch()
        let team = try TeamStore.make()
        defer { team.close() }
        let hostile = [
            "'); DROP TABLE typebar_results; --", "Robert\"); DROP TABLE typebar_attempts;--", "$1", "$$ || pg_sleep(1) || $$",
            "back\\slash", "tab\there", "line\nbreak", "quote ' and \" and `", "%I %s %L", "\\N", "Zoë Ødegård 李",
        ]
        let machineHistory = scratch.path("machine/history.jsonl")
        let machine = PostgresStore(address: try StoreAddress.parse(team.machineURL), local: HistoryFile(path: machineHistory))
        defer { machine.close() }
        // Saved one at a time (bound parameters) and imported (COPY rows), as a machine.
        var lines: [String] = []
        for (index, name) in hostile.enumerated() {
            var record = sampleRecord(number: index, assessment: name)
            record.candidate = name
            record.configHash = name
            record.verdict = name
            let saved = machine.save(record, log: name, signingKey: nil)
            #expect(saved.problems.isEmpty && saved.fallback == nil, "\(name): \(saved.problems)")
            record.id = String(format: "20261125T000000-%08x", index)
            lines.append(record.jsonLine)
            #expect(try machine.beginAttempt(candidate: name, assessment: name, configHash: name, allowed: 2, newRound: false, machine: name) == 1)
            #expect(try machine.attempts(candidate: name, assessment: name, configHash: name).used == 1)
            #expect(try machine.earlierNetWPM(candidate: name) == [record.netWPM])
        }
        let file = scratch.write("class/history.jsonl", lines.joined(separator: "\n") + "\n")
        let load = try typebar(["store", "import", file], store: team.machineURL, history: machineHistory)
        #expect(load.status == 0 && load.stdout.hasSuffix(": \(hostile.count) added, 0 already in the store\n"), "\(load.stdout)\(load.stderr)")

        // Every table is there, every name reads back as it was given, and filters find each by its name.
        #expect(try team.owner.count() == 2 * hostile.count)
        #expect(try integer(team.owner, "SELECT count(*)::integer FROM typebar_attempts") == hostile.count)
        for name in hostile {
            var found: [HistoryRecord] = []
            _ = try team.owner.read(HistoryQuery(candidate: name)) { found.append($0) }
            #expect(found.count == 2 && found.allSatisfy { $0.candidate == name && $0.assessment == name && $0.verdict == name }, "\(name)")
            let report = try typebar(["report", "--format", "csv", "-o", scratch.path("report-\(UUID().uuidString).csv"), "--candidate", name, "--assessment", name],
                                     store: team.readerURL, history: scratch.path("r.jsonl"))
            #expect(report.status == 0 && report.stderr.contains("1 assessment, 1 candidate"), "\(name): \(report.stderr)")
        }
        var attempts: [String] = []
        try team.owner.rows("SELECT candidate || '|' || machine FROM typebar_attempts ORDER BY candidate") { attempts.append(try $0.decode(String.self)) }
        #expect(attempts.sorted() == hostile.map { "\($0)|\($0)" }.sorted())

        // A role whose name would end the statement it is granted in.
        let role = "lab\"; DROP TABLE typebar_results; --\(UInt32.random(in: 0...UInt32.max))"
        let admin = PostgresStore(address: try StoreAddress.parse(try TestServer.url()), local: HistoryFile(path: "/nonexistent/history.jsonl"))
        defer { admin.close() }
        try execute(admin, "CREATE ROLE \"\(role.replacingOccurrences(of: "\"", with: "\"\""))\"")
        let grant = try typebar(["store", "migrate", "--machine", role], store: team.ownerURL, history: scratch.path("o.jsonl"))
        #expect(grant.status == 0, "\(grant.stderr)")
        #expect(try integer(team.owner, "SELECT has_any_column_privilege('\(role.replacingOccurrences(of: "'", with: "''"))', 'typebar_results', 'INSERT')::integer") == 1)
        #expect(try team.owner.count() == 2 * hostile.count)
    }
}

/// A store set up as docs/store.md sets one up: an owner role owns the database and migrates it, and gives a machine
/// role and a reader role their rights (`typebar store migrate --machine --reader`). Roles are the server's, so
/// their names carry a random suffix.
struct TeamStore {
    let owner: PostgresStore
    let ownerURL, machineURL, readerURL: String
    let machineRole, readerRole: String

    static func make(migrateTo version: Int = StoreSchema.current) throws -> TeamStore {
        let base = try TestServer.url()
        let admin = PostgresStore(address: try StoreAddress.parse(base), local: HistoryFile(path: "/nonexistent/history.jsonl"))
        defer { admin.close() }
        let suffix = "\(UInt32.random(in: 0...UInt32.max))_\(getpid())"
        let (ownerRole, machineRole, readerRole, database) = ("typebar_owner_\(suffix)", "typebar_machine_\(suffix)", "typebar_reader_\(suffix)", "typebar_team_\(suffix)")
        for sql in [
            "CREATE ROLE \(ownerRole) LOGIN PASSWORD 'owner-\(suffix)'",
            "CREATE ROLE \(machineRole) LOGIN PASSWORD 'machine-\(suffix)'",
            "CREATE ROLE \(readerRole) LOGIN PASSWORD 'reader-\(suffix)'",
            "CREATE DATABASE \(database) OWNER \(ownerRole)",
            "REVOKE ALL ON DATABASE \(database) FROM PUBLIC",
            "GRANT CONNECT ON DATABASE \(database) TO \(machineRole), \(readerRole)",
        ] { try execute(admin, sql) }
        func url(_ role: String, _ password: String) -> String {
            TestServer.replacingDatabase(in: base, with: database)
                .replacingOccurrences(of: #"//[^@]*@"#, with: "//\(role):\(password)@", options: .regularExpression)
        }
        let ownerURL = url(ownerRole, "owner-\(suffix)")
        let owner = PostgresStore(address: try StoreAddress.parse(ownerURL), local: HistoryFile(path: "/nonexistent/history.jsonl"))
        try owner.migrate(to: version)
        if version == StoreSchema.current { try owner.grant(machines: [machineRole], readers: [readerRole]) }
        return TeamStore(owner: owner, ownerURL: ownerURL, machineURL: url(machineRole, "machine-\(suffix)"),
                         readerURL: url(readerRole, "reader-\(suffix)"), machineRole: machineRole, readerRole: readerRole)
    }

    func close() { owner.close() }
}
