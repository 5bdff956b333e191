import Testing
import TypeBarCore
import TypeBarFormats
@testable import TerminalUI

@Suite("The desk's actions: escalate, close")
struct DeskActionTests {
    @Test("Ctrl-E: a team by number, arrows or first letter, then the internal note; Enter escalates, and the note shows as internal")
    func escalate() throws {
        var desk = deskSession()
        desk.handle(.shift(.select(1)), at: 5100)
        desk.handle(.escalate, at: 5200)
        var lines = deskRows(desk.frame(rows: 24, columns: 80, now: 5200)).map(deskRight)
        #expect(lines.contains(" Escalate Omar's chat: choose the team."), "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.hasPrefix(" [1 billing]  2 shipping ") })
        #expect(deskRows(desk.frame(rows: 24, columns: 80, now: 5200)).last == " ↑↓, 1-5 or first letter: team · Enter next · Esc cancel")
        // "s" begins two teams: it moves between them and waits; a number chooses at once.
        desk.type("s", at: 5300)
        #expect(deskRows(desk.frame(rows: 24, columns: 80, now: 5300)).contains { $0.contains("[2 shipping]") })
        desk.type("s", at: 5400)
        #expect(deskRows(desk.frame(rows: 24, columns: 80, now: 5400)).contains { $0.contains("[5 supervisor]") })
        desk.type("1", at: 5500)
        lines = deskRows(desk.frame(rows: 24, columns: 80, now: 5500)).map(deskRight)
        #expect(lines.contains { $0.contains("Escalate Omar's chat to billing. Internal note (Omar") }, "\(lines.joined(separator: "\n"))")
        // An empty note is refused with a word why.
        desk.handle(.shift(.send), at: 5600)
        #expect(desk.events.map(\.event) == [.select(1)])
        #expect(desk.view.notice == "Write the note for billing first: what they need to know, with the details.")
        desk.type("Refund of $620 for #59530", at: 5700)
        let typing = desk.frame(rows: 24, columns: 80, now: 5700)
        let note = try #require(deskRows(typing).firstIndex { $0.contains(" Note: Refund of $620 for #59530") })
        #expect(typing.cursor?.row == note)
        // Keys while the note is typed go to it, not to the reply.
        #expect(desk.shift.customers[1].draft.isEmpty)
        desk.handle(.shift(.send), at: 5800)
        #expect(desk.events.map(\.event) == [.select(1), .escalate(team: "billing", note: "Refund of $620 for #59530")])
        #expect(desk.shift.actions.last?.right == true)
        let frame = desk.frame(rows: 24, columns: 80, now: 5800)
        let after = deskRows(frame)
        let noteRow = try #require(after.firstIndex { $0.contains("[internal note, not sent] To billing: Refund of $620") }, "\(frame.text)")
        let roles = frame.roles(row: noteRow)
        #expect(roles.dropFirst(23).hasPrefix(String(repeating: "m", count: "[internal note, not sent]".count) + "dd"), "\(roles)")
        #expect(after.contains { $0.hasPrefix("   transferred") })
        #expect(after.contains { $0.contains("Omar was transferred; the chat is free.") })
    }

    @Test("Esc cancels an escalation without a trace; a chat with nobody to escalate says so")
    func cancel() {
        var desk = deskSession()
        desk.handle(.escalate, at: 5100)
        desk.type("2", at: 5200)
        desk.type("abc", at: 5300)
        desk.handle(.escape, at: 5400)
        #expect(desk.view.panel == nil)
        #expect(desk.events.isEmpty)
        #expect(desk.shift.actions.isEmpty)
        var empty = ChatSession(shift: ChatShift(scenario: deskScenario(), mode: .desk))
        empty.advance(to: 1000)   // only Sofia has arrived
        empty.handle(.shift(.select(2)), at: 1100)
        empty.handle(.escalate, at: 1200)
        #expect(empty.view.panel == nil)
        #expect(deskRows(empty.frame(rows: 24, columns: 80, now: 1200)).contains(" No customer in chat 3 yet."))
        empty.handle(.search, at: 1300)
        #expect(empty.view.panel == nil)
    }

