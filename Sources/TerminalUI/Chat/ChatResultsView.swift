import TypeBarCore
import TypeBarFormats

/// The results of a chat shift: the verdict against the targets (which were missed, by how much), the figures,
/// and one line per customer. Pure; `lines` is also what `typebar replay` and tests read. A window too short for
/// everything keeps the verdict, where the shift was saved and the figures, and says how many lines it left out.
public struct ChatResultsView: Sendable {
    public var result: ChatResult
    public var title: String
    /// Where the log and the result were saved, or why not.
    public var notes: [String] = []
    public var help = "r again with other details · q quit"
    /// False for the moment after the screen appears, while keys typed through the end of the shift are ignored.
    public var acceptsKeys = true

    public init(result: ChatResult, title: String) {
        self.result = result
        self.title = title
    }

    /// The screen's lines with their roles, before wrapping: the sections with a blank line between them. What
    /// `typebar score --keys` prints for a chat log.
    public var lines: [(String, Role)] {
        var lines: [(String, Role)] = []
        for section in sections.filter({ !$0.isEmpty }) {
            if !lines.isEmpty { lines.append(("", .plain)) }
            lines += section.joined()
        }
        return lines
    }

    /// The body in four sections, each a list of items (an item's lines are shown together or not at all): the
    /// verdict, the figures, one line per customer with the wrong details, and in free mode each reply.
    var sections: [[[(String, Role)]]] {
        [verdict.map { [$0] }, figures.map { [$0] }, customerLines.map { [$0] }, replyLines]
    }

    private var judged: Bool { result.mode.judgesChoices }

    private var verdict: [(String, Role)] {
        let missed = result.missedTargets
        guard !missed.isEmpty else {
            var met = "everyone served, first replies within \(seconds(result.targets.maxFirstResponse)), accurate replies with the right details, \(formatDecimal(result.targets.bar, places: 0)) net WPM"
            let inForce = result.targets.inForce(for: result.mode)
            if let judgement = inForce.judgement { met += ", judgement \(formatDecimal(judgement, places: 0))" }
            if let writing = inForce.writing { met += ", writing \(formatDecimal(writing, places: 0))" }
            if let satisfied = inForce.satisfaction { met += ", \(formatDecimal(satisfied, places: 0)) % satisfied" }
            if judged { met += ", every action right" }
            var lines = [("✓ Meets every target: \(met).", Role.good)]
            if result.leftEarly { lines.append(("Left early: customers still waiting count as not served.", .mark)) }
            return lines
        }
        var lines = [("✗ Missed \(missed.count) target\(missed.count == 1 ? "" : "s"):", Role.bad)]
        for target in missed { lines.append(("  · " + target.description, .bad)) }
        if result.leftEarly { lines.append(("Left early: customers still waiting count as not served.", .mark)) }
        return lines
    }

