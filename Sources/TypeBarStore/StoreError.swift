import Foundation
import PostgresNIO

/// What can go wrong with the store. Messages name the store by its URL without the password, and say what to do;
/// the command line prints them and exits 2.
public enum StoreError: Error, Sendable, CustomStringConvertible, Equatable {
    /// A store URL or setting that cannot be used.
    case badAddress(String)
    /// The server could not be reached (down, no network, refused): results can be kept locally instead.
    case unreachable(store: String, reason: String)
    /// The server answered with an error.
    case server(store: String, message: String)
    /// The store's schema is missing, older, or newer than this typebar.
    case schema(store: String, message: String)
    /// A request the store refuses, such as a candidate's attempt beyond the rules.
    case refused(String)
    /// The role typebar logged in as may not do this (a candidate's machine reading results, a reader saving).
    case notAllowed(store: String, message: String)

    public var description: String {
        switch self {
        case .badAddress(let message): "store: \(message)"
        case .unreachable(let store, let reason): "\(store): cannot reach the store: \(reason)"
        case .server(let store, let message): "\(store): \(message)"
        case .schema(let store, let message): "\(store): \(message)"
        case .refused(let message): message
        case .notAllowed(let store, let message): "\(store): \(message)"
        }
    }

    /// The error for a failure talking to `store`, without anything that could carry a password.
    static func from(_ error: any Error, store: String) -> StoreError {
        if let error = error as? StoreError { return error }
        if let transaction = error as? PostgresTransactionError {
            return from(transaction.closureError ?? transaction.commitError ?? transaction.beginError ?? transaction.rollbackError ?? StoreError.server(store: store, message: "the transaction failed"), store: store)
        }
        if let error = error as? PSQLError {
            if let info = error.serverInfo {
                let message = info[.message] ?? "error"
                let state = info[.sqlState] ?? ""
                // 28xxx: login refused; 3D000: no such database; 42501: not allowed.
                if state.hasPrefix("28") { return .server(store: store, message: "the server refused the login: \(message) (check the user name and password: the URL, PGPASSWORD or the password file)") }
                if state == "3D000" { return .server(store: store, message: "\(message) (create it, or name another database in the URL)") }
                if state == "42501" { return .notAllowed(store: store, message: "\(message) (this role may not do that: see docs/store.md, \"Roles\")") }
                if state == "57P01" || state == "57P03" { return .unreachable(store: store, reason: message) }
                return .server(store: store, message: message + (state.isEmpty ? "" : " (SQLSTATE \(state))"))
            }
            switch error.code {
            case .connectionError, .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
                return .unreachable(store: store, reason: error.underlying.map(reason) ?? "the connection closed")
            case .sslUnsupported:
                return .server(store: store, message: "the server does not offer TLS, and sslmode asks for it")
            case .authMechanismRequiresPassword:
                return .server(store: store, message: "the server wants a password: put it in PGPASSWORD or the password file (~/.pgpass), or in the URL")
            default:
                return .server(store: store, message: "the connection failed (\(error.code))")
            }
        }
        return .unreachable(store: store, reason: reason(error))
    }

    private static func reason(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.contains("failedToValidateHostname") {
            return "TLS: the server's certificate is not for this host name (sslmode=verify-full checks it; name the host as the certificate does)"
        }
        if text.contains("CERTIFICATE_VERIFY_FAILED") || text.contains("handshakeFailed") {
            return "TLS: the server's certificate is not trusted (give its CA with sslrootcert, or check sslmode)"
        }
        if text.contains("connectTimeout") || text.contains("Timeout") { return "no answer in time" }
        if text.contains("refused") || text.contains("ECONNREFUSED") { return "connection refused (is PostgreSQL running there?)" }
        if text.contains("NXDOMAIN") || text.contains("resolve") || text.contains("lookup") { return "the host name does not resolve" }
        return "the connection failed (\(text.prefix(200)))"
    }

    /// Whether the role may not do what was asked.
    public var isNotAllowed: Bool {
        if case .notAllowed = self { return true }
        return false
    }

    /// Whether the store was out of reach, so saving locally and syncing later is the right answer.
    public var isUnreachable: Bool {
        if case .unreachable = self { return true }
        return false
    }
}
