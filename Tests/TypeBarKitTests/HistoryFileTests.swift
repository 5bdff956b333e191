import Foundation
import Testing
import TestSupport
@testable import TypeBarKit

#if canImport(Glibc)
import Glibc
#endif

/// A record of a clean, fully typed reply: 56 characters in 12 s, so 56 gross and net WPM, 100 % accuracy.
func sampleRecord(id: String = "20261123T101500-00000001", time: Double = 1_795_000_000, candidate: String? = nil) throws -> HistoryRecord {
    let text = "Thanks for waiting, your refund of $42.50 is on its way."
    let result = try ScoreResult.scoring(typed: text, against: TargetText(text), seconds: 12)
    var record = HistoryRecord(id: id, time: time, mode: .score, result: result, bar: HiringBar(), targetText: text, passages: ["billing/refund"], timeLimit: nil)
    record.candidate = candidate
    return record
}

/// The `history-stress` helper built beside the tests.
let stressBinary: URL = {
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    while directory.path != "/" {
        let candidate = directory.appendingPathComponent("history-stress")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        directory.deleteLastPathComponent()
    }
    return URL(fileURLWithPath: ".build/debug/history-stress")
}()

func stressProcess(_ file: String, count: String, tag: String) throws -> (Process, Pipe) {
    let process = Process()
    process.executableURL = stressBinary
    process.arguments = [file, count, tag]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    return (process, output)
}

@Suite("The history file")
struct HistoryFileTests {
    @Test("A record reads back exactly as it was written, every figure and list")
    func roundTrip() throws {
        let text = "Hi Ana, your order #4471 ships today."
        var attempt = Attempt(target: TargetText(text), timeLimit: nil)
        var time = 0.0
        for (index, character) in "Hi Ana, yuor order #4471 ships today.".enumerated() {
            _ = attempt.apply(.character(character, at: time))
            time += [140, 190, 160, 230][index % 4]
        }
        var record = HistoryRecord(id: "20261123T101500-abcdef01", time: 1_795_000_000.25, mode: .practice, result: try attempt.result(),
                                   bar: HiringBar(netWPM: 45, minimumAccuracy: 97), targetText: text, passages: ["orders/ships-today"], timeLimit: nil)
        record.candidate = "Ana \"Q\" Ruiz, jr"
        record.log = "sessions/20261123T101500-abcdef01.jsonl"
        #expect(!record.keys.isEmpty && !record.timeline.isEmpty && record.uncorrectedErrors == 2)
        let line = record.jsonLine
        #expect(!line.contains("\n"))
        let scratch = Scratch()
        let (records, skipped) = try HistoryFile(path: scratch.write("history.jsonl", line + "\n")).records()
        #expect(skipped.count == 0)
        let decoded = try #require(records.first)
        #expect(decoded == record)
        #expect(decoded.jsonLine == line)
        #expect(Timestamp.text(decoded.time) == "2026-11-18T11:06:40.250Z")
    }

    @Test("The file goes where --history, then TYPEBAR_HISTORY, then XDG_DATA_HOME, then ~/.local/share say")
    func location() {
        let home = ["HOME": "/home/ana"]
        #expect(HistoryFile.located(option: "/x/h.jsonl", environment: home.merging(["TYPEBAR_HISTORY": "/y"]) { $1 }).path == "/x/h.jsonl")
        #expect(HistoryFile.located(option: nil, environment: home.merging(["TYPEBAR_HISTORY": "/y/h.jsonl"]) { $1 }).path == "/y/h.jsonl")
        #expect(HistoryFile.located(option: nil, environment: home.merging(["XDG_DATA_HOME": "/data"]) { $1 }).path == "/data/typebar/history.jsonl")
        #expect(HistoryFile.located(option: nil, environment: home.merging(["XDG_DATA_HOME": "relative"]) { $1 }).path == "/home/ana/.local/share/typebar/history.jsonl")
        #expect(HistoryFile.located(option: nil, environment: home).path == "/home/ana/.local/share/typebar/history.jsonl")
    }

