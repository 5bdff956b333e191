import ArgumentParser
import TypeBarKit

/// `typebar test` as plain values; its `--minutes` is among the screen's options a setting lies beneath.
struct TestSettings: Equatable {
    var screen = ScreenSettings()
    var category: String?

    static func check(minutes: Int?) throws {
        guard let minutes else { return }
        guard SettingsFile.testMinutes.contains(minutes) else { throw ValidationError("--minutes must be 1, 2, 3 or 5.") }
    }

    func check() throws {
        try screen.check()
        try TestSettings.check(minutes: screen.personal.testMinutes)
    }
}
