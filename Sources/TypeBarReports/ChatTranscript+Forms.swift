import TypeBarCore
import TypeBarKit

/// The transcripts in words, as Markdown and JSON give them and the HTML page's views hand to the templates
/// (Templates/transcript.mustache), and the desk figures of a chat attempt (judgement, satisfaction, resolution,
/// actions, writing) beside them.
extension ChatTranscript.Line {
    /// "0:07": minutes and whole seconds into the shift; "" for an action never taken.
    var clock: String {
        guard let seconds else { return "" }
        let whole = Int(max(0, seconds.rounded(.down)))
        return "\(whole / 60):" + (whole % 60 < 10 ? "0" : "") + "\(whole % 60)"
    }

    /// Who the line is from: the customer by name, the candidate, their internal note, or an action.
    func speaker(customer: String) -> String {
        switch kind {
        case .message, .nudge, .reaction, .answer: customer
        case .reply: "Candidate"
        case .note: "Internal note"
        case .action: seconds == nil ? "Action not taken" : "Action"
        }
    }

    /// How the line was judged, in a few words: a desk reply's choice and points ("best, 10 points"), a free-written
    /// reply's rubric points ("4/10"), a note's or action's verdict ("right", "expected: close as billing").
    var verdict: String? {
        switch kind {
        case .reply:
            if written, let rubric = rubricPoints {
                return "\(rubric)/10" + (points.map { $0 == rubric ? "" : ", \($0) counted after a guess" } ?? ", no points (a second try)")
            }
            guard let choice else { return nil }
            return choice + (points.map { ", \($0) point\($0 == 1 ? "" : "s")" } ?? ", no points (a second try)")
        case .note, .action:
            guard let right else { return nil }
            if right { return "right" }
            // An action never taken is shown as the action expected; its verdict is only what went wrong.
            let expectation = kind == .action && seconds == nil ? nil : expected.map { "expected: \($0)" }
            return ([expectation] + problems.map { $0 }).compactMap { $0 }.joined(separator: "; ")
        default: return nil
        }
    }

    /// A reply's details that stood nowhere in it (not a wrong value in their place, but none at all), with the
    /// value expected: "order number missing (expected #39051)". Free mode names them among its deductions instead.
    var missingDetails: [String] {
        guard !written else { return [] }
        return mismatches.filter(\.sent.isEmpty).map { "\(ChatShift.detailLabel($0.name)) missing (expected \($0.expected))" }
    }

    /// Free mode's deductions: "−2: no next step (what happens and when)".
    var deductionLines: [String] { deductions.map { "−\($0.points): \($0.text)" } }
}

extension ChatTranscript.Conversation {
    /// "served, rated 4/5", "left before a reply", "never arrived".
    var standing: String {
        let outcome = switch self.outcome {
        case .served: "served"
        case .abandoned: "left unanswered"
        case .unserved: "still waiting when the shift ended"
        case .notArrived: "never arrived before the shift ended"
        case .transferred: "transferred"
        case .closed: "chat closed before they were served"
        }
        return outcome + (rating.map { ", rated \($0)/5" } ?? "")
    }
}

extension AssessmentReport {
    // MARK: - Desk figures

    /// Whether `chat` is a shift where the candidate chose the replies (desk or free mode), which has desk figures.
    static func hasDeskFigures(_ chat: ChatSummary?) -> Bool {
        chat?.mode == ChatShift.Mode.desk.rawValue || chat?.mode == ChatShift.Mode.free.rawValue
    }

    /// The desk figures of a chat attempt as cells show them: judgement (desk) or writing (free) out of 100, the
    /// share of customers rated 4 or 5 and the mean rating, the share resolved, and the expected actions done right.
    static func deskFigures(_ chat: ChatSummary?) -> (score: String, satisfied: String, rating: String, resolved: String, actions: String) {
        func whole(_ value: Double?) -> String { value.map { formatDecimal($0, places: 0) } ?? "–" }
        let score = chat?.mode == ChatShift.Mode.free.rawValue ? chat?.writing : chat?.judgement
        return (whole(score), percent(chat?.satisfied), chat?.satisfaction.map { formatDecimal($0, places: 1) + "/5" } ?? "–",
                percent(chat?.resolution), chat.map { "\($0.actionsRight)/\($0.actionsExpected)" } ?? "–")
    }

