import Testing
import TypeBarCore
import TypeBarFormats
@testable import TerminalUI

/// Three customers on three chats: Maya at 0 s, Tom at 2 s, Ana at 4 s; patience 90 s.
private func desk(mode: ChatShift.Mode = .template, reply text: String = "Hi [name], order [order] ships today.",
                  also more: [ChatMacro] = []) -> ChatShift {
    let reply = ReplyTemplate(parsing: text)
    func customer(_ name: String, _ arrival: Double, _ order: String) -> ChatCustomer {
        ChatCustomer(name: name, arrival: arrival, details: ["name": name, "order": order], turns: [
            ChatTurn(message: "Where is order \(order)?", reply: reply, macro: "ship", delay: 5),
            ChatTurn(message: "Thanks!", reply: ReplyTemplate(parsing: "Bye [name].")),
        ])
    }
    let scenario = ChatScenario(
        id: "desk", name: "Desk", chats: 3, patience: 90, timeLimit: 300,
        customers: [customer("Maya", 0, "#111"), customer("Tom", 2, "#222"), customer("Ana", 4, "#333")],
        macros: [ChatMacro(shortcut: "ship", template: reply)] + more)
    return ChatShift(scenario: scenario, mode: mode)
}

@Suite("The chat desk as frames: list, conversation, reply box, announcements, sizes")
struct ChatDeskViewTests {
    @Test("80 x 24 shows all three chats with names and waits, the conversation, the reply expected and the box")
    func fullLayout() {
        var shift = desk()
        shift.advance(to: 5000)
        for character in "Hi Maya" { shift.apply(.type(character), at: 5000) }
        let frame = ChatDeskView().frame(for: shift, rows: 24, columns: 80, now: 35_500)
        let text = frame.text
        #expect(text.contains("▶F1 Maya"))
        #expect(text.contains(" F2 Tom"))
        #expect(text.contains(" F3 Ana"))
        #expect(text.contains("Maya: Where is order #111?"))
        #expect(text.contains("Reply: Hi [name], order [order] ships today."))
        #expect(text.contains("> Hi Maya"))
        // The clocks tick on whole seconds: at 35.5 s, 300 - 35 s are left.
        #expect(text.contains("4:25 left"))
        // Maya has waited 35 s for her first reply, due in 25 s: a warning; Tom 33 s, Ana 31 s.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let mayaWait = try! #require(lines.firstIndex { $0.contains("reply due in 0:25") })
        #expect(frame.roles(row: mayaWait).hasPrefix("..." + String(repeating: "W", count: 17)))
        #expect(frame.cursor?.row == lines.firstIndex { $0.contains("> Hi Maya") })
    }

    @Test("A first reply past its target turns red, and a customer about to leave says so")
    func waitColours() throws {
        var shift = desk()
        shift.advance(to: 80_000)
        let frame = ChatDeskView().frame(for: shift, rows: 24, columns: 80, now: 80_000)
        let lines = frame.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let maya = try #require(lines.firstIndex { $0.contains("leaving in 10 s!") })
        #expect(frame.roles(row: maya).hasPrefix("..." + String(repeating: "b", count: 16)))   // "   leaving in 10 s!"
        let tom = try #require(lines.firstIndex { $0.contains("leaving in 12 s!") })
        #expect(frame.roles(row: tom).contains("bbbb"))
        let early = ChatDeskView().frame(for: shift, rows: 24, columns: 80, now: 70_000)
        let earlyLines = early.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let red = try #require(earlyLines.firstIndex { $0.contains("reply overdue 0:10") })
        #expect(early.roles(row: red).hasPrefix("..." + String(repeating: "b", count: 18)))
    }

    @Test("A new message in another chat is announced on its own line; the reply box keeps the draft")
    func announcements() {
        var shift = desk()
        for character in "Hi Maya, order #111 ships today." { shift.apply(.type(character), at: 1000) }
        shift.apply(.send, at: 2000)
        shift.apply(.select(1), at: 2500)
        for character in "Hi T" { shift.apply(.type(character), at: 3000) }
        shift.advance(to: 7000)   // Maya's second message arrives at 7 s
        let text = ChatDeskView().frame(for: shift, rows: 24, columns: 80, now: 7100).text
        #expect(text.contains("● Maya wrote in chat 1 (F1)"))
        #expect(text.contains("> Hi T"))
        #expect(text.contains("Tom: Where is order #222?"))
        // It fades after eight seconds.
        #expect(!ChatDeskView().frame(for: shift, rows: 24, columns: 80, now: 15_100).text.contains("Maya wrote"))
    }

