import TypeBarKit

/// The typing screen's, the drills' and the chat desk's usual command lines, read without ArgumentParser.
///
/// ArgumentParser learns a command's options by reflection at every start, which costs most of the instructions of
/// a command that goes through it (docs/performance.md, "Start-up"). The commands a candidate
/// types every day, `typebar`, `typebar practice …`, `typebar test …`, `typebar drill …` and `typebar chat …`, with
/// their options as `--name value`, `--name=value` or `--flag`, are read here into the same settings ArgumentParser
/// would give. Anything else (help, an option named twice, a value starting with `-`, a value that does not parse or
/// fails its check, an unknown word) is declined and goes to ArgumentParser, which answers it with its own
/// messages. A test holds the two readers to the same settings on every command line this one answers.
///
/// Neither reader reads the settings file: both leave the options a setting lies beneath (`--bar`, `--minutes`,
/// `--mode`…) as given, nil when not, and the command's run puts them over the environment and the file in one
/// place (`PersonalSettings.load`), so the file's values fall beneath both readers' options alike.
enum QuickStart {
    /// A typing, drill or chat command read from the command line.
    enum Command: Equatable {
        case practice(PracticeSettings)
        case test(TestSettings)
        case drill(DrillSettings)
        case chat(ChatSettings)

        func run() throws {
            switch self {
            case .practice(let settings): try settings.run()
            case .test(let settings): try settings.run()
            case .drill(let settings): try settings.run()
            case .chat(let settings): try settings.run()
            }
        }
    }

    /// The command `arguments` ask for (without the program's name), or nil to leave them to ArgumentParser.
    static func command(_ arguments: [String]) -> Command? { try? read(arguments) }

    /// Thrown for a command line left to ArgumentParser.
    struct Declined: Error {}

    /// The command, or `Declined` (or the failed check's error) for anything not read here.
    private static func read(_ arguments: [String]) throws -> Command {
        guard let first = arguments.first else { return .practice(PracticeSettings()) }
        let rest = arguments.dropFirst()
        switch first {
        case "practice":
            let given = try options(rest, values: screenValues + ["passage", "category"], flags: screenFlags)
            let settings = PracticeSettings(screen: try screen(given), passage: given["passage"], category: given["category"])
            try settings.check()
            return .practice(settings)
        case "test":
            let given = try options(rest, values: screenValues + ["minutes", "category"], flags: screenFlags)
            var settings = TestSettings(screen: try screen(given), category: given["category"])
            settings.screen.personal.testMinutes = try given.read("minutes") { Int($0) }
            try settings.check()
            return .test(settings)
        case "drill":
            let values = screenValues + ["target", "focus", "minutes", "kind", "words", "drafts", "draft-seconds"]
            let given = try options(rest, values: values, flags: screenFlags + ["print", "json"])
            var settings = DrillSettings(screen: try screen(given), focus: given["focus"], print: given["print"] != nil, json: given["json"] != nil)
            settings.target = try given.read("target") { Double($0) } ?? settings.target
            settings.minutes = try given.read("minutes") { Double($0) } ?? settings.minutes
            settings.kind = try given.read("kind") { DrillKind(rawValue: $0) } ?? settings.kind
            settings.words = try given.read("words") { Int($0) }
            settings.drafts = try given.read("drafts") { Int($0) }
            settings.draftSeconds = try given.read("draft-seconds") { Double($0) }
            try settings.check()
            return .drill(settings)
        case "chat":
            let given = try options(rest, values: chatValues, flags: ["force"])
            let personal = PersonalSettings.Options(
                chatMode: try given.read("mode") { ChatShift.Mode(rawValue: $0) }, chats: try given.read("chats") { Int($0) },
                history: given["history"], store: given["store"], settingsFile: given["settings"])
            let settings = ChatSettings(
                scenario: given["scenario"], scenarioFile: given["scenario-file"], seed: try given.read("seed") { UInt64($0) },
                record: given["record"], force: given["force"] != nil, personal: personal)
            try settings.check()
            return .chat(settings)
        default:
            throw Declined()
        }
    }

    /// The options every typing screen takes a value for, and its two flags. Arrays, not sets: the first set or
    /// dictionary of strings costs a run-time conformance look-up (docs/performance.md, "Start-up").
    static let screenValues = ["passages", "history", "store", "settings", "record", "bar", "min-accuracy", "pace", "ghost", "seed"]
    static let screenFlags = ["force", "hide-live", "show-live"]
    /// A chat shift's options (its --list and --check, which print rather than play, are left to ArgumentParser).
    static let chatValues = ["scenario", "scenario-file", "chats", "mode", "seed", "record", "history", "store", "settings"]

    /// The options given, in order: a flag's value is empty.
    struct GivenOptions {
        /// An option and its value (a struct, not a tuple: a tuple's type is built at run time at every start).
        struct Given {
            var name: String
            var value: String
        }
        var options: [Given] = []

        subscript(name: String) -> String? { options.first { $0.name == name }?.value }

        /// The value of option `name` as `make` reads it (nil when it was not given); `Declined` when it does not
        /// read. For numbers `make` is the type's LosslessStringConvertible initialiser, as ArgumentParser's.
        func read<Value>(_ name: String, _ make: (String) -> Value?) throws -> Value? {
            guard let text = self[name] else { return nil }
            guard let value = make(text) else { throw Declined() }
            return value
        }
    }

    /// The options given; `Declined` for anything not read here.
    static func options(_ arguments: ArraySlice<String>, values: [String], flags: [String]) throws -> GivenOptions {
        var given = GivenOptions()
        var rest = arguments
        while let argument = rest.popFirst() {
            guard argument.hasPrefix("--") else { throw Declined() }
            var name = argument.dropFirst(2)
            var value: String?
            if let equals = name.firstIndex(of: "=") {
                value = String(name[name.index(after: equals)...])
                name = name[..<equals]
            }
            let key = String(name)
            guard given[key] == nil else { throw Declined() }
            if flags.contains(key) {
                guard value == nil else { throw Declined() }
                given.options.append(GivenOptions.Given(name: key, value: ""))
            } else if values.contains(key) {
                if value == nil { value = rest.popFirst() }
                guard let value, !value.isEmpty, !value.hasPrefix("-") else { throw Declined() }
                given.options.append(GivenOptions.Given(name: key, value: value))
            } else {
                throw Declined()
            }
        }
        return given
    }

    /// The screen settings of the options given; `Declined` for --hide-live with --show-live.
    private static func screen(_ given: GivenOptions) throws -> ScreenSettings {
        let hide = given["hide-live"] != nil, show = given["show-live"] != nil
        guard !(hide && show) else { throw Declined() }
        let personal = PersonalSettings.Options(
            bar: try given.read("bar") { Double($0) }, minAccuracy: try given.read("min-accuracy") { Double($0) },
            liveFigures: hide ? .hidden : show ? .shown : nil, history: given["history"], store: given["store"],
            settingsFile: given["settings"])
        return ScreenSettings(
            passages: given["passages"], record: given["record"], force: given["force"] != nil,
            race: RaceChoice(pace: given["pace"], ghost: given["ghost"]), seed: try given.read("seed") { UInt64($0) }, personal: personal)
    }
}
