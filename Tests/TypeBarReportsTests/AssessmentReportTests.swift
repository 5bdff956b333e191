import Foundation
import Testing
import TypeBarKit
@testable import TypeBarReports
import TestSupport

@Suite("Assessment reports")
struct AssessmentReportTests {
    typealias F = ReportFixture

    @Test("Records from several files count once each; they group by assessment, then candidate; best, latest and pass follow the rules")
    func grouping() throws {
        let scratch = Scratch()
        let first = HistoryFile(path: scratch.url.appendingPathComponent("lab-a/history.jsonl").path)
        let second = HistoryFile(path: scratch.url.appendingPathComponent("lab-b/history.jsonl").path)
        for record in [F.anaFirst, F.anaSecond, F.kim, F.practice] { try first.append(record) }
        for record in [F.anaSecond, F.bo, F.sales] { try second.append(record) }

        let (records, duplicates, warnings) = try AssessmentReportReader.records(in: [first, second], matching: HistoryQuery())
        #expect(records.count == 6)
        #expect(Set(records.map(\.id)).count == 6)
        #expect(duplicates == 1)
        #expect(warnings.isEmpty)

        let report = AssessmentReport(records: records, key: F.key, generated: F.base + 3600, sources: [first.path, second.path], duplicates: duplicates)
        #expect(report.sections.map(\.assessment) == ["support-l1", "sales-l2"])
        let support = report.sections[0]
        #expect(support.configHash == F.supportHash)
        #expect(support.candidates.map(\.name) == [F.oddName, "Ana Ruiz", "Bo Chen"])
        #expect(support.passed == 2)
        #expect(support.rulesSummary == "30 s, 40 net WPM, 95.0 % accuracy, at most 5 errors, backspace allowed, 2 attempts")

        let ana = support.candidates[1]
        #expect(ana.attempts.map(\.id) == [F.anaFirst.id, F.anaSecond.id])
        #expect(ana.best.id == F.anaSecond.id, "best is the fastest passing attempt, not the faster first one that missed the bar")
        #expect(ana.latest.id == F.anaSecond.id)
        #expect(ana.passed, "passed on the second attempt")
        let bo = support.candidates[2]
        #expect(!bo.passed)
        #expect(bo.flags == ["paste", "low_accuracy"])

        let sales = report.sections[1]
        #expect(sales.candidates.map(\.name) == ["Ana Ruiz"])
        #expect(sales.candidates[0].attempts.count == 1)
        #expect(sales.backspace == false && sales.maximumErrors == nil)
        #expect(report.sections.flatMap(\.candidates).flatMap(\.attempts).count == 5, "the practice result is left out")
    }

    @Test("On a tie in net WPM the later attempt is the best")
    func bestOnTie() {
        var earlier = F.anaFirst
        var later = F.anaSecond
        earlier.netWPM = 45
        later.netWPM = 45
        let candidate = AssessmentReport.Candidate(name: "Ana Ruiz", attempts: [earlier, later], signature: .valid)
        #expect(candidate.best.id == later.id)
    }

    @Test("Signatures: valid with the key, invalid when edited, unsigned without one, unchecked without a key; a candidate gets the worst")
    func signatures() {
        #expect(AssessmentReport.status(of: [F.anaFirst, F.anaSecond], key: F.key) == .valid)
        #expect(AssessmentReport.status(of: [F.kim], key: F.key) == .invalid)
        #expect(AssessmentReport.status(of: [F.bo], key: F.key) == .unsigned)
        #expect(AssessmentReport.status(of: [F.anaFirst], key: nil) == .unchecked)
        #expect(AssessmentReport.status(of: [F.anaFirst], key: Array("another key".utf8)) == .invalid)
        #expect(AssessmentReport.status(of: [F.anaFirst, F.bo], key: F.key) == .unsigned)
        #expect(AssessmentReport.status(of: [F.bo, F.kim, F.anaFirst], key: F.key) == .invalid)
        #expect(AssessmentReport.status(of: [F.anaFirst, F.bo], key: nil) == .unsigned)

        let checked = F.report.sections[0].candidates.map(\.signature)
        #expect(checked == [.invalid, .valid, .unsigned])
        let unchecked = AssessmentReport(records: F.records, key: nil, generated: 0, sources: [], duplicates: 0)
        #expect(!unchecked.keyGiven)
        #expect(unchecked.sections[0].candidates.map(\.signature) == [.unchecked, .unchecked, .unsigned])
    }

