import Foundation
import TypeBarCore

/// Which records `typebar history` (and the reports) show: by mode, candidate and date, and the last N of those.
public struct HistoryQuery: Sendable {
    public var mode: HistoryRecord.Mode?
    /// Matched without regard to case.
    public var candidate: String?
    /// Assessment name, matched without regard to case.
    public var assessment: String?
    /// Seconds since 1970: records at or after it.
    public var since: Double?
    /// Only the last this many (of those that match).
    public var last: Int?

    public init(mode: HistoryRecord.Mode? = nil, candidate: String? = nil, assessment: String? = nil, since: Double? = nil, last: Int? = nil) {
        self.mode = mode
        self.candidate = candidate
        self.assessment = assessment
        self.since = since
        self.last = last
    }

    public func matches(_ record: HistoryRecord) -> Bool {
        if let mode, record.mode != mode { return false }
        if let candidate, record.candidate?.lowercased() != candidate.lowercased() { return false }
        if let assessment, record.assessment?.lowercased() != assessment.lowercased() { return false }
        if let since, record.time < since { return false }
        return true
    }

    /// The matching records of `file`, in file order; with `last`, only that many are ever held.
    public func records(in file: HistoryFile) throws(TypeBarError) -> (records: [HistoryRecord], skipped: HistoryFile.Skipped) {
        var kept: [HistoryRecord] = []
        let limit = last
        let skipped = try file.read { record, _ in
            guard matches(record) else { return }
            kept.append(record)
            if let limit, kept.count > 2 * max(limit, 1000) { kept.removeFirst(kept.count - limit) }
        }
        if let limit { kept = Array(kept.suffix(limit)) }
        return (kept, skipped)
    }
}

/// The history as a table for a person, or as CSV for a spreadsheet.
public enum HistoryTable {
    /// Columns that fit `width`: the flags column takes what is left and is cut to fit; in a narrow window whole
    /// columns give way (errors, the desk's figure, candidate, time, mode) rather than lines running over and
    /// wrapping mid-word. The DESK column (a desk shift's judgement, a free one's writing) is there only when a
    /// record shown has one.
    public static func text(_ records: [HistoryRecord], width: Int, utcOffset: Int) -> [String] {
        let showCandidate = records.contains { $0.candidate != nil }
        let desk = records.map(deskText)
        // Each column: its header, its cells, its least width (as the table has always had), whether numbers align
        // right, and the order in which columns give way.
        typealias Column = (header: String, cells: [String], minimum: Int, right: Bool, dropOrder: Int)
        var columns: [Column] = [
            ("ID", records.map { shortID($0.id) }, 8, false, 99),
            ("WHEN", records.map { localTime($0.time, offset: utcOffset) }, 16, false, 4),
            ("MODE", records.map(\.group), 4, false, 5),
            ("CANDIDATE", records.map { $0.candidate ?? "" }, 9, false, 3),
            ("NET", records.map { $0.proofread == nil ? formatDecimal($0.netWPM, places: 1) : "–" }, 5, true, 99),
            ("ACC%", records.map { formatDecimal($0.accuracy, places: 1) }, 5, true, 99),
            ("ERR", records.map { String($0.uncorrectedErrors) }, 3, true, 1),
            ("DESK", desk, 4, false, 2),
            ("BAR", records.map(barText), 8, false, 99),
        ]
        if desk.allSatisfy(\.isEmpty) { columns.remove(at: 7) }
        if !showCandidate { columns.remove(at: 3) }
        func columnWidth(_ column: Column) -> Int {
            max(column.minimum, column.header.count, column.cells.map(\.count).max() ?? 0)
        }
        func total() -> Int { columns.reduce(0) { $0 + columnWidth($1) } + 2 * (columns.count - 1) }
        while total() > width, let drop = columns.indices.filter({ columns[$0].dropOrder < 99 }).min(by: { columns[$0].dropOrder < columns[$1].dropOrder }) {
            columns.remove(at: drop)
        }
        let widths = columns.map(columnWidth)
        func row(_ cells: [String], flags: String) -> String {
            var line = ""
            for (index, cell) in cells.enumerated() {
                if index > 0 { line += "  " }
                line += columns[index].right ? cell.leftPadded(to: widths[index]) : cell.padded(to: widths[index])
            }
            let room = width - line.count - 2
            if !flags.isEmpty && room > 3 {
                line += "  " + (flags.count > room ? String(flags.prefix(room - 1)) + "…" : flags)
            }
            while line.last == " " { line.removeLast() }
            return line
        }
        var lines = [row(columns.map(\.header), flags: "FLAGS")]
        for (index, record) in records.enumerated() {
            lines.append(row(columns.map { $0.cells[index] }, flags: record.flags.map(\.name).joined(separator: ",")))
        }
        return lines
    }

    /// The DESK column: "judge 75" for a desk shift's judgement, "write 82" for a free one's writing, else empty.
    static func deskText(_ record: HistoryRecord) -> String {
        if let judgement = record.chat?.judgement { return "judge " + formatDecimal(judgement, places: 0) }
        if let writing = record.chat?.writing { return "write " + formatDecimal(writing, places: 0) }
        return ""
    }

    /// The BAR column: "meets 40", or the rules the result failed: "speed<40", "acc<95", "errors>3", joined by "+".
    /// A chat shift says which of its targets it missed, by the names its record keeps.
    static func barText(_ record: HistoryRecord) -> String {
        if let chat = record.chat { return chatBarText(chat, record: record) }
        if let proofread = record.proofread { return proofreadBarText(record, proofread) }
        guard !record.meetsBar else { return "meets " + formatDecimal(record.barWPM, places: 0) }
        var failed: [String] = []
        if record.netWPM < record.barWPM { failed.append("speed<" + formatDecimal(record.barWPM, places: 0)) }
        if record.accuracy < record.minimumAccuracy { failed.append("acc<" + percent(record.minimumAccuracy)) }
        if let limit = record.maximumErrors, record.wordErrors > limit { failed.append("errors>" + String(limit)) }
        return failed.isEmpty ? "below " + formatDecimal(record.barWPM, places: 0) : failed.joined(separator: "+")
    }

