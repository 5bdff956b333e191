import ArgumentParser
import TerminalUI
import TypeBarKit

/// `typebar practice` (and plain `typebar`): one passage, the clock starting at the first key.
struct Practice: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "practice",
        abstract: "Practise on one support reply; the clock starts at your first key.",
        discussion: "Keys: type the text; Backspace deletes a character, Ctrl-W or Alt-Backspace a word; Tab restarts; Esc or Ctrl-C leaves."
    )

    @OptionGroup var screen: ScreenOptions
    @Option(name: .long, help: ArgumentHelp("Practise this passage (see typebar passages list).", valueName: "ID")) var passage: String?
    @Option(name: .long, help: "Pick passages from this category.") var category: String?

    var settings: PracticeSettings { PracticeSettings(screen: screen.settings, passage: passage, category: category) }

    func run() throws { try settings.run() }
}

extension PracticeSettings {
    func run() throws {
        let settings = try screen.inForce()
        try MainActor.assumeIsolated { try practise(settings) }
    }

    @MainActor
    private func practise(_ settings: PersonalSettings) throws {
        let library = try screen.library()
        let seed = screen.seed ?? .random(in: 0...UInt64.max)
        // The first passage, and how to find the ones Tab brings after it. For a passage named by id, the rest of
        // its category is gathered and shuffled at the first Tab, not before the first screen.
        let first: Passage
        let rest: () -> [Passage]
        if let passage {
            let chosen = try library.passage(id: passage)
            first = chosen
            rest = { PassageLibrary.shuffled((try? library.passages(category: chosen.category)) ?? [], seed: seed).filter { $0.id != chosen.id } }
        } else {
            let order = PassageLibrary.shuffled(try library.passages(category: category), seed: seed)
            guard let head = order.first else { throw TypeBarError.usage("no passages to practise on") }
            first = head
            rest = { Array(order.dropFirst()) }
        }
        let bar = settings.hiringBar
        let hide = settings.liveFigures.value == .hidden
        func configuration(_ passage: Passage) -> TypingSession.Configuration {
            TypingSession.Configuration(mode: .practice, text: passage.text, passageIDs: [passage.id], title: passage.id, hideLiveFigures: hide, bar: bar)
        }
        var order: [Passage] = []
        var index = 0
        try screen.runScreen(settings, first: configuration(first)) {
            if order.isEmpty { order = [first] + rest() }
            index = (index + 1) % order.count
            return configuration(order[index])
        }
    }
}
