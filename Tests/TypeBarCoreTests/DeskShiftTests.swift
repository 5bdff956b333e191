import Testing
@testable import TypeBarCore

/// The worked desk shift of docs/chat.md ("A worked desk shift"): two chats, patience 120 s. Sofia (0 s) was charged
/// twice for her last order and expects her chat closed as billing; Omar (10 s) wants $620 back and must be escalated
/// to billing with his order number in the note; Lena (20 s) asks "Where is my order?" with two recent orders, so
/// the right first move is to ask which one.
func workedDesk() -> ChatScenario {
    let macros = [
        ("dup", "Sorry about that, [name]. I can see order [order] was charged twice, so I have refunded the extra [amount]."),
        ("refund", "Hi [name], I have refunded [amount] for order [order]. It will show on your card in 3 to 5 working days."),
        ("bye", "Thanks for chatting with us, [name]. Have a lovely day!"),
        ("passon", "I am sorry, [name]. I have passed order [order] to our billing team, who will call you today."),
        ("which", "Which order do you mean, [name]? I can see more than one on your account."),
        ("track", "Hi [name], order [order] is with the courier and due on [date]. The tracking link is in your order e-mail."),
    ].map { ChatMacro(shortcut: $0.0, template: ReplyTemplate(parsing: $0.1), title: $0.0) }
    func macro(_ shortcut: String) -> ReplyTemplate { macros.first { $0.shortcut == shortcut }!.template }
    return ChatScenario(
        id: "worked-desk", name: "Worked desk", chats: 2, patience: 120, timeLimit: 600,
        customers: [
            ChatCustomer(
                name: "Sofia", arrival: 0, details: ["name": "Sofia", "order": "#58211", "amount": "$24.50"],
                turns: [
                    ChatTurn(message: "I was charged twice for my last order.", reply: macro("dup"), macro: "dup", delay: 5,
                             acceptable: [ScoredReply(reply: macro("refund"), macro: "refund", points: 6)]),
                    ChatTurn(message: "Great, thanks.", reply: macro("bye"), macro: "bye"),
                ],
                profile: ChatProfile(email: "sofia.lind@example.com", orders: [
                    .init(number: "#58211", date: "Sunday 2 March", amount: "$24.50", status: "delivered"),
                    .init(number: "#57002", date: "Monday 10 February", amount: "$61.00", status: "delivered"),
                ]),
                close: "billing"),
            ChatCustomer(
                name: "Omar", arrival: 10, details: ["name": "Omar", "order": "#59530"],
                turns: [ChatTurn(
                    message: "I was promised a refund of $620 for order #59530 three weeks ago and still nothing!",
                    reply: macro("passon"), macro: "passon", action: .escalate(team: "billing", note: ["order"]))]),
            ChatCustomer(
                name: "Lena", arrival: 20, details: ["name": "Lena", "order": "#60114", "date": "Friday 7 March"],
                turns: [ChatTurn(
                    message: "Where is my order?", reply: macro("track"), macro: "track",
                    clarify: Clarification(ask: macro("which"), macro: "which", answer: "The one I placed on Monday, #60114.", guessPoints: 4))],
                profile: ChatProfile(email: "lena.okafor@example.com", orders: [
                    .init(number: "#60114", date: "Monday 3 March", amount: "$18.00", status: "shipped"),
                    .init(number: "#60113", date: "Monday 3 March", amount: "$42.90", status: "processing"),
                ])),
        ],
        macros: macros)
}

/// Picks `shortcut` at `start`, then types each blank's value at 100 ms a key with a Tab between blanks; returns
/// the time after the last key.
@discardableResult
private func reply(_ shortcut: String, _ values: [String], into shift: inout ChatShift, at start: Double, query: String? = nil) -> Double {
    shift.apply(.pick(shortcut, query: query ?? shortcut), at: start)
    var time = start
    for (number, value) in values.enumerated() {
        if number > 0 { time += 100; shift.apply(.tab, at: time) }
        for character in value {
            time += 100
            shift.apply(.type(character), at: time)
        }
    }
    return time
}

