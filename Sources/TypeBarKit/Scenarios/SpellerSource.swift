import Synchronization
import TypeBarCore
import TypeBarFormats

/// Where the spell checker of a free-mode shift comes from when its log is played again. A free-written reply's
/// points depend on its spelling, so a rescore, a replay and an audit must check it with the dictionary the desk
/// used; TypeBarKit does not link Hunspell, so the command line hands one in (`typebar` opens Hunspell's). The
/// checker is opened the first time a free-mode log needs it, and once: rescoring other shifts never needs a
/// dictionary, and an audit of many free-mode shifts reads it once.
public final class SpellerSource: Sendable {
    private let open: @Sendable () throws(TypeBarError) -> any SpellChecker
    private let opened = Mutex<Result<any SpellChecker, TypeBarError>?>(nil)

    /// `open` gives the checker, or says why there is none.
    public init(_ open: @escaping @Sendable () throws(TypeBarError) -> any SpellChecker) {
        self.open = open
    }

    /// A source that always has `checker`.
    public convenience init(_ checker: any SpellChecker) {
        self.init { () throws(TypeBarError) in checker }
    }

    /// A source with no checker: a free-mode log is refused with `reason`, as a missing dictionary is.
    public static func unavailable(_ reason: String) -> SpellerSource {
        SpellerSource { () throws(TypeBarError) in throw .usage(reason) }
    }

    /// The checker a shift in `mode` is scored with: nil for every mode but free, which spell-checks replies.
    public func speller(for mode: ChatShift.Mode) throws(TypeBarError) -> (any SpellChecker)? {
        guard mode == .free else { return nil }
        let result = opened.withLock { opened in
            if let opened { return opened }
            let result: Result<any SpellChecker, TypeBarError>
            do throws(TypeBarError) {
                result = .success(try open())
            } catch {
                result = .failure(error)
            }
            opened = result
            return result
        }
        return try result.get()
    }
}
