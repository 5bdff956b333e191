import Testing
import TypeBarCore
import TypeBarFormats
@testable import TerminalUI

/// The longest reply of the built-in scenarios, with its details filled in.
private let longReply = "Thanks for trying that, Ibrahim. I have booked a free replacement for serial number SN-4821-KX, and the label is on its way to ibrahim.966@example.com."

/// The three window sizes every chat screen is checked at.
private let sizes: [(rows: Int, columns: Int)] = [(24, 80), (16, 60), (12, 40)]

/// One customer at 0 s whose first message wants `reply`, then "Thanks!" (a 5 s delay between).
private func oneCustomer(reply: String = longReply, chats: Int = 2, macros: [ChatMacro] = []) -> ChatScenario {
    ChatScenario(
        id: "one", name: "A long reply", chats: chats, patience: 120, timeLimit: 300,
        customers: [ChatCustomer(name: "Ibrahim", arrival: 0, details: ["name": "Ibrahim"], turns: [
            ChatTurn(message: "The light is still off after the restart.", reply: ReplyTemplate(parsing: reply), macro: macros.first?.shortcut, delay: 5),
            ChatTurn(message: "Thanks!", reply: ReplyTemplate(parsing: "Bye [name].")),
        ])],
        macros: macros)
}

/// The frame's rows as text.
private func rows(_ frame: Frame) -> [String] {
    frame.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
}

/// The text under the conversation's line down to the reply box, rows joined by spaces.
private func hint(_ frame: Frame) -> String {
    let lines = rows(frame)
    guard let divider = lines.lastIndex(where: { $0.contains("───") }),
          let box = lines.lastIndex(where: { $0.contains("> ") || $0.hasSuffix(">") }) else { return "" }
    return lines[(divider + 1)..<box].map { line in
        // The part right of the side list, without the scroll arrows in the last column.
        var text = Substring(line)
        if let bar = text.firstIndex(of: "│") { text = text[text.index(after: bar)...] }
        return text.trimmingCharacters(in: " ↑↓")
    }.joined(separator: " ")
}

private extension Substring {
    func trimmingCharacters(in set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}

/// All the rows joined by spaces with runs of spaces and the side list's bar squeezed, for finding wrapped text.
private func joined(_ frame: Frame) -> String {
    rows(frame).map { $0.replacingBar() }.joined(separator: " ").split(separator: " ").joined(separator: " ")
}

private extension String {
    func replacingBar() -> String { String(map { $0 == "│" ? " " : $0 }) }
}

@Suite("Chat desk frames: what a candidate must read is never cut")
struct ChatDeskReadingTests {
    @Test("Guided mode shows the whole reply to type at 80 x 24, 60 x 16 and 40 x 12")
    func guidedReplyWhole() {
        var shift = ChatShift(scenario: oneCustomer(), mode: .guided)
        shift.advance(to: 1000)
        for size in sizes {
            let frame = ChatDeskView().frame(for: shift, rows: size.rows, columns: size.columns, now: 1000)
            #expect(hint(frame) == "Type: " + longReply, "\(size.columns) x \(size.rows):\n\(frame.text)")
        }
    }

    @Test("A reply too long for even the conversation's rows scrolls with the draft, with arrows for the rest")
    func longReplyScrolls() throws {
        let reply = String(repeating: longReply + " ", count: 3).trimmingSuffix()
        var shift = ChatShift(scenario: oneCustomer(reply: reply), mode: .guided)
        shift.advance(to: 1000)
        let view = ChatDeskView()
        let start = rows(view.frame(for: shift, rows: 12, columns: 40, now: 1000))
        #expect(start.contains { $0.contains("Type: Thanks for trying") }, "\(start.joined(separator: "\n"))")
        #expect(start.contains { $0.hasSuffix("↓") })
        #expect(!start.contains { $0.hasSuffix("↑") })
        // Typed through the first copy and into the second: the line being typed is on screen.
        let typed = longReply + " Thanks for trying that, Ibrahim. I have booked a free replacement"
        for character in typed { shift.apply(.type(character), at: 2000) }
        let later = rows(view.frame(for: shift, rows: 12, columns: 40, now: 2000))
        #expect(later.contains { $0.hasSuffix("↑") }, "\(later.joined(separator: "\n"))")
        let line = try #require(later.firstIndex { $0.contains("have booked a free replacement for") }, "\(later.joined(separator: "\n"))")
        #expect(later[line - 1].contains("Thanks for trying that, Ibrahim. I"))
        #expect(!later.contains { $0.contains("Type: ") })
    }

