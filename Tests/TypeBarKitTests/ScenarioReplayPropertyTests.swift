import Foundation
import PropertyBased
import Testing
@testable import TypeBarKit

/// Every scenario `typebar chat --check` accepts (the built-in ones, and each read back from its own text as a
/// scenario file is) draws the same shift from the same seed, and a shift played on it replays from its chat log to
/// the same result, for any seed, mode and typing speed.
@Suite("Scenarios replay deterministically for any seed")
struct ScenarioReplayPropertyTests {
    static let files = try! ScenarioCatalog.all()
    static let dictionary = WordList("hi i have refunded your order it will show on the card within days sorry thanks for waiting")

    @Test("A shift on any checked scenario, any seed and mode, replays from its log to the result it had live")
    func replaysForAnySeed() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("typebar-replay-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        await propertyCheck(
            count: 40,
            input: Gen.int(in: 0..<Self.files.count), Gen.uint64(), Gen.int(in: 0..<ChatShift.Mode.allCases.count),
            Gen.int(in: 40...400), Gen.bool
        ) { index, seed, modeIndex, interval, asFile in
            let builtIn = Self.files[index]
            // What --check FILE reads: the same text, as a file of its own.
            let file = asFile
                ? try ScenarioFile.parse(builtIn.sourceText, path: "\(builtIn.id).yaml", id: builtIn.id, canned: ScenarioCatalog.cannedReplies())
                : builtIn
            let drawn = file.draw(seed: seed)
            #expect(drawn == builtIn.draw(seed: seed), "\(builtIn.id), seed \(seed): the file and the built-in draw differently")
            #expect(drawn == file.draw(seed: seed), "\(builtIn.id), seed \(seed): two draws differ")
            let mode = ChatShift.Mode.allCases[modeIndex]
            // Free mode judges replies with a dictionary: the same one live and in the replays.
            let played = try PlayedShift(file: file, mode: mode, speller: Self.dictionary, carried: asFile, seed: seed, interval: Double(interval))
            let path = "\(folder)/\(builtIn.id)-\(seed)-\(mode).jsonl"
            try played.log.write(toFile: path, atomically: true, encoding: .utf8)
            let first = try ChatLog.replay(path: path, spellers: SpellerSource(Self.dictionary)).shift.result()
            let second = try ChatLog.replay(path: path, spellers: SpellerSource(Self.dictionary)).shift.result()
            var live = played.shift
            live.finish()
            #expect(first == live.result(), "\(builtIn.id), seed \(seed), \(mode): the replay scores differently from the shift played")
            #expect(second == first, "\(builtIn.id), seed \(seed), \(mode): two replays differ")
        }
    }
}
