import TypeBarKit

/// The forms an assessment report is filed in: a page to read and print, a sheet for a spreadsheet, data for a
/// script, and text for a ticket or a wiki. Layouts and every column and key are described in docs/reports.md.
public enum ReportFormat: String, CaseIterable, Sendable {
    case html, csv, json, md
}

extension AssessmentReport {
    /// The whole report as text in `format`, ending with a newline. The same report always gives the same text:
    /// the time shown is `generated`, never the clock.
    public func rendered(as format: ReportFormat) -> String {
        switch format {
        case .csv: csvText
        case .json: jsonText
        case .md: markdownText
        case .html: htmlText
        }
    }

    // MARK: - CSV

    static let csvColumns = [
        "assessment", "config_sha256", "candidate", "attempts", "best_net_wpm", "best_accuracy", "best_word_errors",
        "best_uncorrected_errors", "latest_net_wpm", "latest_accuracy", "latest_time", "result", "flags", "signature",
        "best_id", "latest_id", "chat_mode", "best_judgement", "best_writing", "best_satisfaction", "best_satisfied_percent",
        "best_resolution_percent", "best_actions_expected", "best_actions_right",
    ]

    /// A header row, then one row per candidate per assessment. Lines end with "\n" alone, as `typebar history --csv`
    /// writes them: RFC 4180 names CRLF but readers accept LF, and LF keeps the file friendly to diff and grep.
    var csvText: String {
        func number(_ value: Double) -> String { JSONValue.number(value).rendered }
        var text = AssessmentReport.csvColumns.joined(separator: ",") + "\n"
        for section in sections {
            for candidate in section.candidates {
                let best = candidate.best
                let latest = candidate.latest
                let fields = [
                    section.assessment, section.configHash ?? "", candidate.name, String(candidate.attempts.count),
                    number(best.netWPM), number(best.accuracy), String(best.wordErrors), String(best.uncorrectedErrors),
                    number(latest.netWPM), number(latest.accuracy), Timestamp.text(latest.time), candidate.passed ? "pass" : "fail",
                    candidate.flags.joined(separator: " "), candidate.signature.rawValue, best.id, latest.id,
                ] + AssessmentReport.deskCSVFields(best.chat)
                text += fields.map(HistoryTable.csvField).joined(separator: ",") + "\n"
            }
        }
        return text
    }

    /// The best attempt's desk figures as the CSV's last columns: the chat mode, then judgement (desk mode), writing
    /// (free mode), the mean rating, the shares satisfied and resolved, and the expected actions and those done
    /// right, unrounded; empty where the attempt has no such figure (a typing test, a guided shift's judgement).
    static func deskCSVFields(_ chat: ChatSummary?) -> [String] {
        func number(_ value: Double?) -> String { value.map { JSONValue.number($0).rendered } ?? "" }
        guard let chat else { return Array(repeating: "", count: 8) }
        let desk = hasDeskFigures(chat)
        return [
            chat.mode, number(chat.judgement), number(chat.writing), number(chat.satisfaction), number(chat.satisfied),
            number(chat.resolution), desk ? String(chat.actionsExpected) : "", desk ? String(chat.actionsRight) : "",
        ]
    }

    // MARK: - JSON

