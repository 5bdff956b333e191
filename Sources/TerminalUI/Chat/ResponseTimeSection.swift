import TypeBarCore
import TypeBarFormats

/// The response-time section of `typebar stats`: chat shifts, the median first reply of the latest ones and its
/// trend against the ones before, customers lost, the judgement, writing and satisfaction of desk and free
/// shifts with theirs, and the median first reply of each recent shift. Times are shown as everywhere else
/// (`ChatResult.shownSeconds`), and a trend is the difference of the figures shown.
struct ResponseTimeSection {
    /// Rows the section takes at most, at the narrowest width stats draws (the desk and free lines included).
    static let rows = 33
    /// The trend compares the mean of the last `window` shifts' medians with the `window` before them.
    static let window = 5

    var shifts: [ChatShiftPoint]

    /// The mean of the shifts' median first replies; nil when none was answered.
    static func meanMedian(_ shifts: ArraySlice<ChatShiftPoint>) -> Double? {
        let medians = shifts.compactMap(\.medianFirstResponse)
        return medians.isEmpty ? nil : medians.reduce(0, +) / Double(medians.count)
    }

    /// "9 s faster than the 5 before", "3 s slower…", or nil without enough shifts.
    var trend: String? {
        guard shifts.count > ResponseTimeSection.window,
              let now = ResponseTimeSection.meanMedian(shifts.suffix(ResponseTimeSection.window)),
              let before = ResponseTimeSection.meanMedian(shifts.dropLast(ResponseTimeSection.window).suffix(ResponseTimeSection.window)) else { return nil }
        let change = ChatResult.shownSeconds(now) - ChatResult.shownSeconds(before)
        let count = min(ResponseTimeSection.window, shifts.count - ResponseTimeSection.window)
        if change == 0 { return "steady against the \(count) shift\(count == 1 ? "" : "s") before" }
        return "\(abs(change)) s \(change < 0 ? "faster" : "slower") than the \(count) shift\(count == 1 ? "" : "s") before"
    }

    /// A desk or free figure over the shifts that have it: "75 over the last 3 desk shifts, 8 up on the 3 before".
    /// The mean of the last `window` values against the mean of the `window` before them, each shown whole.
    static func figureTrend(_ values: [Double], shifts kind: String, unit: String = "") -> String {
        let recent = values.suffix(window), before = values.dropLast(window).suffix(window)
        let now = Int(formatDecimal(recent.reduce(0, +) / Double(max(1, recent.count)), places: 0)) ?? 0
        // A share keeps its unit when the line wraps.
        var text = (unit.isEmpty ? "\(now)" : withUnit("\(now)", unit.trimmingCharacters(in: .whitespaces)))
            + " over the last " + (recent.count == 1 ? "\(kind) shift" : "\(recent.count) \(kind) shifts")
        guard !before.isEmpty else { return text }
        let then = Int(formatDecimal(before.reduce(0, +) / Double(before.count), places: 0)) ?? 0
        let against = "the \(before.count) before"
        let change = now - then
        text += change == 0 ? ", steady against \(against)" : ", \(abs(change))\(unit.isEmpty ? "" : " points") \(change > 0 ? "up" : "down") on \(against)"
        return text
    }

    /// Draws the section from `row`, each figure beside its name and wrapped to `width` (a figure never parted from
    /// its unit); returns the row after it.
    func draw(into frame: inout Frame, row start: Int, width: Int) -> Int {
        var row = start
        for line in wrapWords("Response time at the chat desk (\(shifts.count) shift\(shifts.count == 1 ? "" : "s"))", width: width) {
            frame.put(line, row: row, column: 0, role: .title)
            row += 1
        }
        func figure(_ label: String, _ text: String, _ role: Role) {
            row = frame.putLabelled(label, row: row, labelWidth: 17, width: width, role: role) { wrapWords(text, width: $0) }
        }
        let recent = shifts.suffix(ResponseTimeSection.window)
        let mean = ResponseTimeSection.meanMedian(recent)
        let worst = recent.compactMap(\.worstFirstResponse).max()
        var median = "median \(mean.map { withUnit(String(ChatResult.shownSeconds($0)), "s") } ?? "–") over the last \(recent.count)"
        median += worst.map { ", worst \(withUnit(String(ChatResult.shownSeconds($0)), "s"))" } ?? ""
        figure("  first reply", median, (mean ?? 0) > 60 ? .bad : .plain)
        figure("  trend", trend ?? "needs more than \(withUnit(String(ResponseTimeSection.window), "shifts"))", trend?.contains("faster") == true ? .good : .plain)
        let lost = recent.reduce(0) { $0 + $1.abandoned }
        let customers = recent.reduce(0) { $0 + $1.customers }
        let served = recent.reduce(0) { $0 + $1.served }
        figure("  customers", "\(served) of \(customers) served, \(lost) left unanswered (last \(recent.count))", lost > 0 ? .bad : .plain)
        let met = recent.filter(\.meetsTargets).count
        figure("  targets", "met in \(met) of the last \(recent.count)", met == recent.count ? .good : .plain)
        // Desk and free shifts: how well the agent chose and wrote, and how the customers took it.
        let judgements = shifts.compactMap(\.judgement), writings = shifts.compactMap(\.writing), satisfied = shifts.compactMap(\.satisfied)
        for (label, values, kind, unit) in [("judgement", judgements, "desk", ""), ("writing", writings, "free", ""), ("satisfied", satisfied, "desk and free", " %")] where !values.isEmpty {
            figure("  " + label, ResponseTimeSection.figureTrend(values, shifts: kind, unit: unit), .plain)
        }
        let medians = shifts.suffix(12).map { $0.medianFirstResponse.map { String(ChatResult.shownSeconds($0)) } ?? "–" }
        row = frame.putLabelled("  by shift (s)", row: row, labelWidth: 17, width: width, role: .dim) { wrapWords(wholeItems(medians, separator: " · "), width: $0) }
        return row + 1
    }
}
