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

/// `typebar report` on a free-mode shift kept by `typebar score --save` (Hunspell's dictionary both times), taken as
/// a candidate's assessment attempt: the transcript with the marks, end to end with the real binary; and the same
/// report once the log is gone.
@Suite("typebar report: transcripts")
struct ReportTranscriptCommandTests {
    @Test("The report shows the replayed conversation with its marks in Markdown, HTML and JSON; without the log it says why")
    func transcripts() throws {
        let scratch = Scratch()
        let history = scratch.path("h/history.jsonl")
        let log = scratch.write("free.jsonl", scriptedFreeLog())
        let saved = try typebar(["score", "--keys", log, "--save", "--history", history])
        #expect(saved.status == 1, "\(saved.stdout)\(saved.stderr)")
        // The kept shift, as a candidate's attempt at an assessment (the report leaves out other records).
        let line = try String(contentsOfFile: history, encoding: .utf8)
        #expect(line.hasPrefix("{\"") && line.components(separatedBy: "\n").count == 2)
        try ("{\"candidate\":\"Lee <Tester>\",\"assessment\":\"free round\",\"attempt\":1," + line.dropFirst())
            .write(toFile: history, atomically: true, encoding: .utf8)

        let markdown = try typebar(["report", "--format", "md", "--history", history])
        #expect(markdown.status == 0, "\(markdown.stderr)")
        let lines = markdown.stdout.components(separatedBy: "\n")
        #expect(lines.contains("#### Lee \\<Tester\\>: best and latest attempt (1)"), "\(markdown.stdout)")
        #expect(lines.contains("**Lukas**: served, rated 4/5 (got a workable answer, not the best one)."))
        #expect(lines.contains("- 0:00 *Lukas*: Where is my refund of $81.49 for order #39051?"))
        #expect(lines.contains("- 0:05 *Candidate*: Hi Lukas, calm down. I have refunded $81.49 for order #39051 and you will ‹recieve› the ‹monney› back. — 4/10; −2: no next step (what happens and when); −2: 'calm down' is dismissive; −1: 'recieve' misspelt; −1: 'monney' misspelt"))
        #expect(lines.contains("- 0:07 *Lukas*: Thanks, bye!"))
        #expect(lines.contains("- 0:11 *Candidate*: Thanks for chatting, Lukas. Have a lovely day! — 10/10"))
        #expect(lines.contains("- 0:11 *Action*: closed as billing — right"))
        // Writing (4 + 10) / 2 × 10 = 70; Lukas rated 4 of 5 (100 % satisfied); served, so resolved; the close right.
        #expect(lines.contains("| Lee \\<Tester\\> | 70 | 100.0 % | 4.0/5 | 100.0 % | 1/1 |"))

        let html = try typebar(["report", "--format", "html", "--history", history])
        #expect(html.stdout.contains(#"you will <mark class="misspelt" title="misspelt">recieve</mark> the"#))
        #expect(html.stdout.contains("<h4>Transcript: Best and latest (attempt 1)</h4>"))
        #expect(html.stdout.contains("Lee &lt;Tester&gt;") && !html.stdout.contains("<Tester>"))
        let json = try jsonObject(try typebar(["report", "--format", "json", "--history", history]).stdout)
        let best = try #require((((json["assessments"] as? [[String: Any]])?.first?["candidates"] as? [[String: Any]])?.first?["best"]) as? [String: Any])
        let transcript = try #require(best["transcript"] as? [String: Any])
        let messages = try #require((transcript["customers"] as? [[String: Any]])?.first?["messages"] as? [[String: Any]])
        #expect(messages[1]["points"] as? Int == 4 && messages[1]["misspelt"] as? [String] == ["recieve", "monney"])

        // The log gone: the report is still written, and says why the transcript is missing.
        let kept = try #require(try jsonObject(try typebar(["history", "--json", "--history", history]).stdout)["log"] as? String)
        try FileManager.default.removeItem(atPath: scratch.path("h/" + kept))
        let without = try typebar(["report", "--format", "md", "--history", history])
        #expect(without.status == 0, "\(without.stderr)")
        #expect(without.stdout.contains("The transcript is unavailable: keystroke log missing: no file at \(scratch.path("h/" + kept))."), "\(without.stdout)")
        #expect(without.stdout.contains("| Lee \\<Tester\\> | 1 | 1/1 |"))
    }
}
