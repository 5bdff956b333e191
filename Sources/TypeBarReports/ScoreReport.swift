import SystemPackage
import TypeBarKit

/// How a score is shown: one JSON object for scripts, or a compact summary for a person.
public struct ScoreReport: Sendable {
    public var result: ScoreResult
    public var bar: HiringBar
    /// Where the target came from, for the reader ("passage billing/charged-twice", a file name…).
    public var source: String?
    public var ignoredEvents: Int
    /// The assessment whose rules judge the result, when it was scored under one.
    public var assessment: AssessmentRules?

    public init(result: ScoreResult, bar: HiringBar, source: String? = nil, ignoredEvents: Int = 0) {
        self.result = result
        self.bar = bar
        self.source = source
        self.ignoredEvents = ignoredEvents
    }

    /// A result judged under an assessment's rules (its bar, minimum accuracy and error limit).
    public init(result: ScoreResult, assessment: AssessmentRules, source: String? = nil, ignoredEvents: Int = 0) {
        self.init(result: result, bar: assessment.bar, source: source, ignoredEvents: ignoredEvents)
        self.assessment = assessment
    }

    public var verdict: Verdict { bar.verdict(for: result) }

    /// Whether the result passes: every assessment rule when there is an assessment, else the bar.
    public var passes: Bool { assessment.map { $0.judge(result).passed } ?? verdict.meetsBar }

    /// Every figure, unrounded, as one JSON object. Keystroke figures are null when only finished text was scored.
    public var jsonText: String {
        var writer = JSONWriter()
        write(to: &writer)
        return writer.text
    }

    /// Streams the JSON object to a file descriptor (standard output for `typebar score --json`), so the
    /// per-second timeline of a very long log never has to be held as one string.
    public func writeJSON(to descriptor: FileDescriptor) throws(TypeBarError) {
        var writer = JSONWriter(descriptor: descriptor)
        write(to: &writer)
        try writer.finish()
    }

    func write(to writer: inout JSONWriter) {
        let keystrokes = result.keystrokes
        let verdict = self.verdict
        writer.beginObject()
        if let source { field("source", .string(source), &writer) }
        let fields: [(String, JSONValue)] = [
            ("gross_wpm", .number(result.grossWPM)),
            ("net_wpm", .number(result.netWPM)),
            ("accuracy", .number(result.accuracy)),
            ("keystroke_accuracy", .number(keystrokes?.accuracy)),
            ("uncorrected_errors", .int(result.uncorrectedErrors)),
            ("corrected_errors", keystrokes.map { .int($0.correctedErrors) } ?? .null),
            ("word_errors", .int(result.wordErrors)),
            ("characters", .int(result.characters)),
            ("elapsed_seconds", .number(result.elapsedSeconds)),
            ("kspc", .number(keystrokes?.kspc)),
            ("completed", .bool(result.completed)),
            ("bar_wpm", .number(bar.netWPM)),
            ("min_accuracy", .number(bar.minimumAccuracy)),
            ("meets_bar", .bool(verdict.meetsBar)),
            ("flags", .array(result.flags.map { .string($0.kind.rawValue) })),
            ("verdict", .string(verdict.summary)),
            ("shortfall_40", .number(verdict.shortfall(to: 40))),
            ("shortfall_50", .number(verdict.shortfall(to: 50))),
            ("target_characters", .int(result.targetLength)),
            ("matched_prefix", .int(result.matchedPrefixLength)),
            ("substitutions", .int(result.substitutions)),
            ("insertions", .int(result.insertions)),
            ("omissions", .int(result.omissions)),
            ("errors_exact", .bool(result.errorsAreExact)),
            ("consistency", .number(keystrokes?.consistency)),
            ("keystrokes", keystrokes.map { .int($0.applied) } ?? .null),
            ("character_keystrokes", keystrokes.map { .int($0.characters) } ?? .null),
            ("ignored_events", .int(ignoredEvents)),
            ("flag_details", .array(result.flags.map { flag in
                .object([("flag", .string(flag.kind.rawValue)), ("at_seconds", .number(flag.atSeconds)), ("detail", .string(flag.detail))])
            })),
        ]
        for (name, value) in fields { field(name, value, &writer) }
        if let assessment {
            let judged = assessment.judge(result)
            field("assessment", .string(assessment.name), &writer)
            field("max_errors", assessment.maximumErrors.map { .int($0) } ?? .null, &writer)
            field("passed", .bool(judged.passed), &writer)
            field("reasons", .array(judged.reasons.map { .string($0) }), &writer)
        }
        if let keystrokes {
            writer.key("keys")
            writer.beginArray()
            for key in keystrokes.keys {
                writer.beginObject()
                writer.key("key"); writer.string(String(key.character))
                writer.key("typed"); writer.int(key.typed)
                writer.key("errors"); writer.int(key.errors)
                writer.key("mean_ms"); writer.number(key.meanMilliseconds)
                writer.endObject()
            }
            writer.endArray()
            writer.key("slowest_bigrams")
            writer.beginArray()
            for bigram in keystrokes.slowestBigrams {
                writer.beginObject()
                writer.key("bigram"); writer.string(bigram.bigram)
                writer.key("count"); writer.int(bigram.count)
                writer.key("mean_ms"); writer.number(bigram.meanMilliseconds)
                writer.endObject()
            }
            writer.endArray()
            // One object per sample, written directly.
            writer.key("timeline_step"); writer.number(keystrokes.timelineStep)
            writer.key("timeline")
            writer.beginArray()
            for sample in keystrokes.timeline {
                writer.beginObject()
                writer.key("second"); writer.number(sample.second)
                writer.key("characters"); writer.int(sample.characters)
                writer.key("errors"); writer.int(sample.errors)
                writer.key("raw_wpm"); writer.number(sample.rawWPM)
                writer.key("net_wpm"); writer.number(sample.netWPM)
                writer.endObject()
            }
            writer.endArray()
        }
        writer.endObject()
    }

