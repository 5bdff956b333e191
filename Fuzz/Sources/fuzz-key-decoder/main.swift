import FuzzSupport
import TerminalUI

/// The key decoder on any sequence of keys. The first byte chooses whether ^H is backspace; then the keys as
/// `KeyScript` reads them (characters, character values, ncurses key codes and timeouts).
enum KeyDecoderTarget {
    static func test(_ bytes: UnsafeRawBufferPointer) {
        guard let first = bytes.first else { return }
        var decoder = KeyDecoder(codes: .init(backspaceIsControlH: first & 1 == 1))
        for case .key(let key) in KeyScript(bytes, from: 1, pauses: false) {
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