    @Test("CSV: one row per candidate per assessment, figures unrounded, fields quoted and kept from being formulas")
    func csv() {
        let expected = #"""
            assessment,config_sha256,candidate,attempts,best_net_wpm,best_accuracy,best_word_errors,best_uncorrected_errors,latest_net_wpm,latest_accuracy,latest_time,result,flags,signature,best_id,latest_id,chat_mode,best_judgement,best_writing,best_satisfaction,best_satisfied_percent,best_resolution_percent,best_actions_expected,best_actions_right
            support-l1,4e1f0c7b2a9d8e3f6c5b4a3928171605f4e3d2c1b0a99887766554433221100f,"'=Kim, Dee ""DK"" <b>",1,41,95,2,2,41,95,2026-11-18T11:21:40.000Z,pass,focus,invalid,20261118T112140-0c0c0001,20261118T112140-0c0c0001,,,,,,,,
            support-l1,4e1f0c7b2a9d8e3f6c5b4a3928171605f4e3d2c1b0a99887766554433221100f,Ana Ruiz,2,44.75,97.5,1,1,44.75,97.5,2026-11-18T11:16:40.000Z,pass,,valid,20261118T111640-0a0a0002,20261118T111640-0a0a0002,,,,,,,,
            support-l1,4e1f0c7b2a9d8e3f6c5b4a3928171605f4e3d2c1b0a99887766554433221100f,Bo Chen,1,33.9,91.2,7,9,33.9,91.2,2026-11-18T11:11:40.000Z,fail,paste low_accuracy,unsigned,20261118T111140-0b0b0001,20261118T111140-0b0b0001,,,,,,,,
            sales-l2,9b8a7f6e5d4c3b2a1908f7e6d5c4b3a29180706f5e4d3c2b1a09f8e7d6c5b4a3,Ana Ruiz,1,52.3,98.6,0,0,52.3,98.6,2026-11-18T11:36:40.000Z,pass,,valid,20261118T113640-0a0a0003,20261118T113640-0a0a0003,,,,,,,,

            """#
        #expect(F.report.rendered(as: .csv) == expected)
    }

    @Test("JSON: one object with every figure unrounded and the best attempt's timeline")
    func json() throws {
        // One line in the output; broken here at each candidate and summary for reading (a \ at a line's end joins it to the next).
        let expected = #"""
            {"generated":"2026-11-18T12:06:40.000Z","sources":["lab-a/history.jsonl","lab-b/history.jsonl"],"duplicates":1,"signatures_checked":true,\#
            "assessments":[{"assessment":"support-l1","config_sha256":"4e1f0c7b2a9d8e3f6c5b4a3928171605f4e3d2c1b0a99887766554433221100f",\#
            "rules":{"time_limit":30,"bar_wpm":40,"min_accuracy":95,"max_errors":5,"backspace":true,"attempts":2,\#
            "summary":"30 s, 40 net WPM, 95.0 % accuracy, at most 5 errors, backspace allowed, 2 attempts"},"passed":2,"candidates":[\#
            {"candidate":"=Kim, Dee \"DK\" <b>","attempts":1,"result":"pass","flags":["focus"],"signature":"invalid",\#
            "best":{"id":"20261118T112140-0c0c0001","time":"2026-11-18T11:21:40.000Z","net_wpm":41,"gross_wpm":42.5,"accuracy":95,\#
            "word_errors":2,"uncorrected_errors":2,"elapsed_seconds":30,"meets_bar":true,\#
            "flags":[{"flag":"focus","detail":"the terminal lost focus 2 times, 4.5 s away in all (<alt-tab> & back)"}]},\#
            "latest":{"id":"20261118T112140-0c0c0001","time":"2026-11-18T11:21:40.000Z","net_wpm":41,"gross_wpm":42.5,"accuracy":95,\#
            "word_errors":2,"uncorrected_errors":2,"elapsed_seconds":30,"meets_bar":true,\#
            "flags":[{"flag":"focus","detail":"the terminal lost focus 2 times, 4.5 s away in all (<alt-tab> & back)"}]},\#
            "timeline":[]},\#
            {"candidate":"Ana Ruiz","attempts":2,"result":"pass","flags":[],"signature":"valid",\#
            "best":{"id":"20261118T111640-0a0a0002","time":"2026-11-18T11:16:40.000Z","net_wpm":44.75,"gross_wpm":46.35,"accuracy":97.5,\#
            "word_errors":1,"uncorrected_errors":1,"elapsed_seconds":30,"meets_bar":true,"flags":[]},\#
            "latest":{"id":"20261118T111640-0a0a0002","time":"2026-11-18T11:16:40.000Z","net_wpm":44.75,"gross_wpm":46.35,"accuracy":97.5,\#
            "word_errors":1,"uncorrected_errors":1,"elapsed_seconds":30,"meets_bar":true,"flags":[]},\#
            "timeline":[20,31,36,39.5,41,42.2,43,43.6,44.1,44.5,44.2,44,44.6,45.1,45.3,\#
            45,44.7,44.5,44.8,45.2,45.4,45.1,44.9,44.6,44.5,44.7,44.9,44.8,44.6,44.8]},\#
            {"candidate":"Bo Chen","attempts":1,"result":"fail","flags":["paste","low_accuracy"],"signature":"unsigned",\#
            "best":{"id":"20261118T111140-0b0b0001","time":"2026-11-18T11:11:40.000Z","net_wpm":33.9,"gross_wpm":41.3,"accuracy":91.2,\#
            "word_errors":7,"uncorrected_errors":9,"elapsed_seconds":30,"meets_bar":false,\#
            "flags":[{"flag":"paste","detail":"1 burst of 20+ characters each under 15 ms apart"},\#
            {"flag":"low_accuracy","detail":"accuracy 91.2 % is under 92 %"}]},\#
            "latest":{"id":"20261118T111140-0b0b0001","time":"2026-11-18T11:11:40.000Z","net_wpm":33.9,"gross_wpm":41.3,"accuracy":91.2,\#
            "word_errors":7,"uncorrected_errors":9,"elapsed_seconds":30,"meets_bar":false,\#
            "flags":[{"flag":"paste","detail":"1 burst of 20+ characters each under 15 ms apart"},\#
            {"flag":"low_accuracy","detail":"accuracy 91.2 % is under 92 %"}]},\#
            "timeline":[18,24,27,28.5,29,29.4,30.1,30,29.6,29.9,30.2,30,29.8,36.4,35.9,\#
            35.1,34.8,34.6,34.9,34.7,34.4,34.2,34.5,34.3,34.1,34,33.8,34,33.9,33.9]}]},\#
            {"assessment":"sales-l2","config_sha256":"9b8a7f6e5d4c3b2a1908f7e6d5c4b3a29180706f5e4d3c2b1a09f8e7d6c5b4a3",\#
            "rules":{"time_limit":60,"bar_wpm":50,"min_accuracy":97,"max_errors":null,"backspace":false,"attempts":1,\#
            "summary":"1 min, 50 net WPM, 97.0 % accuracy, no backspace, 1 attempt"},"passed":1,"candidates":[\#
            {"candidate":"Ana Ruiz","attempts":1,"result":"pass","flags":[],"signature":"valid",\#
            "best":{"id":"20261118T113640-0a0a0003","time":"2026-11-18T11:36:40.000Z","net_wpm":52.3,"gross_wpm":53,"accuracy":98.6,\#
            "word_errors":0,"uncorrected_errors":0,"elapsed_seconds":12.4,"meets_bar":true,"flags":[]},\#
            "latest":{"id":"20261118T113640-0a0a0003","time":"2026-11-18T11:36:40.000Z","net_wpm":52.3,"gross_wpm":53,"accuracy":98.6,\#
            "word_errors":0,"uncorrected_errors":0,"elapsed_seconds":12.4,"meets_bar":true,"flags":[]},\#
            "timeline":[30,42,47.5,49.8,51,51.6,52.4,52.9,52.6,52.8,52.5,52.3]}]}]}

            """#
        let json = F.report.rendered(as: .json)
        #expect(json == expected)
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect((parsed?["assessments"] as? [Any])?.count == 2)
    }

    @Test("Markdown: a table per assessment, figures to one decimal (rounded down), cells escaped, signature words explained")
    func markdown() {
        let expected = #"""
            # typebar assessment report

            Generated 2026-11-18T12:06:40.000Z from lab-a/history.jsonl, lab-b/history.jsonl.
            1 record found in more than one file was counted once. Signatures were checked with the trainer's key.

            ## support-l1

            Rules: 30 s, 40 net WPM, 95.0 % accuracy, at most 5 errors, backspace allowed, 2 attempts

            2 of 3 candidates passed.

            Config SHA-256: `4e1f0c7b2a9d8e3f6c5b4a3928171605f4e3d2c1b0a99887766554433221100f`

            | Candidate | Attempts | Best net WPM | Accuracy | Errors | Latest net WPM | Result | Flags | Signature |
            | --- | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |
            | =Kim, Dee "DK" \<b\> | 1 | 41.0 | 95.0 % | 2 | 41.0 | PASS | focus | invalid |
            | Ana Ruiz | 2 | 44.7 | 97.5 % | 1 | 44.7 | PASS |  | valid |
            | Bo Chen | 1 | 33.9 | 91.2 % | 7 | 33.9 | FAIL | paste, low\_accuracy | unsigned |

            Signature: *invalid*: an attempt's signature does not match its content, so the record was changed after it was saved; *unsigned*: an attempt carries no signature; *valid*: every attempt is signed and the key confirms each signature.

            ## sales-l2

            Rules: 1 min, 50 net WPM, 97.0 % accuracy, no backspace, 1 attempt

            1 of 1 candidate passed.

            Config SHA-256: `9b8a7f6e5d4c3b2a1908f7e6d5c4b3a29180706f5e4d3c2b1a09f8e7d6c5b4a3`

            | Candidate | Attempts | Best net WPM | Accuracy | Errors | Latest net WPM | Result | Flags | Signature |
            | --- | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |
            | Ana Ruiz | 1 | 52.3 | 98.6 % | 0 | 52.3 | PASS |  | valid |

            """#
        #expect(F.report.rendered(as: .md) == expected)
    }

    @Test("Markdown cells stay one cell: a bar and a line break in a name are escaped")
    func markdownCells() {
        #expect(AssessmentReport.markdownEscaped("a|b\nc") == #"a\|b c"#)
        #expect(AssessmentReport.markdownEscaped(#"x\y"#) == #"x\\y"#)
    }

    @Test("HTML: one self-contained page, a row per candidate, one chart per candidate with figures, user text escaped")
    func html() throws {
        let report = F.report
        let html = report.rendered(as: .html)
        #expect(html.hasPrefix("<!doctype html>\n"))
        #expect(html.hasSuffix("</html>\n"))
        #expect(html.contains(#"<meta charset="utf-8">"#))
        #expect(html.contains("@media print"))
        #expect(html.contains("page-break-inside: avoid"))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("http://") && !html.contains("https://"))
        #expect(!html.contains("<link") && !html.contains("<img") && !html.contains("url("))
        #expect(html == F.report.rendered(as: .html), "the same report gives the same page")

        // The candidates table of each assessment has one row per candidate.
        let tables = html.components(separatedBy: #"<table class="candidates">"#).dropFirst()
        #expect(tables.count == report.sections.count)
        for (table, section) in zip(tables, report.sections) {
            let body = try #require(table.components(separatedBy: "<tbody>").dropFirst().first?.components(separatedBy: "</tbody>").first)
            #expect(body.components(separatedBy: "<tr").count - 1 == section.candidates.count)
        }

        // One chart per candidate section, none (and a note instead) where the best attempt has no per-second figures.
        let candidates = report.sections.flatMap(\.candidates)
        let blocks: [String] = Array(html.components(separatedBy: #"<section class="candidate""#).dropFirst())
        #expect(blocks.count == candidates.count)
        for (block, candidate) in zip(blocks, candidates) {
            let own = try #require(block.components(separatedBy: "</section>").first)
            let charts = own.components(separatedBy: "<svg").count - 1
            #expect(charts == (candidate.best.timeline.isEmpty ? 0 : 1), "\(candidate.name)")
            if candidate.best.timeline.isEmpty {
                #expect(own.contains("No per-second figures"))
            } else {
                #expect(own.contains(#"role="img""#) && own.contains("aria-label=") && own.contains("<title>") && own.contains("<polyline"))
                #expect(own.contains(#"class="bar""#))
                // One point per second of the best attempt.
                let points = try #require(own.components(separatedBy: #"<polyline class="wpm" points=""#).last?.prefix { $0 != "\"" })
                #expect(points.split(separator: " ").count == candidate.best.timeline.count)
            }
        }
        #expect(html.components(separatedBy: "<svg").count - 1 == candidates.filter { !$0.best.timeline.isEmpty }.count)

        // Names and flag details are user data.
        #expect(!html.contains("<b>"))
        #expect(html.contains("=Kim, Dee &quot;DK&quot; &lt;b&gt;"))
        #expect(html.contains("(&lt;alt-tab&gt; &amp; back)"))
        #expect(html.contains(#"class="flag-label""#) && html.contains(">paste</text>"), "Bo's paste at 13 s is marked on his chart")
        #expect(html.contains(#"<span class="result pass">PASS</span>"#) && html.contains(#"<span class="result fail">FAIL</span>"#))
    }

    @Test("The chart's WPM axis is rounded up past both the highest figure and the bar")
    func chartScale() {
        func scale(_ highest: Double, bar: Double) -> [Double] {
            let chart = WPMChart(timeline: [highest], barWPM: bar, attempt: 1, candidate: "")
            return [chart.scale.maximum, chart.scale.step]
        }
        #expect(scale(47.9, bar: 40) == [50, 10])
        #expect(scale(33.9, bar: 40) == [50, 10])
        #expect(scale(40, bar: 40) == [50, 10])
        #expect(scale(52.9, bar: 50) == [60, 10])
        #expect(scale(112, bar: 40) == [120, 20])
        #expect(WPMChart(timeline: Array(repeating: 40, count: 60), barWPM: 40, attempt: 1, candidate: "").secondsStep == 10)
    }

    /// The elements of `html` that are never closed or closed without being open, in order; the contents of
    /// `<style>` and comments are passed over. Empty for a well-formed page.
    static func unbalancedElements(_ html: String) -> [String] {
        let void: Set<String> = ["meta", "br", "hr", "img", "input", "link", "col", "area", "base", "wbr", "source", "track", "embed", "param"]
        var open: [String] = []
        var problems: [String] = []
        var rest = Substring(html)
        while let start = rest.firstIndex(of: "<") {
            rest = rest[start...]
            if rest.hasPrefix("<!--") {
                guard let end = rest.range(of: "-->") else { return problems + ["an unclosed comment"] }
                rest = rest[end.upperBound...]
                continue
            }
            guard let close = rest.firstIndex(of: ">") else { return problems + ["an unclosed tag"] }
            let tag = rest[rest.index(after: start)..<close]
            rest = rest[rest.index(after: close)...]
            if tag.hasPrefix("!") { continue }  // the doctype
            let closing = tag.hasPrefix("/")
            let name = String(tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber || $0 == "-" }).lowercased()
            if closing {
                if open.last == name { open.removeLast() } else { problems.append("</\(name)> closes <\(open.last ?? "nothing")>") }
            } else if !void.contains(name) && !tag.hasSuffix("/") {
                open.append(name)
                if name == "style", let end = rest.range(of: "</style>") { rest = rest[end.lowerBound...] }
            }
        }
        return problems + open.map { "<\($0)> is never closed" }
    }

    /// The sample page for a look in a browser or with scripts/report-screenshot.sh:
    /// `TYPEBAR_REPORT_HTML=/tmp/report.html swift test --filter samplePage` writes it there.
    @Test("The sample page is a well-formed document, and the file written holds exactly the rendered report")
    func samplePage() throws {
        let scratch = Scratch()
        let path = ProcessInfo.processInfo.environment["TYPEBAR_REPORT_HTML"] ?? scratch.url.appendingPathComponent("report.html").path
        let html = F.report.rendered(as: .html)
        try html.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == html)
        #expect(Self.unbalancedElements(html) == [])
        // The checker itself finds what it is for.
        #expect(Self.unbalancedElements("<div><p>text</div>") == ["</div> closes <p>", "<div> is never closed", "<p> is never closed"])
        #expect(Self.unbalancedElements("<svg><rect x=\"1\"/></svg><br><style>a > b {}</style>") == [])
    }
}