    @Test("In macros mode, until a macro is in the draft, a scrolled guide shows its start, which names the macro")
    func macroGuideStart() throws {
        let macro = ChatMacro(shortcut: "replace", template: ReplyTemplate(parsing: "Thanks for trying that, [name]. I have booked a free replacement for serial number [serial], and the label is on its way to [email]."))
        let others = ["greet", "refund", "dup", "track", "lost", "reset", "unlock", "review", "restart", "escalate", "returns", "else", "bye", "follow"]
        let macros = [macro] + others.map { ChatMacro(shortcut: $0, template: ReplyTemplate(parsing: "Hi [name].")) }
        var shift = ChatShift(scenario: oneCustomer(reply: macro.template.display, macros: macros), mode: .macros)
        for character in "/nope" { shift.apply(.type(character), at: 1000) }
        shift.apply(.tab, at: 1100)
        // The notice about /nope takes rows at 40 x 12: the guide scrolls, and keeps its first line.
        let frame = ChatDeskView().frame(for: shift, rows: 12, columns: 40, now: 1200)
        #expect(rows(frame).contains { $0.contains("Macro: /replace then Tab") }, "\(frame.text)")
        #expect(rows(frame).contains { $0.hasSuffix("↓") }, "\(frame.text)")
    }

    @Test("At 80 x 24 the template tip, the unknown-macro notice, the Esc prompt and the macro guide are whole")
    func messagesWrapAt80() throws {
        // Fifteen macros, as the shared canned replies have.
        let names = ["greet", "refund", "dup", "track", "lost", "reset", "unlock", "review", "restart", "replace", "escalate", "returns", "else", "bye", "follow"]
        let macro = ChatMacro(shortcut: "replace", template: ReplyTemplate(parsing: "Thanks for trying that, [name]. I have booked a free replacement for serial number [serial], and the label is on its way to [email]."))
        let macros = [macro] + names.filter { $0 != "replace" }.map { ChatMacro(shortcut: $0, template: ReplyTemplate(parsing: "Hi [name].")) }
        let scenario = oneCustomer(reply: "Hi [name].", macros: macros)

        // The tip while the customer types, in template mode.
        var template = ChatShift(scenario: scenario, mode: .template)
        for character in "Hi Ibrahim." { template.apply(.type(character), at: 1000) }
        template.apply(.send, at: 2000)
        let typing = ChatDeskView().frame(for: template, rows: 24, columns: 80, now: 3000)
        #expect(joined(typing).contains("Details are in the customer's messages; the name is in the chat list."), "\(typing.text)")

        // The notice after an unknown shortcut names every macro, at 80 and at 130 columns.
        var macrosShift = ChatShift(scenario: scenario, mode: .macros)
        for character in "/nope" { macrosShift.apply(.type(character), at: 1000) }
        macrosShift.apply(.tab, at: 1100)
        let notice = try #require(macrosShift.notice)
        #expect(notice.hasSuffix("/bye /follow"))
        for columns in [80, 130] {
            let frame = ChatDeskView().frame(for: macrosShift, rows: 24, columns: columns, now: 1200)
            #expect(joined(frame).contains(notice), "\(columns) columns:\n\(frame.text)")
            // The keys stay on the last line.
            #expect(rows(frame).last?.contains("Enter send") == true)
        }

        // The first Esc's prompt says what the second does, whole.
        var view = ChatDeskView()
        view.confirmingLeave = true
        let prompt = view.frame(for: macrosShift, rows: 24, columns: 80, now: 1300)
        #expect(joined(prompt).contains("Esc again ends the shift; any other key stays. Customers still waiting count as not served."), "\(prompt.text)")

        // The macro guide, every line of it and the blanks at its end.
        var guided = ChatShift(scenario: oneCustomer(reply: macro.template.display, macros: [macro]), mode: .macros)
        guided.advance(to: 0)
        let guide = ChatDeskView().frame(for: guided, rows: 24, columns: 80, now: 0)
        #expect(hint(guide) == "Macro: /replace then Tab, fill the blanks (Tab to the next): Thanks for trying that, [name]. I have booked a free replacement for serial number [serial], and the label is on its way to [email].", "\(guide.text)")
    }

