import Testing
@testable import TypeBarCore

/// Passages of our own: real support language, with few words holding `b` and `q`.
private let passages = [
    "Hi Tomas, thanks for flagging this, and sorry for the worry. I can see two charges of $24.99 on May 14 for order #48213-B.",
    "The second one was caused by a timeout on our side, and it has been refunded to your card ending 4417.",
    "Please allow 3-5 business days for the refund to show. Your billing address and subscription stay the same.",
    "I have reset the password link; it will be valid for 24 hours. Quick question: is the number on the account still yours?",
    "Thanks for your patience while we look into the problem with your order. We will be back with you before the end of the day.",
]

/// A session in which every letter of the passages takes `others` ms, except the keys given in `slow`.
private func session(others: Double, slow: [String: Double] = [:], typed: Int = 10, errors: [String: Int] = [:]) -> SessionTimings {
    SessionTimings(keys: ConfidenceModel.letters.map { key in
        TimingObservation(key: key, typed: typed, errors: errors[key] ?? 0, meanMilliseconds: slow[key] ?? others)
    })
}

private func pow09(_ n: Int) -> Double { (0..<n).reduce(1.0) { value, _ in value * 0.9 } }

@Suite("Drills: confidence, focus and word choice")
struct DrillTests {
    @Test("Confidence on a hand-made history, computed by hand")
    func handComputed() throws {
        // Key b over three sessions: means 400, 300, 500 ms; 1 of 10, 0 of 10 and 2 of 20 typed wrong.
        var model = ConfidenceModel(targetWPM: 40)
        model.add(SessionTimings(keys: [TimingObservation(key: "b", typed: 10, errors: 1, meanMilliseconds: 400)]))
        model.add(SessionTimings(keys: [TimingObservation(key: "b", typed: 10, errors: 0, meanMilliseconds: 300)]))
        model.add(SessionTimings(keys: [TimingObservation(key: "b", typed: 20, errors: 2, meanMilliseconds: 500)]))
        let b = try #require(model.key("b"))
        // S: 400, then 0.1 × 300 + 0.9 × 400 = 390, then 0.1 × 500 + 0.9 × 390 = 401.
        #expect(isClose(try #require(b.smoothedMilliseconds), 401))
        // R: 0.1, then 0.9 × 0.1 = 0.09, then 0.1 × 0.1 + 0.9 × 0.09 = 0.091.
        #expect(isClose(b.errorRate, 0.091))
        // T = 60000 / (40 × 5) = 300; C = 300 / (401 × (1 + 2 × 0.091)) = 300 / 473.982.
        #expect(model.targetMilliseconds == 300)
        #expect(isClose(try #require(b.confidence), 300 / 473.982))
        #expect(b.typed == 40 && b.sessions == 3 && b.isWeak)
        // At 50 WPM the target time is 240 ms.
        var fifty = model
        fifty.targetWPM = 50
        #expect(isClose(try #require(fifty.key("b")?.confidence), 240 / 473.982))
        // A key typed fast and clean is at target: 300 / 200 = 1.5.
        model.add(SessionTimings(keys: [TimingObservation(key: "c", typed: 6, errors: 0, meanMilliseconds: 200)]))
        #expect(isClose(try #require(model.key("c")?.confidence), 1.5))
        #expect(model.key("c")?.isAtTarget == true)
        // Untimed, or seen too rarely: not ranked.
        model.add(SessionTimings(keys: [TimingObservation(key: "d", typed: 3, errors: 0, meanMilliseconds: nil),
                                        TimingObservation(key: "e", typed: 4, errors: 0, meanMilliseconds: 900)]))
        #expect(model.key("d")?.confidence == nil)
        #expect(model.key("e")?.isKnown == false)
        #expect(model.ranked(lettersOnly: true).map(\.key) == ["b", "c"])
    }

