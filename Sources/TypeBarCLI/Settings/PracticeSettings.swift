/// `typebar practice` as plain values.
struct PracticeSettings: Equatable {
    var screen = ScreenSettings()
    var passage: String?
    var category: String?

    func check() throws { try screen.check() }
}
