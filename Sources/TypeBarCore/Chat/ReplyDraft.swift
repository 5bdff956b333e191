/// The reply an agent is composing in one chat: typed text, text a macro inserted, and the macro's blanks the
/// agent fills in. The cursor is either at the end of the draft or in one blank (Tab moves between blanks).
public struct ReplyDraft: Equatable, Sendable {
    public enum Piece: Equatable, Sendable {
        /// Characters the agent typed.
        case typed([Character])
        /// Characters a macro inserted.
        case canned([Character])
        /// A macro's blank and what the agent typed into it.
        case blank(name: String, content: [Character])
    }

    public private(set) var pieces: [Piece] = []
    /// The blank the cursor is in (an index into `pieces`), or nil at the end.
    public private(set) var activeBlank: Int?
    /// Milliseconds of the first key that changed this draft.
    public private(set) var firstKey: Double?
    /// Keys pressed on this draft: characters, deletions, Tabs.
    public private(set) var keystrokes = 0
    /// Keystrokes each macro saved: its canned characters less the keys that inserted it (`/`, the shortcut or
    /// the search typed, and the Tab).
    public private(set) var macroSavings: [Int] = []
    /// The shortcuts of the canned replies inserted, in order.
    public private(set) var insertedMacros: [String] = []

    public init() {}

    public var isEmpty: Bool { pieces.isEmpty }

    /// The text the customer would receive: an unfilled blank goes out as `[name]`, as a real help desk would
    /// send it.
    public var text: String {
        var result = ""
        for piece in pieces {
            switch piece {
            case .typed(let characters), .canned(let characters): result.append(contentsOf: characters)
            case .blank(let name, let content): result += content.isEmpty ? "[\(name)]" : String(content)
            }
        }
        return result
    }

    /// Characters of the text that came from a macro.
    public var cannedCharacters: Int {
        pieces.reduce(0) { count, piece in
            if case .canned(let characters) = piece { return count + characters.count }
            return count
        }
    }

    mutating func noteKey(at time: Double) {
        if firstKey == nil { firstKey = time }
        keystrokes += 1
    }

    mutating func type(_ character: Character, at time: Double) {
        noteKey(at: time)
        // Each piece's characters are taken out of the draft before they change, so that the draft's is the only
        // reference and the character goes on in place instead of every character before it being copied.
        if let index = activeBlank, case .blank(let name, var content) = pieces[index] {
            pieces[index] = .typed([])
            content.append(character)
            pieces[index] = .blank(name: name, content: content)
            return
        }
        if case .typed(var characters) = pieces.last {
            pieces[pieces.count - 1] = .typed([])
            characters.append(character)
            pieces[pieces.count - 1] = .typed(characters)
        } else {
            pieces.append(.typed([character]))
        }
    }

    /// Deletes one character before the cursor. In an empty blank it does nothing; at the end of the draft an
    /// empty blank is removed whole.
    mutating func backspace(at time: Double) {
        noteKey(at: time)
        if let index = activeBlank {
            if case .blank(let name, var content) = pieces[index], !content.isEmpty {
                pieces[index] = .typed([])
                content.removeLast()
                pieces[index] = .blank(name: name, content: content)
            }
            return
        }
        removeLastCharacter()
    }

    /// Deletes trailing spaces, then back to the previous space (as on the typing screen), within the blank the
    /// cursor is in or at the end of the draft.
    mutating func wordBackspace(at time: Double) {
        noteKey(at: time)
        if let index = activeBlank {
            if case .blank(let name, var content) = pieces[index] {
                while content.last == " " { content.removeLast() }
                while let last = content.last, last != " " { content.removeLast() }
                pieces[index] = .blank(name: name, content: content)
            }
            return
        }
        var characters = Array(text)
        var count = 0
        while characters.last == " " { characters.removeLast(); count += 1 }
        while let last = characters.last, last != " " { characters.removeLast(); count += 1 }
        for _ in 0..<count { removeLastCharacter() }
    }

    private mutating func removeLastCharacter() {
        guard let last = pieces.last else { return }
        pieces[pieces.count - 1] = .typed([])
        switch last {
        case .typed(var characters):
            characters.removeLast()
            if characters.isEmpty { pieces.removeLast() } else { pieces[pieces.count - 1] = .typed(characters) }
        case .canned(var characters):
            characters.removeLast()
            if characters.isEmpty { pieces.removeLast() } else { pieces[pieces.count - 1] = .canned(characters) }
        case .blank(let name, var content):
            if content.isEmpty {
                // An empty blank shows as "[name]": removing it removes all of that at once.
                pieces.removeLast()
            } else {
                content.removeLast()
                pieces[pieces.count - 1] = .blank(name: name, content: content)
            }
        }
    }

    /// The shortcut typed at the end of the draft (`/refund` → `refund`), if the cursor is there.
    public var pendingShortcut: String? {
        guard activeBlank == nil, case .typed(let characters) = pieces.last,
              let slash = characters.lastIndex(of: "/") else { return nil }
        if slash > 0 && characters[slash - 1] != " " { return nil }
        let name = characters[(slash + 1)...]
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else { return nil }
        if slash == 0, pieces.count > 1, let before = text.dropLast(characters.count).last, before != " " { return nil }
        return String(name)
    }

    /// Replaces the `/shortcut` at the end with `macro`'s text and puts the cursor in its first blank.
    mutating func expand(_ macro: ChatMacro, at time: Double) {
        noteKey(at: time)
        guard case .typed(var characters) = pieces.last else { return }
        characters.removeLast(macro.shortcut.count + 1)
        if characters.isEmpty { pieces.removeLast() } else { pieces[pieces.count - 1] = .typed(characters) }
        append(macro, keys: macro.shortcut.count + 2)
    }

    /// Adds `macro`'s text at the end, found in the knowledge base by searching `query`, and puts the cursor in its
    /// first blank.
    mutating func insert(_ macro: ChatMacro, query: String, at time: Double) {
        noteKey(at: time)
        append(macro, keys: query.count + 2)
    }

    /// Appends a canned reply's pieces; `keys` is what inserting it cost.
    private mutating func append(_ macro: ChatMacro, keys: Int) {
        activeBlank = nil
        for piece in macro.template.pieces {
            switch piece {
            case .text(let text): pieces.append(.canned(Array(text)))
            case .blank(let name):
                pieces.append(.blank(name: name, content: []))
                if activeBlank == nil { activeBlank = pieces.count - 1 }
            }
        }
        macroSavings.append(macro.template.cannedCharacters - keys)
        insertedMacros.append(macro.shortcut)
    }

    /// Moves the cursor to the next blank, or to the end after the last one; from the end, to the first blank
    /// still empty. Returns false when there is no blank to go to.
    @discardableResult
    mutating func nextBlank(at time: Double) -> Bool {
        let blanks = pieces.indices.filter { if case .blank = pieces[$0] { true } else { false } }
        guard !blanks.isEmpty else { return false }
        noteKey(at: time)
        if let index = activeBlank {
            activeBlank = blanks.first { $0 > index }
        } else {
            activeBlank = blanks.first { if case .blank(_, let content) = pieces[$0] { content.isEmpty } else { false } } ?? blanks.first
        }
        return true
    }
}
