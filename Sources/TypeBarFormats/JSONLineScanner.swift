import TypeBarCore

/// Reads one event line of a keystroke log, byte by byte, with exact JSON string-escape and number handling.
///
/// A general JSON decoder per line costs more than scoring the keystroke; this reads only what an event needs
/// (`t`, `ch`, `key`, or `event` with its `characters`) and skips any other field, whatever JSON value it holds.
enum EventLineScanner {
    /// One line of a log after its header.
    enum Event: Equatable {
        case keystroke(Keystroke)
        /// Something besides typing (a refused paste, focus lost or regained), at a time in ms.
        case session(SessionEvent, time: Double)
    }

    /// The event on `line`, or a message saying what is wrong with it.
    static func event(from line: UnsafeBufferPointer<UInt8>) -> Result<Event, LineProblem> {
        var cursor = JSONCursor(line.span)
        do {
            return .success(try cursor.event())
        } catch {
            return .failure(error)
        }
    }

    /// The keystroke on `line`; a session event is a problem here.
    static func keystroke(from line: UnsafeBufferPointer<UInt8>) -> Result<Keystroke, LineProblem> {
        switch event(from: line) {
        case .success(.keystroke(let keystroke)): return .success(keystroke)
        case .success(.session): return .failure(LineProblem("expected a keystroke, not a session event"))
        case .failure(let problem): return .failure(problem)
        }
    }
}

extension JSONCursor {

    // MARK: - The event object

    fileprivate mutating func event() throws(LineProblem) -> EventLineScanner.Event {
        skipWhitespace()
        guard peek() == UInt8(ascii: "{") else { throw LineProblem("expected a JSON object like {\"t\": 120, \"ch\": \"a\"}") }
        var time: Double?
        var character: Character?
        var key: KeyName?
        var session: SessionName?
        var characters: Double?
        try members(of: "the event object", name: { (cursor: inout JSONCursor) throws(LineProblem) in try cursor.fieldName() }) { (cursor: inout JSONCursor, field: EventField) throws(LineProblem) in
            switch field {
            case .t:
                guard cursor.peek() == UInt8(ascii: "-") || cursor.isDigit(cursor.peek()) else { throw LineProblem("\"t\" must be a number of milliseconds") }
                time = try cursor.number()
            case .ch:
                guard cursor.peek() == UInt8(ascii: "\"") else { throw LineProblem("\"ch\" must be a string holding one character") }
                character = try cursor.singleCharacter()
            case .key:
                guard cursor.peek() == UInt8(ascii: "\"") else { throw LineProblem("\"key\" must be \"backspace\" or \"word-backspace\"") }
                key = try cursor.keyName()
            case .event:
                guard cursor.peek() == UInt8(ascii: "\"") else { throw LineProblem("\"event\" must be \"paste\", \"focus-out\" or \"focus-in\"") }
                session = try cursor.sessionName()
            case .characters:
                guard cursor.peek() == UInt8(ascii: "-") || cursor.isDigit(cursor.peek()) else { throw LineProblem("\"characters\" must be a whole number") }
                characters = try cursor.number()
            case .other:
                try cursor.skipValue(depth: 1)
            }
        }
        skipWhitespace()
        guard index == bytes.count else { throw LineProblem("unexpected text after the event object") }

        guard let time else { throw LineProblem("the event has no \"t\" (milliseconds since the session started)") }
        guard time.isFinite else { throw LineProblem("\"t\" is not a finite number") }
        guard time >= 0 else { throw LineProblem("\"t\" is negative (\(jsonNumber(time))); times count from the session's start") }
        guard Limits.logMilliseconds.contains(time) else {
            throw LineProblem("\"t\" is \(jsonNumber(time)): times are milliseconds \(Limits.describe(Limits.logMilliseconds)) (a log spans at most a week)")
        }
        if let session {
            guard character == nil, key == nil else { throw LineProblem("the line has \"event\" and a keystroke; give one per line") }
            switch session {
            case .paste:
                guard let characters, characters >= 0, characters.rounded() == characters, characters < 1e9 else {
                    throw LineProblem("a paste event needs \"characters\", a whole number of characters pasted")
                }
                return .session(.paste(characters: Int(characters)), time: time)
            case .focusOut: return .session(.focusLost, time: time)
            case .focusIn: return .session(.focusGained, time: time)
            }
        }
        switch (character, key) {
        case (let character?, nil): return .keystroke(.character(character, at: time))
        case (nil, .backspace?): return .keystroke(.backspace(at: time))
        case (nil, .wordBackspace?): return .keystroke(.wordBackspace(at: time))
        case (nil, nil): throw LineProblem("the event has none of \"ch\", \"key\" or \"event\"")
        case (_?, _?): throw LineProblem("the event has both \"ch\" and \"key\"; give one per line")
        }
    }

