/// How a role looks on the terminal: its attributes and colours, for a terminal with no colour (`NO_COLOR` or a
/// monochrome one), 8 colours, or 256. The terminal turns a look into its own escape sequences; this is the one
/// place that says which role looks like what, so every look can be checked without a terminal.
public struct Look: Equatable, Hashable, Sendable {
    public var bold = false
    public var dim = false
    public var underline = false
    public var reverse = false
    /// ANSI colour numbers (0-7, or 0-255 with 256 colours); nil for the terminal's own.
    public var foreground: Int16?
    public var background: Int16?

    public init(bold: Bool = false, dim: Bool = false, underline: Bool = false, reverse: Bool = false, foreground: Int16? = nil, background: Int16? = nil) {
        self.bold = bold
        self.dim = dim
        self.underline = underline
        self.reverse = reverse
        self.foreground = foreground
        self.background = background
    }

    /// How many colours a terminal shows, as far as looks go.
    public enum Colours: Sendable, CaseIterable {
        /// None: attributes carry every meaning.
        case none
        /// Fewer than 256.
        case eight
        case many
    }

    /// The look of `role`. Eight colours leave little that reads on both a white and a black background as text:
    /// red and magenta do; green, yellow and cyan do not on white, so good results are bold in the terminal's own
    /// colour (their ✓ says the rest). A warning is black on yellow, which reads on either background because it
    /// sets both. With 256 colours, darker shades keep a contrast of about 4.5:1 on white and on black alike.
    public static func of(_ role: Role, colours: Colours) -> Look {
        switch colours {
        case .none:
            switch role {
            case .plain, .chart: return Look()
            case .dim, .pending, .mark, .chartLight: return Look(dim: true)
            case .title, .status, .key, .correct, .good: return Look(bold: true)
            case .wrong: return Look(reverse: true)
            case .cursor: return Look(underline: true)
            case .rival: return Look(dim: true, reverse: true)
            case .bad: return Look(bold: true, underline: true)
            case .warning: return Look(underline: true)
            }
        case .eight, .many:
            let eight = colours == .eight
            switch role {
            case .plain: return Look()
            case .dim, .pending: return Look(dim: true)
            case .title, .status, .key: return Look(bold: true)
            // With 8 colours, typed text is bold in the terminal's own colour: not every terminal shows dim, and
            // the one green there is fades on white.
            case .correct: return eight ? Look(bold: true) : Look(foreground: 28)                      // green #008700
            case .wrong: return Look(bold: true, foreground: eight ? 7 : 15, background: eight ? 1 : 160)  // white on red
            case .cursor: return Look(underline: true, reverse: true)
            case .rival: return Look(reverse: true, foreground: eight ? nil : 31)
            case .good: return Look(bold: true, foreground: eight ? nil : 28)
            case .bad: return Look(bold: true, foreground: eight ? 1 : 160)                             // red #d70000
            case .mark: return Look(foreground: eight ? 5 : 130)                                       // magenta; #af5f00
            case .chart: return eight ? Look(bold: true) : Look(foreground: 31)                        // blue #0087af
            // The lighter line: dim with 8 colours (blue all but vanishes on black); grey #767676, 4.5:1 on white and black.
            case .chartLight: return eight ? Look(dim: true) : Look(foreground: 243)
            case .warning: return Look(foreground: eight ? 0 : 16, background: eight ? 3 : 220)        // black on yellow
            }
        }
    }
}
