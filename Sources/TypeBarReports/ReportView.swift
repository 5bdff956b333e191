import Mustache
import TypeBarKit

// What the HTML templates see (Templates/, docs/reports.md lists every name): each value already in words or
// figures as the page shows it, looked up by name. The engine escapes a value where a template places it with
// `{{name}}`, so no value here is escaped by hand.

/// The page: when and from what it was made, and its assessments. Each view is made once per page, with the values
/// it is asked for most, so a template that names a value twice costs no second computation.
struct ReportView: MustacheParent {
    let report: AssessmentReport
    let sections: [SectionView]

    init(report: AssessmentReport) {
        self.report = report
        sections = report.sections.enumerated().map { SectionView(section: $0.element, number: $0.offset + 1) }
    }

    func child(named name: String) -> Any? {
        switch name {
        case "generated": Timestamp.text(report.generated)
        case "generated_readable": AssessmentReport.readableTime(report.generated)
        case "sources": report.sources
        case "provenance": report.provenance.joined(separator: " ")
        case "sections": sections
        default: nil
        }
    }
}

/// One assessment: its rules, the tally, and its candidates.
struct SectionView: MustacheParent {
    let section: AssessmentReport.Section
    let candidates: [CandidateView]
    let signatureNotes: [[String: String]]

    /// `number` is 1 for the page's first assessment: candidates' anchors are numbered by it.
    init(section: AssessmentReport.Section, number: Int) {
        self.section = section
        candidates = section.candidates.enumerated().map {
            CandidateView(candidate: $0.element, anchor: "a\(number)-c\($0.offset + 1)", barWPM: section.barWPM)
        }
        signatureNotes = AssessmentReport.signatureNotes(section).map { ["status": $0.0.rawValue, "meaning": $0.1] }
    }

    func child(named name: String) -> Any? {
        switch name {
        case "assessment": section.assessment
        case "rules": section.rulesSummary
        case "config_sha256": section.configHash
        case "passed": section.passed
        case "candidate_count": section.candidates.count
        case "one_candidate": section.candidates.count == 1
        case "candidates": candidates
        case "has_signature_notes": !signatureNotes.isEmpty
        case "signature_notes": signatureNotes
        default: nil
        }
    }
}

/// One candidate: a row of the assessment's table, and a block of its own.
struct CandidateView: MustacheParent {
    let candidate: AssessmentReport.Candidate
    let anchor: String
    let best: RowView
    let latest: RowView
    let flagList: [FlagView]
    /// The best attempt's chart, as the `chart` template draws it; nil without per-second figures.
    let chart: [String: Any]?

    init(candidate: AssessmentReport.Candidate, anchor: String, barWPM: Double) {
        self.candidate = candidate
        self.anchor = anchor
        let record = candidate.best
        best = RowView(label: "Best", record: record, attempt: candidate.attemptNumber(of: record))
        latest = RowView(label: "Latest", record: candidate.latest, attempt: candidate.attemptNumber(of: candidate.latest))
        flagList = candidate.attempts.flatMap { attempt in
            attempt.flags.map { flag in
                FlagView(name: flag.name, attempt: candidate.attemptNumber(of: attempt), at: flag.atSeconds.map { formatDecimal($0, places: 1) }, detail: flag.detail)
            }
        }
        chart = record.timeline.isEmpty ? nil : WPMChart(
            timeline: record.timeline, step: record.timelineStep, barWPM: barWPM, flags: record.flags,
            attempt: best.attempt, candidate: candidate.name).view
    }

    func child(named name: String) -> Any? {
        switch name {
        case "anchor": anchor
        case "name": candidate.name
        case "attempts": candidate.attempts.count
        case "one_attempt": candidate.attempts.count == 1
        case "passed": candidate.passed
        case "flags": candidate.flags
        case "signature": candidate.signature.rawValue
        case "best": best
        case "latest": latest
        case "rows": best.record.id == latest.record.id ? [RowView(label: "Best and latest", record: best.record, attempt: best.attempt)] : [best, latest]
        case "has_chat": best.record.chat != nil
        case "has_flags": !flagList.isEmpty
        case "flag_list": flagList
        case "chart": chart
        default: nil
        }
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
