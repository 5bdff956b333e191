import Testing
@testable import TypeBarCore

/// A three-customer shift with two chats: Maya (two turns) at 0 s, Tom at 5 s, Ana at 6 s, who finds both chats
/// taken and queues. Patience 60 s, time limit 300 s.
private func threeCustomers(patience: Double = 60, timeLimit: Double = 300) -> ChatScenario {
    ChatScenario(
        id: "test", name: "Test", chats: 2, patience: patience, timeLimit: timeLimit,
        customers: [
            ChatCustomer(name: "Maya", arrival: 0, details: ["name": "Maya", "order": "#123"], turns: [
                ChatTurn(message: "My order #123 is late.", reply: ReplyTemplate(parsing: "Hi [name] ok [order]"), macro: "ok", delay: 10),
                ChatTurn(message: "Thanks!", reply: ReplyTemplate(parsing: "Bye")),
            ]),
            ChatCustomer(name: "Tom", arrival: 5, turns: [ChatTurn(message: "Open today?", reply: ReplyTemplate(parsing: "Yes"))]),
            ChatCustomer(name: "Ana", arrival: 6, turns: [ChatTurn(message: "Hello?", reply: ReplyTemplate(parsing: "No"))]),
        ],
        macros: [ChatMacro(shortcut: "ok", template: ReplyTemplate(parsing: "Hi [name], your order [order] is on its way."))])
}

/// Applies `text` one character every 100 ms from `start`.
private func type(_ text: String, into shift: inout ChatShift, from start: Double) {
    for (index, character) in text.enumerated() {
        shift.apply(character == "\t" ? .tab : .type(character), at: start + Double(index) * 100)
    }
}

@Suite("Chat desk: the shift as a state machine on a fake clock, with hand-computed figures")
struct ChatShiftTests {
    @Test("Arrivals take free chats, a customer who finds them taken queues, and a freed chat seats them")
    func arrivalsAndQueue() {
        var shift = ChatShift(scenario: threeCustomers(), mode: .template)
        shift.advance(to: 0)
        #expect(shift.chats == [0, nil])
        #expect(shift.customers[0].status == .waiting(since: 0))
        shift.advance(to: 5999)
        #expect(shift.chats == [0, 1])
        shift.advance(to: 6000)
        #expect(shift.queue == [2])
        #expect(shift.customers[2].status == .queued(since: 6000))
        shift.apply(.select(1), at: 6500)
        type("Yes", into: &shift, from: 6500)
        shift.apply(.send, at: 7000)
        // Tom is served; Ana takes his chat, still waiting since she arrived.
        #expect(shift.customers[1].status == .served(at: 7000))
        #expect(shift.chats == [0, 2])
        #expect(shift.queue.isEmpty)
        #expect(shift.customers[2].status == .waiting(since: 6000))
    }

    @Test("After a reply the customer types for the turn's delay, then the next message arrives")
    func typingDelay() {
        var shift = ChatShift(scenario: threeCustomers(), mode: .template)
        type("Hi Maya ok #123", into: &shift, from: 1000)
        shift.apply(.send, at: 3000)
        #expect(shift.customers[0].status == .typing(until: 13000))
        #expect(shift.nextHappening == 5000)   // Tom arrives first
        shift.advance(to: 12999)
        #expect(shift.customers[0].messages.count == 2)   // the first message and the reply
        shift.advance(to: 13000)
        #expect(shift.customers[0].status == .waiting(since: 13000))
        #expect(shift.customers[0].messages.last?.text == "Thanks!")
        // Sending while the customer is typing is refused.
        var typing = ChatShift(scenario: threeCustomers(), mode: .template)
        type("Hi Maya ok #123", into: &typing, from: 1000)
        typing.apply(.send, at: 3000)
        typing.apply(.type("x"), at: 4000)
        #expect(typing.apply(.send, at: 4100) == .refused)
        #expect(typing.notice == "Maya is typing: wait for their message.")
    }

