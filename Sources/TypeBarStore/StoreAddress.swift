import Foundation
import NIOSSL
import PostgresNIO

#if canImport(Glibc)
import Glibc
#endif

/// Where the store is and how to log in: a `postgres://` URL completed by libpq's environment variables and
/// password file, so a trainer's existing PostgreSQL settings work unchanged. The password is never part of
/// `description`: messages show the URL without it.
public struct StoreAddress: Sendable, Equatable, CustomStringConvertible {
    /// How much TLS to ask for: libpq's `sslmode` values.
    public enum TLSMode: String, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var user: String
    public var database: String
    public var password: String?
    public var tlsMode: TLSMode
    /// CA certificates (PEM) that verify-ca and verify-full trust; the system's when nil.
    public var rootCertificate: String?
    /// Seconds to wait for a connection: the TCP connection, TLS and the login together.
    public var connectTimeout: Int
    /// Seconds to wait for the answer to one statement, or while rows stream, for the next of them: typebar then
    /// gives up on the server, closes the connection and treats the store as out of reach.
    public var statementTimeout: Int = StoreAddress.defaultStatementTimeout

    /// `statement_timeout` when the URL gives none.
    public static let defaultStatementTimeout = 30

    /// A Unix socket folder (a host starting with `/`), as libpq takes it.
    public var socketPath: String? { host.hasPrefix("/") ? host + "/.s.PGSQL.\(port)" : nil }

    /// The URL without the password.
    public var description: String {
        var text = "postgres://" + StoreAddress.escaped(user) + "@"
        if socketPath == nil {
            text += (host.contains(":") ? "[\(host)]" : StoreAddress.escaped(host)) + ":\(port)/" + StoreAddress.escaped(database)
        } else {
            text += ":\(port)/" + StoreAddress.escaped(database) + "?host=" + StoreAddress.escaped(host)
        }
        if tlsMode != .prefer { text += (socketPath == nil ? "?" : "&") + "sslmode=" + tlsMode.rawValue }
        return text
    }

    /// Reads `text` (`postgres://user:password@host:port/database?sslmode=...`, or `postgresql://`), filling what it
    /// leaves out from PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE, PGSSLMODE, PGSSLROOTCERT, PGCONNECT_TIMEOUT
    /// and the password file (PGPASSFILE, else ~/.pgpass), as libpq does.
    public static func parse(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> StoreAddress {
        let schemes = ["postgres://", "postgresql://"]
        guard let scheme = schemes.first(where: { text.lowercased().hasPrefix($0) }) else {
            throw StoreError.badAddress("a store is a URL starting postgres:// (postgres://USER@HOST:PORT/DATABASE), not \(redacted(text))")
        }
        var rest = Substring(text.dropFirst(scheme.count))
        var parameters: [String: String] = [:]
        if let question = rest.firstIndex(of: "?") {
            for pair in rest[rest.index(after: question)...].split(separator: "&") where !pair.isEmpty {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2, let name = unescaped(parts[0]), let value = unescaped(parts[1]) else {
                    throw StoreError.badAddress("the store URL's parameter \(quotedParameter(pair)) is not NAME=VALUE")
                }
                parameters[name] = value
            }
            rest = rest[..<question]
        }
        var path: Substring = ""
        if let slash = rest.firstIndex(of: "/") {
            path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        var userInfo: Substring?
        if let at = rest.lastIndex(of: "@") {
            userInfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
        }
        var urlUser: String?
        var urlPassword: String?
        if let userInfo {
            let parts = userInfo.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = unescaped(parts[0]) else { throw StoreError.badAddress("the store URL's user name is not valid percent-encoding") }
            urlUser = name.isEmpty ? nil : name
            if parts.count == 2 {
                guard let secret = unescaped(parts[1]) else { throw StoreError.badAddress("the store URL's password is not valid percent-encoding") }
                urlPassword = secret
            }
        }
        var urlHost: String?
        var urlPort: String?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw StoreError.badAddress("the store URL's host has [ without ]") }
            urlHost = String(rest[rest.index(after: rest.startIndex)..<close])
            let after = rest[rest.index(after: close)...]
            if after.hasPrefix(":") { urlPort = String(after.dropFirst()) } else if !after.isEmpty {
                throw StoreError.badAddress("the store URL has \(after) after its host")
            }
        } else if !rest.isEmpty {
            let parts = rest.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            urlHost = parts[0].isEmpty ? nil : unescaped(parts[0])
            if parts.count == 2 { urlPort = String(parts[1]) }
        }
        guard let database = unescaped(path) else { throw StoreError.badAddress("the store URL's database name is not valid percent-encoding") }

        let known: Set = ["host", "hostaddr", "port", "user", "password", "dbname", "sslmode", "sslrootcert", "connect_timeout", "statement_timeout", "passfile", "application_name"]
        if let unknown = parameters.keys.sorted().first(where: { !known.contains($0) }) {
            throw StoreError.badAddress("the store URL's parameter \(unknown) is not one typebar knows (\(known.sorted().joined(separator: ", ")))")
        }
        func setting(_ url: String?, _ parameter: String, _ variable: String) -> String? {
            [parameters[parameter], url, environment[variable]].compactMap { $0 }.first { !$0.isEmpty }
        }
        let host = setting(urlHost, "host", "PGHOST") ?? parameters["hostaddr"] ?? defaultHost
        let portText = setting(urlPort, "port", "PGPORT") ?? "5432"
        guard let port = Int(portText), (1...65535).contains(port) else {
            throw StoreError.badAddress("the store's port must be a number from 1 to 65535, not \(portText)")
        }
        let user = setting(urlUser, "user", "PGUSER") ?? environment["USER"] ?? NSUserName()
        let name = setting(database.isEmpty ? nil : database, "dbname", "PGDATABASE") ?? user
        let modeText = setting(nil, "sslmode", "PGSSLMODE") ?? "prefer"
        guard let mode = TLSMode(rawValue: modeText) else {
            throw StoreError.badAddress("sslmode must be one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", ")), not \(modeText)")
        }
        let timeoutText = setting(nil, "connect_timeout", "PGCONNECT_TIMEOUT") ?? "10"
        guard let timeout = Int(timeoutText), timeout >= 0 else {
            throw StoreError.badAddress("connect_timeout must be a whole number of seconds, not \(timeoutText)")
        }
        let statementText = parameters["statement_timeout"].flatMap { $0.isEmpty ? nil : $0 } ?? String(defaultStatementTimeout)
        guard let statementTimeout = Int(statementText), (1...86_400).contains(statementTimeout) else {
            throw StoreError.badAddress("statement_timeout must be a whole number of seconds from 1 to 86400, not \(statementText)")
        }
        var address = StoreAddress(
            host: host, port: port, user: user, database: name, password: nil, tlsMode: mode,
            rootCertificate: setting(nil, "sslrootcert", "PGSSLROOTCERT"), connectTimeout: timeout == 0 ? 10 : max(timeout, 2),
            statementTimeout: statementTimeout)
        address.password = setting(urlPassword, "password", "PGPASSWORD")
            ?? PasswordFile.password(for: address, file: setting(nil, "passfile", "PGPASSFILE") ?? (environment["HOME"].map { $0 + "/.pgpass" }))
        return address
    }

