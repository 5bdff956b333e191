import TypeBarKit

/// What a trainer files after an assessment: per assessment, its rules and each candidate's attempts, best and
/// latest result, pass or fail, flags and signature status. Built from the records of one or many history files
/// (a class on several machines); a record found in more than one file counts once. Rendered by `ReportFormat`.
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

    public struct Candidate: Sendable {
        public var name: String
        /// Oldest first.
        public var attempts: [HistoryRecord]
        public var signature: SignatureStatus

        /// The attempt that stands for the candidate: the fastest that passed, else the fastest (the later on a tie).
        /// So a passing candidate's figures are those of a passing attempt, never a faster one that missed a rule.
        public var best: HistoryRecord {
            let pool = passed ? attempts.filter(\.meetsBar) : attempts
            return pool.reduce(pool[0]) { $1.netWPM >= $0.netWPM ? $1 : $0 }
        }

        public var latest: HistoryRecord { attempts[attempts.count - 1] }
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
        self.generated = generated
        self.sources = sources
        self.duplicates = duplicates
        keyGiven = key != nil
        var order: [String] = []
        var grouped: [String: [HistoryRecord]] = [:]
        for record in records.sorted(by: { ($0.time, $0.id) < ($1.time, $1.id) }) {
            guard let assessment = record.assessment, record.candidate != nil else { continue }
            let group = assessment + "\u{0}" + (record.configHash ?? "")
            if grouped[group] == nil { order.append(group) }
            grouped[group, default: []].append(record)
        }
        sections = order.map { group in
            let records = grouped[group] ?? []
            let latest = records[records.count - 1]
            var byCandidate: [String: [HistoryRecord]] = [:]
            for record in records { byCandidate[record.candidate ?? "", default: []].append(record) }
            let candidates = byCandidate.keys.sorted { ($0.lowercased(), $0) < ($1.lowercased(), $1) }.map { name in
                let attempts = byCandidate[name] ?? []
                return Candidate(name: name, attempts: attempts, signature: AssessmentReport.status(of: attempts, key: key))
            }
            return Section(
                assessment: latest.assessment ?? "", configHash: latest.configHash, timeLimit: latest.timeLimit,
                barWPM: latest.barWPM, minimumAccuracy: latest.minimumAccuracy, maximumErrors: latest.maximumErrors,
                backspace: latest.backspace ?? true, attemptsAllowed: latest.attempts, candidates: candidates, chat: latest.chat)
        }
    }

    static func status(of records: [HistoryRecord], key: [UInt8]?) -> SignatureStatus {
        records.map { record -> SignatureStatus in
            guard record.signature != nil else { return .unsigned }
            guard let key else { return .unchecked }
            return HistorySignature.isValid(record, key: key) ? .valid : .invalid
        }.max { $0.severity < $1.severity } ?? .unsigned
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
}
