/// A figure drawn three rows tall in half-block characters, for the one number a screen is about (the net WPM on
/// the results screen). Each character is three columns wide with a column between.
enum BigFigure {
    private static let glyphs: [Character: [String]] = [
        "0": ["█▀█", "█ █", "▀▀▀"], "1": ["▀█ ", " █ ", "▀▀▀"], "2": ["▀▀█", "█▀▀", "▀▀▀"],
        "3": ["▀▀█", " ▀█", "▀▀▀"], "4": ["█ █", "▀▀█", "  ▀"], "5": ["█▀▀", "▀▀█", "▀▀▀"],
        "6": ["█▀▀", "█▀█", "▀▀▀"], "7": ["▀▀█", "  █", "  ▀"], "8": ["█▀█", "█▀█", "▀▀▀"],
        "9": ["█▀█", "▀▀█", "▀▀▀"],
    ]

    /// The three rows of `text` (digits only; anything else is left out), in ASCII `#` when `ascii`.
    static func rows(_ text: String, ascii: Bool) -> [String] {
        let shapes = text.compactMap { glyphs[$0] }
        return (0..<3).map { row in
            let line = shapes.map { $0[row] }.joined(separator: " ")
            return ascii ? String(line.map { $0 == " " ? " " : "#" }) : line
        }
    }

    /// Columns `text` takes.
    static func width(_ text: String) -> Int {
        let count = text.filter { glyphs[$0] != nil }.count
        return count == 0 ? 0 : count * 4 - 1
    }
}
