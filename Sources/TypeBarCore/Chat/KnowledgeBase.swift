/// The help desk's knowledge base: the canned replies, found by what an agent types into its search. The same
/// query always lists the same replies in the same order, and the list never marks which one a turn expects.
public struct KnowledgeBase: Sendable {
    public let replies: [ChatMacro]
    /// Each reply's searchable words, lowercased: shortcut, title and keywords; then the words of its text.
    private let named: [[String]]
    private let texts: [[String]]
    /// Each reply's shortcut, lowercased once rather than at every key of a query.
    private let shortcuts: [String]

    public init(_ replies: [ChatMacro]) {
        self.replies = replies
        named = replies.map { macro in
            KnowledgeBase.words(macro.shortcut) + KnowledgeBase.words(macro.title) + macro.keywords.flatMap(KnowledgeBase.words)
        }
        texts = replies.map { KnowledgeBase.words($0.template.display) }
        shortcuts = replies.map { $0.shortcut.lowercased() }
    }

    /// The replies matching `query`, best first: every word of the query must begin a word of the reply. Replies
    /// whose shortcut begins with the query come first, then those matched by their shortcut, title and keywords
    /// alone, then those that needed their text; within each, the knowledge base's own order. An empty query
    /// lists every reply.
    public func search(_ query: String) -> [ChatMacro] {
        let terms = KnowledgeBase.words(query)
        guard !terms.isEmpty else { return replies }
        let whole = query.lowercased().filter { !$0.isWhitespace && $0 != "/" }
        var ranked: [(rank: Int, index: Int)] = []
        for index in replies.indices {
            let byName = terms.allSatisfy { term in named[index].contains { $0.hasPrefix(term) } }
            if shortcuts[index].hasPrefix(whole) {
                ranked.append((0, index))
            } else if byName {
                ranked.append((1, index))
            } else if terms.allSatisfy({ term in named[index].contains { $0.hasPrefix(term) } || texts[index].contains { $0.hasPrefix(term) } }) {
                ranked.append((2, index))
            }
        }
        return ranked.sorted { ($0.rank, $0.index) < ($1.rank, $1.index) }.map { replies[$0.index] }
    }

    /// Lowercased runs of letters and digits: "E-mail reset!" is ["e", "mail", "reset"].
    static func words(_ text: String) -> [String] {
        // ASCII, as replies mostly are, a byte at a time; other text by its characters.
        var words: [String] = []
        var bytes: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case 0x80...: return lettersAndDigits(text)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte + 0x20)
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): bytes.append(byte)
            default:
                if !bytes.isEmpty { words.append(String(decoding: bytes, as: UTF8.self)) }
                bytes.removeAll(keepingCapacity: true)
            }
        }
        if !bytes.isEmpty { words.append(String(decoding: bytes, as: UTF8.self)) }
        return words
    }

    static func lettersAndDigits(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}