    @Test("Ctrl-T: a served customer's chat closes with the tag chosen; one still waiting is warned about first")
    func close() throws {
        var desk = deskSession()
        desk.handle(.close, at: 5100)
        var lines = deskRows(desk.frame(rows: 24, columns: 80, now: 5100)).map(deskRight)
        #expect(lines.contains(" Close Sofia's chat with a wrap-up tag:"), "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("Sofia still needs an answer: closing now ends the chat") })
        desk.handle(.escape, at: 5150)
        // Serve her: /dup filled, then /bye.
        desk.reply("dup", filling: ["Sofia", "#58211", "$24.50"], at: 5200)
        desk.handle(.shift(.send), at: 6000)
        desk.advance(to: 11_000)   // "Great, thanks." after 5 s
        desk.type("/bye", at: 11_100)
        desk.handle(.shift(.tab), at: 11_200)
        desk.type("Sofia", at: 11_300)
        desk.handle(.shift(.send), at: 11_400)
        lines = deskRows(desk.frame(rows: 24, columns: 80, now: 11_400))
        #expect(lines.contains { $0.hasPrefix("   served: close it") }, "\(lines.joined(separator: "\n"))")
        #expect(lines.map(deskRight).joined(separator: " ").split(separator: " ").joined(separator: " ").contains("Sofia is served: close the chat with Ctrl-T and a wrap-up tag."))
        desk.handle(.close, at: 11_500)
        lines = deskRows(desk.frame(rows: 24, columns: 80, now: 11_500)).map(deskRight)
        #expect(!lines.contains { $0.contains("still needs an answer") })
        #expect(deskRows(desk.frame(rows: 24, columns: 80, now: 11_500)).last == " ↑↓, 1-6 or first letter: tag · Enter close the chat · Esc cancel")
        desk.handle(.scroll(1), at: 11_600)
        desk.handle(.scroll(-1), at: 11_600)
        desk.handle(.shift(.send), at: 11_700)
        #expect(desk.events.last?.event == .close(tag: "billing"))
        #expect(desk.shift.actions.last?.right == true)
        lines = deskRows(desk.frame(rows: 24, columns: 80, now: 11_700))
        #expect(lines.contains { $0.hasPrefix("   served ✓") })
        #expect(lines.contains { $0.contains("Sofia is served; chat closed as billing.") })
    }

    @Test("A key that switches chats closes an open tool first, recording a search; a customer who leaves closes theirs")
    func switching() {
        var desk = deskSession()
        desk.handle(.search, at: 5100)
        desk.type("dup", at: 5200)
        desk.handle(.shift(.select(2)), at: 5300)
        #expect(desk.events.map(\.event) == [.search("dup"), .select(2)])
        #expect(desk.view.panel == nil)
        #expect(desk.shift.selected == 2)
        desk.handle(.search, at: 100_000)
        desk.type("where", at: 100_100)
        desk.advance(to: 124_500)   // Lena's patience ran out at 124 s
        #expect(desk.view.panel == nil)
        #expect(desk.view.notice == "Lena left: nobody answered in time.")
        #expect(desk.events.map(\.event) == [.search("dup"), .select(2)])
    }

    @Test("The events recorded are exactly the shift's: replayed on a new shift, they give the same shift")
    func recorded() {
        var desk = deskSession()
        desk.reply("refund", filling: ["Sofia", "$24.05", "#58211"], at: 5100)   // acceptable, with a wrong amount
        desk.handle(.shift(.send), at: 6000)
        desk.handle(.shift(.select(1)), at: 6100)
        desk.type("/", at: 6200)
        desk.type("zz", at: 6300)
        desk.handle(.escape, at: 6400)
        desk.handle(.escalate, at: 6500)
        desk.type("b", at: 6600)                      // the only team beginning with b
        desk.type("Refund #59530", at: 6650)
        desk.handle(.shift(.send), at: 6700)
        desk.handle(.shift(.select(0)), at: 11_000)
        desk.advance(to: 30_000)
        var replayed = ChatShift(scenario: deskScenario(), mode: .desk)
        for (event, time) in desk.events { replayed.apply(event, at: time) }
        replayed.advance(to: 30_000)
        #expect(desk.events.map(\.event).contains(.escalate(team: "billing", note: "Refund #59530")))
        #expect(replayed.replies == desk.shift.replies)
        #expect(replayed.actions == desk.shift.actions)
        #expect(replayed.searches == desk.shift.searches)
        #expect(replayed.customers.map(\.messages) == desk.shift.customers.map(\.messages))
        #expect(replayed.result().judgement == desk.shift.result().judgement)
        #expect(replayed.result().customers.map(\.rating) == desk.shift.result().customers.map(\.rating))
        // And the log's lines read back to the same events.
        let log = ChatLog.text(header: ChatLog.Header(scenario: "desk-test", mode: .desk, seed: 1), events: desk.events)
        #expect(log.contains(#""chat":"search","query":"zz""#))
        #expect(log.contains(#""chat":"pick","reply":"refund","query":"refund""#))
    }
}

