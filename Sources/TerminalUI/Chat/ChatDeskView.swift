import TypeBarCore

/// The chat desk as a pure function of the shift and the window: the chat list (names, state, waits and the
/// first-reply countdown coloured as they grow, the queue), the selected conversation, the reply expected (by
/// mode), the reply box, and a line of announcements that never takes the reply box. 80 x 24 shows every chat in
/// a side list; narrower or shorter windows show the chats as tabs on one line; below 40 x 12 the screen says how
/// big it must be. What the agent must read to act (the reply expected, a notice, the Esc prompt) is wrapped,
/// never cut: the conversation gives up rows first, and a reply too long even then scrolls with the draft.
///
/// In desk and free modes the desk is a help desk's: the customer's profile beside the conversation from
/// `profileColumns` columns (in its place, on Ctrl-P, below that), and the knowledge-base search, the escalation
/// and the close drawn over the lower part of the conversation while they are open (ChatDeskView+Desk.swift).
public struct ChatDeskView: Sendable {
    public static let minimumColumns = 40
    public static let minimumRows = 12
    /// Waits past these many seconds are shown as a warning, then in red.
    public static let longWait = 30.0
    public static let veryLongWait = 60.0
    /// A customer this close (seconds) to leaving is shown as leaving.
    public static let aboutToLeave = 15.0
    /// How long an announcement stays on its line, in milliseconds.
    public static let announcementMilliseconds = 8000.0

    /// The first Esc of two was pressed: the bottom lines ask for the second.
    public var confirmingLeave = false
    /// Seconds from a customer's arrival to the first reply the shift is judged by: the chat list counts down to it.
    public var firstReplyTarget = 60.0
    /// A recorded shift played back: what the title says of it ("replay 3f9a1c2b at 4×"); the key bar then gives
    /// the replay's keys.
    public var replay: String?
    /// The help desk's tool open for the chat shown, if any (desk and free modes).
    public var panel: DeskPanel? {
        didSet { panelOpen = panel.map { ($0.customer, $0.kind) } }
    }
    /// The open tool's customer and `kind`, kept beside it: asked of the tool itself, each frame and key copied it
    /// (an optional of it, through the run time's generic value witnesses).
    private(set) var panelOpen: (customer: Int, kind: Int)?
    /// Ctrl-P: the customer's profile in place of the conversation, in a window too narrow to show it beside it.
    public var profileShown = false
    /// A notice about the last key from the desk's side (why a tool did not open); the shift's own notice otherwise.
    public var notice: String?
    /// The wrapped conversation and reply hint of the chat shown, kept while they stay the same, so a keystroke
    /// re-wraps nothing.
    private(set) var cache = WrappedLines()

    public init() {}

    /// This view with nothing kept: what a frame must be drawn as, whatever the cache holds.
    func withoutCache() -> ChatDeskView {
        var copy = self
        copy.cache = WrappedLines()
        return copy
    }

    /// Whether the window is big enough for the side list (else tabs).
    static func usesSideList(rows: Int, columns: Int) -> Bool { columns >= 64 && rows >= 18 }

