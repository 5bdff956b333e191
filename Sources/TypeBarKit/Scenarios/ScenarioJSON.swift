import TypeBarCore

/// The JSON and text forms of scenarios for `typebar chat --list` and `--check`.
extension ScenarioFile {
    /// One entry of `typebar chat --list --json`.
    public func writeSummary(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id"); writer.string(id)
        writer.key("name"); writer.string(name)
        writer.key("category"); writer.string(category)
        writer.key("summary"); writer.string(summary)
        writer.key("chats"); writer.int(chats)
        writer.key("customers"); writer.int(customerCount)
        writer.key("replies"); writer.int(replyCount)
        writer.key("patience_seconds"); writer.number(patience)
        writer.key("time_limit_seconds"); writer.number(timeLimit)
        writer.key("desk"); writer.bool(isDesk)
        writer.endObject()
    }
}

extension ChatScenario {
    /// The scenario as drawn, for `typebar chat --check ID --json`: every customer's details, profile, messages,
    /// and per turn what a perfect agent does (the best reply, the question to ask first, the action) and what a
    /// careless one meets (the acceptable replies' points, the customer's reactions). docs/chat.md lists the fields.
    public func writeJSON(to writer: inout JSONWriter, seed: UInt64) {
        writer.beginObject()
        writer.key("id"); writer.string(id)
        writer.key("name"); writer.string(name)
        writer.key("seed"); writer.string(String(seed))
        writer.key("chats"); writer.int(chats)
        writer.key("patience_seconds"); writer.number(patience)
        writer.key("time_limit_seconds"); writer.number(timeLimit)
        writer.key("teams"); writeStrings(teams, to: &writer)
        writer.key("tags"); writeStrings(tags, to: &writer)
        writer.key("known_words"); writeStrings(knownWords, to: &writer)
        writer.key("jargon"); writeStrings(jargon, to: &writer)
        writer.key("customers"); writer.beginArray()
        for (index, customer) in customers.enumerated() { write(customer, index: index, to: &writer) }
        writer.endArray()
        writer.key("macros"); writer.beginArray()
        for macro in macros {
            writer.beginObject()
            writer.key("shortcut"); writer.string(macro.shortcut)
            writer.key("title"); writer.string(macro.title)
            writer.key("keywords"); writeStrings(macro.keywords, to: &writer)
            writer.key("text"); writer.string(macro.template.display)
            writer.key("answer"); writeStrings(macro.answer, to: &writer)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
    }

    private func write(_ customer: ChatCustomer, index: Int, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("name"); writer.string(customer.name)
        writer.key("arrival_seconds"); writer.number(customer.arrival)
        writer.key("patience_seconds"); writer.number(customer.patience ?? patience)
        writer.key("details"); writer.beginObject()
        for name in customer.details.keys.sorted() {
            writer.key(name); writer.string(customer.details[name] ?? "")
        }
        writer.endObject()
        writer.key("profile")
        if let profile = customer.profile {
            writer.beginObject()
            writer.key("email"); writer.string(profile.email)
            writer.key("plan"); optional(profile.plan, to: &writer)
            writer.key("since"); optional(profile.since, to: &writer)
            writer.key("orders"); writer.beginArray()
            for order in profile.orders {
                writer.beginObject()
                writer.key("number"); writer.string(order.number)
                writer.key("date"); writer.string(order.date)
                writer.key("amount"); writer.string(order.amount)
                writer.key("status"); writer.string(order.status)
                writer.key("item"); optional(order.item, to: &writer)
                writer.endObject()
            }
            writer.endArray()
            writer.endObject()
        } else {
            writer.null()
        }
        writer.key("close"); optional(customer.close, to: &writer)
        writer.key("nudge"); writer.string(customer.nudge ?? ChatShift.standardNudge)
        writer.key("turns"); writer.beginArray()
        for (number, turn) in customer.turns.enumerated() {
            let filled = { (template: ReplyTemplate) in TargetText.normaliseWhitespace(template.filled(with: customer.details)) }
            writer.beginObject()
            writer.key("message"); writer.string(turn.message)
            writer.key("template"); writer.string(turn.reply.display)
            writer.key("reply"); writer.string(filled(turn.reply))
            writer.key("macro"); optional(turn.macro, to: &writer)
            writer.key("points"); writer.int(ChatTurn.bestPoints)
            writer.key("delay_seconds"); writer.number(turn.delay)
            writer.key("acceptable"); writer.beginArray()
            for other in turn.acceptable {
                writer.beginObject()
                writer.key("template"); writer.string(other.reply.display)
                writer.key("reply"); writer.string(filled(other.reply))
                writer.key("macro"); optional(other.macro, to: &writer)
                writer.key("points"); writer.int(other.points)
                writer.endObject()
            }
            writer.endArray()
            writer.key("clarify")
            if let clarify = turn.clarify {
                writer.beginObject()
                writer.key("template"); writer.string(clarify.ask.display)
                writer.key("ask"); writer.string(filled(clarify.ask))
                writer.key("macro"); optional(clarify.macro, to: &writer)
                writer.key("answer"); writer.string(clarify.answer)
                writer.key("guess_points"); writer.int(clarify.guessPoints)
                writer.key("delay_seconds"); writer.number(clarify.delay)
                writer.endObject()
            } else {
                writer.null()
            }
            writer.key("action")
            if case .escalate(let team, let note) = turn.action {
                writer.beginObject()
                writer.key("escalate"); writer.string(team)
                writer.key("note"); writer.beginObject()
                for name in note {
                    writer.key(name); writer.string(customer.details[name] ?? "")
                }
                writer.endObject()
                writer.endObject()
            } else {
                writer.null()
            }
            writer.key("rubric"); write(rubric(customer: index, turn: number), declared: turn.rubric != nil, details: customer.details, to: &writer)
            writer.key("reactions"); writer.beginObject()
            writer.key("wrong"); writer.string(turn.wrongReaction ?? ChatShift.standardWrongReaction(to: turn.message))
            writer.key("detail"); writer.beginObject()
            for (name, text) in corrections(turn, customer) {
                writer.key(name); writer.string(text)
            }
            writer.endObject()
            writer.endObject()
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
    }

    /// A turn's writing rubric as free mode applies it: `declared` when the scenario wrote it, else derived from
    /// the best reply; `must` with each detail's value.
    private func write(_ rubric: ReplyRubric, declared: Bool, details: [String: String], to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("declared"); writer.bool(declared)
        writer.key("must"); writer.beginObject()
        for name in rubric.must {
            writer.key(name); writer.string(details[name] ?? "[\(name)]")
        }
        writer.endObject()
        writer.key("answer"); writeStrings(rubric.answer, to: &writer)
        writer.key("should"); writeStrings(rubric.should.map(\.rawValue), to: &writer)
        writer.key("must_not"); writeStrings(rubric.jargon, to: &writer)
        writer.key("min_words"); writer.int(rubric.minimumWords)
        writer.endObject()
    }

    /// A turn's writing rubric in one line: "must order #58211, amount $24.50 · answer refund|refunded · should
    /// greeting, next_step · at least 4 words".
    static func describe(_ rubric: ReplyRubric, details: [String: String]) -> String {
        var parts: [String] = []
        if !rubric.must.isEmpty { parts.append("must " + rubric.must.map { "\($0) \(details[$0] ?? "[\($0)]")" }.joined(separator: ", ")) }
        if !rubric.answer.isEmpty { parts.append("answer " + rubric.answer.joined(separator: ", ")) }
        if !rubric.should.isEmpty { parts.append("should " + rubric.should.map(\.rawValue).joined(separator: ", ")) }
        if !rubric.jargon.isEmpty { parts.append("must not " + rubric.jargon.joined(separator: ", ")) }
        parts.append("at least \(rubric.minimumWords) word\(rubric.minimumWords == 1 ? "" : "s")")
        return parts.joined(separator: " · ")
    }

    /// What the customer writes back when each detail of the turn's replies is wrong or missing, by blank.
    private func corrections(_ turn: ChatTurn, _ customer: ChatCustomer) -> [(name: String, text: String)] {
        var names: [String] = []
        for template in [turn.reply] + turn.acceptable.map(\.reply) {
            for blank in template.blanks where !names.contains(blank) { names.append(blank) }
        }
        return names.map { name in
            (name, (turn.detailReaction ?? ChatShift.standardCorrection)
                .replacing("[detail]", with: ChatShift.detailLabel(name))
                .replacing("[value]", with: customer.details[name] ?? "[\(name)]"))
        }
    }

    private func writeStrings(_ values: [String], to writer: inout JSONWriter) {
        writer.beginArray()
        for value in values { writer.string(value) }
        writer.endArray()
    }

    private func optional(_ value: String?, to writer: inout JSONWriter) {
        if let value { writer.string(value) } else { writer.null() }
    }

    /// The scenario as drawn, as text a trainer reads: what `writeJSON` holds, a customer at a time.
    public func describe(seed: UInt64) -> String {
        var lines = [
            "\(name) (\(id)), seed \(seed)",
            "\(chats) chat\(chats == 1 ? "" : "s") at once · patience \(formatDecimal(patience, places: 0)) s · time limit \(formatDecimal(timeLimit, places: 0)) s · \(customers.count) customers",
        ]
        if customers.contains(where: { $0.profile != nil || $0.close != nil || $0.turns.contains { $0.action != nil } }) {
            lines.append("teams: \(teams.joined(separator: ", ")) · tags: \(tags.joined(separator: ", "))")
        }
        if !knownWords.isEmpty { lines.append("known words: " + knownWords.joined(separator: ", ")) }
        if !jargon.isEmpty { lines.append("jargon: " + jargon.joined(separator: ", ")) }
        for (customerIndex, customer) in customers.enumerated() {
            lines.append("")
            let details = customer.details.keys.sorted().filter { $0 != "name" }.map { "\($0) \(customer.details[$0] ?? "")" }
            lines.append("\(customer.name), arrives at \(formatDecimal(customer.arrival, places: 0)) s" + (details.isEmpty ? "" : " · " + details.joined(separator: " · ")))
            if let profile = customer.profile {
                lines.append("  profile:  " + ([profile.email] + [profile.plan, profile.since.map { "customer since \($0)" }].compactMap { $0 }).joined(separator: " · "))
                for order in profile.orders {
                    lines.append("            order " + ([order.number, order.date, order.amount, order.status] + (order.item.map { [$0] } ?? [])).joined(separator: " · "))
                }
            }
            if let nudge = customer.nudge { lines.append("  kept waiting, writes: \(nudge)") }
            for (index, turn) in customer.turns.enumerated() {
                let filled = { (template: ReplyTemplate) in TargetText.normaliseWhitespace(template.filled(with: customer.details)) }
                let shortcut = { (macro: String?) in macro.map { "  (/\($0))" } ?? "" }
                lines.append("  customer: \(turn.message)")
                if let clarify = turn.clarify {
                    lines.append("  ask:      \(filled(clarify.ask))\(shortcut(clarify.macro))  10 points; the reply without asking earns \(clarify.guessPoints)")
                    lines.append("  customer: \(clarify.answer)")
                }
                lines.append("  agent:    \(filled(turn.reply))\(shortcut(turn.macro))" + (turn.acceptable.isEmpty && turn.clarify == nil ? "" : "  10 points"))
                for other in turn.acceptable {
                    lines.append("  or:       \(filled(other.reply))\(shortcut(other.macro))  \(other.points) point\(other.points == 1 ? "" : "s")")
                }
                lines.append("  writing:  " + ChatScenario.describe(rubric(customer: customerIndex, turn: index), details: customer.details)
                    + (turn.rubric == nil ? "" : " (declared)"))
                if case .escalate(let team, let note) = turn.action {
                    let values = note.map { "\(ChatShift.detailLabel($0)) \(customer.details[$0] ?? "")" }
                    lines.append("  then:     escalate to \(team)" + (values.isEmpty ? "" : ", the note holding " + values.joined(separator: " and ")))
                }
                if turn.wrongReaction != nil || turn.detailReaction != nil {
                    lines.append("  to a reply that misses: \(turn.wrongReaction ?? ChatShift.standardWrongReaction(to: turn.message))")
                    if let first = corrections(turn, customer).first(where: { $0.name != "name" }) ?? corrections(turn, customer).first {
                        lines.append("  to a wrong \(ChatShift.detailLabel(first.name)): \(first.text)")
                    }
                }
                if index + 1 < customer.turns.count { lines.append("  … the customer types for \(formatDecimal(turn.delay, places: 0)) s") }
            }
            if let close = customer.close { lines.append("  close as: \(close)") }
        }
        return lines.joined(separator: "\n")
    }
}
