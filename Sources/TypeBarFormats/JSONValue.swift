#if canImport(Glibc)
import Glibc
#endif

/// A JSON value built in code and written with its keys in the order given, so output is stable and
/// numbers are written in full (shortest form that reads back as the same double).
public indirect enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.rendered == rhs.rendered }

    /// An optional number, or null.
    public static func number(_ value: Double?) -> JSONValue { value.map { .number($0) } ?? .null }

    /// Compact JSON on one line.
    public var rendered: String {
        var writer = JSONWriter()
        writer.value(self)
        return writer.text
    }
}

/// A JSON string literal for `text`.
func jsonString(_ text: String) -> String {
    JSONValue.string(text).rendered
}

/// A JSON number that reads back as exactly the same double ("120", "120.5", "1e-05").
func jsonNumber(_ value: Double) -> String {
    JSONValue.number(value).rendered
}
