import Foundation
import Testing
@testable import TypeBarKit

/// What `typebar chat --check ID --seed N --json` says about one customer, read back from the JSON as a script
/// reads it: the replies to send, the questions to ask first, the escalations and the wrap-up tag.
private struct CheckedCustomer {
    struct Reply {
        var text: String
        var template: String
        var macro: String?
    }

    struct Turn {
        var best: Reply
        var ask: Reply?
        var escalate: (team: String, note: [String])?
        var wrongReaction: String
        var corrections: [String: String]
    }

    var name: String
    var details: [String: String]
    var close: String?
    var turns: [Turn]
}

/// Reads the `--check --json` text of a drawn scenario.
private func checked(_ scenario: ChatScenario, seed: UInt64) throws -> [CheckedCustomer] {
    var writer = JSONWriter()
    scenario.writeJSON(to: &writer, seed: seed)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(writer.text.utf8)) as? [String: Any])
    let customers = try #require(object["customers"] as? [[String: Any]])
    return try customers.map { customer in
        let turns = try #require(customer["turns"] as? [[String: Any]])
        return CheckedCustomer(
            name: try #require(customer["name"] as? String),
            details: try #require(customer["details"] as? [String: String]),
            close: customer["close"] as? String,
            turns: try turns.map { turn in
                let clarify = turn["clarify"] as? [String: Any]
                let action = turn["action"] as? [String: Any]
                let reactions = try #require(turn["reactions"] as? [String: Any])
                return CheckedCustomer.Turn(
                    best: CheckedCustomer.Reply(text: try #require(turn["reply"] as? String), template: try #require(turn["template"] as? String), macro: turn["macro"] as? String),
                    ask: try clarify.map { CheckedCustomer.Reply(text: try #require($0["ask"] as? String), template: try #require($0["template"] as? String), macro: $0["macro"] as? String) },
                    escalate: try action.map { (team: try #require($0["escalate"] as? String), note: Array(try #require($0["note"] as? [String: String]).values).sorted()) },
                    wrongReaction: try #require(reactions["wrong"] as? String),
                    corrections: try #require(reactions["detail"] as? [String: String]))
            })
    }
}

/// An agent at the desk driven by a script: it picks canned replies, types their blanks, types written-out
/// replies, escalates and closes, each key `keyGap` milliseconds after the last.
private struct ScriptedAgent {
    var shift: ChatShift
    var time: Double
    /// Milliseconds between keys, and spent reading a message before answering it.
    let keyGap: Double
    let reading: Double

    init(_ scenario: ChatScenario, keyGap: Double = 40, reading: Double = 0) {
        shift = ChatShift(scenario: scenario, mode: .desk)
        time = 0
        self.keyGap = keyGap
        self.reading = reading
    }

    mutating func key(_ event: ChatShift.Event) {
        shift.apply(event, at: time)
        time += keyGap
    }

    /// Sends `reply` to chat `chat`: its macro picked and its blanks filled with `values` (the customer's details,
    /// or others for a careless agent), or, without a macro, the text typed out. A hand-made schedule starts at
    /// `start` and presses Enter at `sendAt`.
    mutating func send(_ reply: CheckedCustomer.Reply, in chat: Int, values: [String: String], from start: Double? = nil, at sendAt: Double? = nil) {
        if let start { time = max(time, start) }
        key(.select(chat))
        time += reading
        if let macro = reply.macro {
            key(.pick(macro, query: shift.scenario.macro(macro)?.title ?? macro))
            for case .blank(let name) in ReplyTemplate(parsing: reply.template).pieces {
                for character in values[name] ?? "" { key(.type(character)) }
                key(.tab)
            }
        } else {
            for character in reply.text { key(.type(character)) }
        }
        if let sendAt { time = max(time, sendAt) }
        key(.send)
    }

    /// The most urgent thing to do: while customers queue for a chat, finishing a chat that only needs closing or
    /// escalating (it frees a seat); else a customer waiting for a reply (the one waiting longest), then one on hold
    /// for an escalation, then a served customer's chat to close.
    func nextJob() -> (chat: Int, customer: Int)? {
        let seated = shift.chats.indices.compactMap { chat in shift.chats[chat].map { (chat: chat, customer: $0) } }
        let finishing = seated.first { seat in
            switch shift.customers[seat.customer].status {
            case .holding: true
            case .served: shift.customers[seat.customer].closedTag == nil
            default: false
            }
        }
        if !shift.queue.isEmpty, let finishing { return finishing }
        let waiting = seated.compactMap { seat -> (Int, Int, Double)? in
            guard case .waiting(let since) = shift.customers[seat.customer].status else { return nil }
            return (seat.chat, seat.customer, since)
        }
        if let longest = waiting.min(by: { $0.2 < $1.2 }) { return (longest.0, longest.1) }
        return finishing
    }
}

/// A perfect agent: every customer answered as soon as they write, with the best reply (the question first
/// where one is due), escalated with the note the turn needs, and closed with the expected tag. `keyGap` and
/// `reading` set its pace: a script's, or a quick person's. `watch` sees the shift before each thing it does.
private func playPerfectly(
    _ scenario: ChatScenario, seed: UInt64, keyGap: Double = 40, reading: Double = 0, watch: (ChatShift) -> Void = { _ in }
) throws -> ChatShift {
    let script = try checked(scenario, seed: seed)
    var agent = ScriptedAgent(scenario, keyGap: keyGap, reading: reading)
    while !agent.shift.isOver {
        watch(agent.shift)
        agent.shift.advance(to: agent.time)
        guard !agent.shift.isOver else { break }
        guard let job = agent.nextJob() else {
            guard let next = agent.shift.nextHappening else { break }
            agent.time = max(agent.time, next)
            continue
        }
        let customer = agent.shift.customers[job.customer]
        let plan = script[job.customer]
        switch customer.status {
        case .waiting:
            let turn = plan.turns[customer.turn]
            if let ask = turn.ask, !customer.clarified {
                agent.send(ask, in: job.chat, values: plan.details)
            } else {
                agent.send(turn.best, in: job.chat, values: plan.details)
            }
        case .holding:
            let escalation = try #require(plan.turns[customer.turn].escalate)
            agent.key(.select(job.chat))
            agent.key(.escalate(team: escalation.team, note: "For \(plan.name): " + escalation.note.joined(separator: ", ") + "."))
        default:
            agent.key(.select(job.chat))
            agent.key(.close(tag: plan.close ?? "general"))
        }
    }
    return agent.shift
}

private let deskScenarios: [String] = ScenarioCatalog.builtInIDs.filter { (try? ScenarioCatalog.builtIn($0).isDesk) == true }

@Suite("Desk mode: scripted agents built from typebar chat --check --json play every built-in desk scenario")
struct DeskAgentTests {
    @Test("At least ten built-in scenarios are written for desk mode, one of them a 15-minute ramp to 5 chats")
    func deskScenariosExist() throws {
        #expect(deskScenarios.count >= 10)
        let ramp = try ScenarioCatalog.all().filter { $0.isDesk && $0.timeLimit == 900 && $0.chats == 5 }
        #expect(ramp.count == 1)
        // Arrivals spread over the shift: the first three a minute or more apart, then closer, eight or more in the
        // last third before the final five minutes.
        let arrivals = (ramp.first?.customers.map(\.arrival) ?? []).sorted()
        #expect(arrivals.count >= 15)
        #expect(arrivals.prefix(3).indices.dropFirst().allSatisfy { arrivals[$0] - arrivals[$0 - 1] >= 60 })
        #expect(arrivals.filter { $0 < 90 }.count <= 2)
        #expect(arrivals.filter { (540..<720).contains($0) }.count >= 8)
        // Played at 40 WPM (300 ms a key, 8 s reading each message): one chat busy at a time for the first three
        // customers, all five busy at the peak.
        let scenario = try #require(ramp.first).draw(seed: 3)
        var early = 0, peak = 0
        _ = try playPerfectly(scenario, seed: 3, keyGap: 300, reading: 8000) { shift in
            let busy = shift.chats.compactMap { $0 }.filter { !shift.isDone($0) }.count
            if shift.now < 200_000 { early = max(early, busy) } else { peak = max(peak, busy) }
        }
        #expect(early == 1)
        #expect(peak == 5)
    }

    @Test("A perfect agent scores judgement 100, every customer 5/5, and meets every target", arguments: deskScenarios)
    func perfectAgent(id: String) throws {
        // At a script's pace, and at a quick person's: 60 WPM (200 ms a key) after 5 s reading each message.
        for (seed, keyGap, reading): (UInt64, Double, Double) in [(1, 40, 0), (2, 40, 0), (7, 200, 5000), (42, 200, 5000)] {
            let scenario = try ScenarioCatalog.builtIn(id).draw(seed: seed)
            let shift = try playPerfectly(scenario, seed: seed, keyGap: keyGap, reading: reading)
            let result = shift.result()
            #expect(result.ending == .allDone, "\(id) seed \(seed)")
            #expect(result.judgement == 100, "\(id) seed \(seed)")
            for customer in result.customers {
                #expect(customer.rating == 5, "\(id) seed \(seed): \(customer.name) \(customer.reasons)")
                #expect(customer.resolved, "\(id) seed \(seed): \(customer.name)")
            }
            #expect(result.missedTargets.isEmpty, "\(id) seed \(seed): \(result.missedTargets.map(\.description))")
            #expect(result.actionsRight == result.actionsExpected && result.actionsExpected > 0, "\(id) seed \(seed)")
            // Nobody had to react, correct or nudge.
            let kinds = Set(result.transcripts.joined().map(\.kind))
            #expect(kinds.isDisjoint(with: [.reaction, .nudge]), "\(id) seed \(seed)")
        }
    }

    /// The account-access desk (16-desk-account-access.yaml), seed 1. Customer 1 (arrives at 0 s) wants a reset link,
    /// customer 2 (25 s) is locked out, customer 3 (60 s) needs accounts for a new sign-in address.
    @Test("A careless agent: a wrong macro, a wrong digit and a missed escalation bring reactions, lower ratings and missed targets")
    func carelessAgent() throws {
        let scenario = try ScenarioCatalog.builtIn("desk-account-access").draw(seed: 1)
        let script = try checked(scenario, seed: 1)
        var agent = ScriptedAgent(scenario)
        let email = try #require(script[0].details["email"])
        let at = try #require(email.firstIndex(of: "@"))
        let digit = try #require(email[email.index(before: at)].wholeNumberValue)
        let wrongEmail = String(email[..<email.index(before: at)]) + String((digit + 1) % 10) + String(email[at...])

        // Customer 1: the reset link to an address one digit off, sent at 5 s; they correct it at 9 s (the reaction
        // takes 4 s); the right one goes at 12 s, their thanks come 12 s later, goodbye at 28 s, closed at once.
        let (first, second, third) = (script[0], script[1], script[2])
        agent.send(first.turns[0].best, in: 0, values: first.details.merging(["email": wrongEmail]) { $1 }, from: 1000, at: 5000)
        agent.send(first.turns[0].best, in: 0, values: first.details, from: 10000, at: 12000)
        agent.send(first.turns[1].best, in: 0, values: first.details, from: 25000, at: 28000)
        agent.key(.close(tag: "account"))
        // Customer 2: a sign-in code instead of the unlock at 33 s; they write back at 37 s; the unlock at 40 s, their
        // question at 50 s answered at 56 s, their thanks at 63 s.
        let code = try #require(scenario.macro("code"))
        agent.send(CheckedCustomer.Reply(text: "", template: code.template.display, macro: "code"), in: 1, values: second.details, from: 30000, at: 33000)
        agent.send(second.turns[0].best, in: 1, values: second.details, from: 38000, at: 40000)
        agent.send(second.turns[1].best, in: 1, values: second.details, from: 51000, at: 56000)
        // Customer 3 takes chat 3: the right reply at 62 s, and no escalation, so they hold until the shift ends.
        agent.send(third.turns[0].best, in: 2, values: third.details, from: 60500, at: 62000)
        agent.send(second.turns[2].best, in: 1, values: second.details, from: 63000, at: 65000)
        agent.key(.close(tag: "account"))
        agent.shift.finish()
        let result = agent.shift.result()

        #expect(result.ending == .timeLimit && result.shiftSeconds == 420)
        // The customers reacted, in their own words.
        let reactions = result.transcripts.map { $0.filter { $0.kind == .reaction }.map(\.text) }
        #expect(reactions[0] == ["That's not my address. It's \(email), the one on my account."])
        #expect(reactions[1] == ["No, it's locked. I need it unlocked, please."])
        #expect(reactions[2].isEmpty)
        // Scored: customer 1's replies 10 and 10 (the resend is not scored again), customer 2's 0, 10 and 10,
        // customer 3's 10: 50 points over 6 replies.
        #expect(result.replies.map(\.points) == [10, nil, 10, 0, nil, 10, 10, 10])
        #expect(abs((result.judgement ?? 0) - 500.0 / 6) < 1e-9)
        // Ratings (docs/chat.md, "Satisfaction"): 5 less 1 for a correction; 5 less 1 for a wrong reply; customer 3
        // still on hold at the end: 5 less 2 (no escalation) less 1 (on hold 420 − 62 = 358 s = 5:58), at most 2.
        #expect(result.customers.map(\.rating) == [4, 4, 2])
        #expect(result.customers[0].reasons == ["had to give their e-mail address again"])
        #expect(result.customers[1].reasons == ["got a reply that did not answer them"])
        #expect(result.customers[2].reasons == ["still waiting when the shift ended", "needed accounts, and was never escalated", "waited 5:58 for a later reply"])
        #expect(result.customers.map(\.outcome) == [.served, .served, .unserved])
        #expect(result.firstResponses == [5, 8, 2])
        #expect(result.missedTargets.map(\.kind) == [.notServed, .wrongDetails, .satisfaction, .actions])
        #expect(result.missedTargets.map(\.description) == [
            "1 customer not served by the end of the shift: the target is that every customer is served",
            "1 wrong detail: the target is none",
            "2 of 3 customers satisfied (66 %): the target is 80 %",
            "1 action missed or wrong (2 of 3 expected right); \(third.name): no escalation was made",
        ])
    }
}