    /// A chat shift's BAR column: "meets all", or its missed targets: "first-reply>60s", "abandoned", "not-served",
    /// "acc<95", "wrong-detail", "speed<40", and on the desk "judgement<70", "satisfied<80%", "missed-action",
    /// "writing<70", joined by "+". A limit above zero is named ("abandoned>1").
    static func chatBarText(_ chat: ChatSummary, record: HistoryRecord) -> String {
        guard !chat.missedTargets.isEmpty else { return record.meetsBar ? "meets all" : "not met" }
        let desk = record.chatTargetsInForce
        func least(_ value: Double?) -> String { value.map { formatDecimal($0, places: 0) } ?? "?" }
        return chat.missedTargets.map { name in
            switch name {
            case "first_response": "first-reply>" + formatDecimal(chat.maxFirstResponse, places: 0) + "s"
            case "abandoned": chat.maxAbandoned == 0 ? "abandoned" : "abandoned>\(chat.maxAbandoned)"
            case "not_served": "not-served"
            case "reply_accuracy": "acc<" + percent(record.minimumAccuracy)
            case "wrong_details": chat.maxWrongDetails == 0 ? "wrong-detail" : "wrong-details>\(chat.maxWrongDetails)"
            case "net_wpm": "speed<" + formatDecimal(record.barWPM, places: 0)
            case "judgement": "judgement<" + least(desk?.judgement)
            case "satisfaction": "satisfied<" + least(desk?.satisfaction) + "%"
            case "actions": (desk?.missedActions ?? 0) == 0 ? "missed-action" : "missed-actions>\(desk?.missedActions ?? 0)"
            case "writing": "writing<" + least(desk?.writing)
            default: name
            }
        }.joined(separator: "+")
    }

    /// A minimum accuracy as the BAR column shows it: "95", or "92.5".
    private static func percent(_ value: Double) -> String {
        formatDecimal(value, places: value == value.rounded(.down) ? 0 : 1)
    }

    /// A proofreading drill's BAR column: "meets 30 s", or what fell short: "missed 2", "added 1", "pace>30 s",
    /// "left", joined by "+".
    static func proofreadBarText(_ record: HistoryRecord, _ proofread: ProofreadSummary) -> String {
        let target = formatDecimal(proofread.targetSeconds, places: 0) + " s"
        guard !record.meetsBar else { return "meets " + target }
        var failed: [String] = []
        if proofread.submitted < proofread.drafts { failed.append("left") }
        if proofread.fixed < proofread.planted { failed.append("missed \(proofread.planted - proofread.fixed)") }
        if proofread.introduced > 0 { failed.append("added \(proofread.introduced)") }
        if (proofread.secondsPerDraft ?? .infinity) > proofread.targetSeconds { failed.append("pace>" + target) }
        return failed.joined(separator: "+")
    }

    /// The part of an id a person types: its random tail, which `typebar replay` accepts.
    public static func shortID(_ id: String) -> String {
        guard let dash = id.lastIndex(of: "-") else { return id }
        return String(id[id.index(after: dash)...])
    }

    /// "2026-11-23 10:15" at `offset` seconds from UTC.
    public static func localTime(_ time: Double, offset: Int) -> String {
        let text = Timestamp.text(time + Double(offset))
        return String(text.prefix(10)) + " " + String(text.dropFirst(11).prefix(5))
    }

    public static let csvColumns = [
        "id", "time", "mode", "candidate", "assessment", "passages", "time_limit", "elapsed_seconds", "net_wpm", "gross_wpm", "accuracy",
        "keystroke_accuracy", "uncorrected_errors", "corrected_errors", "word_errors", "characters", "consistency", "completed",
        "bar_wpm", "min_accuracy", "max_errors", "meets_bar", "flags", "signed", "log", "typebar_version",
    ]

    /// One CSV row (RFC 4180) per record, after the header row.
    public static func csv(_ record: HistoryRecord) -> String {
        func number(_ value: Double?) -> String { value.map { JSONValue.number($0).rendered } ?? "" }
        let fields: [String] = [
            record.id, Timestamp.text(record.time), record.mode.rawValue, record.candidate ?? "", record.assessment ?? "",
            record.passages.joined(separator: " "), number(record.timeLimit), number(record.elapsedSeconds), number(record.netWPM),
            number(record.grossWPM), number(record.accuracy), number(record.keystrokeAccuracy), String(record.uncorrectedErrors),
            record.correctedErrors.map(String.init) ?? "", String(record.wordErrors), String(record.characters), number(record.consistency),
            String(record.completed), number(record.barWPM), number(record.minimumAccuracy), record.maximumErrors.map(String.init) ?? "",
            String(record.meetsBar), record.flags.map(\.name).joined(separator: " "), String(record.signature != nil), record.log ?? "",
            record.typebarVersion,
        ]
        return fields.map(csvField).joined(separator: ",")
    }

    public static var csvHeader: String { csvColumns.joined(separator: ",") }

    /// A field quoted when it holds a comma, a quote or a line break; a leading =, +, - or @, tab or carriage return
    /// (OWASP's list of characters that start a formula) is kept from being read as a spreadsheet formula.
    public static func csvField(_ text: String) -> String {
        var value = text
        if let first = value.unicodeScalars.first, "=+@\t\r".unicodeScalars.contains(first) || (first == "-" && Double(value) == nil) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
