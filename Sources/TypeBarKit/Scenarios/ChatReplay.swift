import Foundation
import TypeBarCore
import TypeBarFormats

extension ChatLog {
    /// A chat log read back: its header, the scenario as drawn, and the shift replayed to its end.
    public struct Replayed: Sendable {
        public var header: Header
        public var scenario: ChatScenario
        public var shift: ChatShift
        public var events: [(event: ChatShift.Event, time: Double)]
    }

    /// Reads the log at `path` and replays the shift. Every problem names the file and line.
    public static func replay(path: String) throws(TypeBarError) -> Replayed {
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
        let scenario = file.draw(seed: header.seed)
        var shift = ChatShift(scenario: scenario, mode: header.mode, chats: header.chats)
        for (event, time) in events where !shift.isOver {
            shift.apply(event, at: time)
        }
        shift.finish()
        return Replayed(header: header, scenario: scenario, shift: shift, events: events)
    }
}
