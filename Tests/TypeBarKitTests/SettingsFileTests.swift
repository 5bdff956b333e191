import Foundation
import Testing
import TestSupport
@testable import TypeBarKit

/// The problem the settings reader reports for `text`, as `typebar` prints it after `typebar: `.
private func problem(_ text: String) -> String? {
    do { _ = try SettingsFile.parse(text, path: "s.yaml", home: "/home/ana"); return nil } catch { return error.description }
}

/// A lookup over `variables`, as the process environment is read.
private func environment(_ variables: [String: String]) -> (String) -> String? { { variables[$0] } }

@Suite("The settings file: every key, its range, and each mistake as FILE:LINE with what to do")
struct SettingsFileTests {
    @Test("Every key read, each with its line; paths start from the file's folder or the home folder")
    func everyKey() throws {
        let text = """
            # what I would otherwise type every time
            bar: 45
            min_accuracy: 97.5
            test_minutes: 2

            chat_mode: guided
            chats: 6
            colours: 256
            live_figures: hidden
            history: ~/typing/history.jsonl
            store: postgres://ana@db.example.org/typebar

            """
        let file = try SettingsFile.parse(text, path: "/home/ana/.config/typebar/settings.yaml", home: "/home/ana")
        #expect(file.bar == .init(45, line: 2))
        #expect(file.minAccuracy == .init(97.5, line: 3))
        #expect(file.testMinutes == .init(2, line: 4))
        #expect(file.chatMode == .init(.guided, line: 6))
        #expect(file.chats == .init(6, line: 7))
        #expect(file.colours == .init(.full, line: 8))
        #expect(file.liveFigures == .init(.hidden, line: 9))
        #expect(file.history == .init("/home/ana/typing/history.jsonl", line: 10))
        #expect(file.store == .init("postgres://ana@db.example.org/typebar", line: 11))

        let relative = try SettingsFile.parse("history: results/h.jsonl\n", path: "/etc/typebar/settings.yaml", home: "/home/ana")
        #expect(relative.history?.value == "/etc/typebar/results/h.jsonl")
        let absolute = try SettingsFile.parse("history: /srv/h.jsonl\n", path: "/etc/typebar/settings.yaml", home: "/home/ana")
        #expect(absolute.history?.value == "/srv/h.jsonl")
    }

    @Test("An empty file, or one of comments only, sets nothing")
    func empty() throws {
        #expect(try SettingsFile.parse("", path: "s.yaml", home: "/h") == SettingsFile(path: "s.yaml"))
        #expect(try SettingsFile.parse("# nothing yet\n\n", path: "s.yaml", home: "/h") == SettingsFile(path: "s.yaml"))
    }

    @Test("An unknown key names the line, the near key and every key")
    func unknownKey() {
        let keys = "the fields are bar, min_accuracy, test_minutes, chat_mode, chats, colours, live_figures, history, store"
        #expect(problem("bar: 45\ncolors: 8\n") == #"s.yaml:2: settings: unknown field "colors" (did you mean colours?); \#(keys)"#)
        #expect(problem("min-accuracy: 97\n") == #"s.yaml:1: settings: unknown field "min-accuracy" (did you mean min_accuracy?); \#(keys)"#)
        #expect(problem("speed: 45\n") == #"s.yaml:1: settings: unknown field "speed"; \#(keys)"#)
    }