@Suite("Desk mode: choices scored, customers who react, actions, satisfaction")
struct DeskShiftTests {
    /// The worked shift: an acceptable reply, a wrong digit corrected, a right escalation, a guess where a question
    /// was due, and both chats closed.
    func workedShift() -> ChatShift {
        var shift = ChatShift(scenario: workedDesk(), mode: .desk)
        reply("refund", ["Sofia", "$24.50", "#58211"], into: &shift, at: 2000, query: "refund")   // keys to 3.9 s
        shift.apply(.send, at: 4000)
        shift.apply(.select(1), at: 11000)
        reply("passon", ["Omar", "#59531"], into: &shift, at: 11000, query: "billing")           // a wrong digit
        shift.apply(.send, at: 12200)
        shift.apply(.select(0), at: 13000)
        reply("bye", ["Sofia"], into: &shift, at: 13000)
        shift.apply(.send, at: 13600)
        shift.apply(.close(tag: "billing"), at: 14000)
        shift.apply(.select(1), at: 17000)
        reply("passon", ["Omar", "#59530"], into: &shift, at: 17000)
        shift.apply(.send, at: 18200)
        shift.apply(.escalate(team: "billing", note: "Refund of $620 promised for #59530"), at: 19000)
        shift.apply(.select(0), at: 21000)
        reply("track", ["Lena", "#60113", "Friday 7 March"], into: &shift, at: 21000, query: "where")   // a guess, and the other order
        shift.apply(.send, at: 23700)
        reply("track", ["Lena", "#60114", "Friday 7 March"], into: &shift, at: 28000)
        shift.apply(.send, at: 30700)
        shift.apply(.close(tag: "shipping"), at: 31000)
        return shift
    }

    @Test("Customers react: a wrong detail brings a correction and the turn waits for the right reply")
    func reactions() {
        var shift = ChatShift(scenario: workedDesk(), mode: .desk)
        shift.apply(.select(1), at: 11000)
        reply("passon", ["Omar", "#59531"], into: &shift, at: 11000)
        shift.apply(.send, at: 12200)
        #expect(shift.customers[1].status == .typing(until: 16200))
        shift.advance(to: 16200)
        #expect(shift.customers[1].status == .waiting(since: 16200))
        #expect(shift.customers[1].messages.last == ChatShift.Message(kind: .reaction, text: "That's not right: my order number is #59530.", time: 16200))
        #expect(shift.customers[1].turn == 0)
        // The right reply puts him on hold for the escalation his turn calls for.
        reply("passon", ["Omar", "#59530"], into: &shift, at: 17000)
        shift.apply(.send, at: 18200)
        #expect(shift.customers[1].status == .holding(since: 18200))
        #expect(shift.apply(.send, at: 18300) == .refused)
        #expect(shift.notice == "Omar has your answer and is on hold.")
    }

    @Test("A reply that does not answer the customer scores 0 and brings the turn's message again")
    func wrongReply() {
        var shift = ChatShift(scenario: workedDesk(), mode: .desk)
        reply("bye", ["Sofia"], into: &shift, at: 2000)
        shift.apply(.send, at: 3000)
        #expect(shift.replies[0].choice == .wrong("bye"))
        #expect(shift.replies[0].points == 0)
        shift.advance(to: 7000)
        #expect(shift.customers[0].messages.last?.text == "That doesn't answer my question. I was charged twice for my last order.")
        // The second try is not scored again.
        reply("dup", ["Sofia", "#58211", "$24.50"], into: &shift, at: 8000)
        shift.apply(.send, at: 10000)
        #expect(shift.replies[1].choice == .best)
        #expect(shift.replies[1].points == nil)
        #expect(shift.result().judgement == 0)
    }

