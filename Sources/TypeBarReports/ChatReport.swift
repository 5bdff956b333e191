import TypeBarCore
import TypeBarFormats
import TypeBarKit

/// The chat figures in assessment reports: the rules of a chat assessment in one line, its candidates' chat figures
/// in place of the typing ones, and what each attempt missed in words (Markdown and JSON here; the HTML page's chat
/// tables are in Templates/assessment.mustache and candidate.mustache, their values in ReportView).
extension AssessmentReport.Section {
    func chatRulesSummary(_ chat: ChatSummary) -> String {
        var parts = [
            "chat scenario \(chat.scenario) in \(chat.mode) mode, seed \(chat.seed)",
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
            ("mode", .string(chat.mode)),
            ("judgement", .number(chat.judgement)),
            ("writing", .number(chat.writing)),
            ("satisfaction", .number(chat.satisfaction)),
            ("satisfied_percent", .number(chat.satisfied)),
            ("resolution_percent", .number(chat.resolution)),
            ("transferred", .int(chat.transferred)),
            ("actions_expected", .int(chat.actionsExpected)),
            ("actions_right", .int(chat.actionsRight)),
        ])
    }

    /// Seconds as every chat figure shows them (`ChatResult.shownSeconds`): 12.3 s shows as 13 s.
    static func seconds(_ value: Double?) -> String { value.map { "\(ChatResult.shownSeconds($0)) s" } ?? "–" }

    static func percent(_ value: Double?) -> String { value.map { formatDecimal($0, places: 1) + " %" } ?? "–" }

    /// The targets a chat attempt missed, in words, each with the attempt's figure and the target, in the order the
    /// record names them: "worst first reply 74 s (target: within 60 s)".
    static func missedTargets(of record: HistoryRecord) -> [String] {
        guard let chat = record.chat else { return [] }
        let desk = record.chatTargetsInForce
        func whole(_ value: Double?) -> String { value.map { formatDecimal($0, places: 0) } ?? "–" }
        return chat.missedTargets.map { name in
            switch name {
            case "first_response":
                "worst first reply \(seconds(chat.worstFirstResponse)) (target: within \(seconds(chat.maxFirstResponse)))"
            case "abandoned":
                "\(counted(chat.abandoned, "customer")) left unanswered (target: \(ChatTargets.abandonedRule(chat.maxAbandoned)))"
            case "not_served":
                "\(counted(chat.notServed, "customer")) not served by the end of the shift (target: every customer)"
            case "reply_accuracy":
                chat.replies == 0 ? "no reply sent (target: \(percent(record.minimumAccuracy)) reply accuracy)"
                    : "reply accuracy \(percent(chat.replyAccuracy)) (target: \(percent(record.minimumAccuracy)))"
            case "wrong_details":
                "\(counted(chat.wrongDetails, "wrong detail")) sent (target: \(ChatTargets.wrongDetailsRule(chat.maxWrongDetails)))"
            case "net_wpm":
                "net \(formatDecimal(record.netWPM, places: 1)) WPM while typing (bar: \(formatDecimal(record.barWPM, places: 0)))"
            case "judgement":
                "judgement \(whole(chat.judgement)) (target: at least \(whole(desk?.judgement)))"
            case "satisfaction":
                "\(whole(chat.satisfied)) % of customers satisfied (target: \(whole(desk?.satisfaction)) %)"
            case "actions":
                "\(chat.actionsRight) of \(chat.actionsExpected) escalations and closes right (target: \(allowedMisses(desk?.missedActions ?? 0)) missed or wrong)"
            case "writing":
                "writing \(whole(chat.writing)) (target: at least \(whole(desk?.writing)))"
            default:
                name
            }
        }
    }

    /// How many escalations and closes may be missed or wrong, in words: "none", "at most 2".
    private static func allowedMisses(_ count: Int) -> String { count == 0 ? "none" : "at most \(count)" }

    /// A missed target's name as a table cell shows it.
    static func targetName(_ name: String) -> String {
        switch name {
        case "first_response": "first reply"
        case "abandoned": "left unanswered"
        case "not_served": "not served"
        case "reply_accuracy": "reply accuracy"
        case "wrong_details": "wrong details"
        case "net_wpm": "speed"
        case "judgement": "judgement"
        case "satisfaction": "satisfaction"
        case "actions": "actions"
        case "writing": "writing"
        default: name
        }
    }

    /// A chat assessment's table: each candidate's best attempt by its chat figures and net WPM while typing, what
    /// it missed, then a line for each candidate who failed saying why.
    func chatMarkdown(_ section: Section) -> [String] {
        var lines = [
            "| Candidate | Attempts | Served | Left unanswered | First reply (median) | First reply (worst) | Reply accuracy | Wrong details | Net WPM | Result | Missed | Flags | Signature |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- | --- |",
        ]
        for candidate in section.candidates {
            let best = candidate.best
            let chat = best.chat
            let served: String = chat.map { "\($0.served)/\($0.customers)" } ?? "–"
            let abandoned: String = chat.map { String($0.abandoned) } ?? "–"
            let wrong: String = chat.map { String($0.wrongDetails) } ?? "–"
            let missed: String = (chat?.missedTargets ?? []).map(AssessmentReport.targetName).joined(separator: ", ")
            var cells: [String] = [AssessmentReport.markdownEscaped(candidate.name), String(candidate.attempts.count), served, abandoned]
            cells += [AssessmentReport.seconds(chat?.medianFirstResponse), AssessmentReport.seconds(chat?.worstFirstResponse)]
            cells += [AssessmentReport.percent(chat?.replyAccuracy), wrong, formatDecimal(best.netWPM, places: 1)]
            cells += [candidate.passed ? "PASS" : "FAIL", missed]
            cells += [AssessmentReport.markdownEscaped(candidate.flags.joined(separator: ", ")), candidate.signature.rawValue]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        let failed = section.candidates.filter { !$0.passed && !AssessmentReport.missedTargets(of: $0.best).isEmpty }
        if !failed.isEmpty { lines.append("") }
        for candidate in failed {
            let attempt = candidate.attemptNumber(of: candidate.best)
            lines.append("- \(AssessmentReport.markdownEscaped(candidate.name)), best attempt (\(attempt)) missed: "
                + AssessmentReport.missedTargets(of: candidate.best).joined(separator: "; ") + ".")
        }
        return lines
    }
}
