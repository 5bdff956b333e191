import ArgumentParser
import Foundation
import TerminalUI
import TerminalScreen
import TypeBarKit

/// `typebar drill --kind proofread`: drafted replies with planted errors, fixed in place (docs/drills.md,
/// "Proofreading").
extension DrillSettings {
    /// The options that go with a proofreading drill, and those that do not.
    func checkProofread() throws {
        guard kind == .proofread else {
            if drafts != nil || draftSeconds != nil { throw ValidationError("--drafts and --draft-seconds go with --kind proofread.") }
            return
        }
        if let drafts, !(1...ProofreadResult.maximumDrafts).contains(drafts) {
            throw ValidationError("--drafts must be from 1 to \(ProofreadResult.maximumDrafts).")
        }
        if let draftSeconds, !(draftSeconds.isFinite && ProofreadResult.targetRange.contains(draftSeconds)) {
            throw ValidationError("--draft-seconds must be from 5 to 600 seconds a draft.")
        }
        if focus != nil { throw ValidationError("--focus does not apply to --kind proofread.") }
        if words != nil { throw ValidationError("--words does not apply to --kind proofread: give --drafts N.") }
        if minutes != 1 { throw ValidationError("--minutes does not apply to --kind proofread: give --drafts N.") }
        if target != ConfidenceModel.defaultTargetWPM { throw ValidationError("--target is a typing speed; with --kind proofread give --draft-seconds S.") }
        let personal = screen.personal
        if personal.liveFigures != nil || screen.race != RaceChoice() || personal.bar != nil || personal.minAccuracy != nil || screen.passages != nil {
            throw ValidationError("--hide-live, --show-live, --pace, --ghost, --bar, --min-accuracy and --passages do not apply to --kind proofread.")
        }
    }

    /// The drill's drafts for `seed`, in a log header.
    func proofreadHeader(seed: UInt64) throws -> ProofreadLog.Header {
        let count = drafts ?? ProofreadResult.defaultDrafts
        let made = ProofreadGenerator.drafts(count: count, from: try ProofreadMaterials.builtIn(seed: seed), seed: seed)
        guard made.count == count else { throw TypeBarError.internal("only \(made.count) of \(count) drafts could be made from the built-in replies") }
        return ProofreadLog.Header(drafts: made, seed: seed, targetSeconds: draftSeconds ?? ProofreadResult.defaultTargetSeconds)
    }

    @MainActor
    func proofread(_ settings: PersonalSettings) throws {
        var seed = screen.seed ?? .random(in: 0...999_999)
        let first = try proofreadHeader(seed: seed)
        if print {
            if json {
                Swift.print(JSONValue.object([
                    ("kind", .string("proofread")),
                    ("seed", .string(String(seed))),
                    ("target_seconds", .number(first.targetSeconds)),
                    ("drafts", ProofreadLog.json(first.drafts)),
                ]).rendered)
            } else {
                for line in Drill.describe(first) { StandardOutput.print(line) }
            }
            return
        }
        let keeper = SessionKeeper(results: try openResults(settings), recording: screen.recording)
        try keeper.checkRecording()
        guard Terminal.isInteractive else { throw TypeBarError.usage(Terminal.StartError.notATerminal.description) }
        let screenLoop = try openProofreadScreen(colours: settings.colours.value)
        func setup(_ header: ProofreadLog.Header) -> ProofreadScreen.Setup {
            ProofreadScreen.Setup(header: header, title: "proofread · seed \(header.seed)")
        }
        var failure: Error?
        let exit = screenLoop.run(first: setup(first), next: {
            seed &+= 1
            do {
                return setup(try proofreadHeader(seed: seed))
            } catch {
                // The built-in replies were read once already; should they fail now, the same drafts come again.
                failure = error
                return setup(first)
            }
        }) { finished in
            let recorded = keeper.record(log: finished.log)
            let kept = keeper.keep(.proofread(finished.result, seed: finished.setup.header.seed), log: finished.log)
            return [recorded, kept.note].compactMap { $0 }
        }
        if let failure { printError("typebar: \(failure)") }
        try keeper.finish(exit)
    }
}

extension Drill {
    /// A proofreading drill for a person: each draft, its customer's message, its errors and its answer.
    static func describe(_ header: ProofreadLog.Header) -> [String] {
        var lines = ["drill · proofread · \(counted(header.drafts.count, "draft")) · target \(formatDecimal(header.targetSeconds, places: 0)) s a draft · seed \(header.seed)"]
        for (index, draft) in header.drafts.enumerated() {
            lines.append("")
            lines.append("Draft \(index + 1) of \(header.drafts.count) · \(draft.source)")
            lines += wrapWords("\(draft.customer) wrote: \(draft.message)", width: 78)
            lines += wrapWords("Draft: \(draft.draft)", width: 78)
            lines += wrapWords("Answer: \(draft.answer)", width: 78)
            for error in draft.errors {
                let name = error.kind.name + (error.detail.map { " (\($0))" } ?? "")
                lines.append("  \(name) at \(error.draftStart)-\(error.draftEnd): \(error.change)")
            }
        }
        return lines
    }
}
