import Foundation

/// Line 1 of a keystroke log as JSON holds it, decoded with `JSONDecoder`: each known field absent, null, a value
/// of its type, or something else, and the other string-valued fields (free metadata). Nothing is judged here;
/// `KeystrokeLogHeader.parse` checks each field against docs/keystroke-log.md and words the errors.
struct KeystrokeLogHeaderFields: Decodable {
    /// One field as it was found.
    enum Field<Value: Decodable>: Decodable {
        case absent, null, wrongType
        case value(Value)

        init(from decoder: Decoder) throws {
            let single = try decoder.singleValueContainer()
            if single.decodeNil() {
                self = .null
            } else if let value = try? single.decode(Value.self) {
                self = .value(value)
            } else {
                self = .wrongType
            }
        }

        var value: Value? {
            if case .value(let value) = self { return value }
            return nil
        }
    }

    /// Any field name.
    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    static let known: Set<String> = ["format", "version", "text", "passage", "time_limit", "backspace"]

    var format: Field<String> = .absent
    /// A number of any form; whether it is whole is checked after.
    var version: Field<Double> = .absent
    var text: Field<String> = .absent
    var passage: Field<String> = .absent
    var timeLimit: Field<Double> = .absent
    var backspace: Field<Bool> = .absent
    /// An event's time: its presence tells an event line from a header.
    var hasTime = false
    var metadata: [String: String] = [:]

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        func field<Value>(_ name: String) throws -> Field<Value> {
            let key = Key(stringValue: name)
            return container.contains(key) ? try container.decode(Field<Value>.self, forKey: key) : .absent
        }
        format = try field("format")
        version = try field("version")
        text = try field("text")
        passage = try field("passage")
        timeLimit = try field("time_limit")
        backspace = try field("backspace")
        hasTime = container.contains(Key(stringValue: "t"))
        for key in container.allKeys where !Self.known.contains(key.stringValue) {
            if let value = try? container.decode(String.self, forKey: key) { metadata[key.stringValue] = value }
        }
    }

    /// The fields of `bytes` (one JSON object); nil when they are not a JSON object.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> KeystrokeLogHeaderFields? {
        try? JSONDecoder().decode(KeystrokeLogHeaderFields.self, from: Data(buffer: bytes))
    }
}