    public func frame(for shift: ChatShift, rows: Int, columns: Int, now: Double) -> Frame {
        guard columns >= ChatDeskView.minimumColumns, rows >= ChatDeskView.minimumRows else {
            return ChatDeskView.tooSmall(rows: rows, columns: columns)
        }
        let sideList = ChatDeskView.usesSideList(rows: rows, columns: columns)
        let listWidth = sideList ? 22 : 0
        let top = 2
        let left = listWidth
        // The reply box takes the whole width right of the list; the conversation and what goes under it leave the
        // profile pane its columns.
        let width = columns - left
        // Ctrl-P shows the profile in the conversation's place at any width (the whole of one too long for the pane).
        let profileInstead = profileShown && shift.mode.judgesChoices && shift.selectedCustomer != nil
        let pane = sideList && shift.mode.judgesChoices && columns >= ChatDeskView.profileColumns && !profileInstead ? ChatDeskView.paneWidth(columns: columns) : 0
        let talk = width - pane
        // From the bottom: the key bar, the announcement (or a notice, or the Esc prompt, wrapped), the reply box,
        // the reply expected (or an open tool), the line over it, and the conversation in what is left.
        let announced = ChatDeskView.freshAnnouncement(in: shift, now: now)
        let panelKind = panelOpen?.kind ?? 0
        let footerKey = WrappedLines.FooterKey(
            revision: shift.revision, columns: columns, notice: notice ?? shift.notice, confirmingLeave: confirmingLeave,
            announcementTime: announced?.time, announcementChat: announced?.chat, panel: panelKind, replay: replay != nil)
        let footer = cache.footer(footerKey) { footerLines(for: shift, now: now, columns: columns) }
        let footerTop = rows - footer.count
        let replyLines = sideList ? 3 : 2
        let replyTop = footerTop - replyLines
        // The tool open, if it is the selected customer's.
        let panelShown = panelOpen != nil && panelOpen?.customer == shift.selectedCustomer
        let upper = profileInstead ? profileView(for: shift, width: talk - 2) : conversationLines(for: shift, width: talk - 2)
        let guide = panelShown ? Guide() : self.guide(for: shift, width: talk - 2)
        let region = replyTop - top
        let room = region - 1
        // Rows the conversation keeps: none in guided mode, where the reply shown is all there is to type; in the
        // other modes the details to fill in are in the customer's messages.
        let kept = shift.mode == .guided ? 0 : min(upper.count, 2)
        var lowerRows = min(guide.lines.count, max(1, room - kept))
        var panelRows: [PanelRow] = []
        if panelShown, let panel = self.panel {
            panelRows = self.panelRows(panel, shift: shift, width: talk - 2, rows: region)
            lowerRows = min(panelRows.count, region)
        }
        // No line over a tool that takes every row.
        let divider = lowerRows >= region ? top - 1 : replyTop - lowerRows - 1
        let hintStart = !panelShown && guide.lines.count > lowerRows ? guide.firstLine(showing: typingPosition(in: shift, guide: guide), rows: lowerRows) : 0

        // Everything but the reply box and an open tool changes only with the second, the shift's state, the
        // drafts' presence, a notice, an announcement fading, the reply expected scrolling, or a tool opening,
        // closing or changing its height: between those, a keystroke redraws the reply box (or the tool) alone.
        let fresh = announced != nil
        // The clocks (time left, waits, what is due) tick together on the screen's whole seconds: drawn from the
        // second's start, so a frame drawn later in the same second shows what the kept one shows.
        let second = Int(max(0, now) / 1000)
        let tick = Double(second) * 1000
        let background = WrappedLines.Background(
            rows: rows, columns: columns, second: second, revision: shift.revision,
            drafts: shift.chats.map { chat in chat.map { !shift.customers[$0].draft.isEmpty } ?? false },
            notice: notice ?? shift.notice, confirmingLeave: confirmingLeave, announcementFresh: fresh, hintStart: hintStart,
            panel: panelShown ? panelKind : 0, panelRows: lowerRows, profileShown: profileInstead)
        // What a key draws over the background: the reply box, and an open tool from under the line.
        let drawnRows = min(divider + 1, replyTop)..<(replyTop + replyLines)
        // The title, and the side list or the tabs: all that shows the time, in rows and columns nothing else uses.
        func drawClocks(_ frame: inout Frame) {
            drawTitle(&frame, shift: shift, now: tick)
            if sideList {
                drawSideList(&frame, shift: shift, now: tick, width: listWidth, top: top, bottom: footerTop)
            } else {
                drawTabs(&frame, shift: shift, now: tick, row: 1)
            }
        }
        var frame = cache.canvas(background, make: {
            var frame = Frame(width: columns, height: rows)
            drawClocks(&frame)
            let shown = max(0, divider - top)
            var visible = profileInstead ? Array(upper.prefix(shown)) : Array(upper.suffix(shown))
            // Over an open tool, a few rows that cannot hold the latest message show its start: who wrote and
            // what they asked.
            if panelShown, !profileInstead, let last = upper.lastIndex(where: \.starts), upper.count - last > shown {
                visible = Array(upper[last..<(last + shown)])
            }
            for (offset, line) in visible.enumerated() {
                line.draw(into: &frame, row: top + offset, column: left + 1)
            }
            if divider >= top { frame.put(ChatDeskView.rule(talk - 1), row: divider, column: left, role: .dim) }
            if !panelShown {
                for (offset, line) in guide.lines.dropFirst(hintStart).prefix(lowerRows).enumerated() {
                    frame.put(line, row: divider + 1 + offset, column: left + 1, role: guide.role)
                }
                // Arrows in the last column say the reply expected goes on above or below.
                if hintStart > 0 { frame.put("↑", row: divider + 1, column: left + talk - 1, role: .key) }
                if hintStart + lowerRows < guide.lines.count { frame.put("↓", row: replyTop - 1, column: left + talk - 1, role: .key) }
            }
            if pane > 0 { drawProfilePane(&frame, shift: shift, top: top, bottom: replyTop, left: columns - pane, width: pane) }
            for (offset, line) in footer.enumerated() { frame.put(line.0, row: footerTop + offset, column: 0, role: line.1) }
            return frame
        }, tick: { frame in
            // The side list's separator, its last column, stays as it is.
            frame.clear(rows: 0..<1, columns: 0..<columns)
            frame.clear(rows: 1..<(sideList ? footerTop : 2), columns: 0..<(sideList ? listWidth - 1 : columns))
            drawClocks(&frame)
        })
        drawReplyBox(&frame, shift: shift, top: replyTop, lines: replyLines, left: left + 1, width: width - 2)
        if panelShown {
            drawPanel(&frame, rows: Array(panelRows.prefix(lowerRows)), top: divider + 1, left: left + 1, width: talk - 2)
        } else {
            cache.panelDrawn = nil
        }
        cache.keep(frame, rows: drawnRows)
        return frame
    }

