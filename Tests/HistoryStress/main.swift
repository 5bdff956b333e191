// A test helper, not part of typebar: appends records to a history file as fast as it can, printing each id once
// its append has returned, so the history tests can run many writers at once and kill one mid-write.
//
//     history-stress FILE COUNT TAG      append COUNT records (COUNT may be "forever")
import Foundation
import TypeBarKit

let arguments = CommandLine.arguments
guard arguments.count == 4 else {
    FileHandle.standardError.write(Data("usage: history-stress FILE COUNT|forever TAG\n".utf8))
    exit(2)
}
let file = HistoryFile(path: arguments[1])
let count = arguments[2] == "forever" ? Int.max : Int(arguments[2]) ?? 0
let tag = arguments[3]
let target = TargetText("Thanks for waiting, your refund of $42.50 is on its way.")
let result = try ScoreResult.scoring(typed: "Thanks for waiting, your refund of $42.50 is on its way.", against: target, seconds: 12)
var index = 0
while index < count {
    index += 1
    var record = HistoryRecord(id: "\(tag)-\(index)", time: 1_795_000_000 + Double(index), mode: .score, result: result, bar: HiringBar(),
                               targetText: target.text, passages: [], timeLimit: nil)
    // A longer line makes a torn write more likely when the writer is killed.
    record.timeline = Array(repeating: 51.5, count: 400)
    do {
        try file.append(record)
    } catch {
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        exit(1)
    }
    FileHandle.standardOutput.write(Data((record.id + "\n").utf8))
}