    @Test("A value that does not fit says what fits, on its line", arguments: [
        ("bar: fast", #"s.yaml:1: settings: bar: must be a number of net WPM from 0 to 300, not "fast""#),
        ("bar: 301", #"s.yaml:1: settings: bar: must be a number of net WPM from 0 to 300, not "301""#),
        ("min_accuracy: 0.95", "s.yaml:1: settings: min_accuracy: must be a percentage like 95, not a fraction like 0.95 (0 means no accuracy rule)"),
        ("min_accuracy: 101", #"s.yaml:1: settings: min_accuracy: must be a number of percent from 0 to 100, not "101""#),
        ("test_minutes: 4", #"s.yaml:1: settings: test_minutes: must be 1, 2, 3 or 5, not "4""#),
        ("chat_mode: guidd", #"s.yaml:1: settings: chat_mode: must be guided, template, macros, desk or free, not "guidd" (did you mean guided?)"#),
        ("chats: 7", #"s.yaml:1: settings: chats: must be a whole number of chats at once from 1 to 6, not "7""#),
        ("chats: 0", #"s.yaml:1: settings: chats: must be a whole number of chats at once from 1 to 6, not "0""#),
        ("colours: 265", #"s.yaml:1: settings: colours: must be auto, 8, 256 or none, not "265""#),
        ("colours: [8, 256]", "s.yaml:1: settings: colours: must be auto, 8, 256 or none, not a list"),
        ("live_figures: hiden", #"s.yaml:1: settings: live_figures: must be shown or hidden, not "hiden" (did you mean hidden?)"#),
        ("live_figures: true", #"s.yaml:1: settings: live_figures: must be shown or hidden, not "true""#),
        ("history: ''", "s.yaml:1: settings: history: is empty; give it a value or leave the field out"),
        ("store: mysql://db/typebar", "s.yaml:1: settings: store: must be a URL starting postgres://, like postgres://USER@HOST:PORT/DATABASE (docs/store.md)"),
    ])
    func badValue(line: String, expected: String) {
        #expect(problem(line + "\n") == expected)
    }

    @Test("A mistake on a later line is reported on that line")
    func laterLine() {
        #expect(problem("bar: 45\n\n# the test\ntest_minutes: 10\n") == #"s.yaml:4: settings: test_minutes: must be 1, 2, 3 or 5, not "10""#)
    }

    @Test("Text that is not YAML, a key given twice, and a list for a file are problems on their line")
    func badYAML() {
        #expect(problem("bar: 45\nchats: [2\n")?.hasPrefix("s.yaml:3: not valid YAML: ") == true, "\(problem("bar: 45\nchats: [2\n") ?? "")")
        #expect(problem("bar: 45\nbar: 50\n")?.hasPrefix("s.yaml:") == true)
        #expect(problem("bar: 45\nbar: 50\n")?.contains("a field is given twice: bar") == true)
        #expect(problem("- bar: 45\n") == "s.yaml:1: settings: expected fields like `bar: ...`, not a list")
    }

    @Test("The file is --settings, else TYPEBAR_SETTINGS, else under XDG_CONFIG_HOME when absolute, else ~/.config")
    func location() {
        let home = ["HOME": "/home/ana"]
        #expect(SettingsFile.location(option: "/x.yaml", environment: environment(home.merging(["TYPEBAR_SETTINGS": "/y.yaml"]) { $1 }))
            == .init(path: "/x.yaml", namedBy: .option("--settings")))
        #expect(SettingsFile.location(option: nil, environment: environment(home.merging(["TYPEBAR_SETTINGS": "/y.yaml", "XDG_CONFIG_HOME": "/c"]) { $1 }))
            == .init(path: "/y.yaml", namedBy: .environment("TYPEBAR_SETTINGS")))
        #expect(SettingsFile.location(option: nil, environment: environment(home.merging(["XDG_CONFIG_HOME": "/c"]) { $1 })).path == "/c/typebar/settings.yaml")
        #expect(SettingsFile.location(option: nil, environment: environment(home.merging(["XDG_CONFIG_HOME": "relative"]) { $1 })).path
            == "/home/ana/.config/typebar/settings.yaml")
        #expect(SettingsFile.location(option: "", environment: environment(home.merging(["TYPEBAR_SETTINGS": ""]) { $1 }))
            == .init(path: "/home/ana/.config/typebar/settings.yaml", namedBy: nil))
    }

    @Test("No file in the usual place is no settings; a file named on purpose must be there, be a file, and be readable")
    func reading() throws {
        let scratch = Scratch()
        let none = environment(["HOME": scratch.url.path])
        #expect(try SettingsFile.load(.init(path: scratch.path("absent.yaml"), namedBy: nil), environment: none) == nil)

        let named = SettingsFile.Location(path: scratch.path("absent.yaml"), namedBy: .environment("TYPEBAR_SETTINGS"))
        #expect(throws: TypeBarError.cannotRead(path: named.path, reason: "no such file (named by environment TYPEBAR_SETTINGS); write one (docs/settings.md) or name another")) {
            try SettingsFile.load(named, environment: none)
        }

        try FileManager.default.createDirectory(atPath: scratch.path("folder"), withIntermediateDirectories: true)
        #expect(throws: TypeBarError.cannotRead(path: scratch.path("folder"), reason: "it is a folder; name the settings file itself, like \(scratch.path("folder"))/settings.yaml")) {
            try SettingsFile.load(.init(path: scratch.path("folder"), namedBy: .option("--settings")), environment: none)
        }

        let path = scratch.write("settings.yaml", "bar: 50\n")
        #expect(try SettingsFile.load(.init(path: path, namedBy: nil), environment: none)?.bar == .init(50, line: 1))
        // /dev/null reads as an empty file: a way to run with no settings at all.
        #expect(try SettingsFile.load(.init(path: "/dev/null", namedBy: .option("--settings")), environment: none) == SettingsFile(path: "/dev/null"))

        let huge = scratch.write("huge.yaml", "# " + String(repeating: "x", count: 1 << 20) + "\n")
        #expect(throws: TypeBarError.badFile(path: huge, problem: "over 1 MiB: this is not a settings file")) {
            try SettingsFile.load(.init(path: huge, namedBy: nil), environment: none)
        }
        let binary = scratch.write("binary.yaml", Data([0x62, 0x61, 0x72, 0x3A, 0x20, 0xFF, 0x0A]))
        #expect(throws: TypeBarError.badFile(path: binary, problem: "not UTF-8 text")) {
            try SettingsFile.load(.init(path: binary, namedBy: nil), environment: none)
        }
    }

    @Test("A file without read permission is refused with what to do", .enabled(if: geteuid() != 0, "root reads any file"))
    func unreadable() throws {
        let scratch = Scratch()
        let path = scratch.write("settings.yaml", "bar: 50\n")
        chmod(path, 0)
        defer { chmod(path, 0o600) }
        #expect(throws: TypeBarError.cannotRead(path: path, reason: "permission denied; make it readable (chmod u+r) or name another settings file")) {
            try SettingsFile.load(.init(path: path, namedBy: nil), environment: environment([:]))
        }
    }
}

@Suite("What is in force: an option over the environment over the settings file over the default, for every kind of value")
struct PersonalSettingsTests {
    let file = try! SettingsFile.parse("""
        bar: 45
        min_accuracy: 97
        test_minutes: 2
        chat_mode: macros
        chats: 3
        colours: 8
        live_figures: hidden
        history: /file/h.jsonl
        store: postgres://file@db/typebar

        """, path: "/c/settings.yaml", home: "/home/ana")
    let location = SettingsFile.Location(path: "/c/settings.yaml", namedBy: nil)
    let home = ["HOME": "/home/ana"]

