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
        "best_id", "latest_id",
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
                ]
                text += fields.map(HistoryTable.csvField).joined(separator: ",") + "\n"
            }
        }
        return text
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
                        ("best", AssessmentReport.summary(of: candidate.best)),
                        ("latest", AssessmentReport.summary(of: candidate.latest)),
                        ("timeline", .array(candidate.best.timeline.map { .number($0) })),
                    ])
                })),
            ]))
        }
        writer.endArray()
        writer.endObject()
        return writer.text + "\n"
    }

    static func summary(of record: HistoryRecord) -> JSONValue {
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
        ] + (record.chat.map { [("chat", chatSummary(of: $0))] } ?? []))
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
            lines += [
                "",
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
            lines += chatMarkdown(section)
            let notes = AssessmentReport.signatureNotes(section)
            if !notes.isEmpty {
                lines += ["", "Signature: " + notes.map { "*\($0.0.rawValue)*: \($0.1)" }.joined(separator: "; ") + "."]
            }
        }
        return lines.joined(separator: "\n") + "\n"
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

    // MARK: - HTML

    /// One self-contained page: styles inline, charts as inline SVG, nothing fetched. Prints on A4 or Letter.
    var htmlText: String {
        let e = AssessmentReport.htmlEscaped
        var html = """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>typebar assessment report</title>
            <style>
            \(AssessmentReport.styleSheet)</style>
            </head>
            <body>
            <header class="report">
            <h1>typebar assessment report</h1>

            """
        html += "<p class=\"meta\">Generated <time datetime=\"\(Timestamp.text(generated))\">\(AssessmentReport.readableTime(generated))</time>"
        if !sources.isEmpty {
            html += " from " + sources.map { "<code>\(e($0))</code>" }.joined(separator: ", ")
        }
        html += ".</p>\n<p class=\"meta\">\(e(provenance.joined(separator: " ")))</p>\n</header>\n<main>\n"
        for (sectionIndex, section) in sections.enumerated() {
            html += section.html(number: sectionIndex + 1)
        }
        if sections.isEmpty { html += "<p class=\"empty\">No assessment results were found.</p>\n" }
        html += "</main>\n</body>\n</html>\n"
        return html
    }

    /// "2026-11-23 10:15 UTC".
    static func readableTime(_ seconds: Double) -> String {
        HistoryTable.localTime(seconds, offset: 0) + " UTC"
    }

    /// Text safe in HTML content and in quoted attribute values.
    static func htmlEscaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    static let styleSheet = """
        :root { --ink: #1f2328; --muted: #59636e; --rule: #d1d9e0; --soft: #f6f8fa; --pass: #1a7f37; --fail: #cf222e;
          --warn: #9a6700; --line: #0969da; }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--soft); color: var(--ink);
          font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        header.report, main { max-width: 1080px; margin: 0 auto; padding: 0 24px; }
        header.report { padding-top: 28px; }
        h1 { font-size: 26px; margin: 0 0 6px; }
        h2 { font-size: 21px; margin: 0 0 10px; }
        h3 { font-size: 17px; margin: 0 0 8px; display: flex; align-items: center; gap: 10px; flex-wrap: wrap;
          overflow-wrap: anywhere; }
        .meta { color: var(--muted); margin: 0 0 2px; }
        code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.88em;
          overflow-wrap: anywhere; }
        section.assessment { background: #fff; border: 1px solid var(--rule); border-radius: 10px; padding: 22px 26px;
          margin: 22px 0; }
        dl.rules { display: grid; grid-template-columns: max-content 1fr; gap: 2px 18px; margin: 0 0 10px; }
        dl.rules dt { color: var(--muted); }
        dl.rules dd { margin: 0; }
        p.tally { margin: 0 0 14px; font-size: 16px; }
        table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
        th, td { padding: 7px 9px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
        thead th { font-size: 12px; font-weight: 600; color: var(--muted); text-transform: uppercase; letter-spacing: 0.03em;
          border-bottom: 2px solid var(--rule); vertical-align: bottom; }
        .num { text-align: right; }
        td.num { white-space: nowrap; }
        tbody tr:last-child > * { border-bottom: none; }
        table.candidates td.name { overflow-wrap: anywhere; }
        table.candidates td.name a { color: inherit; font-weight: 600; text-decoration: none; }
        table.candidates td.name a:hover { text-decoration: underline; }
        .result { display: inline-block; min-width: 3.4em; text-align: center; padding: 0 8px; border: 1.5px solid;
          border-radius: 4px; font-size: 12px; font-weight: 700; letter-spacing: 0.06em; }
        .result.pass { color: var(--pass); background: #dafbe1; }
        .result.fail { color: var(--fail); background: #ffebe9; }
        .flag { display: inline-block; margin: 0 4px 2px 0; padding: 0 6px; border: 1px solid #d4a72c; border-radius: 4px;
          background: #fff8c5; font-size: 12px; }
        .none { color: var(--muted); }
        .signature-invalid { color: var(--fail); font-weight: 700; }
        .signature-unsigned, .signature-unchecked { color: var(--warn); }
        p.note { color: var(--muted); font-size: 13px; margin: 10px 0 0; }
        section.candidate { border-top: 1px solid var(--rule); margin-top: 22px; padding-top: 18px; }
        section.candidate p.attempts { color: var(--muted); margin: 0 0 8px; }
        table.figures { width: auto; margin: 0 0 10px; font-size: 14px; }
        table.figures td, table.figures tbody th { white-space: nowrap; }
        table.figures tbody th { font-weight: 600; }
        ul.flags { margin: 0 0 10px; padding-left: 20px; }
        ul.flags li { margin: 2px 0; }
        p.flags { margin: 0 0 10px; }
        figure.chart { margin: 6px 0 0; }
        figure.chart figcaption { color: var(--muted); font-size: 13px; margin: 0 0 2px; }
        svg.chart { display: block; width: 100%; max-width: 720px; height: auto; }
        svg.chart text { font: 11px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: var(--muted); }
        svg.chart .grid { stroke: #e6eaef; stroke-width: 1; }
        svg.chart .axis { stroke: #8c959f; stroke-width: 1; }
        svg.chart .bar { stroke: var(--fail); stroke-width: 1.5; stroke-dasharray: 6 4; }
        svg.chart text.bar-label { fill: var(--fail); font-weight: 600; }
        svg.chart .wpm { fill: none; stroke: var(--line); stroke-width: 2; stroke-linejoin: round; stroke-linecap: round; }
        svg.chart .point { fill: var(--line); }
        svg.chart .flag-mark { stroke: #bf8700; stroke-width: 1; stroke-dasharray: 2 3; }
        svg.chart text.flag-label { fill: #9a6700; }
        p.no-chart { color: var(--muted); font-style: italic; margin: 6px 0 0; }
        @media print {
          @page { margin: 14mm; }
          body { background: #fff; color: #000; font-size: 10pt; }
          header.report, main { max-width: none; padding: 0; }
          header.report { padding-top: 0; }
          h1 { font-size: 17pt; }
          h2 { font-size: 14pt; }
          h3 { font-size: 12pt; }
          h2, h3 { break-after: avoid; page-break-after: avoid; }
          .meta, dl.rules dt, thead th, p.note, section.candidate p.attempts, .none, p.no-chart { color: #000; }
          section.assessment { background: none; border: none; border-radius: 0; padding: 0; margin: 0 0 16pt; }
          table { font-size: 9pt; }
          th, td { padding: 3pt 5pt; border-color: #999; }
          tr { break-inside: avoid; page-break-inside: avoid; }
          div.overview { break-inside: avoid; page-break-inside: avoid; }
          table.candidates td.name a { font-weight: 600; }
          .result, .result.pass, .result.fail { border-width: 1pt; background: none; }
          .result.pass { color: #000; }
          .result.fail { color: #000; border-width: 2pt; }
          .flag { background: none; border-color: #000; }
          .signature-invalid, .signature-unsigned, .signature-unchecked { color: #000; }
          section.candidate { break-inside: avoid; page-break-inside: avoid; margin-top: 14pt; padding-top: 10pt; border-color: #999; }
          table.figures { font-size: 9pt; }
          svg.chart { max-width: 12cm; }
          svg.chart text { fill: #000; }
          svg.chart text.bar-label { fill: #000; }
          svg.chart .grid { stroke: #ccc; }
          svg.chart .axis { stroke: #000; }
          svg.chart .bar { stroke: #000; }
          svg.chart .wpm { stroke: #000; stroke-width: 1.5; }
          svg.chart .point { fill: #000; }
          svg.chart .flag-mark { stroke: #000; }
          svg.chart text.flag-label { fill: #000; }
          figure.chart figcaption { color: #000; }
        }

        """
}