    // MARK: - Parts

    /// The title: the scenario and mode on the left, cut before the count served and the time left on the right.
    private func drawTitle(_ frame: inout Frame, shift: ChatShift, now: Double) {
        let left = max(0, shift.deadline - now) / 1000
        // Counted in place: a filtered copy of the customers would copy each one served.
        var served = 0
        for customer in shift.customers.indices {
            if case .served = shift.customers[customer].status { served += 1 }
        }
        let counts = String(served) + "/" + String(shift.customers.count)
        let time = ChatDeskView.clock(left)
        // Counts and time are ASCII, and "·" is a column wide: " served · " and " left " take 16 columns, " · " and
        // " " 4.
        let long = counts.utf8.count + time.utf8.count + 16 + 14 <= frame.width
        let clock = long ? counts + " served · " + time + " left " : counts + " · " + time + " "
        let clockWidth = counts.utf8.count + time.utf8.count + (long ? 16 : 4)
        let room = frame.width - clockWidth - 1
        let key = WrappedLines.TitleKey(room: room, scenario: shift.scenario.name, mode: shift.mode.rawValue, replay: replay)
        let start = cache.title(key) {
            let brands = replay.map { [" typebar chat · " + $0, " " + $0, " replay"] } ?? [" typebar chat", " typebar"]
            let brand = brands.first { DisplayWidth.of($0) <= room } ?? brands[brands.count - 1]
            let about = " · \(shift.scenario.name) · \(shift.mode.rawValue)"
            return (brand, ChatDeskView.fitted(about, width: room - DisplayWidth.of(brand)))
        }
        let column = frame.put(start.brand, row: 0, column: 0, role: .title)
        frame.put(start.about, row: 0, column: column, role: .dim)
        frame.put(clock, row: 0, column: frame.width - clockWidth, role: left < 30 ? .bad : .status)
    }