    /// libpq's default: the Unix socket folder when there is one, else the local machine over TCP.
    static var defaultHost: String {
        access("/var/run/postgresql", F_OK) == 0 ? "/var/run/postgresql" : "localhost"
    }

    /// A URL the person typed, with any password cut out, for messages about it.
    public static func redacted(_ text: String) -> String {
        guard let scheme = text.range(of: "://") else { return text }
        let afterScheme = text[scheme.upperBound...]
        let authorityEnd = afterScheme.firstIndex { $0 == "/" || $0 == "?" } ?? afterScheme.endIndex
        let authority = afterScheme[..<authorityEnd]
        var result = String(text[..<scheme.upperBound])
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            result += String(userInfo.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)[0]) + String(authority[at...])
        } else {
            result += authority
        }
        var tail = String(afterScheme[authorityEnd...])
        if let range = tail.range(of: "password=") {
            let end = tail[range.upperBound...].firstIndex(of: "&") ?? tail.endIndex
            tail.replaceSubrange(range.upperBound..<end, with: "…")
        }
        return result + tail
    }

    private static func quotedParameter(_ pair: Substring) -> String {
        pair.lowercased().hasPrefix("password") ? "password" : "\"\(pair)\""
    }

    static func unescaped(_ text: Substring) -> String? {
        String(text).removingPercentEncoding
    }

    static func escaped(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }

    /// The connection settings for postgres-nio, with TLS as `sslmode` asks.
    func configuration() throws -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if let socketPath {
            configuration = .init(unixSocketPath: socketPath, username: user, password: password, database: database)
        } else {
            configuration = .init(host: host, port: port, username: user, password: password, database: database, tls: try tls())
        }
        configuration.options.connectTimeout = .seconds(Int64(connectTimeout))
        return configuration
    }

    private func tls() throws -> PostgresConnection.Configuration.TLS {
        var settings = TLSConfiguration.makeClientConfiguration()
        switch tlsMode {
        case .disable: return .disable
        case .allow, .prefer, .require:
            // As libpq: these encrypt but do not check the server's certificate (require checks it when a root
            // certificate is given).
            settings.certificateVerification = tlsMode == .require && rootCertificate != nil ? .noHostnameVerification : .none
        case .verifyCA: settings.certificateVerification = .noHostnameVerification
        case .verifyFull: settings.certificateVerification = .fullVerification
        }
        if let rootCertificate, tlsMode != .allow, tlsMode != .prefer {
            do {
                settings.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(rootCertificate))
            } catch {
                throw StoreError.badAddress("sslrootcert \(rootCertificate): cannot read PEM certificates from it")
            }
        }
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: settings)
        } catch {
            throw StoreError.badAddress("cannot set up TLS: \(error)")
        }
        return tlsMode == .allow || tlsMode == .prefer ? .prefer(context) : .require(context)
    }
}

/// libpq's password file: `host:port:database:user:password` lines, `*` matching anything, `\:` and `\\` escaped.
/// Ignored, as libpq ignores it, when others can read it.
enum PasswordFile {
    static func password(for address: StoreAddress, file: String?) -> String? {
        guard let file, let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else { return nil }
        var info = stat()
        if stat(file, &info) == 0, info.st_mode & 0o077 != 0 { return nil }
        let host = address.socketPath == nil ? address.host : "localhost"
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = split(line)
            guard fields.count == 5 else { continue }
            let wanted = [host, String(address.port), address.database, address.user]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    private static func split(_ line: Substring) -> [String] {
        var fields: [String] = [""]
        var escaped = false
        for character in line {
            if escaped {
                fields[fields.count - 1].append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" && fields.count < 5 {
                fields.append("")
            } else {
                fields[fields.count - 1].append(character)
            }
        }
        return fields
    }
}
