import TypeBarCore
import TypeBarFormats
import TypeBarKit

/// The chat figures in assessment reports: the rules of a chat assessment in one line, and a table of each
/// candidate's served, abandoned, first reply, reply accuracy and wrong details (Markdown and JSON; the HTML page's
/// chat table is in Templates/candidate.mustache, its values in ReportView).
extension AssessmentReport.Section {
    func chatRulesSummary(_ chat: ChatSummary) -> String {
        var parts = [
            "chat desk \(chat.scenario) (\(chat.mode), seed \(chat.seed))",
            "first reply within \(ChatResult.shownSeconds(chat.maxFirstResponse)) s",
            ChatTargets.abandonedRule(chat.maxAbandoned),
            "\(formatDecimal(minimumAccuracy, places: 1)) % reply accuracy",
            ChatTargets.wrongDetailsRule(chat.maxWrongDetails),
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

    /// A chat time as every screen, report and verdict shows it (`ChatResult.shownSeconds`).
    static func seconds(_ value: Double?) -> String { value.map { "\(ChatResult.shownSeconds($0)) s" } ?? "–" }

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
