import ArgumentParser
import TypeBarKit

/// What a typing-screen command is asked for, as plain values: ArgumentParser's option groups give them, and so
/// does `QuickStart`, which reads the common command lines without ArgumentParser.
struct ScreenSettings: Equatable {
    var passages: String?
    var record: String?
    var force = false
    var race = RaceChoice()
    var seed: UInt64?
    /// The options a setting lies beneath (--bar, --min-accuracy, --hide-live or --show-live, --history, --store,
    /// and a test's --minutes), and --settings: as given, for `inForce` to put over the settings file.
    var personal = PersonalSettings.Options()

    /// The checks ArgumentParser runs on the option groups.
    func check() throws {
        try BarOptions.check(bar: personal.bar, minAccuracy: personal.minAccuracy)
        try race.check()
    }

    /// What is in force: the options over the environment, the settings file and the defaults.
    func inForce() throws -> PersonalSettings { try PersonalSettings.load(personal) }

    /// `--record FILE` and `--force`.
    var recording: SessionKeeper.Recording? { record.map { SessionKeeper.Recording(path: $0, replaces: force) } }

    func library() throws -> PassageLibrary { try LibraryOptions.load(folder: passages) }
}
