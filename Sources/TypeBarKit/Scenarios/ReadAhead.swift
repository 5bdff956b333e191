import Foundation

/// Work begun on another thread at once and waited for where its value is needed: a built-in scenario read while
/// its intro is on the screen.
public final class ReadAhead<Value: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var outcome: Result<Value, TypeBarError>?

    /// Starts `work` on a thread of its own; `afterwards`, if given, runs there with the value once it has been
    /// handed over (`value()` does not wait for it).
    public init(_ work: @escaping @Sendable () throws(TypeBarError) -> Value, afterwards: (@Sendable (Value) -> Void)? = nil) {
        let thread = Thread { [self] in
            let result: Result<Value, TypeBarError>
            do throws(TypeBarError) {
                result = .success(try work())
            } catch {
                result = .failure(error)
            }
            condition.lock()
            outcome = result
            condition.broadcast()
            condition.unlock()
            if let afterwards, case .success(let value) = result { afterwards(value) }
        }
        // YAML is read by recursion: the main thread's stack size, not a secondary thread's smaller default.
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The value, once the work is done; its error if it failed.
    public func value() throws(TypeBarError) -> Value {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let outcome { return try outcome.get() }
            condition.wait()
        }
    }
}
