import ArgumentParser
import Foundation
import TerminalUI
import TerminalScreen
import TypeBarKit

extension Score {
    /// Rescores a chat shift's log: the shift replayed from its events, with the figures of the results screen.
    /// Exit status 0 when it meets the targets, 1 when it misses one.
    func scoreChatShift(path: String) throws {
        guard text == nil, passage == nil, timeLimit == nil, !save else {
            throw ValidationError("A chat shift's log carries its scenario: drop --text, --passage, --time-limit and --save.")
        }
        let replayed = try ChatLog.replay(path: path, spellers: .hunspell)
        var targets = ChatTargets()
        targets.bar = barOptions.bar
        targets.minReplyAccuracy = barOptions.minAccuracy
        let result = replayed.shift.result(targets: targets)
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
        if !result.meetsTargets { throw ExitCode(1) }
    }
}
