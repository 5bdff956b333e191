import Testing
import TestSupport
import TypeBarCore
@testable import TypeBarFormats

private let draft = ProofreadDraft(
    source: "refund-requests, customer 1, turn 1", customer: "Maya", message: "Where is my \"refund\" of $45.20?",
    draft: "Hi Maya, I have refunded $45.70 to your card. It will show in 3 to 5 workign days.",
    answer: "Hi Maya, I have refunded $45.20 to your card. It will show in 3 to 5 working days.",
    errors: [
        ProofreadError(kind: .wrongDetail, draftStart: 25, draftText: "$45.70", answerStart: 25, answerText: "$45.20", detail: "amount"),
        ProofreadError(kind: .misspelling, draftStart: 69, draftText: "workign", answerStart: 69, answerText: "working"),
    ])

@Suite("Proofreading logs")
struct ProofreadLogTests {
    @Test("A header and every kind of event, written and read back, are the same")
    func roundTrip() throws {
        #expect(draft.problem == nil)
        let scratch = Scratch()
        let header = ProofreadLog.Header(drafts: [draft], seed: 18_446_744_073_709_551_615, targetSeconds: 30, metadata: ["candidate": "Ana Ruiz"])
        let events: [(ProofreadRun.Event, String?)] = [(.moveTo(29), "right"), (.delete, nil), (.insert("é"), nil), (.backspace, nil), (.insert("\""), nil), (.wordBackspace, nil), (.moveTo(0), nil), (.submit, nil)]
        let lines = events.enumerated().map { ProofreadLog.eventLine($0.element.0, at: Double($0.offset) * 250.5, by: $0.element.1) }
        let path = scratch.write("proofread.jsonl", ProofreadLog.text(header: header, lines: lines))
        #expect(try ProofreadLog.isProofreadLog(path: path))
        let (read, back) = try ProofreadLog.read(path: path)
        #expect(read == header)
        #expect(back.map(\.event) == events.map(\.0))
        #expect(back.map(\.by) == events.map(\.1))
        #expect(back.map(\.number) == Array(2...9))
        #expect(lines[0] == #"{"t":0,"cursor":29,"by":"right"}"#)
        #expect(lines[1] == #"{"t":250.5,"key":"delete"}"#)
        #expect(lines[7] == #"{"t":1753.5,"proofread":"submit"}"#)
    }

    @Test("Bad headers and events are refused with the file, the line and what is wrong")
    func refusals() throws {
        let scratch = Scratch()
        let good = ProofreadLog.Header(drafts: [draft], seed: 4, targetSeconds: 30).jsonLine
        func problem(_ text: String) -> String {
            let path = scratch.write("bad.jsonl", text)
            do {
                _ = try ProofreadLog.read(path: path)
                return "read"
            } catch {
                return error.description.replacing(path, with: "FILE")
            }
        }
        #expect(problem(good.replacing("\"target_seconds\":30", with: "\"target_seconds\":2") + "\n")
            == "FILE:1: the header's \"target_seconds\" must be a number of seconds from 5 to 600")
        #expect(problem(good.replacing("\"draft_start\":69", with: "\"draft_start\":68") + "\n")
            == "FILE:1: drafts[0].errors[1].draft_end must be draft_start plus the characters of draft_text (75)")
        #expect(problem(good.replacing("\"draft_start\":69,\"draft_end\":76", with: "\"draft_start\":68,\"draft_end\":75") + "\n")
            == "FILE:1: drafts[0]: error 2: the draft does not read \"workign\" at 68")
        #expect(problem(good.replacing("\"drill_kind\":\"proofread\"", with: "\"drill_kind\":\"letters\"") + "\n")
            == "FILE:1: not a proofreading drill's log: the header has no \"mode\":\"drill\" with \"drill_kind\":\"proofread\"")
        #expect(problem(good + "\n" + #"{"t":5,"key":"tab"}"# + "\n")
            == "FILE:2: unknown key; the keys are \"backspace\", \"delete\" and \"word-backspace\"")
        #expect(problem(good + "\n\n" + #"{"t":5,"ch":"ab"}"# + "\n") == "FILE:3: \"ch\" must hold exactly one character")
        #expect(problem(good + "\n" + #"{"t":5,"cursor":3,"ch":"a"}"# + "\n")
            == "FILE:2: an event has \"t\" and exactly one of \"ch\", \"key\", \"cursor\" or \"proofread\"")
        #expect(problem(good + "\n" + #"{"t":5,"cursor":1.5}"# + "\n") == "FILE:2: \"cursor\" must be a whole number of characters from 0 to 4000")
        #expect(problem(good + "\n" + #"{"t":-1,"proofread":"submit"}"# + "\n") == "FILE:2: \"t\" must be a number of milliseconds from 0 to 86400000 (a day)")
        #expect(problem(good + "\n" + #"{"t":5,"event":"paste","characters":3}"# + "\n") == "FILE:2: a proofreading log has no session events; remove the line")
        #expect(problem("") == "FILE:1: the log is empty; line 1 must be the header")
    }

    @Test("A proofreading drill's figures in a history record read back as written")
    func summary() throws {
        var record = HistoryRecord()
        record.id = "20261201T100000-abcdef12"
        record.mode = .drill
        record.passages = ["proofread"]
        record.proofread = ProofreadSummary(seed: "41", drafts: 5, submitted: 4, planted: 11, fixed: 9, introduced: 2, secondsPerDraft: 24.25, targetSeconds: 30)
        let line = Array(record.jsonLine.utf8)
        for detail in [HistoryDetail.full, .summary] {
            let back = try line.withUnsafeBufferPointer { try HistoryLine.record(from: $0, detail: detail).get() }
            #expect(back.proofread == record.proofread)
        }
        #expect(record.jsonLine.contains(#""proofread":{"seed":"41","drafts":5,"submitted":4,"planted":11,"fixed":9,"introduced":2,"seconds_per_draft":24.25,"target_seconds":30}"#))
        #expect(record.group == "drill proofread")
        let damaged = Array(record.jsonLine.replacing("\"fixed\":9", with: "\"fixed\":12").utf8)
        let problem = damaged.withUnsafeBufferPointer { HistoryLine.record(from: $0) }
        #expect(problem == .failure(.damaged("\"proofread\": \"fixed\" must be a whole number from 0 to 11")))
    }
}
