import ArgumentParser
import Foundation
import TerminalUI
import TerminalScreen
import TypeBarKit

extension ChatShift.Mode: ExpressibleByArgument {}

/// `typebar chat`: a shift at a simulated chat desk, several customers at once, scored on response time, reply
/// accuracy and typing speed. Also lists and checks scenarios.
struct Chat: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "A shift at a simulated chat desk: several customers at once, scored on first response, accuracy and speed.",
        discussion: """
            Modes: guided (the exact reply is shown), template (a canned reply with blanks to fill from the conversation; the default), macros (/shortcut then Tab inserts a canned reply; Tab moves between blanks).

            Keys: F1-F4 or Alt-1..Alt-4 switch chats; Ctrl-N jumps to the customer waiting longest; Enter sends; Backspace, Ctrl-W and Alt-Backspace delete; Esc twice ends the shift early.

            Scenarios: typebar chat --list; check your own with typebar chat --check FILE (docs/chat.md).
            """
    )

    @Option(name: .long, help: ArgumentHelp("A built-in scenario (see --list).", valueName: "ID")) var scenario: String?
    @Option(name: .customLong("scenario-file"), help: ArgumentHelp("A scenario file of your own (docs/chat.md).", valueName: "FILE")) var scenarioFile: String?
    @Option(name: .long, help: ArgumentHelp("Chats at once, 1-4 (default: the scenario's).", valueName: "N")) var chats: Int?
    @Option(name: .long, help: "guided, template or macros.") var mode: ChatShift.Mode = .template
    @Option(name: .long, help: ArgumentHelp("Seed for the customers' details (the same seed, the same shift).", valueName: "N")) var seed: UInt64?
    @Option(name: .long, help: ArgumentHelp("Write the shift's keystroke log here, then FILE-2, FILE-3… for more shifts; typebar score --keys rescores it. An existing file is refused unless --force.", valueName: "FILE")) var record: String?
    @Flag(name: .long, help: "With --record: replace files that exist.") var force = false
    @OptionGroup var historyOptions: HistoryOptions
    @Flag(name: .long, help: "List the built-in scenarios.") var list = false
    @Option(name: .long, help: ArgumentHelp("Check a scenario (a built-in id or a file) and print it as drawn with --seed.", valueName: "ID|FILE")) var check: String?
    @Flag(name: .long, help: "With --list or --check: JSON.") var json = false

    func validate() throws {
        try settings.check()
        if list && check != nil { throw ValidationError("give --list or --check, not both.") }
        if json && !list && check == nil { throw ValidationError("--json goes with --list or --check.") }
    }

    var settings: ChatSettings {
        ChatSettings(
            scenario: scenario, scenarioFile: scenarioFile, chats: chats, mode: mode, seed: seed, record: record, force: force,
            history: historyOptions.history, store: historyOptions.store)
    }

    func run() throws {
        if list { return try listScenarios() }
        if let check { return try checkScenario(check) }
        try settings.run()
    }

    private func listScenarios() throws {
        let files = try ScenarioCatalog.all()
        if json {
            var writer = JSONWriter()
            writer.beginArray()
            for file in files { file.writeSummary(to: &writer) }
            writer.endArray()
            print(writer.text)
            return
        }
        let width = files.map(\.id.count).max() ?? 2
        print("ID".padded(to: width) + "  CHATS  CUSTOMERS  MINUTES  CATEGORY")
        for file in files {
            let minutes = formatDecimal(file.timeLimit / 60, places: file.timeLimit.truncatingRemainder(dividingBy: 60) == 0 ? 0 : 1)
            print("\(file.id.padded(to: width))  \(String(file.chats).leftPadded(to: 5))  \(String(file.customerCount).leftPadded(to: 9))  \(minutes.leftPadded(to: 7))  \(file.category)")
            print(String(repeating: " ", count: width + 2) + file.summary)
        }
        print("\(files.count) scenarios. Play one: typebar chat --scenario ID [--mode guided|template|macros]")
    }

    private func checkScenario(_ argument: String) throws {
        let file = try ScenarioCatalog.resolve(argument)
        let seed = self.seed ?? 1
        let drawn = file.draw(seed: seed)
        if json {
            var writer = JSONWriter()
            drawn.writeJSON(to: &writer, seed: seed)
            print(writer.text)
        } else {
            print(drawn.describe(seed: seed))
            print("")
            print("\(argument): ok (\(file.customerCount) customers, \(file.replyCount) replies)")
        }
    }
}

/// A shift at the chat desk as plain values: `Chat` gives them, and so does `QuickStart` for the usual command lines.
struct ChatSettings: Equatable {
    var scenario: String?
    var scenarioFile: String?
    var chats: Int?
    var mode = ChatShift.Mode.template
    var seed: UInt64?
    var record: String?
    var force = false
    var history: String?
    var store: String?

    /// The checks ArgumentParser runs on a shift's options.
    func check() throws {
        if let chats, !(1...4).contains(chats) { throw ValidationError("--chats must be 1, 2, 3 or 4.") }
        if scenario != nil && scenarioFile != nil { throw ValidationError("give --scenario or --scenario-file, not both.") }
    }

