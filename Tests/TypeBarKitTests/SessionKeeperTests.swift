import Foundation
import Testing
import TestSupport
@testable import TypeBarKit

/// The one place a finished session is kept: `--record` numbering, the history record, and what is said when
/// something cannot be written.
@Suite("Keeping finished sessions")
struct SessionKeeperTests {
    let scratch = Scratch()

    /// A scored typing result: the worked example of docs/scoring.md.
    func typingSession() throws -> (SessionKeeper.Session, String) {
        let path = scratch.write("example.jsonl", workedExample)
        let scored = try KeystrokeLog.score(path: path)
        let session = SessionKeeper.Session.typing(
            scored.result, mode: .practice, bar: HiringBar(), text: scored.target.text, passages: ["billing/x"], timeLimit: nil)
        return (session, workedExample)
    }

    @Test("FILE, FILE-2, FILE-3… with the extension kept last, and names without one")
    func numbering() {
        #expect(SessionKeeper.Recording.numbered("run.jsonl", 1) == "run.jsonl")
        #expect(SessionKeeper.Recording.numbered("run.jsonl", 2) == "run-2.jsonl")
        #expect(SessionKeeper.Recording.numbered("logs/run.v1.jsonl", 3) == "logs/run.v1-3.jsonl")
        #expect(SessionKeeper.Recording.numbered("run", 4) == "run-4")
    }

    @Test("Without --force nothing is replaced: FILE is refused before the screen, a later number that exists is skipped")
    func neverReplaces() throws {
        let results = HistoryFile(path: scratch.path("history.jsonl"))
        scratch.write("rec.jsonl", "mine\n")
        let refused = SessionKeeper(results: results, recording: .init(path: scratch.path("rec.jsonl"), replaces: false))
        #expect(throws: TypeBarError.self) { try refused.checkRecording() }

        scratch.write("new-2.jsonl", "mine\n")
        let keeper = SessionKeeper(results: results, recording: .init(path: scratch.path("new.jsonl"), replaces: false))
        try keeper.checkRecording()
        #expect(keeper.record(log: "one\n") == "keystrokes saved to \(scratch.path("new.jsonl"))")
        #expect(keeper.record(log: "two\n") == "keystrokes saved to \(scratch.path("new-3.jsonl"))")
        #expect(keeper.record(log: "three\n") == "keystrokes saved to \(scratch.path("new-4.jsonl"))")
        #expect(scratch.read("new-2.jsonl") == "mine\n")
        #expect(scratch.read("new-3.jsonl") == "two\n")
        #expect(!keeper.hasFailures)
    }

    @Test("With --force each number is written in turn, replacing what was there")
    func forceReplaces() throws {
        scratch.write("rec.jsonl", "old\n")
        scratch.write("rec-2.jsonl", "old\n")
        let keeper = SessionKeeper(results: HistoryFile(path: scratch.path("history.jsonl")), recording: .init(path: scratch.path("rec.jsonl"), replaces: true))
        try keeper.checkRecording()
        _ = keeper.record(log: "one\n")
        _ = keeper.record(log: "two\n")
        #expect(scratch.read("rec.jsonl") == "one\n")
        #expect(scratch.read("rec-2.jsonl") == "two\n")
    }

    @Test("A log that cannot be written is said on screen and after, and counts as a failure")
    func recordFailure() {
        let keeper = SessionKeeper(results: HistoryFile(path: scratch.path("history.jsonl")), recording: .init(path: scratch.path("no/such/folder/rec.jsonl"), replaces: false))
        let note = keeper.record(log: "one\n")
        #expect(note?.hasPrefix("keystrokes saved nowhere: ") == true)
        #expect(keeper.hasFailures)
        #expect(keeper.messages().count == 1)
        #expect(keeper.messages()[0].hasPrefix("typebar: "))
    }

    @Test("A kept session is a history record with its log beside it, at the keeper's time")
    func keeps() throws {
        let (session, log) = try typingSession()
        let keeper = SessionKeeper(results: HistoryFile(path: scratch.path("history.jsonl")), now: { 1_764_590_400 })
        let kept = keeper.keep(session, log: log)
        #expect(kept.isKept)
        #expect(kept.record.mode == .practice)
        #expect(kept.record.time == 1_764_590_400)
        #expect(kept.record.passages == ["billing/x"])
        #expect(kept.note == "saved to history as \(HistoryTable.shortID(kept.record.id))")
        #expect(keeper.messages().isEmpty)
        #expect(keeper.messages(everything: true) == ["typebar: saved to \(scratch.path("history.jsonl")) as \(HistoryTable.shortID(kept.record.id))"])
        let (records, _) = try HistoryFile(path: scratch.path("history.jsonl")).records()
        #expect(records.map(\.id) == [kept.record.id])
        #expect(records[0].logHash == HistoryRecord.sha256(log))
    }

    @Test("A result that cannot be kept is printed whole afterwards, so it is not lost")
    func unkeptResultIsPrinted() throws {
        let (session, log) = try typingSession()
        scratch.write("blocked", "a file where the history's folder should be\n")
        let keeper = SessionKeeper(results: HistoryFile(path: scratch.path("blocked/history.jsonl")))
        let kept = keeper.keep(session, log: log)
        #expect(!kept.isKept)
        #expect(kept.note.hasPrefix("NOT saved to the history: "))
        #expect(keeper.hasFailures)
        let messages = keeper.messages()
        #expect(messages.last == kept.record.jsonLine)
        #expect(messages.dropLast().last?.contains("its record follows") == true)
    }
}
