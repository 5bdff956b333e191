import TypeBarCore

/// The figures a history record of a proofreading drill keeps (`"proofread": {…}` in the record, docs/history.md):
/// what the record's shared fields cannot say.
public struct ProofreadSummary: Equatable, Sendable {
    /// The drill's seed, as a string (it may exceed what a double holds exactly).
    public var seed: String
    /// Drafts in the drill, and how many were submitted.
    public var drafts: Int
    public var submitted: Int
    /// Errors planted in the submitted drafts, found and fixed, and words made wrong that were right.
    public var planted: Int
    public var fixed: Int
    public var introduced: Int
    /// Seconds a submitted draft on average (nil with none submitted), and the pace to keep.
    public var secondsPerDraft: Double?
    public var targetSeconds: Double

    public init(seed: String, drafts: Int, submitted: Int, planted: Int, fixed: Int, introduced: Int, secondsPerDraft: Double?, targetSeconds: Double) {
        self.seed = seed
        self.drafts = drafts
        self.submitted = submitted
        self.planted = planted
        self.fixed = fixed
        self.introduced = introduced
        self.secondsPerDraft = secondsPerDraft
        self.targetSeconds = targetSeconds
    }

    /// The `proofread` object of a history record.
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("seed"); writer.string(seed)
        writer.key("drafts"); writer.int(drafts)
        writer.key("submitted"); writer.int(submitted)
        writer.key("planted"); writer.int(planted)
        writer.key("fixed"); writer.int(fixed)
        writer.key("introduced"); writer.int(introduced)
        writer.key("seconds_per_draft"); writer.number(secondsPerDraft)
        writer.key("target_seconds"); writer.number(targetSeconds)
        writer.endObject()
    }

    /// Reads the object at the cursor, every number bounded; the message says what is wrong.
    static func read(_ cursor: inout JSONCursor) throws(LineProblem) -> ProofreadSummary {
        guard cursor.peek() == UInt8(ascii: "{") else { throw LineProblem("\"proofread\" must be an object") }
        var seed: String?
        var numbers: [String: Double?] = [:]
        try cursor.members(of: "\"proofread\"", name: { (cursor: inout JSONCursor) throws(LineProblem) in try cursor.text("proofread") }) { (cursor: inout JSONCursor, key: String) throws(LineProblem) in
            switch key {
            case "seed":
                seed = try cursor.text("proofread: seed")
            case "drafts", "submitted", "planted", "fixed", "introduced", "seconds_per_draft", "target_seconds":
                if cursor.peek() == UInt8(ascii: "n") {
                    try cursor.literal("null")
                    numbers[key] = .some(nil)
                } else {
                    numbers[key] = try cursor.number("proofread: \(key)")
                }
            default:
                try cursor.skipValue(depth: 2)
            }
        }
        func count(_ key: String, _ range: ClosedRange<Int> = 0...100_000) throws(LineProblem) -> Int {
            guard let stored = numbers[key], let value = stored, value.rounded() == value, Double(range.lowerBound) <= value, value <= Double(range.upperBound) else {
                throw LineProblem("\"proofread\": \"\(key)\" must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return Int(value)
        }
        guard let seed, seed.count <= 20 else { throw LineProblem("\"proofread\": \"seed\" must be a string") }
        let drafts = try count("drafts", 1...ProofreadResult.maximumDrafts)
        let submitted = try count("submitted", 0...drafts)
        let planted = try count("planted", 0...(submitted * ProofreadDraft.maximumErrors))
        var summary = ProofreadSummary(
            seed: seed, drafts: drafts, submitted: submitted, planted: planted, fixed: try count("fixed", 0...planted),
            introduced: try count("introduced"), secondsPerDraft: nil, targetSeconds: 0)
        let range = ProofreadResult.targetRange
        guard let stored = numbers["target_seconds"], let target = stored, range.contains(target) else {
            throw LineProblem("\"proofread\": \"target_seconds\" must be a number from \(jsonNumber(range.lowerBound)) to \(jsonNumber(range.upperBound))")
        }
        summary.targetSeconds = target
        if let stored = numbers["seconds_per_draft"], let pace = stored {
            guard pace.isFinite, (0...86_400).contains(pace) else { throw LineProblem("\"proofread\": \"seconds_per_draft\" must be null or a number from 0 to 86400") }
            summary.secondsPerDraft = pace
        }
        return summary
    }
}

extension JSONCursor {
    /// The `proofread` object of a history record.
    mutating func proofreadSummary() throws(LineProblem) -> ProofreadSummary? {
        if peek() == UInt8(ascii: "n") {
            try skipValue(depth: 1)
            return nil
        }
        return try ProofreadSummary.read(&self)
    }
}
