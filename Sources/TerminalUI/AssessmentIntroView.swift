import TypeBarKit

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
        var row = 4
        for line in AssessmentIntroView.wrapped("Rules: " + rules.summary, width: columns - 2) {
            frame.put(line, row: row, column: 1, role: .dim)
            row += 1
        }
        row += 1
        for paragraph in rules.instructions.split(separator: "\n", omittingEmptySubsequences: false) {
            for line in AssessmentIntroView.wrapped(String(paragraph), width: columns - 2) where row < rows - 3 {
                frame.put(line, row: row, column: 1)
                row += 1
            }
        }

        if let countdown {
            frame.put(" Starting in \(countdown)…  the clock starts at your first key.", row: rows - 2, column: 0, role: .good)
        } else {
            frame.put(" Enter: begin · Esc: leave without starting", row: rows - 2, column: 0, role: .key)
        }
        return frame
    }

    /// `text` broken at spaces into lines of at most `width` columns.
    static func wrapped(_ text: String, width: Int) -> [String] {
        let characters = Array(text)
        return TextLayout(characters: characters, width: width).lines.map { String(characters[$0]) }
    }
}
