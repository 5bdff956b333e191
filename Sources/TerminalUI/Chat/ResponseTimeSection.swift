import TypeBarCore
import TypeBarFormats

/// The response-time section of `typebar stats`: chat shifts, the median first reply of the latest ones and its
/// trend against the ones before, customers lost, and the median first reply of each recent shift.
struct ResponseTimeSection {
    /// Rows the section takes at most, at the narrowest width stats draws.
    static let rows = 24
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
        let change = now - before
        let count = min(ResponseTimeSection.window, shifts.count - ResponseTimeSection.window)
        if abs(change) < 0.5 { return "steady against the \(count) shift\(count == 1 ? "" : "s") before" }
        return "\(formatDecimal(abs(change), places: 0)) s \(change < 0 ? "faster" : "slower") than the \(count) shift\(count == 1 ? "" : "s") before"
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
        var median = "median \(mean.map { withUnit(formatDecimal($0, places: 0), "s") } ?? "–") over the last \(recent.count)"
        median += worst.map { ", worst \(withUnit(formatDecimal($0, places: 0), "s"))" } ?? ""
        figure("  first reply", median, (mean ?? 0) > 60 ? .bad : .plain)
        figure("  trend", trend ?? "needs more than \(withUnit(String(ResponseTimeSection.window), "shifts"))", trend?.contains("faster") == true ? .good : .plain)
        let lost = recent.reduce(0) { $0 + $1.abandoned }
        let customers = recent.reduce(0) { $0 + $1.customers }
        let served = recent.reduce(0) { $0 + $1.served }
        figure("  customers", "\(served) of \(customers) served, \(lost) left unanswered (last \(recent.count))", lost > 0 ? .bad : .plain)
        let met = recent.filter(\.meetsTargets).count
        figure("  targets", "met in \(met) of the last \(recent.count)", met == recent.count ? .good : .plain)
        let medians = shifts.suffix(12).map { $0.medianFirstResponse.map { formatDecimal($0, places: 0) } ?? "–" }
        row = frame.putLabelled("  by shift (s)", row: row, labelWidth: 17, width: width, role: .dim) { wrapWords(wholeItems(medians, separator: " · "), width: $0) }
        return row + 1
    }
}
