import Foundation
import TypeBarKit

/// Reads history files into an `AssessmentReport`: the records of one or many files (a class on several machines),
/// each id once, the first file that has it winning. The report itself is built from values; this is the one place
/// the report module reads files.
public enum AssessmentReportReader {
    /// The report over every file's records that match `query`, each id once (the first file that has it wins),
    /// read in one pass that keeps of each record only an `Attempt`, and the lines of each candidate's best and
    /// latest attempts: memory follows the number of attempts, not the history's bytes. Without a key, only a
    /// signature's presence matters, so each record's per-key table, bigrams and timeline (most of its bytes) are
    /// checked for structure and passed over, as `typebar stats` does; the kept lines are then read in full.
    /// Returns what was skipped as well. With `transcripts`, each chat candidate's best and latest attempts are
    /// replayed from the logs beside the history each came from, free-mode shifts with the dictionary it gives.
    public static func report(
        from files: [HistoryFile], matching query: HistoryQuery, key: [UInt8]?, generated: Double, transcripts spellers: SpellerSource? = nil
    ) throws(TypeBarError) -> (report: AssessmentReport, warnings: [String]) {
        var seen = Set<String>()
        var duplicates = 0
        var warnings: [String] = []
        var tally = ReportTally<KeptLine>()
        for file in files {
            // A large file is read in two halves at once, one per core, and the halves joined in order; if an id
            // turns up in both, the file is read again in one pass, so the first copy of a record is the one
            // counted, as always.
            let ranges = try file.halves()
            let results = PartResults(count: ranges.count)
            let earlier = seen
            DispatchQueue.concurrentPerform(iterations: ranges.count) { index in
                results.set(index, Result { () throws(TypeBarError) in
                    try ReportPart.read(file, bytes: ranges[index], query: query, key: key, seen: earlier)
                })
            }
            var parts: [ReportPart] = []
            for result in results.values { parts.append(try result.get()) }
            if parts.count == 2 && !parts[0].seen.isDisjoint(with: parts[1].seen) {
                parts = [try ReportPart.read(file, bytes: nil, query: query, key: key, seen: earlier)]
            }
            var skipped = HistoryFile.Skipped()
            for var part in parts {
                part.tally.renumber(by: skipped.lines)
                tally.merge(part.tally)
                seen.formUnion(part.seen)
                duplicates += part.duplicates
                skipped = skipped.followed(by: part.skipped)
            }
            warnings += skipped.warnings(path: file.path)
        }
        // The history each kept record came from, whose folder holds its log.
        var origins: [String: String] = [:]
        let sections = tally.sections { (kept: KeptLine) -> HistoryRecord in
            origins[kept.figures.id] = kept.path
            let full = kept.bytes.withUnsafeBufferPointer { HistoryLine.record(from: $0, detail: .full) }
            if case .success(let record) = full { return record }
            // Whole in structure but not in its values: the figures stand, the chart cannot be drawn.
            warnings.append("\(kept.path):\(kept.number): the per-key table, bigrams or timeline cannot be read; the result is reported without them")
            return kept.figures
        }
        var report = AssessmentReport(sections: sections, key: key, generated: generated, sources: files.map(\.path), duplicates: duplicates)
        if let spellers {
            report.replayTranscripts(spellers: spellers) { record in
                origins[record.id].map { HistoryFile(path: $0).log(of: record) } ?? .missing("the history holding \(record.id) is not known")
            }
        }
        return (report, warnings)
    }

    /// The matching records of every file, each id once (the first file that has it wins), with what was skipped.
    public static func records(
        in files: [HistoryFile], matching query: HistoryQuery
    ) throws(TypeBarError) -> (records: [HistoryRecord], duplicates: Int, warnings: [String]) {
        var seen = Set<String>()
        var records: [HistoryRecord] = []
        var duplicates = 0
        var warnings: [String] = []
        for file in files {
            let (found, skipped) = try query.records(in: file)
            warnings += skipped.warnings(path: file.path)
            for record in found {
                if seen.insert(record.id).inserted {
                    records.append(record)
                } else {
                    duplicates += 1
                }
            }
        }
        return (records, duplicates, warnings)
    }

    /// What one part of a file holds for the report: the tally of its records not in `seen` (each id once), the
    /// ids it counted, and what it skipped. Line numbers count from the part's start.
    struct ReportPart: @unchecked Sendable {
        var tally = ReportTally<KeptLine>()
        var seen = Set<String>()
        var duplicates = 0
        var skipped = HistoryFile.Skipped()

        static func read(
            _ file: HistoryFile, bytes: Range<Int>?, query: HistoryQuery, key: [UInt8]?, seen earlier: Set<String> = []
        ) throws(TypeBarError) -> ReportPart {
            var part = ReportPart()
            part.skipped = try file.readLines(detail: key == nil ? .report : .full, bytes: bytes) { (record, number, line) throws(TypeBarError) in
                guard query.matches(record) else { return }
                guard !earlier.contains(record.id), part.seen.insert(record.id).inserted else {
                    part.duplicates += 1
                    return
                }
                part.tally.add(record, source: KeptLine(figures: record, bytes: Array(line), path: file.path, number: number), signature: AssessmentReport.status(of: record, key: key))
            }
            return part
        }
    }

    /// The parts of a file read at once, each set by its own thread.
    private final class PartResults: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [Result<ReportPart, TypeBarError>?]

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ result: Result<ReportPart, TypeBarError>) {
            lock.lock()
            slots[index] = result
            lock.unlock()
        }

        var values: [Result<ReportPart, TypeBarError>] {
            lock.lock()
            defer { lock.unlock() }
            return slots.map { $0 ?? .failure(.badFile(path: "", problem: "a part of the history was not read")) }
        }
    }

    /// A history line kept for a full reading later, and where it came from.
    struct KeptLine {
        /// The record as the first reading found it.
        var figures: HistoryRecord
        var bytes: [UInt8]
        var path: String
        var number: Int
    }

}

extension ReportTally where Source == AssessmentReportReader.KeptLine {
    /// Adds `lines` to the kept lines' numbers: a second part of a file, numbered after the first.
    mutating func renumber(by lines: Int) {
        guard lines > 0 else { return }
        mapSources { $0.number += lines }
    }
}
