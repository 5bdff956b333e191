import TypeBarCore
import TypeBarFormats

/// The results of a chat shift: the verdict against the targets (which were missed, by how much), the figures,
/// and one line per customer. Pure; `lines` is also what `typebar replay` and tests read.
public struct ChatResultsView: Sendable {
    public var result: ChatResult
    public var title: String
    /// Where the log and the result were saved, or why not.
    public var notes: [String] = []
    public var help = "r again with other details · q quit"

    public init(result: ChatResult, title: String) {
        self.result = result
        self.title = title
    }

    /// The screen's lines with their roles, before wrapping.
    public var lines: [(String, Role)] {
        var lines: [(String, Role)] = []
        let missed = result.missedTargets
        if missed.isEmpty {
            lines.append(("✓ Meets every target: everyone served, first replies within \(seconds(result.targets.maxFirstResponse)), accurate replies with the right details, \(formatDecimal(result.targets.bar, places: 0)) net WPM.", .good))
        } else {
            lines.append(("✗ Missed \(missed.count) target\(missed.count == 1 ? "" : "s"):", .bad))
            for target in missed { lines.append(("  · " + target.description, .bad)) }
        }
        if result.leftEarly { lines.append(("Left early: customers still waiting count as not served.", .mark)) }
        lines.append(("", .plain))
        lines.append(("Customers  \(result.served) served · \(result.abandoned) left unanswered · \(result.unserved) not served", result.abandoned > 0 ? .bad : .plain))
        var first = "First reply  median \(optionalSeconds(result.medianFirstResponse)) · worst \(optionalSeconds(result.worstFirstResponse))"
        first += "   Waits  average \(optionalSeconds(result.averageWait)) · worst \(optionalSeconds(result.worstWait))"
        lines.append((first, (result.worstFirstResponse ?? 0) > result.targets.maxFirstResponse ? .bad : .plain))
        let accuracy = result.replyAccuracy.map { formatDecimal($0, places: 1) + " %" } ?? "–"
        lines.append(("Replies  \(result.replyCount) sent · accuracy \(accuracy) · \(result.wrongDetails) wrong detail\(result.wrongDetails == 1 ? "" : "s")", result.wrongDetails > 0 ? .bad : .plain))
        var speed = "Speed  \(result.netWPM.map { formatDecimal($0, places: 0) } ?? "–") net WPM while typing · \(formatDecimal(result.effectiveWPM, places: 0)) effective WPM"
        if result.mode == .macros { speed += " · \(result.keystrokesSaved) keystrokes saved by macros" }
        lines.append((speed, .plain))
        lines.append(("", .plain))
        for customer in result.customers {
            var line = "  \(customer.name): "
            switch customer.outcome {
            case .served: line += "served, first reply \(optionalSeconds(customer.firstResponse)), handled in \(optionalSeconds(customer.handleTime))"
            case .abandoned: line += "left unanswered" + (customer.firstResponse.map { " after a first reply at \(seconds($0))" } ?? "")
            case .unserved: line += "not served (\(customer.replies) of \(customer.turns) replies)"
            case .notArrived: line += "had not arrived"
            }
            lines.append((line, customer.outcome == .served ? .plain : .bad))
        }
        let wrong = result.replies.filter { !$0.wrongDetails.isEmpty }
        for reply in wrong.prefix(3) {
            let name = result.customers[reply.customer].name
            lines.append(("  wrong \(reply.wrongDetails.joined(separator: ", ")) to \(name): \"\(reply.text)\"", .bad))
        }
        return lines
    }

    public func frame(rows: Int, columns: Int) -> Frame {
        var frame = Frame(width: columns, height: rows)
        var column = frame.put(" typebar chat", row: 0, column: 0, role: .title)
        column = frame.put(" · results · ", row: 0, column: column, role: .dim)
        frame.put(title, row: 0, column: column, role: .title)
        var row = 2
        for (text, role) in lines + notes.map({ ($0, Role.dim) }) {
            for part in wrapWords(text, width: max(1, columns - 2)) {
                guard row < rows - 2 else { break }
                frame.put(part, row: row, column: 1, role: role)
                row += 1
            }
        }
        frame.put(" " + help, row: rows - 1, column: 0, role: .key)
        return frame
    }

