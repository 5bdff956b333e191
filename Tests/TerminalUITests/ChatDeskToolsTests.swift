import Testing
import TypeBarCore
import TypeBarFormats
@testable import TerminalUI

@Suite("The desk's knowledge-base search")
struct DeskSearchTests {
    @Test("Under the conversation: where to find the reply while the draft is empty, then what makes it right")
    func guideFollowsTheDraft() {
        for (mode, started) in [(ChatShift.Mode.desk, "Fill each [blank] from the messages"), (.free, "Every detail exactly as the messages")] {
            var desk = deskSession(mode: mode)
            let empty = deskRows(desk.frame(rows: 24, columns: 80, now: 5100)).map(deskRight).joined(separator: "\n")
            #expect(empty.contains(mode == .desk ? "Find the reply: / searches" : "Write the reply in your own words"), "\(empty)")
            desk.type("Hi", at: 5200)
            let typed = deskRows(desk.frame(rows: 24, columns: 80, now: 5200)).map(deskRight).joined(separator: "\n")
            #expect(typed.contains(started), "\(typed)")
            #expect(!typed.contains("Find the reply") && !typed.contains("Write the reply"), "\(typed)")
        }
    }

    @Test("/ opens the search; typing narrows the list, says how many match, and goes to the query, not the reply")
    func narrowing() throws {
        var desk = deskSession()
        desk.handle(.shift(.type("/")), at: 5100)
        let all = deskRows(desk.frame(rows: 24, columns: 80, now: 5100))
        let query = try #require(all.firstIndex { $0.contains("Search: ") }, "\(all.joined(separator: "\n"))")
        #expect(all[query].hasSuffix("6 replies"), "\(all[query])")
        #expect(all[query + 1].hasSuffix("▶ /dup  Refund a double charge"))
        #expect(all[query + 2].contains("    Sorry about that, [name]. I can see order [order] w…"))
        // The conversation keeps its last rows above the list: the customer's question stays in view.
        #expect(all[2].contains("Sofia: I was charged twice for my last order."))

        desk.type("ref", at: 5200)
        let frame = desk.frame(rows: 24, columns: 80, now: 5200)
        let narrowed = deskRows(frame).map(deskRight)
        let top = try #require(narrowed.firstIndex { $0.hasPrefix(" Search: ref") })
        #expect(narrowed[top].hasSuffix("3 of 6 match"))
        #expect(narrowed[top + 1] == " ▶ /refund  Refund an order")
        #expect(narrowed[top + 2].hasPrefix("     Hi [name], I have refunded [amount] for order"))
        #expect(narrowed[top + 3] == "   /dup  Refund a double charge")
        #expect(narrowed[top + 5] == "   /passon  Pass to the billing team")
        #expect(!narrowed.contains { $0.contains("/track") || $0.contains("/bye") })
        // The cursor is in the query; nothing went into the reply, and nothing is recorded yet.
        #expect(frame.cursor?.row == top)
        #expect(frame.cursor?.column == 22 + 1 + "Search: ref".count)
        #expect(desk.shift.customers[0].draft.isEmpty)
        #expect(desk.events.isEmpty)
        #expect(deskRows(frame).last == " type to narrow · ↑↓ choose · Tab or Enter insert · Esc close")

        // Down moves the choice; Backspace edits the query and starts the list again from its top.
        desk.handle(.scroll(1), at: 5300)
        #expect(deskRows(desk.frame(rows: 24, columns: 80, now: 5300)).map(deskRight)[top + 3] == " ▶ /dup  Refund a double charge")
        desk.handle(.shift(.backspace), at: 5400)
        let widened = deskRows(desk.frame(rows: 24, columns: 80, now: 5400)).map(deskRight)
        #expect(widened[top].hasPrefix(" Search: re "))
        #expect(widened[top + 1].hasPrefix(" ▶ /refund"))
        #expect(desk.events.isEmpty)
    }

    @Test("Tab inserts the reply chosen with its blanks, the cursor in the first; the pick is what is recorded")
    func pick() throws {
        var desk = deskSession()
        desk.handle(.shift(.type("/")), at: 5100)
        desk.type("ref", at: 5200)
        desk.handle(.scroll(1), at: 5300)
        desk.handle(.shift(.tab), at: 5400)
        #expect(desk.events.map(\.event) == [.pick("dup", query: "ref")])
        #expect(desk.view.panel == nil)
        let frame = desk.frame(rows: 24, columns: 80, now: 5400)
        let lines = deskRows(frame)
        let box = try #require(lines.firstIndex { $0.contains("> Sorry about that, [name].") }, "\(frame.text)")
        #expect(frame.cursor?.row == box)
        #expect(frame.cursor?.column == 22 + 2 + "Sorry about that, ".count)
        // Typing fills the blank; Tab moves to the next, as in macros mode.
        desk.type("Sofia", at: 5500)
        desk.handle(.shift(.tab), at: 5600)
        desk.type("#58211", at: 5700)
        #expect(desk.shift.customers[0].draft.text.hasPrefix("Sorry about that, Sofia. I can see order #58211 was charged twice"))
        // Enter inserts too.
        var enter = deskSession()
        enter.handle(.search, at: 5100)
        enter.type("bye", at: 5200)
        enter.handle(.shift(.send), at: 5300)
        #expect(enter.events.map(\.event) == [.pick("bye", query: "bye")])
    }

