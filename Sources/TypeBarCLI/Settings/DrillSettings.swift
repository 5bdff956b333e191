import ArgumentParser
import TypeBarKit

/// `typebar drill` as plain values: `Drill` gives them, and so does `QuickStart` for the usual command lines.
struct DrillSettings: Equatable {
    var screen = ScreenSettings()
    var target = ConfidenceModel.defaultTargetWPM
    var focus: String?
    var minutes = 1.0
    var kind = DrillKind.letters
    var print = false
    var words: Int?
    var json = false
    /// `--kind proofread`: drafts in a drill, and the target seconds a draft.
    var drafts: Int?
    var draftSeconds: Double?

    /// The checks ArgumentParser runs on a drill's options (the screen's among them).
    func check() throws {
        try screen.check()
        guard target.isFinite, (5...300).contains(target) else { throw ValidationError("--target must be a speed from 5 to 300 WPM.") }
        guard minutes.isFinite, minutes > 0, minutes <= 60 else { throw ValidationError("--minutes must be above 0 and at most 60.") }
        if let words, !(1...DrillBuilder.maximumWords).contains(words) {
            throw ValidationError("--words must be from 1 to \(DrillBuilder.maximumWords).")
        }
        if let focus, DrillFocus(parsing: focus) == nil {
            throw ValidationError("--focus must be keys (b, or b,v) or a pair of characters (th), not \"\(focus)\".")
        }
        if (json || words != nil) && !print { throw ValidationError("--json and --words go with --print.") }
        if focus != nil && kind == .details { throw ValidationError("--focus does not apply to --kind details.") }
        try checkProofread()
    }
}