@Suite("The customer's profile on the desk")
struct DeskProfileTests {
    @Test("Frame after frame at the help desk, one view reused gives what a new view gives: the profile pane, tools, Ctrl-P, chats, sizes")
    func reusedViewMatchesANewOne() {
        var generator = SystemRandomNumberGenerator()
        let sizes: [(rows: Int, columns: Int)] = [(24, 80), (30, 110), (34, 130), (16, 60)]
        for _ in 0..<12 {
            var desk = deskSession()
            var now = 5000.0
            var size = sizes.randomElement(using: &generator)!
            for _ in 0..<100 {
                let action: ChatKeys.Action
                switch Int.random(in: 0..<100, using: &generator) {
                case 0..<45: action = .shift(.type(["r", "e", "f", "u", "n", "d", " ", "é", "#", "6"].randomElement(using: &generator)!))
                case 45..<52: action = .shift(.backspace)
                case 52..<60: action = .shift(.select(Int.random(in: 0..<3, using: &generator)))
                case 60..<66: action = .shift(.tab)
                case 66..<70: action = .search
                case 70..<73: action = .escape
                case 73..<77: action = .profile
                case 77..<79: action = [.escalate, .close].randomElement(using: &generator)!
                case 79..<82: action = .mostUrgent
                case 82..<85: action = .shift(.send)
                case 85..<88:
                    size = sizes.randomElement(using: &generator)!
                    action = .resize
                default: action = .shift(.type("a"))
                }
                desk.handle(action, at: now)
                now += Double(Int.random(in: 20...900, using: &generator))
                desk.advance(to: now)
                let reused = desk.frame(rows: size.rows, columns: size.columns, now: now)
                let new = desk.view.withoutCache().frame(for: desk.shift, rows: size.rows, columns: size.columns, now: now)
                #expect(reused.text == new.text)
                let same = reused == new
                #expect(same, "the same text in other roles, clusters or cursor")
                if !same { return }
            }
        }
    }

