import Testing
import TypeBarCore

@Suite("Integrity flags and consistency")
struct IntegrityTests {
    /// Human-looking intervals: varied, around 180 ms.
    static let humanIntervals: [Double] = [150, 240, 120, 310, 170, 200, 95, 260, 180, 140, 330, 160, 210, 125, 275, 190]

    func humanTyping(_ text: String, from start: Double = 0) -> [Keystroke] {
        var time = start
        return text.enumerated().map { index, character in
            defer { time += Self.humanIntervals[index % Self.humanIntervals.count] }
            return .character(character, at: time)
        }
    }

    func flags(_ result: ScoreResult) -> [IntegrityFlag.Kind] { result.flags.map(\.kind) }

    let text = "thanks for waiting while I checked your order and the refund is on its way to your card today"

    @Test("A person typing at a human pace raises no flag")
    func human() throws {
        let result = try attempt(text, humanTyping(text)).result()
        #expect(result.flags.isEmpty)
    }

    @Test("A burst of characters faster than anyone types is a paste")
    func paste() throws {
        var keys = humanTyping("thanks for ")
        let burstStart = keys.last!.time + 200
        keys += typing("waiting wh", from: burstStart, every: 2)   // 10 characters in 18 ms
        let result = try attempt(text, keys).result()
        #expect(flags(result).contains(.paste))
        let flag = try #require(result.flags.first { $0.kind == .paste })
        #expect(isClose(flag.atSeconds!, (burstStart + 8) / 1000))   // the fifth character of the burst
    }

    @Test("A pause over 10 s is idle")
    func idle() throws {
        var keys = humanTyping("thanks for ")
        keys += humanTyping("waiting", from: keys.last!.time + 10_500)
        let result = try attempt(text, keys).result()
        #expect(flags(result) == [.idle])
        #expect(!flags(try attempt(text, humanTyping("thanks") + humanTyping(" for", from: 10_600)).result()).contains(.idle))
    }

    @Test("Sustained speed over 200 WPM is superhuman")
    func superhuman() throws {
        // Varied intervals averaging 50 ms: 240 WPM.
        var time = 0.0
        let keys = text.enumerated().map { index, character -> Keystroke in
            defer { time += [30, 70, 45, 55, 40, 60][index % 6] }
            return .character(character, at: time)
        }
        let result = try attempt(text, keys).result()
        #expect(flags(result).contains(.superhuman))
        #expect(!flags(result).contains(.uniform))
    }

    @Test("Perfectly even intervals, as scripts produce, are uniform")
    func uniform() throws {
        let result = try attempt(text, typing(text, every: 150)).result()
        #expect(flags(result) == [.uniform])
        // Fewer than 20 intervals is not enough to say.
        #expect(try attempt(text, typing("thanks for wait", every: 150)).result().flags.isEmpty)
    }

    @Test("Keystroke accuracy under 75 % is not a valid result")
    func lowAccuracy() throws {
        let result = try attempt(text, humanTyping("thxnzs fxr wxitxng wxxle")).result()
        #expect(flags(result).contains(.lowAccuracy))
        #expect(result.keystrokes!.accuracy < 75)
    }

    @Test("Flags never change the numbers")
    func flagsInformOnly() throws {
        let even = try attempt("abcdefghij klmnopqrst uvwxy", typing("abcdefghij klmnopqrst uvwxy", every: 200)).result()
        #expect(flags(even) == [.uniform])
        #expect(isClose(even.netWPM, (27.0 / 5) / (5.2 / 60)))
    }

    @Test("Consistency is 100 × (1 − CV) of the time per five keystrokes")
    func consistency() throws {
        // Groups of five keystrokes after the first take 500, 1,000 and 1,500 ms: mean 1,000, sample SD 500 → 50.
        var keys: [Keystroke] = [.character("a", at: 0)]
        var time = 0.0
        for duration in [500.0, 1_000, 1_500] {
            for _ in 0..<5 {
                time += duration / 5
                keys.append(.character("a", at: time))
            }
        }
        let result = try attempt(String(repeating: "a", count: 40), keys).result()
        #expect(isClose(result.keystrokes!.consistency!, 50))
        // Two groups are not enough to say.
        #expect(try attempt(String(repeating: "a", count: 40), Array(keys.prefix(11))).result().keystrokes!.consistency == nil)
    }
}
