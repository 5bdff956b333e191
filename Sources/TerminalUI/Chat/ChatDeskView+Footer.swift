import TypeBarCore

/// The desk's bottom lines: the announcement (or a notice, or the Esc prompt) and the key bar.
extension ChatDeskView {
    /// The bottom lines: the announcement line (a notice from the last key, or the newest announcement about
    /// another chat while it is fresh), then the keys. While Esc waits for its second, the prompt takes both.
    /// A notice or the prompt wraps onto more lines when the window is narrow.
    func footerLines(for shift: ChatShift, now: Double, columns: Int) -> [(String, Role)] {
        let width = max(1, columns - 1)
        if confirmingLeave {
            let prompt = wrapWords("Esc again ends the shift; any other key stays. Customers still waiting count as not served.", width: width)
            return Array(repeating: ("", .plain), count: max(0, 2 - prompt.count)) + prompt.map { (" " + $0, .bad) }
        }
        var lines: [(String, Role)] = [("", .plain)]
        if let notice = notice ?? shift.notice {
            lines = wrapWords(notice, width: width).map { (" " + $0, .bad) }
        } else if let latest = ChatDeskView.freshAnnouncement(in: shift, now: now) {
            lines = [(ChatDeskView.fitted(" ● " + announcement(latest, in: shift), width: columns), .mark)]
        }
        return lines + [(keyBar(for: shift, columns: columns), .dim)]
    }

    /// The announcement the footer shows: the newest about a chat other than the one on screen, while it is fresh.
    static func freshAnnouncement(in shift: ChatShift, now: Double) -> ChatShift.Announcement? {
        guard let latest = shift.announcements.last(where: { $0.chat != shift.selected }),
              now - latest.time < announcementMilliseconds else { return nil }
        return latest
    }

    /// An announcement as the desk words it: a customer's reaction or answer says what it is, and a message in
    /// another chat gives its start after the chat's key.
    func announcement(_ announcement: ChatShift.Announcement, in shift: ChatShift) -> String {
        guard let chat = announcement.chat, let index = shift.chats[chat],
              announcement.text.hasPrefix(shift.customers[index].script.name + " "),
              let message = shift.customers[index].messages.last(where: { $0.time == announcement.time && $0.fromCustomer }) else {
            return announcement.text + (announcement.chat.map { " (F" + String($0 + 1) + ")" } ?? "")
        }
        let name = shift.customers[index].script.name
        let key = " (F" + String(chat + 1) + "): "
        switch message.kind {
        case .reaction: return name + " corrects you in chat " + String(chat + 1) + key + message.text
        case .nudge: return name + " nudges in chat " + String(chat + 1) + key + message.text
        case .answer: return name + " answers in chat " + String(chat + 1) + key + message.text
        default: return announcement.text + key + message.text
        }
    }

    /// The keys, as many as fit. Guided, template and macros modes: the Alt keys go first, then the macro hint and
    /// Ctrl-N. Desk and free modes name their tools first, and while a tool is open, its own keys. One chat has
    /// nothing to switch to; a replay has only its own keys. The intro names them all.
    func keyBar(for shift: ChatShift, columns: Int) -> String {
        let chats = shift.chats.count
        if replay != nil {
            return [" Replay: Esc or q stops it", " Esc or q stops"].first { DisplayWidth.of($0) <= columns } ?? " Esc or q stops"
        }
        if shift.mode.judgesChoices {
            return ChatDeskView.fittedKeys(deskKeys(for: shift, columns: columns), columns: columns)
        }
        let bars: [String]
        let macro = shift.mode == .macros ? " · /macro Tab" : ""
        if chats > 1 {
            let chat = "F1-F\(chats)"
            bars = [
                " \(chat)/Alt-1..\(chats) chat · Ctrl-N most urgent · Enter send\(macro) · Esc Esc end",
                " \(chat) chat · Ctrl-N most urgent · Enter send\(macro) · Esc Esc end",
                " \(chat) chat · Ctrl-N urgent · Enter send · Esc Esc end",
                " \(chat) chat · Enter send · Esc Esc end",
            ]
        } else {
            bars = [" Enter send\(macro) · Esc Esc end the shift", " Enter send\(macro) · Esc Esc end", " Enter send · Esc Esc end"]
        }
        return bars.first { DisplayWidth.of($0) <= columns } ?? bars[bars.count - 1]
    }

    /// The help desk's keys in the order shown, each with its rank (0 the last to go) and a shorter form.
    func deskKeys(for shift: ChatShift, columns: Int) -> [(text: String, short: String, rank: Int)] {
        let chats = shift.chats.count
        switch panel {
        case .search:
            return [("type to narrow", "type", 3), ("↑↓ choose", "↑↓", 1), ("Tab or Enter insert", "Tab insert", 0), ("Esc close", "Esc", 2)]
        case .escalate(let escalation) where escalation.team == nil:
            let count = escalation.teams.items.count
            return [("↑↓, 1-\(count) or first letter: team", "↑↓ 1-\(count)", 1), ("Enter next", "Enter", 0), ("Esc cancel", "Esc", 2)]
        case .escalate:
            return [("type the internal note", "note", 2), ("Enter escalate", "Enter", 0), ("Esc cancel", "Esc", 1)]
        case .close(let closing):
            let count = closing.tags.items.count
            return [("↑↓, 1-\(count) or first letter: tag", "↑↓ 1-\(count)", 1), ("Enter close the chat", "Enter close", 0), ("Esc cancel", "Esc", 2)]
        case nil:
            var keys: [(String, String, Int)] = []
            if chats > 1 { keys.append(("F1-F\(chats) chat", "F1-F\(chats)", 0)) }
            keys.append(("/ search", "/ search", 1))
            keys.append(("Enter send", "Enter", 6))
            keys.append(("Ctrl-E escalate", "^E escalate", 2))
            keys.append(("Ctrl-T close", "^T close", 3))
            if columns < ChatDeskView.profileColumns { keys.append(("Ctrl-P profile", "^P profile", 4)) }
            if chats > 1 { keys.append(("Ctrl-N most urgent", "Ctrl-N urgent", 7)) }
            keys.append(("Esc Esc end", "Esc Esc end", 5))
            return keys
        }
    }

    /// The keys joined with " · ", as many as fit `columns`: in their long forms, the highest ranks left out one by
    /// one while at least three keys are left; then in their short forms, again leaving out the highest ranks.
    static func fittedKeys(_ keys: [(text: String, short: String, rank: Int)], columns: Int) -> String {
        // Each key measured once: a bar's width is theirs added up with the separators' (joining whole characters
        // changes no width), so trying shorter bars costs no measuring.
        for long in [true, false] {
            var kept = keys.map { key in (key: key, width: DisplayWidth.of(long ? key.text : key.short)) }
            while true {
                if 1 + kept.reduce(0, { $0 + $1.width }) + 3 * max(0, kept.count - 1) <= columns {
                    return " " + kept.map { long ? $0.key.text : $0.key.short }.joined(separator: " · ")
                }
                guard kept.count > (long ? 3 : 1), let drop = kept.indices.max(by: { kept[$0].key.rank < kept[$1].key.rank }) else { break }
                kept.remove(at: drop)
            }
        }
        return " " + (keys.min { $0.rank < $1.rank }?.short ?? "")
    }
}