    private enum EventField {
        case t, ch, key, event, characters, other

        /// The field whose name is `name` in `cursor`'s line.
        init(_ name: Range<Int>, in cursor: borrowing JSONCursor) {
            let first = name.isEmpty ? 0 : cursor.bytes[name.lowerBound]
            switch name.count {
            case 1 where first == UInt8(ascii: "t"): self = .t
            case 2 where first == UInt8(ascii: "c") && cursor.bytes[name.lowerBound + 1] == UInt8(ascii: "h"): self = .ch
            case 3 where cursor.bytes(name, equal: "key"): self = .key
            case 5 where cursor.bytes(name, equal: "event"): self = .event
            case 10 where cursor.bytes(name, equal: "characters"): self = .characters
            default: self = .other
            }
        }
    }
    private enum KeyName { case backspace, wordBackspace }
    private enum SessionName { case paste, focusOut, focusIn }

    private mutating func fieldName() throws(LineProblem) -> EventField {
        guard peek() == UInt8(ascii: "\"") else { throw LineProblem("expected a field name in double quotes") }
        // A name without escapes is compared in place, with no allocation.
        if let name = plainString() { return EventField(name, in: self) }
        let decoded = try string()
        return EventField(0..<decoded.count, in: JSONCursor(decoded.span))
    }

    private mutating func sessionName() throws(LineProblem) -> SessionName {
        let name = try string()
        if name.elementsEqual("paste".utf8) { return .paste }
        if name.elementsEqual("focus-out".utf8) { return .focusOut }
        if name.elementsEqual("focus-in".utf8) { return .focusIn }
        let shown = String(decoding: name.prefix(40), as: UTF8.self)
        throw LineProblem("unknown event \(quoted(shown)); the events are \"paste\", \"focus-out\" and \"focus-in\"")
    }

    private mutating func singleCharacter() throws(LineProblem) -> Character {
        // Fast path: one plain ASCII character between quotes.
        if index + 2 < bytes.count, bytes[index + 2] == UInt8(ascii: "\"") {
            let byte = bytes[index + 1]
            if byte >= 0x20, byte < 0x80, byte != UInt8(ascii: "\\"), byte != UInt8(ascii: "\"") {
                index += 3
                return Character(Unicode.Scalar(byte))
            }
        }
        let utf8 = try string()
        guard let text = String(validating: utf8, as: UTF8.self) else { throw LineProblem("\"ch\" is not valid UTF-8") }
        guard text.count == 1, let character = text.first else {
            throw LineProblem(text.isEmpty ? "\"ch\" is empty; it must hold exactly one character" : "\"ch\" holds \(text.count) characters (\(quoted(text))); give one character per line")
        }
        return character
    }

    private mutating func keyName() throws(LineProblem) -> KeyName {
        let name = try string()
        if name.elementsEqual("backspace".utf8) { return .backspace }
        if name.elementsEqual("word-backspace".utf8) { return .wordBackspace }
        let shown = String(decoding: name.prefix(40), as: UTF8.self)
        throw LineProblem("unknown key \(quoted(shown)); the keys are \"backspace\" and \"word-backspace\"")
    }
}

/// What is wrong with one line, without the file and line number (the reader adds those).
struct LineProblem: Error, Equatable {
    var message: String
    init(_ message: String) { self.message = message }
}
