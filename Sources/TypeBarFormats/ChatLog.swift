import Foundation
import TypeBarCore

/// The keystroke log of a chat shift (docs/chat.md, "The log"): format 1 with `"mode":"chat"` and the scenario,
/// chat mode and seed in the header; keystrokes as in any log, and chat events (`{"t":…,"chat":"send"}`,
/// `{"t":…,"chat":"select","to":2}`) between them. Replaying the events on the same scenario, seed and mode gives
/// the same shift, so `typebar score --keys` reports exactly the figures the results screen showed.
public enum ChatLog {
    /// What the header says about the shift.
    public struct Header: Sendable, Equatable {
        /// The built-in scenario id, or the path of the scenario file the shift was played from.
        public var scenario: String
        /// The scenario file's text, carried whole when it was not a built-in one, so the log replays anywhere.
        public var scenarioText: String?
        public var mode: ChatShift.Mode
        public var seed: UInt64
        /// Chats at once when `--chats` overrode the scenario's.
        public var chats: Int?
        /// Free metadata (candidate, assessment…), written back as given.
        public var metadata: [String: String] = [:]

        public init(scenario: String, scenarioText: String? = nil, mode: ChatShift.Mode, seed: UInt64, chats: Int? = nil, metadata: [String: String] = [:]) {
            self.scenario = scenario
            self.scenarioText = scenarioText
            self.mode = mode
            self.seed = seed
            self.chats = chats
            self.metadata = metadata
        }

        var keystrokeHeader: KeystrokeLogHeader {
            var fields = metadata
            fields["mode"] = "chat"
            fields["chat_scenario"] = scenario
            if let scenarioText { fields["chat_scenario_yaml"] = scenarioText }
            fields["chat_mode"] = mode.rawValue
            fields["chat_seed"] = String(seed)
            if let chats { fields["chat_chats"] = String(chats) }
            fields["typebar_version"] = TypeBarVersion.current
            return KeystrokeLogHeader(metadata: fields)
        }

