import TypeBarCore
import TypeBarFormats

/// The response-time section of `typebar stats`: chat shifts, the median first reply of the latest ones and its
/// trend against the ones before, customers lost, the judgement, writing and satisfaction of desk and free
/// shifts with theirs, and the median first reply of each recent shift. Times are shown as everywhere else
/// (`ChatResult.shownSeconds`), and a trend is the difference of the figures shown.
struct ResponseTimeSection {
    static let rows = 13
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
        var text = "\(now)\(unit) over the last " + (recent.count == 1 ? "\(kind) shift" : "\(recent.count) \(kind) shifts")
        guard !before.isEmpty else { return text }
        let then = Int(formatDecimal(before.reduce(0, +) / Double(before.count), places: 0)) ?? 0
        let against = "the \(before.count) before"
        let change = now - then
        text += change == 0 ? ", steady against \(against)" : ", \(abs(change))\(unit.isEmpty ? "" : " points") \(change > 0 ? "up" : "down") on \(against)"
        return text
    }

    /// Draws the section from `row`; returns the row after it.
    func draw(into frame: inout Frame, row start: Int, width: Int) -> Int {
        var row = start
        frame.put("Response time at the chat desk (\(shifts.count) shift\(shifts.count == 1 ? "" : "s"))", row: row, column: 0, role: .title)
        row += 1
        let recent = shifts.suffix(ResponseTimeSection.window)
        let mean = ResponseTimeSection.meanMedian(recent)
        let worst = recent.compactMap(\.worstFirstResponse).max()
        var line = "  first reply    median \(mean.map { "\(ChatResult.shownSeconds($0)) s" } ?? "–") over the last \(recent.count)"
        line += worst.map { ", worst \(ChatResult.shownSeconds($0)) s" } ?? ""
        frame.put(line, row: row, column: 0, role: (mean ?? 0) > 60 ? .bad : .plain)
        row += 1
        frame.put("  trend          " + (trend ?? "needs more than \(ResponseTimeSection.window) shifts"), row: row, column: 0, role: trend?.contains("faster") == true ? .good : .plain)
        row += 1
        let lost = recent.reduce(0) { $0 + $1.abandoned }
        let customers = recent.reduce(0) { $0 + $1.customers }
        let served = recent.reduce(0) { $0 + $1.served }
        frame.put("  customers      \(served) of \(customers) served, \(lost) left unanswered (last \(recent.count))", row: row, column: 0, role: lost > 0 ? .bad : .plain)
        row += 1
        let met = recent.filter(\.meetsTargets).count
        frame.put("  targets        met in \(met) of the last \(recent.count)", row: row, column: 0, role: met == recent.count ? .good : .plain)
        row += 1
        // Desk and free shifts: how well the agent chose and wrote, and how the customers took it.
        let judgements = shifts.compactMap(\.judgement), writings = shifts.compactMap(\.writing), satisfied = shifts.compactMap(\.satisfied)
        for (label, values, kind, unit) in [("judgement", judgements, "desk", ""), ("writing", writings, "free", ""), ("satisfied", satisfied, "desk and free", " %")] where !values.isEmpty {
            // Wrapped under the figure, never parting a number from its unit.
            let name = "  " + label.padded(to: 15)
            for (index, line) in wrapFigures(ResponseTimeSection.figureTrend(values, shifts: kind, unit: unit), width: max(1, width - name.count)).enumerated() {
                frame.put((index == 0 ? name : String(repeating: " ", count: name.count)) + line, row: row, column: 0, role: .plain)
                row += 1
            }
        }
        let medians = shifts.suffix(12).map { $0.medianFirstResponse.map { String(ChatResult.shownSeconds($0)) } ?? "–" }
        frame.put("  by shift (s)   " + medians.joined(separator: " · "), row: row, column: 0, role: .dim)
        row += 2
        return row
    }
}
