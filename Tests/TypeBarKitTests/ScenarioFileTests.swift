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

/// The problem `text` is reported with, as `typebar` prints it.
private func problem(_ text: String) -> String? {
    do {
        _ = try ScenarioFile.parse(text, path: "s.yaml", id: "s", canned: CannedReplies())
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
         "s.yaml:4: scenario: unknown field \"timelimit\" (did you mean time_limit?); the fields are name, summary, category, chats, patience, time_limit, macros, customers"),
        (small.replacingOccurrences(of: "delay: 5", with: "delay: -1"),
         "s.yaml:17: customer 1, turn 1: delay: must be a number of seconds before the customer's next message from 0 to 600, not \"-1\""),
        (small.replacingOccurrences(of: "arrival: 0", with: "arrival: 500"),
         "s.yaml:9: customer 1: arrival: 500 s is not before the time limit (120 s): the customer would never arrive"),
        (small.replacingOccurrences(of: "reply: /thanks", with: "reply: /thank"),
         "s.yaml:19: customer 1, turn 2: reply: no macro /thank (did you mean /thanks?); define it under macros or write the reply out"),
        (small.replacingOccurrences(of: "for [order], [name]", with: "for [ordr], [name]"),
         "s.yaml:16: customer 1, turn 1: reply: [ordr] is not one of this customer's details (amount, name, order); add it under details"),
        (small.replacingOccurrences(of: "Order [order] cost [amount] twice.", with: "I was charged twice."),
         "s.yaml:16: customer 1, turn 1: reply: [amount] is not in any message the customer has sent by then, so the agent cannot know it; mention it in a message"),
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
