import ArgumentParser
import Foundation
import TerminalUI
import TerminalScreen
import TypeBarKit

extension Score {
    /// Rescores a chat shift's log: the shift replayed from its events, with the figures of the results screen, and
    /// with --save kept in the history as a shift played at the desk is (mode `chat`, a copy of the log beside it).
    /// Exit status 0 when it meets the targets, 1 when it misses one.
    func scoreChatShift(_ log: GivenLog, settings: PersonalSettings) throws {
        guard text == nil, passage == nil, timeLimit == nil else {
            throw ValidationError("A chat shift's log carries its scenario: drop --text, --passage and --time-limit.")
        }
        // Saving keeps the log's bytes, so the shift is replayed from exactly those.
        let copy = save ? try keptCopy(of: log) : nil
        defer { if let copy, copy.remove { unlink(copy.path) } }
        let replayedPath = copy?.path ?? log.path
        let replayed: ChatLog.Replayed
        do {
            replayed = try ChatLog.replay(path: replayedPath, spellers: .hunspell)
        } catch {
            throw error.naming(replayedPath, as: log.name)
        }
        var targets = ChatTargets()
        targets.bar = settings.hiringBar.netWPM
        targets.minReplyAccuracy = settings.hiringBar.minimumAccuracy
        let result = replayed.shift.result(targets: targets)
        var kept: KeptResult?
        if let copy {
            guard let text = String(data: copy.bytes, encoding: .utf8) else {
                throw TypeBarError.badFile(path: log.name, problem: "the log is not valid UTF-8 text")
            }
            kept = keep(.chat(result, seed: replayed.header.seed, scenarioName: replayed.scenario.name), log: text, settings: settings)
        }
        if json {
            var writer = JSONWriter()
            writer.beginObject()
            writer.key("source"); writer.string("chat scenario \(replayed.header.scenario)")
            writer.key("meets_bar"); writer.bool(result.meetsTargets)
            writer.key("chat"); result.writeJSON(to: &writer, seed: replayed.header.seed)
            writer.endObject()
            print(writer.text)
        } else {
            let view = ChatResultsView(result: result, title: "\(replayed.scenario.name) · \(replayed.header.mode.rawValue) · seed \(replayed.header.seed)")
            print(view.title)
            for (line, _) in view.lines { print(line) }
        }
        try tell(kept)
        if !result.meetsTargets { throw ExitCode(1) }
    }
}
