import TypeBarCore
import TypeBarFormats
import TypeBarKit

/// The chat figures in assessment reports: the rules of a chat assessment in one line, and a table of each
/// candidate's served, abandoned, first reply, reply accuracy and wrong details (Markdown, HTML and JSON).
extension AssessmentReport.Section {
    func chatRulesSummary(_ chat: ChatSummary) -> String {
        var parts = [
            "chat desk \(chat.scenario) (\(chat.mode), seed \(chat.seed))",
            "first reply within \(formatDecimal(chat.maxFirstResponse, places: 0)) s",
            "at most \(chat.maxAbandoned) abandoned",
            "\(formatDecimal(minimumAccuracy, places: 1)) % reply accuracy",
            "at most \(chat.maxWrongDetails) wrong detail\(chat.maxWrongDetails == 1 ? "" : "s")",
            "\(formatDecimal(barWPM, places: 0)) net WPM while typing",
        ]
        if let attemptsAllowed { parts.append(attemptsAllowed == 1 ? "1 attempt" : "\(attemptsAllowed) attempts") }
        return parts.joined(separator: ", ")
    }
}

extension AssessmentReport {
    static func chatSummary(of chat: ChatSummary) -> JSONValue {
        .object([
            ("scenario", .string(chat.scenario)),
            ("customers", .int(chat.customers)),
            ("served", .int(chat.served)),
            ("abandoned", .int(chat.abandoned)),
            ("not_served", .int(chat.notServed)),
            ("median_first_response_seconds", .number(chat.medianFirstResponse)),
            ("worst_first_response_seconds", .number(chat.worstFirstResponse)),
            ("worst_wait_seconds", .number(chat.worstWait)),
            ("reply_accuracy", .number(chat.replyAccuracy)),
            ("wrong_details", .int(chat.wrongDetails)),
            ("effective_wpm", .number(chat.effectiveWPM)),
            ("missed_targets", .array(chat.missedTargets.map { .string($0) })),
        ])
    }

    static func seconds(_ value: Double?) -> String { value.map { formatDecimal($0, places: 0) + " s" } ?? "–" }

    /// A second table under a chat assessment's: the chat figures of each candidate's best attempt.
    func chatMarkdown(_ section: Section) -> [String] {
        let rows = section.candidates.compactMap { candidate in candidate.best.chat.map { (candidate, $0) } }
        guard !rows.isEmpty else { return [] }
        var lines = [
            "",
            "| Candidate | Served | Left unanswered | First reply (median) | First reply (worst) | Reply accuracy | Wrong details |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for (candidate, chat) in rows {
            let cells = [
                AssessmentReport.markdownEscaped(candidate.name), "\(chat.served)/\(chat.customers)", String(chat.abandoned),
                AssessmentReport.seconds(chat.medianFirstResponse), AssessmentReport.seconds(chat.worstFirstResponse),
                chat.replyAccuracy.map { formatDecimal($0, places: 1) + " %" } ?? "–", String(chat.wrongDetails),
            ]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines
    }
}

extension AssessmentReport.Candidate {
    /// The chat figures of the best and latest attempts, for a chat assessment's candidate block.
    func chatHTML(best: HistoryRecord, latest: HistoryRecord) -> String {
        guard best.chat != nil else { return "" }
        var html = """
            <table class="figures chat">
            <thead><tr><th></th><th class="num">Served</th><th class="num">Left unanswered</th>\
            <th class="num">First reply (median)</th><th class="num">First reply (worst)</th><th class="num">Worst wait</th>\
            <th class="num">Reply accuracy</th><th class="num">Wrong details</th></tr></thead>
            <tbody>

            """
        func row(_ label: String, _ record: HistoryRecord) -> String {
            guard let chat = record.chat else { return "" }
            return "<tr><th scope=\"row\">\(label)</th><td class=\"num\">\(chat.served)/\(chat.customers)</td>"
                + "<td class=\"num\">\(chat.abandoned)</td>"
                + "<td class=\"num\">\(AssessmentReport.seconds(chat.medianFirstResponse))</td>"
                + "<td class=\"num\">\(AssessmentReport.seconds(chat.worstFirstResponse))</td>"
                + "<td class=\"num\">\(AssessmentReport.seconds(chat.worstWait))</td>"
                + "<td class=\"num\">\(chat.replyAccuracy.map { formatDecimal($0, places: 1) + " %" } ?? "–")</td>"
                + "<td class=\"num\">\(chat.wrongDetails)</td></tr>\n"
        }
        html += best.id == latest.id ? row("Best and latest", best) : row("Best", best) + row("Latest", latest)
        return html + "</tbody>\n</table>\n"
    }
}
