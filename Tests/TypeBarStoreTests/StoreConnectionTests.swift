import Foundation
import Testing
import TypeBarKit
@testable import TypeBarStore

/// libpq's conventions against a real server: the PG variables, the password file, sslmode; never the password.
extension StoreTests {
    /// The parts of a test server's URL `postgres://USER:PASSWORD@HOST:PORT/DATABASE`.
    struct Parts {
        var user, password, host, port, database: String

        init(_ url: String) throws {
            let pattern = #/^postgres(?:ql)?://([^:@/]+):([^@/]+)@([^:/]+):([0-9]+)/([^?]+)/#
            guard let match = url.firstMatch(of: pattern) else { throw TestFailure("the test server's URL is not user:password@host:port/database") }
            (user, password, host, port, database) = (String(match.1), String(match.2), String(match.3), String(match.4), String(match.5))
        }
    }

    @Test func thePGVariablesAndThePasswordFileReachTheStore() throws {
        let scratch = Scratch()
        let (store, url) = try migratedStore(local: scratch.path("h.jsonl"))
        defer { store.close() }
        let parts = try Parts(url)
        #expect(try scoreAndSave(scratch, store: url, history: scratch.path("h.jsonl")).run.status == 0)
        let home = scratch.path("home")
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let shown = "postgres://\(parts.user)@\(parts.host):\(parts.port)/\(parts.database)"

        // Everything from the variables: TYPEBAR_STORE=postgres:// names no part of the store.
        let variables = ["PGHOST": parts.host, "PGPORT": parts.port, "PGUSER": parts.user, "PGPASSWORD": parts.password, "PGDATABASE": parts.database, "HOME": home]
        let fromVariables = try typebar(["store", "status"], store: "postgres://", history: scratch.path("h.jsonl"), environment: variables)
        #expect(fromVariables.status == 0, "\(fromVariables.stderr)")
        #expect(fromVariables.stdout.contains("store: \(shown)\n") && fromVariables.stdout.contains("results: 1\n"), "\(fromVariables.stdout)")
        // The URL wins over the variables: a wrong PGDATABASE does not matter when the URL names one.
        var wrongDatabase = variables
        wrongDatabase["PGDATABASE"] = "no_such_database"
        #expect(try typebar(["history"], store: "postgres:///\(parts.database)", history: scratch.path("h.jsonl"), environment: wrongDatabase).status == 0)
        let missing = try typebar(["history"], store: "postgres://", history: scratch.path("h.jsonl"), environment: wrongDatabase)
        #expect(missing.status == 2 && missing.stderr.contains("\"no_such_database\" does not exist (create it, or name another database in the URL)"), "\(missing.stderr)")

        // The password from the password file: PGPASSFILE, else ~/.pgpass; only when no one else can read it.
        let noPassword = "postgres://\(parts.user)@\(parts.host):\(parts.port)/\(parts.database)"
        let passfile = scratch.write("secrets/pgpass", "# host:port:database:user:password\nelsewhere:*:*:*:wrong\n\(parts.host):\(parts.port):\(parts.database):\(parts.user):\(parts.password)\n")
        chmod(passfile, 0o600)
        let fromFile = try typebar(["history"], store: noPassword, history: scratch.path("h.jsonl"), environment: ["PGPASSFILE": passfile, "HOME": home])
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        let fromParameter = try typebar(["history"], store: noPassword + "?passfile=" + passfile, history: scratch.path("h.jsonl"), environment: ["HOME": home])
        #expect(fromParameter.status == 0, "\(fromParameter.stderr)")
        let pgpass = scratch.write("home/.pgpass", "*:*:*:\(parts.user):\(parts.password)\n")
        chmod(pgpass, 0o600)
        #expect(try typebar(["history"], store: noPassword, history: scratch.path("h.jsonl"), environment: ["HOME": home]).status == 0)
        chmod(pgpass, 0o644)
        let ignored = try typebar(["history"], store: noPassword, history: scratch.path("h.jsonl"), environment: ["HOME": home])
        #expect(ignored.status == 2)
        #expect(ignored.stderr.contains("\(shown): the server wants a password"), "\(ignored.stderr)")
        // A wrong password in PGPASSWORD wins over the file, and is refused.
        let wrong = try typebar(["history"], store: noPassword, history: scratch.path("h.jsonl"), environment: ["PGPASSFILE": passfile, "PGPASSWORD": "wrong-\(parts.password)", "HOME": home])
        #expect(wrong.status == 2 && wrong.stderr.contains("the server refused the login"), "\(wrong.stderr)")

        for run in [fromVariables, missing, fromFile, fromParameter, ignored, wrong] {
            #expect(!run.stdout.contains(parts.password) && !run.stderr.contains(parts.password))
        }
    }