    @Test("A reply typed by hand is taken for the candidate it is most like; text like none of them is wrong")
    func typedReplies() {
        var shift = ChatShift(scenario: workedDesk(), mode: .desk)
        // The best reply typed with one slip: 99 % like it.
        for (index, character) in "Sorry about that, Sofia. I can see order #58211 was charged twice, so I have refunded the extra $24.5.".enumerated() {
            shift.apply(.type(character), at: 1000 + Double(index) * 50)
        }
        shift.apply(.send, at: 7000)
        #expect(shift.replies[0].choice == .best)
        #expect(shift.replies[0].points == 10)
        var other = ChatShift(scenario: workedDesk(), mode: .desk)
        for (index, character) in "Please call our hotline.".enumerated() { other.apply(.type(character), at: 1000 + Double(index) * 50) }
        other.apply(.send, at: 3000)
        #expect(other.replies[0].choice == .wrong(nil))
        #expect(other.replies[0].points == 0)
    }

    @Test("Asking first earns the question's points, the answer arrives, and the reply then earns all of its own")
    func clarify() {
        var scenario = workedDesk()
        scenario.customers = [scenario.customers[2]]
        scenario.customers[0].arrival = 0
        var shift = ChatShift(scenario: scenario, mode: .desk)
        reply("which", ["Lena"], into: &shift, at: 1000)
        shift.apply(.send, at: 2000)
        #expect(shift.replies[0].choice == .clarify)
        #expect(shift.replies[0].points == 10)
        #expect(shift.customers[0].status == .typing(until: 6000))
        shift.advance(to: 6000)
        #expect(shift.customers[0].messages.last == ChatShift.Message(kind: .answer, text: "The one I placed on Monday, #60114.", time: 6000))
        reply("track", ["Lena", "#60114", "Friday 7 March"], into: &shift, at: 7000)
        shift.apply(.send, at: 10_000)
        #expect(shift.replies[1].choice == .best)
        #expect(shift.replies[1].points == 10)
        #expect(shift.customers[0].status == .served(at: 10_000))
        // Served, but the chat stays open until it is closed with a tag: the shift is not over.
        #expect(!shift.isOver)
        shift.apply(.close(tag: "shipping"), at: 11_000)
        #expect(shift.ending?.reason == .allDone)
    }

    @Test("A nudge at half the patience, once a wait")
    func nudge() {
        var shift = ChatShift(scenario: workedDesk(), mode: .desk)
        shift.advance(to: 59_999)
        #expect(shift.customers[0].messages.count == 1)
        shift.advance(to: 60_000)
        #expect(shift.customers[0].messages.last == ChatShift.Message(kind: .nudge, text: ChatShift.standardNudge, time: 60_000))
        #expect(shift.customers[0].nudges == 1)
        shift.advance(to: 110_000)
        #expect(shift.customers[0].nudges == 1)
        // Other modes keep customers silent.
        var template = ChatShift(scenario: workedDesk(), mode: .template)
        template.advance(to: 100_000)
        #expect(template.customers[0].nudges == 0)
    }

