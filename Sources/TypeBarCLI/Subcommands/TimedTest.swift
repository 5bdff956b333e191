import ArgumentParser
import TerminalUI
import TypeBarKit

/// `typebar test`: a timed test on continuous text with a visible countdown.
struct TimedTest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "A timed test on continuous support replies, with a countdown from your first key.",
        discussion: "Keys: type the text; Backspace deletes a character, Ctrl-W or Alt-Backspace a word; Tab restarts; Esc or Ctrl-C leaves."
    )

    @OptionGroup var screen: ScreenOptions
    @Option(name: .long, help: "Length of the test: 1, 2, 3 or 5 minutes (default: test_minutes in the settings file, else 1).") var minutes: Int?
    @Option(name: .long, help: "Draw the text from this category only.") var category: String?

    var settings: TestSettings {
        var settings = TestSettings(screen: screen.settings, category: category)
        settings.screen.personal.testMinutes = minutes
        return settings
    }

    func validate() throws { try TestSettings.check(minutes: minutes) }

    func run() throws { try settings.run() }
}

extension TestSettings {
    func run() throws {
        let settings = try screen.inForce()
        try MainActor.assumeIsolated { try test(settings) }
    }

    @MainActor
    private func test(_ settings: PersonalSettings) throws {
        let passages = try screen.library().passages(category: category)
        guard !passages.isEmpty else { throw TypeBarError.usage("no passages for the test") }
        let minutes = settings.testMinutes.value
        let bar = settings.hiringBar
        let hide = settings.liveFigures.value == .hidden
        var seed = screen.seed ?? .random(in: 0...999_999)
        func configuration() -> TypingSession.Configuration {
            // Enough text that nobody runs out: 250 WPM for the whole test.
            let (text, ids) = PassageLibrary.continuousText(from: passages, seed: seed, minimumCharacters: minutes * 250 * 5)
            return TypingSession.Configuration(
                mode: .timedTest(seconds: Double(minutes * 60)), text: text, passageIDs: ids,
                title: "\(minutes)-minute test · seed \(seed)", hideLiveFigures: hide, bar: bar)
        }
        try screen.runScreen(settings, first: configuration()) {
            seed += 1
            return configuration()
        }
    }
}
