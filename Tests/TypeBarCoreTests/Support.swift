@testable import TypeBarCore

/// Keystrokes for `text`, one character every `interval` ms from `start`.
func typing(_ text: String, from start: Double = 0, every interval: Double = 100) -> [Keystroke] {
    text.enumerated().map { index, character in .character(character, at: start + Double(index) * interval) }
}

/// An attempt at `target` with `keystrokes` applied in order.
func attempt(_ target: String, _ keystrokes: [Keystroke], timeLimit: Double? = nil) -> Attempt {
    var attempt = Attempt(target: TargetText(target), timeLimit: timeLimit)
    for keystroke in keystrokes { attempt.apply(keystroke) }
    return attempt
}

/// Keystrokes from a compact script: each character is typed, `<` is backspace, `^` is word-backspace,
/// all `interval` ms apart from `start`.
func script(_ keys: String, from start: Double = 0, every interval: Double = 100) -> [Keystroke] {
    keys.enumerated().map { index, key in
        let time = start + Double(index) * interval
        switch key {
        case "<": return .backspace(at: time)
        case "^": return .wordBackspace(at: time)
        default: return .character(key, at: time)
        }
    }
}

/// Reference: the minimum Levenshtein distance between `typed` and any prefix of `target`, and the longest prefix reaching it.
func bruteForceBest(typed: [Character], target: [Character]) -> (errors: Int, prefix: Int) {
    var previous = Array(0...target.count)
    for i in 1...max(1, typed.count) where !typed.isEmpty {
        var current = [i] + Array(repeating: 0, count: target.count)
        for j in 1...max(1, target.count) where !target.isEmpty {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (typed[i - 1] == target[j - 1] ? 0 : 1))
        }
        previous = current
    }
    let best = previous.min()!
    return (best, previous.lastIndex(of: best)!)
}

func isClose(_ a: Double, _ b: Double, within tolerance: Double = 1e-9) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(b))
}
