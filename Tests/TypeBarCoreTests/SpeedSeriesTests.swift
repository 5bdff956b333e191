import Testing
@testable import TypeBarCore

@Suite("Speed chart series and axes")
struct SpeedSeriesTests {
    /// One sample per second, `characters[i]` keyed in second i + 1, `errors` in the seconds listed.
    func timeline(_ characters: [Int], errorsAt: Set<Int> = []) -> [TimelineSample] {
        var total = 0
        return characters.enumerated().map { index, count in
            total += count
            let second = Double(index + 1)
            return TimelineSample(second: second, characters: count, errors: errorsAt.contains(index + 1) ? 1 : 0,
                                  rawWPM: Double(count) * 12, netWPM: Double(total) / 5 / (second / 60))
        }
    }

    @Test("The raw line averages the last five seconds, so a burst is a bump")
    func rolling() {
        // 5 characters a second (60 WPM), 20 in second 5.
        let series = SpeedSeries(timeline: timeline([5, 5, 5, 5, 20, 5, 5, 5, 5, 5]), marks: [40, 50])
        // Second 3: 15 characters in 3 s → 60 WPM. Second 5: 40 in 5 s → 96. Second 10: seconds 6-10, 25 in 5 s → 60.
        #expect(series.raw[2] == 60)
        #expect(series.raw[4] == 96)
        #expect(series.raw[9] == 60)
        // The burst second alone would read 240 WPM; the axis follows the lines: a step of 20 above 96.
        #expect(series.axis == ChartAxis(top: 100, step: 20))
    }

    @Test("Errors are placed at the seconds they were keyed")
    func errors() {
        let series = SpeedSeries(timeline: timeline([5, 5, 5, 5], errorsAt: [2, 4]), marks: [40])
        #expect(series.errorSeconds == [2, 4])
    }

    @Test("A history record's net figures make a series one point per step")
    func fromRecord() {
        let series = SpeedSeries(net: [30, 42, 45], step: 2, marks: [40])
        #expect(series.seconds == [2, 4, 6])
        #expect(series.raw.isEmpty)
        #expect(series.axis == ChartAxis(top: 50, step: 10))
    }

    @Test("Axes: a round step above the highest value, at most six labels", arguments: [
        (0.0, ChartAxis(top: 5, step: 5)), (38, ChartAxis(top: 40, step: 10)), (40, ChartAxis(top: 50, step: 10)),
        (91, ChartAxis(top: 100, step: 20)), (224, ChartAxis(top: 250, step: 50)), (.infinity, ChartAxis(top: 5, step: 5)),
    ])
    func axes(highest: Double, expected: ChartAxis) {
        #expect(ChartAxis.fitting(highest) == expected)
    }
}
