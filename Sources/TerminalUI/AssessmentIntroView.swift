import TypeBarCore
import TypeBarFormats

/// What a candidate sees before an assessment attempt: the rules, the instructions, then a 3-second countdown.
/// Pure, like `TypingView`.
public struct AssessmentIntroView: Sendable {
    public var rules: AssessmentRules
    public var candidate: String
    /// 1-based.
    public var attempt: Int
    /// Seconds left of the countdown; nil while the instructions wait for Enter.
    public var countdown: Int?

    public static let countdownSeconds = 3

    public init(rules: AssessmentRules, candidate: String, attempt: Int, countdown: Int? = nil) {
        self.rules = rules
        self.candidate = candidate
        self.attempt = attempt
        self.countdown = countdown
    }

    public func frame(rows: Int, columns: Int) -> Frame {
        guard columns >= ScreenSize.minimumColumns, rows >= ScreenSize.minimumRows else {
            return TypingView.tooSmall(rows: rows, columns: columns)
        }
        var frame = Frame(width: columns, height: rows)
        var column = frame.put(" typebar", row: 0, column: 0, role: .title)
        column = frame.put(" · assessment · ", row: 0, column: column, role: .dim)
        frame.put(rules.name, row: 0, column: column, role: .title)
        frame.put(" Candidate: \(candidate)", row: 2, column: 0)
        frame.put(" Attempt \(attempt) of \(rules.attempts)", row: 3, column: 0)
        let footer = countdown.map { wrapWords("Starting in \($0)…  the clock starts at your first key.", width: columns - 2) }
            ?? wrapWords("Enter: begin · Esc: leave without starting", width: columns - 2)
        // The rules, then the instructions, in the rows above the footer; what does not fit says so.
        let last = rows - footer.count - 1
        var lines = wrapWords("Rules: " + rules.summary, width: columns - 2).map { ($0, Role.dim) }
        lines.append(("", .plain))
        lines += wrapWords(rules.instructions, width: columns - 2).map { ($0, Role.plain) }
        if 4 + lines.count > last {
            let shown = max(0, last - 4 - 1)
            let hidden = lines.count - shown
            lines = Array(lines.prefix(shown)) + [("\(hidden) more line\(hidden == 1 ? "" : "s") of instructions: a taller window shows \(hidden == 1 ? "it" : "them")", .bad)]
        }
        for (offset, line) in lines.enumerated() {
            frame.put(line.0, row: 4 + offset, column: 1, role: line.1)
        }
        for (offset, line) in footer.enumerated() {
            frame.put(line, row: rows - footer.count + offset - 1, column: 1, role: countdown == nil ? .key : .good)
        }
        return frame
    }
}
