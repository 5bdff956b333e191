import Foundation
import Testing
import TestSupport
@testable import TypeBarCore
@testable import TypeBarKit

private let repositoryScenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("scenarios")

private let small = """
name: Small
chats: 2
patience: 60
time_limit: 120
macros:
  - shortcut: thanks
    text: "Thanks, [name]!"
customers:
  - arrival: 0
    details:
      name: [Ana, Ben, Cy]
      order: {pattern: '\\#4###'}
      amount: {money: [10, 20]}
    turns:
      - message: "Order [order] cost [amount] twice."
        reply: "Refunded [amount] for [order], [name]."
        delay: 5
      - message: "Thanks"
        reply: /thanks
"""

/// A scenario with every desk field: a profile the details come from, a clarifying question, an acceptable
/// reply, reactions, a nudge, a wrap-up tag, an escalation, and the scenario's own teams and tags.
private let desk = """
name: Desk
chats: 2
patience: 60
time_limit: 300
teams: [billing, shipping]
tags: [refunds, other]
macros:
  - shortcut: which
    title: Ask which order
    keywords: [which order, clarify]
    text: "Which order is it, [name]?"
  - shortcut: refund
    text: "Refunded [amount] for [order], [name]."
customers:
  - arrival: 0
    details:
      name: Maya
      order: {from: orders.2.number}
      amount: {from: orders.2.amount}
    profile:
      plan: Plus
      orders:
        - {number: '#111', date: 3 March, amount: $10.00, status: Delivered, item: Lamp}
        - {number: {pattern: '\\#2##'}, date: [1 March, 2 March], amount: {money: [20, 30]}, status: Returned}
    close: refunds
    nudge: "Still there? It's [name]."
    turns:
      - message: "Refund my order please."
        clarify: {ask: /which, answer: "The one for [amount], [order].", guess_points: 2, delay: 5}
        reply: /refund
        acceptable:
          - {reply: "Done, [name].", points: 3}
        reactions: {wrong: "Not that. [name] wants a refund.", detail: "No, my [detail] is [value]."}
        delay: 5
      - message: "Thanks"
        reply: "Bye [name]."
  - arrival: 10
    details:
      case: CS-1
      name: Ben
    turns:
      - message: "Case [case] again."
        reply: "Passing [case] on."
        action: {escalate: billing, note: [case]}
"""

/// The desk scenario with one thing wrong, and the problem reported.
private let damagedDeskScenarios: [(String, String)] = [
    (desk.replacingOccurrences(of: "{reply: \"Done, [name].\", points: 3}", with: "{reply: /refnd, points: 3}"),
     "d.yaml:32: customer 1, turn 1, acceptable 1: reply: no macro /refnd (did you mean /refund?); define it under macros or write the reply out"),
    (desk.replacingOccurrences(of: "points: 3}", with: "points: 10}"),
     "d.yaml:32: customer 1, turn 1, acceptable 1: points: must be a whole number of points from 1 to 9, not \"10\""),
    (desk.replacingOccurrences(of: "guess_points: 2", with: "guess_points: 10"),
     "d.yaml:29: customer 1, turn 1, clarify: guess_points: must be a whole number of points from 0 to 9, not \"10\""),
    (desk.replacingOccurrences(of: "escalate: billing", with: "escalate: legal"),
     "d.yaml:44: customer 2, turn 1, action: escalate: no team \"legal\"; the teams are billing, shipping, or list yours under teams"),
    (desk.replacingOccurrences(of: "close: refunds", with: "close: refund"),
     "d.yaml:25: customer 1: close: no tag \"refund\" (did you mean refunds?); the tags are refunds, other, or list yours under tags"),
    (desk.replacingOccurrences(of: "note: [case]", with: "note: [order]"),
     "d.yaml:44: customer 2, turn 1, action: note: \"order\" is not one of this customer's details (case, name); the note holds details by name"),
    (desk.replacingOccurrences(of: "orders.2.number", with: "orders.3.number"),
     "d.yaml:18: customer 1: details: order: from: \"orders.3.number\" points at order 3, and the profile has 2 orders; count from 1, the newest first"),
    (desk.replacingOccurrences(of: "orders.2.amount", with: "orders.2.item"),
     "d.yaml:19: customer 1: details: amount: from: order 2 in the profile has no item; add it to the order"),
    (desk.replacingOccurrences(of: "case: CS-1", with: "case: {from: plan}"),
     "d.yaml:39: customer 2: details: case: from: this customer has no profile to take plan from; add a profile with it"),
    (desk.replacingOccurrences(of: "      name: Maya\n", with: "      name: Maya\n      email: {pattern: 'tom.##@example.com'}\n"),
     "d.yaml:18: customer 1: details: email: \"tom.##@example.com\" does not hold the name \"Maya\", so a customer would write from someone else's address; put [name] where the name goes, like {pattern: \"[name].###@example.com\"}, or take the profile's with {from: email}"),
    (desk.replacingOccurrences(of: "      plan: Plus\n", with: "      plan: Plus\n      email: someone@example.com\n"),
     "d.yaml:22: customer 1, profile: email: \"someone@example.com\" does not hold the name \"Maya\", so a customer would write from someone else's address; put [name] where the name goes, like {pattern: \"[name].###@example.com\"}"),
    (desk.replacingOccurrences(of: "        reply: \"Passing [case] on.\"\n        action: {escalate: billing, note: [case]}", with: "        reply: \"Passing [case] on.\"\n        action: {escalate: billing, note: [case]}\n      - {message: More, reply: Ok}"),
     "d.yaml:42: customer 2, turn 1: action: only a customer's last turn can call for an escalation, since the chat then goes to the team; move the later turns before it or drop them"),
    (desk.replacingOccurrences(of: "teams: [billing, shipping]", with: "teams: [billing, billing]"),
     "d.yaml:5: scenario: teams: billing is listed twice; list each once"),
    (desk.replacingOccurrences(of: "order: {from: orders.2.number}", with: "order: '#222'").replacingOccurrences(of: "The one for [amount], [order].", with: "The one for [amount]."),
     "d.yaml:30: customer 1, turn 1: reply: [order] is not in the profile or any message the customer has sent by then, so the agent cannot know it; mention it in a message"),
]