    private func field(_ name: String, _ value: JSONValue, _ writer: inout JSONWriter) {
        writer.key(name)
        writer.value(value)
    }

    /// A compact summary a person reads in a few seconds, verdict last.
    public var text: String {
        let verdict = self.verdict
        var lines: [String] = []
        if let source { lines.append("Scored against \(source) (\(result.targetLength) characters)") }
        lines.append("  net \(formatDecimal(result.netWPM, places: 1)) WPM    gross \(formatDecimal(result.grossWPM, places: 1)) WPM    accuracy \(formatDecimal(result.accuracy, places: 1)) %")
        var errors = "  errors: \(result.uncorrectedErrors) uncorrected in \(result.wordErrors) word\(result.wordErrors == 1 ? "" : "s")"
        if let keystrokes = result.keystrokes { errors += ", \(keystrokes.correctedErrors) corrected" }
        lines.append(errors)
        var time = "  time \(formatDuration(result.elapsedSeconds))    \(result.completed ? "completed" : "\(result.characters) of \(result.targetLength) characters typed")"
        if ignoredEvents > 0 { time += "    (\(ignoredEvents) keystroke\(ignoredEvents == 1 ? "" : "s") after the end ignored)" }
        lines.append(time)
        if let keystrokes = result.keystrokes {
            var rhythm = "  keystroke accuracy \(formatDecimal(keystrokes.accuracy, places: 1)) %"
            if let kspc = keystrokes.kspc { rhythm += "    KSPC \(formatDecimal(kspc, places: 2))" }
            if let consistency = keystrokes.consistency { rhythm += "    consistency \(formatDecimal(consistency, places: 0)) %" }
            lines.append(rhythm)
            let slow = keystrokes.slowestKeys()
            if !slow.isEmpty {
                lines.append("  slowest keys: " + slow.map { "\(shownKey(String($0.character))) \(formatDecimal($0.meanMilliseconds ?? 0, places: 0)) ms" }.joined(separator: ", "))
            }
            let missed = keystrokes.mostMissed()
            if !missed.isEmpty {
                lines.append("  most missed: " + missed.map { "\(shownKey(String($0.character))) \($0.errors)/\($0.typed)" }.joined(separator: ", "))
            }
            if !keystrokes.slowestBigrams.isEmpty {
                lines.append("  slowest pairs: " + keystrokes.slowestBigrams.prefix(5).map { "\"\($0.bigram)\" \(formatDecimal($0.meanMilliseconds, places: 0)) ms" }.joined(separator: ", "))
            }
        }
        for flag in result.flags {
            lines.append("  flag \(flag.kind.rawValue): \(flag.detail)")
        }
        lines.append("Verdict: \(verdict.summary)")
        if let assessment { lines.append("Assessment \(assessment.name) (\(assessment.summary)): \(assessment.judge(result).summary)") }
        return lines.joined(separator: "\n")
    }
}