        /// The chat header in a keystroke-log header; nil when the log is not of a chat shift.
        static func from(_ header: KeystrokeLogHeader, path: String) throws(TypeBarError) -> Header? {
            guard header.metadata["mode"] == "chat" else { return nil }
            func problem(_ text: String) -> TypeBarError { .badLine(path: path, line: 1, problem: text) }
            guard let scenario = header.metadata["chat_scenario"], !scenario.isEmpty else {
                throw problem("a chat log's header needs \"chat_scenario\" (a built-in scenario id)")
            }
            guard let modeName = header.metadata["chat_mode"], let mode = ChatShift.Mode(rawValue: modeName) else {
                throw problem("the header's \"chat_mode\" must be one of " + ChatShift.Mode.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))
            }
            guard let seedText = header.metadata["chat_seed"], let seed = UInt64(seedText) else {
                throw problem("the header's \"chat_seed\" must be a whole number from 0 to \(UInt64.max), written as a string")
            }
            var chats: Int?
            if let text = header.metadata["chat_chats"] {
                guard let number = Int(text), (1...ChatShift.maximumChats).contains(number) else {
                    throw problem("the header's \"chat_chats\" must be a number of chats from \"1\" to \"\(ChatShift.maximumChats)\"")
                }
                chats = number
            }
            var metadata = header.metadata
            for key in ["mode", "chat_scenario", "chat_scenario_yaml", "chat_mode", "chat_seed", "chat_chats", "typebar_version"] {
                metadata[key] = nil
            }
            return Header(scenario: scenario, scenarioText: header.metadata["chat_scenario_yaml"], mode: mode, seed: seed, chats: chats, metadata: metadata)
        }
    }

    /// The whole log as text.
    public static func text(header: Header, events: [(event: ChatShift.Event, time: Double)]) -> String {
        KeystrokeLog.text(header: header.keystrokeHeader, lines: events.map { eventLine($0.event, at: $0.time) })
    }

    /// One event line (no newline).
    public static func eventLine(_ event: ChatShift.Event, at time: Double) -> String {
        let t = jsonNumber(time)
        switch event {
        case .type(let character): return KeystrokeLog.eventLine(.character(character, at: time))
        case .backspace: return KeystrokeLog.eventLine(.backspace(at: time))
        case .wordBackspace: return KeystrokeLog.eventLine(.wordBackspace(at: time))
        case .tab: return #"{"t":\#(t),"chat":"tab"}"#
        case .send: return #"{"t":\#(t),"chat":"send"}"#
        case .select(let chat): return #"{"t":\#(t),"chat":"select","to":\#(chat + 1)}"#
        case .selectLongestWaiting(let target):
            guard let target else { return #"{"t":\#(t),"chat":"longest"}"# }
            return #"{"t":\#(t),"chat":"longest","first_reply_target":\#(jsonNumber(target))}"#
        case .leave: return #"{"t":\#(t),"chat":"leave"}"#
        case .pick(let shortcut, let query): return #"{"t":\#(t),"chat":"pick","reply":\#(jsonString(shortcut)),"query":\#(jsonString(query))}"#
        case .search(let query): return #"{"t":\#(t),"chat":"search","query":\#(jsonString(query))}"#
        case .escalate(let team, let note): return #"{"t":\#(t),"chat":"escalate","team":\#(jsonString(team)),"note":\#(jsonString(note))}"#
        case .close(let tag): return #"{"t":\#(t),"chat":"close","tag":\#(jsonString(tag))}"#
        }
    }

    /// Whether the log at `path` is a chat shift's (its header says `"mode":"chat"`). Reads only the first line.
    public static func isChatLog(path: String) throws(TypeBarError) -> Bool {
        let reader = try LineReader(path: path)
        var isChat = false
        try reader.forEachLine { (line, _) throws(TypeBarError) in
            if let header = try? KeystrokeLogHeader.parse(line, path: reader.displayName) {
                isChat = header.metadata["mode"] == "chat"
            }
            return false
        }
        return isChat
    }

    /// Reads the log at `path`: its header and its events, in order. Every problem names the file and line.
    public static func read(path: String) throws(TypeBarError) -> (header: Header, events: [(event: ChatShift.Event, time: Double)]) {
        let reader = try LineReader(path: path)
        let name = reader.displayName
        var header: Header?
        var events: [(event: ChatShift.Event, time: Double)] = []
        var lastTime: Double?
        var lastLine = 0
        try reader.forEachLine { (line, number) throws(TypeBarError) in
            if header == nil {
                let parsed = try KeystrokeLogHeader.parse(line, path: name)
                guard let chat = try Header.from(parsed, path: name) else {
                    throw .badLine(path: name, line: 1, problem: "not a chat shift's log: the header has no \"mode\":\"chat\"")
                }
                header = chat
                return true
            }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return true }
            let (event, time) = try decode(line, path: name, number: number)
            if let lastTime, time < lastTime {
                throw .badLine(path: name, line: number, problem: "\"t\" goes backwards (\(jsonNumber(time)) after \(jsonNumber(lastTime)) on line \(lastLine)); times never decrease")
            }
            lastTime = time
            lastLine = number
            events.append((event, time))
            return true
        }
        guard let header else { throw .badLine(path: name, line: 1, problem: "the log is empty; line 1 must be the header") }
        return (header, events)
    }

    /// Bounds on chat events (docs/chat.md): times up to a day of milliseconds, chats 1 to `maximumChats`, texts
    /// (queries, teams, tags, notes) up to 2,000 characters.
    static let maximumTime = 86_400_000.0
    static let maximumText = 2000

    private static func decode(_ line: UnsafeBufferPointer<UInt8>, path: String, number: Int) throws(TypeBarError) -> (ChatShift.Event, Double) {
        func problem(_ text: String) -> TypeBarError { .badLine(path: path, line: number, problem: text) }
        // Chat events carry "chat"; everything else is an ordinary keystroke line, read by the keystroke reader.
        let quotedChat: [UInt8] = Array("\"chat\"".utf8)
        let hasChat = line.count >= quotedChat.count && (0...(line.count - quotedChat.count)).contains { start in
            (0..<quotedChat.count).allSatisfy { line[start + $0] == quotedChat[$0] }
        }
        if !hasChat {
            switch EventLineScanner.event(from: line) {
            case .success(.keystroke(let keystroke)):
                guard keystroke.time <= maximumTime else { throw problem("\"t\" is \(jsonNumber(keystroke.time)); a chat shift's times run from 0 to \(jsonNumber(maximumTime)) ms (a day)") }
                switch keystroke.action {
                case .character(let character): return (.type(character), keystroke.time)
                case .backspace: return (.backspace, keystroke.time)
                case .wordBackspace: return (.wordBackspace, keystroke.time)
                }
            case .success(.session(_, let time)):
                throw problem("a chat log has no session events (at \(jsonNumber(time)) ms); remove the line")
            case .failure(let lineProblem):
                throw problem(lineProblem.message)
            }
        }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(buffer: line))) as? [String: Any] else {
            throw problem("expected a JSON object like {\"t\": 1200, \"chat\": \"send\"}")
        }
        guard let t = object["t"].flatMap(jsonNumericValue), t.isFinite, t >= 0, t <= maximumTime else {
            throw problem("\"t\" must be a number of milliseconds from 0 to \(jsonNumber(maximumTime)) (a day)")
        }
        guard let kind = object["chat"] as? String else { throw problem("\"chat\" must be a string: one of \(eventNames)") }
        if object["ch"] != nil || object["key"] != nil { throw problem("the line has \"chat\" and a keystroke; give one per line") }
        /// A text field of the event: a string of at most `maximumText` characters, without control characters.
        func text(_ name: String, allowEmpty: Bool = true) throws(TypeBarError) -> String {
            guard let value = object[name] as? String, value.count <= maximumText, allowEmpty || !value.isEmpty,
                  !value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
                throw problem("the \(kind) event needs \"\(name)\": text of \(allowEmpty ? "" : "1 to ")\(maximumText) characters at most, without control characters")
            }
            return value
        }
        switch kind {
        case "tab": return (.tab, t)
        case "send": return (.send, t)
        case "longest":
            // The target is optional: without one the event picks the longest wait alone, so a log that has none
            // replays as it was played.
            guard let value = object["first_reply_target"] else { return (.selectLongestWaiting(firstReplyTarget: nil), t) }
            guard let target = jsonNumericValue(value), target.isFinite, target > 0, target <= 86_400 else {
                throw problem("\"first_reply_target\" must be a number of seconds above 0 and at most 86400")
            }
            return (.selectLongestWaiting(firstReplyTarget: target), t)
        case "leave": return (.leave, t)
        case "select":
            guard let to = object["to"].flatMap(jsonNumericValue), to.rounded() == to, (1...Double(ChatShift.maximumChats)).contains(to) else {
                throw problem("a select event needs \"to\", the chat number from 1 to \(ChatShift.maximumChats)")
            }
            return (.select(Int(to) - 1), t)
        case "pick": return (.pick(try text("reply", allowEmpty: false), query: try text("query")), t)
        case "search": return (.search(try text("query")), t)
        case "escalate": return (.escalate(team: try text("team", allowEmpty: false), note: try text("note")), t)
        case "close": return (.close(tag: try text("tag", allowEmpty: false)), t)
        default:
            throw problem("unknown chat event \(quoted(kind)); the events are \(eventNames)")
        }
    }

    /// The chat events' names, for messages.
    static let eventNames = "tab, send, select, longest, leave, pick, search, escalate and close"
}

private let jsonBooleanType = type(of: NSNumber(value: true))

/// The number in a value from JSONSerialization; nil for anything else, booleans included
/// (Foundation hands both out as NSNumber).
func jsonNumericValue(_ value: Any) -> Double? {
    guard let number = value as? NSNumber, type(of: number) != jsonBooleanType else { return nil }
    return number.doubleValue
}
