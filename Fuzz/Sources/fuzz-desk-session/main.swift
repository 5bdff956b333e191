import FuzzSupport
import TerminalUI
import TypeBarKit

/// The chat desk's keys on whole shifts: the key decoder and the desk's keys (`ChatKeys`) fed any sequence of keys
/// and pauses, each action handed to the desk as the screen hands it, the desk drawn now and then at 80 x 24 and
/// 40 x 12. The first three bytes choose the built-in scenario, the mode and the chats; then each byte is a key
/// 50 ms after the last, except 0xF0 (the next four bytes are a character value), 0xF1 (the next four are an
/// ncurses key code), 0xF2 (a timeout) and 0xF3 (the next byte is a pause of that many seconds, times four).
/// The shift, written as its chat log and replayed from it, scores exactly as it did live.
enum DeskSessionTarget {
    static let scenarios = try! ScenarioCatalog.all()
    static let log = ScratchFile("desk.jsonl")

    static func test(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count >= 3 else { return }
        let file = scenarios[Int(bytes[0]) % scenarios.count]
        let mode = ChatShift.Mode.allCases[Int(bytes[1]) % ChatShift.Mode.allCases.count]
        let chats = Int(bytes[2]) % (ChatShift.maximumChats + 1)
        let seed = UInt64(bytes[0]) << 8 | UInt64(bytes[1])
        let header = ChatLog.Header(scenario: file.id, mode: mode, seed: seed, chats: chats == 0 ? nil : chats)
        var session = ChatSession(shift: ChatShift(scenario: file.draw(seed: seed), mode: mode, chats: header.chats))
        var keys = ChatKeys()
        var now = 0.0
        var index = 3
        func word() -> UInt32 {
            var value: UInt32 = 0
            for _ in 0..<4 where index < bytes.count {
                value = value << 8 | UInt32(bytes[index])
                index += 1
            }
            return value
        }
        while index < bytes.count && !session.shift.isOver {
            let byte = bytes[index]
            index += 1
            let key: RawKey
            switch byte {
            case 0xF0: key = .character(word())
            case 0xF1: key = .code(Int32(bitPattern: word()))
            case 0xF2: key = .none
            case 0xF3:
                now += 4000 * Double(index < bytes.count ? bytes[index] : 1)
                index += 1
                session.advance(to: now)
                continue
            default: key = .character(UInt32(byte))
            }
            now += 50
            session.advance(to: now)
            for action in keys.decode(key) { session.handle(action, at: now) }
            if index % 64 == 0 {
                _ = session.frame(rows: 24, columns: 80, now: now)
                _ = session.frame(rows: 12, columns: 40, now: now)
            }
        }
        _ = session.frame(rows: 24, columns: 80, now: now)
        var live = session.shift
        live.finish()
        log.write(ChatLog.text(header: header, events: session.events))
        guard let replayed = try? ChatLog.replay(path: log.path) else {
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