    @Test("From 100 columns the profile is a pane beside the conversation: e-mail, plan, since, orders with their items")
    func pane() throws {
        let desk = deskSession()
        let frame = desk.frame(rows: 30, columns: 120, now: 5000)
        let lines = deskRows(frame)
        let paneLeft = 120 - ChatDeskView.paneWidth(columns: 120)
        let pane = lines.map { String($0.dropFirst(paneLeft)) }
        #expect(pane[1] == "│ Profile")
        #expect(pane[2] == "│ Sofia")
        #expect(lines[2].contains("Sofia: I was charged twice for my last order."))
        #expect(pane[3] == "│ sofia.lindqvist-hernandez")
        #expect(pane[4] == "│ @example.com")
        #expect(pane.contains("│ Plan: Premium"))
        #expect(pane.contains("│ Customer since March 2021"))
        #expect(pane.contains("│ Orders, newest first"))
        let order = try #require(pane.firstIndex { $0.hasPrefix("│ #58211 · 2 Mar · $24.50") }, "\(frame.text)")
        #expect(pane[order + 1] == "│   delivered · Blue kettle")
        #expect(frame.roles(row: order).dropFirst(paneLeft + 2).hasPrefix("kkkkkk."))
        #expect(pane.contains { $0.hasPrefix("│ #57002 · 10 Feb · $61.00") })
        // The key bar has no need to name Ctrl-P; the conversation keeps its own column.
        #expect(lines.last?.contains("Ctrl-P") == false)
        #expect(!lines[2].dropFirst(22).prefix(paneLeft - 22).contains("sofia"))
        // Another chat, another profile; a customer without one says so.
        var omar = desk
        omar.handle(.shift(.select(1)), at: 5100)
        #expect(deskRows(omar.frame(rows: 30, columns: 120, now: 5100)).contains { $0.hasSuffix("│ omar.haddad@example.com") })
        var scenario = deskScenario()
        scenario.customers[0].profile = nil
        #expect(deskRows(deskSession(scenario: scenario).frame(rows: 30, columns: 120, now: 5000)).contains { $0.hasSuffix("│ No profile on file.") })
        // A profile longer than its pane says how to see the rest, and Ctrl-P shows it whole in the conversation's place.
        var long = deskScenario()
        long.customers[0].profile?.orders = (1...9).map { .init(number: "#5800\($0)", date: "\($0) Jan", amount: "$1\($0).00", status: "delivered") }
        var many = deskSession(scenario: long)
        let cut = deskRows(many.frame(rows: 24, columns: 120, now: 5000))
        #expect(cut.contains { $0.hasSuffix("│ … 9 more lines: Ctrl-P") }, "\(cut.joined(separator: "\n"))")
        many.handle(.profile, at: 5100)
        let whole = deskRows(many.frame(rows: 30, columns: 120, now: 5100)).map(deskRight)
        #expect(whole[2] == " Profile · Ctrl-P returns to the conversation", "\(whole.joined(separator: "\n"))")
        #expect(whole.contains(" sofia.lindqvist-hernandez@example.com"))
        #expect(whole.contains(" #58009 · 9 Jan · $19.00 · delivered"))
        #expect(!whole.contains { $0.contains("│ Profile") })
    }

    @Test("Below 100 columns Ctrl-P shows the profile in the conversation's place, and again goes back; the key bar says so")
    func toggled() {
        var desk = deskSession()
        let plain = deskRows(desk.frame(rows: 24, columns: 80, now: 5000))
        #expect(!plain.contains { $0.contains("sofia.lindqvist") })
        #expect(plain.last == " F1-F3 chat · / search · Ctrl-E escalate · Ctrl-T close · Ctrl-P profile")
        desk.handle(.profile, at: 5100)
        let shown = deskRows(desk.frame(rows: 24, columns: 80, now: 5100)).map(deskRight)
        #expect(shown[2] == " Profile · Ctrl-P returns to the conversation")
        #expect(shown.contains(" sofia.lindqvist-hernandez@example.com"))
        #expect(shown.contains(" #58211 · 2 Mar · $24.50 · delivered · Blue kettle"))
        #expect(!shown.contains { $0.contains("I was charged twice") })
        #expect(desk.events.isEmpty)
        // The reply box and its keys are still there: a detail read off the profile goes straight in.
        desk.type("Hi", at: 5200)
        #expect(deskRows(desk.frame(rows: 24, columns: 80, now: 5200)).contains { $0.hasSuffix("│> Hi") })
        desk.handle(.profile, at: 5300)
        #expect(deskRows(desk.frame(rows: 24, columns: 80, now: 5300)).contains { $0.contains("Sofia: I was charged twice") })
        // At 40 x 12 too.
        desk.handle(.profile, at: 5400)
        let small = deskRows(desk.frame(rows: 12, columns: 40, now: 5400))
        #expect(small.contains(" Profile · Ctrl-P returns to the"), "\(small.joined(separator: "\n"))")
    }
}

