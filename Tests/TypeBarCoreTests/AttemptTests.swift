import Testing
@testable import TypeBarCore

@Suite("Scoring rules, with hand-computed figures")
struct AttemptTests {
    @Test("A perfect run: gross = net, 100 % accuracy, one keystroke per character")
    func perfectRun() throws {
        // 11 characters, the last at 1,000 ms: T = 1 s, gross = (11 / 5) / (1 / 60) = 132.
        let result = try attempt("abcde fghij", typing("abcde fghij", every: 100)).result()
        #expect(result.characters == 11)
        #expect(result.elapsedSeconds == 1)
        #expect(isClose(result.grossWPM, 132))
        #expect(isClose(result.netWPM, 132))
        #expect(result.accuracy == 100)
        #expect(result.uncorrectedErrors == 0)
        #expect(result.wordErrors == 0)
        #expect(result.completed)
        let keystrokes = try #require(result.keystrokes)
        #expect(keystrokes.accuracy == 100)
        #expect(keystrokes.correctedErrors == 0)
        #expect(keystrokes.kspc == 1)
    }

    @Test("Corrections and a leftover error: the worked example in docs/scoring.md")
    func workedExample() throws {
        // "the cat sat" typed as t h e ␣ c x ⌫ a t ␣ s e t, 200 ms apart: buffer "the cat set".
        let keys = script("the cx<at set", every: 200)
        let result = try attempt("the cat sat", keys).result()
        // T = 2.4 s; gross = (11/5)/(2.4/60) = 55; E = 1; net = 55 - 1/(2.4/60) = 30.
        #expect(isClose(result.elapsedSeconds, 2.4))
        #expect(isClose(result.grossWPM, 55))
        #expect(isClose(result.netWPM, 30))
        #expect(isClose(result.accuracy, 100 * 10 / 11))
        #expect(result.uncorrectedErrors == 1)
        #expect(result.substitutions == 1)
        #expect(result.wordErrors == 1)
        let keystrokes = try #require(result.keystrokes)
        // 12 character keystrokes, 10 matched the target where typed (x and the second e did not).
        #expect(isClose(keystrokes.accuracy, 100 * 10 / 12))
        #expect(keystrokes.correctedErrors == 1)        // 12 - 11
        #expect(isClose(keystrokes.kspc!, 13.0 / 11))   // 13 keystrokes for 11 characters
    }

    @Test("An omission costs one error, not every character after it")
    func omissionCountsOnce() throws {
        // "the quick brown fox" (19) typed without the i: 18 characters at 100 ms, T = 1.7 s.
        let result = try attempt("the quick brown fox", typing("the quck brown fox")).result()
        #expect(result.uncorrectedErrors == 1)
        #expect(result.omissions == 1)
        #expect(result.matchedPrefixLength == 19)
        #expect(!result.completed)
        // accuracy = 1 - 1/max(18, 19); gross = 3.6 / (1.7/60) = 127.0588…; net = gross - 60/1.7 = 91.7647…
        #expect(isClose(result.accuracy, 100 * (1 - 1.0 / 19)))
        #expect(isClose(result.grossWPM, 127.05882352941177))
        #expect(isClose(result.netWPM, 91.76470588235294))
        #expect(result.wordErrors == 1)
    }

    @Test("An extra character: the attempt completes at the target's length and K is the prefix it matches")
    func insertionAndCompletion() throws {
        // "abc def" (7) typed "abxc de" reaches 7 characters, so the f at 700 ms is ignored.
        var run = Attempt(target: TargetText("abc def"))
        var dispositions: [Attempt.Disposition] = []
        for key in typing("abxc def", every: 200) { dispositions.append(run.apply(key)) }
        #expect(dispositions.last == .afterCompletion)
        #expect(dispositions.dropLast().allSatisfy { $0 == .applied })
        let result = try run.result()
        // Closest prefix "abc de": one insertion. T = 1.2 s; accuracy = 1 - 1/max(7, 6).
        #expect(result.completed)
        #expect(result.uncorrectedErrors == 1)
        #expect(result.insertions == 1)
        #expect(result.matchedPrefixLength == 6)
        #expect(isClose(result.elapsedSeconds, 1.2))
        #expect(isClose(result.accuracy, 100 * 6 / 7))
        #expect(result.wordErrors == 1)
    }

    @Test("Events after the time limit are ignored and T is the limit")
    func timeLimit() throws {
        // 2 s limit; keys every 250 ms from 0 to 3,000 ms: those at 0...2,000 (9 of them) count.
        var run = Attempt(target: TargetText(String(repeating: "abcd ", count: 10)), timeLimit: 2)
        var ignored = 0
        for key in typing(String(repeating: "abcd ", count: 3).prefix(13).description, every: 250) where run.apply(key) == .afterTimeLimit {
            ignored += 1
        }
        #expect(ignored == 4)
        let result = try run.result()
        #expect(result.elapsedSeconds == 2)
        #expect(result.characters == 9)
        // gross = (9/5) / (2/60) = 54.
        #expect(isClose(result.grossWPM, 54))
        #expect(!result.completed)
    }

