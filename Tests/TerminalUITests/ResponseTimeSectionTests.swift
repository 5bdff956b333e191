import Testing
@testable import TerminalUI
import TypeBarCore

/// Ten chat shifts a day apart: two template shifts (first replies 12.2 and 15 s), then desk shifts judged 60, 70,
/// 80, 90, 100 and 75 and free shifts written 80 and 90, satisfied 50, 100, 50 and then 100 % each; every desk and
/// free shift with a median first reply of 10.4 s, and a worst of 20 s.
private func shifts() -> [ChatShiftPoint] {
    let kinds: [(judgement: Double?, writing: Double?, satisfied: Double?)] = [
        (nil, nil, nil), (nil, nil, nil), (60, nil, 50), (70, nil, 100), (nil, 80, 50),
        (80, nil, 100), (90, nil, 100), (100, nil, 100), (75, nil, 100), (nil, 90, 100),
    ]
    return kinds.enumerated().map { day, kind in
        var point = ChatShiftPoint(
            time: Double(day) * 86_400, scenario: "s", medianFirstResponse: [12.2, 15][safe: day] ?? 10.4, worstFirstResponse: 20,
            served: 2, customers: 2, abandoned: 0, meetsTargets: true)
        point.judgement = kind.judgement
        point.writing = kind.writing
        point.satisfied = kind.satisfied
        return point
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

@Suite("Stats: the chat desk's response time, judgement, writing and satisfaction")
struct ResponseTimeSectionTests {
    // By hand. First replies: the last 5 shifts' medians are all 10.4 s, shown 11 s; the 5 before average
    // (12.2 + 15 + 3 × 10.4) / 5 = 11.68, shown 12 s: 1 s faster. Judgement: the last 5 desk shifts (70, 80, 90,
    // 100, 75) average 83; the one before, 60: 23 up. Writing: 80 and 90 average 85, nothing before. Satisfied: the
    // last 5 desk and free shifts 100 %; the 3 before (50, 100, 50) 66.7, shown 66: 34 points up.
    @Test("Desk and free shifts add their judgement, writing and satisfied trends; times are shown rounded up")
    func section() {
        var view = StatsViewTests.view()
        view.chatShifts = shifts()
        let text = view.frame(columns: 80).text
        let expected = """
            Response time at the chat desk (10 shifts)
              first reply    median 11 s over the last 5, worst 20 s
              trend          1 s faster than the 5 shifts before
              customers      10 of 10 served, 0 left unanswered (last 5)
              targets        met in 5 of the last 5
              judgement      83 over the last 5 desk shifts, 23 up on the 1 before
              writing        85 over the last 2 free shifts
              satisfied      100 % over the last 5 desk and free shifts, 34 points up on
                             the 3 before
              by shift (s)   13 · 15 · 11 · 11 · 11 · 11 · 11 · 11 · 11 · 11
            """
        #expect(text.contains(expected), "\(text)")
    }

    @Test("Without desk or free shifts the section has no such lines")
    func typingOnly() {
        var view = StatsViewTests.view()
        view.chatShifts = Array(shifts().prefix(2))
        let text = view.frame(columns: 80).text
        #expect(text.contains("Response time at the chat desk (2 shifts)"))
        #expect(!text.contains("judgement") && !text.contains("writing ") && !text.contains("satisfied"))
    }

    @Test("One shift: no trend yet; the same figure shown is steady")
    func trends() {
        #expect(ResponseTimeSection.figureTrend([72.9], shifts: "free") == "72 over the last free shift")
        #expect(ResponseTimeSection.figureTrend([70.2, 70.9], shifts: "desk") == "70 over the last 2 desk shifts")
        #expect(ResponseTimeSection.figureTrend([80, 90, 70, 70, 70, 70, 70.5], shifts: "desk")
            == "70 over the last 5 desk shifts, 15 down on the 2 before")
        #expect(ResponseTimeSection.figureTrend([80, 80, 80, 80, 80, 80.9], shifts: "desk") == "80 over the last 5 desk shifts, steady against the 1 before")
    }
}
