import Mustache
import TypeBarKit

// What the HTML templates see (Templates/, docs/reports.md lists every name): each value already in words or
// figures as the page shows it, looked up by name. The engine escapes a value where a template places it with
// `{{name}}`, so no value here is escaped by hand.

/// The page: when and from what it was made, and its assessments.
struct ReportView: MustacheParent {
    var report: AssessmentReport

    func child(named name: String) -> Any? {
        switch name {
        case "generated": Timestamp.text(report.generated)
        case "generated_readable": AssessmentReport.readableTime(report.generated)
        case "sources": report.sources
        case "provenance": report.provenance.joined(separator: " ")
        case "sections": report.sections.enumerated().map { SectionView(section: $0.element, number: $0.offset + 1) }
        default: nil
        }
    }
}

/// One assessment: its rules, the tally, and its candidates.
struct SectionView: MustacheParent {
    var section: AssessmentReport.Section
    /// 1 for the page's first assessment: candidates' anchors are numbered by it.
    var number: Int

    func child(named name: String) -> Any? {
        switch name {
        case "assessment": section.assessment
        case "rules": section.rulesSummary
        case "config_sha256": section.configHash
        case "passed": section.passed
        case "candidate_count": section.candidates.count
        case "one_candidate": section.candidates.count == 1
        case "candidates":
            section.candidates.enumerated().map { CandidateView(candidate: $0.element, anchor: "a\(number)-c\($0.offset + 1)", barWPM: section.barWPM) }
        case "has_signature_notes": !AssessmentReport.signatureNotes(section).isEmpty
        case "signature_notes": AssessmentReport.signatureNotes(section).map { ["status": $0.0.rawValue, "meaning": $0.1] }
        default: nil
        }
    }
}

/// One candidate: a row of the assessment's table, and a block of its own.
struct CandidateView: MustacheParent {
    var candidate: AssessmentReport.Candidate
    var anchor: String
    var barWPM: Double

    func child(named name: String) -> Any? {
        let best = candidate.best
        let latest = candidate.latest
        switch name {
        case "anchor": return anchor
        case "name": return candidate.name
        case "attempts": return candidate.attempts.count
        case "one_attempt": return candidate.attempts.count == 1
        case "passed": return candidate.passed
        case "flags": return candidate.flags
        case "signature": return candidate.signature.rawValue
        case "best": return row("Best", best)
        case "latest": return row("Latest", latest)
        case "rows": return best.id == latest.id ? [row("Best and latest", best)] : [row("Best", best), row("Latest", latest)]
        case "has_chat": return best.chat != nil
        case "has_flags": return candidate.attempts.contains { !$0.flags.isEmpty }
        case "flag_list":
            return candidate.attempts.flatMap { attempt in
                attempt.flags.map { flag in
                    FlagView(name: flag.name, attempt: candidate.attemptNumber(of: attempt), at: flag.atSeconds.map { formatDecimal($0, places: 1) }, detail: flag.detail)
                }
            }
        case "chart":
            guard !best.timeline.isEmpty else { return nil }
            return WPMChart(timeline: best.timeline, step: best.timelineStep, barWPM: barWPM, flags: best.flags,
                            attempt: candidate.attemptNumber(of: best), candidate: candidate.name).view
        default: return nil
        }
    }

    private func row(_ label: String, _ record: HistoryRecord) -> RowView {
        RowView(label: label, record: record, attempt: candidate.attemptNumber(of: record))
    }
}

/// An attempt's figures, to one decimal: a row of a candidate's table.
struct RowView: MustacheParent {
    var label: String
    var record: HistoryRecord
    var attempt: Int

    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "attempt": attempt
        case "time": Timestamp.text(record.time)
        case "time_readable": AssessmentReport.readableTime(record.time)
        case "net_wpm": formatDecimal(record.netWPM, places: 1)
        case "gross_wpm": formatDecimal(record.grossWPM, places: 1)
        case "accuracy": formatDecimal(record.accuracy, places: 1)
        case "word_errors": record.wordErrors
        case "uncorrected_errors": record.uncorrectedErrors
        case "elapsed_seconds": formatDecimal(record.elapsedSeconds, places: 1)
        case "met_rules": record.meetsBar
        case "chat": record.chat.map(ChatRowView.init)
        default: nil
        }
    }
}

/// An attempt's chat figures: a row of the chat table under a chat-desk candidate.
struct ChatRowView: MustacheParent {
    var chat: ChatSummary

    func child(named name: String) -> Any? {
        switch name {
        case "served": chat.served
        case "customers": chat.customers
        case "abandoned": chat.abandoned
        case "first_reply_median": AssessmentReport.seconds(chat.medianFirstResponse)
        case "first_reply_worst": AssessmentReport.seconds(chat.worstFirstResponse)
        case "worst_wait": AssessmentReport.seconds(chat.worstWait)
        case "reply_accuracy": chat.replyAccuracy.map { formatDecimal($0, places: 1) + " %" } ?? "–"
        case "wrong_details": chat.wrongDetails
        default: nil
        }
    }
}

/// An integrity flag of one attempt, and when it happened (seconds, one decimal) if it has a time.
struct FlagView: MustacheParent {
    var name: String
    var attempt: Int
    var at: String?
    var detail: String

    func child(named key: String) -> Any? {
        switch key {
        case "name": name
        case "attempt": attempt
        case "at": at
        case "detail": detail
        default: nil
        }
    }
}
