import ArgumentParser
import Foundation
import TerminalUI
import TypeBarKit
import TypeBarReports

extension Score {
    /// Rescores a proofreading drill's log: its events replayed on its drafts, with the figures of the results
    /// screen. Exit status 0 when it meets the drill's target, 1 when it does not.
    func scoreProofread(path: String) throws {
        guard text == nil, passage == nil, timeLimit == nil, !save else {
            throw ValidationError("A proofreading drill's log carries its drafts: drop --text, --passage, --time-limit and --save.")
        }
        let replayed = try ProofreadReplay.replay(path: path)
        let result = replayed.result
        guard !result.drafts.isEmpty else {
            throw TypeBarError.badFile(path: path, problem: "no draft was submitted (no {\"proofread\":\"submit\"} line), so there is nothing to score")
        }
        if json {
            var writer = JSONWriter()
            writer.beginObject()
            writer.key("source"); writer.string("proofreading drill, seed \(replayed.header.seed)")
            writer.key("meets_bar"); writer.bool(result.meetsTarget)
            writer.key("proofread"); result.writeJSON(to: &writer, seed: replayed.header.seed)
            writer.endObject()
            print(writer.text)
        } else {
            print("Proofreading drill, seed \(replayed.header.seed): \(counted(result.drafts.count, "draft")) of \(result.total)")
            for (line, _) in ProofreadResultsView(result: result, title: "proofread").lines { print(line) }
            print("Verdict: " + result.verdict)
        }
        if !result.meetsTarget { throw ExitCode(1) }
    }
}
