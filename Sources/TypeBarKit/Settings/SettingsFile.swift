import Foundation
import SystemPackage
import TypeBarCore
internal import Yams

/// A person's settings file (docs/settings.md): the values they would otherwise give as options every time, each
/// with the line it is on, so what is in force can say where it came from. Every key is optional; an empty file, or
/// one of comments only, sets nothing. It is read with the one YAML field reader, so a mistake reads as it does in
/// an assessment config: `FILE:LINE: settings: key: what is wrong`.
public struct SettingsFile: Sendable, Equatable {
    /// A value and the line it is on.
    public struct Entry<Value: Sendable & Equatable>: Sendable, Equatable {
        public var value: Value
        public var line: Int

        public init(_ value: Value, line: Int) {
            self.value = value
            self.line = line
        }
    }

    public let path: String
    public var bar: Entry<Double>?
    public var minAccuracy: Entry<Double>?
    public var testMinutes: Entry<Int>?
    public var chatMode: Entry<ChatShift.Mode>?
    public var chats: Entry<Int>?
    public var colours: Entry<PersonalSettings.Colours>?
    public var liveFigures: Entry<PersonalSettings.LiveFigures>?
    public var history: Entry<String>?
    public var store: Entry<String>?

    public init(path: String) {
        self.path = path
    }

    /// The keys, in the order `typebar settings` shows them.
    public static let keys = ["bar", "min_accuracy", "test_minutes", "chat_mode", "chats", "colours", "live_figures", "history", "store"]

    /// Chats at once the file may ask for. The chat desk's ceiling is growing to six, so the file takes six
    /// already; this is the one place that number lives for the settings.
    public static let chatsRange = 1...ChatShift.maximumChats

    /// A timed test's lengths in minutes, as `typebar test --minutes` takes them.
    public static let testMinutes = [1, 2, 3, 5]

    // MARK: - Where the file is

    /// Where the settings file is, and what named it.
    public struct Location: Sendable, Equatable {
        public var path: String
        /// What named the file, `.byDefault` for the usual place. Not kept as an optional: an optional of this enum
        /// is copied through the run time's generic value witnesses, its type metadata built at every start.
        private var naming: PersonalSettings.Source

        public init(path: String, namedBy: PersonalSettings.Source?) {
            self.path = path
            naming = namedBy ?? .byDefault
        }

        /// `--settings` or `TYPEBAR_SETTINGS`; nil for the usual place.
        public var namedBy: PersonalSettings.Source? {
            get { naming == .byDefault ? nil : naming }
            set { naming = newValue ?? .byDefault }
        }

        /// A file named on purpose must exist; the usual one need not.
        public var isNamed: Bool { naming != .byDefault }
    }

    /// `--settings FILE`, else `TYPEBAR_SETTINGS`, else `$XDG_CONFIG_HOME/typebar/settings.yaml`
    /// (`~/.config/typebar/settings.yaml` when XDG_CONFIG_HOME is unset or not absolute, as the XDG rules say).
    public static func location(option: String?, environment: (String) -> String?) -> Location {
        if let option, !option.isEmpty { return Location(path: option, namedBy: .option("--settings")) }
        if let named = environment("TYPEBAR_SETTINGS"), !named.isEmpty { return Location(path: named, namedBy: .environment("TYPEBAR_SETTINGS")) }
        if let config = environment("XDG_CONFIG_HOME"), config.hasPrefix("/") { return Location(path: config + "/typebar/settings.yaml", namedBy: nil) }
        return Location(path: homeFolder(environment) + "/.config/typebar/settings.yaml", namedBy: nil)
    }

    // MARK: - Reading

    /// The settings file at `location`; nil when the usual file does not exist. Without a file the cost is one
    /// failed `open`: most people never write one, and every typing screen's start reads here.
    public static func load(_ location: Location, environment: (String) -> String?) throws(TypeBarError) -> SettingsFile? {
        let path = location.path
        let descriptor: FileDescriptor
        do {
            descriptor = try FileDescriptor.open(FilePath(path), .readOnly, options: [.closeOnExec])
        } catch let error as Errno where error == .noSuchFileOrDirectory && !location.isNamed {
            return nil
        } catch {
            throw .cannotRead(path: path, reason: reason(error, location))
        }
        defer { try? descriptor.close() }
        // A settings file is a few hundred bytes: read in pieces, never a buffer the size of the limit. One byte past
        // the limit tells a file at the limit from one over it.
        var bytes: [UInt8] = []
        var piece = [UInt8](repeating: 0, count: 4096)
        do {
            while bytes.count <= YAMLFields.maximumFileBytes {
                let read = try piece.withUnsafeMutableBytes { try descriptor.read(into: $0, retryOnInterrupt: true) }
                if read == 0 { break }
                bytes += piece[..<read]
            }
        } catch {
            throw .cannotRead(path: path, reason: reason(error, location))
        }
        let text = try YAMLFields.text(of: bytes, path: path, kind: "a settings file")
        return try parse(text, path: path, home: homeFolder(environment))
    }