    @Test("Esc closes the search: a search with a query is recorded, an empty one is not; nothing matching says so")
    func escape() throws {
        var desk = deskSession()
        desk.handle(.shift(.type("/")), at: 5100)
        desk.handle(.escape, at: 5200)
        #expect(desk.view.panel == nil)
        #expect(desk.events.isEmpty)
        #expect(!desk.view.confirmingLeave)

        desk.handle(.search, at: 5300)
        desk.type("xyz", at: 5400)
        let frame = deskRows(desk.frame(rows: 24, columns: 80, now: 5400)).map(deskRight)
        #expect(frame.contains { $0.hasPrefix(" Search: xyz") && $0.hasSuffix("none of 6 match") }, "\(frame.joined(separator: "\n"))")
        #expect(frame.joined(separator: " ").split(separator: " ").joined(separator: " ").contains("No reply matches \"xyz\". Backspace widens the search; Esc closes it."))
        desk.handle(.shift(.tab), at: 5500)
        #expect(desk.events.isEmpty)
        #expect(desk.view.panel != nil)
        desk.handle(.escape, at: 5600)
        #expect(desk.events.map(\.event) == [.search("xyz")])
        #expect(desk.shift.searches.last?.query == "xyz")
        // Esc with nothing open asks to end the shift, as always.
        desk.handle(.escape, at: 5700)
        #expect(desk.view.confirmingLeave)
    }

    @Test("/ searches only in an empty reply or after a space; in a word or a blank it is typed; other modes keep their /")
    func slash() {
        var desk = deskSession()
        desk.type("and/or", at: 5100)
        #expect(desk.view.panel == nil)
        #expect(desk.shift.customers[0].draft.text == "and/or")
        desk.type(" /", at: 5200)
        #expect(desk.view.panel != nil)
        desk.handle(.escape, at: 5300)
        // In a blank.
        desk.handle(.search, at: 5400)
        desk.type("dup", at: 5400)
        desk.handle(.shift(.tab), at: 5500)
        desk.type("1/2", at: 5600)
        #expect(desk.view.panel == nil)
        #expect(desk.shift.customers[0].draft.text.contains("Sorry about that, 1/2."))

        for mode in [ChatShift.Mode.guided, .template, .macros] {
            var other = deskSession(mode: mode)
            other.handle(.shift(.type("/")), at: 5100)
            other.handle(.search, at: 5200)
            other.handle(.escalate, at: 5300)
            other.handle(.close, at: 5400)
            other.handle(.profile, at: 5500)
            #expect(other.view.panel == nil)
            #expect(!other.view.profileShown)
            #expect(other.events.map(\.event) == [.type("/")])
        }
        // Free mode has the desk's tools.
        var free = deskSession(mode: .free)
        free.handle(.shift(.type("/")), at: 5100)
        #expect(free.view.panel != nil)
    }

    @Test("The list never marks the reply a customer needs: the same query lists the same for every customer")
    func neverMarked() {
        func panel(chat: Int) -> [String] {
            var desk = deskSession()
            desk.handle(.shift(.select(chat)), at: 5050)
            desk.handle(.search, at: 5100)
            desk.type("a", at: 5200)
            let lines = deskRows(desk.frame(rows: 24, columns: 80, now: 5200)).map(deskRight)
            let top = lines.firstIndex { $0.hasPrefix(" Search: ") } ?? 0
            return Array(lines[top..<(top + 12)])
        }
        let sofia = panel(chat: 0)
        #expect(sofia == panel(chat: 1))
        #expect(sofia == panel(chat: 2))
        #expect(!sofia.joined().contains("✓"))
    }

