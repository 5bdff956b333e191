import TypeBarKit

extension AssessmentReport {
    /// The report over records handed over one at a time, in any order, each id once: a store's rows as they
    /// stream. It folds them into the tally `AssessmentReportReader` uses for history files, so the report is the
    /// same: of each record an `Attempt`, and of each candidate's best and latest attempts the record as handed
    /// over, replaced at the end by the whole record (`keptIDs`, `report(full:…)`). So the records handed over may
    /// leave out what the report never shows of the other attempts (their per-key tables, bigrams and timelines)
    /// when no key is given: a signature's presence is all that matters then.
    public struct Stream {
        private var tally = ReportTally<HistoryRecord>()
        private let key: [UInt8]?

        public init(key: [UInt8]?) { self.key = key }

        /// Adds one record; with a key it must be whole, as its signature is checked.
        public mutating func add(_ record: HistoryRecord) {
            tally.add(record, source: record, signature: AssessmentReport.status(of: record, key: key))
        }

        /// The ids of the records the report shows whole: each candidate's best and latest attempts.
        public var keptIDs: [String] {
            var ids = Set<String>()
            var copy = tally
            copy.mapSources { ids.insert($0.id) }
            return ids.sorted()
        }

        /// The report; `full` gives the whole record of a kept id (nil: the record as it was handed over).
        public func report(full: (String) -> HistoryRecord?, generated: Double, sources: [String]) -> AssessmentReport {
            let sections = tally.sections { full($0.id) ?? $0 }
            return AssessmentReport(sections: sections, key: key, generated: generated, sources: sources, duplicates: 0)
        }
    }
}