    @Test("The worked shift: first responses, waits, abandonment, accuracy, net and effective WPM")
    func workedShift() throws {
        var shift = ChatShift(scenario: threeCustomers(), mode: .template)
        type("Hi Maya ok #123", into: &shift, from: 1000)   // keys 1.0-2.4 s
        shift.apply(.send, at: 3000)
        shift.apply(.select(1), at: 5900)
        type("Yes", into: &shift, from: 6000)
        shift.apply(.send, at: 7000)
        shift.apply(.select(0), at: 19000)
        type("Bxe", into: &shift, from: 20000)
        shift.apply(.send, at: 21000)
        // Ana waits from 6 s and leaves at 66 s; then everyone is done.
        shift.advance(to: 65999)
        #expect(!shift.isOver)
        shift.advance(to: 66000)
        #expect(shift.customers[2].status == .left(at: 66000))
        #expect(shift.ending?.reason == .allDone)
        #expect(shift.ending?.time == 66000)

        let result = shift.result()
        #expect(result.served == 2)
        #expect(result.abandoned == 1)
        #expect(result.firstResponses == [3, 2, nil])
        #expect(result.medianFirstResponse == 2.5)
        #expect(result.worstFirstResponse == 3)
        // Waits: Maya 0→3, Tom 5→7, Maya 13→21, Ana 6→66 (she left).
        #expect(result.waits.sorted() == [2, 3, 8, 60])
        #expect(result.averageWait == 18.25)
        #expect(result.worstWait == 60)
        #expect(result.customers.map(\.handleTime) == [21, 2, nil])
        #expect(result.replyCount == 3)
        #expect(result.sentCharacters == 21)
        #expect(result.uncorrectedErrors == 1)
        #expect(isClose(try #require(result.replyAccuracy), 100 * (1 - 1.0 / 21)))
        #expect(result.wrongDetails == 0)
        // Typing spans 1-3 s, 6-7 s and 20-21 s: 4 s. Net = (21/5 - 1) / (4/60) = 48.
        #expect(result.typingSeconds == 4)
        #expect(isClose(try #require(result.netWPM), 48))
        // Effective = (21/5) / (66/60) = 3.8181…
        #expect(isClose(result.effectiveWPM, 4.2 / 1.1))
        #expect(result.missedTargets.map(\.kind) == [.abandoned])
        #expect(result.missedTargets.first?.description == "1 customer left unanswered: the target is that nobody leaves")
        #expect(!result.meetsTargets)
    }

    @Test("A wrong order number is a wrong detail and an error; a detail inside a longer number does not count")
    func wrongDetails() {
        var shift = ChatShift(scenario: threeCustomers(), mode: .template)
        type("Hi Maya ok #1234", into: &shift, from: 1000)
        shift.apply(.send, at: 3000)
        let reply = shift.result().replies[0]
        #expect(reply.wrongDetails == ["order"])
        #expect(reply.errors == 1)
        #expect(ChatShift.contains("order #123.", detail: "#123"))
        #expect(!ChatShift.contains("order #1234", detail: "#123"))
        #expect(!ChatShift.contains("Mayan", detail: "Maya"))
        #expect(ChatShift.contains("$24.50 back", detail: "$24.50"))
    }

    @Test("A macro inserts its canned text; Tab moves between blanks; the keystrokes saved are hand-counted")
    func macros() throws {
        var scenario = threeCustomers()
        scenario.customers[0].turns[0].reply = scenario.macros[0].template
        var shift = ChatShift(scenario: scenario, mode: .macros)
        // "/ok" Tab "Maya" Tab "#123": 13 keys. Canned text "Hi ", ", your order ", " is on its way." is 31
        // characters; the macro took 4 keys ("/", "o", "k", Tab), so it saved 27.
        type("/ok\tMaya\t#123", into: &shift, from: 1000)
        #expect(shift.customers[0].draft.text == "Hi Maya, your order #123 is on its way.")
        shift.apply(.send, at: 3000)
        let reply = try #require(shift.result().replies.first)
        #expect(reply.keystrokes == 13)
        #expect(reply.cannedCharacters == 31)
        #expect(reply.keystrokesSaved == 27)
        #expect(reply.characters == 39)
        #expect(reply.wrongDetails.isEmpty)
        #expect(shift.result().keystrokesSaved == 27)
        #expect(reply.errors == 0)
        // Net WPM counts the 8 characters typed, not the 31 inserted: (8/5) / (2/60) = 48 (the first key at 1 s,
        // the send at 3 s).
        #expect(isClose(try #require(shift.result().netWPM), 48))
    }

    @Test("An unknown shortcut is refused with the list of macros; an unfilled blank goes out as [name]")
    func unknownShortcutAndEmptyBlank() {
        var shift = ChatShift(scenario: threeCustomers(), mode: .macros)
        type("/nope", into: &shift, from: 1000)
        #expect(shift.apply(.tab, at: 2000) == .refused)
        #expect(shift.notice == "No macro /nope. The macros are /ok")
        var blank = ChatShift(scenario: threeCustomers(), mode: .macros)
        type("/ok\t", into: &blank, from: 1000)
        blank.apply(.tab, at: 2000)
        blank.apply(.tab, at: 2100)
        #expect(blank.customers[0].draft.text == "Hi [name], your order [order] is on its way.")
        blank.apply(.send, at: 3000)
        #expect(blank.result().replies[0].wrongDetails == ["name", "order"])
    }