@Suite("Reactions, nudges and states read as such")
struct DeskConversationTests {
    @Test("A correction and a nudge are marked in the conversation and announced from other chats with their text")
    func reactions() throws {
        var desk = deskSession()
        desk.reply("refund", filling: ["Sofia", "$24.05", "#58211"], at: 5100)   // a wrong amount
        desk.handle(.shift(.send), at: 6000)
        desk.advance(to: 10_100)    // the correction comes 4 s later
        let frame = desk.frame(rows: 24, columns: 80, now: 10_100)
        let lines = deskRows(frame)
        let correction = try #require(lines.firstIndex { $0.contains("Sofia corrects you: That's not right: my amount is") }, "\(frame.text)")
        #expect(frame.roles(row: correction).dropFirst(23).hasPrefix(String(repeating: "b", count: "Sofia corrects you:".count) + "."))
        // From another chat: the announcement says what it is.
        var other = ChatSession(shift: ChatShift(scenario: deskScenario(), mode: .desk))
        other.advance(to: 5000)
        other.reply("refund", filling: ["Sofia", "$24.05", "#58211"], at: 5100)
        other.handle(.shift(.send), at: 6000)
        other.handle(.shift(.select(1)), at: 6100)
        other.advance(to: 10_100)
        #expect(deskRows(other.frame(rows: 24, columns: 100, now: 10_100)).contains(" ● Sofia corrects you in chat 1 (F1): That's not right: my amount is $24.50."))
        // Omar, kept waiting half his patience (60 s), nudges.
        other.advance(to: 62_100)
        let nudged = other.frame(rows: 24, columns: 80, now: 62_100)
        let nudge = try #require(deskRows(nudged).firstIndex { $0.contains("Omar nudges: Hello? Is anyone there?") }, "\(nudged.text)")
        #expect(nudged.roles(row: nudge).dropFirst(23).hasPrefix(String(repeating: "W", count: "Omar nudges:".count) + "."))
        other.advance(to: 64_100)   // Lena nudges at 64 s in chat 3
        #expect(deskRows(other.frame(rows: 24, columns: 80, now: 64_100)).contains(" ● Lena nudges in chat 3 (F3): Hello? Is anyone there?"))
    }

    @Test("What a chat needs shows in the list: on hold, served: close it, transferred")
    func states() {
        var desk = deskSession()
        desk.handle(.shift(.select(1)), at: 5100)
        desk.reply("passon", filling: ["Omar", "#59530"], at: 5200)
        desk.handle(.shift(.send), at: 6000)
        let held = deskRows(desk.frame(rows: 24, columns: 80, now: 6000))
        #expect(held.contains { $0.hasPrefix("   on hold: your move│") }, "\(held.joined(separator: "\n"))")
        let joined = held.map(deskRight).joined(separator: " ").split(separator: " ").joined(separator: " ")
        #expect(joined.contains("Your move: Ctrl-E escalates to a team with an internal note; Ctrl-T closes the chat."), "\(joined)")
        let tabs = deskRows(desk.frame(rows: 16, columns: 60, now: 6000))[1]
        #expect(tabs.contains("[2 Omar hold]"), "\(tabs)")
    }

