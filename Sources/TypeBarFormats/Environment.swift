#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process environment read one variable at a time. `getenv` looks a name up where it lies; Foundation's
/// `ProcessInfo.processInfo.environment` copies every variable into a new dictionary at each read, which at a
/// typing screen's start cost more than all the rest of reading its settings.
public enum Environment {
    /// The variable's value; nil when it is not set.
    public static func value(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// The variables among `names` that are set, for code that takes its environment as a dictionary (so a test
    /// can hand it one of its own).
    public static func pick(_ names: String...) -> [String: String] {
        var picked: [String: String] = [:]
        for name in names {
            if let value = value(name) { picked[name] = value }
        }
        return picked
    }
}
