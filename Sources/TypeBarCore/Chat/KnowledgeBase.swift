/// The help desk's knowledge base: the canned replies, found by what an agent types into its search. The same
/// query always lists the same replies in the same order, and the list never marks which one a turn expects.
public struct KnowledgeBase: Sendable {
    public let replies: [ChatMacro]
    /// Each reply's searchable words, lowercased: shortcut, title and keywords; then the words of its text.
    private let named: [[String]]
    private let texts: [[String]]
    /// Each reply's shortcut, lowercased once rather than at every key of a query; as bytes when ASCII (as the
    /// scenario reader requires), compared a byte at a time: `String.hasPrefix` took as long as the rest of a search.
    private let shortcuts: [String]
    private let asciiShortcuts: [[UInt8]?]

    /// A word of a reply whose words are all ASCII, as bytes; whether it is among the reply's names.
    private struct Word: Sendable {
        var bytes: [UInt8]
        var reply: Int
        var named: Bool
    }
    /// Every such word once a reply, sorted by its bytes: the words an ASCII term begins are one run of the list,
    /// found by a binary search, instead of every word of every reply being tried at every key.
    private let sorted: [Word]
    /// Whether a reply's words are all ASCII; the others are matched as strings, whose comparison also takes
    /// characters written in two ways as one.
    private let ascii: [Bool]

    public init(_ replies: [ChatMacro]) {
        self.replies = replies
        let named = replies.map { macro in
            KnowledgeBase.words(macro.shortcut) + KnowledgeBase.words(macro.title) + macro.keywords.flatMap(KnowledgeBase.words)
        }
        let texts = replies.map { KnowledgeBase.words($0.template.display) }
        let ascii = replies.indices.map { index in (named[index] + texts[index]).allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } } }
        var words: [Word] = []
        for index in replies.indices where ascii[index] {
            var seen: [String: Int] = [:]
            for (list, isName) in [(named[index], true), (texts[index], false)] {
                for word in list {
                    if let at = seen[word] {
                        words[at].named = words[at].named || isName
                    } else {
                        seen[word] = words.count
                        words.append(Word(bytes: Array(word.utf8), reply: index, named: isName))
                    }
                }
            }
        }
        self.named = named
        self.texts = texts
        self.ascii = ascii
        shortcuts = replies.map { $0.shortcut.lowercased() }
        asciiShortcuts = shortcuts.map { shortcut in shortcut.utf8.allSatisfy { $0 < 0x80 } ? Array(shortcut.utf8) : nil }
        sorted = words.sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) }
    }

    /// The replies matching `query`, best first: every word of the query must begin a word of the reply. Replies
    /// whose shortcut begins with the query come first, then those matched by their shortcut, title and keywords
    /// alone, then those that needed their text; within each, the knowledge base's own order. An empty query
    /// lists every reply.
    public func search(_ query: String) -> [ChatMacro] {
        matches(query).map { replies[$0] }
    }

    /// `search`'s replies as their places in `replies`: what a search list keeps from key to key, without a copy of
    /// each reply it finds.
    public func matches(_ query: String) -> [Int] {
        let terms = KnowledgeBase.words(query)
        guard !terms.isEmpty else { return Array(replies.indices) }
        // The query without spaces and slashes, lowercased: what a shortcut must begin with.
        let whole = query.lowercased().filter { !$0.isWhitespace && $0 != "/" }
        let wholeBytes = Array(whole.utf8)
        // How many of the terms begin a word of each ASCII reply's names, and of its names or text: each ASCII term
        // looked up once in the sorted words. A term outside ASCII is matched as a string in every reply.
        let asciiTerms = terms.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } }
        var byName = [Int](repeating: 0, count: replies.count)
        var byAny = byName
        if asciiTerms {
            // The term a reply was last counted for, by names and by names or text: one count a term and reply,
            // however many of its words the term begins.
            var nameMark = [Int](repeating: -1, count: replies.count)
            var anyMark = nameMark
            for (number, term) in terms.enumerated() {
                let bytes = Array(term.utf8)
                var low = 0, high = sorted.count
                while low < high {
                    let middle = (low + high) / 2
                    if sorted[middle].bytes.lexicographicallyPrecedes(bytes) { low = middle + 1 } else { high = middle }
                }
                while low < sorted.count && sorted[low].bytes.starts(with: bytes) {
                    let reply = sorted[low].reply
                    if sorted[low].named && nameMark[reply] != number {
                        nameMark[reply] = number
                        byName[reply] += 1
                    }
                    if anyMark[reply] != number {
                        anyMark[reply] = number
                        byAny[reply] += 1
                    }
                    low += 1
                }
            }
        }
        // Each reply's rank (0 to 2, 3 for none), then the places rank by rank: one list, not one a rank.
        var ranks = [UInt8](repeating: 3, count: replies.count)
        var found = 0
        for index in replies.indices {
            let inName: Bool, inAny: Bool
            if asciiTerms && ascii[index] {
                inName = byName[index] == terms.count
                inAny = byAny[index] == terms.count
            } else {
                inName = terms.allSatisfy { term in named[index].contains { $0.hasPrefix(term) } }
                inAny = inName || terms.allSatisfy { term in named[index].contains { $0.hasPrefix(term) } || texts[index].contains { $0.hasPrefix(term) } }
            }
            let shortcutFits = asciiShortcuts[index].map { $0.starts(with: wholeBytes) } ?? shortcuts[index].hasPrefix(whole)
            let rank: UInt8 = shortcutFits ? 0 : inName ? 1 : inAny ? 2 : 3
            ranks[index] = rank
            if rank < 3 { found += 1 }
        }
        var places: [Int] = []
        places.reserveCapacity(found)
        for rank in UInt8(0)...2 {
            for index in replies.indices where ranks[index] == rank { places.append(index) }
        }
        return places
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
