import Foundation
import TypeBarCore
import TypeBarFormats

extension HistoryAudit {
    /// A chat record's shift played again from its log, to read what happened in it (a report's transcripts): the
    /// shift's figures under the record's targets when the log is there, unchanged, and replays to the figures the
    /// record holds; else nil and why not, as `typebar verify` words it. A free-mode shift is replayed with the
    /// checker `spellers` gives.
    public static func replayedChat(_ record: HistoryRecord, log: StoredLog, spellers: SpellerSource) -> (result: ChatResult?, problems: [Problem]) {
        let data: Data
        switch logData(record, log: log) {
        case .success(let bytes?): data = bytes
        case .success(nil): return (nil, [.logMissing("the record names no log")])
        case .failure(let problem): return (nil, [problem])
        }
        do {
            return try log.withPath { path in chatReplay(record, path: path, data: data, spellers: spellers) } ?? (nil, [.logMissing("the record names no log")])
        } catch {
            return (nil, [.logUnreadable("\(error)")])
        }
    }

    /// The problems of a chat shift's log: missing, changed, not replaying, or replaying to other figures.
    /// A free-mode shift is replayed with the checker `spellers` gives.
    static func chatLogProblems(_ record: HistoryRecord, path: String, data: Data, spellers: SpellerSource) -> [Problem] {
        chatReplay(record, path: path, data: data, spellers: spellers).problems
    }

    /// The shift the log at `path` (whose bytes are `data`) replays to, judged by the record's targets, and its
    /// problems; the result only when there are none.
    private static func chatReplay(_ record: HistoryRecord, path: String, data: Data, spellers: SpellerSource) -> (result: ChatResult?, problems: [Problem]) {
        var problems: [Problem] = []
        if let hash = record.logHash, HistoryRecord.sha256(bytes: data) != hash { problems.append(.logChanged) }
        let replayed: ChatLog.Replayed
        do {
            replayed = try ChatLog.replay(path: path, spellers: spellers)
        } catch {
            return (nil, problems + [.logUnreadable(error.description)])
        }
        let targets = (record.chat ?? ChatSummary(replayed.shift.result(), seed: replayed.header.seed))
            .targets(bar: record.barWPM, minReplyAccuracy: record.minimumAccuracy)
        let result = replayed.shift.result(targets: targets)
        let rescored = HistoryRecord(
            id: record.id, time: record.time, chat: result, seed: replayed.header.seed,
            scenarioName: replayed.scenario.name)
        var differences: [String] = []
        func compare(_ name: String, _ recorded: Double, _ again: Double) {
            guard abs(recorded - again) > 1e-9 * max(1, abs(recorded)) else { return }
            differences.append("\(name) \(formatDecimal(recorded, places: 2)) → \(formatDecimal(again, places: 2))")
        }
        if record.textHash != rescored.textHash { differences.append("scenario or seed differs") }
        compare("net_wpm", record.netWPM, rescored.netWPM)
        compare("gross_wpm", record.grossWPM, rescored.grossWPM)
        compare("accuracy", record.accuracy, rescored.accuracy)
        compare("elapsed_seconds", record.elapsedSeconds, rescored.elapsedSeconds)
        compare("characters", Double(record.characters), Double(rescored.characters))
        compare("uncorrected_errors", Double(record.uncorrectedErrors), Double(rescored.uncorrectedErrors))
        if record.meetsBar != rescored.meetsBar { differences.append("meets_bar \(record.meetsBar) → \(rescored.meetsBar)") }
        if let chat = record.chat, let again = rescored.chat, chat != again { differences.append("chat figures differ") }
        if !differences.isEmpty { problems.append(.figuresDiffer(differences)) }
        return (problems.isEmpty ? result : nil, problems)
    }
}
