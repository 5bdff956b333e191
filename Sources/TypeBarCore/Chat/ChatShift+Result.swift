/// The figures of a shift: per reply, per customer (with their satisfaction), the actions, and the transcripts.
extension ChatShift {
    /// The figures of the shift so far (final once it is over), judged against `targets`.
    public func result(targets: ChatTargets = ChatTargets()) -> ChatResult {
        let end = ending?.time ?? now
        var allWaits = waits.map(\.seconds)
        if ending == nil {
            // A shift still running: the waits still open count up to now.
            for customer in customers { if let since = customer.waitingSince { allWaits.append((end - since) / 1000) } }
        }
        let replyFigures = replies.map(ChatShift.figures)
        let actionFigures = judgedActions()
        let perCustomer = customers.indices.map { figures(ofCustomer: $0, replies: replyFigures, actions: actionFigures, end: end) }
        var result = ChatResult(
            scenario: scenario.id, mode: mode, ending: ending?.reason ?? .leftEarly, shiftSeconds: end / 1000,
            customers: perCustomer, replies: replyFigures, targets: targets, waits: allWaits)
        result.actions = actionFigures
        result.transcripts = customers.map(\.messages)
        return result
    }

    private func figures(ofCustomer index: Int, replies: [ReplyFigures], actions: [ActionFigures], end: Double) -> CustomerFigures {
        let customer = customers[index]
        let outcome: CustomerFigures.Outcome
        var handle: Double?
        switch customer.status {
        case .served(let at):
            outcome = .served
            handle = (at - customer.arrival) / 1000
        case .left: outcome = .abandoned
        case .expected: outcome = .notArrived
        case .queued, .waiting, .typing, .holding: outcome = .unserved
        case .transferred: outcome = .transferred
        case .closed: outcome = .closed
        }
        let own = replies.filter { $0.customer == index }
        let ownActions = actions.filter { $0.customer == index }
        let firstResponse = customer.firstReply.map { ($0 - customer.arrival) / 1000 }
        let rightTransfer = ownActions.contains { $0.right && $0.expected != nil && $0.done?.hasPrefix("escalated") == true }

        // What the rating reads: the waits in order (the first is the wait for a first reply), corrections, choices.
        let ownWaits = waits.filter { $0.customer == index }.sorted { $0.start < $1.start }
        var open: Double?
        if ending == nil, let since = customer.waitingSince { open = (end - since) / 1000 }
        var facts = ChatSatisfaction.Facts(
            outcome: outcome,
            firstWait: firstResponse ?? ownWaits.first.map(\.seconds) ?? open ?? max(0, end - customer.arrival) / 1000)
        let later = ownWaits.dropFirst().map(\.seconds) + (firstResponse != nil ? [open ?? 0] : []) + [customer.heldFor / 1000]
        facts.laterWait = later.max() ?? 0
        facts.wrongReplies = customer.wrongReplies
        facts.corrections = customer.corrections
        facts.correctedDetail = own.first { !$0.mismatches.isEmpty && $0.points != 0 }?.mismatches.first.map { ChatShift.detailLabel($0.name) }
        // A free-written reply under 7 points answered them less well; in desk mode, anything short of the best.
        let good = mode == .free ? ChatResult.goodWriting : ChatTurn.bestPoints
        facts.lesserAnswers = own.filter { ($0.points ?? ChatTurn.bestPoints) > 0 && ($0.points ?? ChatTurn.bestPoints) < good }.count
        for action in ownActions {
            guard let done = action.done, done.hasPrefix("escalated") else {
                if action.done == nil, action.expected?.hasPrefix("escalate") == true, let team = action.expected?.split(separator: " ").dropFirst(2).first {
                    facts.missedEscalation = String(team)
                }
                continue
            }
            if action.expected == nil || action.problems.contains(where: { $0.hasPrefix("sent to") }) {
                facts.wrongTransfer = true
            } else {
                facts.noteLacks += action.problems.compactMap(ChatShift.lackedDetail)
            }
        }
        let rated = ChatSatisfaction.rate(facts)
        return CustomerFigures(
            name: customer.script.name, outcome: outcome, firstResponse: firstResponse, handleTime: handle,
            replies: own.count, turns: customer.script.turns.count,
            resolved: outcome == .served || (outcome == .transferred && rightTransfer),
            rating: rated?.rating, reasons: rated?.reasons ?? [],
            wrongReplies: customer.wrongReplies, corrections: customer.corrections, nudges: customer.nudges, tag: customer.closedTag)
    }

