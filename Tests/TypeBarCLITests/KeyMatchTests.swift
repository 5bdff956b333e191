import CTerminal
import Testing

/// The key reader's decision on the bytes a terminal sent, against the keys its terminfo entry names (ncurses's
/// KEY_ codes: KEY_UP 259, KEY_LEFT 260, KEY_BACKSPACE 263, KEY_F(1) 265, KEY_PPAGE 339, KEY_BTAB 353,
/// KEY_ENTER 343). The bytes are xterm-256color's as `infocmp -1 -x xterm-256color` prints them. Serialized: the
/// loaded entry is the process's one terminfo entry.
@Suite("Keys as the terminal's terminfo entry names them", .serialized)
struct KeyMatchTests {
    private func match(_ text: String) -> (tb_key_match, code: Int32, consumed: Int) {
        let bytes = Array(text.utf8)
        var code: Int32 = 0
        var consumed = 0
        let result = bytes.withUnsafeBufferPointer { tb_match_key($0.baseAddress, $0.count, &code, &consumed) }
        return (result, code, consumed)
    }

    @Test("Whole keys are their codes, and only their own bytes are taken")
    func wholeKeys() throws {
        try #require(tb_load_keys_for("xterm-256color") > 40)
        let expected: [(String, Int32)] = [
            ("\u{1B}OA", 259), ("\u{1B}OD", 260), ("\u{7F}", 263), ("\u{1B}OP", 265), ("\u{1B}[5~", 339),
            ("\u{1B}[Z", 353), ("\u{1B}OM", 343), ("\u{1B}[1;2P", 265 + 12),
        ]
        for (bytes, code) in expected {
            let result = match(bytes)
            #expect(result.0 == TB_MATCH_KEY && result.code == code && result.consumed == bytes.utf8.count, "\(bytes.debugDescription)")
        }
        // Typed on quickly after the key: the key alone is taken, the rest waits for the next read.
        let arrowThenText = match("\u{1B}OAhi")
        #expect(arrowThenText.0 == TB_MATCH_KEY && arrowThenText.code == 259 && arrowThenText.consumed == 3)
    }

    @Test("The beginning of a key waits for the rest; bytes that begin none are characters")
    func partialAndNone() throws {
        try #require(tb_load_keys_for("xterm-256color") > 40)
        #expect(match("\u{1B}").0 == TB_MATCH_PARTIAL)
        #expect(match("\u{1B}O").0 == TB_MATCH_PARTIAL)
        #expect(match("\u{1B}[1;5").0 == TB_MATCH_PARTIAL)
        #expect(match("a").0 == TB_MATCH_NONE)
        #expect(match("é").0 == TB_MATCH_NONE)
        // A bracketed paste's and a focus report's markers are no terminfo key: the decoder reads them itself.
        #expect(match("\u{1B}[200~text").0 == TB_MATCH_NONE)
        #expect(match("\u{1B}[I").0 == TB_MATCH_NONE)
    }

    @Test("Extended keys have codes above KEY_MAX, one each, found by name")
    func extendedKeys() throws {
        try #require(tb_load_keys_for("xterm-256color") > 40)
        let left = tb_key_named("kLFT5")
        let right = tb_key_named("kRIT5")
        #expect(left > 511 && right > 511 && left != right)
        let result = match("\u{1B}[1;5D")
        #expect(result.0 == TB_MATCH_KEY && result.code == left && result.consumed == 6)
        #expect(tb_key_named("kLFT5") == left)
        #expect(tb_key_named("kNoSuchKey") == -1)
    }

    @Test("Another terminal's entry gives its own bytes: the Linux console's F1 and arrows")
    func linuxConsole() throws {
        try #require(tb_load_keys_for("linux") > 20)
        #expect(match("\u{1B}[[A").code == 265)
        #expect(match("\u{1B}[A").code == 259)
        #expect(match("\u{1B}OA").0 == TB_MATCH_NONE)
        #expect(tb_load_keys_for("no-such-terminal-anywhere") == -1)
    }

    @Test("Colours are the bytes ncurses's tiparm makes, whether shortcut or formatted by it, on four terminals")
    func coloursAsTiparmMakesThem() throws {
        // xterm-256color's and screen-256color's strings are shortcut, xterm's and the console's eight too.
        for terminal in ["xterm-256color", "screen-256color", "xterm", "linux"] {
            try #require(tb_load_keys_for(terminal) > 0, "\(terminal)")
            for name in ["setaf", "setab"] {
                for number in [-1] + Array(0..<300) {
                    for capacity in [64, 5, 0] {
                        var shortcut = [CChar](repeating: 0, count: capacity)
                        var reference = [CChar](repeating: 0, count: capacity)
                        let length = tb_capability_with(name, Int32(number), 0, &shortcut, capacity)
                        let expected = tb_capability_through_tiparm(name, Int32(number), 0, &reference, capacity)
                        #expect(length == expected, "\(terminal) \(name) \(number) in \(capacity)")
                        if length > 0 && length == expected {
                            #expect(shortcut.prefix(Int(length)) == reference.prefix(Int(length)), "\(terminal) \(name) \(number)")
                        }
                    }
                }
            }
        }
        // The 256-colour form by hand: the eighth colour, the first bright one, the first of the palette.
        try #require(tb_load_keys_for("xterm-256color") > 40)
        for (number, expected) in [(7, "\u{1B}[37m"), (8, "\u{1B}[90m"), (16, "\u{1B}[38;5;16m")] {
            var bytes = [CChar](repeating: 0, count: 32)
            let length = tb_capability_with("setaf", Int32(number), 0, &bytes, bytes.count)
            #expect(length == Int32(expected.utf8.count) && String(cString: bytes) == expected)
        }
    }

    @Test("Any bytes: a key taken is whole and the same alone; a beginning is one of a key; nothing is read past the end")
    func anyBytes() throws {
        try #require(tb_load_keys_for("xterm-256color") > 40)
        var generator = SystemRandomNumberGenerator()
        // Pieces of real keys mixed with random bytes, so whole keys, beginnings and near misses all come up.
        let pieces: [[UInt8]] = ["\u{1B}", "[", "O", "1", ";", "5", "A", "D", "~", "P", "\u{7F}", "a"].map { Array($0.utf8) }
        for _ in 0..<5_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...8, using: &generator) {
                bytes += Bool.random(using: &generator) ? pieces.randomElement(using: &generator)! : [UInt8.random(in: 0...255, using: &generator)]
            }
            var code: Int32 = 0
            var consumed = 0
            let result = bytes.withUnsafeBufferPointer { tb_match_key($0.baseAddress, $0.count, &code, &consumed) }
            if result == TB_MATCH_KEY {
                #expect(consumed >= 1 && consumed <= bytes.count)
                var again: Int32 = 0
                var againConsumed = 0
                let alone = Array(bytes.prefix(consumed))
                let whole = alone.withUnsafeBufferPointer { tb_match_key($0.baseAddress, $0.count, &again, &againConsumed) }
                #expect(whole == TB_MATCH_KEY && again == code && againConsumed == consumed, "\(bytes)")
            } else if result == TB_MATCH_PARTIAL {
                // A beginning is never empty and always starts as a key does: with Esc or DEL, here.
                #expect(!bytes.isEmpty && (bytes[0] == 0x1B || bytes[0] == 0x7F), "\(bytes)")
            }
        }
    }
}
