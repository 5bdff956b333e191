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
        // The lines start at second 5: 40 characters in 5 s → 96. Second 10: seconds 6-10, 25 in 5 s → 60.
        #expect(series.raw[0] == 96)
        #expect(series.raw[5] == 60)
        // The burst second alone would read 240 WPM; the axis follows the lines: a step of 20 above 96.
        #expect(series.axis == ChartAxis(top: 100, step: 20))
    }

    @Test("The lines start at 5 s: the first second's burst neither draws nor scales the chart")
    func startsAfterTheWindow() {
        // 12 keys in the first second (144 WPM "so far"), 2 a second to 5 s, then 5, 5, 5, 4, 5.
        let series = SpeedSeries(timeline: timeline([12, 2, 2, 2, 2, 5, 5, 5, 4, 5]), marks: [40, 50])
        #expect(series.seconds == [5, 6, 7, 8, 9, 10])
        // At 5 s: 20 characters in 5 s, 48 WPM both ways. At 10 s: 44 in 10 s is 52.8 net; seconds 6-10 hold 24,
        // 57.6 raw, the highest point drawn.
        #expect(series.net.first == 48 && series.raw.first == 48)
        #expect(isClose(series.net.last ?? 0, 52.8) && isClose(series.raw.last ?? 0, 57.6))
        // Scaled to what is drawn: a step above 57.6, not above the 144 of the first second.
        #expect(series.axis == ChartAxis(top: 60, step: 10))
    }

    @Test("A session shorter than 5 s has no lines to draw")
    func tooShortForLines() {
        let series = SpeedSeries(timeline: timeline([5, 5, 5, 5]), marks: [40, 50])
        #expect(series.seconds.isEmpty && series.net.isEmpty && series.raw.isEmpty)
        #expect(series.axis == ChartAxis(top: 60, step: 10))
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
