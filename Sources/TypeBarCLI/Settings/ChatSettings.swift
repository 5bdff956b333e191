import ArgumentParser
import TypeBarKit

/// A shift at the chat desk as plain values: `Chat` gives them, and so does `QuickStart` for the usual command lines.
struct ChatSettings: Equatable {
    var scenario: String?
    var scenarioFile: String?
    var seed: UInt64?
    var record: String?
    var force = false
    /// The options a setting lies beneath (--chats, --mode, --history, --store) and --settings, as given.
    var personal = PersonalSettings.Options()

    /// The checks ArgumentParser runs on a shift's options.
    func check() throws {
        if let chats = personal.chats, !(1...ChatShift.maximumChats).contains(chats) { throw ValidationError("--chats must be a number of chats from 1 to \(ChatShift.maximumChats).") }
        if scenario != nil && scenarioFile != nil { throw ValidationError("give --scenario or --scenario-file, not both.") }
    }

    /// `--record FILE` and `--force`.
    var recording: SessionKeeper.Recording? { record.map { SessionKeeper.Recording(path: $0, replaces: force) } }
}
