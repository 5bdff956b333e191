import TypeBarCore

/// The chats on the desk: a side list with each customer's state and wait, or tabs in a narrow window.
extension ChatDeskView {
    /// What a chat's line says about its customer, long (the side list) and short (a tab), and in which role.
    struct State: Equatable {
        var text: String
        var short: String
        var role: Role
        /// One character for a tab in a window too narrow for `short`.
        var tiny = ""
    }

    /// A waiting customer's state: leaving soon, else (still owed a first reply) the countdown to the first-reply
    /// target or how far past it, else how long they have waited.
    func state(of customer: Int?, in shift: ChatShift, now: Double) -> State {
        guard let customer else { return State(text: "empty", short: "", role: .dim) }
        let status = shift.customers[customer].status
        switch status {
        case .waiting(let since), .queued(let since):
            let waited = max(0, now - since) / 1000
            let left = (since + shift.patience(of: customer) - now) / 1000
            if left <= ChatDeskView.aboutToLeave {
                let seconds = String(Int(max(0, left).rounded(.up)))
                return State(text: "leaving in " + seconds + " s!", short: "!" + seconds + "s", role: .bad, tiny: "!")
            }
            if case .waiting = status, shift.customers[customer].firstReply == nil {
                let due = (shift.customers[customer].arrival - now) / 1000 + firstReplyTarget
                if due > 0 {
                    let shown = ChatDeskView.clock(due.rounded(.up))
                    return State(text: "reply due in " + shown, short: "due " + shown, role: due <= firstReplyTarget / 2 ? .warning : .plain, tiny: "!")
                }
                return State(text: "reply overdue " + ChatDeskView.clock(-due), short: "late " + ChatDeskView.clock(-due), role: .bad, tiny: "!")
            }
            let role: Role = waited >= ChatDeskView.veryLongWait ? .bad : waited >= ChatDeskView.longWait ? .warning : .plain
            return State(text: "waits " + ChatDeskView.clock(waited), short: ChatDeskView.clock(waited), role: role, tiny: "!")
        case .typing: return State(text: "typing…", short: "…", role: .dim, tiny: "…")
        case .holding: return State(text: "on hold: your move", short: "hold", role: .warning, tiny: "h")
        case .served:
            return shift.isDone(customer)
                ? State(text: "served ✓", short: "✓", role: .good, tiny: "✓")
                : State(text: "served: close it", short: "close", role: .warning, tiny: "c")
        case .left: return State(text: "left ✗", short: "✗", role: .bad, tiny: "✗")
        case .transferred: return State(text: "transferred", short: "→", role: .dim, tiny: "→")
        case .closed: return State(text: "closed unserved ✗", short: "✗", role: .bad, tiny: "✗")
        case .expected: return State(text: "", short: "", role: .dim)
        }
    }

    /// The first `count` characters of `text` (none for less than one): the text itself, without breaking it into
    /// characters, when it has no more bytes than that, as a name has at every second's redraw.
    static func leading(_ text: String, _ count: Int) -> String {
        text.utf8.count <= count ? text : String(text.prefix(max(0, count)))
    }

    /// The chats, three rows each (two when that leaves no room for the queue: six chats in 80 x 24), then the
    /// queue: each customer in it with their wait, as many as fit above `bottom` and a "+N more" line for the rest.
    func drawSideList(_ frame: inout Frame, shift: ChatShift, now: Double, width: Int, top: Int, bottom: Int) {
        var row = top
        let perChat = shift.chats.count * 3 + 2 <= bottom - top ? 3 : 2
        for (chat, customer) in shift.chats.enumerated() {
            let selected = chat == shift.selected
            let name = customer.map { shift.customers[$0].script.name } ?? "—"
            var column = frame.put(selected ? "▶" : " ", row: row, column: 0, role: .key)
            column = frame.put("F" + String(chat + 1) + " ", row: row, column: column, role: .key)
            frame.put(ChatDeskView.leading(name, width - column - 1), row: row, column: column, role: selected ? .title : .plain)
            let state = state(of: customer, in: shift, now: now)
            frame.put(state.text, row: row + 1, column: 3, role: state.role)
            if let customer, !shift.customers[customer].draft.isEmpty, !shift.customers[customer].status.isFinished {
                frame.put("✎", row: row, column: width - 2, role: .dim)
            }
            row += perChat
        }
        if !shift.queue.isEmpty, row < bottom {
            frame.put(" " + String(shift.queue.count) + " in the queue", row: row, column: 0, role: .mark)
            row += 1
            for (number, customer) in shift.queue.enumerated() where row < bottom {
                if row == bottom - 1, number < shift.queue.count - 1 {
                    frame.put("   +" + String(shift.queue.count - number) + " more", row: row, column: 0, role: .mark)
                    break
                }
                let state = state(of: customer, in: shift, now: now)
                // The name in what is left of the list after the indent, a space, the wait and a space before the bar.
                let name = ChatDeskView.leading(shift.customers[customer].script.name, width - 2 - 2 - 1 - DisplayWidth.of(state.text))
                let column = frame.put(name + " ", row: row, column: 2, role: .plain)
                frame.put(state.text, row: row, column: column, role: state.role)
                row += 1
            }
        }
        // The separator, drawn where it is not already (a second's redraw keeps it).
        let divider = Cell(scalar: 0x2502, role: .dim)
        for line in 1..<max(1, bottom) where width - 1 < frame.width && line < frame.height && frame[line, width - 1] != divider {
            frame.put("│", row: line, column: width - 1, role: .dim)
        }
    }

