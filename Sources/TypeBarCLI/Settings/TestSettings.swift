import ArgumentParser

/// `typebar test` as plain values.
struct TestSettings: Equatable {
    var screen = ScreenSettings()
    var minutes = 1
    var category: String?

    static func check(minutes: Int) throws {
        guard [1, 2, 3, 5].contains(minutes) else { throw ValidationError("--minutes must be 1, 2, 3 or 5.") }
    }

    func check() throws {
        try screen.check()
        try TestSettings.check(minutes: minutes)
    }
}