    @Test("A new history and its folders are private to the user; the session log sits beside it")
    func permissions() throws {
        let scratch = Scratch()
        let file = HistoryFile(path: scratch.url.appendingPathComponent("a/b/history.jsonl").path)
        let (saved, problems) = file.save(try sampleRecord(), log: "{\"format\":\"typebar-keystrokes\",\"version\":1}\n")
        #expect(problems.isEmpty)
        func mode(_ path: String) throws -> Int {
            (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
        }
        #expect(try mode(file.path) == 0o600)
        #expect(try mode(scratch.url.appendingPathComponent("a").path) == 0o700)
        #expect(try mode(scratch.url.appendingPathComponent("a/b").path) == 0o700)
        #expect(saved.log == "sessions/20261123T101500-00000001.jsonl")
        let logPath = try #require(file.logPath(of: saved))
        #expect(try mode(logPath) == 0o600)
        #expect(try file.records().records == [saved])
    }

    @Test("8 processes appending 250 records each at once leave exactly 2,000 whole records")
    func concurrentAppends() throws {
        let scratch = Scratch()
        let path = scratch.url.appendingPathComponent("history.jsonl").path
        let writers = try (1...8).map { try stressProcess(path, count: "250", tag: "w\($0)") }
        for (process, output) in writers {
            _ = readToEnd(output.fileHandleForReading)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        let (records, skipped) = try HistoryFile(path: path).records()
        #expect(skipped.count == 0)
        #expect(records.count == 2000)
        #expect(Set(records.map(\.id)).count == 2000)
        for writer in 1...8 {
            #expect(records.filter { $0.id.hasPrefix("w\(writer)-") }.count == 250)
        }
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2001 && lines.last == "")
    }

    @Test("A writer killed with SIGKILL mid-loop leaves every completed record, and the next append is whole")
    func killedWriter() throws {
        let scratch = Scratch()
        let path = scratch.url.appendingPathComponent("history.jsonl").path
        let (process, output) = try stressProcess(path, count: "forever", tag: "k")
        // Let it write for a while, then kill it without warning.
        var printed = Data()
        while printed.split(separator: 0x0A).count < 300 {
            printed.append(output.fileHandleForReading.availableData)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        printed.append(readToEnd(output.fileHandleForReading))
        let completed = String(decoding: printed, as: UTF8.self).split(separator: "\n").map(String.init)

        let file = HistoryFile(path: path)
        let (records, skipped) = try file.records()
        let ids = Set(records.map(\.id))
        #expect(completed.allSatisfy { ids.contains($0) }, "a record whose append returned is missing")
        #expect(skipped.count <= 1, "only a torn last line may be skipped: \(skipped)")

        try file.append(try sampleRecord(id: "after-the-crash"))
        let (again, skippedAgain) = try file.records()
        #expect(again.last?.id == "after-the-crash")
        #expect(again.count == records.count + 1)
        #expect(skippedAgain.count == skipped.count)
    }

    @Test("A torn last line is fenced off by the next append and skipped by readers, never rewritten")
    func tornLine() throws {
        let scratch = Scratch()
        let good = try sampleRecord(id: "first").jsonLine
        let torn = String(try sampleRecord(id: "torn").jsonLine.prefix(150))
        let path = scratch.write("history.jsonl", good + "\n" + torn)
        let file = HistoryFile(path: path)
        try file.append(try sampleRecord(id: "next"))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix(good + "\n" + torn + "\n{"))
        let (records, skipped) = try file.records()
        #expect(records.map(\.id) == ["first", "next"])
        #expect(skipped.damaged == [2])
    }

    @Test("Junk lines, binary noise, a newer version, a 10 MB line and a truncated tail are skipped and reported by line")
    func damagedFile() throws {
        let scratch = Scratch()
        var data = Data()
        func line(_ text: String) { data.append(Data((text + "\n").utf8)) }
        line(try sampleRecord(id: "r1").jsonLine)                                  // 1
        line("this is not json")                                                    // 2
        line(try sampleRecord(id: "r2").jsonLine)                                  // 3
        data.append(Data([0x00, 0xFF, 0xFE, 0x7B, 0x22, 0x80, 0x0A]))              // 4: binary noise
        line(#"{"version":2,"id":"from-the-future","time":"2027-01-01T00:00:00Z"}"#) // 5
        line("")                                                                    // 6: blank, not counted
        data.append(Data(repeating: UInt8(ascii: "x"), count: 10 << 20))           // 7: a 10 MB line
        data.append(0x0A)
        line(#"{"version":1,"id":"no-figures","time":"2026-11-23T10:00:00Z","mode":"practice"}"#) // 8: fields missing
        line(try sampleRecord(id: "r3").jsonLine)                                  // 9
        var noisy = Array(try sampleRecord(id: "r4").jsonLine.utf8)
        noisy[noisy.count / 2] = 0x01                                               // 10: one byte flipped inside
        data.append(Data(noisy + [0x0A]))
        data.append(Data(try sampleRecord(id: "r5").jsonLine.utf8.prefix(300)))   // 11: truncated tail
        let path = scratch.write("history.jsonl", data)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        let (records, skipped) = try HistoryFile(path: path).records()
        #expect(records.map(\.id) == ["r1", "r2", "r3"])
        #expect(skipped.damaged == [2, 4, 8, 10, 11])
        #expect(skipped.newer == [5])
        #expect(skipped.tooLong == [7])
        let warnings = skipped.warnings(path: "h.jsonl")
        #expect(warnings.contains("h.jsonl: skipped 5 damaged lines (lines 2, 4, 8, 10, 11): not whole records; the file is left as it is"))
        #expect(warnings.contains("h.jsonl: skipped 1 record from a newer typebar (line 5); upgrade typebar to read them"))
        #expect(warnings.contains("h.jsonl: skipped 1 line over 1 MiB (line 7): not records"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "a reader changed the file")
    }

    @Test("A read-only history is a clear error, and the record comes back so it can still be shown",
          .enabled(if: getuid() != 0, "root writes through file permissions; the full-disk test covers this path"))
    func readOnly() throws {
        let scratch = Scratch()
        let path = scratch.write("history.jsonl", "")
        chmod(path, 0o400)
        let (record, problems) = HistoryFile(path: path).save(try sampleRecord(), log: nil)
        #expect(problems == [.cannotWrite(path: path, reason: "Permission denied")])
        #expect(record.id == "20261123T101500-00000001")
    }

    @Test("A full disk is a clear error, and the record comes back so it can still be shown")
    func fullDisk() throws {
        // Every write to /dev/full fails with ENOSPC, as on a full disk.
        let (record, problems) = HistoryFile(path: "/dev/full").save(try sampleRecord(), log: nil)
        #expect(problems == [.cannotWrite(path: "/dev/full", reason: "No space left on device")])
        #expect(abs(record.netWPM - 56) < 1e-9)
    }

    @Test("A history whose folder cannot be made is a clear error naming it")
    func unwritableFolder() throws {
        let scratch = Scratch()
        let blocker = scratch.write("not-a-folder", "x")
        let (_, problems) = HistoryFile(path: blocker + "/typebar/history.jsonl").save(try sampleRecord(), log: "log\n")
        #expect(problems.count == 2)
        #expect(problems.allSatisfy { $0.description.contains("cannot write \(blocker)/typebar: cannot create the folder: Not a directory") })
    }

    @Test("A large history is read in two halves at once, with the same sessions in order and the right line numbers")
    func halves() throws {
        let scratch = Scratch()
        var text = ""
        var template = try sampleRecord()
        template.timeline = Array(repeating: 50, count: 300)
        template.keys = [HistoryRecord.Key(character: "a", typed: 5, errors: 1, meanMilliseconds: 200)]
        var expectedDamaged: [Int] = []
        for index in 1...7000 {
            if index % 1000 == 500 {
                text += "junk line \(index)\n"
                expectedDamaged.append(index)
                continue
            }
            var record = template
            record.id = "r\(index)"
            record.time = 1_795_000_000 + Double(index)
            record.netWPM = Double(index % 97)
            text += record.jsonLine + "\n"
        }
        let file = HistoryFile(path: scratch.write("history.jsonl", text))
        #expect(try file.halves().count == 2, "the test file should be big enough to split")
        let stats = try HistoryStats.gather(from: file)
        let expectedNet = (1...7000).filter { $0 % 1000 != 500 }.map { Double($0 % 97) }
        #expect(stats.progress.sessions.map(\.netWPM) == expectedNet)
        #expect(stats.skipped.damaged == expectedDamaged)
        #expect(stats.skipped.lines == 7000)
        #expect(stats.keyCosts.sessions == HistoryStats.keySessions)
    }

    @Test("Ids sort by time and differ between calls in the same second")
    func ids() {
        let first = HistoryFile.newID(time: 1_795_000_000)
        let second = HistoryFile.newID(time: 1_795_000_000)
        #expect(first.hasPrefix("20261118T110640-") && first.count == 24)
        #expect(first != second)
        #expect(HistoryTable.shortID(first).count == 8)
    }

    @Test("Timestamps: written in UTC, read with Z or an offset, nonsense refused")
    func timestamps() {
        #expect(Timestamp.text(0) == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp.text(951_782_400) == "2000-02-29T00:00:00.000Z")
        #expect(Timestamp.seconds(Array("2000-02-29T00:00:00.000Z".utf8)) == 951_782_400)
        #expect(Timestamp.seconds(Array("2000-02-29T02:00:00+02:00".utf8)) == 951_782_400)
        #expect(Timestamp.seconds(Array("1969-12-31T23:59:59Z".utf8)) == -1)
        #expect(Timestamp.seconds(Array("2001-02-29T00:00:00Z".utf8)) == nil)
        #expect(Timestamp.seconds(Array("2026-11-23 10:00".utf8)) == nil)
        #expect(Timestamp.start(of: "2026-11-23", offset: 3600) == Timestamp.seconds(Array("2026-11-22T23:00:00Z".utf8)))
    }
}