    @Test("Recent sessions weigh more: a key that got faster climbs")
    func recentWeighMore() throws {
        var model = ConfidenceModel()
        for _ in 0..<10 { model.add(session(others: 200, slow: ["k": 600])) }
        let before = try #require(model.key("k")?.confidence)
        for _ in 0..<10 { model.add(session(others: 200, slow: ["k": 250])) }
        let after = try #require(model.key("k")?.confidence)
        // 10 sessions at 600 ms, then 10 at 250: S = 250 + 350 × 0.9^10 = 372.0, well under the plain mean (425).
        #expect(isClose(before, 0.5))
        #expect(isClose(after, 300 / (250 + 350 * pow09(10))))
        #expect(after > 300 / 425.0)
    }

    @Test("One key clearly slowest: the focus is that key and at least 80 % of drill words hold it")
    func slowestKeyIsFocus() throws {
        var model = ConfidenceModel()
        for index in 0..<20 { model.add(session(others: 220 + Double(index % 3) * 10, slow: ["b": 650])) }
        let pool = WordPool(texts: passages)
        #expect(DrillBuilder.automaticFocus(model) == .keys(["b"]))
        for seed in [1, 2, 3, 99] as [UInt64] {
            let plan = DrillBuilder.plan(DrillRequest(length: .words(40), seed: seed), model: model, pool: pool)
            #expect(plan.focus == .keys(["b"]))
            #expect(plan.words.count == 40)
            let holding = plan.words.filter { $0.text.contains("b") }.count
            #expect(Double(holding) >= 0.8 * 40, "\(plan.words.map(\.text))")
            #expect(plan.words.allSatisfy { $0.why.hasPrefix("holds the focus b") && $0.why.contains("b 0.") })
        }
    }

    @Test("Every drill word comes from the passages, in every kind but details")
    func wordsFromPassages() throws {
        var model = ConfidenceModel()
        for _ in 0..<5 { model.add(session(others: 280, slow: ["q": 500, "y": 420])) }
        // A token of the passages, as written or stripped to plain lowercase letters.
        let tokens = Set(passages.flatMap { $0.split(separator: " ").map(String.init) })
        let plain = Set(tokens.compactMap { token -> String? in
            let letters = token.filter(\.isLetter).lowercased()
            return token.drop { !$0.isLetter }.reversed().drop { !$0.isLetter }.count == letters.count ? letters : nil
        })
        let pool = WordPool(texts: passages)
        for kind in [DrillKind.letters, .words] {
            let plan = DrillBuilder.plan(DrillRequest(kind: kind, length: .words(60), seed: 7), model: model, pool: pool)
            #expect(plan.words.count == 60)
            for word in plan.words {
                #expect(tokens.contains(word.text) || plain.contains(word.text), "\(word.text) is not in the passages")
                #expect(pool.holds(word.text))
            }
        }
        #expect(!pool.holds("bxq"))
    }

    @Test("Same seed, same drill; another seed, another drill")
    func deterministic() {
        var model = ConfidenceModel()
        for _ in 0..<8 { model.add(session(others: 250, slow: ["o": 420, "r": 380])) }
        let pool = WordPool(texts: passages)
        for kind in DrillKind.allCases {
            let one = DrillBuilder.plan(DrillRequest(kind: kind, length: .words(25), seed: 42), model: model, pool: pool)
            let two = DrillBuilder.plan(DrillRequest(kind: kind, length: .words(25), seed: 42), model: model, pool: pool)
            let other = DrillBuilder.plan(DrillRequest(kind: kind, length: .words(25), seed: 43), model: model, pool: pool)
            #expect(one.words == two.words)
            #expect(one.text != other.text)
        }
    }