    /// A desk or free-mode assessment's second table: each candidate's best attempt's desk figures.
    func deskMarkdown(_ section: Section) -> [String] {
        guard AssessmentReport.hasDeskFigures(section.chat) else { return [] }
        let score = section.chat?.mode == ChatShift.Mode.free.rawValue ? "Writing" : "Judgement"
        var lines = [
            "", "| Candidate | \(score) | Satisfied | Mean rating | Resolved | Actions right |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        for candidate in section.candidates {
            let figures = AssessmentReport.deskFigures(candidate.best.chat)
            let cells = [AssessmentReport.markdownEscaped(candidate.name), figures.score, figures.satisfied, figures.rating, figures.resolved, figures.actions]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines
    }

    // MARK: - Markdown

    /// What a transcript is of, for a reader who meets it away from the rules line: "Scenario desk-refunds, desk
    /// mode, seed 7; taken 2026-12-06 07:17 UTC; the shift lasted 2:12".
    static func transcriptContext(of record: HistoryRecord) -> String {
        var parts: [String] = []
        if let chat = record.chat { parts.append("Scenario \(chat.scenario), \(chat.mode) mode, seed \(chat.seed)") }
        parts.append("taken \(readableTime(record.time))")
        let whole = Int(max(0, record.elapsedSeconds.rounded(.down)))
        parts.append("the shift lasted \(whole / 60):" + (whole % 60 < 10 ? "0" : "") + "\(whole % 60)")
        return parts.joined(separator: "; ")
    }

    /// A chat section's transcripts: per candidate, their best and latest attempts' conversations, each line a
    /// list item with its time and speaker, wrong details in bold with the value expected beside them, misspelt
    /// words in ‹ ›, and how each reply, note and action was judged.
    func transcriptsMarkdown(_ section: Section) -> [String] {
        let shown = section.candidates.flatMap { candidate in candidate.transcribed.map { (candidate, $0) } }
        guard !shown.isEmpty else { return [] }
        var lines = ["", "### Transcripts"]
        for (candidate, attempt) in shown {
            let number = candidate.attemptNumber(of: attempt.record)
            lines += ["", "#### \(AssessmentReport.markdownEscaped(candidate.name)): \(attempt.label.lowercased()) attempt (\(number))"]
            lines += ["", AssessmentReport.markdownEscaped(AssessmentReport.transcriptContext(of: attempt.record)) + "."]
            if let reason = attempt.transcript.unavailable {
                lines += ["", "The transcript is unavailable: " + AssessmentReport.markdownEscaped(reason) + "."]
                continue
            }
            for conversation in attempt.transcript.conversations {
                let name = AssessmentReport.markdownEscaped(conversation.customer)
                var heading = "**\(name)**: \(conversation.standing)"
                if !conversation.reasons.isEmpty { heading += " (" + conversation.reasons.map(AssessmentReport.markdownEscaped).joined(separator: "; ") + ")" }
                lines += ["", heading + "."]
                if !conversation.lines.isEmpty { lines.append("") }
                for line in conversation.lines { lines.append(markdownLine(line, customer: name)) }
            }
        }
        return lines
    }

    private func markdownLine(_ line: ChatTranscript.Line, customer: String) -> String {
        let text: String
        if line.pieces.isEmpty {
            text = AssessmentReport.markdownEscaped(line.text)
        } else {
            text = line.pieces.map { piece in
                let shown = AssessmentReport.markdownEscaped(piece.text)
                switch piece.mark {
                case .none: return shown
                case .wrong(let expected): return "**\(shown)** (expected \(AssessmentReport.markdownEscaped(expected)))"
                case .misspelt: return "‹\(shown)›"
                }
            }.joined()
        }
        var item = "- " + (line.clock.isEmpty ? "" : line.clock + " ") + "*\(line.speaker(customer: customer))*: " + text
        let notes = line.missingDetails + (line.verdict.map { [$0] } ?? []) + line.deductionLines
        if !notes.isEmpty { item += " — " + notes.map(AssessmentReport.markdownEscaped).joined(separator: "; ") }
        return item
    }

    // MARK: - JSON

    /// An attempt's transcript as the JSON report gives it: `{"available": false, "reason": …}`, or the
    /// conversations with every line's marks and verdicts.
    static func transcriptJSON(_ transcript: ChatTranscript) -> JSONValue {
        if let reason = transcript.unavailable { return .object([("available", .bool(false)), ("reason", .string(reason))]) }
        return .object([
            ("available", .bool(true)),
            ("customers", .array(transcript.conversations.map { conversation in
                .object([
                    ("customer", .string(conversation.customer)),
                    ("outcome", .string(conversation.outcome.rawValue)),
                    ("rating", conversation.rating.map { .int($0) } ?? .null),
                    ("reasons", .array(conversation.reasons.map { .string($0) })),
                    ("messages", .array(conversation.lines.map(lineJSON))),
                ])
            })),
        ])
    }

    private static func lineJSON(_ line: ChatTranscript.Line) -> JSONValue {
        var fields: [(String, JSONValue)] = [("kind", .string(line.kind.rawValue)), ("seconds", .number(line.seconds)), ("text", .string(line.text))]
        if line.kind == .reply {
            fields.append(("mismatches", .array(line.mismatches.map { mismatch in
                .object([("detail", .string(mismatch.name)), ("expected", .string(mismatch.expected)), ("sent", .string(mismatch.sent))])
            })))
            if let choice = line.choice { fields.append(("choice", .string(choice))) }
            if line.choice != nil || line.points != nil { fields.append(("points", line.points.map { .int($0) } ?? .null)) }
            if line.written {
                fields.append(("rubric_points", line.rubricPoints.map { .int($0) } ?? .null))
                fields.append(("deductions", .array(line.deductions.map { deduction in
                    .object([("kind", .string(deduction.kind.rawValue)), ("points", .int(deduction.points)), ("text", .string(deduction.text))])
                })))
                fields.append(("misspelt", .array(line.misspelt.map { .string($0) })))
            }
        }
        if let right = line.right {
            fields += [("right", .bool(right)), ("expected", line.expected.map { .string($0) } ?? .null), ("problems", .array(line.problems.map { .string($0) }))]
        }
        return .object(fields)
    }
}
