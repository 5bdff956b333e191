import ArgumentParser
import TypeBarKit

/// Options every typing-screen command shares.
struct ScreenOptions: ParsableArguments {
    @OptionGroup var library: LibraryOptions
    @OptionGroup var historyOptions: HistoryOptions

    @Option(name: .long, help: ArgumentHelp("Write each session's keystroke log (format 1) here, then FILE-2, FILE-3…; typebar score --keys rescores it. An existing file is refused unless --force.", valueName: "FILE"))
    var record: String?

    @Flag(name: .long, help: "With --record: replace files that already exist.")
    var force = false

    @Flag(name: .customLong("hide-live"), help: "Hide live speed and accuracy while typing (exam style).")
    var hideLive = false

    @OptionGroup var barOptions: BarOptions
    @OptionGroup var race: RaceOptions

    @Option(name: .long, help: ArgumentHelp("Seed for the passage order (the same seed gives the same passages).", valueName: "N"))
    var seed: UInt64?

    var settings: ScreenSettings {
        ScreenSettings(
            passages: library.passages, history: historyOptions.history, store: historyOptions.store, record: record,
            force: force, hideLive: hideLive, bar: barOptions.hiringBar, race: race.choice, seed: seed)
    }
}
