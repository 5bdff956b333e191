import TypeBarCore

extension WordPool {
    /// Every word of the library's passages (built-in and the trainer's own).
    public init(library: PassageLibrary) {
        self.init(texts: library.passages.map(\.text))
    }
}

/// A drill as `typebar drill --print` shows it: text for a person, JSON for a script.
public enum DrillReport {
    /// `--print --json`: the focus, the target, each word and why, and every key's and pair's confidence.
    public static func json(_ plan: DrillPlan, model: ConfidenceModel, seed: UInt64, history: DrillHistory?) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("kind", .string(plan.kind.rawValue)),
            ("focus", plan.focus.map { .array($0.parts.map { .string($0) }) } ?? .null),
            ("focus_type", plan.focus.map { focus -> JSONValue in
                if case .bigram = focus { return .string("bigram") }
                return .string("keys")
            } ?? .null),
            ("target_wpm", .number(plan.targetWPM)),
            ("target_ms", .number(model.targetMilliseconds)),
            ("seed", .string(String(seed))),
            ("placement", .bool(plan.isPlacement)),
            ("letters_learned", .bool(plan.lettersLearned)),
            ("text", .string(plan.text)),
            ("words", .array(plan.words.map { word in
                var entry: [(String, JSONValue)] = [("word", .string(word.text)), ("why", .string(word.why))]
                if let detail = word.detail { entry.append(("detail", .string(detail.rawValue))) }
                return .object(entry)
            })),
            ("confidence", confidence(model)),
        ]
        if let history {
            fields.append(("history", .object([
                ("sessions_read", .int(history.sessionsRead)),
                ("logs_read", .int(history.logsRead)),
                ("logs_unreadable", .int(history.logsUnreadable)),
            ])))
        }
        return .object(fields)
    }

    /// Every key's and pair's figures: smoothed time, error rate, confidence, and whether it is weak.
    public static func confidence(_ model: ConfidenceModel) -> JSONValue {
        func entry(_ figure: KeyConfidence) -> JSONValue {
            .object([
                ("key", .string(figure.key)),
                ("smoothed_ms", .number(figure.smoothedMilliseconds)),
                ("error_rate", .number(figure.errorRate)),
                ("confidence", .number(figure.confidence)),
                ("typed", .int(figure.typed)),
                ("sessions", .int(figure.sessions)),
                ("status", .string(figure.isKnown ? (figure.isWeak ? "weak" : "at target") : "too few")),
            ])
        }
        let (atTarget, known) = model.lettersAtTarget
        return .object([
            ("target_wpm", .number(model.targetWPM)),
            ("sessions", .int(model.sessions)),
            ("letters_at_target", .int(atTarget)),
            ("letters_known", .int(known)),
            ("keys", .array(model.keys.map(entry))),
            ("bigrams", .array(model.bigrams.map(entry))),
        ])
    }
}