    @Test("Small windows keep the count served and the time left in the title, and every chat in the tabs")
    func smallTitle() {
        let scenario = ChatScenario(
            id: "four", name: "A very long scenario name for a small window", chats: 4, patience: 120, timeLimit: 300,
            customers: ["Maximilian", "Bartholomew", "Anastasia", "Guinevere"].enumerated().map { index, name in
                ChatCustomer(name: name, arrival: Double(index), turns: [ChatTurn(message: "Hello?", reply: ReplyTemplate(parsing: "Hi"))])
            })
        var shift = ChatShift(scenario: scenario, mode: .template)
        shift.advance(to: 5000)
        for size in sizes {
            let frame = ChatDeskView().frame(for: shift, rows: size.rows, columns: size.columns, now: 5000)
            let title = rows(frame)[0]
            #expect(title.hasSuffix("0/4 served · 4:55 left"), "\(size.columns) x \(size.rows): \(title)")
            #expect(title.hasPrefix(" typebar chat"))
            if size.columns < 64 {
                // Every chat has its tab: the selected one with its countdown, the others at least with a mark.
                let tabs = rows(frame)[1]
                #expect(tabs.hasPrefix("[1 "), "\(tabs)")
                #expect(tabs.contains("due 0:55]"), "\(tabs)")
                for chat in 2...4 { #expect(tabs.contains(" \(chat) due 0:5\(chat + 4)") || tabs.contains(" \(chat)!"), "\(tabs)") }
                #expect(DisplayWidth.of(tabs) <= size.columns, "\(tabs)")
            }
            #expect(rows(frame).last?.contains("Enter send") == true, "\(frame.text)")
        }
    }
}

@Suite("The chat intro in small windows")
struct ChatIntroFrameTests {
    @Test("Too short for the whole intro, it says how many lines follow, and Down and Page Down reach every one")
    func scrolls() throws {
        let scenario = ChatScenario(
            id: "w", name: "Warm-up", summary: "Two customers 45 seconds apart.", chats: 2, patience: 120, timeLimit: 300,
            customers: [ChatCustomer(name: "Ana", arrival: 0, turns: [ChatTurn(message: "Hi", reply: ReplyTemplate(parsing: "Hi"))])])
        var intro = ChatIntroView(scenario: scenario, mode: .template, seed: 7, chats: 2)
        let everything = intro.lines.dropLast().map(\.0).joined(separator: " ").split(separator: " ").joined(separator: " ")
        for size in sizes {
            intro.scroll = 0
            var seen: [String] = []
            for _ in 0..<20 {
                let lines = rows(intro.frame(rows: size.rows, columns: size.columns))
                #expect(lines.contains { $0.contains("Press Enter to start") }, "\(size)")
                seen += lines.dropFirst(2).filter { !$0.contains("Press Enter") && !$0.contains("or Esc to leave") && !$0.contains("more line") && !$0.contains("PgUp") }
                intro.scroll(by: ChatKeys.page, rows: size.rows, columns: size.columns)
            }
            // Every word of the intro was on screen at some point, in order within each page.
            let words = Set(seen.joined(separator: " ").split(separator: " ").map(String.init))
            for word in everything.split(separator: " ") { #expect(words.contains(String(word)), "\(word) at \(size.columns) x \(size.rows)") }
        }
        let first = rows(ChatIntroView(scenario: scenario, mode: .template, seed: 7, chats: 2).frame(rows: 12, columns: 40))
        #expect(first.contains { $0.contains("more lines: ↓ or PgDn") })
        var keys = ChatKeys()
        #expect(keys.decode(.code(258)) == [.scroll(1)])
        #expect(keys.decode(.code(339)) == [.scroll(-ChatKeys.page)])
    }
}

@Suite("The chat desk without UTF-8")
struct ChatDeskASCIITests {
    @Test("The desk's marks have ASCII likenesses: the selected chat, a draft, an announcement, the arrows")
    func marks() {
        #expect(asciiTransliterated("▶F1 Ana ✎ ● Ben wrote ↑ ↓ …") == ">F1 Ana ~ * Ben wrote ^ v .")
    }
}

@Suite("Chat desk frames: the first-reply target, the queue, replays")
struct ChatDeskStateTests {
    /// Three chats: Ana at 0 s (answered at 5 s, "Got it." at 7 s), Ben at 11 s, Cy at 20 s, and Dee at 30 s, who
    /// queues.
    private func desk() -> ChatShift {
        let scenario = ChatScenario(
            id: "urgent", name: "Urgent", chats: 3, patience: 300, timeLimit: 600,
            customers: [
                ChatCustomer(name: "Ana", arrival: 0, turns: [
                    ChatTurn(message: "Where is my order?", reply: ReplyTemplate(parsing: "On its way"), delay: 2),
                    ChatTurn(message: "Got it.", reply: ReplyTemplate(parsing: "Bye")),
                ]),
                ChatCustomer(name: "Ben", arrival: 11, turns: [ChatTurn(message: "Hello?", reply: ReplyTemplate(parsing: "Hi"))]),
                ChatCustomer(name: "Cy", arrival: 20, turns: [ChatTurn(message: "Help", reply: ReplyTemplate(parsing: "Sure"))]),
                ChatCustomer(name: "Dee", arrival: 30, turns: [ChatTurn(message: "Anyone?", reply: ReplyTemplate(parsing: "Yes"))]),
            ])
        var shift = ChatShift(scenario: scenario, mode: .template)
        for character in "On its way" { shift.apply(.type(character), at: 1000) }
        shift.apply(.send, at: 5000)
        shift.advance(to: 74_000)
        return shift
    }

