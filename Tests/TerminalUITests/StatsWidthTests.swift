import Testing
import TypeBarCore
import TypeBarFormats
@testable import TerminalUI

/// `typebar stats` at the widths people run it: nothing cut, and no figure parted from its unit or its key.
@Suite("Stats at 80 and 60 columns")
struct StatsWidthTests {
    /// A history with many slow keys and pairs (three-digit times), and chat shifts with a dozen medians.
    static func view() -> StatsView {
        var view = StatsViewTests.view()
        var costs = KeyCosts()
        for _ in 0..<3 {
            costs.addSession(
                characters: [("q", 8, 1, 451), ("z", 6, 2, 438), ("x", 9, 1, 402), ("j", 7, 0, 399), ("k", 12, 1, 377), ("v", 10, 0, 366)],
                pairs: [("sh", 4, 512), ("qu", 3, 498), ("zz", 2, 487), ("xt", 2, 466), ("jo", 3, 455)])
        }
        view.keyCosts = costs
        view.chatShifts = (0..<12).map { index in
            ChatShiftPoint(time: Double(index) * 3_600, scenario: "monday-rush", medianFirstResponse: 100 + Double(index * 7),
                           worstFirstResponse: 140 + Double(index), served: 3, customers: 4, abandoned: 1, meetsTargets: false)
        }
        return view
    }

    static let units: Set<Substring> = ["ms", "s", "%", "WPM", "net", "days", "day", "weeks", "week", "sessions", "shifts", "to"]

    /// Every pair of lines of `text` where one ends with a number and the next starts with a unit.
    static func splits(_ text: String) -> [String] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        return zip(lines, lines.dropFirst()).compactMap { line, next in
            guard let last = line.split(separator: " ").last, last.last?.isNumber == true,
                  let first = next.split(separator: " ").first, Self.units.contains(first) else { return nil }
            return line + " / " + next
        }
    }

    @Test("Every line fits, and every figure stays on one line with its unit", arguments: [80, 60])
    func fits(columns: Int) {
        let text = Self.view().frame(columns: columns).text
        for line in text.split(separator: "\n") {
            #expect(DisplayWidth.of(String(line)) <= columns, "\(line)")
        }
        #expect(Self.splits(text).isEmpty, "\(Self.splits(text))")
        for item in ["'q' 451 ms", "'z' 438 ms", "'k' 377 ms", "\"sh\" 512 ms", "\"jo\" 455 ms", "'z' 33 % (6/18)"] {
            #expect(text.split(separator: "\n").contains { $0.contains(item) }, "\(item) is not whole:\n\(text)")
        }
        // The chat section's medians of the last 12 shifts, all of them.
        let medians = (0..<12).map { String(100 + $0 * 7) }
        for median in medians { #expect(text.contains(median), "median \(median) missing:\n\(text)") }
        #expect(text.contains(withUnitText("51.56", "WPM")))
    }

    /// What `withUnit` reads as on screen.
    func withUnitText(_ number: String, _ unit: String) -> String { number + " " + unit }

    @Test("The keyboard map's weakest pairs keep each figure whole at 80 and 60 columns", arguments: [80, 60])
    func confidence(columns: Int) {
        var earlier = ConfidenceModel()
        var now = ConfidenceModel()
        let pairs = ["sh", "th", "qu", "wh", "ch", "ck"]
        earlier.add(SessionTimings(keys: [], bigrams: pairs.map { TimingObservation(key: $0, typed: 6, meanMilliseconds: 500) }))
        now = earlier.adding(SessionTimings(keys: [], bigrams: pairs.enumerated().map { index, pair in
            TimingObservation(key: pair, typed: 6, meanMilliseconds: 380 + Double(index * 10))
        }))
        let text = KeyConfidenceView(model: now, earlier: earlier, earlierSessions: 10).frame(columns: columns).text
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= columns }, "\(text)")
        for pair in pairs {
            let figure = now.bigram(pair)?.confidence.map { formatDecimal($0, places: 2) } ?? "?"
            #expect(lines.contains { $0.contains("'\(pair)' \(figure) (0.60)") }, "'\(pair)' \(figure) is not whole:\n\(text)")
        }
    }
}

/// The results screen's figures at narrow widths: none parted from its unit or its key.
@Suite("The results screen's figures at 60 and 40 columns")
struct ResultsWidthTests {
    @Test("Slowest keys, most missed, the figures and the errors line keep each figure whole", arguments: [(16, 60), (24, 60), (12, 40), (24, 40)])
    func figuresWhole(rows: Int, columns: Int) throws {
        // Keys 120 to 180 ms apart, so the slowest keys take three digits; "label" typed "lable", left in.
        let target = "Hi Sam, your label is attached and ready to print."
        var attempt = Attempt(target: TargetText(target))
        var time = 0.0
        for (index, key) in "Hi Sam, your lable is attached and ready to print.".enumerated() {
            attempt.apply(.character(key, at: time))
            time += 120 + Double(index * 37 % 61)
        }
        let result = try attempt.result()
        let text = ResultsView(result: result, bar: HiringBar(), title: "t").frame(rows: rows, columns: columns).text
        #expect(StatsWidthTests.splits(text).isEmpty, "\(StatsWidthTests.splits(text)):\n\(text)")
        let lines = text.split(separator: "\n").map(String.init)
        for key in try #require(result.keystrokes).slowestKeys() {
            let item = "\(ResultsView.named(key.character)) \(formatDecimal(key.meanMilliseconds ?? 0, places: 0)) ms"
            if text.contains("slowest keys") { #expect(lines.contains { $0.contains(item) }, "\(item) is not whole:\n\(text)") }
        }
        if text.contains("gross") { #expect(lines.contains { $0.contains("keystroke accuracy \(formatDecimal(result.keystrokes!.accuracy, places: 1)) %") }, "\(text)") }
    }
}
