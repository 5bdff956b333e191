import Testing
import TypeBarCore

@Suite("Hiring-bar verdicts")
struct HiringBarTests {
    @Test("Meets the 40 bar and says how far from 50")
    func meets() {
        let verdict = HiringBar().verdict(netWPM: 42.7, accuracy: 97.15)
        #expect(verdict.meetsBar)
        #expect(verdict.summary == "42 net WPM, 97.1 % accuracy: meets the 40 WPM bar; 8 short of 50")
        #expect(isClose(verdict.shortfall(to: 50), 7.3))
        #expect(verdict.shortfall(to: 40) == 0)
    }

    @Test("Below on speed")
    func slow() {
        let verdict = HiringBar().verdict(netWPM: 36.2, accuracy: 98)
        #expect(!verdict.meetsBar)
        #expect(verdict.summary == "36 net WPM, 98.0 % accuracy: below the 40 WPM bar; 4 short of 40, 14 short of 50")
    }

    @Test("Fast enough but not accurate enough")
    func inaccurate() {
        let verdict = HiringBar().verdict(netWPM: 55, accuracy: 93.2)
        #expect(!verdict.meetsBar)
        #expect(verdict.meetsSpeed)
        #expect(verdict.summary == "55 net WPM, 93.2 % accuracy: below the 40 WPM bar: accuracy under the 95.0 % minimum; clears 40, clears 50")
    }

    @Test("Figures round down, so 39.96 never shows as meeting 40")
    func roundingDown() {
        let verdict = HiringBar().verdict(netWPM: 39.96, accuracy: 99.99)
        #expect(verdict.summary == "39 net WPM, 99.9 % accuracy: below the 40 WPM bar; 1 short of 40, 11 short of 50")
    }

    @Test("A custom bar is reported beside 40 and 50")
    func customBar() {
        let verdict = HiringBar(netWPM: 45, minimumAccuracy: 90).verdict(netWPM: 47, accuracy: 91)
        #expect(verdict.meetsBar)
        #expect(verdict.marks == [40, 45, 50])
        #expect(verdict.summary == "47 net WPM, 91.0 % accuracy: meets the 45 WPM bar; clears 40, 3 short of 50")
    }

    @Test("Exactly on the bar meets it")
    func boundary() {
        #expect(HiringBar().verdict(netWPM: 40, accuracy: 95).meetsBar)
        #expect(!HiringBar().verdict(netWPM: 40, accuracy: 94.999).meetsBar)
    }

    @Test("Decimal formatting rounds down and pads")
    func formatting() {
        #expect(formatDecimal(97.1, places: 1) == "97.1")
        #expect(formatDecimal(3.05, places: 2) == "3.05")
        #expect(formatDecimal(0.5, places: 0) == "0")
        #expect(formatDecimal(12, places: 2) == "12.00")
        #expect(formatDecimal(-2.5, places: 1) == "-2.5")
    }
}
