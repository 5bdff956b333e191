/// An employer's bar for a chat-support typing test: a net speed and a minimum accuracy, both to be met.
public struct HiringBar: Equatable, Sendable {
    /// The speeds chat-support employers ask for; every verdict says how far a result is from each.
    public static let chatSupportMarks: [Double] = [40, 50]

    public var netWPM: Double
    public var minimumAccuracy: Double

    public init(netWPM: Double = 40, minimumAccuracy: Double = 95) {
        self.netWPM = netWPM
        self.minimumAccuracy = minimumAccuracy
    }

    public func verdict(for result: ScoreResult) -> Verdict {
        verdict(netWPM: result.netWPM, accuracy: result.accuracy)
    }

    public func verdict(netWPM: Double, accuracy: Double) -> Verdict {
        Verdict(bar: self, netWPM: netWPM, accuracy: accuracy)
    }
}

/// A result held against a hiring bar, with how far it is from each chat-support mark.
public struct Verdict: Equatable, Sendable {
    public var bar: HiringBar
    public var netWPM: Double
    public var accuracy: Double

    public var meetsSpeed: Bool { netWPM >= bar.netWPM }
    public var meetsAccuracy: Bool { accuracy >= bar.minimumAccuracy }
    public var meetsBar: Bool { meetsSpeed && meetsAccuracy }

    /// Net WPM still needed to reach `mark`; zero when it is reached.
    public func shortfall(to mark: Double) -> Double { max(0, mark - netWPM) }

    /// Marks to report: the two chat-support speeds and the bar itself when it is another number.
    public var marks: [Double] {
        HiringBar.chatSupportMarks.contains(bar.netWPM) ? HiringBar.chatSupportMarks : (HiringBar.chatSupportMarks + [bar.netWPM]).sorted()
    }

    /// One line a candidate reads first, e.g. "42 net WPM, 97.1 % accuracy: meets the 40 WPM bar; 8 short of 50".
    /// Figures are rounded down, so a result shown as meeting a number really does.
    public var summary: String {
        "\(formatDecimal(netWPM, places: 0)) net WPM, \(formatDecimal(accuracy, places: 1)) % accuracy: " + judgement
    }

    /// The verdict without the figures: "meets the 40 WPM bar; 8 short of 50".
    public var judgement: String {
        let bar = "the \(formatDecimal(self.bar.netWPM, places: 0)) WPM bar"
        var head: String
        if meetsBar {
            head = "meets \(bar)"
        } else if meetsSpeed {
            head = "below \(bar): accuracy under the \(formatDecimal(self.bar.minimumAccuracy, places: 1)) % minimum"
        } else if meetsAccuracy {
            head = "below \(bar)"
        } else {
            head = "below \(bar), and accuracy under the \(formatDecimal(self.bar.minimumAccuracy, places: 1)) % minimum"
        }
        let distances = marks.compactMap { mark -> String? in
            let short = shortfall(to: mark)
            if mark == self.bar.netWPM && meetsBar { return nil }  // the head already says so
            return short > 0 ? "\(formatShortfall(short)) short of \(formatDecimal(mark, places: 0))" : "clears \(formatDecimal(mark, places: 0))"
        }
        if !distances.isEmpty { head += "; " + distances.joined(separator: ", ") }
        return head
    }

    /// A shortfall rounded up, so "1 short" never hides a miss of 0.2.
    private func formatShortfall(_ value: Double) -> String {
        let whole = value.rounded(.up)
        return formatDecimal(whole, places: 0)
    }
}

/// Formats a number with `places` decimals, rounding down (toward zero for negatives), without Foundation.
public func formatDecimal(_ value: Double, places: Int) -> String {
    guard value.isFinite else { return value.isNaN ? "n/a" : (value > 0 ? "inf" : "-inf") }
    var scale = 1.0
    for _ in 0..<max(0, places) { scale *= 10 }
    // The tiny nudge keeps 97.1 (stored as 97.0999…) from showing as 97.0.
    let scaled = (abs(value) * scale * (1 + 1e-12)).rounded(.down)
    guard scaled < 9e15 else { return String(value) }
    let whole = Int(scaled)
    let sign = value < 0 && whole != 0 ? "-" : ""
    guard places > 0 else { return sign + String(whole) }
    let divisor = Int(scale)
    var fraction = String(whole % divisor)
    while fraction.count < places { fraction = "0" + fraction }
    return sign + String(whole / divisor) + "." + fraction
}