    @Test("At 60 x 16 and 40 x 12 the search fits: the query, the count, the choice with its first line, the keys")
    func smallWindows() throws {
        for (height, width) in [(16, 60), (12, 40)] {
            var desk = deskSession()
            desk.handle(.shift(.type("/")), at: 5100)
            desk.type("ref", at: 5200)
            let frame = desk.frame(rows: height, columns: width, now: 5200)
            let lines = deskRows(frame)
            let where_ = "\(width) x \(height):\n\(frame.text)"
            let top = try #require(lines.firstIndex { $0.hasPrefix(" Search: ref") }, "\(where_)")
            #expect(lines[top].hasSuffix("3 of 6 match"), "\(where_)")
            #expect(lines[top + 1] == " ▶ /refund  Refund an order", "\(where_)")
            #expect(lines[top + 2].hasPrefix("     Hi [name], I have refunded") && lines[top + 2].hasSuffix("…"), "\(where_)")
            #expect(lines.contains("   /dup  Refund a double charge"), "\(where_)")
            #expect(frame.cursor?.row == top)
            #expect(lines.last?.contains("Tab") == true && lines.last?.contains("Esc") == true, "\(where_)")
            // The reply box stays, under the list.
            #expect(lines.contains { $0.hasPrefix(">") }, "\(where_)")
            // The tabs still show every chat; at 60 x 16 the customer's question stays in view above the list.
            #expect(lines[1].hasPrefix("[1 Sofia"), "\(where_)")
            if width == 60 { #expect(lines[2] == " Sofia: I was charged twice for my last order.", "\(where_)") }
        }
    }

    @Test("A list longer than the window scrolls to keep the choice in view, with arrows for what is above and below")
    func scrolling() throws {
        let many = (1...15).map { ChatMacro(shortcut: "reply\($0)", template: ReplyTemplate(parsing: "Reply number \($0) for [name]."), title: "Reply \($0)") }
        var scenario = deskScenario()
        scenario.macros = many
        var desk = deskSession(scenario: scenario)
        desk.handle(.search, at: 5100)
        let first = deskRows(desk.frame(rows: 12, columns: 40, now: 5100))
        #expect(first.contains { $0.hasSuffix("15 replies") })
        #expect(first.contains { $0.hasSuffix("↓") })
        #expect(!first.contains { $0.hasSuffix("↑") })
        for _ in 0..<9 { desk.handle(.scroll(1), at: 5200) }
        let later = deskRows(desk.frame(rows: 12, columns: 40, now: 5200))
        #expect(later.contains { $0.hasPrefix(" ▶ /reply10  Reply 10") }, "\(later.joined(separator: "\n"))")
        #expect(later.contains { $0.hasSuffix("↑") }, "\(later.joined(separator: "\n"))")
        #expect(!later.contains { $0.contains("/reply1 ") })
        // Page Down moves further; the list ends at its last reply.
        desk.handle(.scroll(ChatKeys.page), at: 5300)
        desk.handle(.scroll(ChatKeys.page), at: 5400)
        let end = deskRows(desk.frame(rows: 12, columns: 40, now: 5400))
        #expect(end.contains { $0.hasPrefix(" ▶ /reply15") }, "\(end.joined(separator: "\n"))")
        #expect(!end.contains { $0.hasSuffix("↓") })
        desk.handle(.shift(.send), at: 5500)
        #expect(desk.events.map(\.event) == [.pick("reply15", query: "")])
    }

    @Test("While the query is typed, the rest of the screen is kept: only the tool's rows and the reply box are redrawn")
    func keptWhileSearching() {
        var desk = deskSession()
        desk.handle(.search, at: 5100)
        desk.type("r", at: 5100)
        let before = desk.frame(rows: 24, columns: 80, now: 5100)
        desk.type("e", at: 5150)
        let after = desk.frame(rows: 24, columns: 80, now: 5150)
        // The title and the side list's rows are the kept frame's, not drawn again.
        for row in [0, 2, 3, 5] { #expect(before.rowStamps[row] == after.rowStamps[row], "row \(row)") }
        #expect(before.text != after.text)
    }

    @Test("A reply's first line and its cut to the row are what splitting the text and cutting it character by character give")
    func firstLineAndCut() {
        // The longest start of whole characters that leaves a column for the "…".
        func reference(_ text: String, width: Int) -> String {
            if DisplayWidth.of(text) <= width { return text }
            guard width >= 6 else { return "" }
            var kept = Substring(text)
            while DisplayWidth.of(String(kept)) >= width { kept = kept.dropLast() }
            return kept + "…"
        }
        let pieces = ["a", "b ", "\n", "\r", "\r\n", "\u{301}", "é", "語", "\t", "…", "[order]", "👍🏽", "Hello there, "]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...14, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
            #expect(ChatDeskView.firstLine(text) == text.split(separator: "\n").first ?? "", "\(text.debugDescription)")
            let width = Int.random(in: 0...30, using: &generator)
            #expect(ChatDeskView.fitted(text, width: width) == reference(text, width: width), "\(text.debugDescription) \(width)")
            #expect(ChatDeskView.spaces(width) == String(repeating: " ", count: width))
            #expect(ChatDeskView.rule(width) == String(repeating: "─", count: width))
            // A search's preview row, made from a reply's pieces only as far as the row needs.
            let template = ReplyTemplate(pieces: (0..<Int.random(in: 0...14, using: &generator)).map { _ in
                let piece = pieces.randomElement(using: &generator) ?? ""
                return piece == "[order]" ? .blank("order") : .text(piece)
            })
            let preview = ChatDeskView.previewLine(template, width: width)
            #expect(preview == ChatDeskView.fitted("    " + ChatDeskView.firstLine(template.display), width: width), "\(template.display.debugDescription) \(width)")
        }
    }
}
