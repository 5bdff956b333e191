import TypeBarCore

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
        case .desk: whatToType = "Nothing says what to send: read the customer's message and profile, press / to search the knowledge base, Tab to insert the reply you choose, fill its blanks (Tab to the next), and press Enter. Escalate with Ctrl-E, close a finished chat with Ctrl-T and a wrap-up tag."
        case .free: whatToType = "Write each reply in your own words: greet the customer by name, answer the question with the exact details, say what happens next, spell it right. The knowledge base (/) still helps. Escalate with Ctrl-E, close a finished chat with Ctrl-T."
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
