/// Desk mode's judgement of a sent reply: which reply it was taken for, its points, and how the customer reacts.
extension ChatShift {
    /// A typed reply is taken for a candidate when it is at least this similar to it (1 − edit distance / longer
    /// length): a reply typed by hand with a few slips still counts as the reply it was meant to be.
    public static let recognisedSimilarity = 0.8
    /// Milliseconds a customer takes to write back a reaction.
    public static let reactionDelay = 4000.0

    /// A reply the turn could be answered with, filled in with the customer's details.
    struct Candidate {
        var choice: Choice
        var template: ReplyTemplate
        var macro: String?
        var points: Int
        var text: String
    }

    /// The turn's candidates: the clarifying question while it is due, the best reply, the acceptable ones.
    /// Before a due question is asked, a reply earns at most the clarification's guess points.
    func candidates(for index: Int) -> [Candidate] {
        let customer = customers[index]
        let turn = customer.script.turns[customer.turn]
        let details = customer.script.details
        func filled(_ template: ReplyTemplate) -> String { TargetText.normaliseWhitespace(template.filled(with: details)) }
        let guessing = turn.clarify != nil && !customer.clarified
        let cap = guessing ? turn.clarify?.guessPoints ?? ChatTurn.bestPoints : ChatTurn.bestPoints
        var list: [Candidate] = []
        if let clarify = turn.clarify, guessing {
            list.append(Candidate(choice: .clarify, template: clarify.ask, macro: clarify.macro, points: ChatTurn.bestPoints, text: filled(clarify.ask)))
        }
        list.append(Candidate(choice: .best, template: turn.reply, macro: turn.macro, points: cap, text: filled(turn.reply)))
        for (position, other) in turn.acceptable.enumerated() {
            list.append(Candidate(choice: .acceptable(position), template: other.reply, macro: other.macro, points: min(other.points, cap), text: filled(other.reply)))
        }
        return list
    }

    /// Similarity of `text` to `target`: 1 − edit distance / the longer length (1 for two empty texts).
    static func similarity(_ text: String, _ target: String) -> Double {
        let expected = TargetText(target)
        var aligner = PrefixAligner(target: expected.codes)
        var count = 0
        for character in text {
            aligner.append(expected.code(for: character))
            count += 1
        }
        let base = max(count, expected.count)
        return base == 0 ? 1 : 1 - Double(aligner.wholeTargetErrors) / Double(base)
    }

    /// What `reply` was taken for: the canned reply the agent inserted last when there was one, else the candidate
    /// (or another canned reply) the text is most like. Returns the choice, its points, the template it is
    /// measured against, and whether it answers the turn.
    func identify(_ reply: SentReply, draftMacros: [String], customer index: Int) -> (choice: Choice, points: Int, template: ReplyTemplate) {
        let candidates = candidates(for: index)
        let details = customers[index].script.details
        if let macro = draftMacros.last {
            if let candidate = candidates.first(where: { $0.macro == macro }) { return (candidate.choice, candidate.points, candidate.template) }
            let template = scenario.macro(macro)?.template ?? ReplyTemplate(parsing: reply.text)
            return (.wrong(macro), 0, template)
        }
        let ranked = candidates.map { (candidate: $0, similarity: ChatShift.similarity(reply.text, $0.text)) }
        if let best = ranked.max(by: { $0.similarity < $1.similarity }), best.similarity >= ChatShift.recognisedSimilarity {
            return (best.candidate.choice, best.candidate.points, best.candidate.template)
        }
        // None of the turn's replies: the canned reply it is most like, if any is close, is what it was meant to be.
        let others = scenario.macros.map { macro in
            (macro: macro, similarity: ChatShift.similarity(reply.text, TargetText.normaliseWhitespace(macro.template.filled(with: details))))
        }
        if let nearest = others.max(by: { $0.similarity < $1.similarity }), nearest.similarity >= ChatShift.recognisedSimilarity {
            return (.wrong(nearest.macro.shortcut), 0, nearest.macro.template)
        }
        let closest = ranked.max { $0.similarity < $1.similarity }?.candidate.template ?? customers[index].script.turns[customers[index].turn].reply
        return (.wrong(nil), 0, closest)
    }

