import Testing
import TestSupport
import TypeBarCore
@testable import TypeBarFormats

/// Every chat event written to a log line reads back as the same event at the same time, texts with quotes,
/// backslashes and non-ASCII letters included.
@Suite("Chat log events round-trip")
struct ChatLogEventTests {
    static let events: [ChatShift.Event] = [
        .type("é"), .backspace, .wordBackspace, .tab, .send, .select(5), .selectLongestWaiting(firstReplyTarget: nil), .selectLongestWaiting(firstReplyTarget: 60), .leave,
        .pick("dup", query: "charged twice"), .pick("which", query: ""), .search("refund \"over\" $500"),
        .escalate(team: "billing", note: "Order #59530: refund of $620 promised \\ still owed"), .close(tag: "shipping"),
    ]

    @Test("Each event, written and read back, is the same event")
    func roundTrip() throws {
        let scratch = Scratch()
        let header = ChatLog.Header(scenario: "warm-up-double-charge", mode: .desk, seed: 7, chats: 6)
        let events = ChatLogEventTests.events.enumerated().map { (event: $0.element, time: Double($0.offset) * 250.5) }
        let path = scratch.write("desk.jsonl", ChatLog.text(header: header, events: events))
        let (read, back) = try ChatLog.read(path: path)
        #expect(read == header)
        #expect(back.map(\.event) == events.map(\.event))
        #expect(back.map(\.time) == events.map(\.time))
    }

    @Test("The new events' lines are the documented JSON")
    func lines() {
        #expect(ChatLog.eventLine(.pick("dup", query: "charged"), at: 1200) == #"{"t":1200,"chat":"pick","reply":"dup","query":"charged"}"#)
        #expect(ChatLog.eventLine(.escalate(team: "billing", note: "#59530"), at: 5) == ##"{"t":5,"chat":"escalate","team":"billing","note":"#59530"}"##)
        #expect(ChatLog.eventLine(.close(tag: "shipping"), at: 9) == #"{"t":9,"chat":"close","tag":"shipping"}"#)
        #expect(ChatLog.eventLine(.search("x"), at: 1) == #"{"t":1,"chat":"search","query":"x"}"#)
    }
}