    func run() throws {
        try MainActor.assumeIsolated { try play() }
    }

    /// `run.jsonl`, `run-2.jsonl`, `run-3.jsonl`… for the shifts of one run.
    static func numbered(_ path: String, _ index: Int) -> String {
        guard index > 1 else { return path }
        let url = URL(fileURLWithPath: path)
        let ext = url.pathExtension
        let base = ext.isEmpty ? path : String(path.dropLast(ext.count + 1))
        return "\(base)-\(index)" + (ext.isEmpty ? "" : ".\(ext)")
    }

    /// The scenario to play, read and checked before the terminal is taken over.
    private func scenarioFileToPlay() throws -> ScenarioFile {
        if let scenarioFile { return try ScenarioCatalog.load(path: scenarioFile) }
        return try ScenarioCatalog.builtIn(scenario ?? ScenarioCatalog.defaultID)
    }

    @MainActor
    private func play() throws {
        let file = try scenarioFileToPlay()
        if let record, !force, FileManager.default.fileExists(atPath: record) {
            throw TypeBarError.usage("--record \(record): the file exists and may hold someone's keystrokes; give a new name, or add --force to replace it")
        }
        guard Terminal.isInteractive else { throw TypeBarError.usage(Terminal.StartError.notATerminal.description) }
        let screen: ChatScreen
        do {
            screen = try ChatScreen(color: Environment.value("NO_COLOR").map { $0.isEmpty } ?? true)
        } catch {
            throw TypeBarError.usage(error.description)
        }
        var seed = self.seed ?? .random(in: 0...999_999)
        let mode = self.mode
        let chats = self.chats
        func setup() -> ChatScreen.Setup {
            ChatScreen.Setup(scenario: file.draw(seed: seed), seed: seed, mode: mode, chats: chats)
        }
        let header = { (seed: UInt64) in
            ChatLog.Header(scenario: file.id, scenarioText: scenarioFile == nil ? nil : file.sourceText, mode: mode, seed: seed, chats: chats)
        }
        let record = self.record
        let history = try openResults(option: store, local: HistoryFile.located(option: self.history))
        var shifts = 0
        var unsaved: [Kept] = []
        let exit = screen.run(first: setup(), again: {
            seed += 1
            return setup()
        }, finished: { finished in
            shifts += 1
            var notes: [String] = []
            let log = ChatLog.text(header: header(finished.setup.seed), events: finished.session.events)
            if let record {
                let path = ChatSettings.numbered(record, shifts)
                do {
                    if !force, shifts > 1, FileManager.default.fileExists(atPath: path) {
                        throw TypeBarError.usage("the file exists; it was left as it is")
                    }
                    try log.write(toFile: path, atomically: true, encoding: .utf8)
                    notes.append("Keystrokes saved to \(path) (typebar score --keys \(path) rescores them).")
                } catch {
                    notes.append("Keystrokes saved nowhere: \(path): \((error as? TypeBarError)?.description ?? error.localizedDescription)")
                }
            }
            // A shift nobody touched says nothing about anyone: it is not kept.
            guard !finished.session.events.isEmpty else { return notes }
            let now = Date().timeIntervalSince1970
            let kept = history.keep(HistoryRecord(
                id: HistoryFile.newID(time: now), time: now, chat: finished.result, seed: finished.setup.seed,
                scenarioName: finished.setup.scenario.name), log: log)
            if !kept.problems.isEmpty { unsaved.append(kept) }
            notes.append(kept.note.prefix(1).uppercased() + kept.note.dropFirst() + ".")
            return notes
        })
        for kept in unsaved { kept.report() }
        if case .quit = exit, !unsaved.isEmpty { throw ExitCode(2) }
        switch exit {
        case .quit: break
        case .signal(let number): throw ExitCode(128 + number)
        }
    }
}

extension Replay {
    /// Plays a saved chat shift back on the chat desk.
    @MainActor
    func replayChatShift(_ record: HistoryRecord, log path: String, speed: Double) throws {
        let replayed = try ChatLog.replay(path: path)
        guard Terminal.isInteractive else {
            throw TypeBarError.usage("typebar replay needs a terminal; to see the figures without one, run: typebar score --keys \(path)")
        }
        let screen: ChatScreen
        do {
            screen = try ChatScreen(color: Environment.value("NO_COLOR").map { $0.isEmpty } ?? true)
        } catch {
            throw TypeBarError.usage(error.description)
        }
        let setup = ChatScreen.Setup(scenario: replayed.scenario, seed: replayed.header.seed, mode: replayed.header.mode, chats: replayed.header.chats)
        let title = "replay \(HistoryTable.shortID(record.id))" + (speed == 1 ? "" : " at \(formatDecimal(speed, places: 1))×")
        if case .signal(let number) = screen.replay(setup, events: replayed.events, speed: speed, title: title) {
            throw ExitCode(128 + number)
        }
    }
}