    private var figures: [(String, Role)] {
        var lines: [(String, Role)] = []
        lines.append(("Customers  \(result.served) served · \(result.abandoned) left unanswered · \(result.unserved) not served" + (result.transferred > 0 ? " · \(result.transferred) transferred" : ""), result.abandoned > 0 ? .bad : .plain))
        var first = "First reply  median \(optionalSeconds(result.medianFirstResponse)) · worst \(optionalSeconds(result.worstFirstResponse))"
        first += "   Waits  average \(optionalSeconds(result.averageWait)) · worst \(optionalSeconds(result.worstWait))"
        lines.append((first, (result.worstFirstResponse ?? 0) > result.targets.maxFirstResponse ? .bad : .plain))
        let accuracy = result.replyAccuracy.map { formatDecimal($0, places: 1) + " %" } ?? "–"
        // A free-written reply has no script to be accurate to: its accuracy is the share of its words spelt right.
        let measured = result.mode == .free ? "spelt right \(accuracy)" : "accuracy \(accuracy)"
        lines.append(("Replies  \(result.replyCount) sent · \(measured) · \(result.wrongDetails) wrong detail\(result.wrongDetails == 1 ? "" : "s")", result.wrongDetails > 0 ? .bad : .plain))
        var speed = "Speed  \(result.netWPM.map { formatDecimal($0, places: 0) } ?? "–") net WPM while typing · \(formatDecimal(result.effectiveWPM, places: 0)) effective WPM"
        if result.mode == .macros { speed += " · \(result.keystrokesSaved) keystrokes saved by macros" }
        lines.append((speed, .plain))
        guard judged else { return lines }
        let inForce = result.targets.inForce(for: result.mode)
        if result.mode == .desk {
            let scored = result.replies.compactMap(\.points).count
            let line = "Judgement  " + (result.judgement.map { formatDecimal($0, places: 0) + " of 100" } ?? "–")
                + (scored > 0 ? " over \(counted(scored, "reply", plural: "replies")) scored" : "") + (result.wrongChoices > 0 ? ", \(result.wrongChoices) not answering the customer" : "")
            lines.append((line, below(result.judgement, inForce.judgement) ? .bad : .plain))
        } else {
            let scored = result.replies.compactMap(\.points).count
            let line = "Writing  " + (result.writing.map { formatDecimal($0, places: 0) + " of 100" } ?? "–") + (scored > 0 ? " over \(counted(scored, "reply", plural: "replies")) scored" : "")
            lines.append((line, below(result.writing, inForce.writing) ? .bad : .plain))
        }
        let rated = result.customers.compactMap(\.rating)
        if let positive = result.positiveRating, let mean = result.meanRating {
            var line = "Satisfaction  \(rated.filter { $0 >= 4 }.count) of \(rated.count) satisfied (\(formatDecimal(positive, places: 0)) %) · mean rating \(formatDecimal(mean, places: 1))"
            line += " · resolved " + (result.resolutionRate.map { formatDecimal($0, places: 0) + " %" } ?? "–")
            lines.append((line, below(positive, inForce.satisfaction) ? .bad : .plain))
        }
        if result.actionsExpected > 0 || result.actions.contains(where: { !$0.right }) {
            var line = "Actions  " + (result.actionsExpected > 0 ? "\(result.actionsRight) of \(result.actionsExpected) expected right" : "none expected")
            let wrong = result.actions.filter { !$0.right }.map { action in
                result.customers[action.customer].name + ": " + (action.problems.first ?? action.done ?? "wrong")
            }
            if !wrong.isEmpty { line += " · " + wrong.joined(separator: "; ") }
            lines.append((line, wrong.isEmpty ? .plain : .bad))
        }
        return lines
    }

    /// Whether `value` falls short of the target `minimum` (when both are known).
    private func below(_ value: Double?, _ minimum: Double?) -> Bool {
        guard let value, let minimum else { return false }
        return value < minimum
    }

    /// One line per customer: in desk and free modes their rating and its reasons first, then how they fared;
    /// then each wrong detail with what was expected and what was sent.
    private var customerLines: [(String, Role)] {
        var lines: [(String, Role)] = []
        for customer in result.customers {
            var fared: String
            switch customer.outcome {
            case .served: fared = "served, first reply \(optionalSeconds(customer.firstResponse)), handled in \(optionalSeconds(customer.handleTime))"
            case .abandoned: fared = "left unanswered" + (customer.firstResponse.map { " after a first reply at \(seconds($0))" } ?? "")
            case .unserved: fared = "not served (\(customer.replies) of \(customer.turns) replies)"
            case .notArrived: fared = "had not arrived"
            case .transferred: fared = "transferred" + (customer.resolved ? "" : " (not where they needed)")
            case .closed: fared = "chat closed before they were served"
            }
            if judged, let rating = customer.rating {
                let reasons = customer.reasons.joined(separator: "; ")
                let line = "  \(rating)/5 \(customer.name): " + (reasons.isEmpty ? fared : reasons + " · " + fared)
                lines.append((line, rating >= 4 ? .plain : .bad))
            } else {
                lines.append(("  \(customer.name): " + fared, customer.outcome == .served ? .plain : .bad))
            }
        }
        // Free mode says what each reply missed under the reply itself.
        guard result.mode != .free else { return lines }
        for reply in result.replies.filter({ !$0.mismatches.isEmpty }).prefix(3) {
            let name = result.customers[reply.customer].name
            for mismatch in reply.mismatches {
                let sent = mismatch.sent.isEmpty ? "nothing there" : mismatch.sent
                lines.append(("  wrong \(ChatShift.detailLabel(mismatch.name)) to \(name): expected \(mismatch.expected), sent \(sent)", .bad))
            }
        }
        return lines
    }

