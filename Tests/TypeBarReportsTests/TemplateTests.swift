import Foundation
import Testing
import TestSupport
import TypeBarKit
@testable import TypeBarReports

/// The report's templates: embedded byte for byte, escaping everything, and a trainer's own page with clear errors.
@Suite("Report templates")
struct TemplateTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/TypeBarReports/Templates").standardized

    @Test("The embedded templates are exactly the files in Templates/ (run scripts/embed-templates.py after editing)")
    func embedded() throws {
        let onDisk = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".mustache") }.sorted()
        #expect(onDisk.map { String($0.dropLast(".mustache".count)) } == BuiltInTemplates.files.map(\.name))
        for (file, embedded) in zip(onDisk, BuiltInTemplates.files) {
            let bytes = try Data(contentsOf: Self.folder.appendingPathComponent(file))
            #expect(Array(bytes) == Array(embedded.text.utf8), "\(file) differs from its embedded copy")
        }
    }

    @Test("No built-in template places a value unescaped but the chart its drawn SVG; the partials a page may include are the built-in ones")
    func builtInEscapes() throws {
        for (name, text) in BuiltInTemplates.files {
            try ReportTemplate.checkTags(text, path: name)
            #expect(!text.contains("{{&") && !text.contains("CONTENT_TYPE"), "\(name)")
            #expect(text.components(separatedBy: "{{{").count - 1 == (name == "chart" ? 1 : 0), "\(name)")
        }
        #expect(BuiltInTemplates.text(of: "chart").contains(ReportTemplate.chartTag))
        #expect(Set(ReportTemplate.partials + ["report"]) == Set(BuiltInTemplates.files.map(\.name)))
    }

    @Test("Values are escaped by their bytes: a quote or bracket followed by a combining mark is still escaped")
    func combiningMarks() throws {
        #expect(ReportEscape().escapeText(#"a&b<c>d"e'f é"#) == "a&amp;b&lt;c&gt;d&quot;e&#39;f é")
        #expect(ReportEscape().escapeText("plain 12.5, 30") == "plain 12.5, 30")
        var record = ReportFixture.bo
        record.candidate = "Bo \"\u{301} onmouseover=x <\u{338}b>"
        let report = AssessmentReport(records: [record], key: nil, generated: ReportFixture.base, sources: [], duplicates: 0)
        let html = report.rendered(as: .html)
        #expect(html.contains("<a href=\"#a1-c1\">Bo &quot;\u{301} onmouseover=x &lt;\u{338}b&gt;</a>"))
        #expect(html.contains("aria-label=\"Net WPM at the end of each second of Bo &quot;\u{301} onmouseover=x"))
        #expect(!html.unicodeScalars.elementsEqual(html.unicodeScalars.filter { $0 != "\u{301}" }) && !html.contains("\"\u{301}"))
        #expect(!html.contains("<\u{338}"))
    }

    @Test("A trainer's page: its own words around the built-in blocks, every value escaped by the engine")
    func trainerPage() throws {
        let page = """
            <!doctype html>
            <title>Acme hiring: {{#sections}}{{^first()}}, {{/first()}}{{assessment}}{{/sections}}</title>
            <style>
            {{> style}}</style>
            <h1>Acme support hiring</h1>
            <p>Made {{generated_readable}} from {{#sources}}{{.}} {{/sources}}</p>
            {{#sections}}
            {{> assessment}}
            {{/sections}}

            """
        let template = try ReportTemplate(page: page, path: "acme.mustache")
        let html = ReportFixture.report.html(with: template)
        #expect(html.hasPrefix("<!doctype html>\n<title>Acme hiring: support-l1, sales-l2</title>\n<style>\n:root {"))
        #expect(html.contains("<p>Made 2026-11-18 12:06 UTC from lab-a/history.jsonl lab-b/history.jsonl </p>\n"))
        #expect(html.contains(#"=Kim, Dee &quot;DK&quot; &lt;b&gt;"#) && !html.contains("<b>"))
        // The assessment blocks are the built-in page's, byte for byte.
        let builtIn = ReportFixture.report.rendered(as: .html)
        let start = try #require(builtIn.range(of: #"<section class="assessment">"#)).lowerBound
        let end = try #require(builtIn.range(of: "</main>")).lowerBound
        #expect(html.contains(builtIn[start..<end]))
        #expect(html.hasSuffix("</section>\n"))
    }

    @Test("A trainer's page may place the chart typebar draws with {{{chart_svg}}}: the same SVG, its names escaped")
    func trainerChart() throws {
        var record = ReportFixture.bo
        record.candidate = "Bo <b>\"&'"
        let report = AssessmentReport(records: [record], key: nil, generated: ReportFixture.base, sources: [], duplicates: 0)
        let page = "{{#sections}}{{#candidates}}{{#chart}}<div class=\"mine\">{{attempt}}\n{{{chart_svg}}}</div>{{/chart}}{{/candidates}}{{/sections}}\n"
        let html = report.html(with: try ReportTemplate(page: page, path: "mine.mustache"))
        let builtIn = report.rendered(as: .html)
        let svg = builtIn[try #require(builtIn.range(of: "<svg")).lowerBound..<(try #require(builtIn.range(of: "</svg>")).upperBound)]
        #expect(html == "<div class=\"mine\">\(record.attempt ?? 1)\n\(svg)</div>\n")
        #expect(svg.contains("Bo &lt;b&gt;&quot;&amp;&#39;") && !svg.contains("<b>"))
    }

    @Test("The example page in docs/reports.md renders: its header, the built-in styles and blocks")
    func documentedExample() throws {
        let doc = try String(contentsOf: Self.folder.appendingPathComponent("../../../docs/reports.md").standardized, encoding: .utf8)
        let start = try #require(doc.range(of: "```mustache\n"))
        let end = try #require(doc[start.upperBound...].range(of: "```\n"))
        let template = try ReportTemplate(page: String(doc[start.upperBound..<end.lowerBound]), path: "docs/reports.md")
        let html = ReportFixture.report.html(with: template)
        #expect(html.contains("<title>Acme support hiring: support-l1, sales-l2</title>"))
        #expect(html.contains("@media print") && html.contains("header.acme h1 { margin: 0; }"))
        #expect(html.contains("<p>Generated 2026-11-18 12:06 UTC. 1 record found in more than one file was counted once."))
        #expect(html.components(separatedBy: #"<section class="candidate""#).count - 1 == 4)
        #expect(!html.contains("No assessment results were found."))
        #expect(html.hasSuffix("</main>\n</body>\n</html>\n"))
    }

    @Test("A broken template is refused with its line and what is wrong", arguments: [
        ("<p>\n{{#sections}}\n{{assessment}\n{{/sections}}\n", 3, "a tag is not finished"),
        ("<p>\n{{#sections}}\n{{/candidates}}\n", 3, "closed with another name"),
        ("<p>\n{{^sections}}\nnone\n", 4, "opened and never closed"),
        ("<h1>\n{{{assessment}}}\n", 2, "without escaping"),
        ("<h1>\n<p>{{ &provenance }}</p>\n", 2, "without escaping"),
        ("{{#chart}}\n{{{description}}}\n{{/chart}}\n", 2, "the one exception is the chart typebar draws, {{{chart_svg}}}"),
        ("{{#chart}}{{{ chart_svg }}}{{/chart}}\n", 1, "without escaping"),
        ("{{#chart}}{{{chart_svg.x}}}{{/chart}}\n", 1, "without escaping"),
        ("{{#chart}}{{&chart_svg}}{{/chart}}\n", 1, "without escaping"),
        ("{{#chart}}{{{{chart_svg}}}}{{/chart}}\n", 1, "without escaping"),
        ("{{=<% %>=}}\n", 1, "change how tags are read"),
        ("{{%CONTENT_TYPE: TEXT}}\n", 1, "without escaping"),
        ("<main>\n\n{{> footer}}\n", 3, #"there is no partial "footer"; the partials are style, assessment, candidate, result, chart"#),
    ])
    func broken(page: String, line: Int, words: String) {
        do {
            _ = try ReportTemplate(page: page, path: "brand.mustache")
            Issue.record("\(page) was accepted")
        } catch {
            #expect(error.description.hasPrefix("brand.mustache:\(line): "), "\(error)")
            #expect(error.description.contains(words), "\(error)")
        }
    }

    @Test("A template file that is missing, a folder, or not text is refused naming it")
    func files() throws {
        let scratch = Scratch()
        let missing = scratch.url.appendingPathComponent("none.mustache").path
        #expect(throws: TypeBarError.cannotRead(path: missing, reason: "no such template file; docs/reports.md has an example, or leave out --template for the built-in page")) {
            try ReportTemplate(path: missing)
        }
        #expect(throws: TypeBarError.cannotRead(path: scratch.url.path, reason: "it is a directory; give a template file")) {
            try ReportTemplate(path: scratch.url.path)
        }
        let binary = scratch.write("logo.png", Data([0x89, 0x50, 0x4E, 0x47, 0xFF, 0xFE, 0x00]))
        #expect(throws: TypeBarError.badFile(path: binary, problem: "the template is not UTF-8 text")) { try ReportTemplate(path: binary) }
        let good = scratch.write("brand.mustache", "<h1>Acme</h1>\n{{#sections}}<h2>{{assessment}}</h2>\n{{/sections}}")
        #expect(ReportFixture.report.html(with: try ReportTemplate(path: good)) == "<h1>Acme</h1>\n<h2>support-l1</h2>\n<h2>sales-l2</h2>\n")
    }
}