    func resolve(_ options: PersonalSettings.Options = .init(), file: SettingsFile?, variables: [String: String] = [:]) -> PersonalSettings {
        PersonalSettings.resolve(options, file: file, location: location, environment: environment(home.merging(variables) { $1 }))
    }

    @Test("With nothing given, the defaults")
    func defaults() {
        let settings = resolve(file: nil)
        #expect(settings.bar == .init(40, .byDefault))
        #expect(settings.minAccuracy == .init(95, .byDefault))
        #expect(settings.testMinutes == .init(1, .byDefault))
        #expect(settings.chatMode == .init(.template, .byDefault))
        #expect(settings.chats == .init(nil, .byDefault))
        #expect(settings.colours == .init(.auto, .byDefault))
        #expect(settings.liveFigures == .init(.shown, .byDefault))
        #expect(settings.history == .init("/home/ana/.local/share/typebar/history.jsonl", .byDefault))
        #expect(settings.store == .init(nil, .byDefault))
        #expect(!settings.fileFound)
    }

    @Test("The file over the defaults, each value with its line")
    func fileOverDefaults() {
        let settings = resolve(file: file)
        let at = { (line: Int) in PersonalSettings.Source.file(path: "/c/settings.yaml", line: line) }
        #expect(settings.bar == .init(45, at(1)))
        #expect(settings.minAccuracy == .init(97, at(2)))
        #expect(settings.hiringBar == HiringBar(netWPM: 45, minimumAccuracy: 97))
        #expect(settings.testMinutes == .init(2, at(3)))
        #expect(settings.chatMode == .init(.macros, at(4)))
        #expect(settings.chats == .init(3, at(5)))
        #expect(settings.colours == .init(.eight, at(6)))
        #expect(settings.liveFigures == .init(.hidden, at(7)))
        #expect(settings.history == .init("/file/h.jsonl", at(8)))
        #expect(settings.store == .init("postgres://file@db/typebar", at(9)))
        #expect(settings.fileFound)
    }