    private func seconds(_ value: Double) -> String { formatDecimal(value, places: 0) + " s" }
    private func optionalSeconds(_ value: Double?) -> String { value.map(seconds) ?? "–" }
}

/// What the agent sees before the shift starts: the scenario, what to do in this mode, and the keys.
public struct ChatIntroView: Sendable {
    public var scenario: ChatScenario
    public var mode: ChatShift.Mode
    public var seed: UInt64
    public var chats: Int
    public var targets: ChatTargets
    /// In an assessment: who and which attempt, and the trainer's instructions.
    public var heading: String?
    public var instructions: String?

    public init(scenario: ChatScenario, mode: ChatShift.Mode, seed: UInt64, chats: Int, targets: ChatTargets = ChatTargets()) {
        self.scenario = scenario
        self.mode = mode
        self.seed = seed
        self.chats = chats
        self.targets = targets
    }

    public var lines: [(String, Role)] {
        let whatToType: String
        switch mode {
        case .guided: whatToType = "The exact reply to send is shown under each customer's message: type it and press Enter."
        case .template: whatToType = "A canned reply is shown with blanks like [order]: type it with the blanks filled in from the customer's messages (the name is in the chat list), then press Enter."
        case .macros: whatToType = "Type a macro's /shortcut and press Tab to insert its canned text; the cursor jumps to the first blank. Type the detail, Tab to the next blank, and press Enter to send."
        }
        var lines: [(String, Role)] = []
        if let heading { lines += [(heading, .title), ("", .plain)] }
        if let instructions, !instructions.isEmpty {
            lines += instructions.split(separator: "\n", omittingEmptySubsequences: false).map { (String($0), Role.plain) } + [("", .plain)]
        }
        return lines + [
            (scenario.name, .title),
            (scenario.summary, .plain),
            ("", .plain),
            ("\(scenario.customers.count) customers, up to \(chats) chat\(chats == 1 ? "" : "s") at once. A customer who waits \(formatDecimal(scenario.patience, places: 0)) s without a reply leaves. The shift lasts at most \(minutesText(scenario.timeLimit)).", .plain),
            (whatToType, .plain),
            ("Every detail (names, order numbers, amounts, e-mails) must be exactly right. The targets: a first reply within \(formatDecimal(targets.maxFirstResponse, places: 0)) s, \(targets.maxAbandoned == 0 ? "nobody leaving" : "at most \(targets.maxAbandoned) customer\(targets.maxAbandoned == 1 ? "" : "s") leaving"), every customer served, replies at least \(formatDecimal(targets.minReplyAccuracy, places: 0)) % accurate, \(targets.maxWrongDetails == 0 ? "no wrong detail" : "at most \(targets.maxWrongDetails) wrong details"), and \(formatDecimal(targets.bar, places: 0)) net WPM while typing.", .plain),
            ("", .plain),
            ("Keys: F1-F\(chats) or Alt-1..\(chats) switch chats · Ctrl-N jumps to the customer waiting longest · Enter sends · Backspace, Ctrl-W · Esc twice ends the shift.", .key),
            ("", .plain),
            ("Press Enter to start (details drawn with seed \(seed)), or Esc to leave.", .key),
        ]
    }

    public func frame(rows: Int, columns: Int) -> Frame {
        var frame = Frame(width: columns, height: rows)
        var column = frame.put(" typebar chat", row: 0, column: 0, role: .title)
        column = frame.put(" · \(mode.rawValue) mode", row: 0, column: column, role: .dim)
        // The last line (how to start) always shows, at the bottom if the window is too short for everything.
        let body = lines.dropLast()
        let start = wrapWords(lines.last?.0 ?? "", width: max(1, columns - 2))
        let bottom = max(2, rows - start.count)
        var row = 2
        for (text, role) in body {
            for part in wrapWords(text, width: max(1, columns - 2)) where row < bottom - 1 {
                frame.put(part, row: row, column: 1, role: role)
                row += 1
            }
        }
        for (offset, part) in start.enumerated() { frame.put(part, row: min(row + 1, bottom) + offset, column: 1, role: .key) }
        return frame
    }
}