    @Test("Capitals, punctuation and digits come in once every letter is at target")
    func bringInCapitals() throws {
        var learning = ConfidenceModel()
        for _ in 0..<5 { learning.add(session(others: 200, slow: ["t": 400])) }
        let pool = WordPool(texts: passages)
        let first = DrillBuilder.plan(DrillRequest(length: .words(50), seed: 5), model: learning, pool: pool)
        #expect(!first.lettersLearned)
        #expect(first.words.allSatisfy { $0.text.allSatisfy { $0 >= "a" && $0 <= "z" } })

        var learned = ConfidenceModel()
        var keys = ConfidenceModel.letters.map { TimingObservation(key: $0, typed: 10, meanMilliseconds: 200) }
        keys.append(TimingObservation(key: "T", typed: 10, meanMilliseconds: 700))
        keys.append(TimingObservation(key: ",", typed: 10, meanMilliseconds: 350))
        for _ in 0..<5 { learned.add(SessionTimings(keys: keys)) }
        #expect(learned.lettersLearned)
        #expect(DrillBuilder.automaticFocus(learned) == .keys(["T"]))
        let later = DrillBuilder.plan(DrillRequest(length: .words(30), seed: 5), model: learned, pool: pool)
        #expect(later.lettersLearned)
        #expect(later.words.allSatisfy { $0.text.contains("T") })
        #expect(later.words.contains { $0.text != $0.text.lowercased() || $0.text.contains(where: \.isPunctuation) })
    }

    @Test("With every key at target, a weak pair becomes the focus")
    func pairFocus() {
        var model = ConfidenceModel()
        for _ in 0..<5 {
            var timings = session(others: 200)
            timings.bigrams = [TimingObservation(key: "th", typed: 8, meanMilliseconds: 450), TimingObservation(key: "an", typed: 8, meanMilliseconds: 150)]
            model.add(timings)
        }
        #expect(DrillBuilder.automaticFocus(model) == .bigram("th"))
        let plan = DrillBuilder.plan(DrillRequest(length: .words(20), seed: 3), model: model, pool: WordPool(texts: passages))
        #expect(plan.words.allSatisfy { $0.text.contains("th") })
    }

    @Test("--focus: keys, a pair, or nothing")
    func focusParsing() {
        #expect(DrillFocus(parsing: "b") == .keys(["b"]))
        #expect(DrillFocus(parsing: "b,v") == .keys(["b", "v"]))
        #expect(DrillFocus(parsing: "th") == .bigram("th"))
        #expect(DrillFocus(parsing: "bvk") == .keys(["b", "v", "k"]))
        #expect(DrillFocus(parsing: "") == nil)
        #expect(DrillFocus(parsing: "b,,v") == nil)
        #expect(DrillFocus(parsing: "ab,c") == nil)
    }

    @Test("A new user gets a placement drill that brings in every letter the passages hold")
    func placement() {
        let pool = WordPool(texts: passages)
        let plan = DrillBuilder.plan(DrillRequest(length: .words(40), seed: 11), model: ConfidenceModel(), pool: pool)
        #expect(plan.isPlacement && plan.focus == nil)
        #expect(plan.words.count == 40)
        let available = Set(pool.letters.joined())
        #expect(Set(plan.text.filter(\.isLetter)) == available)
        #expect(plan.words.first?.why.hasPrefix("placement: brings in") == true)
        #expect(plan.words.allSatisfy { pool.letters.contains($0.text) })
    }

    @Test("A drill of N minutes holds what the target speed types in them")
    func lengthInMinutes() {
        var model = ConfidenceModel(targetWPM: 50)
        for _ in 0..<5 { model.add(session(others: 200, slow: ["e": 500])) }
        let plan = DrillBuilder.plan(DrillRequest(length: .minutes(2, at: 50), seed: 1), model: model, pool: WordPool(texts: passages))
        #expect(plan.text.count >= 500)
        #expect(plan.text.count - (plan.words.last?.text.count ?? 0) - 1 < 500)
    }

