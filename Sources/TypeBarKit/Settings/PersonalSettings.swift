import TypeBarCore

/// The settings in force for a command, each with where it came from: an option given on the command line wins over
/// the environment, the environment over the settings file, the file over typebar's defaults. Assessments take none
/// of the rules here (their config is the rules); only where results go and how the screen looks.
public struct PersonalSettings: Sendable, Equatable {
    /// Where a value in force came from.
    public enum Source: Sendable, Equatable, CustomStringConvertible {
        case byDefault
        case file(path: String, line: Int)
        case environment(String)
        case option(String)

        /// "default", "PATH:LINE", "environment NO_COLOR", "option --bar".
        public var description: String {
            switch self {
            case .byDefault: "default"
            case .file(let path, let line): "\(path):\(line)"
            case .environment(let name): "environment \(name)"
            case .option(let name): "option \(name)"
            }
        }
    }

    /// A value and where it came from.
    public struct Setting<Value: Sendable & Equatable>: Sendable, Equatable {
        public var value: Value
        public var source: Source

        public init(_ value: Value, _ source: Source) {
            self.value = value
            self.source = source
        }
    }

    /// How many colours the screens and printed charts use: as many as the terminal says it has (`auto`), eight or
    /// 256 whatever it says, or none (bold, dim and underline carry the meaning, as under `NO_COLOR`).
    public enum Colours: String, CaseIterable, Sendable {
        case auto
        case eight = "8"
        case full = "256"
        case noColour = "none"
    }

    /// Whether the typing screen shows speed and accuracy while you type (`--hide-live` hides them, exam style).
    public enum LiveFigures: String, CaseIterable, Sendable {
        case shown, hidden
    }

    public var bar: Setting<Double>
    public var minAccuracy: Setting<Double>
    public var testMinutes: Setting<Int>
    public var chatMode: Setting<ChatShift.Mode>
    /// Chats at once; nil plays the scenario's own number.
    public var chats: Setting<Int?>
    public var colours: Setting<Colours>
    public var liveFigures: Setting<LiveFigures>
    /// The history file's path.
    public var history: Setting<String>
    /// A team's store's URL; nil keeps results in the history file.
    public var store: Setting<String?>
    /// The settings file looked for, and whether it was there.
    public var file: SettingsFile.Location
    public var fileFound: Bool

    /// The values an option gives on the command line; nil for an option not given.
    public struct Options: Sendable, Equatable {
        public var bar: Double?
        public var minAccuracy: Double?
        public var testMinutes: Int?
        public var chatMode: ChatShift.Mode?
        public var chats: Int?
        public var liveFigures: LiveFigures?
        public var history: String?
        public var store: String?
        /// `--settings FILE`: read this settings file instead of the usual one.
        public var settingsFile: String?

        public init(
            bar: Double? = nil, minAccuracy: Double? = nil, testMinutes: Int? = nil, chatMode: ChatShift.Mode? = nil, chats: Int? = nil,
            liveFigures: LiveFigures? = nil, history: String? = nil, store: String? = nil, settingsFile: String? = nil
        ) {
            self.bar = bar
            self.minAccuracy = minAccuracy
            self.testMinutes = testMinutes
            self.chatMode = chatMode
            self.chats = chats
            self.liveFigures = liveFigures
            self.history = history
            self.store = store
            self.settingsFile = settingsFile
        }
    }

    private init(location: SettingsFile.Location, found: Bool, history: String) {
        let defaults = HiringBar()
        bar = Setting(defaults.netWPM, .byDefault)
        minAccuracy = Setting(defaults.minimumAccuracy, .byDefault)
        testMinutes = Setting(1, .byDefault)
        chatMode = Setting(.template, .byDefault)
        chats = Setting(nil, .byDefault)
        colours = Setting(.auto, .byDefault)
        liveFigures = Setting(.shown, .byDefault)
        self.history = Setting(history, .byDefault)
        store = Setting(nil, .byDefault)
        file = location
        fileFound = found
    }

