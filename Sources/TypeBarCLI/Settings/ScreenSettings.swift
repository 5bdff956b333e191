import ArgumentParser
import TypeBarKit

/// What a typing-screen command is asked for, as plain values: ArgumentParser's option groups give them, and so
/// does `QuickStart`, which reads the common command lines without ArgumentParser.
struct ScreenSettings: Equatable {
    var passages: String?
    var history: String?
    var store: String?
    var record: String?
    var force = false
    var hideLive = false
    var bar = HiringBar()
    var race = RaceChoice()
    var seed: UInt64?

    /// The checks ArgumentParser runs on the option groups.
    func check() throws {
        try BarOptions.check(bar)
        try race.check()
    }

    var historyFile: HistoryFile { HistoryFile.located(option: history) }

    /// Where results live: the store that --store or TYPEBAR_STORE names, else the history file.
    func results() throws -> any ResultStore { try openResults(option: store, local: historyFile) }

    /// `--record FILE` and `--force`.
    var recording: SessionKeeper.Recording? { record.map { SessionKeeper.Recording(path: $0, replaces: force) } }

    func library() throws -> PassageLibrary { try LibraryOptions.load(folder: passages) }
}
