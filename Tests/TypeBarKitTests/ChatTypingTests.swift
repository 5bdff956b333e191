import Foundation
import Testing
import TestSupport
import TypeBarCore
@testable import TypeBarKit

/// Two customers at once, both there from the start: Ann (chat 1) is answered "dog", Bo (chat 2) "cat".
private let twoChats = """
name: Two at once
chats: 2
patience: 60
time_limit: 60
customers:
  - arrival: 0
    details: {name: Ann}
    turns: [{message: "Hi", reply: "dog"}]
  - arrival: 0
    details: {name: Bo}
    turns: [{message: "Hey", reply: "cat"}]
"""

@Suite("Chat shifts feed drills and bests")
struct ChatTypingTests {
    @Test("A chat shift's replies are measured as typing, each draft on its own clock, worked by hand")
    func replies() throws {
        let scenario = try ScenarioFile.parse(twoChats, path: "two.yaml", id: "two.yaml", canned: CannedReplies()).draw(seed: 1)
        // "do" in chat 1, "cx" in chat 2, back for "g" and the send, then in chat 2 a backspace, "at" and the send.
        let events: [(event: ChatShift.Event, time: Double)] = [
            (.type("d"), 1000), (.type("o"), 1200), (.select(1), 1500), (.type("c"), 1700), (.type("x"), 1900),
            (.select(0), 2000), (.type("g"), 2400), (.send, 2600), (.select(1), 2700), (.backspace, 3000),
            (.type("a"), 3100), (.type("t"), 3300), (.send, 3500),
        ]
        let typing = ChatTyping(ChatLog.Recorded(header: ChatLog.Header(scenario: "two.yaml", mode: .guided, seed: 1), scenario: scenario, events: events))
        #expect(typing.replies.map(\.expected.text) == ["dog", "cat"])
        // Each draft's clock: "g" is the first key after time in the other chat, so it comes after the idle limit
        // (10,001 ms on) and is not timed; "o" is 200 ms after "d". In "cat", the backspace comes back from chat 1,
        // "a" and "t" follow it 100 and 200 ms later.
        #expect(typing.replies[0].keystrokes.map(\.time) == [0, 200, 10_201])
        #expect(typing.replies[1].keystrokes.map(\.time) == [0, 200, 10_201, 10_301, 10_501])
        let timings = try #require(typing.timings)
        func key(_ character: String) -> TimingObservation? { timings.keys.first { $0.key == character } }
        // Untimed: d and c (first keys), g (after chat 2). "a" was due twice: "x" typed in its place 200 ms after
        // "c" (an error), then "a" 100 ms after the backspace: (200 + 100) / 2 = 150 ms. "o" and "t": 200 ms.
        #expect(key("d") == TimingObservation(key: "d", typed: 1, errors: 0, meanMilliseconds: nil))
        #expect(key("o") == TimingObservation(key: "o", typed: 1, errors: 0, meanMilliseconds: 200))
        #expect(key("g") == TimingObservation(key: "g", typed: 1, errors: 0, meanMilliseconds: nil))
        #expect(key("c") == TimingObservation(key: "c", typed: 1, errors: 0, meanMilliseconds: nil))
        #expect(key("a") == TimingObservation(key: "a", typed: 2, errors: 1, meanMilliseconds: 150))
        #expect(key("t") == TimingObservation(key: "t", typed: 1, errors: 0, meanMilliseconds: 200))
        // Pairs typed in place one after the other: "do" and "at"; "og" spans the time away, "ca" the correction.
        #expect(timings.bigrams == [TimingObservation(key: "at", typed: 1, meanMilliseconds: 200), TimingObservation(key: "do", typed: 1, meanMilliseconds: 200)])
    }

