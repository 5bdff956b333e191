import Foundation
import Testing
@testable import TypeBarStore

@Suite struct StoreAddressTests {
    @Test func urlPartsAndDefaults() throws {
        let address = try StoreAddress.parse("postgres://ana:s%40cret@db.example:6543/hiring?sslmode=require", environment: [:])
        #expect(address.host == "db.example")
        #expect(address.port == 6543)
        #expect(address.user == "ana")
        #expect(address.password == "s@cret")
        #expect(address.database == "hiring")
        #expect(address.tlsMode == .require)
        #expect(address.description == "postgres://ana@db.example:6543/hiring?sslmode=require")
        #expect(!address.description.contains("s@cret") && !address.description.contains("s%40cret"))
    }

    @Test func libpqVariablesFillWhatTheURLLeavesOut() throws {
        let environment = ["PGHOST": "10.1.2.3", "PGPORT": "5433", "PGUSER": "trainer", "PGPASSWORD": "pw-from-env", "PGDATABASE": "typebar", "PGSSLMODE": "disable"]
        let address = try StoreAddress.parse("postgres://", environment: environment)
        #expect(address.host == "10.1.2.3" && address.port == 5433 && address.user == "trainer" && address.database == "typebar")
        #expect(address.password == "pw-from-env" && address.tlsMode == .disable)
        // The URL wins over the variables.
        let explicit = try StoreAddress.parse("postgresql://other@host2/db2", environment: environment)
        #expect(explicit.user == "other" && explicit.host == "host2" && explicit.database == "db2" && explicit.port == 5433)
        // A database defaults to the user's name, as in libpq.
        #expect(try StoreAddress.parse("postgres://sam@h", environment: [:]).database == "sam")
        // A Unix socket folder as host.
        let socket = try StoreAddress.parse("postgres:///typebar?host=/run/pg&port=5999", environment: ["USER": "u"])
        #expect(socket.socketPath == "/run/pg/.s.PGSQL.5999")
    }

    @Test func passwordFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("pgpass").path
        try "# comment\nother:5432:*:*:wrong\ndb.example:5432:hiring:ana:pa\\:ss\n*:*:*:*:fallback\n".write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o600)
        let address = try StoreAddress.parse("postgres://ana@db.example/hiring", environment: ["PGPASSFILE": file])
        #expect(address.password == "pa:ss")
        #expect(try StoreAddress.parse("postgres://bo@elsewhere/x", environment: ["PGPASSFILE": file]).password == "fallback")
        // Readable by others: ignored, as libpq ignores it.
        chmod(file, 0o644)
        #expect(try StoreAddress.parse("postgres://ana@db.example/hiring", environment: ["PGPASSFILE": file]).password == nil)
    }

    @Test func badAddressesSayWhyWithoutThePassword() {
        let cases = [
            "mysql://ana:topsecret@h/db",
            "postgres://ana:topsecret@h:99999/db",
            "postgres://ana:topsecret@h/db?sslmode=sometimes",
            "postgres://ana:topsecret@h/db?colour=blue",
        ]
        for text in cases {
            do {
                _ = try StoreAddress.parse(text, environment: [:])
                Issue.record("\(text) was accepted")
            } catch {
                let message = "\(error)"
                #expect(!message.contains("topsecret"), "\(message)")
                #expect(message.hasPrefix("store: "))
            }
        }
        #expect(StoreAddress.redacted("postgres://ana:topsecret@h/db?password=x&sslmode=require") == "postgres://ana@h/db?password=…&sslmode=require")
    }
}
