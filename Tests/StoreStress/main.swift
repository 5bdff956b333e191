import Foundation
import TypeBarKit
import TypeBarStore

// A helper the store tests run as several processes at once; not shipped.
//
//   store-stress save URL COUNT TAG [GO_FILE]
//       saves COUNT results with ids ending in TAG and a running number, each with a small keystroke log, then
//       saves the first of them again (it must not be stored twice); prints "saved N".
//   store-stress machine URL COUNT TAG GO_FILE HISTORY
//       a candidate's machine while the store may come and go: saves COUNT results as `save` does, 5 ms apart, with
//       HISTORY as the machine's own history, where a result goes (marked unsent) when the store is out of reach;
//       prints "stored ID" or "kept ID" for each, then "saved N". Halfway it creates GO_FILE.half.TAG and waits
//       for GO_FILE.resume.
//   store-stress attempt URL ALLOWED GO_FILE CANDIDATE...
//       for each candidate, tries to begin an attempt of the assessment "race"; prints "granted CANDIDATE N" or
//       "refused CANDIDATE".
// With GO_FILE, waits until that file exists, so processes start together.

let arguments = CommandLine.arguments
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("store-stress: \(message)\n".utf8))
    exit(2)
}
func waitFor(_ path: String?) {
    guard let path else { return }
    while !FileManager.default.fileExists(atPath: path) { usleep(2_000) }
}

guard arguments.count >= 3 else { fail("usage: store-stress save|machine|attempt URL ...") }
let local = arguments[1] == "machine" && arguments.count > 6 ? arguments[6] : NSTemporaryDirectory() + "store-stress-\(getpid())/history.jsonl"
let store: PostgresStore
do {
    store = PostgresStore(address: try StoreAddress.parse(arguments[2]), local: HistoryFile(path: local))
} catch {
    fail("\(error)")
}

/// The result a writer saves as its `number`th, with an id ending in `tag` and that number.
func result(_ tag: String, _ number: Int) -> HistoryRecord {
    guard var record = HistoryRecord(json: Array(#"{"version":1,"id":"x","time":"2026-11-23T10:15:02.123Z","mode":"score","elapsed_seconds":10,"characters":50,"gross_wpm":60,"net_wpm":58.5,"accuracy":97.5,"bar_wpm":40,"min_accuracy":95}"#.utf8)) else { fail("template") }
    record.id = String(format: "20261123T101502-%@%04d", tag, number)
    record.time = Date().timeIntervalSince1970
    record.meetsBar = true
    return record
}
let smallLog = #"{"format":"typebar-keystrokes","version":1,"text":"ab"}"# + "\n" + #"{"t":0,"ch":"a"}"# + "\n"

switch arguments[1] {
case "save":
    guard arguments.count >= 5, let count = Int(arguments[3]) else { fail("usage: store-stress save URL COUNT TAG [GO_FILE]") }
    let tag = arguments[4]
    waitFor(arguments.count > 5 ? arguments[5] : nil)
    var saved = 0
    var first: HistoryRecord?
    for number in 0..<count {
        let record = result(tag, number)
        let result = store.save(record, log: smallLog, signingKey: nil)
        if !result.problems.isEmpty || result.fallback != nil { fail("save \(record.id): \(result.problems) \(result.fallback ?? "")") }
        if first == nil { first = result.record }
        saved += 1
    }
    if let first {
        do {
            if try store.insert(first, log: nil) { fail("the first record was stored twice") }
        } catch {
            fail("\(error)")
        }
    }
    print("saved \(saved)")
case "machine":
    guard arguments.count >= 7, let count = Int(arguments[3]) else { fail("usage: store-stress machine URL COUNT TAG GO_FILE HISTORY") }
    waitFor(arguments[5])
    for number in 0..<count {
        // Halfway, the machine says so and waits for the word to go on, so the test kills the server among saves
        // however slowly the machines got there.
        if number == count / 2 {
            _ = FileManager.default.createFile(atPath: "\(arguments[5]).half.\(arguments[4])", contents: nil)
            waitFor("\(arguments[5]).resume")
        }
        let saved = store.save(result(arguments[4], number), log: smallLog, signingKey: nil)
        // A result that could be kept nowhere is the one failure a machine may not have.
        if !saved.problems.isEmpty { fail("save \(saved.record.id): \(saved.problems)") }
        print("\(saved.fallback == nil ? "stored" : "kept") \(saved.record.id)")
        // A save every 25 ms or so: the 120 of a machine take seconds, time for the server to die among them.
        usleep(20_000)
    }
    print("saved \(count)")
case "attempt":
    guard arguments.count >= 6, let allowed = Int(arguments[3]) else { fail("usage: store-stress attempt URL ALLOWED GO_FILE CANDIDATE...") }
    waitFor(arguments[4])
    for candidate in arguments[5...] {
        do {
            let number = try store.beginAttempt(candidate: candidate, assessment: "race", configHash: "hash", allowed: allowed, newRound: false)
            print("granted \(candidate) \(number)")
        } catch let error as StoreError {
            if case .refused = error { print("refused \(candidate)") } else { fail("\(error)") }
        } catch {
            fail("\(error)")
        }
    }
default:
    fail("unknown command \(arguments[1])")
}
store.close()
