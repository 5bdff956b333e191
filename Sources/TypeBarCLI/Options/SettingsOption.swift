import ArgumentParser

/// `--settings FILE`, shared by every command that reads a setting: the settings file to read instead of the usual one.
struct SettingsOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Settings file to read (default: $TYPEBAR_SETTINGS, else $XDG_CONFIG_HOME/typebar/settings.yaml; docs/settings.md).", valueName: "FILE"))
    var settings: String?
}
