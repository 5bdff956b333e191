import Mustache
import TypeBarCore
import TypeBarKit

// What the HTML templates see (Templates/, docs/reports.md lists every name): each value already in words or
// figures as the page shows it, looked up by name. The engine escapes a value where a template places it with
// `{{name}}`, so no value here is escaped by hand; the one exception, the chart's `<svg>` (`{{{chart_svg}}}`), is
// drawn by `WPMChart` with every text from the records in it escaped by `Markup` with the same escape.

/// The page: when and from what it was made, and its assessments. Each view is made once per page, with the values
/// it is asked for most, so a template that names a value twice costs no second computation.
final class ReportView: ReportValues {
    let report: AssessmentReport
    let sections: [Held<SectionView>]

    init(report: AssessmentReport) {
        self.report = report
        sections = report.sections.enumerated().map { Held(SectionView(section: $0.element, number: $0.offset + 1)) }
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
final class SectionView: ReportValues {
    let section: AssessmentReport.Section
    let candidates: [Held<CandidateView>]
    let signatureNotes: [[String: String]]

    /// `number` is 1 for the page's first assessment: candidates' anchors are numbered by it.
    init(section: AssessmentReport.Section, number: Int) {
        self.section = section
        candidates = section.candidates.enumerated().map {
            Held(CandidateView(candidate: $0.element, anchor: "a\(number)-c\($0.offset + 1)", barWPM: section.barWPM))
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
        case "is_chat": section.chat != nil
        case "candidates": candidates
        case "has_signature_notes": !signatureNotes.isEmpty
        case "signature_notes": signatureNotes
        default: nil
        }
    }
}

/// One candidate: a row of the assessment's table, and a block of its own.
final class CandidateView: ReportValues {
    let candidate: AssessmentReport.Candidate
    let anchor: String
    let best: RowView
    let latest: RowView
    /// One row (`Best and latest`) when they are the same attempt, else the two.
    let rows: [Held<RowView>]
    let flagList: [Held<FlagView>]
    /// The best attempt's chart; nil without per-second figures.
    let chart: Held<ChartView>?
    /// On the chat desk, the best and latest attempts' transcripts.
    let transcripts: [Held<TranscriptView>]

    init(candidate: AssessmentReport.Candidate, anchor: String, barWPM: Double) {
        self.candidate = candidate
        self.anchor = anchor
        let record = candidate.best
        best = RowView(label: "Best", record: record, attempt: candidate.attemptNumber(of: record))
        latest = RowView(label: "Latest", record: candidate.latest, attempt: candidate.attemptNumber(of: candidate.latest))
        rows = best.record.id == latest.record.id ? [Held(RowView(label: "Best and latest", record: best.record, attempt: best.attempt))] : [Held(best), Held(latest)]
        flagList = candidate.attempts.flatMap { attempt in
            attempt.flags.map { flag in
                // A chat shift's times are whole seconds rounded up, as on its own screen and in its verdict.
                let at = flag.atSeconds.map { record.chat == nil ? formatDecimal($0, places: 1) : String(ChatResult.shownSeconds($0)) }
                return Held(FlagView(name: flag.name, attempt: candidate.attemptNumber(of: attempt), at: at, detail: flag.detail))
            }
        }
        chart = record.timeline.isEmpty ? nil : Held(ChartView(WPMChart(
            timeline: record.timeline, step: record.timelineStep, barWPM: barWPM, flags: record.flags,
            attempt: best.attempt, candidate: candidate.name)))
        transcripts = candidate.transcribed.map {
            Held(TranscriptView($0.transcript, label: $0.label, attempt: candidate.attemptNumber(of: $0.record), record: $0.record))
        }
    }

    func child(named name: String) -> Any? {
        switch name {
        case "anchor": Shown(anchor)
        case "name": Shown(candidate.name)
        case "attempts": Shown(candidate.attempts.count)
        case "one_attempt": candidate.attempts.count == 1
        case "passed": candidate.passed
        case "flags": candidate.flags
        case "signature": Shown(candidate.signature.rawValue)
        case "best": Held(best)
        case "latest": Held(latest)
        case "rows": rows
        case "has_chat": best.record.chat != nil
        case "has_flags": !flagList.isEmpty
        case "flag_list": flagList
        case "chart": chart
        case "has_transcripts": !transcripts.isEmpty
        case "transcripts": transcripts
        default: nil
        }
    }
}

/// The best attempt's chart: its `<svg>` element as `WPMChart` draws it, which the `chart` template places
/// unescaped (`{{{chart_svg}}}`, the one value that may be), and the figures around it.
final class ChartView: ReportValues {
    let attempt: Int
    let description: String
    let svg: String

    init(_ chart: WPMChart) {
        attempt = chart.attempt
        description = chart.description
        svg = chart.svg
    }

    func child(named name: String) -> Any? {
        switch name {
        case "chart_svg": Shown(svg)
        case "attempt": Shown(attempt)
        case "description": description
        default: nil
        }
    }
}

/// An attempt's figures, to one decimal: a row of a candidate's table. On the chat desk its chat figures are
/// looked up here too, so a chat table's row names them beside the row's own.
final class RowView: ReportValues {
    let label: String
    let record: HistoryRecord
    let attempt: Int
    let chat: ChatRowView?

    init(label: String, record: HistoryRecord, attempt: Int) {
        self.label = label
        self.record = record
        self.attempt = attempt
        chat = record.chat.map { ChatRowView(record: record, chat: $0) }
    }

    func child(named name: String) -> Any? {
        switch name {
        case "label": Shown(label)
        case "attempt": Shown(attempt)
        case "time": Shown(Timestamp.text(record.time))
        case "time_readable": Shown(AssessmentReport.readableTime(record.time))
        case "net_wpm": Shown(formatDecimal(record.netWPM, places: 1))
        case "gross_wpm": Shown(formatDecimal(record.grossWPM, places: 1))
        case "accuracy": Shown(formatDecimal(record.accuracy, places: 1))
        case "word_errors": Shown(record.wordErrors)
        case "uncorrected_errors": Shown(record.uncorrectedErrors)
        case "elapsed_seconds": Shown(formatDecimal(record.elapsedSeconds, places: 1))
        case "met_rules": record.meetsBar
        case "chat": chat.map { Held($0) }
        default: chat?.child(named: name)
        }
    }
}

/// An attempt's chat figures, and the targets it missed: in words (`missed`, "worst first reply 74 s (target:
/// within 60 s)") and by name (`missed_names`, "first reply").
final class ChatRowView: ReportValues {
    let chat: ChatSummary
    let missed: [String]

    init(record: HistoryRecord, chat: ChatSummary) {
        self.chat = chat
        missed = AssessmentReport.missedTargets(of: record)
    }

    func child(named name: String) -> Any? {
        switch name {
        case "served": chat.served
        case "customers": chat.customers
        case "abandoned": chat.abandoned
        case "first_reply_median": AssessmentReport.seconds(chat.medianFirstResponse)
        case "first_reply_worst": AssessmentReport.seconds(chat.worstFirstResponse)
        case "worst_wait": AssessmentReport.seconds(chat.worstWait)
        case "reply_accuracy": AssessmentReport.percent(chat.replyAccuracy)
        case "wrong_details": chat.wrongDetails
        case "has_missed": !missed.isEmpty
        case "missed": missed
        case "missed_names": chat.missedTargets.map(AssessmentReport.targetName)
        case "is_desk": AssessmentReport.hasDeskFigures(chat)
        case "score_name": chat.mode == ChatShift.Mode.free.rawValue ? "Writing" : "Judgement"
        case "score": AssessmentReport.deskFigures(chat).score
        case "satisfied": AssessmentReport.deskFigures(chat).satisfied
        case "mean_rating": AssessmentReport.deskFigures(chat).rating
        case "resolved": AssessmentReport.deskFigures(chat).resolved
        case "actions_right": AssessmentReport.deskFigures(chat).actions
        default: nil
        }
    }
}

/// An integrity flag of one attempt, and when it happened (seconds, one decimal) if it has a time.
final class FlagView: ReportValues {
    let name: String
    let attempt: Int
    let at: String?
    let detail: String

    init(name: String, attempt: Int, at: String?, detail: String) {
        self.name = name
        self.attempt = attempt
        self.at = at
        self.detail = detail
    }

    func child(named key: String) -> Any? {
        switch key {
        case "name": name
        case "attempt": Shown(attempt)
        case "at": at
        case "detail": detail
        default: nil
        }
    }
}

/// A value as the page shows it. The engine places it as it places the string or number it holds (escaped, and
/// with the same transforms), but takes its text straight away instead of first asking whether it is optional and
/// how it describes itself, which is much of the engine's cost per value on the page (docs/performance.md,
/// "History and reports").
struct Shown: MustacheCustomRenderable, MustacheTransformable {
    let renderText: String
    /// The string or number, for the transforms a template may apply (`uppercased(name)`, `plusone(attempt)`).
    private let value: any MustacheTransformable
    var isNull: Bool { false }

    init(_ text: String) {
        renderText = text
        value = text
    }

    init(_ number: Int) {
        renderText = String(number)
        value = number
    }

    func transform(_ name: String) -> Any? { value.transform(name) }
}

/// A view as the engine gets it: a struct around the view's one reference, so that putting it in an `Any` is a
/// retain, and the engine's casts, which it makes at every name it looks up, take the quicker way they have for
/// structs.
struct Held<View: ReportValues>: MustacheParent {
    let view: View

    init(_ view: View) { self.view = view }

    func child(named name: String) -> Any? { view.child(named: name) }
}

/// A view's values by name: what `Held` hands the engine.
protocol ReportValues: AnyObject {
    func child(named name: String) -> Any?
}

/// A chat attempt's transcript (`ChatTranscript`), or why it is unavailable: the `transcript` partial's values.
final class TranscriptView: ReportValues {
    let label: String
    let attempt: Int
    /// The shift the transcript is of: scenario, mode, seed, when it was taken and how long it lasted.
    let context: String
    let unavailable: String?
    let conversations: [Held<ConversationView>]

    init(_ transcript: ChatTranscript, label: String, attempt: Int, record: HistoryRecord) {
        self.label = label
        self.attempt = attempt
        context = AssessmentReport.transcriptContext(of: record)
        unavailable = transcript.unavailable
        conversations = transcript.conversations.map { Held(ConversationView($0)) }
    }

    func child(named name: String) -> Any? {
        switch name {
        case "label": Shown(label)
        case "attempt": Shown(attempt)
        case "context": Shown(context)
        case "unavailable": unavailable
        case "conversations": conversations
        default: nil
        }
    }
}

/// One customer's conversation: who, how it ended and how they rated it, and its lines.
final class ConversationView: ReportValues {
    let conversation: ChatTranscript.Conversation
    let lines: [Held<LineView>]

    init(_ conversation: ChatTranscript.Conversation) {
        self.conversation = conversation
        lines = conversation.lines.map { Held(LineView($0, customer: conversation.customer)) }
    }

    func child(named name: String) -> Any? {
        switch name {
        case "customer": Shown(conversation.customer)
        case "standing": Shown(conversation.standing)
        case "has_reasons": !conversation.reasons.isEmpty
        case "reasons": conversation.reasons
        case "lines": lines
        default: nil
        }
    }
}

/// A line of a conversation: when, who, the text in its marked pieces, and how it was judged.
final class LineView: ReportValues {
    let line: ChatTranscript.Line
    let speaker: String

    init(_ line: ChatTranscript.Line, customer: String) {
        self.line = line
        speaker = line.speaker(customer: customer)
    }

    func child(named name: String) -> Any? {
        switch name {
        case "kind": Shown(line.kind.rawValue)
        case "from_customer": line.fromCustomer
        case "clock": Shown(line.clock)
        case "speaker": Shown(speaker)
        case "text": Shown(line.text)
        case "pieces": line.pieces.map { piece -> [String: Any] in
            switch piece.mark {
            case .none: ["text": piece.text, "plain": true]
            case .wrong(let expected): ["text": piece.text, "wrong": true, "expected": expected]
            case .misspelt: ["text": piece.text, "misspelt": true]
            }
        }
        case "missing": line.missingDetails
        case "verdict": line.verdict
        case "verdict_class": line.right == false || line.points == 0 || line.choice == "wrong" ? "poor" : "fine"
        case "has_deductions": !line.deductions.isEmpty
        case "deductions": line.deductionLines
        default: nil
        }
    }
}
