import TypeBarCore
import TypeBarFormats

/// One shift at the chat desk with what the screen adds: the events to record (each with its time) and the
/// two-step Esc. Pure; the loop passes in keys and the time in milliseconds since the shift began.
public struct ChatSession: Sendable {
    public private(set) var shift: ChatShift
    /// Every event handed to the shift, in order, with its time: what the keystroke log holds.
    public private(set) var events: [(event: ChatShift.Event, time: Double)] = []
    public private(set) var view = ChatDeskView()
    /// Pastes refused (typing only counts when typed).
    public private(set) var pastes = 0

    /// What the shift is judged against: Ctrl-N and the chat list count down to its first-reply target.
    public let targets: ChatTargets

    public init(shift: ChatShift, targets: ChatTargets = ChatTargets()) {
        self.shift = shift
        self.targets = targets
        view.firstReplyTarget = targets.maxFirstResponse
    }

    /// Times are kept to the microsecond, so the recorded log reads back to exactly the same numbers.
    /// A recorded shift played back, as the title names it ("replay 3f9a1c2b"): the desk says so and shows the
    /// replay's keys.
    public var replay: String? {
        get { view.replay }
        set { view.replay = newValue }
    }

    public static func recordable(_ milliseconds: Double) -> Double {
        (milliseconds * 1000).rounded() / 1000
    }

    public mutating func advance(to now: Double) {
        shift.advance(to: ChatSession.recordable(now))
    }

    public mutating func handle(_ action: ChatKeys.Action, at now: Double) {
        let time = ChatSession.recordable(now)
        switch action {
        case .escape:
            if view.confirmingLeave {
                apply(.leave, at: time)
            } else {
                shift.advance(to: time)
                view.confirmingLeave = true
            }
        case .shift(let event):
            view.confirmingLeave = false
            apply(event, at: time)
        case .mostUrgent:
            view.confirmingLeave = false
            apply(.selectLongestWaiting(firstReplyTarget: targets.maxFirstResponse), at: time)
        case .pasted:
            pastes += 1
        case .resize, .scroll:
            break
        }
    }

    /// Applies a recorded event as it was (a replay).
    public mutating func apply(_ event: ChatShift.Event, at time: Double) {
        guard !shift.isOver else { return }
        shift.apply(event, at: time)
        events.append((event, time))
    }

    public func frame(rows: Int, columns: Int, now: Double) -> Frame {
        view.frame(for: shift, rows: rows, columns: columns, now: now)
    }
}