    @Test("One view reused: a key redraws the reply box; a switch, a new second or a notice redraw the rest")
    func reusedView() {
        var shift = desk()
        shift.advance(to: 5000)
        let view = ChatDeskView()
        #expect(view.frame(for: shift, rows: 24, columns: 80, now: 5000).text.contains("reply due in 0:55"))
        shift.apply(.type("H"), at: 5100)
        let typed = view.frame(for: shift, rows: 24, columns: 80, now: 5100).text
        #expect(typed.contains("> H"))
        #expect(typed.contains("✎│"))   // a draft waits in chat 1
        shift.apply(.select(1), at: 5200)
        let switched = view.frame(for: shift, rows: 24, columns: 80, now: 5200).text
        #expect(switched.contains("▶F2 Tom"))
        #expect(switched.contains("Tom: Where is order #222?"))
        #expect(!switched.contains("> H"))
        #expect(view.frame(for: shift, rows: 24, columns: 80, now: 6000).text.contains("reply due in 0:54"))
        shift.apply(.send, at: 6100)
        #expect(view.frame(for: shift, rows: 24, columns: 80, now: 6100).text.contains("Type a reply first."))
    }

    @Test("Frame after frame, one view reused gives what a new view gives: keys, marks, switches, sends, seconds, sizes")
    func reusedViewMatchesANewOne() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            var shift = desk()
            let view = ChatDeskView()
            var now = 4000.0
            var size = (rows: 24, columns: 80)
            for _ in 0..<120 {
                switch Int.random(in: 0..<100, using: &generator) {
                case 0..<55: shift.apply(.type(["H", "i", " ", "é", "e\u{301}", "日", "#", "1"].randomElement(using: &generator)!), at: now)
                case 55..<65: shift.apply(.backspace, at: now)
                case 65..<70: shift.apply(.wordBackspace, at: now)
                case 70..<76: shift.apply(.select(Int.random(in: 0..<3, using: &generator)), at: now)
                case 76..<80: shift.apply(.send, at: now)
                case 80..<82: size = [(24, 80), (30, 100), (16, 60)].randomElement(using: &generator)!
                default: break
                }
                now += Double(Int.random(in: 20...700, using: &generator))
                shift.advance(to: now)
                let reused = view.frame(for: shift, rows: size.rows, columns: size.columns, now: now)
                let new = ChatDeskView().frame(for: shift, rows: size.rows, columns: size.columns, now: now)
                #expect(reused.text == new.text)
                let same = reused == new
                #expect(same, "the same text in other roles, clusters or cursor")
                if !same { return }
            }
        }
    }

    @Test("Frame after frame in macros mode, a reused view gives what a new one gives: canned text with accents and emoji inserted, blanks filled, chats switched")
    func reusedViewMatchesANewOneWithCannedText() {
        var generator = SystemRandomNumberGenerator()
        let reply = "Hi [name], your café order [order] 👍🏽 ships today, e\u{301}xpress, 日本 too."
        // A second macro whose pieces differ from the first's at the same places, at the same lengths too.
        let late = ChatMacro(shortcut: "late", template: ReplyTemplate(parsing: "Oh [name], the café parcel [order] 👍🏼 is late, sorry!"))
        for _ in 0..<20 {
            var shift = desk(mode: .macros, reply: reply, also: [late])
            let view = ChatDeskView()
            var now = 4000.0
            for _ in 0..<80 {
                switch Int.random(in: 0..<100, using: &generator) {
                case 0..<15:
                    for character in ["/ship", "/late"].randomElement(using: &generator)! { shift.apply(.type(character), at: now) }
                    shift.apply(.tab, at: now)
                case 15..<55: shift.apply(.type(["M", "a", "é", "#", "4"].randomElement(using: &generator)!), at: now)
                case 55..<65: shift.apply(.tab, at: now)
                case 65..<75: shift.apply(.backspace, at: now)
                case 75..<82: shift.apply(.select(Int.random(in: 0..<3, using: &generator)), at: now)
                case 82..<86: shift.apply(.send, at: now)
                default: break
                }
                now += Double(Int.random(in: 20...400, using: &generator))
                shift.advance(to: now)
                let reused = view.frame(for: shift, rows: 24, columns: 80, now: now)
                let new = ChatDeskView().frame(for: shift, rows: 24, columns: 80, now: now)
                let same = reused == new
                #expect(same, "the same frame from a reused view and a new one")
                if !same { return }
            }
        }
    }

    @Test("Each mode shows what to type: the exact reply, the template, or the macro")
    func modes() {
        var guided = desk(mode: .guided)
        guided.advance(to: 0)
        #expect(ChatDeskView().frame(for: guided, rows: 24, columns: 80, now: 0).text.contains("Type: Hi Maya, order #111 ships today."))
        var macros = desk(mode: .macros)
        macros.advance(to: 0)
        #expect(ChatDeskView().frame(for: macros, rows: 24, columns: 80, now: 0).text.contains("Macro: /ship then Tab"))
        for character in "/ship" { macros.apply(.type(character), at: 100) }
        macros.apply(.tab, at: 200)
        let frame = ChatDeskView().frame(for: macros, rows: 24, columns: 80, now: 300)
        #expect(frame.text.contains("> Hi [name], order [order] ships today."))
        // The keys line fits 80 columns: without the Alt keys when they would not.
        #expect(frame.text.split(separator: "\n").last == " F1-F3 chat · Ctrl-N most urgent · Enter send · /macro Tab · Esc Esc end")
        // The cursor sits at the start of the first blank.
        let row = frame.text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("> Hi [name]") }
        #expect(frame.cursor?.row == row)
        #expect(frame.cursor?.column == 22 + 2 + 3)
    }

    @Test("A small window shows the chats as tabs; a tiny one says how big it must be")
    func sizes() {
        var shift = desk()
        shift.advance(to: 5000)
        let tabs = ChatDeskView().frame(for: shift, rows: 14, columns: 50, now: 5000).text
        #expect(tabs.split(separator: "\n")[1].hasPrefix("[1 Maya due 0:55] 2 Tom due 0:57  3 Ana due 0:59"))
        #expect(tabs.contains("Maya: Where is order #111?"))
        let tiny = ChatDeskView().frame(for: shift, rows: 10, columns: 30, now: 5000).text
        #expect(tiny.contains("The chat desk needs 40 x 12;"))
        #expect(tiny.contains("Window too small: 30 x 10."))
    }

    @Test("The screen sleeps until the next second, happening or fading announcement, and not at all once over")
    func nextRedraw() {
        var shift = desk()
        #expect(ChatDeskView.nextRedraw(for: shift, now: 0) == 0)      // Maya arrives at once
        shift.advance(to: 1500)
        #expect(ChatDeskView.nextRedraw(for: shift, now: 1500) == 2000)
        shift.apply(.leave, at: 1600)
        #expect(ChatDeskView.nextRedraw(for: shift, now: 1600) == nil)
    }

    @Test("Results say which targets were missed and by how much")
    func results() {
        var shift = desk()
        for character in "Hi Maya, order #112 ships today." { shift.apply(.type(character), at: 1000) }
        shift.apply(.send, at: 9000)
        shift.apply(.leave, at: 20_000)
        let view = ChatResultsView(result: shift.result(), title: "Desk")
        let text = view.frame(rows: 24, columns: 80).text
        // Maya got one of her two replies, so nobody is served; 40 net WPM meets the bar.
        #expect(text.contains("✗ Missed 2 targets:"))
        #expect(text.contains("· 3 customers not served by the end of the shift"))
        #expect(text.contains("· 1 wrong detail: the target is none"))
        #expect(text.contains("Left early"))
        #expect(text.contains("Maya: not served (1 of 2 replies)"))
        // The wrong detail says what was expected and what was sent.
        #expect(text.contains("wrong order number to Maya: expected #111, sent #112"))
    }
}

