import Testing
import TypeBarSpelling

/// Hunspell's en_US dictionary, as installed by the README's set-up (and .ci/run).
@Suite("Spelling with Hunspell")
struct HunspellCheckerTests {
    @Test("Real words pass, misspellings do not, apostrophes both ways, numbers are not words")
    func words() throws {
        let checker = try HunspellChecker()
        for word in ["receive", "refunded", "I've", "I’ve", "couldn't", "Monday", "e-mail", "24"] { #expect(checker.isCorrect(word), "\(word)") }
        for word in ["recieve", "monney", "refundd", "teh"] { #expect(!checker.isCorrect(word), "\(word)") }
    }

    @Test("A missing dictionary is a clear message naming where it looked, not a crash")
    func missing() {
        #expect(throws: SpellingError.missingDictionary(language: "xx_XX", searched: HunspellChecker.folders.map { $0 + "/xx_XX.dic" })) {
            _ = try HunspellChecker(language: "xx_XX")
        }
        do {
            _ = try HunspellChecker(override: "/nowhere/mine.dic")
            Issue.record("no error for a missing dictionary")
        } catch {
            #expect(error.description.contains("/nowhere/mine.dic"))
            #expect(error.description.contains("apt-get install hunspell-en-us"))
        }
    }
}