/// The problem `text` is reported with, as `typebar` prints it.
func problem(_ text: String, path: String = "s.yaml") -> String? {
    do {
        _ = try ScenarioFile.parse(text, path: path, id: "s", canned: CannedReplies())
        return nil
    } catch {
        return error.description
    }
}

@Suite("Chat scenarios: reading, drawing details with a seed, and errors by file and line")
struct ScenarioFileTests {
    @Test("A scenario reads, and a seed draws its details the same way every time")
    func readsAndDraws() throws {
        let file = try ScenarioFile.parse(small, path: "s.yaml", id: "s", canned: CannedReplies())
        let first = file.draw(seed: 7)
        #expect(first == file.draw(seed: 7))
        let customer = try #require(first.customers.first)
        #expect(["Ana", "Ben", "Cy"].contains(customer.name))
        let order = try #require(customer.details["order"])
        #expect(order.count == 5 && order.hasPrefix("#4") && order.dropFirst().allSatisfy(\.isNumber))
        let amount = try #require(customer.details["amount"])
        let value = try #require(Double(amount.dropFirst()))
        #expect(amount.hasPrefix("$") && (10...20).contains(value) && amount.split(separator: ".").last?.count == 2)
        #expect(customer.turns[0].message == "Order \(order) cost \(amount) twice.")
        #expect(customer.turns[1].macro == "thanks")
        // Other seeds draw other details.
        let orders = Set((0..<20).map { file.draw(seed: UInt64($0)).customers[0].details["order"] ?? "" })
        #expect(orders.count > 10)
    }

    @Test("Customers drawing from the same list get different values while the list lasts")
    func distinctNames() throws {
        let text = """
        name: Names
        chats: 4
        patience: 60
        time_limit: 120
        customers:
          - {arrival: 0, details: {name: [A, B, C]}, turns: [{message: hi, reply: hello}]}
          - {arrival: 1, details: {name: [A, B, C]}, turns: [{message: hi, reply: hello}]}
          - {arrival: 2, details: {name: [A, B, C]}, turns: [{message: hi, reply: hello}]}
        """
        let file = try ScenarioFile.parse(text, path: "n.yaml", id: "n", canned: CannedReplies())
        for seed in UInt64(0)..<30 {
            #expect(Set(file.draw(seed: seed).customers.map(\.name)) == ["A", "B", "C"])
        }
    }