extension AssessmentReport.Section {
    /// The assessment's block: its rules, the candidates table, then a section per candidate.
    func html(number: Int) -> String {
        let e = AssessmentReport.htmlEscaped
        var html = "<section class=\"assessment\">\n<div class=\"overview\">\n<h2>\(e(assessment))</h2>\n<dl class=\"rules\">\n"
        html += "<dt>Rules</dt><dd>\(e(rulesSummary))</dd>\n"
        html += "<dt>Config SHA-256</dt><dd>" + (configHash.map { "<code>\(e($0))</code>" } ?? "<span class=\"none\">none recorded</span>") + "</dd>\n"
        html += "</dl>\n<p class=\"tally\"><strong>\(passed) of \(candidates.count)</strong> candidate\(candidates.count == 1 ? "" : "s") passed.</p>\n"
        html += """
            <table class="candidates">
            <thead><tr><th>Candidate</th><th class="num">Attempts</th><th class="num">Best net WPM</th><th class="num">Accuracy</th>\
            <th class="num">Errors</th><th class="num">Latest net WPM</th><th>Result</th><th>Flags</th><th>Signature</th></tr></thead>
            <tbody>

            """
        for (index, candidate) in candidates.enumerated() {
            let best = candidate.best
            html += "<tr><td class=\"name\"><a href=\"#\(anchor(number, index))\">\(e(candidate.name))</a></td>"
            html += "<td class=\"num\">\(candidate.attempts.count)</td>"
            html += "<td class=\"num\">\(formatDecimal(best.netWPM, places: 1))</td>"
            html += "<td class=\"num\">\(formatDecimal(best.accuracy, places: 1)) %</td>"
            html += "<td class=\"num\">\(best.wordErrors)</td>"
            html += "<td class=\"num\">\(formatDecimal(candidate.latest.netWPM, places: 1))</td>"
            html += "<td>\(candidate.resultBadge)</td>"
            html += "<td>\(candidate.flagTags)</td>"
            html += "<td>\(candidate.signatureText)</td></tr>\n"
        }
        html += "</tbody>\n</table>\n"
        let notes = AssessmentReport.signatureNotes(self)
        if !notes.isEmpty {
            html += "<p class=\"note\">Signature: " + notes.map { "<em>\($0.0.rawValue)</em>: \(e($0.1))" }.joined(separator: "; ") + ".</p>\n"
        }
        html += "</div>\n"
        for (index, candidate) in candidates.enumerated() {
            html += candidate.html(id: anchor(number, index), barWPM: barWPM)
        }
        html += "</section>\n"
        return html
    }