    @Test("The line after a drill: the focus before and after, and the letters at target")
    func progressLine() {
        var before = ConfidenceModel()
        before.add(session(others: 200, slow: ["b": 360]))
        let after = before.adding(session(others: 200, slow: ["b": 250]))
        // b: 300 / 360 = 0.833, then S = 0.1 × 250 + 0.9 × 360 = 349 and 300 / 349 = 0.859 (shown rounded down).
        #expect(before.progressLine(to: after, focus: .keys(["b"])) == "b 0.83 -> 0.85; 25 of 26 letters at 40 WPM")
        #expect(ConfidenceModel().progressLine(to: after, focus: .bigram("th")) == "th new -> not measured; 25 of 26 letters at 40 WPM")
    }
}

@Suite("Details drill")
struct DetailsTests {
    @Test("Generation covers every kind, each in a valid format")
    func everyKindValid() {
        let details = Details.generate(count: 400, seed: 2026)
        #expect(Set(details.map(\.kind)) == Set(DetailKind.allCases))
        for (kind, text) in details {
            #expect(kind.isValid(text), "\(kind.rawValue) \(text)")
            // A detail is one word of the drill, except dates, times and phone numbers, which hold spaces.
            #expect(!text.isEmpty)
        }
        #expect(Details.generate(count: 16, seed: 1).map(\.text) == Details.generate(count: 16, seed: 1).map(\.text))
        #expect(Details.generate(count: 16, seed: 1).map(\.text) != Details.generate(count: 16, seed: 2).map(\.text))
    }

    @Test("The format checks refuse near misses", arguments: [
        (DetailKind.orderNumber, "#4821-B"), (.orderNumber, "48213-B"), (.orderNumber, "#48213-b"),
        (.amount, "$1,24.00"), (.amount, "$1249.0"), (.amount, "1,249.00"), (.amount, "$01.00"),
        (.date, "Feb 30, 2026"), (.date, "2026-13-01"), (.date, "Mar 09, 2026"), (.date, "2025-02-29"),
        (.time, "24:00"), (.time, "13:00 PM"), (.time, "9:5"), (.time, "9:05"),
        (.email, "maria@pinecove"), (.email, "Maria@pinecove.shop"), (.email, ".x@a.io"),
        (.url, "http://pinecove.shop/x"), (.url, "https://pinecove/x"),
        (.trackingCode, "1Z4F8K2X031234567"), (.trackingCode, "2Z4F8K2X0312345678"),
        (.phone, "+1 (115) 555-0132"), (.phone, "+1 (415) 555-1132"), (.phone, "+1 415 555-0132"),
    ])
    func nearMisses(kind: DetailKind, text: String) {
        #expect(!kind.isValid(text))
    }

    @Test("The examples are valid", arguments: DetailKind.allCases)
    func examples(kind: DetailKind) {
        for example in kind.examples {
            #expect(kind.isValid(example), "\(example)")
        }
    }

    @Test("Zero tolerance: one wrong digit makes a wrong detail; KPH from the keystrokes")
    func zeroTolerance() throws {
        let details = ["#48213-B", "$1,249.00", "14:05"]
        let text = details.joined(separator: " ")
        // The amount typed with a 3 for the 4; every other character right; 200 ms a key.
        var typed = Array(text)
        typed[12] = "3"
        let keys = typed.enumerated().map { Keystroke.character($0.element, at: Double($0.offset) * 200) }
        let result = try attempt(text, keys).result()
        let score = DetailScore(details: details, result: result)
        #expect(score.total == 3 && score.typed == 3 && score.exact == 2)
        // 24 keystrokes in 4.6 s: 24 × 3600 / 4.6.
        #expect(isClose(score.keystrokesPerHour, 24 * 3600 / 4.6))
        // Stopping inside the last detail: it is not typed, so not counted.
        let partial = try attempt(text, Array(keys.prefix(21))).result()
        let partialScore = DetailScore(details: details, result: partial)
        #expect(partialScore.typed == 2 && partialScore.exact == 1)
    }

