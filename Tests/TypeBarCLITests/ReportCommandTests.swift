import Foundation
import Testing
import TypeBarKit

/// `typebar report --template FILE`, end to end with the real binary: a trainer's page, and the errors for a
/// template that is missing, broken, or given with a format other than HTML.
@Suite("typebar report --template")
struct ReportCommandTests {
    let scratch = Scratch()

    /// A history holding one assessment attempt of "Ana <Ruiz>".
    func history() throws -> String {
        var record = HistoryRecord()
        record.id = "20261118T110640-0a0a0001"
        record.time = 1_795_000_000
        record.mode = .assessment
        record.candidate = "Ana <Ruiz>"
        record.assessment = "support-l1"
        record.netWPM = 46.2
        record.accuracy = 97.5
        record.barWPM = 40
        record.minimumAccuracy = 95
        record.meetsBar = true
        record.timeline = [30, 40, 46.2]
        let path = scratch.url.appendingPathComponent("history.jsonl").path
        try HistoryFile(path: path).append(record)
        return path
    }

    @Test("A trainer's template brands the page; names are still escaped")
    func branded() throws {
        let history = try history()
        let template = scratch.write("acme.mustache", """
            <h1>Acme hiring</h1>
            {{#sections}}
            {{> assessment}}
            {{/sections}}

            """)
        let run = try typebar(["report", "--format", "html", "--template", template, history])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("<h1>Acme hiring</h1>\n<section class=\"assessment\">\n"))
        #expect(run.stdout.contains("Ana &lt;Ruiz&gt;") && !run.stdout.contains("<Ruiz>"))
        #expect(run.stdout.contains("<svg class=\"chart\""))
    }

    @Test("A missing or broken template, or one given for another format, exits 2 naming the file and line")
    func refused() throws {
        let history = try history()
        let missing = scratch.url.appendingPathComponent("none.mustache").path
        let gone = try typebar(["report", "--format", "html", "--template", missing, history])
        #expect(gone.status == 2)
        #expect(gone.stderr.contains("\(missing): cannot read: no such template file"), "\(gone.stderr)")
        let broken = scratch.write("broken.mustache", "<h1>Acme</h1>\n{{#sections}}\n<h2>{{assessment}</h2>\n{{/sections}}\n")
        let bad = try typebar(["report", "--format", "html", "--template", broken, history])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("\(broken):3: a tag is not finished"), "\(bad.stderr)")
        #expect(bad.stdout.isEmpty)
        let csv = try typebar(["report", "--format", "csv", "--template", broken, history])
        #expect(csv.status == 2)
        #expect(csv.stderr.contains("--template shapes the HTML page; give --format html or leave it out"), "\(csv.stderr)")
    }
}