    /// Finds and reads the settings file, then puts `options` over the environment over the file.
    public static func load(_ options: Options, environment: (String) -> String? = Environment.value) throws(TypeBarError) -> PersonalSettings {
        let location = SettingsFile.location(option: options.settingsFile, environment: environment)
        let file = try SettingsFile.load(location, environment: environment)
        return resolve(options, file: file, location: location, environment: environment)
    }

    /// `options` over the environment over `file` over the defaults; reads nothing but `environment`.
    public static func resolve(
        _ options: Options, file: SettingsFile?, location: SettingsFile.Location, environment: (String) -> String?
    ) -> PersonalSettings {
        // Read from the file unwrapped once (an empty one when there is none): each `file?.field` copied the whole
        // optional file, through the run time's generic value witnesses, with its type metadata built at start-up.
        guard let file else { return resolve(options, file: SettingsFile(path: ""), found: false, location: location, environment: environment) }
        return resolve(options, file: file, found: true, location: location, environment: environment)
    }

    private static func resolve(
        _ options: Options, file: borrowing SettingsFile, found: Bool, location: SettingsFile.Location, environment: (String) -> String?
    ) -> PersonalSettings {
        var settings = PersonalSettings(location: location, found: found, history: HistoryFile.defaultPath(environment: environment))
        let filePath = file.path
        func fromFile<Value: Sendable & Equatable>(_ entry: SettingsFile.Entry<Value>?) -> Setting<Value>? {
            entry.map { Setting($0.value, .file(path: filePath, line: $0.line)) }
        }
        func fromOption<Value: Sendable & Equatable>(_ value: Value?, _ name: String) -> Setting<Value>? { value.map { Setting($0, .option(name)) } }
        /// A variable set to something; an empty one counts as unset, as everywhere in typebar.
        func fromEnvironment(_ name: String) -> Setting<String>? {
            environment(name).flatMap { $0.isEmpty ? nil : Setting($0, .environment(name)) }
        }

        settings.bar = fromOption(options.bar, "--bar") ?? fromFile(file.bar) ?? settings.bar
        settings.minAccuracy = fromOption(options.minAccuracy, "--min-accuracy") ?? fromFile(file.minAccuracy) ?? settings.minAccuracy
        settings.testMinutes = fromOption(options.testMinutes, "--minutes") ?? fromFile(file.testMinutes) ?? settings.testMinutes
        settings.chatMode = fromOption(options.chatMode, "--mode") ?? fromFile(file.chatMode) ?? settings.chatMode
        if let chats = fromOption(options.chats, "--chats") ?? fromFile(file.chats) { settings.chats = Setting(chats.value, chats.source) }
        settings.liveFigures = fromOption(options.liveFigures, options.liveFigures == .hidden ? "--hide-live" : "--show-live")
            ?? fromFile(file.liveFigures) ?? settings.liveFigures
        // NO_COLOR set to anything turns colour off (no-color.org); no option sets colours.
        if let noColour = fromEnvironment("NO_COLOR") {
            settings.colours = Setting(.noColour, noColour.source)
        } else if let colours = fromFile(file.colours) {
            settings.colours = colours
        }
        settings.history = fromOption(options.history.flatMap { $0.isEmpty ? nil : $0 }, "--history") ?? fromEnvironment("TYPEBAR_HISTORY")
            ?? fromFile(file.history) ?? settings.history
        if let store = fromOption(options.store.flatMap { $0.isEmpty ? nil : $0 }, "--store") ?? fromEnvironment("TYPEBAR_STORE") ?? fromFile(file.store) {
            settings.store = Setting(store.value, store.source)
        }
        return settings
    }

    /// The bar a result is held against: net WPM and the minimum accuracy.
    public var hiringBar: HiringBar { HiringBar(netWPM: bar.value, minimumAccuracy: minAccuracy.value) }

    /// The history file in force.
    public var historyFile: HistoryFile { HistoryFile(path: history.value) }
}
