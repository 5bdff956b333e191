import ArgumentParser
import TypeBarKit
import TypeBarStore

/// `typebar settings`: the settings in force and where each came from.
struct Settings: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings",
        abstract: "Show the settings in force and where each comes from: an option, the environment, the settings file or the default.",
        discussion: """
            The settings file is $XDG_CONFIG_HOME/typebar/settings.yaml (else ~/.config/typebar/settings.yaml), or the \
            file --settings or TYPEBAR_SETTINGS names. An option wins over the environment (TYPEBAR_HISTORY, \
            TYPEBAR_STORE, NO_COLOR), the environment over the file, the file over the defaults. Assessments take their \
            rules from their config, never from here. Give the options of another command to see what they change:
              typebar settings
              typebar settings --bar 50 --json

            A mistake in the file is shown as FILE:LINE with what to do, exit status 2. The keys: docs/settings.md.
            """
    )

    @OptionGroup var barOptions: BarOptions
    @Option(name: .long, help: ArgumentHelp("As typebar test --minutes: 1, 2, 3 or 5.", valueName: "N")) var minutes: Int?
    @Option(name: .long, help: "As typebar chat --mode: guided, template, macros, desk or free.") var mode: ChatShift.Mode?
    @Option(name: .long, help: ArgumentHelp("As typebar chat --chats: 1-4.", valueName: "N")) var chats: Int?
    @Flag(name: .customLong("hide-live"), help: "As on the typing screen: hide live figures.") var hideLive = false
    @Flag(name: .customLong("show-live"), help: "As on the typing screen: show live figures.") var showLive = false
    @OptionGroup var historyOptions: HistoryOptions
    @Flag(name: .long, help: "One JSON object: the file, and each setting's value and source.") var json = false

    func validate() throws {
        try TestSettings.check(minutes: minutes)
        try ChatSettings(personal: PersonalSettings.Options(chats: chats)).check()
        if hideLive && showLive { throw ValidationError("Give --hide-live or --show-live, not both.") }
    }

    func run() throws {
        var options = historyOptions.personal
        options.bar = barOptions.bar
        options.minAccuracy = barOptions.minAccuracy
        options.testMinutes = minutes
        options.chatMode = mode
        options.chats = chats
        options.liveFigures = hideLive ? .hidden : showLive ? .shown : nil
        let settings = try PersonalSettings.load(options)
        if json {
            var writer = JSONWriter()
            settings.writeJSON(to: &writer, showingStore: StoreAddress.redacted)
            print(writer.text)
        } else {
            for line in settings.lines(showingStore: StoreAddress.redacted) { StandardOutput.print(line) }
        }
    }
}
