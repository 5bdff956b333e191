import Foundation
import Testing
import TestSupport
@testable import TypeBarCore
@testable import TypeBarKit

/// A played shift of the built-in warm-up: the first customer answered exactly, the second never.
private func playedShift() throws -> (ChatResult, ChatLog.Header, [(event: ChatShift.Event, time: Double)]) {
    let scenario = try ScenarioCatalog.builtIn("warm-up-double-charge").draw(seed: 3)
    var shift = ChatShift(scenario: scenario, mode: .guided)
    var events: [(event: ChatShift.Event, time: Double)] = []
    let customer = scenario.customers[0]
    var time = 2000.0
    for character in TargetText.normaliseWhitespace(customer.turns[0].reply.filled(with: customer.details)) {
        events.append((.type(character), time))
        time += 110
    }
    events.append((.send, time + 300))
    events.append((.leave, 60_000))
    for (event, at) in events { shift.apply(event, at: at) }
    return (shift.result(), ChatLog.Header(scenario: "warm-up-double-charge", mode: .guided, seed: 3), events)
}

@Suite("Chat shifts in logs and the history")
struct ChatHistoryTests {
    @Test("A written chat log replays to the same figures")
    func logRoundTrip() throws {
        let (result, header, events) = try playedShift()
        let scratch = Scratch()
        let path = scratch.write("shift.jsonl", ChatLog.text(header: header, events: events))
        #expect(try ChatLog.isChatLog(path: path))
        let recorded = try ChatLog.load(path: path)
        #expect(recorded.header == header)
        #expect(recorded.events.count == events.count)
        let replayed = try ChatLog.replay(path: path, spellers: noSpeller)
        #expect(replayed.header == header)
        #expect(replayed.shift.result() == result)
        #expect(recorded.replayed(speller: nil).result() == result)
        #expect(result.leftEarly)
        #expect(result.served == 0 && result.replyCount == 1)
    }

    @Test("A scenario file's text travels in the log, so the log replays without the file")
    func selfContained() throws {
        let text = """
        name: Own
        chats: 1
        patience: 30
        time_limit: 60
        customers:
          - arrival: 0
            details: {name: Kim}
            turns: [{message: "Hi", reply: "Hello [name]"}]
        """
        var shift = ChatShift(scenario: try ScenarioFile.parse(text, path: "own.yaml", id: "own.yaml", canned: CannedReplies()).draw(seed: 1), mode: .template)
        var events: [(event: ChatShift.Event, time: Double)] = []
        for (index, character) in "Hello Kim".enumerated() { events.append((.type(character), 500 + Double(index) * 150)) }
        events.append((.send, 2500))
        for (event, time) in events { shift.apply(event, at: time) }
        let scratch = Scratch()
        let path = scratch.write("own.jsonl", ChatLog.text(header: ChatLog.Header(scenario: "own.yaml", scenarioText: text, mode: .template, seed: 1), events: events))
        let replayed = try ChatLog.replay(path: path, spellers: noSpeller)
        #expect(replayed.shift.result() == shift.result())
        // 9 characters from 0.5 s to the send at 2.5 s: (9 / 5) / (2 / 60) = 54 net WPM.
        #expect(isCloseEnough(replayed.shift.result().netWPM ?? 0, 54))
        #expect(replayed.shift.result().meetsTargets)
        #expect(replayed.shift.result().served == 1)
    }

    @Test("A chat record keeps its figures through the history file, and stats gets a response-time point")
    func historyRoundTrip() throws {
        let (result, _, _) = try playedShift()
        let record = HistoryRecord(id: "20261201-120000-abcd", time: 1_764_590_400, chat: result, seed: 3, scenarioName: "Warm-up")
        #expect(record.mode == .chat)
        #expect(record.group == "chat warm-up-double-charge")
        #expect(record.flags.map(\.name) == ["left_early"])
        let scratch = Scratch()
        let path = scratch.write("history.jsonl", record.jsonLine + "\n")
        let (records, skipped) = try HistoryFile(path: path).records()
        #expect(skipped.count == 0)
        let read = try #require(records.first)
        #expect(read == record)
        let chat = try #require(read.chat)
        #expect(chat.served == 0)
        #expect(chat.notServed == 2)
        #expect(chat.replies == 1)
        #expect(chat.medianFirstResponse == result.medianFirstResponse)
        #expect(chat.missedTargets.contains("not_served"))
        let stats = try HistoryStats.gather(from: HistoryFile(path: path))
        #expect(stats.chatShifts.count == 1)
        #expect(stats.chatShifts.first?.medianFirstResponse == result.medianFirstResponse)
    }

    @Test("A damaged chat object marks the record's line damaged")
    func damagedRecord() throws {
        let (result, _, _) = try playedShift()
        let line = HistoryRecord(id: "20261201-120000-abcd", time: 1_764_590_400, chat: result, seed: 3, scenarioName: "Warm-up").jsonLine
        let scratch = Scratch()
        let path = scratch.write("history.jsonl", line.replacingOccurrences(of: "\"served\":0", with: "\"served\":-4") + "\n")
        let (records, skipped) = try HistoryFile(path: path).records()
        #expect(records.isEmpty)
        #expect(skipped.count == 1)
    }
}

/// These shifts are not in free mode, so none of them asks for a spell checker.
let noSpeller = SpellerSource.unavailable("no dictionary in these tests")

private func isCloseEnough(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-9 }

@Suite("typebar verify on chat shifts")
struct ChatVerifyTests {
    @Test("A kept shift verifies; its log changed, the figures no longer match")
    func verify() throws {
        let (result, header, events) = try playedShift()
        let scratch = Scratch()
        let file = HistoryFile(path: scratch.url.appendingPathComponent("history.jsonl").path)
        let log = ChatLog.text(header: header, events: events)
        let (saved, problems) = file.save(HistoryRecord(id: "20261201-120000-abcd", time: 1_764_590_400, chat: result, seed: 3, scenarioName: "Warm-up"), log: log)
        #expect(problems.isEmpty)
        #expect(HistoryAudit.check(saved, in: file, key: nil, spellers: noSpeller).problems.isEmpty)
        // One key fewer in the log: the reply changes, and so do the figures.
        let path = try #require(file.logPath(of: saved))
        let lines = log.split(separator: "\n")
        try (lines.prefix(5) + lines.dropFirst(6)).joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
        let found = HistoryAudit.check(saved, in: file, key: nil, spellers: noSpeller).problems
        #expect(found.contains(HistoryAudit.Problem.logChanged))
        #expect(found.contains { if case .figuresDiffer = $0 { true } else { false } })
    }
}