    @Test("The chat list counts down to each first reply, says when one is overdue, and how long the queue has waited")
    func countdowns() throws {
        let shift = desk()
        // At 74 s: Ana has waited 1:07 for her second reply; Ben's first reply was due at 71 s (3 s late), Cy's at
        // 80 s (6 s to go); Dee has queued since 30 s (44 s).
        let frame = ChatDeskView().frame(for: shift, rows: 24, columns: 80, now: 74_000)
        let lines = rows(frame)
        let ana = try #require(lines.firstIndex { $0.hasPrefix("   waits 1:07") }, "\(frame.text)")
        #expect(frame.roles(row: ana).hasPrefix("..." + String(repeating: "b", count: 10)))
        let ben = try #require(lines.firstIndex { $0.hasPrefix("   reply overdue 0:03") }, "\(frame.text)")
        #expect(frame.roles(row: ben).hasPrefix("..." + String(repeating: "b", count: 18)))
        let cy = try #require(lines.firstIndex { $0.hasPrefix("   reply due in 0:06") }, "\(frame.text)")
        #expect(frame.roles(row: cy).hasPrefix("..." + String(repeating: "W", count: 17)))
        let queue = try #require(lines.firstIndex { $0.hasPrefix(" 1 in the queue") }, "\(frame.text)")
        #expect(lines[queue + 1].hasPrefix("  Dee waits 0:44"))
        #expect(frame.roles(row: queue + 1).hasPrefix("......" + String(repeating: "W", count: 10)))
        // With a 90 s target, Ben's first reply is 11 + 90 − 74 = 27 s away: a plain countdown.
        var patient = ChatDeskView()
        patient.firstReplyTarget = 90
        #expect(patient.frame(for: shift, rows: 24, columns: 80, now: 74_000).text.contains("   reply due in 0:27"))
        // Tabs say the same in short.
        let tabs = rows(ChatDeskView().frame(for: shift, rows: 16, columns: 60, now: 74_000))[1]
        #expect(tabs.contains("1:07") && tabs.contains("late 0:03") && tabs.contains("due 0:06") && tabs.contains("+1 queued 0:44"), "\(tabs)")
    }

    @Test("Ctrl-N in a session jumps by the session's first-reply target, and the log records it")
    func sessionTarget() {
        var session = ChatSession(shift: desk(), targets: ChatTargets(maxFirstResponse: 60))
        session.handle(.mostUrgent, at: 74_000)
        #expect(session.shift.selected == 1)   // Ben, overdue
        #expect(session.events.last?.event == .selectLongestWaiting(firstReplyTarget: 60))
        var patient = ChatSession(shift: desk(), targets: ChatTargets(maxFirstResponse: 300))
        patient.handle(.mostUrgent, at: 74_000)
        #expect(patient.shift.selected == 1)   // still the first reply due first
        #expect(ChatLog.eventLine(.selectLongestWaiting(firstReplyTarget: 60), at: 74_000) == #"{"t":74000,"chat":"longest","first_reply_target":60}"#)
        #expect(ChatLog.eventLine(.selectLongestWaiting(firstReplyTarget: nil), at: 74_000) == #"{"t":74000,"chat":"longest"}"#)
    }

