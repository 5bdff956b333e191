import TypeBarCore
import TypeBarFormats

/// A proofreading drill on the screen: the run (TypeBarCore's state machine), where arrow keys, Home and End land
/// in the text as the window wraps it, and the keystroke log. Keys and times in; the screen draws it with
/// `ProofreadView`.
public struct ProofreadSession: Sendable {
    public private(set) var run: ProofreadRun
    public let header: ProofreadLog.Header
    /// The log's event lines so far.
    public private(set) var lines: [String] = []
    /// A line for the status row (a refused paste), until the next key.
    public private(set) var notice: String?
    /// The column Up and Down aim for, kept across a run of them so the cursor comes back to it past short lines.
    private var goalColumn: Int?

    public init(header: ProofreadLog.Header) {
        self.header = header
        run = ProofreadRun(drafts: header.drafts)
    }

    public enum Outcome: Equatable, Sendable {
        case keepEditing
        /// Every draft is submitted.
        case finished
        /// Esc or Ctrl-C.
        case leave
    }

    /// Handles `action` at `time` (ms since the first draft appeared), the draft wrapped at `width` columns as the
    /// view shows it.
    public mutating func handle(_ action: ProofreadKeys.Action, at now: Double, width: Int) -> Outcome {
        guard !run.isOver else { return .finished }
        // To the microsecond, as the typing screen keeps them, so the log reads back to the same numbers.
        let time = TypingSession.recordable(now)
        notice = nil
        switch action {
        case .leave:
            return .leave
        case .resize, .page:
            return .keepEditing
        case .pasted:
            notice = "A paste is not accepted: fix the draft by hand."
            return .keepEditing
        case .edit(let event):
            goalColumn = nil
            apply(event, at: time)
            return run.isOver ? .finished : .keepEditing
        case .move(let movement):
            if movement == .up || movement == .down {
                if goalColumn == nil {
                    goalColumn = ProofreadSession.column(of: run.cursor, in: TextLayout(characters: run.text, width: width), text: run.text)
                }
            } else {
                goalColumn = nil
            }
            let position = self.position(after: movement, width: width)
            apply(.moveTo(position), at: time, by: movement.rawValue)
            return .keepEditing
        }
    }

    /// Applies an event as a log recorded it (a replay).
    public mutating func replay(_ event: ProofreadRun.Event, at time: Double, by: String? = nil) {
        notice = nil
        apply(event, at: time, by: by)
    }

    private mutating func apply(_ event: ProofreadRun.Event, at time: Double, by: String? = nil) {
        // The screen's times come from one clock that never goes back, and its moves from the text: nothing here
        // can be refused, and a refused event (none is) would change nothing and be left out of the log.
        guard (try? run.apply(event, at: max(time, run.lastTime))) != nil else { return }
        lines.append(ProofreadLog.eventLine(event, at: max(time, run.lastTime), by: by))
    }

    /// The whole log as text.
    public var log: String { ProofreadLog.text(header: header, lines: lines) }

    /// The figures so far.
    public var result: ProofreadResult { run.result(targetSeconds: header.targetSeconds) }

    /// Where `movement` puts the cursor when the draft is wrapped at `width` columns.
    public func position(after movement: ProofreadKeys.Movement, width: Int) -> Int {
        switch movement {
        case .left: return run.position(after: .left)
        case .right: return run.position(after: .right)
        case .wordLeft: return run.position(after: .wordLeft)
        case .wordRight: return run.position(after: .wordRight)
        case .home, .end, .up, .down: break
        }
        let layout = TextLayout(characters: run.text, width: width)
        let count = run.text.count
        let cursor = run.cursor
        let line = layout.line(of: cursor)
        switch movement {
        case .home: return layout.lines[line].lowerBound
        case .end: return ProofreadSession.lastPosition(of: line, in: layout, count: count)
        case .up where line == 0: return 0
        case .down where line == layout.lines.count - 1: return count
        default:
            let goal = goalColumn ?? ProofreadSession.column(of: cursor, in: layout, text: run.text)
            let target = movement == .up ? line - 1 : line + 1
            let range = layout.lines[target]
            var best = range.lowerBound
            for position in range.lowerBound...ProofreadSession.lastPosition(of: target, in: layout, count: count)
            where ProofreadSession.column(of: position, in: layout, text: run.text) <= goal {
                best = position
            }
            return best
        }
    }

    /// The last place the cursor can rest on `line`: before the space (or the last character) that ends a wrapped
    /// line, since the place after it is the start of the next; after the last character on the last line.
    static func lastPosition(of line: Int, in layout: TextLayout, count: Int) -> Int {
        let range = layout.lines[line]
        return line == layout.lines.count - 1 ? count : max(range.lowerBound, range.upperBound - 1)
    }

    /// The column the cursor shows at before character `position` (after the last one at the end).
    static func column(of position: Int, in layout: TextLayout, text: [Character]) -> Int {
        if position < text.count { return layout.columns[position] }
        guard let last = text.last else { return 0 }
        return layout.columns[text.count - 1] + max(1, DisplayWidth.of(last))
    }
}