    @Test("Backspace, word deletion and blanks in a draft")
    func draftEditing() {
        var draft = ReplyDraft()
        for character in "Hi there  " { draft.type(character, at: 0) }
        draft.wordBackspace(at: 1)
        #expect(draft.text == "Hi ")
        draft.backspace(at: 2)
        #expect(draft.text == "Hi")
        for character in " /ok" { draft.type(character, at: 3) }
        #expect(draft.pendingShortcut == "ok")
        draft.expand(ChatMacro(shortcut: "ok", template: ReplyTemplate(parsing: "A [x] B")), at: 4)
        #expect(draft.text == "Hi A [x] B")
        draft.type("1", at: 5)
        #expect(draft.text == "Hi A 1 B")
        draft.backspace(at: 6)
        draft.backspace(at: 7)   // an empty blank stays
        #expect(draft.text == "Hi A [x] B")
        #expect(draft.keystrokes == 20)   // 10 + 1 + 1 + 4 + the Tab + 1 + 2
    }

    @Test("The time limit ends the shift; customers still waiting are not served and their waits close there")
    func timeLimit() {
        var shift = ChatShift(scenario: threeCustomers(patience: 600, timeLimit: 30), mode: .guided)
        shift.advance(to: 29999)
        #expect(!shift.isOver)
        shift.advance(to: 40000)
        #expect(shift.ending?.reason == .timeLimit)
        #expect(shift.ending?.time == 30000)
        let result = shift.result()
        #expect(result.served == 0)
        #expect(result.unserved == 3)
        #expect(result.waits.sorted() == [24, 25, 30])   // Ana (queued from 6 s), Tom, Maya
        #expect(result.firstResponses == [nil, nil, nil])
        #expect(result.missedTargets.map(\.kind) == [.notServed, .replyAccuracy, .netWPM])
        #expect(result.missedTargets[0].description == "3 customers not served by the end of the shift: the target is that every customer is served")
        #expect(shift.apply(.type("x"), at: 41000) == .over)
    }

    @Test("Leaving early ends the shift at once, flagged, with the waits so far")
    func leftEarly() {
        var shift = ChatShift(scenario: threeCustomers(), mode: .template)
        shift.apply(.leave, at: 10000)
        #expect(shift.ending?.reason == .leftEarly)
        let result = shift.result()
        #expect(result.leftEarly)
        #expect(result.shiftSeconds == 10)
        #expect(result.waits.sorted() == [4, 5, 10])
    }

    @Test("Without a target, the longest-waiting key picks the customer waiting since earliest")
    func longestWaiting() {
        var shift = ChatShift(scenario: threeCustomers(), mode: .template)
        shift.advance(to: 5000)
        shift.apply(.select(1), at: 5000)
        shift.apply(.selectLongestWaiting(firstReplyTarget: nil), at: 5100)
        #expect(shift.selected == 0)
        var none = ChatShift(scenario: threeCustomers(), mode: .template)
        type("Hi Maya ok #123", into: &none, from: 100)
        none.apply(.send, at: 2000)
        #expect(none.apply(.selectLongestWaiting(firstReplyTarget: 60), at: 2100) == .refused)
    }

    /// Three chats: Ana at 0 s (answered at 5 s; her "Got it." arrives at 7 s), Ben at 11 s, Cy at 20 s.
    private func urgentDesk() -> ChatShift {
        let scenario = ChatScenario(
            id: "urgent", name: "Urgent", chats: 3, patience: 300, timeLimit: 600,
            customers: [
                ChatCustomer(name: "Ana", arrival: 0, turns: [
                    ChatTurn(message: "Where is my order?", reply: ReplyTemplate(parsing: "On its way"), delay: 2),
                    ChatTurn(message: "Got it.", reply: ReplyTemplate(parsing: "Bye")),
                ]),
                ChatCustomer(name: "Ben", arrival: 11, turns: [ChatTurn(message: "Hello?", reply: ReplyTemplate(parsing: "Hi"))]),
                ChatCustomer(name: "Cy", arrival: 20, turns: [ChatTurn(message: "Help", reply: ReplyTemplate(parsing: "Sure"))]),
            ])
        var shift = ChatShift(scenario: scenario, mode: .template)
        type("On its way", into: &shift, from: 1000)
        shift.apply(.send, at: 5000)
        return shift
    }

