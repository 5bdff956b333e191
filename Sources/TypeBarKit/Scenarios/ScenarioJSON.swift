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
        writer.endObject()
    }
}

extension ChatScenario {
    /// The scenario as drawn, for `typebar chat --check ID --json`: every customer's details, messages and the
    /// replies expected.
    public func writeJSON(to writer: inout JSONWriter, seed: UInt64) {
        writer.beginObject()
        writer.key("id"); writer.string(id)
        writer.key("name"); writer.string(name)
        writer.key("seed"); writer.string(String(seed))
        writer.key("chats"); writer.int(chats)
        writer.key("patience_seconds"); writer.number(patience)
        writer.key("time_limit_seconds"); writer.number(timeLimit)
        writer.key("customers"); writer.beginArray()
        for customer in customers {
            writer.beginObject()
            writer.key("name"); writer.string(customer.name)
            writer.key("arrival_seconds"); writer.number(customer.arrival)
            writer.key("patience_seconds"); writer.number(customer.patience ?? patience)
            writer.key("details"); writer.beginObject()
            for name in customer.details.keys.sorted() {
                writer.key(name); writer.string(customer.details[name] ?? "")
            }
            writer.endObject()
            writer.key("turns"); writer.beginArray()
            for turn in customer.turns {
                writer.beginObject()
                writer.key("message"); writer.string(turn.message)
                writer.key("template"); writer.string(turn.reply.display)
                writer.key("reply"); writer.string(TargetText.normaliseWhitespace(turn.reply.filled(with: customer.details)))
                writer.key("macro"); if let macro = turn.macro { writer.string(macro) } else { writer.null() }
                writer.key("delay_seconds"); writer.number(turn.delay)
                writer.endObject()
            }
            writer.endArray()
            writer.endObject()
        }
        writer.endArray()
        writer.key("macros"); writer.beginArray()
        for macro in macros {
            writer.beginObject()
            writer.key("shortcut"); writer.string(macro.shortcut)
            writer.key("text"); writer.string(macro.template.display)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
    }

    /// The scenario as drawn, as text a trainer reads.
    public func describe(seed: UInt64) -> String {
        var lines = [
            "\(name) (\(id)), seed \(seed)",
            "\(chats) chat\(chats == 1 ? "" : "s") at once · patience \(formatDecimal(patience, places: 0)) s · time limit \(formatDecimal(timeLimit, places: 0)) s · \(customers.count) customers",
        ]
        for customer in customers {
            lines.append("")
            let details = customer.details.keys.sorted().filter { $0 != "name" }.map { "\($0) \(customer.details[$0] ?? "")" }
            lines.append("\(customer.name), arrives at \(formatDecimal(customer.arrival, places: 0)) s" + (details.isEmpty ? "" : " · " + details.joined(separator: " · ")))
            for (index, turn) in customer.turns.enumerated() {
                lines.append("  customer: \(turn.message)")
                lines.append("  agent:    \(TargetText.normaliseWhitespace(turn.reply.filled(with: customer.details)))" + (turn.macro.map { "  (/\($0))" } ?? ""))
                if index + 1 < customer.turns.count { lines.append("  … the customer types for \(formatDecimal(turn.delay, places: 0)) s") }
            }
        }
        return lines.joined(separator: "\n")
    }
}
