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

    @Flag(name: .customLong("hide-live"), help: "Hide live speed and accuracy while typing (exam style; default: live_figures in the settings file, else shown).")
    var hideLive = false

    @Flag(name: .customLong("show-live"), help: "Show live speed and accuracy while typing, whatever the settings file says.")
    var showLive = false

    @OptionGroup var barOptions: BarOptions
    @OptionGroup var race: RaceOptions

    @Option(name: .long, help: ArgumentHelp("Seed for the passage order (the same seed gives the same passages).", valueName: "N"))
    var seed: UInt64?

    func validate() throws {
        if hideLive && showLive { throw ValidationError("Give --hide-live or --show-live, not both.") }
    }

    var settings: ScreenSettings {
        var personal = historyOptions.personal
        personal.bar = barOptions.bar
        personal.minAccuracy = barOptions.minAccuracy
        personal.liveFigures = hideLive ? .hidden : showLive ? .shown : nil
        return ScreenSettings(passages: library.passages, record: record, force: force, race: race.choice, seed: seed, personal: personal)
    }
}