    @Test("Damaged scenarios are reported by file, line and field, with what is allowed", arguments: [
        (small.replacingOccurrences(of: "patience: 60", with: "patience: 5"),
         "s.yaml:3: scenario: patience: must be a number of seconds from 10 to 900, not \"5\""),
        (small.replacingOccurrences(of: "chats: 2", with: "chats: 9"),
         "s.yaml:2: scenario: chats: must be a whole number of chats at once from 1 to 6, not \"9\""),
        (small.replacingOccurrences(of: "time_limit: 120", with: "timelimit: 120"),
         "s.yaml:4: scenario: unknown field \"timelimit\" (did you mean time_limit?); the fields are name, summary, category, chats, patience, time_limit, teams, tags, known_words, jargon, macros, customers"),
        (small.replacingOccurrences(of: "delay: 5", with: "delay: -1"),
         "s.yaml:17: customer 1, turn 1: delay: must be a number of seconds before the customer's next message from 0 to 600, not \"-1\""),
        (small.replacingOccurrences(of: "arrival: 0", with: "arrival: 500"),
         "s.yaml:9: customer 1: arrival: 500 s is not before the time limit (120 s): the customer would never arrive"),
        (small.replacingOccurrences(of: "reply: /thanks", with: "reply: /thank"),
         "s.yaml:19: customer 1, turn 2: reply: no macro /thank (did you mean /thanks?); define it under macros or write the reply out"),
        (small.replacingOccurrences(of: "for [order], [name]", with: "for [ordr], [name]"),
         "s.yaml:16: customer 1, turn 1: reply: [ordr] is not one of this customer's details (amount, name, order); add it under details"),
        (small.replacingOccurrences(of: "Order [order] cost [amount] twice.", with: "I was charged twice."),
         "s.yaml:16: customer 1, turn 1: reply: [amount] is not in the profile or any message the customer has sent by then, so the agent cannot know it; mention it in a message"),
        (small.replacingOccurrences(of: "money: [10, 20]", with: "money: [20, 10]"),
         "s.yaml:13: customer 1: details: amount: money: must be two amounts [low, high] from 0.01 to 100000, low first, like [10, 90]"),
        (small.replacingOccurrences(of: "name: Small\n", with: ""),
         "s.yaml:1: scenario: no name; add a line like `name: Double charges, warm-up`"),
        (small.replacingOccurrences(of: "    turns:\n", with: "    turns\n"),
         "s.yaml:15: not valid YAML: could not find expected ':' (column 16)"),
    ])
    func damaged(text: String, expected: String) {
        #expect(problem(text) == expected)
    }

    @Test("A desk scenario reads its profiles, choices, questions, reactions, actions, teams and tags, and draws them")
    func deskFields() throws {
        let file = try ScenarioFile.parse(desk, path: "d.yaml", id: "d", canned: CannedReplies())
        #expect(file.isDesk)
        #expect(try !ScenarioFile.parse(small, path: "s.yaml", id: "s", canned: CannedReplies()).isDesk)
        let scenario = file.draw(seed: 5)
        #expect(scenario == file.draw(seed: 5))
        #expect(scenario.teams == ["billing", "shipping"])
        #expect(scenario.tags == ["refunds", "other"])
        #expect(scenario.macros[0].title == "Ask which order" && scenario.macros[0].keywords == ["which order", "clarify"])
        #expect(scenario.macros[1].title.isEmpty && scenario.macros[1].keywords.isEmpty)
        let maya = scenario.customers[0]
        let profile = try #require(maya.profile)
        // The e-mail, not given, comes from the name; the orders are drawn like details.
        #expect(profile.email.hasPrefix("maya.") && profile.email.hasSuffix("@example.com") && profile.email.count == "maya.123@example.com".count)
        #expect(profile.plan == "Plus" && profile.since == nil)
        #expect(profile.orders.count == 2)
        #expect(profile.orders[0] == ChatProfile.Order(number: "#111", date: "3 March", amount: "$10.00", status: "Delivered", item: "Lamp"))
        let second = profile.orders[1]
        #expect(second.number.count == 4 && second.number.hasPrefix("#2") && ["1 March", "2 March"].contains(second.date) && second.item == nil)
        // Details taken from the profile hold its values.
        #expect(maya.details["order"] == second.number && maya.details["amount"] == second.amount)
        #expect(maya.close == "refunds")
        #expect(maya.nudge == "Still there? It's Maya.")
        let turn = maya.turns[0]
        #expect(turn.clarify == Clarification(ask: ReplyTemplate(parsing: "Which order is it, [name]?"), macro: "which", answer: "The one for \(second.amount), \(second.number).", guessPoints: 2, delay: 5))
        #expect(turn.macro == "refund")
        #expect(turn.acceptable == [ScoredReply(reply: ReplyTemplate(parsing: "Done, [name]."), macro: nil, points: 3)])
        #expect(turn.wrongReaction == "Not that. Maya wants a refund.")
        #expect(turn.detailReaction == "No, my [detail] is [value].")
        #expect(turn.action == nil && maya.turns[1].action == nil)
        let other = scenario.customers[1]
        #expect(other.profile == nil && other.close == nil && other.nudge == nil)
        #expect(other.turns[0].action == .escalate(team: "billing", note: ["case"]))
        // Without teams or tags, a scenario has the standard ones.
        #expect(try ScenarioFile.parse(small, path: "s.yaml", id: "s", canned: CannedReplies()).draw(seed: 1).teams == ChatScenario.standardTeams)
    }

