import Foundation
import Testing

/// The drafts `typebar drill --kind proofread --print --json` gives for `seed`.
func proofreadDrafts(seed: Int, drafts: Int) throws -> [[String: Any]] {
    let run = try typebar(["drill", "--kind", "proofread", "--print", "--json", "--seed", "\(seed)", "--drafts", "\(drafts)"])
    #expect(run.status == 0, "\(run.stderr)")
    return try jsonObject(run.stdout)["drafts"] as? [[String: Any]] ?? []
}

/// The keys that fix every error of `draft` from the end of its text: for each error, last first, Left to its
/// end, Backspace over its draft text, then its answer text typed. As (tmux key or literal text, count) steps.
func fixingSteps(_ draft: [String: Any]) -> [(key: String, literal: Bool, count: Int)] {
    let text = draft["draft"] as? String ?? ""
    var cursor = text.count
    var steps: [(key: String, literal: Bool, count: Int)] = []
    for error in (draft["errors"] as? [[String: Any]] ?? []).reversed() {
        let end = error["draft_end"] as? Int ?? 0
        let draftText = error["draft_text"] as? String ?? ""
        let answerText = error["answer_text"] as? String ?? ""
        if cursor > end { steps.append(("Left", false, cursor - end)) }
        if !draftText.isEmpty { steps.append(("BSpace", false, draftText.count)) }
        if !answerText.isEmpty { steps.append((answerText, true, 1)) }
        cursor = end - draftText.count + answerText.count
    }
    return steps
}