    @Test("A replay says so in the title and shows the replay's keys")
    func replay() {
        var session = ChatSession(shift: desk())
        session.replay = "replay 3f9a1c2b at 4.0×"
        for size in sizes {
            let lines = rows(session.frame(rows: size.rows, columns: size.columns, now: 74_000))
            #expect(lines[0].contains("replay"), "\(lines[0])")
            #expect(lines.last?.contains("Esc or q stops") == true, "\(lines.last ?? "")")
            #expect(lines.last?.contains("Enter send") == false)
        }
        #expect(rows(session.frame(rows: 24, columns: 80, now: 74_000))[0].hasPrefix(" typebar chat · replay 3f9a1c2b at 4.0× · Urgent"))
    }
}

@Suite("Chat results frames in small windows, and while they settle")
struct ChatResultsFrameTests {
    /// Six customers on three chats, 30 s patience: Maya answered at 20 s, Tom at 22 s, the other four leave.
    private func results(seed: String = "18446744073709551615") -> ChatResultsView {
        let names = ["Maya", "Tom", "Priya", "Grace", "Omar", "Lena"]
        let scenario = ChatScenario(
            id: "rush", name: "Monday rush", chats: 3, patience: 30, timeLimit: 300,
            customers: names.enumerated().map { index, name in
                ChatCustomer(name: name, arrival: Double(index), turns: [ChatTurn(message: "Hello?", reply: ReplyTemplate(parsing: "Hi"))])
            })
        var shift = ChatShift(scenario: scenario, mode: .template)
        shift.apply(.type("H"), at: 19_000)
        shift.apply(.type("i"), at: 19_500)
        shift.apply(.send, at: 20_000)
        shift.apply(.select(1), at: 20_500)
        shift.apply(.type("H"), at: 21_000)
        shift.apply(.type("i"), at: 21_500)
        shift.apply(.send, at: 22_000)
        shift.finish()
        var view = ChatResultsView(result: shift.result(), title: "Monday rush · template · seed " + seed)
        view.notes = ["Keystrokes saved to rec.jsonl", "Saved to history as 3f9a1c2b"]
        return view
    }