    @Test("Damaged desk fields are reported by file, line and field, with what to do", arguments: damagedDeskScenarios)
    func damagedDesk(text: String, expected: String) {
        #expect(problem(text, path: "d.yaml") == expected)
    }

    @Test("The desk example in docs/chat.md reads, with the shared canned replies, as the docs describe it")
    func docsDeskExample() throws {
        let docs = try String(contentsOf: repositoryScenarios.deletingLastPathComponent().appendingPathComponent("docs/chat.md"), encoding: .utf8)
        let section = try #require(docs.range(of: "### Desk content"))
        let start = try #require(docs.range(of: "```yaml\n", range: section.upperBound..<docs.endIndex))
        let end = try #require(docs.range(of: "```", range: start.upperBound..<docs.endIndex))
        let file = try ScenarioFile.parse(String(docs[start.upperBound..<end.lowerBound]), path: "docs/chat.md", id: "docs", canned: ScenarioCatalog.cannedReplies())
        #expect(file.isDesk)
        let scenario = file.draw(seed: 2)
        let first = scenario.customers[0]
        #expect(first.details["order"] == first.profile?.orders[1].number)
        #expect(first.turns[0].clarify?.macro == "which" && first.turns[0].acceptable.first?.points == 5 && first.close == "shipping")
        #expect(scenario.customers[1].turns[0].action == .escalate(team: "billing", note: ["case"]))
        #expect(scenario.teams == ["billing", "shipping", "accounts"])
    }

    @Test("Every customer's e-mail holds their name, in every built-in scenario and for many seeds")
    func emailsMatchNames() throws {
        var addresses = 0
        for id in ScenarioCatalog.builtInIDs {
            let file = try ScenarioCatalog.builtIn(id)
            for seed in UInt64(0)..<200 {
                for customer in file.draw(seed: seed).customers {
                    var emails = customer.details.values.filter { $0.contains("@") }
                    if let email = customer.profile?.email { emails.append(email) }
                    for email in emails {
                        addresses += 1
                        #expect(ScenarioFile.email(email, fits: customer.name), "\(id) seed \(seed): \(customer.name) writes from \(email)")
                    }
                }
            }
        }
        #expect(addresses > 5000)
        #expect(ScenarioFile.email("zoe.12@example.com", fits: "Zoë"))
        #expect(!ScenarioFile.email("omar.46@example.com", fits: "Maya"))
        #expect(!ScenarioFile.email("maya", fits: "Maya"))
    }

    @Test("Every built-in profile lists its orders newest first, as a help desk does, so \"my last order\" is the first")
    func ordersNewestFirst() throws {
        let months = ["January": 1, "February": 2, "March": 3]
        func day(_ date: String) -> Int? {
            let words = date.split(separator: " ")
            guard words.count == 3, let day = Int(words[1]), let month = months[String(words[2])] else { return nil }
            return month * 100 + day
        }
        var profiles = 0
        for id in ScenarioCatalog.builtInIDs {
            let file = try ScenarioCatalog.builtIn(id)
            for seed in UInt64(0)..<50 {
                for customer in file.draw(seed: seed).customers {
                    guard let orders = customer.profile?.orders, orders.count > 1 else { continue }
                    profiles += 1
                    let days = orders.map { day($0.date) }
                    #expect(!days.contains(nil), "\(id): \(orders.map(\.date))")
                    #expect(zip(days, days.dropFirst()).allSatisfy { ($0 ?? 0) >= ($1 ?? 0) }, "\(id) seed \(seed): \(orders.map(\.date))")
                }
            }
        }
        #expect(profiles > 500)
    }

