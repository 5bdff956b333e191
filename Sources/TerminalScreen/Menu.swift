import TerminalUI

/// A screen's key reader as a menu needs it: raw keys decoded into the screen's own actions, one of them a resize.
protocol MenuKeys {
    associatedtype Action: Equatable
    /// The action a change of window size decodes to.
    static var resize: Action { get }
    var keyTimeout: Int? { get }
    mutating func decode(_ key: RawKey) -> [Action]
}

extension KeyDecoder: MenuKeys { static var resize: InputEvent { .resize } }
extension ChatKeys: MenuKeys { static var resize: Action { .resize } }
extension ProofreadKeys: MenuKeys { static var resize: Action { .resize } }

/// What a menu screen ends with; every menu can be ended by a termination signal.
protocol MenuChoice { static func signal(_ number: Int32) -> Self }

extension Terminal {
    /// Shows `render` until `choose` makes something of a key (or a signal arrives). With `settle`, keys are read
    /// and ignored until none has come for `TypingScreen.settleMilliseconds` (Ctrl-C still leaves), and `render`
    /// is told when that is over: a person typing on past the end of a test or shift, however long, does not start
    /// the next one or quit with the letters meant for this one.
    func menu<Keys: MenuKeys, Choice: MenuChoice>(
        _ keys: Keys, settle: Bool = false, render: (_ rows: Int, _ columns: Int, _ settled: Bool) -> Frame,
        choose: (Keys.Action) -> Choice?
    ) -> Choice {
        invalidate()
        var keys = keys
        var quietSince = monotonicMilliseconds()
        while true {
            let left = settle ? TypingScreen.settleMilliseconds - (monotonicMilliseconds() - quietSince) : 0
            show(render(size.rows, size.columns, left <= 0))
            let settled = left > 0 ? max(1, Int(left.rounded(.up))) : nil
            let key = readKey(timeout: keys.keyTimeout.map { min($0, settled ?? $0) } ?? settled)
            if pendingSignal != 0 { return .signal(pendingSignal) }
            let now = monotonicMilliseconds()
            let settling = settle && now - quietSince < TypingScreen.settleMilliseconds
            // A key while settling is typing carried on: the quiet second starts again. A resize is no key.
            if settling, key != .none, key != .code(keyCodes.resize) { quietSince = now }
            for action in keys.decode(key) {
                if action == Keys.resize { invalidate() }
                if settling, key != .character(3) { continue }
                if let choice = choose(action) { return choice }
            }
        }
    }
}
