import Foundation
import PropertyBased
import Testing
import TestSupport
@testable import TypeBarCore
@testable import TypeBarKit

/// The built-in scenarios, read once for every test here.
private let scenarios = try! ScenarioCatalog.all()

/// A drill of the built-in replies played by script: the first draft fixed by retyping its answer over it, the
/// second submitted untouched.
private func played(seed: UInt64) -> (ProofreadLog.Header, [String], ProofreadResult) {
    let drafts = ProofreadGenerator.drafts(count: 2, from: ProofreadMaterials.drawn(scenarios, seed: seed), seed: seed)
    let header = ProofreadLog.Header(drafts: drafts, seed: seed, targetSeconds: 30)
    var run = ProofreadRun(drafts: drafts)
    var lines: [String] = []
    func apply(_ event: ProofreadRun.Event, _ time: Double) {
        try! run.apply(event, at: time)
        lines.append(ProofreadLog.eventLine(event, at: time))
    }
    apply(.moveTo(drafts[0].draft.count), 1_000)
    var time = 2_000.0
    for _ in 0..<drafts[0].draft.count {
        apply(.backspace, time)
        time += 20
    }
    for character in drafts[0].answer {
        apply(.insert(character), time)
        time += 90
    }
    apply(.submit, time + 500)
    apply(.submit, time + 30_000)
    return (header, lines, run.result(targetSeconds: 30))
}

@Suite("Proofreading drafts from the built-in replies")
struct ProofreadMaterialTests {
    @Test("Over many seeds every draft plants exactly the errors it lists, and a wrong detail differs from the message")
    func plants() async {
        await propertyCheck(count: 60, input: Gen.uint64(in: 0...1_000_000)) { seed in
            let materials = ProofreadMaterials.drawn(scenarios, seed: seed)
            let drafts = ProofreadGenerator.drafts(count: 5, from: materials, seed: seed)
            #expect(drafts.count == 5)
            #expect(Set(drafts.map(\.source)).count == 5, "no reply twice in a drill")
            for draft in drafts {
                #expect(draft.problem == nil, "seed \(seed): \(draft.problem ?? "")")
                #expect((1...4).contains(draft.errors.count))
                #expect(draft.answer != draft.draft)
                let untouched = ProofreadMarking(draft: draft, final: draft.draft)
                #expect(untouched.fixedCount == 0 && untouched.introduced.isEmpty)
                #expect(ProofreadMarking(draft: draft, final: draft.answer).fixed.allSatisfy { $0 })
                for error in draft.errors where error.kind == .wrongDetail {
                    #expect(draft.message.contains(error.answerText), "the customer's value is the answer's")
                    #expect(!draft.message.contains(error.draftText), "the draft's value differs from the message's")
                }
            }
        }
    }

    @Test("Every kind of error turns up, and every built-in scenario gives replies")
    func coverage() {
        var kinds = Set<ProofreadError.Kind>()
        for seed in UInt64(0)..<40 {
            for draft in ProofreadGenerator.drafts(count: 5, from: ProofreadMaterials.drawn(scenarios, seed: seed), seed: seed) {
                kinds.formUnion(draft.errors.map(\.kind))
            }
        }
        #expect(kinds == Set(ProofreadError.Kind.allCases))
        let materials = ProofreadMaterials.drawn(scenarios, seed: 1)
        for scenario in scenarios {
            #expect(materials.contains { $0.source.hasPrefix(scenario.id + ",") }, "\(scenario.id)")
        }
    }

    @Test("The same seed draws the same drafts from the built-in replies")
    func deterministic() throws {
        let one = ProofreadGenerator.drafts(count: 5, from: try ProofreadMaterials.builtIn(seed: 41), seed: 41)
        let two = ProofreadGenerator.drafts(count: 5, from: try ProofreadMaterials.builtIn(seed: 41), seed: 41)
        #expect(one == two)
        #expect(one != ProofreadGenerator.drafts(count: 5, from: try ProofreadMaterials.builtIn(seed: 42), seed: 42))
    }
}

@Suite("Proofreading drills in logs and the history")
struct ProofreadHistoryTests {
    @Test("A recorded drill replays to exactly the figures it was played to")
    func replay() throws {
        let (header, lines, result) = played(seed: 7)
        let scratch = Scratch()
        let path = scratch.write("drill.jsonl", ProofreadLog.text(header: header, lines: lines))
        let replayed = try ProofreadReplay.replay(path: path)
        #expect(replayed.result == result)
        #expect(result.drafts[0].fixed == result.drafts[0].planted)
        #expect(result.drafts[1].fixed == 0)
        // An event the drill cannot take is refused with its line.
        let bad = scratch.write("bad.jsonl", ProofreadLog.text(header: header, lines: [#"{"t":5,"cursor":900}"#]))
        #expect(throws: TypeBarError.badLine(path: bad, line: 2, problem: "the cursor cannot go to 900: the text has \(header.drafts[0].draft.count) characters (0 to \(header.drafts[0].draft.count))")) {
            try ProofreadReplay.replay(path: bad)
        }
    }

    @Test("The record maps the drill's figures onto the shared fields as docs/history.md says")
    func record() {
        let (_, _, result) = played(seed: 7)
        let record = SessionKeeper.record(of: .proofread(result, seed: 7), at: 1_764_590_400)
        #expect(record.mode == .drill)
        #expect(record.group == "drill proofread")
        #expect(record.accuracy == result.fixedPercent)
        #expect(record.uncorrectedErrors == result.missed + result.introduced)
        #expect(record.correctedErrors == result.fixed)
        #expect(record.netWPM == 0 && record.grossWPM == 0)
        #expect(record.elapsedSeconds == result.seconds)
        #expect(record.meetsBar == false)
        #expect(record.verdict == result.verdict)
        #expect(record.proofread?.planted == result.planted)
        let table = HistoryTable.text([record], width: 100, utcOffset: 0)
        #expect(table[1].contains("drill proofread"))
        #expect(table[1].contains("–"))
        #expect(table[1].contains("missed \(result.missed)"))
    }

    @Test("A kept drill verifies; its log changed, the figures no longer match; stats leave it out of the speeds")
    func verify() throws {
        let (header, lines, result) = played(seed: 11)
        let scratch = Scratch()
        let file = HistoryFile(path: scratch.path("history.jsonl"))
        let log = ProofreadLog.text(header: header, lines: lines)
        let (saved, problems) = file.save(HistoryRecord(id: "20261201-120000-abcd", time: 1_764_590_400, proofread: result, seed: 11), log: log)
        #expect(problems.isEmpty)
        #expect(HistoryAudit.check(saved, in: file, key: nil, spellers: .unavailable("not a chat shift")).problems.isEmpty)
        // The last submit a minute later: the time differs.
        let path = try #require(file.logPath(of: saved))
        var changed = log.split(separator: "\n").map(String.init)
        changed[changed.count - 1] = #"{"t":9000000,"proofread":"submit"}"#
        try (changed.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let found = HistoryAudit.check(saved, in: file, key: nil, spellers: .unavailable("not a chat shift")).problems
        #expect(found.contains(HistoryAudit.Problem.logChanged))
        #expect(found.contains { if case .figuresDiffer = $0 { true } else { false } })
        let stats = try HistoryStats.gather(from: file)
        #expect(stats.progress.sessions.isEmpty)
    }
}
