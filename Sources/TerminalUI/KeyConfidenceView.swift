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

    /// Where the figures beside each label start.
    static let figuresColumn = 17

    public func frame(columns: Int) -> Frame {
        let width = max(40, columns)
        var frame = Frame(width: width, height: 40)
        var row = 0
        let column = KeyConfidenceView.figuresColumn
        // A label and its figures beside it, wrapped to the width; the row after them is the next free one.
        func beside(_ label: String, _ lines: [String], _ role: Role, labelRole: Role = .dim) {
            frame.put(label, row: row, column: 0, role: labelRole)
            for line in lines {
                frame.put(line, row: row, column: column, role: role)
                row += 1
            }
        }
        let (atTarget, known) = model.lettersAtTarget
        let target = formatDecimal(model.targetWPM, places: 0)
        beside("Keys at \(target) WPM", wrapWords("\(atTarget) of \(known) letters at target · [x] weak", width: width - column), .dim, labelRole: .title)
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
        // Each with where it stood `earlierSessions` sessions ago, when known: "'b' 0.42 (0.35)"; the list breaks
        // only between keys, so no figure is cut or parted from its key.
        func list(_ figures: ArraySlice<KeyConfidence>) -> [String] {
            guard !figures.isEmpty else { return ["none"] }
            return wrapWords(wholeItems(figures.map { figure in
                var text = "\(shownKey(figure.key)) \(formatDecimal(figure.confidence ?? 0, places: 2))"
                let before = figure.key.count == 1 ? earlier?.key(figure.key) : earlier?.bigram(figure.key)
                if let was = before?.confidence { text += " (\(formatDecimal(was, places: 2)))" }
                return text
            }), width: width - column)
        }
        beside("Weakest keys", list(weakKeys), weakKeys.isEmpty ? .good : .plain)
        beside("Weakest pairs", list(weakPairs), weakPairs.isEmpty ? .good : .plain)
        if earlier != nil, !(weakKeys.isEmpty && weakPairs.isEmpty) {
            beside("", wrapWords("(in brackets: \(earlierSessions) sessions ago)", width: width - column), .dim)
        }
        if atTargetOverTime.count >= 2, let first = atTargetOverTime.first, let last = atTargetOverTime.last {
            // One mark per session, the latest ones that fit, scaled to 26 letters; the counts beside them when
            // at least 8 marks leave room, else under them.
            let counts = "\(first) -> \(last) letters over \(atTargetOverTime.count) sessions"
            let room = width - column
            let fitsBeside = room - 2 - DisplayWidth.of(counts) >= 8
            let shown = atTargetOverTime.suffix(fitsBeside ? room - 2 - DisplayWidth.of(counts) : room)
            let marks = String(shown.map { KeyConfidenceView.sparks[min(7, $0 * 8 / 27)] })
            frame.put("At target", row: row, column: 0, role: .dim)
            let end = frame.put(marks, row: row, column: column, role: .chart)
            if fitsBeside {
                frame.put("  " + counts, row: row, column: end, role: .dim)
                row += 1
            } else {
                row += 1
                beside("", wrapWords(counts, width: room), .dim)
            }
        }
        return frame.trimmed(to: row)
    }

    /// A key as stats names it: quoted, or `space`.
    func shownKey(_ key: String) -> String {
        key == " " ? "space" : "'\(key)'"
    }
}
