import TypeBarKit

/// What a trainer files after an assessment: per assessment, its rules and each candidate's attempts, best and
/// latest result, pass or fail, flags and signature status. Built from values: records (`init(records:…)`), a
/// store's rows (`Stream`), or the tally `AssessmentReportReader` makes of history files, which are read there and
/// only there. Rendered by `ReportFormat`.
public struct AssessmentReport: Sendable {
    /// Whether a candidate's records carry valid signatures.
    public enum SignatureStatus: String, Sendable {
        /// Every attempt is signed and the key confirms each signature.
        case valid
        /// At least one attempt's signature does not match its content: the record was changed.
        case invalid
        /// At least one attempt carries no signature.
        case unsigned
        /// Signed, but no key was given to check the signatures.
        case unchecked

        /// Worst first: invalid, unsigned, unchecked, valid.
        var severity: Int {
            switch self {
            case .invalid: 3
            case .unsigned: 2
            case .unchecked: 1
            case .valid: 0
            }
        }
    }

    /// One attempt as the report lists it: enough for the tables, the flag lists and attempt numbers. The full
    /// record is kept only for each candidate's best and latest attempts.
    public struct Attempt: Sendable {
        public var id: String
        /// Seconds since 1970.
        public var time: Double
        /// The attempt number the record carries, if any.
        public var attempt: Int?
        public var netWPM: Double
        public var meetsBar: Bool
        public var flags: [HistoryRecord.Flag]

        public init(_ record: HistoryRecord) {
            id = record.id
            time = record.time
            attempt = record.attempt
            netWPM = record.netWPM
            meetsBar = record.meetsBar
            flags = record.flags
        }
    }

    public struct Candidate: Sendable {
        public var name: String
        /// Oldest first.
        public var attempts: [Attempt]
        /// The attempt that stands for the candidate: the fastest that passed, else the fastest (the later on a tie);
        /// on the chat desk, "fastest" is the most customers served, then the quickest median first reply. So a
        /// passing candidate's figures are those of a passing attempt, never a faster one that missed a rule.
        public var best: HistoryRecord
        public var latest: HistoryRecord
        public var signature: SignatureStatus
        /// On the chat desk, the transcripts of the best and latest attempts by record id, once replayed from their
        /// logs (`AssessmentReport.replayTranscripts`).
        public var transcripts: [String: ChatTranscript] = [:]

        /// A candidate from every one of their records, oldest first (at least one).
        public init(name: String, attempts records: [HistoryRecord], signature: SignatureStatus) {
            var tally = CandidateTally<HistoryRecord>()
            for record in records { tally.add(record, source: record, signature: signature) }
            self = tally.candidate(name: name) { $0 }
        }

        init(name: String, attempts: [Attempt], best: HistoryRecord, latest: HistoryRecord, signature: SignatureStatus) {
            self.name = name
            self.attempts = attempts
            self.best = best
            self.latest = latest
            self.signature = signature
        }

        /// Passed when any attempt met every rule.
        public var passed: Bool { attempts.contains { $0.meetsBar } }
        /// Flag names over all attempts, each once, in the order first seen.
        public var flags: [String] {
            var seen: [String] = []
            for flag in attempts.flatMap(\.flags) where !seen.contains(flag.name) { seen.append(flag.name) }
            return seen
        }
    }

    /// One assessment (a name and a config hash): its rules, from its latest record, and its candidates by name.
    public struct Section: Sendable {
        public var assessment: String
        public var configHash: String?
        public var timeLimit: Double?
        public var barWPM: Double
        public var minimumAccuracy: Double
        public var maximumErrors: Int?
        public var backspace: Bool
        public var attemptsAllowed: Int?
        public var candidates: [Candidate]
        /// For an assessment on the chat desk: its latest record's chat figures, which carry the targets.
        public var chat: ChatSummary?

        public var passed: Int { candidates.filter(\.passed).count }

        /// The rules in one line, as `AssessmentRules.summary` words them.
        public var rulesSummary: String {
            if let chat { return chatRulesSummary(chat) }
            return AssessmentRules.summary(
                seconds: timeLimit, bar: HiringBar(netWPM: barWPM, minimumAccuracy: minimumAccuracy),
                maximumErrors: maximumErrors, backspace: backspace, attempts: attemptsAllowed)
        }
    }

