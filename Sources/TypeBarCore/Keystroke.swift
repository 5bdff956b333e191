/// One thing a typist did, and when: the unit every typebar mode feeds to the scoring engine.
public struct Keystroke: Equatable, Sendable {
    /// What the key did to the typed buffer.
    public enum Action: Equatable, Sendable {
        /// One character typed (a grapheme cluster, so `é` written as e + accent is one character).
        case character(Character)
        /// Deletes the last character, if any.
        case backspace
        /// Deletes trailing spaces, then the characters back to the previous space.
        case wordBackspace
    }

    /// Milliseconds since the session started. Callers pass it in; the core never reads a clock.
    public var time: Double
    public var action: Action

    public init(time: Double, action: Action) {
        self.time = time
        self.action = action
    }

    public static func character(_ character: Character, at time: Double) -> Keystroke {
        Keystroke(time: time, action: .character(character))
    }

    public static func backspace(at time: Double) -> Keystroke {
        Keystroke(time: time, action: .backspace)
    }

    public static func wordBackspace(at time: Double) -> Keystroke {
        Keystroke(time: time, action: .wordBackspace)
    }
}