    @Test("The seed is never cut, a number keeps its unit, and what does not fit is counted on a line of its own")
    func smallWindows() throws {
        for size in sizes {
            let frame = results().frame(rows: size.rows, columns: size.columns)
            let lines = rows(frame)
            let where_ = "\(size.columns) x \(size.rows):\n\(frame.text)"
            #expect(lines.contains { $0.contains("seed 18446744073709551615") }, "\(where_)")
            #expect(lines.contains { $0.contains("Saved to history as 3f9a1c2b") }, "\(where_)")
            #expect(lines.contains { $0.contains("Keystrokes saved to rec.jsonl") }, "\(where_)")
            // No line ends in a number whose unit starts the next.
            for (row, line) in lines.enumerated().dropLast() where line.last?.isNumber == true {
                let next = lines[row + 1].drop { $0 == " " }
                #expect(!(next.hasPrefix("s ") || next.hasPrefix("s:") || next == "s" || next.hasPrefix("%")), "\(where_)")
            }
            // Every customer is shown, or counted as left out.
            let shown = ["Maya", "Tom", "Priya", "Grace", "Omar", "Lena"].filter { name in lines.contains { $0.hasPrefix("   \(name): ") } }.count
            if shown < 6 {
                let more = try #require(lines.first { $0.contains("… and ") || $0.contains("in a taller window") }, "\(where_)")
                if more.contains("customer") { #expect(more.contains("… and \(6 - shown) more customer"), "\(where_)") }
            }
        }
        // 80 x 24 shows everything.
        let full = rows(results().frame(rows: 24, columns: 80))
        #expect(["Maya", "Tom", "Priya", "Grace", "Omar", "Lena"].allSatisfy { name in full.contains { $0.hasPrefix("   \(name): ") } })
        #expect(!full.contains { $0.contains("… ") })
        // The first replies and the waits on one row (by hand: first replies 20 and 21 s, waits 20, 21 and 4 × 30 s).
        let figures = try #require(full.first { $0.contains("First reply  median ") }, "\(full.joined(separator: "\n"))")
        #expect(figures.contains(" · worst 21 s   Waits  average ") && figures.hasSuffix(" · worst 30 s"), "\(figures)")
    }

    @Test("While the screen settles, its key line says keys are ignored; then it gives the keys")
    func settling() {
        var view = results()
        view.acceptsKeys = false
        let settling = rows(view.frame(rows: 24, columns: 80))
        #expect(settling.last?.contains("keys ignored until typing stops for a second") == true)
        #expect(!settling.contains { $0.contains("q quit") })
        view.acceptsKeys = true
        #expect(rows(view.frame(rows: 24, columns: 80)).last == " r again with other details · q quit")
    }
}

@Suite("Chat wording: counts, keys and targets read right for every number")
struct ChatWordingTests {
    @Test("The intro for 1-4 chats and customers and 0-2 allowed misses", arguments: 1...4)
    func intro(chats: Int) {
        for customers in 1...3 {
            for allowed in 0...2 {
                let scenario = ChatScenario(
                    id: "w", name: "W", chats: chats, patience: 60, timeLimit: 120,
                    customers: (0..<customers).map { ChatCustomer(name: "C\($0)", arrival: Double($0), turns: [ChatTurn(message: "Hi", reply: ReplyTemplate(parsing: "Hi"))]) })
                let targets = ChatTargets(maxAbandoned: allowed, maxWrongDetails: allowed)
                let text = ChatIntroView(scenario: scenario, mode: .guided, seed: 1, chats: chats, targets: targets).lines.map(\.0).joined(separator: "\n")
                #expect(text.contains(customers == 1 ? "1 customer, " : "\(customers) customers, "), "\(text)")
                #expect(text.contains(chats == 1 ? "up to 1 chat at once" : "up to \(chats) chats at once"), "\(text)")
                #expect(text.contains(["nobody left unanswered", "at most 1 customer left unanswered", "at most 2 customers left unanswered"][allowed]), "\(text)")
                #expect(text.contains(["no wrong detail", "at most 1 wrong detail,", "at most 2 wrong details"][allowed]), "\(text)")
                #expect(!text.contains("at most 0"))
                if chats == 1 {
                    #expect(!text.contains("F1-F1") && !text.contains("Alt-1..1"), "\(text)")
                } else {
                    #expect(text.contains("F1-F\(chats) or Alt-1..\(chats) switch chats"))
                }
                #expect(text.contains("shown under the line below the conversation"))
                #expect(!text.contains("under each customer's message"))
                // The desk's key bar says the same.
                var shift = ChatShift(scenario: scenario, mode: .guided, chats: chats)
                shift.advance(to: 0)
                let keys = ChatDeskView().keyBar(for: shift, columns: 80)
                #expect(chats == 1 ? !keys.contains("F1") : keys.contains("F1-F\(chats)"), "\(keys)")
            }
        }
    }

    @Test("counted and the target rules")
    func counts() {
        #expect(counted(0, "customer") == "0 customers")
        #expect(counted(1, "customer") == "1 customer")
        #expect(counted(2, "chat") == "2 chats")
        #expect(ChatTargets.abandonedRule(0) == "nobody left unanswered")
        #expect(ChatTargets.abandonedRule(1) == "at most 1 customer left unanswered")
        #expect(ChatTargets.wrongDetailsRule(2) == "at most 2 wrong details")
    }
}

@Suite("The desk's warning look")
struct ChatDeskWarningTests {
    @Test("A wait past 30 s is a warning on the desk, not the magenta of the reply guide")
    func deskWarning() throws {
        let scenario = ChatScenario(
            id: "w", name: "W", chats: 2, patience: 300, timeLimit: 600,
            customers: [ChatCustomer(name: "Ana", arrival: 0, turns: [
                ChatTurn(message: "Hi", reply: ReplyTemplate(parsing: "Hello"), delay: 1),
                ChatTurn(message: "Ok?", reply: ReplyTemplate(parsing: "Yes")),
            ])])
        var shift = ChatShift(scenario: scenario, mode: .template)
        for character in "Hello" { shift.apply(.type(character), at: 1000) }
        shift.apply(.send, at: 2000)
        shift.advance(to: 40_000)
        let frame = ChatDeskView().frame(for: shift, rows: 24, columns: 80, now: 40_000)
        let lines = rows(frame)
        let wait = try #require(lines.firstIndex { $0.hasPrefix("   waits 0:37") }, "\(frame.text)")
        #expect(frame.roles(row: wait).hasPrefix("..." + String(repeating: "W", count: 10)))
        let guide = try #require(lines.firstIndex { $0.contains("Reply: Yes") })
        #expect(frame.roles(row: guide).contains("mmmmmmmmmm"))
    }
}

private extension String {
    func trimmingSuffix() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