    @Test("Every shared canned reply has a title and keywords for the knowledge base, which finds them by those")
    func knowledgeBaseTitles() throws {
        let canned = try ScenarioCatalog.cannedReplies()
        for macro in canned.macros {
            #expect(!macro.title.isEmpty, "/\(macro.shortcut)")
            #expect(macro.keywords.count >= 3, "/\(macro.shortcut)")
        }
        let base = KnowledgeBase(canned.macros)
        // "which" begins the shortcuts /which and /whichcharge; "two orders" only /which's keywords.
        #expect(base.search("which").map(\.shortcut) == ["which", "whichcharge"])
        #expect(base.search("two orders").map(\.shortcut) == ["which"])
        #expect(base.search("charged twice").map(\.shortcut) == ["dup", "refundcharge"])
        #expect(base.search("over 500").map(\.shortcut) == ["bigrefund"])
    }

    @Test("The knowledge base's search lists what matching words as strings lists, in its order: ASCII by bytes, the rest as strings")
    func knowledgeBaseSearchAgreesWithStrings() throws {
        var replies = try ScenarioCatalog.cannedReplies().macros
        // Replies with words outside ASCII, one written with a separate accent, so both ways of matching are used.
        replies.append(ChatMacro(shortcut: "cafe", template: ReplyTemplate(parsing: "Your café order ships from Zürich."), title: "Café order", keywords: ["café", "zürich"]))
        replies.append(ChatMacro(shortcut: "resume", template: ReplyTemplate(parsing: "Your re\u{301}sume\u{301} is saved."), title: "Résumé saved", keywords: ["résumé"]))
        let base = KnowledgeBase(replies)
        // The rule itself, as strings: the shortcut begins with the whole query, or every term begins a word of the
        // shortcut, title and keywords, or of those and the text.
        func reference(_ query: String) -> [String] {
            let terms = KnowledgeBase.words(query)
            guard !terms.isEmpty else { return replies.map(\.shortcut) }
            let whole = query.lowercased().filter { !$0.isWhitespace && $0 != "/" }
            var ranked: [(Int, Int)] = []
            for (index, macro) in replies.enumerated() {
                let named = KnowledgeBase.words(macro.shortcut) + KnowledgeBase.words(macro.title) + macro.keywords.flatMap(KnowledgeBase.words)
                let text = KnowledgeBase.words(macro.template.display)
                if macro.shortcut.lowercased().hasPrefix(whole) {
                    ranked.append((0, index))
                } else if terms.allSatisfy({ term in named.contains { $0.hasPrefix(term) } }) {
                    ranked.append((1, index))
                } else if terms.allSatisfy({ term in (named + text).contains { $0.hasPrefix(term) } }) {
                    ranked.append((2, index))
                }
            }
            return ranked.sorted { $0 < $1 }.map { replies[$0.1].shortcut }
        }
        var generator = SystemRandomNumberGenerator()
        let words = Array(Set(replies.flatMap { KnowledgeBase.words($0.title + " " + $0.template.display) }))
        let odd = ["é", "e\u{301}", "caf", "café", "cafe\u{301}", "zü", "ré", "re\u{301}", "/", "#", "-", "K", "\u{212A}"]
        for _ in 0..<1500 {
            let query = (0..<Int.random(in: 0...3, using: &generator)).map { _ in
                if Bool.random(using: &generator) { return odd.randomElement(using: &generator)! }
                let word = words.randomElement(using: &generator)!
                return String(word.prefix(Int.random(in: 1...max(1, word.count), using: &generator)))
            }.joined(separator: [" ", "  ", "-"].randomElement(using: &generator)!)
            #expect(base.search(query).map(\.shortcut) == reference(query), "\(query)")
        }
        #expect(base.search("cafe\u{301}").map(\.shortcut) == ["cafe"])
        #expect(base.search("résu").map(\.shortcut) == ["resume"])
    }