    @Test("Completing within the time limit uses the real time, not the limit")
    func completedUnderLimit() throws {
        let result = try attempt("hello world", typing("hello world", every: 150), timeLimit: 60).result()
        #expect(result.completed)
        #expect(isClose(result.elapsedSeconds, 1.5))
    }

    @Test("Backspace on an empty buffer does nothing but still counts as a keystroke")
    func backspaceOnEmpty() throws {
        let run = attempt("ab cd", script("<<ab cd", every: 200))
        let result = try run.result()
        #expect(result.characters == 5)
        #expect(result.uncorrectedErrors == 0)
        #expect(isClose(result.keystrokes!.kspc!, 7.0 / 5))
        #expect(isClose(result.elapsedSeconds, 1.2))
    }

    @Test("Word backspace removes trailing spaces, then back to the previous space")
    func wordBackspace() throws {
        var run = attempt("hello world again", script("hello wor^"))
        #expect(run.typedCount == 6)        // "hello "
        run.apply(.wordBackspace(at: 2_000))
        #expect(run.typedCount == 0)        // the trailing space, then "hello"
        run.apply(.wordBackspace(at: 2_100))
        #expect(run.typedCount == 0)
        for key in typing("hello", from: 2_200) { run.apply(key) }
        #expect(run.typedCount == 5)
        #expect((0..<5).allSatisfy { run.isCorrect(at: $0) })
    }

    @Test("Keystroke accuracy counts where each character landed, even ones later deleted")
    func keystrokeAccuracy() throws {
        // "ab cd" typed as a x ⌫ b ␣ c d: six characters typed, all but x matched where they landed → 5 of 6.
        let result = try attempt("ab cd", script("ax<b cd", every: 200)).result()
        #expect(isClose(result.keystrokes!.accuracy, 500.0 / 6))
        #expect(result.accuracy == 100)
        #expect(result.keystrokes!.correctedErrors == 1)
    }

    @Test("Several errors in one word are one word error")
    func wordErrors() throws {
        // "alpha beta gamma" typed "alhpa beta gamna": two errors in alpha, one in gamma → 2 word errors.
        let result = try attempt("alpha beta gamma", typing("alhpa beta gamna")).result()
        #expect(result.uncorrectedErrors == 3)
        #expect(result.wordErrors == 2)
    }

    @Test("Nothing typed, or too little time, cannot be scored")
    func unscorable() {
        #expect(throws: ScoringError.noKeystrokes) { try Attempt(target: TargetText("abc")).result() }
        #expect(throws: ScoringError.tooLittleTime(seconds: 0.2)) { try attempt("abc def", typing("abc", every: 100)).result() }
    }

    @Test("An empty target takes no keystrokes and cannot be scored")
    func emptyTarget() {
        var run = Attempt(target: TargetText("   "))
        #expect(run.apply(.character("a", at: 0)) == .afterCompletion)
        #expect(throws: ScoringError.emptyTarget) { try run.result() }
    }

    @Test("With a time limit even one keystroke has a full T")
    func oneKeyWithLimit() throws {
        let result = try attempt("abc", typing("a"), timeLimit: 30).result()
        #expect(result.elapsedSeconds == 30)
        #expect(isClose(result.grossWPM, 0.4))   // (1/5) / (30/60)
    }

    @Test("Accuracy is 0, not a division by zero, when everything was deleted")
    func everythingDeleted() throws {
        let result = try attempt("abc def", script("ab<<", every: 500)).result()
        #expect(result.characters == 0)
        #expect(result.accuracy == 0)
        #expect(result.netWPM == 0)
        #expect(result.keystrokes!.kspc == nil)
    }

    @Test("The target is whitespace-normalised")
    func normalisation() {
        #expect(TargetText("  Hi  there,\n\n\tAnna.  ").text == "Hi there, Anna.")
        #expect(TargetText(" \n\t ").isEmpty)
    }

    @Test("Characters beyond ASCII and combining sequences compare as whole characters")
    func unicode() throws {
        // "café" written with a combining accent is the same character as the precomposed é.
        let result = try attempt("caf\u{E9} na\u{EF}ve", typing("cafe\u{301} na\u{EF}ve", every: 200)).result()
        #expect(result.uncorrectedErrors == 0)
        #expect(result.characters == 10)
    }

    @Test("Live figures are cheap and agree with the final result")
    func liveFigures() throws {
        let run = attempt("the cat sat", script("the cx<at set", every: 200))
        let live = run.liveFigures(at: 99_999)
        let result = try run.result()
        #expect(live.isComplete)
        #expect(isClose(live.netWPM, result.netWPM))
        #expect(isClose(live.accuracy, result.accuracy))
        #expect(live.uncorrectedErrors == 1)
    }