    public var sections: [Section]
    /// When the report was made (seconds since 1970).
    public var generated: Double
    /// The history files read.
    public var sources: [String]
    /// Records found in more than one file, counted once.
    public var duplicates: Int
    /// Whether a signing key was given, so signatures were checked.
    public var keyGiven: Bool

    /// Groups assessment `records` (in any order) by assessment and config hash, then by candidate.
    /// Records without an assessment or a candidate are left out.
    public init(records: [HistoryRecord], key: [UInt8]?, generated: Double, sources: [String], duplicates: Int) {
        var tally = ReportTally<HistoryRecord>()
        for record in records { tally.add(record, source: record, signature: AssessmentReport.status(of: record, key: key)) }
        self.init(sections: tally.sections { $0 }, key: key, generated: generated, sources: sources, duplicates: duplicates)
    }

    init(sections: [Section], key: [UInt8]?, generated: Double, sources: [String], duplicates: Int) {
        self.sections = sections
        self.generated = generated
        self.sources = sources
        self.duplicates = duplicates
        keyGiven = key != nil
    }

    static func status(of record: HistoryRecord, key: [UInt8]?) -> SignatureStatus {
        guard record.signature != nil else { return .unsigned }
        guard let key else { return .unchecked }
        return HistorySignature.isValid(record, key: key) ? .valid : .invalid
    }

    static func status(of records: [HistoryRecord], key: [UInt8]?) -> SignatureStatus {
        records.map { status(of: $0, key: key) }.max { $0.severity < $1.severity } ?? .unsigned
    }
}

/// Where a record stands in the report's order: by time, then id.
struct ReportOrder: Comparable {
    var time: Double
    var id: String

    static func < (lhs: ReportOrder, rhs: ReportOrder) -> Bool { (lhs.time, lhs.id) < (rhs.time, rhs.id) }
}

/// What makes one attempt a better best than another: net WPM, or for a chat shift the customers served and how
/// soon they were answered (`ChatShiftPoint.isBetterBest`, as `typebar stats` picks a chat best), never net WPM over
/// the little typing a shift ended early may hold. The later attempt wins a tie.
struct Standing {
    var netWPM: Double
    var chat: ChatShiftPoint?

    init(_ record: HistoryRecord) {
        netWPM = record.netWPM
        chat = record.chat.map { ChatShiftPoint(time: record.time, $0) }
    }

    func beats(_ held: Standing, order: ReportOrder, heldOrder: ReportOrder) -> Bool {
        if let chat, let heldChat = held.chat {
            if chat.isBetterBest(than: heldChat) { return true }
            if heldChat.isBetterBest(than: chat) { return false }
            return order > heldOrder
        }
        return (netWPM, order) > (held.netWPM, heldOrder)
    }
}

/// One candidate's attempts folded in one at a time, in any order, with `Source` (the record itself, or its
/// line) kept only for the attempts that may turn out best or latest.
struct CandidateTally<Source> {
    struct Held {
        var order: ReportOrder
        var standing: Standing
        var source: Source
    }

    var attempts: [AssessmentReport.Attempt] = []
    var signature: AssessmentReport.SignatureStatus?
    /// The best attempt that met the bar and the best of all (`Standing`), each the latest on a tie.
    var bestPassing: Held?
    var bestOfAll: Held?
    var latest: Held?

    mutating func add(_ record: HistoryRecord, source: @autoclosure () -> Source, signature: AssessmentReport.SignatureStatus) {
        let attempt = AssessmentReport.Attempt(record)
        attempts.append(attempt)
        if self.signature.map({ signature.severity > $0.severity }) ?? true { self.signature = signature }
        let order = ReportOrder(time: record.time, id: record.id)
        let standing = Standing(record)
        func beats(_ held: Held?) -> Bool {
            guard let held else { return true }
            return standing.beats(held.standing, order: order, heldOrder: held.order)
        }
        let passingWins = record.meetsBar && beats(bestPassing)
        let overallWins = beats(bestOfAll)
        let latestWins = latest.map { order > $0.order } ?? true
        guard passingWins || overallWins || latestWins else { return }
        let held = Held(order: order, standing: standing, source: source())
        if passingWins { bestPassing = held }
        if overallWins { bestOfAll = held }
        if latestWins { latest = held }
    }

