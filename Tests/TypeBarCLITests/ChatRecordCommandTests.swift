import Foundation
import Testing

/// Scripted chat shifts kept with `typebar score --save`, then read back by `history`, `verify`, `score` and
/// `drill`, as a trainer's script would.
@Suite("Chat shifts in the history, end to end")
struct ChatRecordCommandTests {
    /// A one-customer shift, carried in the log's header so the log replays anywhere.
    static let scenario = oneRefundScenario(thanks: false)
    static let reply = "Hi Kim, the refund for #48213 is on its way."

    /// A chat log in which `typed` is typed from 1 s at `interval` ms a character, then sent.
    static func log(_ typed: String = reply, interval: Double = 150) throws -> String {
        let header: [String: String] = [
            "format": "typebar-keystrokes", "mode": "chat", "chat_scenario": "one-refund.yaml", "chat_scenario_yaml": scenario,
            "chat_mode": "guided", "chat_seed": "1",
        ]
        var headerObject: [String: Any] = header
        headerObject["version"] = 1
        var lines = [String(decoding: try JSONSerialization.data(withJSONObject: headerObject, options: [.sortedKeys]), as: UTF8.self)]
        var time = 1000.0
        for character in typed {
            let line = try JSONSerialization.data(withJSONObject: ["t": time, "ch": String(character)] as [String: Any], options: [.sortedKeys])
            lines.append(String(decoding: line, as: UTF8.self))
            time += interval
        }
        lines.append(#"{"t":\#(Int(time)),"chat":"send"}"#)
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("score --save keeps a scripted shift as mode chat with its log; history shows it, verify and a rescore agree")
    func saveScriptedShift() throws {
        let scratch = Scratch()
        let history = scratch.path("h/history.jsonl")
        let path = scratch.write("shift.jsonl", try Self.log())
        let saved = try typebar(["score", "--keys", path, "--save", "--history", history, "--json"])
        #expect(saved.status == 0, "\(saved.stdout)\(saved.stderr)")
        let scored = try jsonObject(saved.stdout)
        #expect(scored["meets_bar"] as? Bool == true)

        let listed = try typebar(["history", "--json", "--history", history])
        let records = try listed.stdout.split(separator: "\n").map { try jsonObject(String($0)) }
        let record = try #require(records.first)
        #expect(records.count == 1)
        #expect(record["mode"] as? String == "chat")
        #expect(record["meets_bar"] as? Bool == true)
        let chat = try #require(record["chat"] as? [String: Any])
        #expect(chat["scenario"] as? String == "one-refund.yaml")
        #expect(chat["served"] as? Int == 1 && chat["customers"] as? Int == 1)
        // 44 characters in 43 intervals of 150 ms and the send 150 ms after the last: (44 / 5) / (6.6 s / 60) = 80 net WPM.
        #expect(abs((record["net_wpm"] as? Double ?? 0) - 80) < 1e-9)
        #expect(record["net_wpm"] as? Double == (scored["chat"] as? [String: Any])?["net_wpm"] as? Double)

        // The kept copy rescores to the same figures, and verify finds nothing wrong.
        let copy = scratch.url.appendingPathComponent("h").appendingPathComponent(try #require(record["log"] as? String)).path
        #expect(try String(contentsOfFile: copy, encoding: .utf8) == (try Self.log()))
        let rescored = try typebar(["score", "--keys", copy, "--json"])
        #expect(rescored.stdout == saved.stdout)
        let verified = try typebar(["verify", "--history", history])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout.contains("checked 1 record in \(history): no problems"))
    }

    @Test("A chat log on standard input is scored and kept as a file would be")
    func standardInput() throws {
        let scratch = Scratch()
        let history = scratch.path("history.jsonl")
        let fromFile = try typebar(["score", "--keys", scratch.write("shift.jsonl", try Self.log()), "--json"])
        let piped = try typebar(["score", "--keys", "-", "--save", "--history", history, "--json"], input: try Self.log())
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(piped.stdout == fromFile.stdout)
        let records = try typebar(["history", "--json", "--history", history]).stdout.split(separator: "\n")
        #expect(records.count == 1 && records[0].contains(#""mode":"chat""#))

        // A damaged line on standard input is named as <stdin>, with its line.
        let damaged = try Self.log().replacingOccurrences(of: #""chat":"send""#, with: #""chat":"shout""#)
        let refused = try typebar(["score", "--keys", "-"], input: damaged)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("<stdin>:46: unknown chat event \"shout\""), "\(refused.stderr)")
        // So is a mistake in the scenario the log carries.
        let badScenario = try Self.log().replacingOccurrences(of: "chats: 1", with: "chats: 9")
        let named = try typebar(["score", "--keys", "-"], input: badScenario)
        #expect(named.status == 2)
        #expect(named.stderr.hasPrefix("typebar: <stdin>: chat_scenario_yaml:2: "), "\(named.stderr)")
    }

    @Test("A fast shift that sent a wrong order number says wrong-detail in the history's BAR column")
    func barColumn() throws {
        let scratch = Scratch()
        let history = scratch.path("history.jsonl")
        let wrong = Self.reply.replacingOccurrences(of: "#48213", with: "#48231")
        let saved = try typebar(["score", "--keys", scratch.write("shift.jsonl", try Self.log(wrong)), "--save", "--history", history])
        #expect(saved.status == 1, "\(saved.stdout)\(saved.stderr)")
        let table = try typebar(["history", "--history", history], environment: ["COLUMNS": "100"])
        let row = try #require(table.stdout.split(separator: "\n").dropFirst().first)
        #expect(row.contains("chat") && row.contains("wrong-detail"), "\(table.stdout)")
        #expect(!row.contains("below"))
    }

    @Test("After five chat shifts a drill works from their replies: no placement drill, five sessions read")
    func drillAfterShifts() throws {
        let scratch = Scratch()
        let history = scratch.path("history.jsonl")
        for index in 0..<5 {
            let run = try typebar(["score", "--keys", scratch.write("shift\(index).jsonl", try Self.log(interval: 150 + Double(index) * 10)), "--save", "--history", history])
            #expect(run.status == 0, "\(run.stderr)")
        }
        let drill = try typebar(["drill", "--print", "--json", "--history", history, "--seed", "4"])
        #expect(drill.status == 0, "\(drill.stderr)")
        let object = try jsonObject(drill.stdout)
        #expect(object["placement"] as? Bool == false)
        let read = try #require(object["history"] as? [String: Any])
        #expect(read["sessions_read"] as? Int == 5 && read["logs_read"] as? Int == 5)
        let text = try typebar(["drill", "--print", "--history", history, "--seed", "4"])
        #expect(!text.stdout.contains("No history yet"), "\(text.stdout)")
    }
}