    /// The label in "the note lacks the order number #123", for the rating's reason.
    static func lackedDetail(_ problem: String) -> String? {
        guard problem.hasPrefix("the note lacks the ") else { return nil }
        let rest = problem.dropFirst("the note lacks the ".count)
        guard let space = rest.lastIndex(of: " ") else { return String(rest) }
        return String(rest[..<space])
    }

    /// The actions taken, judged, and the expected ones never done: an escalation a customer's current turn calls
    /// for (they cannot move past it without one), and the wrap-up tag of a customer served whose chat stayed open.
    private func judgedActions() -> [ActionFigures] {
        var list: [ActionFigures] = []
        for action in actions {
            let customer = customers[action.customer]
            let turn = customer.script.turns[min(action.turn, customer.script.turns.count - 1)]
            switch action.kind {
            case .escalate(let team, let note):
                list.append(ActionFigures(
                    customer: action.customer, expected: action.expected ? ChatShift.describe(turn.action, customer: customer.script) : nil,
                    done: "escalated to \(team): \(note)", right: action.right, problems: action.problems, time: action.time))
            case .close(let tag):
                list.append(ActionFigures(
                    customer: action.customer, expected: action.expected ? customer.script.close.map { "close as \($0)" } : nil,
                    done: "closed as \(tag)", right: action.right, problems: action.problems, time: action.time))
            }
        }
        for (index, customer) in customers.enumerated() {
            // A turn that calls for an escalation holds the customer until one is made: they reached it, and
            // unless they were transferred, it was not made.
            let transferred = if case .transferred = customer.status { true } else { false }
            if !customer.messages.isEmpty, !transferred, customer.turn < customer.script.turns.count,
               let expected = customer.script.turns[customer.turn].action {
                list.append(ActionFigures(
                    customer: index, expected: ChatShift.describe(expected, customer: customer.script), done: nil, right: false,
                    problems: ["no escalation was made"], time: nil))
            }
            if mode.judgesChoices, case .served = customer.status, customer.closedTag == nil, let tag = customer.script.close {
                list.append(ActionFigures(customer: index, expected: "close as \(tag)", done: nil, right: false, problems: ["the chat was never closed"], time: nil))
            }
        }
        return list
    }

    /// "escalate to billing with the order number" for an expected escalation.
    static func describe(_ action: ExpectedAction?, customer: ChatCustomer) -> String? {
        guard case .escalate(let team, let note) = action else { return nil }
        let details = note.map { "the " + detailLabel($0) + " " + (customer.details[$0] ?? "[\($0)]") }
        return "escalate to \(team)" + (details.isEmpty ? "" : " with " + details.joined(separator: " and ") + " in the note")
    }

    static func figures(_ reply: SentReply) -> ReplyFigures {
        if let rubric = reply.rubric { return writtenFigures(reply, rubric: rubric) }
        let target = TargetText(reply.expected)
        var aligner = PrefixAligner(target: target.codes)
        for character in reply.text { aligner.append(target.code(for: character)) }
        let errors = aligner.wholeTargetErrors
        let characters = reply.text.count
        let base = max(characters, target.count)
        // A reply that did not answer the turn is judged by its choice, not by its details.
        let checked = reply.choice.map { if case .wrong = $0 { false } else { true } } ?? true
        let wrong = checked ? reply.details.filter { !contains(reply.text, detail: $0.value) } : []
        return ReplyFigures(
            customer: reply.customer, turn: reply.turn, text: reply.text, expected: reply.expected,
            characters: characters, expectedCharacters: target.count, errors: errors,
            accuracy: base == 0 ? 0 : 100 * (1 - Double(errors) / Double(base)),
            wrongDetails: wrong.map(\.name),
            mismatches: wrong.map { DetailMismatch(name: $0.name, expected: $0.value, sent: sentFragment(reply.text, expected: reply.expected, value: $0.value)) },
            choice: reply.choice, points: reply.points,
            firstKey: reply.firstKey, sentAt: reply.sentAt, keystrokes: reply.keystrokes,
            cannedCharacters: reply.cannedCharacters, keystrokesSaved: reply.macroSavings.reduce(0, +))
    }