    @Test("Live figures at whole seconds hold still within a second and move when the next one begins")
    func liveFiguresAtWholeSeconds() {
        // Keys 250 ms apart from 1 s: "Hi Sam, " by 2.75 s (elapsed 0-1.75 s), then "yoor" (elapsed 2-2.75 s).
        let run = attempt("Hi Sam, your label", typing("Hi Sam, yoor", from: 1_000, every: 250))
        // 2.75 s in: the figures as second 2 began, 8 characters over 2 s: (8 / 5) / (2 / 60) = 48 WPM, no error.
        for now in [3_750.0, 3_999] {
            let live = run.liveFiguresAtWholeSeconds(now)
            #expect(live.typedCharacters == 8 && live.uncorrectedErrors == 0 && live.elapsedSeconds == 2)
            #expect(isClose(live.netWPM, 48) && live.accuracy == 100)
        }
        // The same moment keystroke by keystroke shows all 12 characters.
        #expect(run.liveFigures(at: 3_750).typedCharacters == 12)
        // 3 s in: all 12 characters, one error ("yoor"): 48 gross less 1 / (3 / 60) = 20, so 28 net; 100 × 11 / 12 %.
        let third = run.liveFiguresAtWholeSeconds(4_000)
        #expect(third.typedCharacters == 12 && third.uncorrectedErrors == 1 && third.elapsedSeconds == 3)
        #expect(isClose(third.netWPM, 28) && isClose(third.accuracy, 100 * 11 / 12))
        // Before the first key, and once finished, the figures are the keystroke-by-keystroke ones.
        #expect(attempt("abc", []).liveFiguresAtWholeSeconds(5_000) == attempt("abc", []).liveFigures(at: 5_000))
        let done = attempt("the cat", typing("the cat", every: 300))
        #expect(done.liveFiguresAtWholeSeconds(1_900) == done.liveFigures(at: 1_900))
    }

    @Test("Live figures during a timed attempt count down")
    func liveCountdown() {
        let run = attempt("abcdefghij", typing("abc"), timeLimit: 60)
        let live = run.liveFigures(at: 15_000)
        #expect(live.elapsedSeconds == 15)
        #expect(live.remainingSeconds == 45)
        #expect(run.isOverTime(at: 60_001))
        #expect(!run.isOverTime(at: 60_000))
    }

    @Test("The timeline has one sample per second with the net figure so far; a last fragment under half a second joins the second before")
    func timeline() throws {
        let result = try attempt("the cat sat", script("the cx<at set", every: 200)).result()
        let samples = result.keystrokes!.timeline
        // Keys at 0, 200, …, 2400 ms: second 1 holds 5 characters, and 1.0-2.4 s the other 7 (the 0.4 s after 2 s
        // is too short to stand alone).
        #expect(samples.map(\.second) == [1, 2.4])
        #expect(samples.map(\.characters) == [5, 7])
        #expect(samples.map(\.errors) == [0, 2])
        // End of second 1: "the c" (5 characters, no error) → 60 WPM; at 2.4 s: "the cat set", 1 error → 30.
        #expect(samples.map(\.netWPM).enumerated().allSatisfy { isClose($1, [60, 30][$0]) })
        #expect(isClose(samples[1].rawWPM, 60))   // 7 characters in 1.4 s
        #expect(result.keystrokes!.timelineStep == 1)
    }

    @Test("A last fragment of half a second or more is a sample of its own")
    func timelineLongFragment() throws {
        let result = try attempt("the cat sat on", script("the cat sat on", every: 200)).result()
        // Keys at 0 … 2600 ms: seconds 1 and 2 hold 5 characters each, the 0.6 s after them 4.
        let samples = result.keystrokes!.timeline
        #expect(samples.map(\.second) == [1, 2, 2.6])
        #expect(samples.map(\.characters) == [5, 5, 4])
        #expect(isClose(samples[2].rawWPM, 80))   // 4 characters in 0.6 s
    }

    @Test("Steady typing that ends a sliver past a second has no spike at the end")
    func timelineNoSpike() throws {
        // 60 WPM: a key every 200 ms, the last one 0.5 ms past the 3-second mark.
        var keys = typing("abcdefghijklmno", every: 200)
        keys.append(.character("p", at: 3_000.5))
        let result = try attempt("abcdefghijklmnop", keys).result()
        let samples = result.keystrokes!.timeline
        // The sliver joins second 3: its 6 characters over 1.0005 s read 72 WPM, not 1 character in 0.5 ms
        // (24,000 WPM).
        #expect(samples.map(\.second) == [1, 2, 3.0005])
        #expect(samples.map(\.characters) == [5, 5, 6])
        #expect(samples.allSatisfy { $0.rawWPM < 72.01 })
    }