    @Test func sslmodeIsHonouredAgainstAServerWithoutTLS() throws {
        let scratch = Scratch()
        let (store, url) = try migratedStore(local: scratch.path("h.jsonl"))
        defer { store.close() }
        let parts = try Parts(url)
        let offersTLS = try integer(store, "SELECT (current_setting('ssl') = 'on')::integer") == 1
        for mode in ["disable", "allow", "prefer"] {
            let run = try typebar(["history"], store: url + "?sslmode=" + mode, history: scratch.path("h.jsonl"))
            #expect(run.status == 0, "\(mode): \(run.stderr)")
        }
        let required = try typebar(["history"], store: url, history: scratch.path("h.jsonl"), environment: ["PGSSLMODE": "require"])
        if offersTLS {
            #expect(required.status == 0, "\(required.stderr)")
        } else {
            // The server's own answer: a setting to fix, said as such.
            #expect(required.status == 2 && required.stderr.contains("?sslmode=require: the server does not offer TLS, and sslmode asks for it"), "\(required.stderr)")
            #expect(!required.stderr.contains(parts.password))
        }
        let bad = try typebar(["history"], store: url + "?sslmode=sometimes", history: scratch.path("h.jsonl"))
        #expect(bad.status == 2 && bad.stderr.contains("sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full, not sometimes"), "\(bad.stderr)")
        #expect(!bad.stderr.contains(parts.password))
    }

    @Test(.enabled(if: TestServer.hasBinaries || TestServer.inCI, "needs PostgreSQL's server binaries to start a cluster with TLS"))
    func sslmodeAgainstAServerWithTLS() throws {
        let scratch = Scratch()
        let cluster = try Cluster.start(tls: true)
        defer { cluster.destroy() }
        let ca = cluster.folder + "/tls/ca.crt"
        let history = scratch.path("h.jsonl")
        #expect(try typebar(["store", "migrate"], store: cluster.url, history: history).status == 0)
        let store = PostgresStore(address: try StoreAddress.parse(cluster.url + "?sslmode=require"), local: HistoryFile(path: history))
        defer { store.close() }
        // The connection is encrypted when sslmode asks for it, and not when it says disable.
        #expect(try integer(store, "SELECT ssl::integer FROM pg_stat_ssl WHERE pid = pg_backend_pid()") == 1)
        let plain = PostgresStore(address: try StoreAddress.parse(cluster.url + "?sslmode=disable"), local: HistoryFile(path: history))
        defer { plain.close() }
        #expect(try integer(plain, "SELECT ssl::integer FROM pg_stat_ssl WHERE pid = pg_backend_pid()") == 0)
        // The certificate, signed by the test CA for localhost and 127.0.0.1.
        for url in [cluster.url + "?sslmode=verify-ca&sslrootcert=" + ca, cluster.url + "?sslmode=verify-full&sslrootcert=" + ca,
                    cluster.url.replacingOccurrences(of: "@127.0.0.1:", with: "@localhost:") + "?sslmode=verify-full&sslrootcert=" + ca] {
            let run = try typebar(["store", "status"], store: url, history: history)
            #expect(run.status == 0 && run.stdout.contains("results: 0"), "\(url): \(run.stdout)\(run.stderr)")
        }
        // Without the CA the certificate is not trusted: said as such, and a save is kept on this machine.
        let untrusted = try typebar(["history"], store: cluster.url + "?sslmode=verify-full", history: history)
        #expect(untrusted.status == 2 && untrusted.stderr.contains("the server's certificate"), "\(untrusted.stderr)")
        let password = try Parts(cluster.url).password
        #expect(!untrusted.stderr.contains(password))
    }
}
