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
            Modes: guided (the exact reply is shown), template (a canned reply with blanks to fill from the conversation; the default), macros (/shortcut then Tab inserts a canned reply; Tab moves between blanks), desk (nothing says what to send: find the reply in the knowledge base, read the customer's profile, escalate and close chats; each choice is scored and customers react), free (as desk, but you write each reply in your own words, scored on a writing rubric with Hunspell's dictionary; TYPEBAR_DICTIONARY names another).

            Keys: F1-F6 or Alt-1..Alt-6 switch chats; Ctrl-N jumps to the most urgent customer (a first reply due soonest, else the longest wait); Enter sends; Backspace, Ctrl-W and Alt-Backspace delete; Esc twice ends the shift early.

            Desk and free modes: / (in an empty reply or after a space) or Ctrl-K searches the knowledge base, arrows choose, Tab or Enter inserts the reply with its blanks; Ctrl-E escalates the chat (a team, then an internal note, then Enter); Ctrl-T closes it with a wrap-up tag; Ctrl-P shows the customer's profile (beside the conversation from 100 columns); Esc closes a search or a list.

            Scenarios: typebar chat --list; check your own with typebar chat --check FILE (docs/chat.md).
            """
    )

    @Option(name: .long, help: ArgumentHelp("A built-in scenario (see --list).", valueName: "ID")) var scenario: String?
    @Option(name: .customLong("scenario-file"), help: ArgumentHelp("A scenario file of your own (docs/chat.md).", valueName: "FILE")) var scenarioFile: String?
    @Option(name: .long, help: ArgumentHelp("Chats at once, 1-6 (default: chats in the settings file, else the scenario's).", valueName: "N")) var chats: Int?
    @Option(name: .long, help: "guided, template, macros, desk or free (default: chat_mode in the settings file, else template).") var mode: ChatShift.Mode?
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
        var personal = historyOptions.personal
        personal.chats = chats
        personal.chatMode = mode
        return ChatSettings(scenario: scenario, scenarioFile: scenarioFile, seed: seed, record: record, force: force, personal: personal)
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
        print("ID".padded(to: width) + "  CHATS  CUSTOMERS  MINUTES  DESK  CATEGORY")
        for file in files {
            let minutes = formatDecimal(file.timeLimit / 60, places: file.timeLimit.truncatingRemainder(dividingBy: 60) == 0 ? 0 : 1)
            let desk = (file.isDesk ? "yes" : "").padded(to: 4)
            print("\(file.id.padded(to: width))  \(String(file.chats).leftPadded(to: 5))  \(String(file.customerCount).leftPadded(to: 9))  \(minutes.leftPadded(to: 7))  \(desk)  \(file.category)")
            print(String(repeating: " ", count: width + 2) + file.summary)
        }
        let desk = files.filter(\.isDesk).count
        print("\(files.count) scenarios, \(desk) written for desk mode (profiles, scored choices, actions). Play one: typebar chat --scenario ID [--mode guided|template|macros|desk|free]")
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

extension ChatSettings {
    func run() throws {
        let settings = try PersonalSettings.load(personal)
        try MainActor.assumeIsolated { try play(settings) }
    }

    /// A scenario file, or a built-in scenario that has nothing kept beside it (an unknown id: its message), read
    /// and checked before the terminal is taken over.
    private func scenarioFileToPlay() throws -> ScenarioFile {
        if let scenarioFile { return try ScenarioCatalog.load(path: scenarioFile) }
        return try ScenarioCatalog.builtIn(scenario ?? ScenarioCatalog.defaultID)
    }

    @MainActor
    private func play(_ settings: PersonalSettings) throws {
        let mode = settings.chatMode.value
        let chats = settings.chats.value
        var seed = self.seed ?? .random(in: 0...999_999)
        // A built-in scenario is read on another thread while its intro, drawn from what is kept beside it, is on
        // the screen; a trainer's own file, which may hold mistakes, is read and checked before the screen opens.
        let id = scenario ?? ScenarioCatalog.defaultID
        let about = scenarioFile == nil ? ScenarioCatalog.about(id) : nil
        // Once read, the scenario is rehearsed where nobody sees it (ChatSession.rehearse), so the desk's one-time
        // costs fall while the intro is read, not at the first search or Tab.
        let firstSeed = seed
        let reading = about == nil ? nil : ReadAhead({ () throws(TypeBarError) in try ScenarioCatalog.builtIn(id) }, afterwards: { file in
            ChatSession.rehearse(file.draw(seed: firstSeed), mode: mode, chats: chats)
        })
        var file = reading == nil ? try scenarioFileToPlay() : nil
        if let file {
            let scenario = file.draw(seed: firstSeed)
            Thread { ChatSession.rehearse(scenario, mode: mode, chats: chats) }.start()
        }
        // Free mode's dictionary is opened before anything else, so a missing one is a message, not a screen.
        let speller = try SpellerSource.hunspell.speller(for: mode)
        let keeper = SessionKeeper(results: try openResults(settings), recording: recording)
        try keeper.checkRecording()
        let screen = try openChatScreen(colours: settings.colours.value)
        let scenarioText = scenarioFile == nil ? nil : file?.sourceText
        var failure: TypeBarError?
        func setup() -> ChatScreen.Setup? {
            do {
                if file == nil { file = try reading?.value() }
            } catch {
                failure = error
            }
            guard let file else { return nil }
            var setup = ChatScreen.Setup(scenario: file.draw(seed: seed), seed: seed, mode: mode, chats: chats)
            setup.speller = speller
            return setup
        }
        let intro = about.map { about in
            ChatIntroView(
                about: ChatIntroView.About(name: about.name, summary: about.summary, customers: about.customers, chats: about.chats, patience: about.patience, timeLimit: about.timeLimit),
                mode: mode, seed: seed, chats: ChatShift.chatCount(chats, scenario: about.chats))
        }
        let exit = screen.run(intro: intro, first: setup, again: {
            seed += 1
            return setup()
        }, finished: { finished in
            let header = ChatLog.Header(scenario: file?.id ?? id, scenarioText: scenarioText, mode: mode, seed: finished.setup.seed, chats: chats)
            let log = ChatLog.text(header: header, events: finished.session.events)
            var notes: [String] = []
            if let recorded = keeper.record(log: log) { notes.append(recorded.prefix(1).uppercased() + recorded.dropFirst() + ".") }
            // A shift nobody touched says nothing about anyone: it is not kept.
            guard !finished.session.events.isEmpty else { return notes }
            let kept = keeper.keep(.chat(finished.result, seed: finished.setup.seed, scenarioName: finished.setup.scenario.name), log: log)
            notes.append(kept.note.prefix(1).uppercased() + kept.note.dropFirst() + ".")
            return notes
        })
        if let failure { throw failure }
        try keeper.finish(exit)
    }
}