    /// Judges a reply sent in desk mode and plays the customer's response: a clarifying question is answered, a
    /// reply that does not answer them or holds a wrong detail is written back to, a right one moves them on.
    mutating func judge(_ reply: inout SentReply, macros: [String], at time: Double) {
        if mode == .free { return judgeWriting(&reply, at: time) }
        let index = reply.customer
        let customer = customers[index]
        let turn = customer.script.turns[customer.turn]
        let details = customer.script.details
        let (choice, points, template) = identify(reply, draftMacros: macros, customer: index)
        reply.choice = choice
        reply.expected = TargetText.normaliseWhitespace(template.filled(with: details))
        reply.details = template.blanks.map { (name: $0, value: details[$0] ?? "[\($0)]") }
        // The first answer to each step of a turn (the question, then the reply) is the one scored.
        let step = choice == .clarify ? 0 : 1
        if !customers[index].scoredSteps.contains(step) {
            customers[index].scoredSteps.insert(step)
            reply.points = points
        }
        switch choice {
        case .wrong:
            customers[index].wrongReplies += 1
            writeBack(index, .reaction, turn.wrongReaction ?? ChatShift.standardWrongReaction(to: turn.message), at: time, delay: ChatShift.reactionDelay)
        case .clarify:
            customers[index].clarified = true
            if let clarify = turn.clarify { writeBack(index, .answer, clarify.answer, at: time, delay: clarify.delay * 1000) }
        case .best, .acceptable:
            if let wrong = reply.details.first(where: { !ChatShift.contains(reply.text, detail: $0.value) }) {
                customers[index].corrections += 1
                let text = (turn.detailReaction ?? ChatShift.standardCorrection)
                    .replacing("[detail]", with: ChatShift.detailLabel(wrong.name))
                    .replacing("[value]", with: wrong.value)
                writeBack(index, .reaction, text, at: time, delay: ChatShift.reactionDelay)
            } else if turn.action != nil {
                // Answered; the turn also calls for an action, which the customer now waits for.
                customers[index].status = .holding(since: time)
            } else {
                answered(index, turn: turn, at: time)
            }
        }
    }

    /// What a customer writes back to a reply that did not answer them, when the turn says nothing of its own.
    public static func standardWrongReaction(to message: String) -> String {
        "That doesn't answer my question. " + message
    }

    /// What a customer writes back to a wrong or missing detail, when the turn says nothing of its own.
    public static let standardCorrection = "That's not right: my [detail] is [value]."

    /// How a customer names a detail: the blank `order` is "order number".
    public static func detailLabel(_ name: String) -> String {
        switch name {
        case "order", "order_a", "order_b": "order number"
        case "invoice": "invoice number"
        case "case": "case number"
        case "serial": "serial number"
        case "email": "e-mail address"
        case "amount": "amount"
        case "date": "date"
        case "name": "name"
        default: name.split(separator: "_").joined(separator: " ")
        }
    }

    /// The current turn's writing rubric (`ChatScenario.rubric(customer:turn:)`).
    func rubric(for index: Int) -> ReplyRubric {
        scenario.rubric(customer: index, turn: customers[index].turn)
    }

    /// Whether a free-written reply asks which of several things the customer means: a question with "which".
    static func asksWhich(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.contains("?") && WritingLexicon.holds(lower, phrase: "which")
    }

    /// Judges a reply written in free mode on the turn's rubric and plays the customer's response, as desk mode
    /// does: a question where one is due is answered; a reply that misses the answer brings the follow-up, a missing
    /// or wrong detail the correction; otherwise the turn moves on.
    mutating func judgeWriting(_ reply: inout SentReply, at time: Double) {
        let index = reply.customer
        let customer = customers[index]
        let turn = customer.script.turns[customer.turn]
        let details = customer.script.details
        let known = scenario.acceptedWords(for: index)
        if let clarify = turn.clarify, !customer.clarified, ChatShift.asksWhich(reply.text) {
            reply.choice = .clarify
            reply.rubric = RubricScore.score(
                reply.text, rubric: ReplyRubric(should: [], minimumWords: 4), details: details, known: known, speller: speller)
            if !customers[index].scoredSteps.contains(0) {
                customers[index].scoredSteps.insert(0)
                reply.points = reply.rubric?.points
            }
            reply.expected = reply.text
            reply.details = []
            customers[index].clarified = true
            writeBack(index, .answer, clarify.answer, at: time, delay: clarify.delay * 1000)
            return
        }
        let rubric = rubric(for: index)
        let score = RubricScore.score(reply.text, rubric: rubric, details: details, known: known, speller: speller)
        reply.rubric = score
        reply.expected = reply.text
        reply.details = rubric.must.map { (name: $0, value: details[$0] ?? "[\($0)]") }
        reply.choice = score.answered ? .best : .wrong(nil)
        if !customers[index].scoredSteps.contains(1) {
            customers[index].scoredSteps.insert(1)
            // A guess where a question was due earns at most the guess points, as in desk mode.
            let cap = turn.clarify != nil && !customer.clarified ? turn.clarify?.guessPoints ?? ChatTurn.bestPoints : ChatTurn.bestPoints
            reply.points = min(score.points, cap)
        }
        if !score.answered {
            customers[index].wrongReplies += 1
            writeBack(index, .reaction, turn.wrongReaction ?? ChatShift.standardWrongReaction(to: turn.message), at: time, delay: ChatShift.reactionDelay)
        } else if let name = score.missingDetails.first {
            customers[index].corrections += 1
            let text = (turn.detailReaction ?? ChatShift.standardCorrection)
                .replacing("[detail]", with: ChatShift.detailLabel(name))
                .replacing("[value]", with: details[name] ?? "")
            writeBack(index, .reaction, text, at: time, delay: ChatShift.reactionDelay)
        } else if turn.action != nil {
            customers[index].status = .holding(since: time)
        } else {
            answered(index, turn: turn, at: time)
        }
    }
}