    @Test("Ctrl-N goes first to a customer still owed a first reply, the one due soonest, then to the longest wait")
    func mostUrgent() {
        var shift = urgentDesk()
        shift.advance(to: 74_000)
        // At 74 s Ana has waited 67 s (since 7 s) for her second reply; Ben's first reply was due at 11 + 60 = 71 s,
        // 3 s ago; Cy's is due at 20 + 60 = 80 s. Ben first.
        #expect(shift.customers[0].status == .waiting(since: 7000))
        #expect(shift.chats == [0, 1, 2])
        shift.apply(.selectLongestWaiting(firstReplyTarget: 60), at: 74_000)
        #expect(shift.selected == 1)
        // The same key without a target picks the longest wait: Ana.
        var untargeted = shift
        untargeted.apply(.selectLongestWaiting(firstReplyTarget: nil), at: 74_000)
        #expect(untargeted.selected == 0)
        // Ben answered and served at 76 s: Cy, still owed a first reply (due at 80 s), goes before Ana's 69 s wait.
        type("Hi", into: &shift, from: 75_000)
        shift.apply(.send, at: 76_000)
        shift.apply(.selectLongestWaiting(firstReplyTarget: 60), at: 77_000)
        #expect(shift.selected == 2)
        // Cy served at 79 s: only Ana waits.
        type("Sure", into: &shift, from: 78_000)
        shift.apply(.send, at: 79_000)
        shift.apply(.selectLongestWaiting(firstReplyTarget: 60), at: 80_000)
        #expect(shift.selected == 0)
    }

    @Test("Of two customers past a 10 s first-reply target, the one whose reply fell due first goes first")
    func firstRepliesByArrival() {
        var shift = urgentDesk()
        shift.advance(to: 30_000)
        // At 30 s: Ben (due 11 + 10 = 21 s, 9 s late) and Cy (due 30 s) are both past a 10 s target; Ben is due first.
        shift.apply(.select(2), at: 30_000)
        shift.apply(.selectLongestWaiting(firstReplyTarget: 10), at: 30_000)
        #expect(shift.selected == 1)
    }

    @Test("Missed targets say by how much")
    func missedTargets() {
        let result = ChatResult(
            scenario: "x", mode: .template, ending: .allDone, shiftSeconds: 100,
            customers: [CustomerFigures(name: "A", outcome: .served, firstResponse: 73.5, handleTime: 80, replies: 1, turns: 1)],
            replies: [ReplyFigures(
                customer: 0, turn: 0, text: "abcdefghij", expected: "abcdefghix", characters: 10, expectedCharacters: 10,
                errors: 1, accuracy: 90, wrongDetails: ["order"], firstKey: 0, sentAt: 10_000, keystrokes: 10,
                cannedCharacters: 0, keystrokesSaved: 0)],
            targets: ChatTargets(), waits: [73.5])
        #expect(result.missedTargets.map(\.description) == [
            "worst first response 74 s: 14 s over the 60 s target",
            "reply accuracy 90.0 %: 5.0 points under the 95 % target",
            "1 wrong detail: the target is none",
            "net 6 WPM while typing: 34 short of the 40 WPM bar",
        ])
    }
}

@Suite("Chat desk: replaying the same events gives the same shift")
struct ChatShiftReplayTests {
    @Test("Extra advance calls between events change nothing", arguments: [1.0, 7.0, 333.0, 2500.0])
    func advanceIsIdempotent(step: Double) {
        let events: [(ChatShift.Event, Double)] = [
            (.type("H"), 1000), (.type("i"), 1200), (.send, 1500), (.select(1), 5500), (.type("Y"), 5600),
            (.type("e"), 5700), (.type("s"), 5800), (.send, 9000), (.selectLongestWaiting(firstReplyTarget: 60), 14000), (.type("B"), 15000),
            (.type("y"), 15100), (.type("e"), 15200), (.send, 15300),
        ]
        var plain = ChatShift(scenario: threeCustomers(), mode: .template)
        for (event, time) in events { plain.apply(event, at: time) }
        plain.finish()
        var ticked = ChatShift(scenario: threeCustomers(), mode: .template)
        var clock = 0.0
        for (event, time) in events {
            while clock + step < time {
                clock += step
                ticked.advance(to: clock)
            }
            ticked.apply(event, at: time)
        }
        ticked.finish()
        #expect(plain.result() == ticked.result())
        #expect(plain.announcements == ticked.announcements)
    }
}