    /// A free-written reply: there is no expected text, so its errors are its misspellings, its accuracy the share
    /// of its words spelt right, and its wrong details the rubric's missing ones.
    private static func writtenFigures(_ reply: SentReply, rubric: RubricScore) -> ReplyFigures {
        let words = max(1, WritingLexicon.words(in: reply.text).count)
        var figures = ReplyFigures(
            customer: reply.customer, turn: reply.turn, text: reply.text, expected: reply.text,
            characters: reply.text.count, expectedCharacters: reply.text.count, errors: rubric.misspelt.count,
            accuracy: 100 * (1 - Double(rubric.misspelt.count) / Double(words)),
            wrongDetails: rubric.missingDetails,
            mismatches: rubric.missingDetails.compactMap { name in reply.details.first { $0.name == name }.map { DetailMismatch(name: name, expected: $0.value, sent: "") } },
            choice: reply.choice, points: reply.points,
            firstKey: reply.firstKey, sentAt: reply.sentAt, keystrokes: reply.keystrokes,
            cannedCharacters: reply.cannedCharacters, keystrokesSaved: reply.macroSavings.reduce(0, +))
        figures.rubric = rubric
        return figures
    }

    /// Whether `text` holds `detail` exactly, not as part of a longer word or number ("#4821" is not in "#48213").
    static func contains(_ text: String, detail: String) -> Bool {
        let value = Array(TargetText.normaliseWhitespace(detail))
        guard !value.isEmpty else { return true }
        let characters = Array(text)
        guard characters.count >= value.count else { return false }
        func isWordCharacter(_ character: Character) -> Bool { character.isLetter || character.isNumber }
        for start in 0...(characters.count - value.count) where characters[start] == value[0] {
            guard Array(characters[start..<(start + value.count)]) == value else { continue }
            let before = start > 0 ? characters[start - 1] : nil
            let after = start + value.count < characters.count ? characters[start + value.count] : nil
            if let before, isWordCharacter(before), isWordCharacter(value[0]) { continue }
            if let after, isWordCharacter(after), let last = value.last, isWordCharacter(last) { continue }
            return true
        }
        return false
    }

    /// What `text` holds where `expected` holds `value`: the characters aligned with the value's (by the least
    /// edits), widened to the whole word they sit in, without punctuation the value lacks. "" when nothing was
    /// sent there.
    static func sentFragment(_ text: String, expected: String, value: String) -> String {
        let sent = Array(text), wanted = Array(expected), detail = Array(TargetText.normaliseWhitespace(value))
        guard !detail.isEmpty, let start = (0...max(0, wanted.count - detail.count)).first(where: { wanted.count >= detail.count && Array(wanted[$0..<($0 + detail.count)]) == detail }) else {
            return ""
        }
        let range = start..<(start + detail.count)
        let aligned = alignment(sent, wanted)
        let positions = range.compactMap { aligned[$0] }
        guard let first = positions.min(), let last = positions.max() else { return "" }
        var low = first, high = last
        while low > 0, !sent[low - 1].isWhitespace { low -= 1 }
        while high + 1 < sent.count, !sent[high + 1].isWhitespace { high += 1 }
        var fragment = Array(sent[low...high])
        let trailing: Set<Character> = [",", ".", ";", ":", "!", "?", ")"]
        while let end = fragment.last, trailing.contains(end), detail.last != end { fragment.removeLast() }
        while let begin = fragment.first, begin == "(", detail.first != begin { fragment.removeFirst() }
        return String(fragment)
    }

    /// For each character of `target`, the index of the character of `text` it is aligned with by a least-edit
    /// alignment (nil when it was left out). Replies are a few hundred characters, so the full table is small.
    static func alignment(_ text: [Character], _ target: [Character]) -> [Int?] {
        let n = text.count, m = target.count
        var cost = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in 0...n { cost[i][0] = i }
        for j in 0...m { cost[0][j] = j }
        if n > 0 && m > 0 {
            for i in 1...n {
                for j in 1...m {
                    let same = text[i - 1] == target[j - 1] ? 0 : 1
                    cost[i][j] = min(cost[i - 1][j - 1] + same, cost[i - 1][j] + 1, cost[i][j - 1] + 1)
                }
            }
        }
        var mapped = [Int?](repeating: nil, count: m)
        var i = n, j = m
        while i > 0 && j > 0 {
            let same = text[i - 1] == target[j - 1] ? 0 : 1
            if cost[i][j] == cost[i - 1][j - 1] + same {
                mapped[j - 1] = i - 1
                i -= 1
                j -= 1
            } else if cost[i][j] == cost[i - 1][j] + 1 {
                i -= 1
            } else {
                j -= 1
            }
        }
        return mapped
    }
}
