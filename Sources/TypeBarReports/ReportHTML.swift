import Mustache
import TypeBarKit

/// The HTML report's page: the Mustache templates in Templates/ (embedded in the binary as `BuiltInTemplates`, so a
/// binary copied on its own still has them), or a trainer's own page that reuses their partials. The engine escapes
/// every value it places, with `ReportEscape`; a template may not ask it not to (docs/reports.md), but for the chart
/// typebar draws itself (`chartTag`).
public struct ReportTemplate: Sendable {
    /// The partials a page can include with `{{> name}}`: the styles, an assessment's block, a candidate's block,
    /// the PASS or FAIL badge, the chart and a chat attempt's transcript.
    public static let partials = ["style", "assessment", "candidate", "result", "chart", "transcript"]
    /// The largest template file read: a page with its own styles and a logo as an inline SVG fits many times over.
    public static let maximumBytes = 1 << 20

    /// The built-in partials, and the page under the name `page`.
    let library: MustacheLibrary

    /// The built-in page.
    public static let builtIn: ReportTemplate = {
        do {
            return try ReportTemplate(page: BuiltInTemplates.text(of: "report"), path: "report.mustache")
        } catch {
            // The embedded templates are typebar's own and are parsed by the tests; this cannot happen in a release.
            preconditionFailure("the built-in report template does not parse: \(error)")
        }
    }()

    /// `page` as the page, with the built-in partials; `path` only names the template in errors.
    public init(page: String, path: String) throws(TypeBarError) {
        try ReportTemplate.checkTags(page, path: path)
        var library = MustacheLibrary()
        for name in ReportTemplate.partials {
            guard let partial = try? MustacheTemplate(string: ReportEscape.pragma + BuiltInTemplates.text(of: name)) else {
                throw .internal("the built-in template \"\(name)\" does not parse")
            }
            library.register(partial, named: name)
        }
        do {
            library.register(try MustacheTemplate(string: ReportEscape.pragma + page), named: "page")
        } catch let error as MustacheTemplate.ParserError {
            // The pragma's line, which the template does not have, is line 1 to the parser.
            throw .badLine(path: path, line: max(1, error.context.lineNumber - 1),
                           problem: "\(ReportTemplate.describe(error.error)) (column \(error.context.columnNumber)); fix the template, or leave out --template for the built-in page")
        } catch {
            throw .badFile(path: path, problem: "the template cannot be read: \(error)")
        }
        self.library = library
    }

    /// The page for `report`.
    public func render(_ report: AssessmentReport) -> String {
        library.render(Held(ReportView(report: report)), withTemplate: "page") ?? ""
    }

    /// The one tag that places a value unescaped, exactly as written here: the chart's `<svg>`, which typebar draws
    /// itself with every name in it escaped (`WPMChart.svg`).
    static let chartTag = "{{{chart_svg}}}"

    /// Refuses, line by line, what would place a value unescaped or change how tags are read (`{{{name}}}`,
    /// `{{&name}}`, a content-type pragma, new delimiters), but for `chartTag`, and partials that do not exist.
    static func checkTags(_ page: String, path: String) throws(TypeBarError) {
        for (index, line) in page.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "{{") {
                let tag = rest[open.upperBound...].drop { $0 == " " || $0 == "\t" }
                if let first = tag.first, "{&=%".contains(first), !rest[open.lowerBound...].hasPrefix(chartTag) {
                    throw .badLine(path: path, line: index + 1, problem: "\"{{\(first)\" would place a value without escaping or change how tags are read; write {{name}}: every value is escaped (the one exception is the chart typebar draws, \(chartTag))")
                }
                if tag.first == ">" {
                    let name = tag.dropFirst().prefix { $0 != "}" }.trimmingCharacters(in: .whitespaces)
                    guard partials.contains(name) else {
                        throw .badLine(path: path, line: index + 1, problem: "there is no partial \"\(name)\"; the partials are \(partials.joined(separator: ", "))")
                    }
                }
                rest = rest[open.upperBound...]
            }
        }
    }

    static func describe(_ error: Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "the template cannot be read (\(error))" }
        switch error {
        case .sectionCloseNameIncorrect: return "a section is closed with another name than the one it was opened with"
        case .unfinishedName: return "a tag is not finished: its name is empty or the closing }} is missing"
        case .expectedSectionEnd: return "a section is opened and never closed: {{/name}} is missing"
        case .invalidSetDelimiter: return "a delimiter change is malformed"
        case .transformAppliedToInheritanceSection, .illegalTokenInsideInheritSection, .textInsideInheritSection:
            return "a block inside an inherited template is malformed"
        case .invalidConfigVariableSyntax, .unrecognisedConfigVariable: return "a {{% pragma}} is not one the template engine knows"
        }
    }
}

/// HTML escaping applied to every value a template places: `&`, `<`, `>`, `"` and `'` become `&amp;`, `&lt;`,
/// `&gt;`, `&quot;` and `&#39;`, the engine's own replacements, but found in the UTF-8 bytes rather than among
/// characters. A quote followed by a combining mark is one `Character` that is not `"`, so an escape that compares
/// characters lets it through into an attribute; in the bytes it is still a quote, and is escaped. It is also what
/// keeps the page fast: most values hold none of the five and are returned as they are.
struct ReportEscape: MustacheContentType {
    static let name = "TYPEBAR_HTML"
    /// Put before every template, on a line of its own that the engine drops: it makes this the escape of the
    /// template's values (each partial starts from the engine's default again, so each gets it).
    static let pragma: String = {
        MustacheContentTypes.register(ReportEscape(), named: name)
        return "{{%CONTENT_TYPE:\(name)}}\n"
    }()

    func escapeText(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.contains(where: ReportEscape.isSpecial) else { return nil as String? }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 32)
            ReportEscape.append(bytes, to: &out)
            return String(decoding: out, as: UTF8.self)
        } ?? text
    }

    /// Whether `byte` is one of the five.
    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27
    }

    /// `text`'s bytes, escaped, at the end of `out`: what `escapeText` gives, without a string of its own.
    static func append(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { append($0, to: &out) }
    }

    private static func append(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var start = 0
        for (index, byte) in bytes.enumerated() where isSpecial(byte) {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
            switch byte {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
            default: out.append(contentsOf: "&#39;".utf8)
            }
            start = index + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
    }
}

extension AssessmentReport {
    /// The page through the built-in template.
    var htmlText: String { ReportTemplate.builtIn.render(self) }

    /// The page through `template`: the built-in one or a trainer's.
    public func html(with template: ReportTemplate) -> String { template.render(self) }

    /// "2026-11-23 10:15 UTC".
    static func readableTime(_ seconds: Double) -> String {
        HistoryTable.localTime(seconds, offset: 0) + " UTC"
    }
}

extension AssessmentReport.Candidate {
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
}