    /// What went wrong opening or reading the file, and what to do about it.
    private static func reason(_ error: any Error, _ location: Location) -> String {
        switch error as? Errno {
        case .isDirectory:
            guard location.isNamed else {
                return "it is a folder; the settings go in a file of that name (docs/settings.md): move the folder away and write the file"
            }
            return "it is a folder; name the settings file itself, like \(location.path.hasSuffix("/") ? location.path : location.path + "/")settings.yaml"
        case .noSuchFileOrDirectory:
            let named = location.namedBy.map { " (named by \($0))" } ?? ""
            return "no such file\(named); write one (docs/settings.md) or name another"
        case .permissionDenied:
            return "permission denied; make it readable (chmod u+r) or name another settings file"
        case .notDirectory:
            return "a part of its path is a file, not a folder; name the settings file by its full path"
        default:
            return systemWords(error)
        }
    }

    /// Parses settings text; `path` names the file in errors and is where relative paths in it start from;
    /// `home` is what `~/` in a path stands for.
    public static func parse(_ text: String, path: String, home: String) throws(TypeBarError) -> SettingsFile {
        var settings = SettingsFile(path: path)
        guard let root = try YAMLFields.rootIfAny(text, path: path) else { return settings }
        let fields = try YAMLFields(root, path: path, context: "settings", known: keys)
        func line(_ key: String) -> Int { fields[key].map(YAMLFields.line) ?? 1 }

        if let bar = try fields.number("bar", in: Limits.barWPM, unit: "net WPM") { settings.bar = Entry(bar, line: line("bar")) }
        if let accuracy = try fields.number("min_accuracy", in: Limits.percent, unit: "percent") {
            // 0.95 would silently mean no accuracy rule at all, as it would in a config or after --min-accuracy.
            if accuracy > 0 && accuracy <= 1 {
                throw fields.problem(fields["min_accuracy"]!, "min_accuracy", "must be a percentage like 95, not a fraction like \(formatDecimal(accuracy, places: 2)) (0 means no accuracy rule)")
            }
            settings.minAccuracy = Entry(accuracy, line: line("min_accuracy"))
        }
        if let minutes = try fields.choice("test_minutes", among: testMinutes.map(String.init)) {
            settings.testMinutes = Entry(Int(minutes)!, line: line("test_minutes"))
        }
        if let mode = try fields.choice("chat_mode", among: ChatShift.Mode.allCases.map { $0.rawValue }) {
            if let parsed = ChatShift.Mode(rawValue: mode) { settings.chatMode = Entry(parsed, line: line("chat_mode")) }
        }
        if let chats = try fields.whole("chats", in: chatsRange, unit: "chats at once") { settings.chats = Entry(chats, line: line("chats")) }
        if let colours = try fields.choice("colours", among: PersonalSettings.Colours.allCases.map { $0.rawValue }) {
            settings.colours = Entry(PersonalSettings.Colours(rawValue: colours)!, line: line("colours"))
        }
        if let live = try fields.choice("live_figures", among: PersonalSettings.LiveFigures.allCases.map { $0.rawValue }) {
            settings.liveFigures = Entry(PersonalSettings.LiveFigures(rawValue: live)!, line: line("live_figures"))
        }
        if let history = try fields.text("history", limit: 4096) {
            settings.history = Entry(absolute(history, file: path, home: home), line: line("history"))
        }
        if let store = try fields.text("store", limit: 4096) {
            // The address is read in full where the store is opened (its libpq variables are read there); here only
            // what is plainly not one. The value is not echoed: it may hold a password.
            guard ["postgres://", "postgresql://"].contains(where: store.lowercased().hasPrefix) else {
                throw fields.problem(fields["store"]!, "store", "must be a URL starting postgres://, like postgres://USER@HOST:PORT/DATABASE (docs/store.md)")
            }
            settings.store = Entry(store, line: line("store"))
        }
        return settings
    }

    /// A path as written in the file: `~/` is the home folder, and a relative path starts at the settings file's
    /// folder, so the file means the same thing from whatever folder typebar is started in.
    static func absolute(_ written: String, file: String, home: String) -> String {
        if written == "~" { return home }
        if written.hasPrefix("~/") { return home + written.dropFirst(1) }
        if written.hasPrefix("/") { return written }
        // A settings file named by a relative path leaves its folder relative to where typebar runs.
        let folder = file.lastIndex(of: "/").map { String(file[...$0]) } ?? ""
        return folder + written
    }

    /// `$HOME`, else the account's home folder.
    static func homeFolder(_ environment: (String) -> String?) -> String {
        if let home = environment("HOME"), !home.isEmpty { return home }
        return NSHomeDirectory()
    }
}