    /// `count` box-drawing dashes ("─"), made from their bytes rather than a character at a time.
    static func rule(_ count: Int) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(3 * max(0, count))
        for _ in 0..<max(0, count) { bytes.append(contentsOf: [0xE2, 0x94, 0x80]) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `text` if it fits `width` columns, else cut with "…" (nothing when too little would be left).
    static func fitted(_ text: String, width: Int) -> String {
        // How many first bytes, up to one past the row, are printable ASCII: a byte a character a cell.
        var bytes = text
        let ascii = bytes.withUTF8 { bytes in
            let limit = min(bytes.count, max(0, width) + 1)
            var count = 0
            while count < limit && bytes[count] >= 0x20 && bytes[count] < 0x7F { count += 1 }
            return count
        }
        // Printable ASCII past the row's end does not fit, found without measuring the rest (a reply's text runs to
        // hundreds).
        if ascii <= width && DisplayWidth.of(text) <= width { return text }
        guard width >= 6 else { return "" }
        // Printable ASCII up to the cut and the character after it: what is kept is the first width - 1 bytes (a
        // search's replies cut their texts at every key).
        if ascii >= width { return String(Substring(text.utf8.prefix(width - 1))) + "…" }
        // The width so far kept as it grows: measuring the whole cut at every character made a long announcement
        // cost most of a key's work.
        var cut = ""
        var used = 0
        for character in text {
            let next = DisplayWidth.of(character)
            if used + next + 1 > width { break }
            cut.append(character)
            used += next
        }
        return cut + "…"
    }

    /// The selected chat's conversation, wrapped, with a last line for a customer typing, served or gone. Each
    /// message says who wrote it and, at the help desk, what it is: a customer nudging, a customer correcting the
    /// agent, an answer to a question, and the agent's internal notes, which the customer never saw.
    private func conversationLines(for shift: ChatShift, width: Int) -> [DeskLine] {
        guard width > 10 else { return [] }
        guard let index = shift.selectedCustomer else { return [DeskLine("No customer in chat \(shift.selected + 1) yet.", .dim)] }
        // The key is read in place; the customer is copied only when the conversation is wrapped again.
        let key = WrappedLines.Key(customer: index, count: shift.customers[index].messages.count,
                                   state: WrappedLines.state(shift.customers[index], in: shift), width: width)
        return cache.conversation(key) {
            let customer = shift.customers[index]
            let name = customer.script.name
            var lines: [DeskLine] = []
            for message in customer.messages {
                let (label, labelRole, role): (String, Role, Role) = switch message.kind {
                case .message: (name + ":", .plain, .plain)
                case .nudge: (name + " nudges:", .warning, .plain)
                case .reaction: (name + " corrects you:", .bad, .plain)
                case .answer: (name + " answers:", .plain, .plain)
                case .reply: ("You:", .dim, .dim)
                case .note: ("[internal note, not sent]", .mark, .dim)
                }
                // Continuation lines are indented under the first: every line is wrapped two columns short.
                let wrapped = wrapWords(label + " " + message.text, width: width - 2)
                for (number, line) in wrapped.enumerated() {
                    if number == 0 {
                        lines.append(DeskLine(line, role, label: min(label.count, line.count), labelRole: labelRole, starts: true))
                    } else {
                        lines.append(DeskLine("  " + line, role))
                    }
                }
            }
            func say(_ text: String, _ role: Role) {
                lines += wrapWords(text, width: width).map { DeskLine($0, role) }
            }
            switch customer.status {
            case .typing: say("\(name) is typing…", .dim)
            case .holding: say("\(name) has your answer and is on hold, waiting for your next action.", .warning)
            case .served:
                if !shift.mode.judgesChoices {
                    say("\(name) is served and has left the chat.", .good)
                } else if let tag = customer.closedTag {
                    say("\(name) is served; chat closed as \(tag).", .good)
                } else {
                    say("\(name) is served: close the chat with Ctrl-T and a wrap-up tag.", .good)
                }
            case .left: say("\(name) left: nobody answered in time.", .bad)
            case .transferred: say("\(name) was transferred; the chat is free.", .dim)
            case .closed: say("Chat closed before \(name) was served.", .bad)
            default: break
            }
            return lines
        }
    }

    /// What goes under the line: the reply expected while the customer waits for one (by mode), else in template
    /// and macros modes where the details come from.
    private func guide(for shift: ChatShift, width: Int) -> Guide {
        guard width > 10, let index = shift.selectedCustomer else { return Guide() }
        // The key is read in place; the customer is copied only when the hint is made again.
        let waiting = if case .waiting = shift.customers[index].status {
            shift.customers[index].turn < shift.customers[index].script.turns.count
        } else {
            false
        }
        // The help desk's hint also says what to do once a reply is started.
        let started = shift.mode.judgesChoices && !shift.customers[index].draft.isEmpty ? 1 : 0
        let key = WrappedLines.Key(customer: index, count: shift.customers[index].turn,
                                   state: WrappedLines.state(shift.customers[index], in: shift) * 2 + started, width: width)
        return cache.hint(key) {
            if shift.mode.judgesChoices { return deskGuide(for: shift, customer: index, width: width) }
            let customer = shift.customers[index]
            guard waiting else {
                if customer.status.isFinished || shift.mode == .guided { return Guide() }
                return Guide(lines: wrapWords("Details are in the customer's messages; the name is in the chat list.", width: width), role: .dim)
            }
            let turn = customer.script.turns[customer.turn]
            let lead: String
            let reply: String
            switch shift.mode {
            case .guided:
                lead = "Type: "
                reply = TargetText.normaliseWhitespace(turn.reply.filled(with: customer.script.details))
            case .template:
                lead = "Reply: "
                reply = turn.reply.display
            case .macros:
                lead = turn.macro.map { "Macro: /\($0) then Tab, fill the blanks (Tab to the next): " } ?? "No macro for this one. Reply: "
                reply = turn.reply.display
            case .desk, .free:
                return Guide()
            }
            return Guide(lines: wrapWords(lead + reply, width: width), role: .mark, lead: lead.count)
        }
    }

    /// Where in the reply expected the agent has got to: the lead and as many characters as the draft holds. In
    /// macros mode, until a macro is inserted, the start, which names the macro to use.
    private func typingPosition(in shift: ChatShift, guide: Guide) -> Int {
        guard let index = shift.selectedCustomer else { return 0 }
        let pieces = shift.customers[index].draft.pieces
        if shift.mode == .macros, !pieces.contains(where: { if case .typed = $0 { false } else { true } }) { return 0 }
        return guide.lead + ChatDeskView.shownLength(of: pieces)
    }

    /// The characters a draft shows: its text, and an empty blank as its name in brackets.
    static func shownLength(of pieces: [ReplyDraft.Piece]) -> Int {
        pieces.reduce(0) { count, piece in
            switch piece {
            case .typed(let characters), .canned(let characters): count + characters.count
            case .blank(let name, let content): count + (content.isEmpty ? name.count + 2 : content.count)
            }
        }
    }

    private func drawReplyBox(_ frame: inout Frame, shift: ChatShift, top: Int, lines boxLines: Int, left: Int, width: Int) {
        let drawnOver = cache.replyDrawnOver
        cache.replyDrawnOver = nil
        guard let index = shift.selectedCustomer else { return }
        if shift.customers[index].status.isFinished { return }
        // The draft as measured characters with roles: typed plain, canned dim, blanks marked, the active blank as
        // keys. Measured and laid out only from where the key changed it (ReplyLayout); only the few characters of
        // several scalars (an emoji with a modifier, a letter with a separate accent) are kept as characters, for
        // the frame to store whole.
        let draft = shift.customers[index].draft
        var pieces: [ReplyLayout.Piece] = []
        pieces.reserveCapacity(draft.pieces.count)
        for (number, piece) in draft.pieces.enumerated() {
            switch piece {
            case .typed(let typed):
                pieces.append(ReplyLayout.Piece(text: typed, role: .plain))
            case .canned(let canned):
                pieces.append(ReplyLayout.Piece(text: canned, role: .correct, canned: true))
            case .blank(let name, let content):
                let role: Role = draft.activeBlank == number ? .key : (content.isEmpty ? .mark : .plain)
                pieces.append(ReplyLayout.Piece(text: content, role: role, blank: content.isEmpty ? name : nil))
            }
        }
        cache.reply.update(pieces, width: width - 2)
        // The cursor: at the end of the active blank's text, or at its start while it is empty; else at the end.
        var cursor = cache.reply.glyphs.count
        if let active = draft.activeBlank, active < draft.pieces.count {
            cursor = cache.reply.start(of: active)
            if case .blank(_, let content) = draft.pieces[active] { cursor += content.count }
        }
        frame.put(">", row: top, column: left - 1 >= 0 ? left - 1 : 0, role: .key)
        // Drawn by the kept layout itself, which is not copied to be read; rows it left as they were come from the
        // last frame when that was drawn over the same background.
        let earlier = cache.lastFrame(drawnOver: drawnOver, for: frame)
        frame.cursor = cache.reply.draw(into: &frame, cursor: cursor, top: top, lines: boxLines, left: left + 1, earlier: earlier)
        cache.replyDrawnOver = cache.backgroundsMade
    }

    // MARK: - Helpers

    /// `m:ss`.
    static func clock(_ seconds: Double) -> String {
        let whole = Int(max(0, seconds))
        let rest = whole % 60
        return String(whole / 60) + (rest < 10 ? ":0" : ":") + String(rest)
    }

    static func tooSmall(rows: Int, columns: Int) -> Frame {
        var frame = Frame(width: columns, height: rows)
        let lines = [
            "Window too small: \(columns) x \(rows).",
            "The chat desk needs \(minimumColumns) x \(minimumRows);",
            "80 x 24 shows every chat.",
            "Make it bigger, or press",
            "Esc twice to leave.",
        ]
        var row = 0
        for line in lines {
            for part in wrapWords(line, width: max(1, columns)) where row < rows {
                frame.put(part, row: row, column: 0, role: .bad)
                row += 1
            }
        }
        return frame
    }

    /// When the screen next looks different without a key: the next whole second of a wait or the clock, or the
    /// next happening on the customers' side, or an announcement fading. Nil when nothing will change.
    public static func nextRedraw(for shift: ChatShift, now: Double) -> Double? {
        guard !shift.isOver else { return nil }
        // The clock in the title counts down every second while the shift runs.
        var next = now + 1000 - now.truncatingRemainder(dividingBy: 1000)
        if let happening = shift.nextHappening { next = min(next, happening) }
        if let shown = freshAnnouncement(in: shift, now: now) { next = min(next, shown.time + announcementMilliseconds) }
        return max(now, next)
    }
}