    /// Free mode: each reply with its points and deductions ("−2: no next step; −1: 'recieve' misspelt"), then
    /// its text with each misspelt word marked ‹so›.
    private var replyLines: [[(String, Role)]] {
        guard result.mode == .free else { return [] }
        var items: [[(String, Role)]] = []
        for reply in result.replies {
            guard let rubric = reply.rubric else { continue }
            let name = result.customers[reply.customer].name
            var heading = "  \(name), turn \(reply.turn + 1)"
            if reply.choice == .clarify { heading += ", question" }
            let role: Role
            if let points = reply.points {
                heading += ": \(points)/10"
                if points < rubric.points { heading += " (a guess: the question was due first; \(rubric.points) on the rubric)" }
                role = points >= ChatResult.goodWriting ? .plain : .bad
            } else {
                heading += " again: \(rubric.points)/10, not scored (a turn's first reply is)"
                role = .dim
            }
            heading += rubric.deductions.isEmpty ? " ✓" : " · " + rubric.explanation
            items.append([(heading, role), ("    \"" + ChatResultsView.marked(reply.text, misspelt: rubric.misspelt) + "\"", .dim)])
        }
        return items
    }

    /// `text` with each of the `misspelt` words, as whole words, between ‹ and ›.
    static func marked(_ text: String, misspelt: [String]) -> String {
        guard !misspelt.isEmpty else { return text }
        let wrong = Set(misspelt)
        var marked = ""
        var word = ""
        func flush() {
            let core = String(word.drop { $0 == "-" || $0 == "'" }.reversed().drop { $0 == "-" || $0 == "'" }.reversed())
            if !core.isEmpty, wrong.contains(core), let range = word.range(of: core) {
                marked += word[..<range.lowerBound] + "‹" + core + "›" + word[range.upperBound...]
            } else {
                marked += word
            }
            word = ""
        }
        for character in text {
            if character.isLetter || character.isNumber || character == "'" || character == "’" || character == "-" {
                word.append(character)
            } else {
                flush()
                marked.append(character)
            }
        }
        flush()
        return marked
    }

    public func frame(rows: Int, columns: Int) -> Frame {
        var frame = Frame(width: columns, height: rows)
        let width = max(1, columns - 2)
        // The title on one line when it fits; else wrapped, never between "seed" and its number.
        var row = 1
        let heading = " typebar chat · results · " + title
        if DisplayWidth.of(heading) <= columns {
            var column = frame.put(" typebar chat", row: 0, column: 0, role: .title)
            column = frame.put(" · results · ", row: 0, column: column, role: .dim)
            frame.put(title, row: 0, column: column, role: .title)
        } else {
            for (number, line) in wrapFigures(String(heading.dropFirst()), width: width + 1).enumerated() {
                frame.put(line, row: number, column: 1, role: .title)
                row = number + 1
            }
        }
        let help = wrapWords(acceptsKeys ? self.help : ResultsView.settlingHelp, width: max(1, columns - 1))
        for (offset, line) in help.enumerated() {
            frame.put(" " + line, row: rows - help.count + offset, column: 0, role: acceptsKeys ? .key : .dim)
        }
        // A blank row under the title and one over the keys, unless the body needs the second.
        let top = row + 1
        let room = rows - help.count - top
        var body = shown(rows: room - 1, width: width)
        if body.contains(where: { $0.0.hasPrefix("… ") }) { body = shown(rows: room, width: width) }
        for (offset, line) in body.enumerated() { ChatResultsView.put(line.0, row: top + offset, role: line.1, into: &frame) }
        return frame
    }

    /// Puts a body line at column 1, a misspelt word marked ‹so› in the look of a typing error.
    private static func put(_ line: String, row: Int, role: Role, into frame: inout Frame) {
        var column = 1
        var rest = Substring(line)
        while let open = rest.firstIndex(of: "‹"), let close = rest[open...].firstIndex(of: "›") {
            column = frame.put(String(rest[..<open]), row: row, column: column, role: role)
            column = frame.put(String(rest[open...close]), row: row, column: column, role: .wrong)
            rest = rest[rest.index(after: close)...]
        }
        frame.put(String(rest), row: row, column: column, role: role)
    }

