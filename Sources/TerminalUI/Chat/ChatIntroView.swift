import TypeBarCore

/// What the agent sees before the shift starts: the scenario, what to do in this mode, and the keys.
public struct ChatIntroView: Sendable {
    /// What the intro says of a scenario: known before its customers are read.
    public struct About: Sendable, Equatable {
        public var name: String
        public var summary: String
        public var customers: Int
        public var chats: Int
        public var patience: Double
        public var timeLimit: Double

        public init(name: String, summary: String, customers: Int, chats: Int, patience: Double, timeLimit: Double) {
            self.name = name
            self.summary = summary
            self.customers = customers
            self.chats = chats
            self.patience = patience
            self.timeLimit = timeLimit
        }

        public init(_ scenario: ChatScenario) {
            self.init(name: scenario.name, summary: scenario.summary, customers: scenario.customers.count, chats: scenario.chats,
                      patience: scenario.patience, timeLimit: scenario.timeLimit)
        }
    }

    public var scenario: About
    public var mode: ChatShift.Mode
    public var seed: UInt64
    public var chats: Int
    public var targets: ChatTargets
    /// In an assessment: who and which attempt, and the trainer's instructions.
    public var heading: String?
    public var instructions: String?
    /// The first line shown of a text taller than the window (Up, Down, Page Up, Page Down move it).
    public var scroll = 0

    public init(scenario: ChatScenario, mode: ChatShift.Mode, seed: UInt64, chats: Int, targets: ChatTargets = ChatTargets()) {
        self.init(about: About(scenario), mode: mode, seed: seed, chats: chats, targets: targets)
    }

    public init(about scenario: About, mode: ChatShift.Mode, seed: UInt64, chats: Int, targets: ChatTargets = ChatTargets()) {
        self.scenario = scenario
        self.mode = mode
        self.seed = seed
        self.chats = chats
        self.targets = targets
    }

    public var lines: [(String, Role)] {
        var lines: [(String, Role)] = []
        if let heading { lines += [(heading, .title), ("", .plain)] }
        if let instructions, !instructions.isEmpty {
            lines += instructions.split(separator: "\n", omittingEmptySubsequences: false).map { (String($0), Role.plain) } + [("", .plain)]
        }
        lines += [
            (scenario.name, .title),
            (scenario.summary, .plain),
            ("", .plain),
            ("\(counted(scenario.customers, "customer")), up to \(counted(chats, "chat")) at once. A customer who waits \(formatDecimal(scenario.patience, places: 0)) s without a reply leaves. The shift lasts at most \(minutesText(scenario.timeLimit)).", .plain),
        ]
        lines += whatToDo.map { ($0, Role.plain) }
        lines += [
            (targetsLine, .plain),
            ("", .plain),
            (keysLine, .key),
            ("", .plain),
            ("Press Enter to start (details drawn with seed \(seed)), or Esc to leave.", .key),
        ]
        return lines
    }

    /// What to do in this mode: in desk and free modes, how to find a reply and how to escalate and close.
    private var whatToDo: [String] {
        switch mode {
        case .guided: return ["The exact reply to send is shown under the line below the conversation: type it and press Enter."]
        case .template: return ["A canned reply is shown with blanks like [order]: type it with the blanks filled in from the customer's messages (the name is in the chat list), then press Enter."]
        case .macros: return ["Type a macro's /shortcut and press Tab to insert its canned text; the cursor jumps to the first blank. Type the detail, Tab to the next blank, and press Enter to send."]
        case .desk, .free:
            let find = mode == .desk
                ? "Nothing says what to send. Read the message and the customer's profile (beside the chat from \(ChatDeskView.profileColumns) columns, else Ctrl-P). / or Ctrl-K searches the knowledge base: type a few words, ↑ ↓ choose, Tab inserts the reply; fill its blanks (Tab to the next) and press Enter."
                : "Write each reply in your own words: the customer's name, the answer with its exact details, what happens next, spelt right. Read the customer's profile (beside the chat from \(ChatDeskView.profileColumns) columns, else Ctrl-P); / or Ctrl-K searches the knowledge base, Tab inserts a reply to start from."
            return [
                find + " Ask first when a message is unclear; customers write back when a reply misses.",
                "Ctrl-E escalates a chat to a team with an internal note. A served customer's chat stays open until Ctrl-T closes it with a wrap-up tag.",
            ]
        }
    }

