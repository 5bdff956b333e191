import TypeBarCore
import TypeBarKit

/// A chat shift played by a test as an attentive agent would: whenever a customer waits, their chat is selected and
/// the reply the scenario expects is typed, `interval` ms a character, and sent `interval` ms after the last key.
/// `edit` changes a reply before it is typed (a wrong order number); the events are what a chat log keeps.
struct PlayedShift {
    var header: ChatLog.Header
    var events: [(event: ChatShift.Event, time: Double)] = []
    var shift: ChatShift

    init(scenario id: String = "warm-up-double-charge", seed: UInt64 = 3, interval: Double, edit: (String) -> String = { $0 }) throws {
        try self.init(file: ScenarioCatalog.builtIn(id), seed: seed, interval: interval, edit: edit)
    }

    /// `file` played in `mode`; with `carried`, the log carries the file's text, as a shift from `--scenario-file`'s does.
    init(
        file: ScenarioFile, mode: ChatShift.Mode = .guided, speller: (any SpellChecker)? = nil, carried: Bool = false, seed: UInt64,
        interval: Double, edit: (String) -> String = { $0 }
    ) throws {
        header = ChatLog.Header(scenario: file.id, scenarioText: carried ? file.sourceText : nil, mode: mode, seed: seed)
        shift = ChatShift(scenario: file.draw(seed: seed), mode: mode, speller: speller)
        var time = 0.0
        while !shift.isOver {
            let current = shift
            guard let (chat, customer) = current.chats.enumerated().lazy.compactMap({ chat, seated -> (Int, Int)? in
                guard let seated, case .waiting = current.customers[seated].status else { return nil }
                return (chat, seated)
            }).first else {
                guard let next = shift.nextHappening else { break }
                time = max(time, next)
                shift.advance(to: time)
                continue
            }
            let script = shift.customers[customer].script
            let reply = edit(TargetText.normaliseWhitespace(script.turns[shift.customers[customer].turn].reply.filled(with: script.details)))
            apply(.select(chat), at: time)
            for character in reply {
                time += interval
                apply(.type(character), at: time)
            }
            time += interval
            apply(.send, at: time)
        }
    }

    private mutating func apply(_ event: ChatShift.Event, at time: Double) {
        shift.apply(event, at: time)
        events.append((event, time))
    }

    var result: ChatResult { shift.result() }
    var log: String { ChatLog.text(header: header, events: events) }
}
