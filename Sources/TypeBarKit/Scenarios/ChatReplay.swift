import TypeBarCore
import TypeBarFormats

extension ChatLog {
    /// A chat log read back: its header, the scenario as drawn with the header's seed, and the agent's events.
    public struct Recorded: Sendable {
        public var header: Header
        public var scenario: ChatScenario
        public var events: [(event: ChatShift.Event, time: Double)]

        /// The shift the events make, played to its end: what a rescore and an audit judge. (The chat desk's replay
        /// plays the same events on its own clock instead.) A free-mode shift needs the `speller` the desk had, or
        /// its replies' spelling goes unchecked and their points differ (`SpellerSource`).
        public func replayed(speller: (any SpellChecker)?) -> ChatShift {
            var shift = ChatShift(scenario: scenario, mode: header.mode, chats: header.chats, speller: speller)
            for (event, time) in events where !shift.isOver {
                shift.apply(event, at: time)
            }
            shift.finish()
            return shift
        }
    }

    /// A chat log read back and its shift played to the end.
    public struct Replayed: Sendable {
        public var header: Header
        public var scenario: ChatScenario
        public var shift: ChatShift
    }

    /// Reads the log at `path` and draws its scenario. Every problem names the file and line.
    public static func load(path: String) throws(TypeBarError) -> Recorded {
        let (header, events) = try read(path: path)
        let name = path == "-" ? "<stdin>" : path
        let file: ScenarioFile
        if let text = header.scenarioText {
            file = try ScenarioFile.parse(text, path: "\(name): chat_scenario_yaml", id: header.scenario, canned: ScenarioCatalog.cannedReplies())
        } else {
            do {
                file = try ScenarioCatalog.builtIn(header.scenario)
            } catch {
                throw .badLine(path: name, line: 1, problem: "\"chat_scenario\": \(error.description)")
            }
        }
        return Recorded(header: header, scenario: file.draw(seed: header.seed), events: events)
    }

    /// Reads the log at `path` and replays the shift to its end, a free-mode shift with the checker `spellers`
    /// gives (a missing dictionary is its error).
    public static func replay(path: String, spellers: SpellerSource) throws(TypeBarError) -> Replayed {
        let recorded = try load(path: path)
        let speller = try spellers.speller(for: recorded.header.mode)
        return Replayed(header: recorded.header, scenario: recorded.scenario, shift: recorded.replayed(speller: speller))
    }
}