    @Test("What each built-in scenario's intro says, kept beside it, is what the scenario says when read")
    func builtInAbout() throws {
        for id in ScenarioCatalog.builtInIDs {
            let file = try ScenarioCatalog.builtIn(id)
            let about = try #require(ScenarioCatalog.about(id), "\(id)")
            #expect(about.name == file.name && about.summary == file.summary, "\(id)")
            #expect(about.customers == file.customerCount && about.customers == file.draw(seed: 3).customers.count, "\(id)")
            #expect(about.chats == file.chats && about.patience == file.patience && about.timeLimit == file.timeLimit, "\(id)")
        }
        #expect(ScenarioCatalog.about("no-such-scenario") == nil)
        #expect(ScenarioCatalog.about("canned-replies") == nil)
    }

    @Test("The knowledge base's words come out the same read byte by byte as character by character")
    func knowledgeBaseWordsByBytes() throws {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "Z", "q", "7", " ", "-", "/", "#", "!", "\t", "\n", "É", "é", "ß", "日", "١"]
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 0...16, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(KnowledgeBase.words(text) == KnowledgeBase.lettersAndDigits(text), "\(text)")
        }
        #expect(KnowledgeBase.words("E-mail reset! Order #4521") == ["e", "mail", "reset", "order", "4521"])
        let canned = try ScenarioCatalog.cannedReplies()
        for macro in canned.macros {
            #expect(KnowledgeBase.words(macro.template.display) == KnowledgeBase.lettersAndDigits(macro.template.display))
        }
    }

    @Test("The shared canned replies read, and a detail can draw from their lists")
    func cannedReplies() throws {
        let canned = try ScenarioCatalog.cannedReplies()
        #expect(canned.macros.count >= 10)
        #expect(canned.lists["first_names"]?.count ?? 0 >= 10)
        let text = """
        name: Lists
        chats: 1
        patience: 60
        time_limit: 120
        customers:
          - arrival: 0
            details: {date: {list: dates}}
            turns: [{message: "On [date]?", reply: /follow}]
        """
        let drawn = try ScenarioFile.parse(text, path: "l.yaml", id: "l", canned: canned).draw(seed: 3)
        #expect(canned.lists["first_names"]?.contains(drawn.customers[0].name) == true)
        #expect(canned.lists["dates"]?.contains(drawn.customers[0].details["date"] ?? "") == true)
        #expect(problem(text) == "s.yaml:7: customer 1: details: date: list: no shared list \"dates\"; the lists are ")
    }

    @Test("Every built-in scenario reads, draws, and can be served in full with its expected replies")
    func builtIns() throws {
        let ids = ScenarioCatalog.builtInIDs
        #expect(ids.count >= 12)
        #expect(ids.first == ScenarioCatalog.defaultID)
        for id in ids {
            let scenario = try ScenarioCatalog.builtIn(id).draw(seed: 42)
            #expect(!scenario.customers.isEmpty)
            // A perfect agent: answers every message the moment it arrives, instantly and exactly.
            var shift = ChatShift(scenario: scenario, mode: .guided)
            var time = 0.0
            while !shift.isOver, time < scenario.timeLimit * 1000 {
                shift.advance(to: time)
                for chat in shift.chats.indices {
                    guard let index = shift.chats[chat], case .waiting = shift.customers[index].status else { continue }
                    let customer = shift.customers[index]
                    shift.apply(.select(chat), at: time)
                    let reply = customer.script.turns[customer.turn].reply.filled(with: customer.script.details)
                    for character in reply { shift.apply(.type(character), at: time) }
                    shift.apply(.send, at: time + 1000)
                }
                time += 1000
            }
            let result = shift.result()
            #expect(result.served == scenario.customers.count, "\(id)")
            #expect(result.wrongDetails == 0, "\(id)")
            #expect(result.replyAccuracy == 100, "\(id)")
        }
    }

    @Test("The embedded scenarios match scenarios/ exactly (run scripts/embed-scenarios.py after editing one)")
    func embeddedMatchesFiles() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: repositoryScenarios.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(names == BuiltInScenarios.files.map(\.name))
        for (name, embedded) in zip(names, BuiltInScenarios.files) {
            let onDisk = try String(contentsOf: repositoryScenarios.appendingPathComponent(name), encoding: .utf8)
            #expect(onDisk == embedded.contents, "\(name)")
        }
    }

    @Test("An unknown id suggests the nearest")
    func unknownID() {
        #expect(throws: TypeBarError.usage("no built-in scenario \"late-parcel\" (did you mean late-parcels?); typebar chat --list shows them all, and --scenario-file FILE reads your own")) {
            try ScenarioCatalog.builtIn("late-parcel")
        }
    }
}