    @Test("The environment over the file: TYPEBAR_HISTORY, TYPEBAR_STORE and NO_COLOR; empty variables count as unset")
    func environmentOverFile() {
        let settings = resolve(file: file, variables: ["TYPEBAR_HISTORY": "/env/h.jsonl", "TYPEBAR_STORE": "postgres://env@db/t", "NO_COLOR": "1"])
        #expect(settings.history == .init("/env/h.jsonl", .environment("TYPEBAR_HISTORY")))
        #expect(settings.store == .init("postgres://env@db/t", .environment("TYPEBAR_STORE")))
        #expect(settings.colours == .init(.noColour, .environment("NO_COLOR")))
        let empty = resolve(file: file, variables: ["TYPEBAR_HISTORY": "", "TYPEBAR_STORE": "", "NO_COLOR": ""])
        #expect(empty.history.value == "/file/h.jsonl")
        #expect(empty.store.value == "postgres://file@db/typebar")
        #expect(empty.colours.value == .eight)
        // Without a file, the environment over the defaults; XDG_DATA_HOME moves the default history.
        #expect(resolve(file: nil, variables: ["NO_COLOR": "yes"]).colours == .init(.noColour, .environment("NO_COLOR")))
        #expect(resolve(file: nil, variables: ["XDG_DATA_HOME": "/data"]).history == .init("/data/typebar/history.jsonl", .byDefault))
    }

    @Test("An option over the environment and the file")
    func optionOverAll() {
        let options = PersonalSettings.Options(
            bar: 50, minAccuracy: 0, testMinutes: 5, chatMode: .guided, chats: 1, liveFigures: .shown, history: "/opt/h.jsonl", store: "postgres://opt@db/t")
        let settings = resolve(options, file: file, variables: ["TYPEBAR_HISTORY": "/env/h.jsonl", "TYPEBAR_STORE": "postgres://env@db/t"])
        #expect(settings.bar == .init(50, .option("--bar")))
        #expect(settings.minAccuracy == .init(0, .option("--min-accuracy")))
        #expect(settings.testMinutes == .init(5, .option("--minutes")))
        #expect(settings.chatMode == .init(.guided, .option("--mode")))
        #expect(settings.chats == .init(1, .option("--chats")))
        #expect(settings.liveFigures == .init(.shown, .option("--show-live")))
        #expect(resolve(.init(liveFigures: .hidden), file: nil).liveFigures == .init(.hidden, .option("--hide-live")))
        #expect(settings.history == .init("/opt/h.jsonl", .option("--history")))
        #expect(settings.store == .init("postgres://opt@db/t", .option("--store")))
    }

    @Test("typebar settings lists each key with its value as the file writes it and its source")
    func listing() {
        var options = PersonalSettings.Options(bar: 50)
        options.history = "/opt/h.jsonl"
        let settings = resolve(options, file: file, variables: ["NO_COLOR": "1"])
        #expect(settings.lines(showingStore: { _ in "postgres://file@db:5432/typebar" }) == [
            "settings file: /c/settings.yaml",
            "",
            "bar           50                               option --bar",
            "min_accuracy  97                               /c/settings.yaml:2",
            "test_minutes  2                                /c/settings.yaml:3",
            "chat_mode     macros                           /c/settings.yaml:4",
            "chats         3                                /c/settings.yaml:5",
            "colours       none                             environment NO_COLOR",
            "live_figures  hidden                           /c/settings.yaml:7",
            "history       /opt/h.jsonl                     option --history",
            "store         postgres://file@db:5432/typebar  /c/settings.yaml:9",
        ])
        let missing = resolve(file: nil).lines(showingStore: { $0 })
        #expect(missing[0] == "settings file: /c/settings.yaml (not there; see docs/settings.md to write one)")
        #expect(missing[6] == "chats         (the scenario's)                              default")
        #expect(missing[9] == "history       /home/ana/.local/share/typebar/history.jsonl  default")
        #expect(missing[10] == "store         (none: results stay in the history file)      default")

        var writer = JSONWriter()
        settings.writeJSON(to: &writer, showingStore: { _ in "postgres://file@db:5432/typebar" })
        #expect(writer.text.hasPrefix(#"{"file":"/c/settings.yaml","file_found":true,"settings":{"bar":{"value":50,"source":"option","option":"--bar"},"min_accuracy":{"value":97,"source":"file","line":2},"#))
        #expect(writer.text.contains(#""colours":{"value":"none","source":"environment","variable":"NO_COLOR"}"#))
        #expect(writer.text.hasSuffix(#""store":{"value":"postgres://file@db:5432/typebar","source":"file","line":9}}}"#))
    }
}
