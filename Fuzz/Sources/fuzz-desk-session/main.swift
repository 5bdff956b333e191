import FuzzSupport
import TerminalUI
import TypeBarKit

/// The chat desk's keys on whole shifts: the key decoder and the desk's keys (`ChatKeys`) fed any sequence of keys
/// and pauses, each action handed to the desk as the screen hands it, the desk drawn now and then at 80 x 24 and
/// 40 x 12. The first three bytes choose the built-in scenario, the mode and the chats; then the keys as `KeyScript`
/// reads them, each 50 ms after the last, and pauses of four seconds times their byte.
/// The shift, written as its chat log and replayed from it, scores exactly as it did live.
enum DeskSessionTarget {
    static let scenarios = try! ScenarioCatalog.all()
    static let log = ScratchFile("desk.jsonl")
    static let speller = ShortWords()

    static func test(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count >= 3 else { return }
        let file = scenarios[Int(bytes[0]) % scenarios.count]
        let mode = ChatShift.Mode.allCases[Int(bytes[1]) % ChatShift.Mode.allCases.count]
        let chats = Int(bytes[2]) % (ChatShift.maximumChats + 1)
        let seed = UInt64(bytes[0]) << 8 | UInt64(bytes[1])
        let header = ChatLog.Header(scenario: file.id, mode: mode, seed: seed, chats: chats == 0 ? nil : chats)
        var session = ChatSession(shift: ChatShift(scenario: file.draw(seed: seed), mode: mode, chats: header.chats, speller: speller))
        var keys = ChatKeys()
        var now = 0.0
        var script = KeyScript(bytes, from: 3, pauses: true)
        var steps = 0
        while !session.shift.isOver, let step = script.next() {
            let key: RawKey
            switch step {
            case .pause(let length):
                now += 4000 * Double(length)
                session.advance(to: now)
                continue
            case .key(let next): key = next
            }
            now += 50
            session.advance(to: now)
            for action in keys.decode(key) { session.handle(action, at: now) }
            steps += 1
            if steps % 64 == 0 {
                _ = session.frame(rows: 24, columns: 80, now: now)
                _ = session.frame(rows: 12, columns: 40, now: now)
            }
        }
        _ = session.frame(rows: 24, columns: 80, now: now)
        var live = session.shift
        live.finish()
        log.write(ChatLog.text(header: header, events: session.events))
        guard let replayed = try? ChatLog.replay(path: log.path, spellers: SpellerSource(speller)) else {
            require(false, "the desk's own chat log does not read back")
            return
        }
        require(replayed.shift.result() == live.result(), "the shift replayed from its chat log scores differently from the shift played")
    }
}

/// libFuzzer's entry point: SwiftPM builds fuzz targets as libraries with libFuzzer's own main.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    DeskSessionTarget.test(input(data, count))
    return 0
}