    /// Folds in the attempts of another part of the history (no id in both).
    mutating func merge(_ other: CandidateTally) {
        attempts += other.attempts
        if let theirs = other.signature, signature.map({ theirs.severity > $0.severity }) ?? true { signature = theirs }
        func better(_ a: Held?, _ b: Held?) -> Held? {
            guard let a, let b else { return a ?? b }
            return b.standing.beats(a.standing, order: b.order, heldOrder: a.order) ? b : a
        }
        bestPassing = better(bestPassing, other.bestPassing)
        bestOfAll = better(bestOfAll, other.bestOfAll)
        if let theirs = other.latest, latest.map({ theirs.order > $0.order }) ?? true { latest = theirs }
    }

    mutating func mapSources(_ change: (inout Source) -> Void) {
        if bestPassing != nil { change(&bestPassing!.source) }
        if bestOfAll != nil { change(&bestOfAll!.source) }
        if latest != nil { change(&latest!.source) }
    }

    /// The candidate, with attempts oldest first; `resolve` turns a kept source into its full record.
    func candidate(name: String, resolve: (Source) -> HistoryRecord) -> AssessmentReport.Candidate {
        let sorted = attempts.sorted { ReportOrder(time: $0.time, id: $0.id) < ReportOrder(time: $1.time, id: $1.id) }
        let best = (bestPassing ?? bestOfAll)!
        let latest = self.latest!
        let latestRecord = resolve(latest.source)
        let bestRecord = best.order == latest.order ? latestRecord : resolve(best.source)
        return AssessmentReport.Candidate(name: name, attempts: sorted, best: bestRecord, latest: latestRecord, signature: signature ?? .unsigned)
    }
}

/// Assessment records folded in one at a time, in any order: by assessment and config hash, then by candidate.
struct ReportTally<Source> {
    struct GroupKey: Hashable {
        var assessment: String
        var configHash: String?
    }

    struct Group {
        var first: ReportOrder
        var candidates: [String: CandidateTally<Source>] = [:]

        mutating func add(_ record: HistoryRecord, candidate: String, order: ReportOrder, source: () -> Source, signature: AssessmentReport.SignatureStatus) {
            if order < first { first = order }
            candidates[candidate, default: CandidateTally()].add(record, source: source(), signature: signature)
        }
    }

    private var groups: [GroupKey: Group] = [:]

    /// Records without an assessment or a candidate are left out.
    mutating func add(_ record: HistoryRecord, source: @autoclosure () -> Source, signature: AssessmentReport.SignatureStatus) {
        guard let assessment = record.assessment, let candidate = record.candidate else { return }
        let order = ReportOrder(time: record.time, id: record.id)
        groups[GroupKey(assessment: assessment, configHash: record.configHash), default: Group(first: order)]
            .add(record, candidate: candidate, order: order, source: source, signature: signature)
    }

    /// Folds in another part of the history (no id in both).
    mutating func merge(_ other: ReportTally) {
        for (key, group) in other.groups {
            guard var mine = groups[key] else {
                groups[key] = group
                continue
            }
            groups[key] = nil  // so the merge below changes the only copy
            mine.first = min(mine.first, group.first)
            for (name, candidate) in group.candidates {
                mine.candidates[name, default: CandidateTally()].merge(candidate)
            }
            groups[key] = mine
        }
    }

    /// Changes every kept source, e.g. to shift line numbers.
    mutating func mapSources(_ change: (inout Source) -> Void) {
        for key in Array(groups.keys) {
            for name in Array(groups[key]!.candidates.keys) {
                groups[key]!.candidates[name]!.mapSources(change)
            }
        }
    }

    /// The sections in the order of their first record; each takes its rules from its latest record, and lists
    /// its candidates by name (without regard to case first).
    func sections(resolve: (Source) -> HistoryRecord) -> [AssessmentReport.Section] {
        groups.values.sorted { $0.first < $1.first }.map { group in
            let names = group.candidates.keys.sorted { ($0.lowercased(), $0) < ($1.lowercased(), $1) }
            let candidates = names.map { group.candidates[$0]!.candidate(name: $0, resolve: resolve) }
            let latest = candidates.map(\.latest).max { ReportOrder(time: $0.time, id: $0.id) < ReportOrder(time: $1.time, id: $1.id) }!
            return AssessmentReport.Section(
                assessment: latest.assessment ?? "", configHash: latest.configHash, timeLimit: latest.timeLimit,
                barWPM: latest.barWPM, minimumAccuracy: latest.minimumAccuracy, maximumErrors: latest.maximumErrors,
                backspace: latest.backspace ?? true, attemptsAllowed: latest.attempts, candidates: candidates, chat: latest.chat)
        }
    }
}
