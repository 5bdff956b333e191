import TypeBarCore

/// What the results screen's `m` and `s` keys practise: the words the session missed (each as many times as it was
/// missed, shuffled) and its slowest words (each three times, shuffled), taken from the session's own keystrokes.
public struct WordPractice: Sendable {
    public var missed: TypingSession.Configuration?
    public var slowest: TypingSession.Configuration?

    /// How many times each slow word comes in its practice text.
    public static let slowRepeats = 3

    public init(after session: TypingSession) {
        let configuration = session.configuration
        let words = SessionWords(
            target: session.attempt.target, keystrokes: session.keystrokes,
            timeLimit: configuration.timeLimit, allowsCorrections: configuration.backspace)
        // The shuffle follows the session, so the same session gives the same practice text.
        let seed = UInt64(session.keystrokes.count) &* 0x9E37_79B9 &+ UInt64(session.attempt.target.count)
        func practice(_ text: String, title: String) -> TypingSession.Configuration {
            var practice = TypingSession.Configuration(
                mode: .practice, text: text, passageIDs: [], title: title,
                hideLiveFigures: configuration.hideLiveFigures, bar: configuration.bar)
            practice.logMetadata["practice"] = title
            return practice
        }
        if !words.missed.isEmpty {
            let count = words.missed.count
            missed = practice(words.missedPractice(seed: seed), title: "\(count) missed word\(count == 1 ? "" : "s")")
        }
        if !words.slowest.isEmpty {
            slowest = practice(words.slowestPractice(times: WordPractice.slowRepeats, seed: seed), title: "\(words.slowest.count) slowest words")
        }
    }

    /// The results keys with `m` and `s` where there is something to practise.
    public func help(base: String = ResultsView.keysHelp) -> String {
        var keys = base.split(separator: " · ").map(String.init)
        let quit = keys.popLast() ?? "q quit"
        if missed != nil { keys.append("m missed words") }
        if slowest != nil { keys.append("s slowest words") }
        return (keys + [quit]).joined(separator: " · ")
    }
}
