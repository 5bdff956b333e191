/// How a frame is printed to a stream rather than painted on the typing screen (`typebar stats`, `typebar history`).
public enum TextStyle: Sendable {
    /// Characters only: for pipes and files.
    case plain
    /// Bold, dim and underline, no colour: a terminal with `NO_COLOR` set.
    case attributes
    /// ANSI colours as well: the eight that read on a white and a black background alike (red, magenta); the rest
    /// in the terminal's own colour, bold or dim.
    case color
    /// 256 colours: darker green, orange and blue that keep their contrast on light and dark backgrounds.
    case color256

    /// The style for standard output: plain unless it is a terminal, and no colour when `NO_COLOR` is set.
    public static func forOutput(isTerminal: Bool, environment: [String: String]) -> TextStyle {
        guard isTerminal else { return .plain }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .attributes }
        let colorTerm = environment["COLORTERM"] ?? ""
        if (environment["TERM"] ?? "").contains("256color") || colorTerm == "truecolor" || colorTerm == "24bit" { return .color256 }
        return .color
    }

    /// The SGR parameters for a role; nil when the role is shown as it is.
    func sgr(_ role: Role) -> String? {
        switch self {
        case .plain:
            return nil
        case .attributes:
            switch role {
            case .title, .key, .good, .status: return "1"
            case .dim, .pending, .mark, .chartLight: return "2"
            case .bad, .wrong: return "1;4"
            case .plain, .chart, .correct, .cursor: return nil
            case .rival: return "7"
            case .warning: return "4"
            }
        case .color:
            // Green, yellow and cyan fade on white: good figures are bold in the terminal's own colour.
            switch role {
            case .title, .key, .status, .good: return "1"
            case .dim, .pending, .chartLight: return "2"
            case .bad, .wrong: return "1;31"
            case .mark: return "35"
            case .chart: return "1"
            case .plain, .cursor, .correct: return nil
            case .rival: return "7;34"
            case .warning: return "30;43"
            }
        case .color256:
            switch role {
            case .title, .key, .status: return "1"
            case .dim, .pending: return "2"
            case .good, .correct: return "1;38;5;28"
            case .bad, .wrong: return "1;38;5;160"
            case .mark: return "38;5;130"
            case .chart: return "38;5;31"
            case .chartLight: return "38;5;243"
            case .plain, .cursor: return nil
            case .rival: return "7;38;5;31"
            case .warning: return "38;5;16;48;5;220"
            }
        }
    }
}

extension Frame {
    /// The first `rows` rows as lines of text with trailing spaces trimmed, styled with ANSI escapes as asked.
    public func styledText(rows: Int? = nil, style: TextStyle) -> String {
        (0..<min(rows ?? height, height)).map { row in
            let shown = (0..<width).filter { self[row, $0] != .continuation }
            guard let last = shown.lastIndex(where: { character(row: row, column: $0) != " " }) else { return "" }
            var line = ""
            var open: String?
            for column in shown[...last] {
                let character = character(row: row, column: column)
                // Spaces keep whatever style is open, so a run of one role is one escape sequence.
                let wanted = character == " " ? open : style.sgr(self[row, column].role)
                if wanted != open {
                    if open != nil { line += "\u{1B}[0m" }
                    if let wanted { line += "\u{1B}[\(wanted)m" }
                    open = wanted
                }
                line.append(character)
            }
            if open != nil { line += "\u{1B}[0m" }
            return line
        }.joined(separator: "\n")
    }
}
