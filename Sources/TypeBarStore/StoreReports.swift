import Foundation
import PostgresNIO
import TypeBarCore
import TypeBarKit
import TypeBarReports

extension PostgresStore {
    /// How many results the store holds.
    public func count() throws -> Int {
        var count = 0
        try rows("SELECT count(*)::integer FROM typebar_results") { count = try $0.decode(Int.self) }
        return count
    }

    /// `typebar stats` from the store: the progress figures from a stream of a few columns per result (the whole
    /// record is never sent), and the key costs from the latest 100 records in full.
    public func stats(candidate: String?) throws -> HistoryStats {
        var stats = HistoryStats()
        let query = HistoryQuery(candidate: candidate)
        try rows(PostgresStore.select("record->>'time', net_wpm, accuracy, mode, (record->>'time_limit')::float8, assessment, record->'passages'->>0", query)) { row in
            let (timeText, net, accuracy, modeText, timeLimit, assessment, passage) = try row.decode((String, Double, Double, String, Double?, String?, String?).self)
            guard let time = Timestamp.seconds(Array(timeText.utf8)), let mode = HistoryRecord.Mode(rawValue: modeText) else { return }
            let group = HistoryRecord.group(mode: mode, timeLimit: timeLimit, assessment: assessment, firstPassage: passage)
            stats.progress.add(ProgressSummary.Session(time: time, netWPM: net, accuracy: accuracy), group: group)
            stats.firstTime = min(stats.firstTime ?? time, time)
            stats.lastTime = max(stats.lastTime ?? time, time)
        }
        var recent = query
        recent.last = HistoryStats.keySessions
        _ = try read(recent) { stats.keyCosts.add($0) }
        return stats
    }

    /// The assessment report from the store. Filters run in SQL and rows stream in time order; each record's
    /// signature is checked as it passes, and only what the report shows is kept: per attempt its figures and flags,
    /// and the timeline of the attempts that can still be a candidate's best. Memory grows with the attempts'
    /// figures, not with their per-key tables and timelines.
    public func report(_ query: HistoryQuery, key: [UInt8]?, generated: Double) throws -> (report: AssessmentReport, warnings: [String]) {
        var kept: [HistoryRecord] = []
        var signatures: [String: AssessmentReport.SignatureStatus] = [:]
        // Per candidate: the index in `kept` of the fastest attempt, and of the fastest that passed (the later on a
        // tie, as `AssessmentReport.Candidate.best` chooses), which keep their timelines.
        var fastest: [String: Int] = [:]
        var fastestPassing: [String: Int] = [:]
        func dropTimeline(_ index: Int?, unlessIn others: Int?) {
            guard let index, index != others else { return }
            kept[index].timeline = []
        }
        // Typing and chat-desk assessments alike: every result taken under an assessment, by a named candidate.
        let warnings = try read(query, also: "assessment IS NOT NULL AND candidate IS NOT NULL") { record in
            guard let assessment = record.assessment, let candidate = record.candidate else { return }
            let who = assessment + "\u{0}" + (record.configHash ?? "") + "\u{0}" + candidate
            let status: AssessmentReport.SignatureStatus
            if record.signature == nil {
                status = .unsigned
            } else if let key {
                status = HistorySignature.isValid(record, key: key) ? .valid : .invalid
            } else {
                status = .unchecked
            }
            signatures[who] = PostgresStore.worse(signatures[who], status)
            var trimmed = record
            trimmed.keys = []
            trimmed.bigrams = []
            trimmed.passages = []
            trimmed.textHash = ""
            trimmed.verdict = ""
            trimmed.typebarVersion = ""
            trimmed.log = nil
            trimmed.logHash = nil
            trimmed.signature = nil
            kept.append(trimmed)
            let index = kept.count - 1
            let previousFastest = fastest[who]
            let previousPassing = fastestPassing[who]
            if previousFastest.map({ trimmed.netWPM >= kept[$0].netWPM }) ?? true { fastest[who] = index }
            if trimmed.meetsBar, previousPassing.map({ trimmed.netWPM >= kept[$0].netWPM }) ?? true { fastestPassing[who] = index }
            if fastest[who] != previousFastest { dropTimeline(previousFastest, unlessIn: fastestPassing[who]) }
            if fastestPassing[who] != previousPassing { dropTimeline(previousPassing, unlessIn: fastest[who]) }
            if fastest[who] != index && fastestPassing[who] != index { kept[index].timeline = [] }
        }
        var report = AssessmentReport(records: kept, key: nil, generated: generated, sources: [name], duplicates: 0)
        report.keyGiven = key != nil
        for section in report.sections.indices {
            for candidate in report.sections[section].candidates.indices {
                let name = report.sections[section].candidates[candidate].name
                let who = report.sections[section].assessment + "\u{0}" + (report.sections[section].configHash ?? "") + "\u{0}" + name
                report.sections[section].candidates[candidate].signature = signatures[who] ?? .unsigned
            }
        }
        return (report, warnings)
    }

    static func worse(_ a: AssessmentReport.SignatureStatus?, _ b: AssessmentReport.SignatureStatus) -> AssessmentReport.SignatureStatus {
        let order: [AssessmentReport.SignatureStatus] = [.valid, .unchecked, .unsigned, .invalid]
        guard let a else { return b }
        return order.firstIndex(of: a)! >= order.firstIndex(of: b)! ? a : b
    }

    /// Rows whose typed columns no longer say what their record says: a row changed by hand. The record is what
    /// signatures cover; the columns are what reports filter on, so both must agree.
    public func rowsDisagreeing(_ query: HistoryQuery) throws -> [(id: String, columns: [String])] {
        var found: [(id: String, columns: [String])] = []
        let (filter, binds) = try PostgresStore.filter(query)
        let sql = """
            SELECT id,
                   mode IS DISTINCT FROM record->>'mode',
                   candidate IS DISTINCT FROM record->>'candidate',
                   assessment IS DISTINCT FROM record->>'assessment',
                   config_sha256 IS DISTINCT FROM record->>'config_sha256',
                   net_wpm IS DISTINCT FROM (record->>'net_wpm')::float8,
                   accuracy IS DISTINCT FROM (record->>'accuracy')::float8,
                   passed IS DISTINCT FROM (record->>'meets_bar')::boolean,
                   id IS DISTINCT FROM record->>'id',
                   abs(extract(epoch FROM time) - extract(epoch FROM (record->>'time')::timestamptz)) > 0.001
            FROM typebar_results\(filter)
            ORDER BY time, id
            """
        let names = ["mode", "candidate", "assessment", "config_sha256", "net_wpm", "accuracy", "passed", "id", "time"]
        try rows(PostgresQuery(unsafeSQL: sql, binds: binds)) { row in
            var cells = row.makeIterator()
            let id = try cells.next()!.decode(String.self)
            var differing: [String] = []
            for name in names where try cells.next()!.decode(Bool?.self) ?? true { differing.append(name) }
            if !differing.isEmpty { found.append((id, differing)) }
        }
        return found
    }
}
