/// How a screen's run ended, for the typing screen and the chat desk alike.
public enum ScreenExit: Equatable, Sendable {
    /// The person left.
    case quit
    /// A termination signal arrived (its number); the caller keeps what it must, then ends by the same signal
    /// with `Terminal.end(bySignal:)`.
    case signal(Int32)
}