    @Test("The worked shift: judgement, ratings with reasons, actions, resolution and the verdict, by hand")
    func worked() throws {
        let shift = workedShift()
        #expect(shift.ending?.reason == .allDone)
        #expect(shift.ending?.time == 31000)
        let result = shift.result()
        // Points: Sofia 6 (an acceptable reply) and 10, Omar 10 (his second try is not scored), Lena 4 (a guess).
        #expect(result.replies.map(\.points) == [6, 10, 10, nil, 4, nil])
        #expect(result.replies.map(\.choice) == [.acceptable(0), .best, .best, .best, .best, .best])
        #expect(result.judgement == 75)
        #expect(result.customers.map(\.outcome) == [.served, .transferred, .served])
        #expect(result.customers.map(\.rating) == [4, 4, 3])
        #expect(result.customers.map(\.reasons) == [
            ["got a workable answer, not the best one"],
            ["had to give their order number again"],
            ["had to give their order number again", "got a workable answer, not the best one"],
        ])
        #expect(result.customers.map(\.resolved) == [true, true, true])
        #expect(result.resolutionRate == 100)
        #expect(isClose(try #require(result.meanRating), 11.0 / 3))
        #expect(isClose(try #require(result.positiveRating), 200.0 / 3))
        #expect(result.actionsExpected == 2)
        #expect(result.actionsRight == 2)
        #expect(result.actions.map(\.done) == ["closed as billing", "escalated to billing: Refund of $620 promised for #59530", "closed as shipping"])
        #expect(result.actions.map(\.expected) == ["close as billing", "escalate to billing with the order number #59530 in the note", nil])
        // The wrong digits: what was expected, and what was sent in its place.
        #expect(result.replies.flatMap(\.mismatches) == [
            DetailMismatch(name: "order", expected: "#59530", sent: "#59531"),
            DetailMismatch(name: "order", expected: "#60114", sent: "#60113"),
        ])
        #expect(result.wrongDetails == 2)
        #expect(result.uncorrectedErrors == 2)
        // Waits: Sofia 0→4.0 and 9→13.6, Omar 10→12.2 and 16.2→18.2, Lena 20→23.7 and 27.7→30.7.
        #expect(result.waits.map { ($0 * 10).rounded() / 10 }.sorted() == [2, 2.2, 3, 3.7, 4, 4.6])
        #expect(result.firstResponses.map { $0.map { ($0 * 10).rounded() / 10 } } == [4, 2.2, 3.7])
        // Typing: the blanks' 90 characters over 10.4 s of drafting: net (90/5 − 2) / (10.4/60).
        #expect(isClose(result.typingSeconds, 10.4))
        #expect(isClose(try #require(result.netWPM), 16 / (10.4 / 60)))
        #expect(result.missedTargets.map(\.kind) == [.wrongDetails, .satisfaction])
        #expect(result.missedTargets.map(\.description) == [
            "2 wrong details: the target is none",
            "2 of 3 customers satisfied (66 %): the target is 80 %",
        ])
        // Omar's conversation as it happened.
        #expect(result.transcripts[1].map(\.kind) == [.message, .reply, .reaction, .reply, .note])
        #expect(result.transcripts[1].last?.text == "To billing: Refund of $620 promised for #59530")
    }

    @Test("A perfect agent: every choice best, every customer 5/5, every target met")
    func perfect() throws {
        var shift = ChatShift(scenario: workedDesk(), mode: .desk)
        reply("dup", ["Sofia", "#58211", "$24.50"], into: &shift, at: 1000)
        shift.apply(.send, at: 3000)
        shift.apply(.select(1), at: 10_500)
        reply("passon", ["Omar", "#59530"], into: &shift, at: 10_500)
        shift.apply(.send, at: 12_000)
        shift.apply(.escalate(team: "billing", note: "Promised refund for #59530"), at: 12_500)
        shift.apply(.select(0), at: 13_000)
        reply("bye", ["Sofia"], into: &shift, at: 13_000)
        shift.apply(.send, at: 14_000)
        shift.apply(.close(tag: "billing"), at: 14_500)
        // Lena takes the chat whose customer was done first: Omar's, transferred at 12.5 s.
        shift.advance(to: 20_000)
        let lena = try #require(shift.chat(of: 2))
        #expect(lena == 1)
        shift.apply(.select(lena), at: 20_500)
        reply("which", ["Lena"], into: &shift, at: 20_500)
        shift.apply(.send, at: 21_500)
        reply("track", ["Lena", "#60114", "Friday 7 March"], into: &shift, at: 26_000)
        shift.apply(.send, at: 28_500)
        shift.apply(.close(tag: "shipping"), at: 29_000)
        let result = shift.result()
        #expect(shift.ending?.reason == .allDone)
        #expect(result.replies.compactMap(\.points) == [10, 10, 10, 10, 10])
        #expect(result.judgement == 100)
        #expect(result.customers.map(\.rating) == [5, 5, 5])
        #expect(result.customers.allSatisfy { $0.reasons.isEmpty })
        #expect(result.actionsRight == 2 && result.actionsExpected == 2)
        #expect(result.missedTargets.isEmpty)
    }
}