    /// The body's rows for a window of `width` columns with `rows` rows for it. When everything does not fit,
    /// the blank lines go first, then the replies' texts (each keeps its points and deductions); then the replies
    /// and the customer lines (with the wrong details) give way to the figures, the figures to where the shift was
    /// saved, and that to the verdict, with one line saying how many lines were left out.
    func shown(rows: Int, width: Int) -> [(String, Role)] {
        let notes = self.notes.map { [($0, Role.dim)] }
        // Each item as the rows it wraps to, continuation rows under its text.
        func wrapped(_ block: [[(String, Role)]]) -> [[(String, Role)]] {
            block.map { item in
                item.flatMap { line -> [(String, Role)] in
                    let indent = String(repeating: " ", count: line.0.prefix { $0 == " " }.count + (line.0.hasPrefix(" ") ? 2 : 0))
                    let rows = wrapFigures(line.0, width: max(1, width - indent.count))
                    return rows.enumerated().map { ($0.offset == 0 ? $0.element : indent + $0.element, line.1) }
                }
            }
        }
        var blocks = (sections + [notes]).map(wrapped)
        // The sections shown have a blank row between them; the notes follow the last.
        var everything: [(String, Role)] = []
        for block in blocks.prefix(4) where !block.isEmpty {
            if !everything.isEmpty { everything.append(("", .plain)) }
            everything += block.joined()
        }
        everything += blocks[4].joined()
        if everything.count <= rows { return everything }
        // Too little room: a reply keeps its points and deductions, and its text is counted as left out.
        let texts = blocks[3].reduce(0) { $0 + $1.count }
        blocks[3] = wrapped(sections[3].map { Array($0.prefix(1)) })
        let textsLeft = texts - blocks[3].reduce(0) { $0 + $1.count }
        var left = rows - 1   // the line saying what was left out
        // By priority: the verdict's first line, where the shift was saved, the rest of the verdict, the figures,
        // the customers, the replies; each block from its start.
        var counts = blocks.map { _ in 0 }
        for (block, limit) in [(0, 1), (4, Int.max), (0, Int.max), (1, Int.max), (2, Int.max), (3, Int.max)] {
            while counts[block] < min(limit, blocks[block].count), blocks[block][counts[block]].count <= left {
                left -= blocks[block][counts[block]].count
                counts[block] += 1
            }
        }
        let hidden = zip(blocks, counts).map { block, count in block.dropFirst(count).reduce(0) { $0 + $1.count } }
        var result: [(String, Role)] = []
        for block in 0..<4 { result += blocks[block].prefix(counts[block]).joined() }
        let total = hidden.reduce(0, +) + textsLeft
        // Dropping the blank lines was enough.
        guard total > 0 else { return result + blocks[4].prefix(counts[4]).joined() }
        // Only customers left out: say how many. (Their lines come first in their block.)
        let customersOnly = total == hidden[2] && blocks[2].count == self.result.customers.count
        let more = customersOnly ? "… and \(counted(blocks[2].count - counts[2], "more customer"))"
            : textsLeft > 0 && total == textsLeft ? "… the replies' texts in a taller window"
            : "… \(counted(total, "more line")) in a taller window"
        result.append((wrapWords(more, width: width).first ?? "", .dim))
        return result + blocks[4].prefix(counts[4]).joined()
    }

    /// A chat time as every screen, report and verdict shows it (`ChatResult.shownSeconds`).
    private func seconds(_ value: Double) -> String { "\(ChatResult.shownSeconds(value)) s" }
    private func optionalSeconds(_ value: Double?) -> String { value.map(seconds) ?? "–" }
}

/// `text` broken into lines as `wrapWords` does, but never between a number and its unit ("30 s", "97.1 %",
/// "40 WPM") or between "seed" and its number, and never before a "·" (it ends the line, not starts the next).
func wrapFigures(_ text: String, width: Int) -> [String] {
    let glue: Character = "\u{A0}"
    let units: Set<Substring> = ["s", "%", "WPM", "min", "ms"]
    var joined = ""
    var previous: Substring?
    for word in text.split(separator: " ", omittingEmptySubsequences: false) {
        if let previous {
            let unit = word.prefix { !":,.;)".contains($0) }
            let sticks = (previous.last?.isNumber == true && units.contains(unit)) || previous == "seed" || word == "·"
            joined.append(sticks ? glue : " ")
        }
        joined += word
        previous = word
    }
    return wrapWords(joined, width: width).map { String($0.map { $0 == glue ? " " : $0 }) }
}
