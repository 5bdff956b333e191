import TypeBarKit

/// The HTML report: a self-contained page with print styles and a chart per candidate.
extension AssessmentReport {
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