    @Test("Kept chat shifts feed the drill's model from their logs: every key at the pace it was typed")
    func drillFromShifts() throws {
        let scratch = Scratch()
        let file = HistoryFile(path: scratch.path("history.jsonl"))
        let keeper = SessionKeeper(results: file, now: { 1_795_000_000 })
        var replies = ""
        for _ in 0..<5 {
            let played = try PlayedShift(interval: 160)
            #expect(keeper.keep(.chat(played.result, seed: 3, scenarioName: "Warm-up"), log: played.log).isKept)
            replies = played.result.replies.map(\.text).joined()
        }
        let history = try DrillHistory.gather(from: file, targetWPM: 40)
        #expect(history.sessionsRead == 5 && history.logsRead == 5 && history.logsUnreadable == 0)
        // Four replies a shift, each typed 160 ms a key after its first: every key's mean is 160 ms, so its
        // confidence is 300 / 160; "e" was due as often as the replies hold it, five times over.
        let e = try #require(history.model.key("e"))
        #expect(e.typed == 5 * replies.filter { $0 == "e" }.count)
        #expect(isClose(try #require(e.smoothedMilliseconds), 160))
        #expect(isClose(try #require(e.confidence), 300.0 / 160))
        #expect(!DrillBuilder.plan(DrillRequest(seed: 1), model: history.model, pool: WordPool(texts: [replies])).isPlacement)
    }

    @Test("Only the chat shifts among the latest 20 sessions with a log are replayed; older ones are passed over")
    func logWindow() throws {
        let scratch = Scratch()
        let file = HistoryFile(path: scratch.path("history.jsonl"))
        let keeper = SessionKeeper(results: file, now: { 1_795_000_000 })
        let played = try PlayedShift(interval: 160)
        for _ in 0..<(DrillHistory.logSessions + 2) {
            keeper.keep(.chat(played.result, seed: 3, scenarioName: "Warm-up"), log: played.log)
        }
        let history = try DrillHistory.gather(from: file, targetWPM: 40)
        #expect(history.sessionsRead == DrillHistory.logSessions && history.logsRead == DrillHistory.logSessions)
    }

    @Test("A chat group's personal best is the shift that served most, not the fastest sliver of typing")
    func chatBests() throws {
        let scratch = Scratch()
        let file = HistoryFile(path: scratch.path("history.jsonl"))
        // A shift left after one fast reply: its net WPM is far above any whole shift's.
        let scenario = try ScenarioCatalog.builtIn("warm-up-double-charge").draw(seed: 3)
        var sliver = ChatShift(scenario: scenario, mode: .guided)
        var time = 1000.0
        let customer = scenario.customers[0]
        for character in TargetText.normaliseWhitespace(customer.turns[0].reply.filled(with: customer.details)) {
            sliver.apply(.type(character), at: time)
            time += 40
        }
        sliver.apply(.send, at: time)
        sliver.apply(.leave, at: time + 500)
        let slow = try PlayedShift(interval: 240)
        let quick = try PlayedShift(interval: 200)
        for (index, result) in [slow.result, sliver.result(), quick.result].enumerated() {
            try file.append(HistoryRecord(id: "20261201T12000\(index)-0000000\(index)", time: 1_795_000_000 + Double(index) * 3600, chat: result, seed: 3, scenarioName: "Warm-up"))
        }
        #expect(sliver.result().netWPM ?? 0 > 200)
        let stats = try HistoryStats.gather(from: file)
        #expect(stats.skipped.count == 0)
        let bests = stats.progress.bests
        #expect(bests.map(\.group) == ["chat warm-up-double-charge"])
        #expect(bests.count == 1 && bests[0].group == "chat warm-up-double-charge" && bests[0].count == 3)
        // Both whole shifts served 2 of 2; the one typed at 200 ms a key answered its customers sooner.
        let best = try #require(bests[0].chat)
        #expect(best.served == 2 && best.customers == 2)
        #expect(best.medianFirstResponse == quick.result.medianFirstResponse)
        #expect(bests[0].session.time == 1_795_000_000 + 2 * 3600)
    }
}
