import Foundation
import Testing
import TypeBarKit

/// The settings file end to end: `typebar settings`, the precedence of options, the environment and the file, the
/// commands that take their defaults from it, the mistakes it can hold, and the assessments that ignore it.
@Suite("Settings, end to end")
struct SettingsCommandTests {
    let scratch = Scratch()

    /// The environment with the settings file at `config/typebar/settings.yaml` in the scratch folder, and no
    /// TYPEBAR_HISTORY or NO_COLOR (empty counts as unset), so the file's history and colours can count.
    var environment: [String: String] {
        ["XDG_CONFIG_HOME": scratch.path("config"), "TYPEBAR_HISTORY": "", "NO_COLOR": "", "HOME": scratch.path("home")]
    }

    /// Writes the usual settings file and returns its path.
    @discardableResult
    func settings(_ text: String) -> String { scratch.write("config/typebar/settings.yaml", text) }

    @Test("Without a settings file, typebar settings shows the defaults and where a file would go")
    func noFile() throws {
        let run = try typebar(["settings"], environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("settings file: \(scratch.path("config"))/typebar/settings.yaml (not there; see docs/settings.md to write one)\n"))
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 10)
        #expect(lines[1].hasPrefix("bar           40 ") && lines[1].hasSuffix("  default"))
        #expect(lines[8].hasPrefix("history       \(scratch.path("home"))/.local/share/typebar/history.jsonl") && lines[8].hasSuffix("  default"))
        #expect(lines.dropFirst().allSatisfy { $0.hasSuffix("  default") }, "\(run.stdout)")
    }

    @Test("Each value says where it came from: the file's line, a variable, an option, the default")
    func sources() throws {
        let file = settings("""
            # my bar
            bar: 45
            colours: 256
            history: results/history.jsonl
            test_minutes: 2

            """)
        var variables = environment
        variables["NO_COLOR"] = "1"
        let run = try typebar(["settings", "--minutes", "5", "--json"], environment: variables)
        #expect(run.status == 0, "\(run.stderr)")
        let json = try jsonObject(run.stdout)
        #expect(json["file"] as? String == file)
        #expect(json["file_found"] as? Bool == true)
        let values = try #require(json["settings"] as? [String: [String: Any]])
        #expect(values["bar"]?["value"] as? Int == 45)
        #expect(values["bar"]?["source"] as? String == "file")
        #expect(values["bar"]?["line"] as? Int == 2)
        #expect(values["colours"]?["value"] as? String == "none")
        #expect(values["colours"]?["source"] as? String == "environment")
        #expect(values["colours"]?["variable"] as? String == "NO_COLOR")
        #expect(values["test_minutes"]?["value"] as? Int == 5)
        #expect(values["test_minutes"]?["option"] as? String == "--minutes")
        #expect(values["history"]?["value"] as? String == scratch.path("config/typebar/results/history.jsonl"))
        #expect(values["min_accuracy"]?["source"] as? String == "default")
        #expect(values["chats"]?["value"] is NSNull)
        #expect(values["store"]?["value"] is NSNull)

        let text = try typebar(["settings", "--history", "mine.jsonl"], environment: variables).stdout
        #expect(text.contains("\nbar           45 "))
        #expect(text.contains("  \(file):2\n"))
        #expect(text.contains("\ncolours       none "))
        #expect(text.contains("  environment NO_COLOR\n"))
        #expect(text.contains("\nhistory       mine.jsonl "))
        #expect(text.contains("  option --history\n"))
    }

    @Test("The history: an option over TYPEBAR_HISTORY over the file over the default")
    func historyPrecedence() throws {
        settings("history: /file/h.jsonl\n")
        func history(_ arguments: [String], _ variables: [String: String] = [:]) throws -> [String: Any]? {
            let run = try typebar(["settings", "--json"] + arguments, environment: environment.merging(variables) { $1 })
            return try (jsonObject(run.stdout)["settings"] as? [String: [String: Any]])?["history"]
        }
        #expect(try history([])?["value"] as? String == "/file/h.jsonl")
        #expect(try history([], ["TYPEBAR_HISTORY": "/env/h.jsonl"])?["value"] as? String == "/env/h.jsonl")
        #expect(try history(["--history", "/opt/h.jsonl"], ["TYPEBAR_HISTORY": "/env/h.jsonl"])?["value"] as? String == "/opt/h.jsonl")
        settings("bar: 45\n")
        #expect(try history([])?["value"] as? String == scratch.path("home") + "/.local/share/typebar/history.jsonl")
    }

    @Test("--settings and TYPEBAR_SETTINGS name another file; the option wins")
    func namedFiles() throws {
        settings("bar: 41\n")
        let mine = scratch.write("mine.yaml", "bar: 42\n")
        let theirs = scratch.write("theirs.yaml", "bar: 43\n")
        func bar(_ arguments: [String], _ variables: [String: String] = [:]) throws -> Int? {
            let run = try typebar(["settings", "--json"] + arguments, environment: environment.merging(variables) { $1 })
            return (try jsonObject(run.stdout)["settings"] as? [String: [String: Any]])?["bar"]?["value"] as? Int
        }
        #expect(try bar([]) == 41)
        #expect(try bar([], ["TYPEBAR_SETTINGS": theirs]) == 43)
        #expect(try bar(["--settings", mine], ["TYPEBAR_SETTINGS": theirs]) == 42)
        #expect(try bar(["--settings", "/dev/null"]) == 40)
    }

    @Test("typebar score holds a log against the file's bar, unless --bar says otherwise")
    func scoreTakesTheBar() throws {
        // 29 characters 150 ms apart on average: about 83 net WPM.
        let log = scratch.write("fast.jsonl", cleanLog("Hi Maria, thanks for waiting.", interval: 150))
        settings("bar: 100\nmin_accuracy: 97\n")
        let below = try typebar(["score", "--keys", log], environment: environment)
        #expect(below.status == 1, "\(below.stdout)\(below.stderr)")
        #expect(below.stdout.contains("below the 100 WPM bar"), "\(below.stdout)")
        let json = try jsonObject(try typebar(["score", "--keys", log, "--json"], environment: environment).stdout)
        #expect(json["bar_wpm"] as? Int == 100)
        #expect(json["meets_bar"] as? Bool == false)
        let option = try typebar(["score", "--keys", log, "--bar", "40"], environment: environment)
        #expect(option.status == 0)
        #expect(option.stdout.contains("meets the 40 WPM bar"), "\(option.stdout)")
    }

    @Test("typebar score --save keeps the result in the file's history, relative to the settings file")
    func saveToTheFilesHistory() throws {
        let log = scratch.write("fast.jsonl", cleanLog("Hi Maria, thanks for waiting.", interval: 150))
        settings("history: kept/history.jsonl\n")
        let run = try typebar(["score", "--keys", log, "--save"], environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        let kept = scratch.path("config/typebar/kept/history.jsonl")
        #expect(try HistoryFile(path: kept).records().records.count == 1)
    }

    @Test("An assessment's verdict ignores the settings: a settings bar of 60 fails the plain score, not the preset")
    func assessmentsIgnoreSettings() throws {
        // The preset's text typed at 50 WPM (240 ms a character on average) for 600 characters, well in its 3 minutes.
        let whole = String(try typebar(["assess", "--preset", "chat-40", "--print-text"]).stdout.dropLast())
        let body = cleanLog(String(whole.prefix(600)), interval: 240, headerText: false)
        let header = try JSONSerialization.data(withJSONObject: ["format": "typebar-keystrokes", "version": 1, "text": whole] as [String: Any])
        let log = scratch.write("chat-40.jsonl", String(decoding: header, as: UTF8.self) + body.drop { $0 != "\n" })
        settings("bar: 60\nmin_accuracy: 100\n")

        let preset = try typebar(["score", "--preset", "chat-40", "--keys", log, "--json"], environment: environment)
        #expect(preset.status == 0, "\(preset.stdout)\(preset.stderr)")
        #expect(try jsonObject(preset.stdout)["passed"] as? Bool == true)
        let plain = try typebar(["score", "--keys", log], environment: environment)
        #expect(plain.status == 1)
        #expect(plain.stdout.contains("below the 60 WPM bar"), "\(plain.stdout)")

        // Not even a broken settings file stands in an assessment's way.
        settings("bar: sixty\n")
        #expect(try typebar(["score", "--preset", "chat-40", "--keys", log], environment: environment).status == 0)
        #expect(try typebar(["score", "--keys", log], environment: environment).status == 2)
    }

    @Test("A mistake in the file is FILE:LINE: what is wrong, with exit 2, from every command that reads it", arguments: [
        ("bar: 45\ncolors: 8\n", #":2: settings: unknown field "colors" (did you mean colours?); the fields are bar, min_accuracy, test_minutes, chat_mode, chats, colours, live_figures, history, store"#),
        ("bar: 45\ntest_minutes: 4\n", #":2: settings: test_minutes: must be 1, 2, 3 or 5, not "4""#),
        ("chat_mode: guided\nlive_figures: hiden\n", #":2: settings: live_figures: must be shown or hidden, not "hiden" (did you mean hidden?)"#),
        ("bar: 45\nchats: [2\n", ":3: not valid YAML: "),
    ])
    func mistakes(text: String, expected: String) throws {
        let file = settings(text)
        for arguments in [["settings"], ["practice"], ["test", "--minutes", "2"], ["chat"], ["history"], ["score", "--keys", "none.jsonl"]] {
            let run = try typebar(arguments, environment: environment)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stderr.hasPrefix("typebar: \(file)\(expected)"), "\(arguments): \(run.stderr)")
            #expect(run.stdout.isEmpty)
        }
    }

    @Test("A settings file that is a folder, missing when named, or unreadable: what is wrong and what to do, exit 2")
    func unreadableFiles() throws {
        try FileManager.default.createDirectory(atPath: scratch.path("config/typebar/settings.yaml"), withIntermediateDirectories: true)
        let folder = try typebar(["settings"], environment: environment)
        #expect(folder.status == 2)
        #expect(folder.stderr == "typebar: \(scratch.path("config/typebar/settings.yaml")): cannot read: it is a folder; the settings go in a file of that name (docs/settings.md): move the folder away and write the file\n")
        let named = try typebar(["chat", "--settings", scratch.path("config/typebar")], environment: environment)
        #expect(named.status == 2)
        #expect(named.stderr == "typebar: \(scratch.path("config/typebar")): cannot read: it is a folder; name the settings file itself, like \(scratch.path("config/typebar"))/settings.yaml\n")

        let missing = try typebar(["settings", "--settings", scratch.path("absent.yaml")], environment: environment)
        #expect(missing.status == 2)
        #expect(missing.stderr == "typebar: \(scratch.path("absent.yaml")): cannot read: no such file (named by option --settings); write one (docs/settings.md) or name another\n")
        let variable = try typebar(["practice"], environment: environment.merging(["TYPEBAR_SETTINGS": scratch.path("absent.yaml")]) { $1 })
        #expect(variable.status == 2)
        #expect(variable.stderr.contains("(named by environment TYPEBAR_SETTINGS)"))

        // A store named in the file that does not read as one is reported on its line there.
        let store = scratch.write("store.yaml", "bar: 45\nstore: postgres://ana@db:port/typebar\n")
        let badStore = try typebar(["history", "--settings", store], environment: environment)
        #expect(badStore.status == 2)
        #expect(badStore.stderr.hasPrefix("typebar: \(store):2: settings: store: "), "\(badStore.stderr)")
    }

    @Test("A file without read permission, or under a file, is refused with what to do")
    func permission() throws {
        let file = scratch.write("locked.yaml", "bar: 45\n")
        chmod(file, 0)
        defer { chmod(file, 0o600) }
        // Root reads any file: then typebar runs as nobody, as setpriv can arrange.
        let asRoot = geteuid() == 0
        try #require(!asRoot || FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"), "root without setpriv cannot lock itself out")
        let arguments = ["settings", "--settings", file]
        let run = asRoot
            ? try typebar(["--reuid=65534", "--regid=65534", "--clear-groups", typebarBinary.path] + arguments, environment: environment,
                          executable: URL(fileURLWithPath: "/usr/bin/setpriv"))
            : try typebar(arguments, environment: environment)
        #expect(run.status == 2)
        #expect(run.stderr == "typebar: \(file): cannot read: permission denied; make it readable (chmod u+r) or name another settings file\n")

        let under = scratch.path("locked.yaml/settings.yaml")
        let notFolder = try typebar(["settings", "--settings", under], environment: environment)
        #expect(notFolder.status == 2)
        #expect(notFolder.stderr == "typebar: \(under): cannot read: a part of its path is a file, not a folder; name the settings file by its full path\n")
    }

    @Test("The man page's source lists typebar settings and --settings with their help")
    func manual() throws {
        // swift-argument-parser's manual generator reads the command definitions through this dump.
        let dump = try JSONSerialization.jsonObject(with: Data(try typebar(["--experimental-dump-help"]).stdout.utf8)) as? [String: Any]
        let root = try #require(dump?["command"] as? [String: Any])
        let commands = try #require(root["subcommands"] as? [[String: Any]])
        let settings = try #require(commands.first { $0["commandName"] as? String == "settings" })
        #expect((settings["abstract"] as? String)?.hasPrefix("Show the settings in force") == true)
        for name in ["practice", "test", "drill", "chat", "score", "stats", "history", "settings"] {
            let command = try #require(commands.first { $0["commandName"] as? String == name })
            let arguments = command["arguments"] as? [[String: Any]] ?? []
            let option = arguments.first { ($0["names"] as? [[String: Any]])?.contains { $0["name"] as? String == "settings" } == true }
            #expect((option?["abstract"] as? String)?.hasPrefix("Settings file to read") == true, "\(name)")
        }
        let help = try typebar(["practice", "--help"]).stdout
        #expect(help.contains("--settings <FILE>"))
        #expect(help.contains("--show-live"))
    }
}

/// The settings file seen on the screens, in tmux.
@Suite("Settings on the typing screen, end to end in tmux", .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct SettingsScreenTests {
    @Test("The file's bar is the one the results screen's verdict names; its test length is the test's")
    func barOnTheVerdict() throws {
        let tmux = try Tmux("true")
        tmux.scratch.write("config/typebar/settings.yaml", "bar: 45\nmin_accuracy: 90\ntest_minutes: 2\n")
        tmux.scratch.write("lib/replies/label.txt", "Hi Sam, your label is attached.\n")
        try tmux.tmux(["respawn-pane", "-k", "cd \(tmux.scratch.url.path) && LANG=C.UTF-8 TYPEBAR_HISTORY=history.jsonl \(typebarBinary.path) practice --passage replies/label --passages lib; sleep 60"])
        try #require(tmux.waitFor("Start when ready") != nil, "\(tmux.screen())")
        try tmux.type("Hi Sam, your ")
        Thread.sleep(forTimeInterval: 1.2)               // a score needs a second of typing
        try tmux.type("label is attached.")
        let results = try #require(tmux.waitFor("r retry · n next · "), "no results screen: \(tmux.screen())")
        #expect(results.contains("the 45 WPM bar"), "\(results)")
        try tmux.type("q")
        let record = try jsonObject(try typebar(["history", "--json", "--history", tmux.scratch.path("history.jsonl")]).stdout)
        #expect(record["bar_wpm"] as? Int == 45, "\(record)")

        try tmux.tmux(["respawn-pane", "-k", "cd \(tmux.scratch.url.path) && LANG=C.UTF-8 \(typebarBinary.path) test --seed 7; sleep 60"])
        #expect(tmux.waitFor("2-minute test · seed 7") != nil, "\(tmux.screen())")
        try tmux.keys("Escape")
    }

    @Test("colours forces the palette: 256 colours on a terminal whose entry says 8, and none at all")
    func colours() throws {
        func wrongKey(colours: String) throws -> String {
            let tmux = try Tmux("true")
            tmux.scratch.write("config/typebar/settings.yaml", "colours: \(colours)\n")
            tmux.scratch.write("lib/replies/label.txt", "Hi Sam, your label is attached.\n")
            // NO_COLOR empty: unset, so the file's colours count (a set one would win over them).
            try tmux.tmux(["respawn-pane", "-k", "cd \(tmux.scratch.url.path) && LANG=C.UTF-8 TERM=screen NO_COLOR= \(typebarBinary.path) practice --passage replies/label --passages lib; sleep 60"])
            try #require(tmux.waitFor("Start when ready") != nil, "\(tmux.screen())")
            try tmux.type("x")                           // a wrong key: white on red
            try #require(tmux.waitFor("3% done") != nil, "\(tmux.screen())")
            let painted = try tmux.tmux(["capture-pane", "-p", "-e"])
            try tmux.keys("Escape")
            return painted
        }
        let full = try wrongKey(colours: "256")
        #expect(full.contains("48;5;160"), "\(full)")
        let none = try wrongKey(colours: "none")
        #expect(!none.contains("48;5;") && !none.contains(";41m") && !none.contains("[41m"), "\(none)")
        let eight = try wrongKey(colours: "8")
        #expect(!eight.contains("48;5;") && (eight.contains(";41m") || eight.contains("[41m")), "\(eight)")
    }
}