    @Test("A long attempt keeps at most 3,600 samples, each a whole number of seconds wide")
    func timelineBounded() throws {
        // Two keys a day apart: 86,400 s in samples of 32 s (the first power of two giving at most 3,600).
        let result = try attempt("ab", [.character("a", at: 0), .character("b", at: 86_400_000)]).result()
        let figures = result.keystrokes!
        #expect(figures.timelineStep == 32)
        #expect(figures.timeline.count == 2_700)
        #expect(figures.timeline.last?.second == 86_400)
        #expect(figures.timeline.reduce(0) { $0 + $1.characters } == 1)
    }

    @Test("When the timeline fills, neighbouring samples merge in pairs")
    func timelineMerges() {
        var builder = TimelineBuilder(maximumSamples: 4)
        let perSecond = [5, 10, 0, 5]
        for (second, characters) in perSecond.enumerated() {
            builder.advance(to: Double(second) * 1000, buffer: (0, 0))
            for _ in 0..<characters { builder.countCharacter(correct: true) }
        }
        builder.advance(to: 4_000, buffer: (20, 0))
        #expect(builder.step == 2)
        #expect(builder.samples.map(\.second) == [2, 4])
        #expect(builder.samples.map(\.characters) == [15, 5])
        // 15 characters in 2 s is 90 WPM; 5 in 2 s, 30.
        #expect(builder.samples.map(\.rawWPM) == [90, 30])
    }

    @Test("Per-key figures and the slowest bigrams")
    func keysAndBigrams() throws {
        // "abab" with intervals 100, 300, 100: the bigram "ba" is slow.
        let keys: [Keystroke] = [.character("a", at: 0), .character("b", at: 100), .character("a", at: 400), .character("b", at: 500),
                                 .character("x", at: 600), .backspace(at: 700), .character(" ", at: 800), .character("c", at: 1_000)]
        let result = try attempt("abab c", keys).result()
        let figures = result.keystrokes!
        let a = try #require(figures.keys.first { $0.character == "a" })
        #expect(a.typed == 2)
        #expect(a.errors == 0)
        #expect(a.meanMilliseconds == 300)   // only the second a has an interval
        let space = try #require(figures.keys.first { $0.character == " " })
        #expect(space.typed == 2)
        #expect(space.errors == 1)           // x typed where the space was due
        #expect(figures.slowestBigrams.first?.bigram == "ab")
        #expect(figures.slowestBigrams.first?.count == 2)
        #expect(figures.slowestBigrams.first?.meanMilliseconds == 100)
    }

    @Test("A skipped or doubled letter costs one matched keystroke, not every keystroke after it")
    func keystrokeAccuracyAfterSlip() throws {
        // "te cat sat": the e is typed where h was due (wrong); the rest, one place off, adds no error.
        let skipped = try attempt("the cat sat", typing("te cat sat", every: 200)).result()
        #expect(skipped.keystrokes?.accuracy == 90)
        #expect(skipped.uncorrectedErrors == 1)
        #expect(!skipped.flags.contains { $0.kind == .lowAccuracy })
        // "thhe cat sat": the second h is the one extra keystroke.
        let doubled = try attempt("the cat sat", typing("thhe cat sat", every: 200)).result()
        #expect(isClose(doubled.keystrokes?.accuracy ?? 0, 100.0 * 10 / 11))
        // A wrong letter in place is one miss, and the keys after it still match in place.
        let wrong = try attempt("the cat sat", typing("thx cat sat", every: 200)).result()
        #expect(isClose(wrong.keystrokes?.accuracy ?? 0, 100.0 * 10 / 11))
    }
}

@Suite("The bigram table")
struct BigramTableTests {
    @Test("Counts and totals agree with a dictionary's, for keys that crowd few slots and for many keys")
    func agreesWithDictionary() {
        var random = SplitMix64(seed: 5)
        for round in 0..<40 {
            var table = BigramTable()
            var reference: [UInt64: (count: Int, total: Double)] = [:]
            // Few distinct codes in early rounds (many repeats), up to thousands of distinct bigrams later.
            let codes = UInt64(2 + round * round)
            for _ in 0..<Int.random(in: 0...3_000, using: &random) {
                let key = UInt64.random(in: 0..<codes, using: &random) << 32 | UInt64.random(in: 0..<codes, using: &random)
                let interval = Double(Int.random(in: 1...900, using: &random))
                table.add(key, interval: interval)
                reference[key, default: (0, 0)].count += 1
                reference[key, default: (0, 0)].total += interval
            }
            let entries = table.entries
            #expect(entries.count == reference.count)
            for entry in entries {
                #expect(reference[entry.key]?.count == entry.count && reference[entry.key]?.total == entry.total)
            }
        }
    }
}
