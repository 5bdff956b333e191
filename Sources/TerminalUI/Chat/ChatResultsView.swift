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