    private func anchor(_ section: Int, _ candidate: Int) -> String { "a\(section)-c\(candidate + 1)" }
}

extension AssessmentReport.Candidate {
    var resultBadge: String { passed ? "<span class=\"result pass\">PASS</span>" : "<span class=\"result fail\">FAIL</span>" }

    var flagTags: String {
        flags.isEmpty ? "<span class=\"none\">none</span>" : flags.map { "<span class=\"flag\">\(AssessmentReport.htmlEscaped($0))</span>" }.joined(separator: " ")
    }

    var signatureText: String { "<span class=\"signature-\(signature.rawValue)\">\(signature.rawValue)</span>" }

    /// Which attempt a record was: its own number when it has one, else its place among this candidate's attempts.
    func attemptNumber(of record: HistoryRecord) -> Int {
        attemptNumber(id: record.id, recorded: record.attempt)
    }

    func attemptNumber(of attempt: AssessmentReport.Attempt) -> Int {
        attemptNumber(id: attempt.id, recorded: attempt.attempt)
    }

    private func attemptNumber(id: String, recorded: Int?) -> Int {
        recorded ?? ((attempts.firstIndex { $0.id == id } ?? 0) + 1)
    }

    /// The candidate's block: best and latest figures, every flag with its detail, and the best attempt's chart.
    func html(id: String, barWPM: Double) -> String {
        let e = AssessmentReport.htmlEscaped
        let best = self.best
        let latest = self.latest
        var html = "<section class=\"candidate\" id=\"\(id)\">\n<h3><span>\(e(name))</span> \(resultBadge)</h3>\n"
        html += "<p class=\"attempts\">\(attempts.count) attempt\(attempts.count == 1 ? "" : "s") · signature \(signatureText)</p>\n"
        html += """
            <table class="figures">
            <thead><tr><th></th><th class="num">Attempt</th><th>Taken</th><th class="num">Net WPM</th><th class="num">Gross WPM</th>\
            <th class="num">Accuracy</th><th class="num">Word errors</th><th class="num">Uncorrected</th><th class="num">Time</th>\
            <th>Rules</th></tr></thead>
            <tbody>

            """
        func row(_ label: String, _ record: HistoryRecord) -> String {
            "<tr><th scope=\"row\">\(label)</th><td class=\"num\">\(attemptNumber(of: record))</td>"
                + "<td><time datetime=\"\(Timestamp.text(record.time))\">\(AssessmentReport.readableTime(record.time))</time></td>"
                + "<td class=\"num\">\(formatDecimal(record.netWPM, places: 1))</td>"
                + "<td class=\"num\">\(formatDecimal(record.grossWPM, places: 1))</td>"
                + "<td class=\"num\">\(formatDecimal(record.accuracy, places: 1)) %</td>"
                + "<td class=\"num\">\(record.wordErrors)</td><td class=\"num\">\(record.uncorrectedErrors)</td>"
                + "<td class=\"num\">\(formatDecimal(record.elapsedSeconds, places: 1)) s</td>"
                + "<td>\(record.meetsBar ? "met" : "not met")</td></tr>\n"
        }
        if best.id == latest.id {
            html += row("Best and latest", best)
        } else {
            html += row("Best", best) + row("Latest", latest)
        }
        html += "</tbody>\n</table>\n"
        html += chatHTML(best: best, latest: latest)
        let flagged = attempts.flatMap { record in record.flags.map { (record, $0) } }
        if flagged.isEmpty {
            html += "<p class=\"flags none\">No integrity flags.</p>\n"
        } else {
            html += "<ul class=\"flags\">\n"
            for (record, flag) in flagged {
                var place = "attempt \(attemptNumber(of: record))"
                if let at = flag.atSeconds { place += ", at \(formatDecimal(at, places: 1)) s" }
                html += "<li><span class=\"flag\">\(e(flag.name))</span> \(place): \(e(flag.detail))</li>\n"
            }
            html += "</ul>\n"
        }
        html += WPMChart(timeline: best.timeline, step: best.timelineStep, barWPM: barWPM, flags: best.flags, attempt: attemptNumber(of: best), candidate: name).html
        html += "</section>\n"
        return html
    }
}