    @Test("Six chats: the side list at 80 x 24 shows every one and the queue; the tabs fit 60 and 40 columns")
    func sixChats() throws {
        let names = ["Maximilian", "Bartholomew", "Anastasia", "Guinevere", "Ines", "Jo", "Kim"]
        let scenario = ChatScenario(
            id: "six", name: "Six at once", chats: 6, patience: 300, timeLimit: 600,
            customers: names.enumerated().map { index, name in
                ChatCustomer(name: name, arrival: Double(index), turns: [ChatTurn(message: "Hello?", reply: ReplyTemplate(parsing: "Hi"))])
            })
        var desk = ChatSession(shift: ChatShift(scenario: scenario, mode: .desk))
        desk.advance(to: 40_000)
        let full = deskRows(desk.frame(rows: 24, columns: 80, now: 40_000))
        for (chat, name) in names.prefix(6).enumerated() {
            let row = try #require(full.firstIndex { $0.contains("F\(chat + 1) \(name)") }, "\(full.joined(separator: "\n"))")
            #expect(full[row + 1].hasPrefix("   reply due in 0:"))
        }
        #expect(full.contains { $0.hasPrefix(" 1 in the queue") })
        #expect(full.contains { $0.hasPrefix("  Kim waits 0:34") })
        #expect(full.last?.hasPrefix(" F1-F6 chat") == true)
        // 64 x 18: two rows a chat.
        let short = deskRows(desk.frame(rows: 18, columns: 64, now: 40_000))
        #expect(short[2].hasPrefix("▶F1 Maximilian") && short[3].hasPrefix("   reply due in") && short[4].hasPrefix(" F2 Bartholomew"))
        for (height, width) in [(16, 60), (12, 40)] {
            let tabs = deskRows(desk.frame(rows: height, columns: width, now: 40_000))[1]
            #expect(DisplayWidth.of(tabs) <= width, "\(tabs)")
            #expect(tabs.hasPrefix("[1 Maxi") && tabs.contains("due 0:20]"), "\(tabs)")
            for chat in 2...6 { #expect(tabs.contains(" \(chat)!"), "\(tabs)") }
            #expect(tabs.hasSuffix("+1") || tabs.hasSuffix("+1 queued"), "\(tabs)")
        }
        desk.handle(.shift(.select(5)), at: 40_100)
        #expect(deskRows(desk.frame(rows: 24, columns: 80, now: 40_100)).contains { $0.hasPrefix("▶F6 Jo") })
    }
}

@Suite("The desk and free intro")
struct DeskIntroTests {
    @Test("At 80 x 24 the intro says how to work a desk shift and names every key, without scrolling", arguments: [ChatShift.Mode.desk, .free])
    func intro(mode: ChatShift.Mode) {
        var scenario = deskScenario()
        scenario.summary = "Refunds, a transfer and a question, with profiles to read."
        let intro = ChatIntroView(scenario: scenario, mode: mode, seed: 7, chats: 3)
        let frame = intro.frame(rows: 24, columns: 80)
        let text = deskRows(frame).joined(separator: " ").split(separator: " ").joined(separator: " ")
        #expect(!text.contains("more line"), "\(frame.text)")
        for words in ["/ or Ctrl-K", "Tab inserts", "Tab insert, next blank", "Enter send", "Ctrl-E escalate", "Ctrl-T close", "Ctrl-P profile",
                      "F1-F3 or Alt-1..3 switch chats", "Ctrl-N most urgent customer", "Esc closes a search or list, twice ends the shift",
                      "Press Enter to start"] {
            #expect(text.contains(words), "\(words):\n\(frame.text)")
        }
        #expect(text.contains(mode == .desk ? "judgement 70" : "writing 70 of 100"))
        #expect(text.contains("80 % of customers rated 4 or 5 of 5"))
    }
}

@Suite("The desk's key bar")
struct DeskKeyBarTests {
    @Test("As many keys as fit, long forms first, the highest ranks left out one by one; never wider than the window")
    func fitting() {
        let keys = [("F1-F3 chat", "F1-F3", 0), ("/ search", "/ search", 1), ("Enter send", "Enter", 6), ("Ctrl-E escalate", "^E escalate", 2),
                    ("Ctrl-T close", "^T close", 3), ("Ctrl-P profile", "^P profile", 4), ("Esc Esc end", "Esc Esc end", 5)]
            .map { (text: $0.0, short: $0.1, rank: $0.2) }
        // By hand: all seven long keys are 1 + 85 + 6 × 3 = 104 columns.
        #expect(ChatDeskView.fittedKeys(keys, columns: 104) == " F1-F3 chat · / search · Enter send · Ctrl-E escalate · Ctrl-T close · Ctrl-P profile · Esc Esc end")
        #expect(ChatDeskView.fittedKeys(keys, columns: 80) == " F1-F3 chat · / search · Ctrl-E escalate · Ctrl-T close · Ctrl-P profile")
        // Short forms: 1 + 5 + 3 + 8 + 3 + 11 = 31 columns for three; one fewer drops ^E escalate.
        #expect(ChatDeskView.fittedKeys(keys, columns: 31) == " F1-F3 · / search · ^E escalate")
        #expect(ChatDeskView.fittedKeys(keys, columns: 30) == " F1-F3 · / search")
        for columns in 12...140 {
            #expect(DisplayWidth.of(ChatDeskView.fittedKeys(keys, columns: columns)) <= columns, "\(columns)")
        }
    }
}