    /// The chats on one line. When they do not fit the width, the other chats' names are cut shorter, then the
    /// queue's wait goes, then the other chats' states shrink to one character, then the selected chat's name is
    /// cut too, and last the queue says only its count.
    func drawTabs(_ frame: inout Frame, shift: ChatShift, now: Double, row: Int) {
        let states = shift.chats.map { state(of: $0, in: shift, now: now) }
        let names = shift.chats.map { customer in customer.map { shift.customers[$0].script.name } ?? "—" }
        let longest = shift.queue.first.map { state(of: $0, in: shift, now: now) }
        let queueRole: Role = longest.map { $0.role == .plain ? .mark : $0.role } ?? .mark
        /// How much each tab says: the selected name's length, the others', whether the queue shows its wait and
        /// the word "queued", whether the other chats' states are one character.
        struct Fit { var selected: Int; var other: Int; var queueWait: Bool; var queueWord = true; var tiny = false }
        func tab(_ chat: Int, _ fit: Fit) -> (name: String, state: String) {
            let selected = chat == shift.selected
            let shown = String(names[chat].prefix(selected ? fit.selected : fit.other))
            let state = fit.tiny && !selected ? states[chat].tiny : states[chat].short
            let name = String(chat + 1) + (shown.isEmpty ? "" : " " + shown)
            return (name, state.isEmpty ? "" : (fit.tiny && !selected ? state : " " + state))
        }
        func queueText(_ fit: Fit) -> String {
            guard let longest else { return "" }
            return "+" + String(shift.queue.count) + (fit.queueWord ? " queued" : "") + (fit.queueWait ? " " + longest.short : "")
        }
        var fits: [Fit] = []
        for other in [8, 6, 4, 3, 2, 1, 0] { fits.append(Fit(selected: 8, other: other, queueWait: true)) }
        for other in [1, 0] { fits.append(Fit(selected: 8, other: other, queueWait: false)) }
        fits.append(Fit(selected: 8, other: 0, queueWait: false, tiny: true))
        for selected in [8, 6, 4, 3, 2, 1, 0] { fits.append(Fit(selected: selected, other: 0, queueWait: false, queueWord: false, tiny: true)) }
        func width(_ fit: Fit) -> Int {
            let queue = longest == nil ? 0 : 1 + DisplayWidth.of(queueText(fit))
            return shift.chats.indices.reduce(queue) { total, chat in
                let parts = tab(chat, fit)
                return total + 2 + DisplayWidth.of(parts.name) + DisplayWidth.of(parts.state)
            }
        }
        let fit = fits.first { width($0) <= frame.width } ?? fits[fits.count - 1]
        var column = 0
        for chat in shift.chats.indices {
            let selected = chat == shift.selected
            let parts = tab(chat, fit)
            column = frame.put(selected ? "[" : " ", row: row, column: column, role: .key)
            column = frame.put(parts.name, row: row, column: column, role: selected ? .title : .plain)
            if parts.state.hasPrefix(" ") {
                column = frame.put(" ", row: row, column: column, role: .plain)
                column = frame.put(String(parts.state.dropFirst()), row: row, column: column, role: states[chat].role)
            } else {
                column = frame.put(parts.state, row: row, column: column, role: states[chat].role)
            }
            column = frame.put(selected ? "]" : " ", row: row, column: column, role: .key)
        }
        if longest != nil {
            frame.put(queueText(fit), row: row, column: column + 1, role: queueRole)
        }
    }
}