    @Test("A details drill is details only, each with its kind")
    func plan() {
        let plan = DrillBuilder.plan(DrillRequest(kind: .details, length: .words(16), seed: 8), model: ConfidenceModel(), pool: WordPool(texts: passages))
        #expect(plan.words.count == 16)
        #expect(plan.words.allSatisfy { $0.detail?.isValid($0.text) == true })
        #expect(Set(plan.words.compactMap(\.detail)) == Set(DetailKind.allCases))
    }
}

@Suite("Missed and slowest words of a session")
struct SessionWordsTests {
    @Test("Missed words come from the session's own errors, corrected or not, once per occurrence")
    func missed() {
        // "the cat sat on the mat": cxat fixed with backspace; the second "the" typed "thw" and left.
        let keys = script("the cx<at sat on thw mat", every: 150)
        let words = SessionWords(target: TargetText("the cat sat on the mat"), keystrokes: keys)
        #expect(words.missed == ["cat", "the"])
        #expect(words.slowest.first { $0.text == "the" }?.missed == 1)
        let practice = words.missedPractice(seed: 3)
        #expect(practice.split(separator: " ").sorted() == ["cat", "the"])
    }

    @Test("Slowest words come from the session's own timings")
    func slowest() throws {
        // 100 ms a key, but "mat" takes 400 ms a key; the first word has no keystroke before it and is not timed.
        var keys: [Keystroke] = []
        var time = 0.0
        for (index, character) in "the cat sat on the mat".enumerated() {
            time += index >= 19 ? 400 : 100
            keys.append(.character(character, at: time))
        }
        let words = SessionWords(target: TargetText("the cat sat on the mat"), keystrokes: keys)
        #expect(words.slowest.first?.text == "mat")
        #expect(isClose(try #require(words.slowest.first?.millisecondsPerCharacter), 400))
        // "the" is timed once (its second occurrence): 100 ms a key.
        #expect(isClose(try #require(words.slowest.first { $0.text == "the" }?.millisecondsPerCharacter), 100))
        #expect(words.missed.isEmpty)
        #expect(words.slowestPractice(times: 2, seed: 1).split(separator: " ").filter { $0 == "mat" }.count == 2)
    }

    @Test("A pause over 10 s leaves a word untimed; keys after a time limit are not counted")
    func pausesAndLimits() {
        var keys = script("the cat", every: 100)
        keys[4] = .character("c", at: 20_000)
        keys[5] = .character("x", at: 20_100)
        keys[6] = .character("t", at: 20_200)
        let words = SessionWords(target: TargetText("the cat"), keystrokes: keys, timeLimit: 10)
        #expect(words.missed.isEmpty)
        #expect(words.slowest.isEmpty)
    }

    @Test("Plain-letter drill words are whole words: no letters cut from codes, ordinals or 2FA, and no lowercased names")
    func wholeWordsOnly() {
        let pool = WordPool(texts: [
            "Hi Sofia, the parcel ZA3-118-7742 left on the 15th. Thanks for waiting!",
            "Thanks to Brindlewave, your e-mail and 2FA codes work. Sofia: order #48213-B is here.",
        ])
        // "ZA3-118-7742" once gave "za", "15th" gave "th", "2FA" gave "fa"; "Sofia" (capitalised after "Hi") and
        // "Brindlewave" (after "to") are names, which lowercased would be misspelt. "Hi" and "Thanks" start
        // sentences only: ordinary words.
        #expect(pool.letters == ["and", "codes", "for", "here", "hi", "is", "left", "on", "order", "parcel", "thanks", "the", "to", "waiting", "work", "your"])
        // Names keep their case among the words as written.
        #expect(pool.written.contains("Sofia,") && pool.written.contains("Brindlewave,") && pool.written.contains("ZA3-118-7742"))
        #expect(WordPool.plainLetters("15th") == nil && WordPool.plainLetters("(Thanks),") == "thanks")
        // A word written in lower case anywhere is an ordinary word, capitals elsewhere or not.
        #expect(WordPool(texts: ["Call Support now.", "the support team"]).letters.contains("support"))
    }
}