@Suite("typebar drill --kind proofread without a screen")
struct ProofreadCommandTests {
    @Test("--print --json shows each draft, its message, its planted errors and its answer; the same seed, the same drafts")
    func printJSON() throws {
        let run = try typebar(["drill", "--kind", "proofread", "--print", "--json", "--seed", "12"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try jsonObject(run.stdout)
        #expect(json["kind"] as? String == "proofread")
        #expect(json["seed"] as? String == "12")
        #expect(json["target_seconds"] as? Double == 30)
        let drafts = try #require(json["drafts"] as? [[String: Any]])
        #expect(drafts.count == 5)
        for draft in drafts {
            let text = Array(try #require(draft["draft"] as? String))
            let answer = Array(try #require(draft["answer"] as? String))
            #expect(draft["message"] is String && draft["source"] is String)
            let errors = try #require(draft["errors"] as? [[String: Any]])
            #expect((1...4).contains(errors.count))
            for error in errors {
                let start = try #require(error["draft_start"] as? Int), end = try #require(error["draft_end"] as? Int)
                #expect(String(text[start..<end]) == error["draft_text"] as? String)
                let answerStart = try #require(error["answer_start"] as? Int), answerEnd = try #require(error["answer_end"] as? Int)
                #expect(String(answer[answerStart..<answerEnd]) == error["answer_text"] as? String)
                #expect(["misspelling", "wrong-detail", "tone-slip", "missing-word"].contains(error["kind"] as? String ?? ""))
            }
        }
        #expect(try typebar(["drill", "--kind", "proofread", "--print", "--json", "--seed", "12"]).stdout == run.stdout)
        let text = try typebar(["drill", "--kind", "proofread", "--print", "--seed", "12", "--drafts", "1", "--draft-seconds", "45"])
        #expect(text.stdout.hasPrefix("drill · proofread · 1 draft · target 45 s a draft · seed 12\n"))
        #expect(text.stdout.contains("Answer: "))
    }

    @Test("Options that do not fit a proofreading drill are refused with what to give instead", arguments: [
        (["--kind", "proofread", "--drafts", "0"], "--drafts must be from 1 to 20."),
        (["--kind", "proofread", "--draft-seconds", "3"], "--draft-seconds must be from 5 to 600 seconds a draft."),
        (["--kind", "proofread", "--focus", "b"], "--focus does not apply to --kind proofread."),
        (["--kind", "proofread", "--print", "--words", "4"], "--words does not apply to --kind proofread: give --drafts N."),
        (["--kind", "proofread", "--minutes", "3"], "--minutes does not apply to --kind proofread: give --drafts N."),
        (["--kind", "proofread", "--target", "50"], "--target is a typing speed; with --kind proofread give --draft-seconds S."),
        (["--kind", "proofread", "--hide-live"], "--hide-live, --show-live, --pace, --ghost, --bar, --min-accuracy and --passages do not apply to --kind proofread."),
        (["--drafts", "3"], "--drafts and --draft-seconds go with --kind proofread."),
    ])
    func refused(arguments: [String], message: String) throws {
        let run = try typebar(["drill"] + arguments)
        #expect(run.status == 64 || run.status == 2, "\(run.status)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    @Test("typebar score rescores a scripted drill; a damaged line is FILE:LINE and exit 2")
    func score() throws {
        let scratch = Scratch()
        let drafts = try proofreadDrafts(seed: 3, drafts: 2)
        let header = #"{"format":"typebar-keystrokes","version":1,"mode":"drill","drill_kind":"proofread","drill_seed":"3","target_seconds":30,"drafts":"#
            + String(decoding: try JSONSerialization.data(withJSONObject: drafts), as: UTF8.self) + "}"
        // The first draft fixed by script, the second submitted untouched.
        var lines = [header]
        var time = 1000.0
        var cursor = (drafts[0]["draft"] as? String ?? "").count
        lines.append(#"{"t":500,"cursor":\#(cursor),"by":"end"}"#)
        for step in fixingSteps(drafts[0]) {
            for _ in 0..<step.count {
                time += 100
                if step.literal {
                    for character in step.key {
                        let data = try JSONSerialization.data(withJSONObject: [String(character)])
                        let quoted = String(decoding: data, as: UTF8.self).dropFirst().dropLast()
                        lines.append(#"{"t":\#(time),"ch":\#(quoted)}"#)
                        time += 100
                        cursor += 1
                    }
                } else if step.key == "Left" {
                    cursor -= 1
                    lines.append(#"{"t":\#(time),"cursor":\#(cursor),"by":"left"}"#)
                } else {
                    cursor -= 1
                    lines.append(#"{"t":\#(time),"key":"backspace"}"#)
                }
            }
        }
        lines.append(#"{"t":20000,"proofread":"submit"}"#)
        lines.append(#"{"t":50000,"proofread":"submit"}"#)
        let path = scratch.write("drill.jsonl", lines.joined(separator: "\n") + "\n")
        let run = try typebar(["score", "--keys", path, "--json"])
        #expect(run.status == 1, "\(run.stderr)")
        let proofread = try #require(try jsonObject(run.stdout)["proofread"] as? [String: Any])
        let details = try #require(proofread["draft_details"] as? [[String: Any]])
        #expect(details[0]["fixed"] as? Int == details[0]["planted"] as? Int)
        #expect(details[0]["final"] as? String == drafts[0]["answer"] as? String)
        #expect(details[0]["introduced"] as? Int == 0)
        #expect(details[1]["fixed"] as? Int == 0)
        #expect(proofread["seconds"] as? Double == 50)
        #expect(proofread["seconds_per_draft"] as? Double == 25)
        let text = try typebar(["score", "--keys", path])
        #expect(text.stdout.contains("Draft 1 · 20.0 s · fixed"))
        #expect(text.stdout.contains("Verdict: fixed"))

        let bad = scratch.write("bad.jsonl", header + "\n" + #"{"t":5,"cursor":5000}"# + "\n")
        let refused = try typebar(["score", "--keys", bad])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("bad.jsonl:2: \"cursor\" must be a whole number of characters from 0 to 4000"), "\(refused.stderr)")
        let none = scratch.write("none.jsonl", header + "\n")
        #expect(try typebar(["score", "--keys", none]).stderr.contains("no draft was submitted"))
    }
}

@Suite("The proofreading drill end to end in tmux", .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct ProofreadScreenEndToEndTests {
    @Test("Fix a draft with the arrows, Backspace and typing, submit another untouched, see the results, rescore the log")
    func fixSubmitRescore() throws {
        let drafts = try proofreadDrafts(seed: 8, drafts: 2)
        let tmux = try Tmux("true")
        let history = tmux.scratch.url.appendingPathComponent("history.jsonl").path
        try tmux.tmux(["respawn-pane", "-k", "cd \(tmux.scratch.url.path) && LANG=C.UTF-8 TYPEBAR_HISTORY=history.jsonl \(typebarBinary.path) drill --kind proofread --seed 8 --drafts 2 --record rec.jsonl; sleep 60"])
        let first = try #require(tmux.waitFor("The draft reply"), "no drill screen: \(tmux.screen())")
        #expect(first.contains("typebar · drill · proofread · seed 8 · draft 1 of 2"), "\(first)")
        #expect(first.contains("wrote:"))
        // Down past the last line puts the cursor at the end; then each error, last first.
        try tmux.tmux(["send-keys", "-N", "12", "Down"])
        for step in fixingSteps(drafts[0]) {
            if step.literal {
                try tmux.type(step.key)
            } else {
                try tmux.tmux(["send-keys", "-N", "\(step.count)", step.key])
            }
        }
        Thread.sleep(forTimeInterval: 0.3)
        let fixed = tmux.screen()
        let answerStart = String((drafts[0]["answer"] as? String ?? "").prefix(20))
        #expect(fixed.contains(answerStart), "\(fixed)")
        try tmux.keys("Enter")
        try #require(tmux.waitFor("draft 2 of 2 ·") != nil, "\(tmux.screen())")
        try tmux.keys("Enter")
        let results = try #require(tmux.waitFor("q quit"), "no results: \(tmux.screen())")
        let planted = (drafts[0]["errors"] as? [Any])?.count ?? 0
        #expect(results.contains("fixed \(planted) of \(planted)"), "\(results)")
        #expect(results.contains("Draft 2 ·"), "\(results)")
        #expect(results.contains("saved to history as"), "\(results)")
        try tmux.type("q")

        // The log rescored gives what the screen kept: the history's figures, to the last digit.
        let log = try #require(tmux.waitForFile("rec.jsonl"))
        #expect(log.contains(#""drill_kind":"proofread""#))
        #expect(log.contains(#""by":"down""#) && log.contains(#""key":"backspace""#))
        let rescored = try typebar(["score", "--keys", tmux.scratch.url.appendingPathComponent("rec.jsonl").path, "--json"])
        let proofread = try #require(try jsonObject(rescored.stdout)["proofread"] as? [String: Any])
        let records = try typebar(["history", "--json", "--history", history]).stdout.split(separator: "\n").compactMap { try? jsonObject(String($0)) }
        let kept = try #require(records.last?["proofread"] as? [String: Any])
        for key in ["planted", "fixed", "introduced", "submitted"] { #expect(kept[key] as? Int == proofread[key] as? Int, "\(key)") }
        #expect(kept["seconds_per_draft"] as? Double == proofread["seconds_per_draft"] as? Double)
        #expect(records.last?["elapsed_seconds"] as? Double == proofread["seconds"] as? Double)
        #expect(proofread["fixed"] as? Int == planted)
        let pace = try #require(proofread["seconds_per_draft"] as? Double)
        #expect(results.contains(String(format: "%.1f s a draft", (pace * 10).rounded(.down) / 10)) || results.contains(String(format: "%.1f s a draft", pace)), "\(results)")
        // The history lists it as a proofreading drill; verify finds nothing wrong.
        let table = try typebar(["history", "--history", history])
        #expect(table.stdout.contains("drill proofread"), "\(table.stdout)")
        let verified = try typebar(["verify", "--history", history])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        // And it plays back on the drill's screen, to the same results.
        let id = String((records.last?["id"] as? String ?? "").suffix(8))
        try tmux.tmux(["respawn-pane", "-k", "cd \(tmux.scratch.url.path) && LANG=C.UTF-8 TYPEBAR_HISTORY=history.jsonl \(typebarBinary.path) replay \(id) --speed 20; sleep 60"])
        let replayed = try #require(tmux.waitFor("r replay again"), "no replay results: \(tmux.screen())")
        #expect(replayed.contains("replay \(id) at 20.0×"), "\(replayed)")
        #expect(replayed.contains("fixed \(planted) of \(planted)"), "\(replayed)")
        try tmux.type("q")
    }
}
