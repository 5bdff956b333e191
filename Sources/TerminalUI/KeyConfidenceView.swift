import TypeBarCore

/// Per-key confidence as a small keyboard map, with the weakest keys and pairs: what `typebar stats` shows under
/// its progress figures. Weak keys (confidence under 1) are bracketed, so the map reads without colour too;
/// with colour, keys at target are green, weak ones red, and keys not yet measured dim.
public struct KeyConfidenceView: Sendable {
    public var model: ConfidenceModel
    /// Letters at target after each session, oldest first, for the line on how that count moved.
    public var atTargetOverTime: [Int]

    /// The model some sessions back, for each weak key's and pair's trend.
    public var earlier: ConfidenceModel?
    /// How many sessions back `earlier` is.
    public var earlierSessions: Int

    public init(model: ConfidenceModel, atTargetOverTime: [Int] = [], earlier: ConfidenceModel? = nil, earlierSessions: Int = 10) {
        self.model = model
        self.atTargetOverTime = atTargetOverTime
        self.earlier = earlier
        self.earlierSessions = earlierSessions
    }

    static let sparks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    static let rows = ["1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm"]

    public func frame(columns: Int) -> Frame {
        var frame = Frame(width: max(40, columns), height: 12)
        var row = 0
        let (atTarget, known) = model.lettersAtTarget
        let target = formatDecimal(model.targetWPM, places: 0)
        frame.put("Keys at \(target) WPM", row: row, column: 0, role: .title)
        frame.put("\(atTarget) of \(known) letters at target · [x] weak", row: row, column: 17, role: .dim)
        row += 1
        guard model.sessions > 0 else {
            frame.put("No keystrokes yet: start with typebar drill.", row: row, column: 0)
            return frame.trimmed(to: row + 1)
        }
        for (index, keys) in KeyConfidenceView.rows.enumerated() {
            var column = 1 + index
            for character in keys {
                let figure = model.key(String(character))
                let role: Role = figure?.isKnown == true ? (figure!.isWeak ? .bad : .good) : .dim
                let shown = figure?.isWeak == true ? "[\(character)]" : " \(character) "
                column = frame.put(shown, row: row, column: column, role: role)
            }
            row += 1
        }
        let weakKeys = model.ranked(lettersOnly: false).filter(\.isWeak).prefix(6)
        let weakPairs = model.rankedBigrams(lettersOnly: false).filter(\.isWeak).prefix(6)
        // Each with where it stood `earlierSessions` sessions ago, when known: "'b' 0.42 (0.35)".
        func list(_ figures: ArraySlice<KeyConfidence>) -> String {
            guard !figures.isEmpty else { return "none" }
            return figures.map { figure in
                var text = "\(shownKey(figure.key)) \(formatDecimal(figure.confidence ?? 0, places: 2))"
                let before = figure.key.count == 1 ? earlier?.key(figure.key) : earlier?.bigram(figure.key)
                if let was = before?.confidence { text += " (\(formatDecimal(was, places: 2)))" }
                return text
            }.joined(separator: ", ")
        }
        frame.put("Weakest keys", row: row, column: 0, role: .dim)
        frame.put(list(weakKeys), row: row, column: 17, role: weakKeys.isEmpty ? .good : .plain)
        row += 1
        frame.put("Weakest pairs", row: row, column: 0, role: .dim)
        frame.put(list(weakPairs), row: row, column: 17, role: weakPairs.isEmpty ? .good : .plain)
        row += 1
        if earlier != nil, !(weakKeys.isEmpty && weakPairs.isEmpty) {
            frame.put("(in brackets: \(earlierSessions) sessions ago)", row: row, column: 17, role: .dim)
            row += 1
        }
        if atTargetOverTime.count >= 2, let first = atTargetOverTime.first, let last = atTargetOverTime.last {
            // One mark per session, the latest ones that fit, scaled to 26 letters.
            let shown = atTargetOverTime.suffix(max(8, frame.width - 17 - 24))
            let marks = String(shown.map { KeyConfidenceView.sparks[min(7, $0 * 8 / 27)] })
            frame.put("At target", row: row, column: 0, role: .dim)
            let column = frame.put(marks, row: row, column: 17, role: .chart)
            frame.put("  \(first) -> \(last) letters over \(atTargetOverTime.count) sessions", row: row, column: column, role: .dim)
            row += 1
        }
        return frame.trimmed(to: row)
    }

    /// A key as stats names it: quoted, or `space`.
    func shownKey(_ key: String) -> String {
        key == " " ? "space" : "'\(key)'"
    }
}