/// Net WPM at the end of each second of one attempt, drawn as an inline SVG line chart against the bar, with the
/// attempt's timed flags marked where they happened. Sized by its viewBox, so it scales to the width it is given on
/// screen and on paper.
struct WPMChart {
    var timeline: [Double]
    /// Seconds per timeline value.
    var step = 1.0
    var barWPM: Double
    var flags: [HistoryRecord.Flag] = []
    var attempt: Int
    var candidate: String

    // The drawing area inside the viewBox; the right margin holds the bar's label, clear of the line.
    static let width = 640.0
    static let height = 250.0
    static let left = 46.0
    static let right = 580.0
    static let top = 26.0
    static let bottom = 206.0

    /// A top for the WPM axis above every value and the bar, on a round step, and that step.
    var scale: (maximum: Double, step: Double) {
        let axis = SpeedSeries(net: timeline, step: step, marks: [barWPM]).axis
        return (axis.top, axis.step)
    }

    /// Seconds between labelled ticks: a round step giving at most eight.
    var secondsStep: Int {
        let span = Int(clampingFigure: seconds)
        let steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400]
        return steps.first { span / $0 <= 8 } ?? max(1, span / 8)
    }

    /// The seconds the chart spans.
    var seconds: Double { Double(timeline.count) * step }

    /// The flags that carry a time within the chart.
    var marks: [(name: String, at: Double)] {
        flags.compactMap { flag in flag.atSeconds.flatMap { $0 >= 0 && $0 <= seconds ? (flag.name, $0) : nil } }
    }

    var description: String {
        let last = timeline.last ?? 0
        var text = "Net WPM at the end of each second of \(candidate)'s best attempt (attempt \(attempt)): "
            + "\(formatDecimal(last, places: 1)) after \(formatDecimal(seconds, places: 0)) s, highest \(formatDecimal(timeline.max() ?? 0, places: 1)); "
            + "the bar is \(formatDecimal(barWPM, places: 0)) WPM."
        if !marks.isEmpty {
            text += " Flagged: " + marks.map { "\($0.name) at \(formatDecimal($0.at, places: 1)) s" }.joined(separator: ", ") + "."
        }
        return text
    }

    var html: String {
        guard !timeline.isEmpty else {
            return "<p class=\"no-chart\">No per-second figures were recorded for this attempt, so there is no chart.</p>\n"
        }
        typealias C = WPMChart
        let e = AssessmentReport.htmlEscaped
        let (maximum, wpmStep) = scale
        func x(_ second: Double) -> String { formatDecimal(C.left + second / seconds * (C.right - C.left), places: 1) }
        func y(_ wpm: Double) -> String { formatDecimal(C.bottom - min(max(wpm, 0), maximum) / maximum * (C.bottom - C.top), places: 1) }
        let label = e(description)
        var svg = "<figure class=\"chart\">\n<figcaption>Net WPM at the end of each second, best attempt (attempt \(attempt))</figcaption>\n"
        svg += "<svg class=\"chart\" viewBox=\"0 0 \(formatDecimal(C.width, places: 0)) \(formatDecimal(C.height, places: 0))\" role=\"img\" aria-label=\"\(label)\">\n"
        svg += "<title>\(label)</title>\n"
        // Grid lines and WPM labels.
        var wpm = 0.0
        while wpm <= maximum {
            svg += "<line class=\"grid\" x1=\"\(x(0))\" y1=\"\(y(wpm))\" x2=\"\(x(seconds))\" y2=\"\(y(wpm))\"/>"
            svg += "<text x=\"\(formatDecimal(C.left - 6, places: 1))\" y=\"\(y(wpm))\" dy=\"4\" text-anchor=\"end\">\(formatDecimal(wpm, places: 0))</text>\n"
            wpm += wpmStep
        }
        // Seconds ticks and labels.
        var second = 0
        while Double(second) <= seconds {
            let at = x(Double(second))
            svg += "<line class=\"axis\" x1=\"\(at)\" y1=\"\(formatDecimal(C.bottom, places: 1))\" x2=\"\(at)\" y2=\"\(formatDecimal(C.bottom + 5, places: 1))\"/>"
            svg += "<text x=\"\(at)\" y=\"\(formatDecimal(C.bottom + 18, places: 1))\" text-anchor=\"middle\">\(second)</text>\n"
            second += secondsStep
        }
        svg += "<line class=\"axis\" x1=\"\(x(0))\" y1=\"\(y(0))\" x2=\"\(x(seconds))\" y2=\"\(y(0))\"/>"
        svg += "<line class=\"axis\" x1=\"\(x(0))\" y1=\"\(y(0))\" x2=\"\(x(0))\" y2=\"\(y(maximum))\"/>\n"
        let middle = formatDecimal((C.left + C.right) / 2, places: 1)
        svg += "<text x=\"\(middle)\" y=\"\(formatDecimal(C.bottom + 38, places: 1))\" text-anchor=\"middle\">seconds</text>\n"
        let centre = formatDecimal((C.top + C.bottom) / 2, places: 1)
        svg += "<text x=\"12\" y=\"\(centre)\" text-anchor=\"middle\" transform=\"rotate(-90 12 \(centre))\">net WPM</text>\n"
        // The bar, dashed, labelled in the right margin.
        svg += "<line class=\"bar\" x1=\"\(x(0))\" y1=\"\(y(barWPM))\" x2=\"\(x(seconds))\" y2=\"\(y(barWPM))\"/>"
        svg += "<text class=\"bar-label\" x=\"\(formatDecimal(C.right + 6, places: 1))\" y=\"\(y(barWPM))\" dy=\"4\">bar \(formatDecimal(barWPM, places: 0))</text>\n"
        // Timed flags: a dotted line where each happened, named above the plot.
        for mark in marks {
            let at = x(mark.at)
            svg += "<line class=\"flag-mark\" x1=\"\(at)\" y1=\"\(y(0))\" x2=\"\(at)\" y2=\"\(formatDecimal(C.top - 4, places: 1))\"/>"
            svg += "<text class=\"flag-label\" x=\"\(at)\" y=\"\(formatDecimal(C.top - 8, places: 1))\" text-anchor=\"middle\">\(e(mark.name))</text>\n"
        }
        // The attempt: a point per second, joined.
        let points = timeline.enumerated().map { "\(x(Double($0.offset + 1) * step)),\(y($0.element))" }
        svg += "<polyline class=\"wpm\" points=\"\(points.joined(separator: " "))\"/>\n"
        if timeline.count == 1 {
            svg += "<circle class=\"point\" cx=\"\(x(step))\" cy=\"\(y(timeline[0]))\" r=\"3\"/>\n"
        }
        svg += "</svg>\n</figure>\n"
        return svg
    }
}
