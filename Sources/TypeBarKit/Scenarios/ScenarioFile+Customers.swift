import TypeBarCore
internal import Yams

/// Reading a scenario's customers: each one's details and profile, turns, rubrics and expected actions.
extension ScenarioFile {
    func readCustomer(_ node: Node, number: Int, path: String, canned: CannedReplies) throws(TypeBarError) -> CustomerSpec {
        let context = "customer \(number)"
        let fields = try YAMLFields(node, path: path, context: context, known: ScenarioFile.customerFields)
        let arrival = try fields.number("arrival", in: Limits.arrival, unit: "seconds from the start", required: "arrival: 0")!
        if arrival >= timeLimit {
            throw fields.problem(fields["arrival"]!, "arrival", "\(YAMLFields.format(arrival)) s is not before the time limit (\(YAMLFields.format(timeLimit)) s): the customer would never arrive")
        }
        var spec = CustomerSpec(
            arrival: arrival,
            patience: try fields.number("patience", in: Limits.patience, unit: "seconds"),
            details: [], turns: [])
        if let profile = fields["profile"] {
            spec.profile = try ScenarioFile.readProfile(profile, context: context, path: path, canned: canned)
        }
        var nodes: [String: Node] = [:]
        if let detailsNode = fields["details"] {
            guard let mapping = detailsNode.mapping else {
                throw fields.problem(detailsNode, "details", "must be fields like `order: \"#48213\"` or `name: [Maya, Tom]`")
            }
            for (key, value) in mapping {
                guard let name = key.scalar?.string, !name.isEmpty,
                      name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                    throw .badLine(path: path, line: YAMLFields.line(key), problem: "\(context): details: a detail's name must be letters, digits or _ (it is used as [name] in messages)")
                }
                guard !ScenarioFile.reactionBlanks.contains(name) else {
                    throw .badLine(path: path, line: YAMLFields.line(key), problem: "\(context): details: [\(name)] stands for the detail a customer corrects in a reaction; give this detail another name")
                }
                let source = try ScenarioFile.readDetail(value, name: name, context: context, path: path, canned: canned, profile: spec.profile)
                if name == "name", case .profile = source {
                    throw .badLine(path: path, line: YAMLFields.line(value), problem: "\(context): details: name: the profile's values come from the name (its e-mail holds it), so the name cannot come from the profile; give it as a value or a list")
                }
                spec.details.append((name, source))
                nodes[name] = value
            }
        }
        if !spec.details.contains(where: { $0.name == "name" }) {
            guard let names = canned.lists["first_names"] else {
                throw fields.missing("details: name", example: "name: [Maya, Tom, Priya]")
            }
            spec.details.insert(("name", .list(names)), at: 0)
        }
        try ScenarioFile.checkEmails(spec, nodes: nodes, profileNode: fields["profile"], context: context, path: path)
        let declared = Set(spec.details.map(\.name))
        // What the agent can see before any message: the name, and what the profile shows.
        var known: Set<String> = ["name"]
        for detail in spec.details { if case .profile = detail.source { known.insert(detail.name) } }
        if let nudge = try fields.text("nudge", limit: Limits.messageLength) {
            spec.nudge = ReplyTemplate(parsing: nudge)
            try ScenarioFile.checkDeclared(spec.nudge!, declared: declared, fields, "nudge")
        }
        guard let turns = try fields.list("turns", limit: Limits.turns) else {
            throw fields.missing("turns", example: "turns: (a list of message, reply and delay)")
        }
        for (index, item) in turns.enumerated() {
            let turn = try readTurn(item, context: "\(context), turn \(index + 1)", path: path, declared: declared, known: &known)
            if turn.action != nil, index + 1 < turns.count {
                throw .badLine(path: path, line: YAMLFields.line(item), problem: "\(context), turn \(index + 1): action: only a customer's last turn can call for an escalation, since the chat then goes to the team; move the later turns before it or drop them")
            }
            spec.turns.append(turn)
        }
        if let closeNode = fields["close"] {
            let tag = try fields.scalar("close", closeNode, expected: "a wrap-up tag").trimmingCharacters(in: .whitespaces)
            guard tags.contains(tag) else {
                let hint = YAMLFields.nearest(to: tag, among: tags).map { " (did you mean \($0)?)" } ?? ""
                throw fields.problem(closeNode, "close", "no tag \(quoted(tag))\(hint); the tags are \(tags.joined(separator: ", ")), or list yours under tags")
            }
            guard spec.turns.last?.action == nil else {
                throw fields.problem(closeNode, "close", "this customer is escalated at their last turn, so their chat goes to the team and is never closed here; drop close or the action")
            }
            spec.close = tag
        }
        return spec
    }

    /// The names a detail reaction fills in when the customer reacts: the detail's label and its right value.
    static let reactionBlanks: Set<String> = ["detail", "value"]

    /// Reads one turn. `known` holds the details the agent can know by then (the profile's, and those the
    /// customer's messages and answers have mentioned); the turn adds what it mentions.
    func readTurn(_ node: Node, context: String, path: String, declared: Set<String>, known: inout Set<String>) throws(TypeBarError) -> TurnSpec {
        let fields = try YAMLFields(node, path: path, context: context, known: ScenarioFile.turnFields)
        let message = ReplyTemplate(parsing: try fields.text("message", limit: Limits.messageLength, required: "message: Hi, I was charged twice.")!)
        try ScenarioFile.checkDeclared(message, declared: declared, fields, "message")
        known.formUnion(message.blanks)
        var clarify: ClarifySpec?
        if let clarifyNode = fields["clarify"] {
            let question = try YAMLFields(clarifyNode, path: path, context: "\(context), clarify", known: ["ask", "answer", "guess_points", "delay"])
            let (ask, macro) = try reply(question, "ask", required: "ask: /which (a macro, or the question written out)")
            try ScenarioFile.checkKnown(ask, declared: declared, known: known, question, "ask")
            let answer = ReplyTemplate(parsing: try question.text("answer", limit: Limits.messageLength, required: "answer: \"The one from [date], [order].\"")!)
            try ScenarioFile.checkDeclared(answer, declared: declared, question, "answer")
            known.formUnion(answer.blanks)
            clarify = ClarifySpec(
                ask: ask, macro: macro, answer: answer,
                guessPoints: try question.whole("guess_points", in: Limits.guessPoints, unit: "points") ?? 4,
                delay: try question.number("delay", in: Limits.delay, unit: "seconds before the customer answers") ?? 4)
        }
        let (reply, macro) = try reply(fields, "reply", required: "reply: Hi [name], ... (or /shortcut for a macro)")
        try ScenarioFile.checkKnown(reply, declared: declared, known: known, fields, "reply")
        var turn = TurnSpec(
            message: message, reply: reply, macro: macro,
            delay: try fields.number("delay", in: Limits.delay, unit: "seconds before the customer's next message") ?? 0)
        turn.clarify = clarify
        for (index, item) in (try fields.list("acceptable", limit: Limits.acceptable) ?? []).enumerated() {
            let other = try YAMLFields(item, path: path, context: "\(context), acceptable \(index + 1)", known: ["reply", "points"])
            let (template, macro) = try self.reply(other, "reply", required: "reply: /refund")
            try ScenarioFile.checkKnown(template, declared: declared, known: known, other, "reply")
            if template == reply || turn.acceptable.contains(where: { $0.reply == template }) || (clarify?.ask == template) {
                throw other.problem(other["reply"]!, "reply", "is already one of this turn's replies; each reply is scored once")
            }
            let points = try other.whole("points", in: Limits.points, unit: "points", required: "points: 6")!
            turn.acceptable.append(ScoredReply(reply: template, macro: macro, points: points))
        }
        if let reactionsNode = fields["reactions"] {
            let reactions = try YAMLFields(reactionsNode, path: path, context: "\(context), reactions", known: ["wrong", "detail"])
            if let wrong = try reactions.text("wrong", limit: Limits.messageLength) {
                turn.wrongReaction = ReplyTemplate(parsing: wrong)
                try ScenarioFile.checkDeclared(turn.wrongReaction!, declared: declared, reactions, "wrong")
            }
            if let detail = try reactions.text("detail", limit: Limits.messageLength) {
                turn.detailReaction = ReplyTemplate(parsing: detail)
                try ScenarioFile.checkDeclared(turn.detailReaction!, declared: declared.union(ScenarioFile.reactionBlanks), reactions, "detail")
            }
        }
        if let actionNode = fields["action"] {
            turn.action = try readAction(actionNode, context: context, path: path, declared: declared, known: known)
        }
        if let rubricNode = fields["rubric"] {
            turn.rubric = try readRubric(rubricNode, context: context, path: path, declared: declared, known: known)
        }
        return turn
    }

    /// `rubric: {must: [order], answer: ["refund|refunded"], should: [greeting, next_step], must_not: [SLA], min_words: 8}`.
    func readRubric(_ node: Node, context: String, path: String, declared: Set<String>, known: Set<String>) throws(TypeBarError) -> RubricSpec {
        let fields = try YAMLFields(node, path: path, context: "\(context), rubric", known: ScenarioFile.rubricFields)
        var spec = RubricSpec()
        if fields["must"] != nil {
            var must: [String] = []
            for item in try ScenarioFile.items(fields, "must", limit: 12) {
                let name = try fields.scalar("must", item, expected: "a detail's name like order").trimmingCharacters(in: .whitespaces)
                guard declared.contains(name) else {
                    throw fields.problem(item, "must", "\(quoted(name)) is not one of this customer's details (\(declared.subtracting(ScenarioFile.reactionBlanks).sorted().joined(separator: ", "))); name the details a reply must hold")
                }
                guard known.contains(name) else {
                    throw fields.problem(item, "must", "[\(name)] is not in the profile or any message the customer has sent by then, so the agent cannot know it; mention it in a message")
                }
                guard !must.contains(name) else { throw fields.problem(item, "must", "\(name) is listed twice; list each once") }
                must.append(name)
            }
            spec.must = must
        }
        spec.answer = try ScenarioFile.readAnswer(fields)
        if fields["should"] != nil {
            var should: [ReplyRubric.Element] = []
            let names = ReplyRubric.Element.allCases.map(\.rawValue)
            for item in try ScenarioFile.items(fields, "should", limit: names.count) {
                let name = try fields.scalar("should", item, expected: "one of \(names.joined(separator: ", "))").trimmingCharacters(in: .whitespaces)
                guard let element = ReplyRubric.Element(rawValue: name) else {
                    let hint = YAMLFields.nearest(to: name, among: names).map { " (did you mean \($0)?)" } ?? ""
                    throw fields.problem(item, "should", "no element \(quoted(name))\(hint); the elements are \(names.joined(separator: ", "))")
                }
                guard !should.contains(element) else { throw fields.problem(item, "should", "\(name) is listed twice; list each once") }
                should.append(element)
            }
            spec.should = should
        }
        spec.mustNot = try ScenarioFile.readPhrases(fields, "must_not", limit: Limits.phrases, expected: "a word or phrase like SLA") ?? []
        spec.minimumWords = try fields.whole("min_words", in: Limits.minimumWords, unit: "words")
        return spec
    }

    /// A reply field: `/shortcut` for a macro (which must exist), or the text written out (its macro when the
    /// text is one's exactly).
    func reply(_ fields: YAMLFields, _ field: String, required example: String) throws(TypeBarError) -> (ReplyTemplate, String?) {
        let text = try fields.text(field, limit: Limits.messageLength, required: example)!
        guard text.hasPrefix("/") else {
            let template = ReplyTemplate(parsing: text)
            return (template, macros.first { $0.template == template }?.shortcut)
        }
        let shortcut = String(text.dropFirst())
        guard let found = macros.first(where: { $0.shortcut == shortcut }) else {
            let hint = YAMLFields.nearest(to: shortcut, among: macros.map(\.shortcut)).map { " (did you mean /\($0)?)" } ?? ""
            throw fields.problem(fields[field]!, field, "no macro /\(shortcut)\(hint); define it under macros or write the reply out")
        }
        return (found.template, shortcut)
    }

    /// `action: {escalate: billing, note: [order]}`: a team of the scenario's, and note details the agent knows.
    func readAction(_ node: Node, context: String, path: String, declared: Set<String>, known: Set<String>) throws(TypeBarError) -> ExpectedAction {
        let fields = try YAMLFields(node, path: path, context: "\(context), action", known: ["escalate", "note"])
        let team = try fields.text("escalate", limit: 20, required: "escalate: billing")!
        guard teams.contains(team) else {
            let hint = YAMLFields.nearest(to: team, among: teams).map { " (did you mean \($0)?)" } ?? ""
            throw fields.problem(fields["escalate"]!, "escalate", "no team \(quoted(team))\(hint); the teams are \(teams.joined(separator: ", ")), or list yours under teams")
        }
        var note: [String] = []
        for item in try fields.list("note", limit: 6) ?? [] {
            let name = try fields.scalar("note", item, expected: "a detail's name like order").trimmingCharacters(in: .whitespaces)
            guard declared.contains(name) else {
                throw fields.problem(item, "note", "\(quoted(name)) is not one of this customer's details (\(declared.sorted().joined(separator: ", "))); the note holds details by name")
            }
            guard known.contains(name) else {
                throw fields.problem(item, "note", "[\(name)] is not in the profile or any message the customer has sent by then, so the agent cannot know it; mention it in a message")
            }
            if !note.contains(name) { note.append(name) }
        }
        return .escalate(team: team, note: note)
    }

    /// Every blank of `template` must be one of the customer's details.
    static func checkDeclared(_ template: ReplyTemplate, declared: Set<String>, _ fields: YAMLFields, _ field: String) throws(TypeBarError) {
        for blank in template.blanks where !declared.contains(blank) {
            let names = declared.subtracting(reactionBlanks).sorted().joined(separator: ", ")
            throw fields.problem(fields[field]!, field, "[\(blank)] is not one of this customer's details (\(names)); add it under details")
        }
    }

    /// Every blank of a reply must be a detail the agent can know by then: in the profile, or in a message.
    static func checkKnown(_ template: ReplyTemplate, declared: Set<String>, known: Set<String>, _ fields: YAMLFields, _ field: String) throws(TypeBarError) {
        try checkDeclared(template, declared: declared, fields, field)
        for blank in template.blanks where !known.contains(blank) {
            throw fields.problem(fields[field]!, field, "[\(blank)] is not in the profile or any message the customer has sent by then, so the agent cannot know it; mention it in a message")
        }
    }
}
