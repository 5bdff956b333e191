/// The agent's side of a shift: switching chats, composing and sending, and in desk mode picking canned replies,
/// escalating and closing chats.
extension ChatShift {
    /// What became of an agent's event.
    public enum Outcome: Equatable, Sendable {
        case applied
        /// It did nothing (`notice` says why, when it is worth saying).
        case refused
        /// The shift was already over, or ended before the event.
        case over
    }

    /// Plays the customers' side up to `time`, then applies the agent's `event`.
    @discardableResult
    public mutating func apply(_ event: Event, at time: Double) -> Outcome {
        advance(to: time)
        guard ending == nil else { return .over }
        let time = max(time, now)
        notice = nil
        switch event {
        case .type, .backspace, .wordBackspace: break
        default: revision += 1
        }
        switch event {
        case .select(let chat):
            guard chat >= 0 && chat < chats.count else { return .refused }
            selected = chat
        case .selectLongestWaiting(let target):
            // Urgency as (rank, due): rank 0 for a customer still owed a first reply when there is a target, due
            // when that reply is (arrival + target); rank 1 for the rest, due since they began waiting. The
            // earliest due of the lowest rank wins; a tie goes to the lower chat.
            let waiting = chats.indices.compactMap { chat -> (chat: Int, rank: Int, due: Double)? in
                guard let index = chats[chat], case .waiting(let since) = customers[index].status else { return nil }
                if let target, customers[index].firstReply == nil {
                    return (chat, 0, customers[index].arrival + target * 1000)
                }
                return (chat, 1, since)
            }
            guard let urgent = waiting.min(by: { ($0.rank, $0.due) < ($1.rank, $1.due) }) else {
                notice = "Nobody is waiting for a reply."
                return .refused
            }
            selected = urgent.chat
        case .leave:
            end(.leftEarly, at: time)
        case .type(let character):
            guard let customer = composing() else { return .refused }
            customers[customer].draft.type(character, at: time)
        case .backspace:
            guard let customer = composing() else { return .refused }
            customers[customer].draft.backspace(at: time)
        case .wordBackspace:
            guard let customer = composing() else { return .refused }
            customers[customer].draft.wordBackspace(at: time)
        case .tab:
            guard let customer = composing() else { return .refused }
            return tab(customer, at: time)
        case .send:
            guard let customer = selectedCustomer else { return .refused }
            return send(customer, at: time)
        case .pick(let shortcut, let query):
            searches.append(Search(customer: selectedCustomer, query: query, pick: shortcut, time: time))
            guard let customer = composing() else { return .refused }
            guard let macro = scenario.macro(shortcut) else {
                notice = "No canned reply /\(shortcut) in this knowledge base."
                return .refused
            }
            customers[customer].draft.insert(macro, query: query, at: time)
        case .search(let query):
            searches.append(Search(customer: selectedCustomer, query: query, pick: nil, time: time))
        case .escalate(let team, let note):
            guard let customer = selectedCustomer else { return .refused }
            return escalate(customer, to: team, note: note, at: time)
        case .close(let tag):
            guard let customer = selectedCustomer else { return .refused }
            return close(customer, tag: tag, at: time)
        }
        return .applied
    }

    /// The selected customer, when a reply can be composed for them.
    private func composing() -> Int? {
        guard let customer = selectedCustomer, !customers[customer].status.isFinished else { return nil }
        return customer
    }

    private mutating func tab(_ customer: Int, at time: Double) -> Outcome {
        if mode == .macros, let shortcut = customers[customer].draft.pendingShortcut {
            guard let macro = scenario.macro(shortcut) else {
                notice = "No macro /\(shortcut). The macros are " + scenario.macros.map { "/" + $0.shortcut }.joined(separator: " ")
                return .refused
            }
            customers[customer].draft.expand(macro, at: time)
            return .applied
        }
        if customers[customer].draft.nextBlank(at: time) { return .applied }
        if mode == .macros { notice = "Type a macro's /shortcut, then Tab." }
        return .refused
    }

    private mutating func send(_ index: Int, at time: Double) -> Outcome {
        let customer = customers[index]
        guard case .waiting(let since) = customer.status else {
            switch customer.status {
            case .typing: notice = "\(customer.script.name) is typing: wait for their message."
            case .holding: notice = "\(customer.script.name) has your answer and is on hold."
            default: break
            }
            return .refused
        }
        let text = TargetText.normaliseWhitespace(customer.draft.text)
        guard !text.isEmpty, let firstKey = customer.draft.firstKey else {
            notice = "Type a reply first."
            return .refused
        }
        let turn = customer.script.turns[customer.turn]
        var reply = SentReply(
            customer: index, turn: customer.turn, text: text,
            expected: TargetText.normaliseWhitespace(turn.reply.filled(with: customer.script.details)),
            details: turn.reply.blanks.map { (name: $0, value: customer.script.details[$0] ?? "[\($0)]") },
            sentAt: time, firstKey: firstKey, keystrokes: customer.draft.keystrokes,
            cannedCharacters: customer.draft.cannedCharacters, macroSavings: customer.draft.macroSavings)
        waits.append(Wait(customer: index, start: since, end: time, answered: true))
        customers[index].messages.append(Message(kind: .reply, text: text, time: time))
        let macros = customer.draft.insertedMacros
        customers[index].draft = ReplyDraft()
        if customers[index].firstReply == nil { customers[index].firstReply = time }
        if mode.judgesChoices {
            judge(&reply, macros: macros, at: time)
        } else {
            answered(index, turn: turn, at: time)
        }
        replies.append(reply)
        return .applied
    }

