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
            case .transferred: line += "transferred" + (customer.resolved ? "" : " (not where they needed)")
            case .closed: line += "chat closed before they were served"
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
        for (offset, line) in body.enumerated() { frame.put(line.0, row: top + offset, column: 1, role: line.1) }
        return frame
    }

    /// The body's rows for a window of `width` columns with `rows` rows for it. When everything does not fit,
    /// the blank lines go first; then the customer lines (and wrong replies) give way to the figures, the figures
    /// to where the shift was saved, and that to the verdict, with one line saying how many lines were left out.
    func shown(rows: Int, width: Int) -> [(String, Role)] {
        let all = lines
        // Lines up to the first blank are the verdict; after the last blank, one per customer and the wrong replies.
        let firstBlank = all.firstIndex { $0.0.isEmpty } ?? all.count
        let lastBlank = all.lastIndex { $0.0.isEmpty } ?? all.count - 1
        let blocks = [Array(all[..<firstBlank]), Array(all[firstBlank...lastBlank]), Array(all[(lastBlank + 1)...]), notes.map { ($0, Role.dim) }]
        // Each line as the rows it wraps to, continuation rows under its text.
        let wrapped = blocks.map { block in
            block.map { line -> [(String, Role)] in
                let indent = String(repeating: " ", count: line.0.prefix { $0 == " " }.count + (line.0.hasPrefix(" ") ? 2 : 0))
                let rows = wrapFigures(line.0, width: max(1, width - indent.count))
                return rows.enumerated().map { ($0.offset == 0 ? $0.element : indent + $0.element, line.1) }
            }
        }
        if wrapped.joined().reduce(0, { $0 + $1.count }) <= rows { return Array(wrapped.joined().joined()) }
        let kept = wrapped.map { $0.filter { !($0.count == 1 && $0[0].0.isEmpty) } }
        var left = rows
        if kept.joined().reduce(0, { $0 + $1.count }) > left { left -= 1 }   // the line saying what was left out
        // By priority: the verdict's first line, where the shift was saved, the rest of the verdict, the figures,
        // the customers; each block from its start.
        var counts = kept.map { _ in 0 }
        for (block, limit) in [(0, 1), (3, Int.max), (0, Int.max), (1, Int.max), (2, Int.max)] {
            while counts[block] < min(limit, kept[block].count), kept[block][counts[block]].count <= left {
                left -= kept[block][counts[block]].count
                counts[block] += 1
            }
        }
        let hidden = zip(kept, counts).map { $0.0.count - $0.1 }
        var result: [(String, Role)] = []
        for block in 0..<3 { result += kept[block].prefix(counts[block]).joined() }
        let total = hidden.reduce(0, +)
        if total > 0 {
            // The customer lines come first in their block, so only they are left out when the block holds no more.
            let customersOnly = total == hidden[2] && kept[2].count == self.result.customers.count
            let more = customersOnly ? "… and \(counted(total, "more customer"))" : "… \(counted(total, "more line")) in a taller window"
            result.append((wrapWords(more, width: width).first ?? "", .dim))
        }
        return result + kept[3].prefix(counts[3]).joined()
    }

    private func seconds(_ value: Double) -> String { formatDecimal(value, places: 0) + " s" }
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
