import TypeBarKit

/// The typing screen's, the drills' and the chat desk's usual command lines, read without ArgumentParser.
///
/// ArgumentParser learns a command's options by reflection at every start: for `typebar practice` that was two
/// thirds of the instructions before the first screen (docs/performance.md, "Summary"). The commands a candidate
/// types every day, `typebar`, `typebar practice …`, `typebar test …`, `typebar drill …` and `typebar chat …`, with
/// their options as `--name value`, `--name=value` or `--flag`, are read here into the same settings ArgumentParser
/// would give. Anything else (help, an option named twice, a value starting with `-`, a value that does not parse or
/// fails its check, an unknown word) is declined and goes to ArgumentParser, which answers it as it always has,
/// messages included. A test holds the two readers to the same settings on every command line this one answers.
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
    static func command(_ arguments: [String]) -> Command? {
        guard let first = arguments.first else { return .practice(PracticeSettings()) }
        let rest = arguments.dropFirst()
        switch first {
        case "practice":
            guard let given = options(rest, values: screenValues + ["passage", "category"], flags: screenFlags), let screen = screen(given) else { return nil }
            let settings = PracticeSettings(screen: screen, passage: given["passage"], category: given["category"])
            return (try? settings.check()) == nil ? nil : .practice(settings)
        case "test":
            guard let given = options(rest, values: screenValues + ["minutes", "category"], flags: screenFlags), let screen = screen(given) else { return nil }
            var settings = TestSettings(screen: screen, category: given["category"])
            if let text = given["minutes"] {
                guard let minutes = Int(text) else { return nil }
                settings.minutes = minutes
            }
            return (try? settings.check()) == nil ? nil : .test(settings)
        case "drill":
            let values = screenValues + ["target", "focus", "minutes", "kind", "words"]
            guard let given = options(rest, values: values, flags: screenFlags + ["print", "json"]), let screen = screen(given) else { return nil }
            var settings = DrillSettings(screen: screen, focus: given["focus"], print: given["print"] != nil, json: given["json"] != nil)
            if let text = given["target"] {
                guard let target = Double(text) else { return nil }
                settings.target = target
            }
            if let text = given["minutes"] {
                guard let minutes = Double(text) else { return nil }
                settings.minutes = minutes
            }
            if let text = given["kind"] {
                guard let kind = DrillKind(rawValue: text) else { return nil }
                settings.kind = kind
            }
            if let text = given["words"] {
                guard let words = Int(text) else { return nil }
                settings.words = words
            }
            return (try? settings.check()) == nil ? nil : .drill(settings)
        case "chat":
            guard let given = options(rest, values: chatValues, flags: ["force"]) else { return nil }
            var settings = ChatSettings(
                scenario: given["scenario"], scenarioFile: given["scenario-file"], record: given["record"],
                force: given["force"] != nil, history: given["history"], store: given["store"])
            if let text = given["chats"] {
                guard let chats = Int(text) else { return nil }
                settings.chats = chats
            }
            if let text = given["mode"] {
                guard let mode = ChatShift.Mode(rawValue: text) else { return nil }
                settings.mode = mode
            }
            if let text = given["seed"] {
                guard let seed = UInt64(text) else { return nil }
                settings.seed = seed
            }
            return (try? settings.check()) == nil ? nil : .chat(settings)
        default:
            return nil
        }
    }

    /// The options every typing screen takes a value for, and its two flags. Arrays, not sets: the first set or
    /// dictionary of strings costs a run-time conformance look-up, a third of a million instructions.
    static let screenValues = ["passages", "history", "store", "record", "bar", "min-accuracy", "pace", "ghost", "seed"]
    static let screenFlags = ["force", "hide-live"]
    /// A chat shift's options (its --list and --check, which print rather than play, are left to ArgumentParser).
    static let chatValues = ["scenario", "scenario-file", "chats", "mode", "seed", "record", "history", "store"]

    /// The options given, in order: a flag's value is empty.
    struct Given {
        var options: [(name: String, value: String)] = []

        subscript(name: String) -> String? { options.first { $0.name == name }?.value }
    }

    /// The options given, or nil for anything not read here.
    static func options(_ arguments: ArraySlice<String>, values: [String], flags: [String]) -> Given? {
        var given = Given()
        var rest = arguments
        while let argument = rest.popFirst() {
            guard argument.hasPrefix("--") else { return nil }
            var name = argument.dropFirst(2)
            var value: String?
            if let equals = name.firstIndex(of: "=") {
                value = String(name[name.index(after: equals)...])
                name = name[..<equals]
            }
            let key = String(name)
            guard given[key] == nil else { return nil }
            if flags.contains(key) {
                guard value == nil else { return nil }
                given.options.append((key, ""))
            } else if values.contains(key) {
                if value == nil { value = rest.popFirst() }
                guard let value, !value.isEmpty, !value.hasPrefix("-") else { return nil }
                given.options.append((key, value))
            } else {
                return nil
            }
        }
        return given
    }

    /// The screen settings of the options given, or nil when a number does not parse (ArgumentParser says why).
    private static func screen(_ given: Given) -> ScreenSettings? {
        var settings = ScreenSettings(
            passages: given["passages"], history: given["history"], store: given["store"], record: given["record"],
            force: given["force"] != nil, hideLive: given["hide-live"] != nil,
            race: RaceChoice(pace: given["pace"], ghost: given["ghost"]))
        // The numbers as ArgumentParser reads them: each type's LosslessStringConvertible initialiser.
        if let text = given["bar"] {
            guard let bar = Double(text) else { return nil }
            settings.bar.netWPM = bar
        }
        if let text = given["min-accuracy"] {
            guard let accuracy = Double(text) else { return nil }
            settings.bar.minimumAccuracy = accuracy
        }
        if let text = given["seed"] {
            guard let seed = UInt64(text) else { return nil }
            settings.seed = seed
        }
        return settings
    }
}