    /// The customer's turn is answered: they write their next message, or are served after their last.
    mutating func answered(_ index: Int, turn: ChatTurn, at time: Double) {
        customers[index].turn += 1
        customers[index].clarified = false
        customers[index].scoredSteps = []
        if customers[index].turn < customers[index].script.turns.count {
            customers[index].status = .typing(until: time + turn.delay * 1000)
        } else {
            customers[index].status = .served(at: time)
            // Desk mode keeps the chat until the agent closes it; elsewhere it is free at once.
            if !mode.judgesChoices, let chat = chat(of: index) { freed(chat, at: time) }
            if customers.indices.allSatisfy(isDone) { end(.allDone, at: time) }
        }
    }

    /// The customer writes `text` back after `delay` milliseconds, and waits again on the same turn.
    mutating func writeBack(_ index: Int, _ kind: Message.Kind, _ text: String, at time: Double, delay: Double) {
        customers[index].pending = Message(kind: kind, text: text, time: time + delay)
        customers[index].status = .typing(until: time + delay)
    }

    private mutating func escalate(_ index: Int, to team: String, note: String, at time: Double) -> Outcome {
        let customer = customers[index]
        guard customer.status.isActive else {
            notice = customer.status.isFinished ? "This chat is finished: nothing to escalate." : "Nobody to escalate here."
            return .refused
        }
        let turn = customer.script.turns[customer.turn]
        var problems: [String] = []
        var expected = false
        if case .escalate(let wanted, let noteDetails) = turn.action {
            expected = true
            if team.lowercased() != wanted.lowercased() { problems.append("sent to \(team); \(wanted) was needed") }
            for name in noteDetails {
                let value = customer.script.details[name] ?? "[\(name)]"
                if !ChatShift.contains(note, detail: value) { problems.append("the note lacks the \(ChatShift.detailLabel(name)) \(value)") }
            }
        } else {
            problems.append("no escalation was needed: \(customer.script.name) could be helped here")
        }
        actions.append(Action(customer: index, turn: customer.turn, kind: .escalate(team: team, note: note), time: time, expected: expected, right: problems.isEmpty, problems: problems))
        if case .waiting(let since) = customer.status { waits.append(Wait(customer: index, start: since, end: time, answered: true)) }
        if case .holding(let since) = customer.status { customers[index].heldFor += time - since }
        customers[index].messages.append(Message(kind: .note, text: "To \(team): \(note)", time: time))
        customers[index].status = .transferred(at: time)
        customers[index].pending = nil
        if let chat = chat(of: index) {
            announce("\(customer.script.name) transferred to \(team)", chat: chat, at: time)
            freed(chat, at: time)
        }
        if customers.indices.allSatisfy(isDone) { end(.allDone, at: time) }
        return .applied
    }

    private mutating func close(_ index: Int, tag: String, at time: Double) -> Outcome {
        let customer = customers[index]
        guard mode.judgesChoices else {
            notice = "Chats close themselves in this mode."
            return .refused
        }
        var problems: [String] = []
        var expected = false
        switch customer.status {
        case .served:
            guard customer.closedTag == nil else { return .refused }
            if let wanted = customer.script.close {
                expected = true
                if tag.lowercased() != wanted.lowercased() { problems.append("closed as \(tag); \(wanted) fits") }
            }
            customers[index].closedTag = tag
        case .waiting, .typing, .holding:
            problems.append("closed while \(customer.script.name) still needed an answer")
            if case .waiting(let since) = customer.status { waits.append(Wait(customer: index, start: since, end: time, answered: false)) }
            if case .holding(let since) = customer.status { customers[index].heldFor += time - since }
            customers[index].status = .closed(at: time)
            customers[index].closedTag = tag
            customers[index].pending = nil
        default:
            notice = "Nothing to close here."
            return .refused
        }
        actions.append(Action(customer: index, turn: customer.turn, kind: .close(tag: tag), time: time, expected: expected, right: problems.isEmpty, problems: problems))
        if let chat = chat(of: index) { freed(chat, at: time) }
        if customers.indices.allSatisfy(isDone) { end(.allDone, at: time) }
        return .applied
    }
}