    private var targetsLine: String {
        let inForce = targets.inForce(for: mode)
        guard mode.judgesChoices else {
            return "Every detail (names, order numbers, amounts, e-mails) must be exactly right. The targets: a first reply within \(formatDecimal(targets.maxFirstResponse, places: 0)) s, \(ChatTargets.abandonedRule(targets.maxAbandoned)), every customer served, replies at least \(formatDecimal(targets.minReplyAccuracy, places: 0)) % accurate, \(ChatTargets.wrongDetailsRule(targets.maxWrongDetails)), and \(formatDecimal(targets.bar, places: 0)) net WPM while typing."
        }
        // The help desk's targets are more: said shorter, so the intro fits 80 x 24.
        var rules = [
            "first reply within \(formatDecimal(targets.maxFirstResponse, places: 0)) s",
            ChatTargets.abandonedRule(targets.maxAbandoned),
            "everyone served",
            "replies \(formatDecimal(targets.minReplyAccuracy, places: 0)) % accurate",
            ChatTargets.wrongDetailsRule(targets.maxWrongDetails),
            "\(formatDecimal(targets.bar, places: 0)) net WPM while typing",
        ]
        if let judgement = inForce.judgement { rules.append("judgement \(formatDecimal(judgement, places: 0)) (the right replies)") }
        if let writing = inForce.writing { rules.append("writing \(formatDecimal(writing, places: 0)) of 100") }
        if let satisfaction = inForce.satisfaction { rules.append("\(formatDecimal(satisfaction, places: 0)) % of customers rated 4 or 5 of 5") }
        if let missed = inForce.missedActions {
            rules.append(missed == 0 ? "every escalation and tag due done right" : "at most \(counted(missed, "escalation or tag", plural: "escalations or tags")) due missed or wrong")
        }
        return "Every detail must be exactly right. Targets: " + rules.joined(separator: ", ") + "."
    }

    private var keysLine: String {
        let switching = chats > 1 ? "F1-F\(chats) or Alt-1..\(chats) switch chats · Ctrl-N jumps to the most urgent customer (a first reply due soonest, else the longest wait) · " : ""
        if mode.judgesChoices {
            let chat = chats > 1 ? "F1-F\(chats) or Alt-1..\(chats) switch chats · Ctrl-N most urgent customer · " : ""
            return "Keys: " + chat + "/ or Ctrl-K search · Tab insert, next blank · Enter send · Ctrl-E escalate · Ctrl-T close · Ctrl-P profile · Esc closes a search or list, twice ends the shift."
        }
        return "Keys: " + switching + "Enter sends · Backspace, Ctrl-W · Esc twice ends the shift."
    }

    public func frame(rows: Int, columns: Int) -> Frame {
        var frame = Frame(width: columns, height: rows)
        var column = frame.put(" typebar chat", row: 0, column: 0, role: .title)
        column = frame.put(" · \(mode.rawValue) mode", row: 0, column: column, role: .dim)
        // The last line (how to start) always shows, at the bottom if the window is too short for everything.
        let start = wrapWords(lines.last?.0 ?? "", width: max(1, columns - 2))
        let page = self.page(rows: rows, columns: columns)
        var row = 2
        for (text, role) in page.lines {
            frame.put(text, row: row, column: 1, role: role)
            row += 1
        }
        if page.above { frame.put("↑", row: 2, column: columns - 1, role: .key) }
        if page.below { frame.put("↓", row: row - 1, column: columns - 1, role: .key) }
        let bottom = max(2, rows - start.count)
        for (offset, part) in start.enumerated() { frame.put(part, row: min(row + 1, bottom) + offset, column: 1, role: .key) }
        return frame
    }

    /// The body as shown: all of it when it fits, else without its blank lines, from `scroll`, with a last line
    /// saying how to read on.
    func page(rows: Int, columns: Int) -> (lines: [(String, Role)], above: Bool, below: Bool) {
        let room = self.room(rows: rows, columns: columns)
        var body = self.body(columns: columns)
        if body.count <= room { return (body, false, false) }
        body = body.filter { !$0.0.isEmpty }
        if body.count <= room { return (body, false, false) }
        let first = min(scroll, body.count - (room - 1))
        let rest = body.count - first - (room - 1)
        let note = rest > 0 ? "… \(counted(rest, "more line")): ↓ or PgDn" : "↑ or PgUp for the lines above"
        return (Array(body[first..<(first + room - 1)]) + [(note, .dim)], first > 0, rest > 0)
    }

    /// `scroll` moved by `lines` (a page for `ChatKeys.page`), kept within the text.
    public mutating func scroll(by lines: Int, rows: Int, columns: Int) {
        let room = self.room(rows: rows, columns: columns)
        let step = abs(lines) >= ChatKeys.page ? (room - 1) * lines.signum() : lines
        let last = body(columns: columns).filter { !$0.0.isEmpty }.count - (room - 1)
        scroll = max(0, min(scroll + step, last))
    }

    /// Rows for the body: between the title and the line that says how to start, at least two.
    private func room(rows: Int, columns: Int) -> Int {
        max(2, rows - wrapWords(lines.last?.0 ?? "", width: max(1, columns - 2)).count - 3)
    }

    /// Every line but the last, wrapped to the window.
    private func body(columns: Int) -> [(String, Role)] {
        lines.dropLast().flatMap { line in wrapWords(line.0, width: max(1, columns - 2)).map { ($0, line.1) } }
    }
}
