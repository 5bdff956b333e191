import FuzzSupport
import TerminalUI

/// The key decoder on any sequence of keys. The first byte chooses whether ^H is backspace; then each byte is a
/// character, except 0xF0 (the next four bytes are a character value, valid or not), 0xF1 (the next four are an
/// ncurses key code) and 0xF2 (a timeout).
enum KeyDecoderTarget {
    static func test(_ bytes: UnsafeRawBufferPointer) {
        guard let first = bytes.first else { return }
        var decoder = KeyDecoder(codes: .init(backspaceIsControlH: first & 1 == 1))
        var index = 1
        func word() -> UInt32 {
            var value: UInt32 = 0
            for _ in 0..<4 where index < bytes.count {
                value = value << 8 | UInt32(bytes[index])
                index += 1
            }
            return value
        }
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            let key: RawKey
            switch byte {
            case 0xF0: key = .character(word())
            case 0xF1: key = .code(Int32(bitPattern: word()))
            case 0xF2: key = .none
            default: key = .character(UInt32(byte))
            }
            let events = decoder.decode(key)
            require(events.count <= 1, "one key gave \(events)")
            if key == .none { require(decoder.keyTimeout == nil, "a timeout left an escape sequence or a paste open") }
            if case .pasted(let characters) = events.first {
                require(characters <= KeyDecoder.maximumPasteCharacters, "a paste of \(characters) characters outgrew the limit")
            }
        }
    }
}

/// libFuzzer's entry point: SwiftPM builds fuzz targets as libraries with libFuzzer's own main.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    KeyDecoderTarget.test(input(data, count))
    return 0
}
