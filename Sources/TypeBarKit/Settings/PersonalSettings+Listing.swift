import TypeBarCore
import TypeBarFormats

/// The settings in force as `typebar settings` shows them: each key with its value as the settings file would
/// write it and where it came from, as text for a person or JSON for a script.
extension PersonalSettings {
    /// A key's value: a number, a word or path, or unset (with what that means).
    public enum ShownValue: Equatable, Sendable {
        case number(Double)
        case text(String)
        case unset(String)
    }

    /// One row per key, in the file's order. `showingStore` shows a store's URL (without its password).
    public func rows(showingStore: (String) -> String) -> [(key: String, value: ShownValue, source: Source)] {
        [
            ("bar", .number(bar.value), bar.source),
            ("min_accuracy", .number(minAccuracy.value), minAccuracy.source),
            ("test_minutes", .number(Double(testMinutes.value)), testMinutes.source),
            ("chat_mode", .text(chatMode.value.rawValue), chatMode.source),
            ("chats", chats.value.map { .number(Double($0)) } ?? .unset("the scenario's"), chats.source),
            ("colours", .text(colours.value.rawValue), colours.source),
            ("live_figures", .text(liveFigures.value.rawValue), liveFigures.source),
            ("history", .text(history.value), history.source),
            ("store", store.value.map { .text(showingStore($0)) } ?? .unset("none: results stay in the history file"), store.source),
        ]
    }

    /// The lines a person reads: the file, then a key, its value and its source a line.
    public func lines(showingStore: (String) -> String) -> [String] {
        let fileLine = "settings file: \(file.path)" + (fileFound ? "" : " (not there; see docs/settings.md to write one)")
        let rows = self.rows(showingStore: showingStore).map { row -> (key: String, value: String, source: String) in
            switch row.value {
            case .number(let number): (row.key, PersonalSettings.format(number), row.source.description)
            case .text(let text): (row.key, text, row.source.description)
            case .unset(let meaning): (row.key, "(\(meaning))", row.source.description)
            }
        }
        let keyWidth = rows.map(\.key.count).max() ?? 0
        let valueWidth = rows.map(\.value.count).max() ?? 0
        return [fileLine, ""] + rows.map { $0.key.padded(to: keyWidth) + "  " + $0.value.padded(to: valueWidth) + "  " + $0.source }
    }

    /// One JSON object: `file`, `file_found`, and under `settings` each key's `value` and `source` (`default`,
    /// `file` with its `line`, `environment` with its `variable`, `option` with its `option`).
    public func writeJSON(to writer: inout JSONWriter, showingStore: (String) -> String) {
        writer.beginObject()
        writer.key("file"); writer.string(file.path)
        writer.key("file_found"); writer.bool(fileFound)
        writer.key("settings")
        writer.beginObject()
        for row in rows(showingStore: showingStore) {
            writer.key(row.key)
            writer.beginObject()
            writer.key("value")
            switch row.value {
            case .number(let number): writer.number(number)
            case .text(let text): writer.string(text)
            case .unset: writer.null()
            }
            writer.key("source")
            switch row.source {
            case .byDefault:
                writer.string("default")
            case .file(_, let line):
                writer.string("file")
                writer.key("line"); writer.int(line)
            case .environment(let name):
                writer.string("environment")
                writer.key("variable"); writer.string(name)
            case .option(let name):
                writer.string("option")
                writer.key("option"); writer.string(name)
            }
            writer.endObject()
        }
        writer.endObject()
        writer.endObject()
    }

    /// 45, 97.5: as a person would write it in the file.
    static func format(_ value: Double) -> String {
        value.rounded() == value ? formatDecimal(value, places: 0) : String(value)
    }
}