    /// One compact JSON object on one line; figures unrounded, the same as the CSV.
    var jsonText: String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("generated"); writer.string(Timestamp.text(generated))
        writer.key("sources"); writer.value(.array(sources.map { .string($0) }))
        writer.key("duplicates"); writer.int(duplicates)
        writer.key("signatures_checked"); writer.bool(keyGiven)
        writer.key("assessments")
        writer.beginArray()
        for section in sections {
            writer.value(.object([
                ("assessment", .string(section.assessment)),
                ("config_sha256", section.configHash.map { .string($0) } ?? .null),
                ("rules", .object([
                    ("time_limit", .number(section.timeLimit)),
                    ("bar_wpm", .number(section.barWPM)),
                    ("min_accuracy", .number(section.minimumAccuracy)),
                    ("max_errors", section.maximumErrors.map { .int($0) } ?? .null),
                    ("backspace", .bool(section.backspace)),
                    ("attempts", section.attemptsAllowed.map { .int($0) } ?? .null),
                    ("summary", .string(section.rulesSummary)),
                ])),
                ("passed", .int(section.passed)),
                ("candidates", .array(section.candidates.map { candidate in
                    .object([
                        ("candidate", .string(candidate.name)),
                        ("attempts", .int(candidate.attempts.count)),
                        ("result", .string(candidate.passed ? "pass" : "fail")),
                        ("flags", .array(candidate.flags.map { .string($0) })),
                        ("signature", .string(candidate.signature.rawValue)),
                        ("best", AssessmentReport.summary(of: candidate.best, transcript: candidate.transcripts[candidate.best.id])),
                        ("latest", AssessmentReport.summary(of: candidate.latest, transcript: candidate.transcripts[candidate.latest.id])),
                        ("timeline", .array(candidate.best.timeline.map { .number($0) })),
                    ])
                })),
            ]))
        }
        writer.endArray()
        writer.endObject()
        return writer.text + "\n"
    }

    /// An attempt's figures, with its chat figures and, on the chat desk, its transcript once replayed.
    static func summary(of record: HistoryRecord, transcript: ChatTranscript? = nil) -> JSONValue {
        .object([
            ("id", .string(record.id)),
            ("time", .string(Timestamp.text(record.time))),
            ("net_wpm", .number(record.netWPM)),
            ("gross_wpm", .number(record.grossWPM)),
            ("accuracy", .number(record.accuracy)),
            ("word_errors", .int(record.wordErrors)),
            ("uncorrected_errors", .int(record.uncorrectedErrors)),
            ("elapsed_seconds", .number(record.elapsedSeconds)),
            ("meets_bar", .bool(record.meetsBar)),
            ("flags", .array(record.flags.map { .object([("flag", .string($0.name)), ("detail", .string($0.detail))]) })),
        ] + (record.chat.map { [("chat", chatSummary(of: $0))] } ?? []) + (transcript.map { [("transcript", transcriptJSON($0))] } ?? []))
    }

    // MARK: - Words shared by Markdown and HTML

    /// "2 of 3 candidates passed".
    static func tally(_ section: Section) -> String {
        "\(section.passed) of \(section.candidates.count) candidate\(section.candidates.count == 1 ? "" : "s") passed"
    }

    /// What the report was read from and what that means for its figures, in sentences.
    var provenance: [String] {
        var sentences: [String] = []
        if duplicates > 0 {
            sentences.append(duplicates == 1
                ? "1 record found in more than one file was counted once."
                : "\(duplicates) records found in more than one file were counted once.")
        }
        sentences.append(keyGiven ? "Signatures were checked with the trainer's key." : "No key was given, so signatures were not checked.")
        return sentences
    }

    static func meaning(of status: SignatureStatus) -> String {
        switch status {
        case .valid: "every attempt is signed and the key confirms each signature"
        case .invalid: "an attempt's signature does not match its content, so the record was changed after it was saved"
        case .unsigned: "an attempt carries no signature"
        case .unchecked: "the attempts are signed, but no key was given to check them"
        }
    }

    /// The signature words used in `section`, each once, worst first; empty when every candidate is valid.
    static func signatureNotes(_ section: Section) -> [(SignatureStatus, String)] {
        let used = Set(section.candidates.map(\.signature))
        guard used != [.valid] else { return [] }
        return [SignatureStatus.invalid, .unsigned, .unchecked, .valid].filter(used.contains).map { ($0, meaning(of: $0)) }
    }

    // MARK: - Markdown

    /// GitHub-flavoured Markdown: a section and a table per assessment, figures to one decimal.
    var markdownText: String {
        var lines = ["# typebar assessment report", ""]
        var opening = "Generated \(Timestamp.text(generated))"
        if !sources.isEmpty { opening += " from " + sources.map(AssessmentReport.markdownEscaped).joined(separator: ", ") }
        lines.append(opening + ".")
        lines.append(provenance.joined(separator: " "))
        for section in sections {
            lines += ["", "## " + AssessmentReport.markdownEscaped(section.assessment), ""]
            lines += ["Rules: " + section.rulesSummary, ""]
            lines += [AssessmentReport.tally(section) + ".", ""]
            if let hash = section.configHash {
                let shown = hash.contains(where: { $0 == "`" || $0.isNewline }) ? AssessmentReport.markdownEscaped(hash) : "`\(hash)`"
                lines.append("Config SHA-256: " + shown)
            } else {
                lines.append("Config SHA-256: none recorded")
            }
            lines.append("")
            lines += section.chat == nil ? typingMarkdown(section) : chatMarkdown(section) + deskMarkdown(section)
            lines += signatureNote(section)
            lines += transcriptsMarkdown(section)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A typing assessment's table: each candidate's best attempt, and their latest net WPM.
    private func typingMarkdown(_ section: Section) -> [String] {
        var lines = [
            "| Candidate | Attempts | Best net WPM | Accuracy | Errors | Latest net WPM | Result | Flags | Signature |",
            "| --- | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |",
        ]
        for candidate in section.candidates {
            let best = candidate.best
            let cells = [
                AssessmentReport.markdownEscaped(candidate.name), String(candidate.attempts.count),
                formatDecimal(best.netWPM, places: 1), formatDecimal(best.accuracy, places: 1) + " %", String(best.wordErrors),
                formatDecimal(candidate.latest.netWPM, places: 1), candidate.passed ? "PASS" : "FAIL",
                AssessmentReport.markdownEscaped(candidate.flags.joined(separator: ", ")), candidate.signature.rawValue,
            ]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines
    }

    /// The line under a section's table that explains the signature words used; none when every one is valid.
    private func signatureNote(_ section: Section) -> [String] {
        let notes = AssessmentReport.signatureNotes(section)
        guard !notes.isEmpty else { return [] }
        return ["", "Signature: " + notes.map { "*\($0.0.rawValue)*: \($0.1)" }.joined(separator: "; ") + "."]
    }

    /// Text that stays literal in Markdown and inside a table cell: a line break becomes a space (a cell is one line),
    /// and the characters that would start a cell, a tag, emphasis, code or a link get a backslash.
    static func markdownEscaped(_ text: String) -> String {
        var out = ""
        for character in text {
            if character.isNewline {
                out.append(" ")
            } else {
                if "\\|<>*_`[]&".contains(character) { out.append("\\") }
                out.append(character)
            }
        }
        return out
    }
}