@Suite("Chat desk keys")
struct ChatKeysTests {
    @Test("F1-F6 and Alt-1..Alt-6 pick chats; Ctrl-N the most urgent customer; Enter sends; Tab; Esc; the desk's Ctrl keys")
    func keys() {
        var keys = ChatKeys()
        #expect(keys.decode(.code(266)) == [.shift(.select(1))])
        #expect(keys.decode(.code(269)) == [.shift(.select(4))])            // F5
        #expect(keys.decode(.code(270)) == [.shift(.select(5))])            // F6
        #expect(keys.decode(.code(271)) == [])                              // F7: nothing
        #expect(keys.decode(.character(27)) == [])
        #expect(keys.decode(.character(54)) == [.shift(.select(5))])       // Alt-6
        #expect(keys.decode(.character(11)) == [.search])                  // Ctrl-K
        #expect(keys.decode(.character(5)) == [.escalate])                 // Ctrl-E
        #expect(keys.decode(.character(20)) == [.close])                   // Ctrl-T
        #expect(keys.decode(.character(16)) == [.profile])                 // Ctrl-P
        #expect(keys.decode(.character(47)) == [.shift(.type("/"))])       // the session decides what / means
        #expect(keys.decode(.character(27)) == [])
        #expect(keys.decode(.character(51)) == [.shift(.select(2))])       // Alt-3
        #expect(keys.decode(.character(14)) == [.mostUrgent])
        #expect(keys.decode(.character(13)) == [.shift(.send)])
        #expect(keys.decode(.character(9)) == [.shift(.tab)])
        #expect(keys.decode(.character(51)) == [.shift(.type("3"))])       // a plain 3 types
        #expect(keys.decode(.character(27)) == [])
        #expect(keys.decode(.none) == [.escape])                            // a lone Esc
        #expect(keys.decode(.character(23)) == [.shift(.wordBackspace)])
    }

    @Test("Esc once asks, a second time ends the shift; any other key cancels")
    func leaving() {
        var session = ChatSession(shift: desk())
        session.handle(.escape, at: 1000)
        #expect(session.view.confirmingLeave)
        session.handle(.shift(.type("a")), at: 1100)
        #expect(!session.view.confirmingLeave)
        session.handle(.escape, at: 1200)
        session.handle(.escape, at: 1300)
        #expect(session.shift.ending?.reason == .leftEarly)
        #expect(session.events.map(\.event) == [.type("a"), .leave])
    }
}
