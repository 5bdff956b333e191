/// A reply a draft can be made from: a built-in reply filled with a customer's drawn details, and the message it
/// answers. TypeBarKit reads them from the scenarios (their turns' replies, canned ones included).
public struct ProofreadMaterial: Equatable, Sendable {
    /// A piece of the reply: canned text, or a detail's value (which a wrong detail may change).
    public enum Piece: Equatable, Sendable {
        case text(String)
        case detail(name: String, value: String)
    }

    public var source: String
    public var customer: String
    public var message: String
    public var reply: [Piece]

    public init(source: String, customer: String, message: String, reply: [Piece]) {
        self.source = source
        self.customer = customer
        self.message = message
        self.reply = reply
    }

    /// The reply as it should read.
    public var text: String {
        reply.map { piece in
            switch piece {
            case .text(let text): text
            case .detail(_, let value): value
            }
        }.joined()
    }
}

/// Makes proofreading drafts: picks replies with a seed and plants 1 to 4 errors in each (docs/drills.md,
/// "Proofreading", has the rules). The same materials and seed give the same drafts on every machine.
public enum ProofreadGenerator {
    /// A reply is drafted only when it has at least this many words, so errors have room, and at most this many,
    /// so a draft fits a small window.
    public static let words = 12...60

    /// `count` drafts from `materials` (each reply at most once while there are enough), errors planted with `seed`.
    public static func drafts(count: Int, from materials: [ProofreadMaterial], seed: UInt64) -> [ProofreadDraft] {
        let usable = materials.filter { words.contains($0.text.split(separator: " ").count) && TargetText.normaliseWhitespace($0.text) == $0.text }
        guard !usable.isEmpty else { return [] }
        let known = knownWords(materials)
        var random = SplitMix64(seed: seed)
        var order: [Int] = []
        var drafts: [ProofreadDraft] = []
        var tries = 0
        while drafts.count < count, tries < count * 20 {
            tries += 1
            if order.isEmpty { order = shuffled(Array(usable.indices), &random) }
            let material = usable[order.removeLast()]
            if let draft = plant(material, random: &random, known: known) { drafts.append(draft) }
        }
        return drafts
    }

    /// Every word of the materials' replies and messages, lowercased: a misspelling is never one of them.
    static func knownWords(_ materials: [ProofreadMaterial]) -> Set<String> {
        var known = Set<String>()
        for material in materials {
            for text in [material.text, material.message] {
                for word in text.split(whereSeparator: { !$0.isLetter }) { known.insert(word.lowercased()) }
            }
        }
        return known
    }

    static func shuffled(_ values: [Int], _ random: inout SplitMix64) -> [Int] {
        var values = values
        guard values.count > 1 else { return values }
        for index in stride(from: values.count - 1, to: 0, by: -1) { values.swapAt(index, random.below(index + 1)) }
        return values
    }

    // MARK: - Planting

    /// A word of the answer: its text, where it lies, and the detail it belongs to, if any.
    struct Token {
        var text: String
        var range: Range<Int>
        var detail: Bool
    }

    /// One planted change before it is placed: the answer's characters it replaces and what the draft reads there.
    struct Plant {
        var kind: ProofreadError.Kind
        var answer: Range<Int>
        var draftText: String
        var detail: String?
    }

    /// Phrases a customer would take badly, added as a sentence of their own after a sentence.
    public static let toneSentences = [
        "Calm down, please.", "As I already said, it is all in my last message.", "You should have checked that first.",
        "You should have read our e-mail.", "That is not our problem.",
    ]
    /// Phrases added in front of a sentence that starts with "I".
    public static let tonePrefixes = ["Calm down, ", "Look, "]
    /// Words a shouted word is taken from when the reply holds one; otherwise any lowercase word of 4 letters or more.
    public static let shoutable: Set<String> = ["not", "now", "already", "never", "cannot", "please", "today", "nothing", "only", "really", "all", "again", "free", "within"]
    /// Small words a missing word is taken from.
    public static let smallWords: Set<String> = [
        "the", "a", "an", "to", "is", "for", "of", "on", "in", "it", "and", "your", "you", "have", "will", "be", "with", "can", "that",
        "this", "are", "has", "was", "now", "so", "my", "our", "at", "by", "me", "am",
    ]
    /// Common misspellings of words the replies hold, tried before a letter is swapped, doubled or dropped.
    public static let commonMisspellings: [String: String] = [
        "receive": "recieve", "received": "recieved", "separate": "seperate", "definitely": "definately", "necessary": "neccessary",
        "until": "untill", "tomorrow": "tommorow", "address": "adress", "believe": "beleive", "immediately": "immediatly",
        "business": "buisness", "sincerely": "sincerly", "replacement": "replacment", "courier": "courrier", "account": "acount",
        "apologise": "appologise", "which": "wich", "really": "realy", "because": "becuase", "unfortunately": "unfortunatly",
        "minutes": "minites", "review": "reveiw", "invoice": "invoise", "calendar": "calender", "straight": "staight",
        "arrives": "arives", "sorry": "sory", "tracking": "traking", "lovely": "lovley", "anything": "anythign",
    ]

    /// A draft of `material` with 1 to 4 errors, or nil when none could be placed so that the untouched draft is
    /// marked with every error missed and nothing introduced (the check every draft passes).
    static func plant(_ material: ProofreadMaterial, random: inout SplitMix64, known: Set<String>) -> ProofreadDraft? {
        let answer = material.text
        let tokens = tokenize(material)
        for _ in 0..<8 {
            let wanted = 1 + random.below(4)
            var taken = Array(repeating: false, count: tokens.count)
            var plants: [Plant] = []
            var counts: [ProofreadError.Kind: Int] = [:]
            for _ in 0..<wanted {
                var options: [(ProofreadError.Kind, [Plant])] = []
                for kind in ProofreadError.Kind.allCases where (counts[kind] ?? 0) < (kind == .misspelling ? 2 : 1) {
                    let candidates = self.candidates(kind, material: material, tokens: tokens, taken: taken, known: known, random: &random)
                    guard !candidates.isEmpty else { continue }
                    // A wrong detail fits few replies (the detail must be in the customer's message): where it fits,
                    // it is twice as likely as each other kind.
                    options.append((kind, candidates))
                    if kind == .wrongDetail { options.append((kind, candidates)) }
                }
                guard !options.isEmpty else { break }
                let (kind, found) = options[random.below(options.count)]
                let plant = found[random.below(found.count)]
                plants.append(plant)
                counts[kind, default: 0] += 1
                for index in tokens.indices where tokens[index].range.overlaps(plant.answer) || isNeighbour(index, of: plant, tokens) {
                    taken[index] = true
                }
            }
            guard !plants.isEmpty else { return nil }
            let draft = build(material, answer: answer, plants: plants.sorted { $0.answer.lowerBound < $1.answer.lowerBound })
            let untouched = ProofreadMarking(draft: draft, final: draft.draft)
            if draft.problem == nil, untouched.fixedCount == 0, untouched.introduced.isEmpty { return draft }
        }
        return nil
    }

    /// The answer's words, each marked when it holds (part of) a detail's value.
    static func tokenize(_ material: ProofreadMaterial) -> [Token] {
        var detailRanges: [Range<Int>] = []
        var at = 0
        for piece in material.reply {
            switch piece {
            case .text(let text): at += text.count
            case .detail(_, let value):
                detailRanges.append(at..<(at + value.count))
                at += value.count
            }
        }
        return ProofreadMarking.words(material.text).map { word in
            Token(text: word.text, range: word.range, detail: detailRanges.contains { $0.overlaps(word.range) })
        }
    }

    /// Whether token `index` lies next to `plant`: an added phrase sits between two words, and neither may change.
    static func isNeighbour(_ index: Int, of plant: Plant, _ tokens: [Token]) -> Bool {
        let range = tokens[index].range
        return range.upperBound == plant.answer.lowerBound || range.upperBound + 1 == plant.answer.lowerBound
            || range.lowerBound == plant.answer.upperBound || range.lowerBound == plant.answer.upperBound + 1
    }

    /// Whether a plant may change tokens `indices`: none of them, nor a word next to them, is taken.
    static func free(_ indices: [Int], _ taken: [Bool]) -> Bool {
        indices.allSatisfy { index in
            (max(0, index - 1)...min(taken.count - 1, index + 1)).allSatisfy { !taken[$0] }
        }
    }

    /// The places `kind` could go: words not taken, with no taken word next to them.
    static func candidates(
        _ kind: ProofreadError.Kind, material: ProofreadMaterial, tokens: [Token], taken: [Bool], known: Set<String>, random: inout SplitMix64
    ) -> [Plant] {
        var found: [Plant] = []
        switch kind {
        case .misspelling:
            for (index, token) in tokens.enumerated() where !token.detail && free([index], taken) {
                guard let (core, range) = core(of: token), core.count >= 4, core.allSatisfy({ $0.isASCII && $0.isLetter }) else { continue }
                if let wrong = misspell(core, random: &random, known: known) {
                    found.append(Plant(kind: .misspelling, answer: range, draftText: wrong))
                }
            }
        case .wrongDetail:
            var at = 0
            for piece in material.reply {
                switch piece {
                case .text(let text): at += text.count
                case .detail(let name, let value):
                    let range = at..<(at + value.count)
                    at += value.count
                    let covered = tokens.indices.filter { tokens[$0].range.overlaps(range) }
                    guard value.contains(where: \.isNumber), material.message.contains(value), free(covered, taken) else { continue }
                    // One digit changed to another: the draft's value differs from the message's by that digit.
                    var characters = Array(value)
                    let digits = characters.indices.filter { characters[$0].isASCII && characters[$0].isNumber }
                    guard !digits.isEmpty else { continue }
                    let position = digits[random.below(digits.count)]
                    let old = Int(characters[position].asciiValue! - 48)
                    characters[position] = Character(Unicode.Scalar(UInt8(48 + (old + 1 + random.below(9)) % 10)))
                    found.append(Plant(kind: .wrongDetail, answer: range, draftText: String(characters), detail: name))
                }
            }
        case .toneSlip:
            var shouts: [Plant] = []
            var anyWord: [Plant] = []
            for (index, token) in tokens.enumerated() where !token.detail && free([index], taken) {
                // A sentence added after one that ends here.
                if let last = token.text.last, ".!?".contains(last), free([index] + (index + 1 < tokens.count ? [index + 1] : []), taken) {
                    let sentence = toneSentences[random.below(toneSentences.count)]
                    let point = token.range.upperBound
                    found.append(Plant(kind: .toneSlip, answer: point..<point, draftText: " " + sentence))
                }
                // A phrase in front of a sentence that starts with "I".
                if token.text == "I", index == 0 || tokens[index - 1].text.last.map({ ".!?".contains($0) }) == true {
                    let prefix = tonePrefixes[random.below(tonePrefixes.count)]
                    let point = token.range.lowerBound
                    found.append(Plant(kind: .toneSlip, answer: point..<point, draftText: prefix))
                }
                guard let (core, range) = core(of: token), core.allSatisfy({ $0.isASCII && $0.isLowercase }) else { continue }
                let shouted = Plant(kind: .toneSlip, answer: range, draftText: core.uppercased())
                if shoutable.contains(core) { shouts.append(shouted) } else if core.count >= 4 { anyWord.append(shouted) }
            }
            found += shouts.isEmpty ? anyWord : shouts
        case .missingWord:
            for (index, token) in tokens.enumerated() where index > 0 && !token.detail && smallWords.contains(token.text) && free([index], taken) {
                // Never one of two equal words in a row: which of them is missing could not be told.
                if tokens[index - 1].text == token.text || (index + 1 < tokens.count && tokens[index + 1].text == token.text) { continue }
                let range = (token.range.lowerBound - 1)..<token.range.upperBound
                found.append(Plant(kind: .missingWord, answer: range, draftText: ""))
            }
        }
        return found
    }

    /// The letters of a word without the punctuation around it, and where they lie; nil when nothing is left.
    static func core(of token: Token) -> (String, Range<Int>)? {
        let characters = Array(token.text)
        var start = 0
        var end = characters.count
        while start < end, !characters[start].isLetter { start += 1 }
        while end > start, !characters[end - 1].isLetter { end -= 1 }
        guard start < end else { return nil }
        return (String(characters[start..<end]), (token.range.lowerBound + start)..<(token.range.lowerBound + end))
    }

    /// A real-looking misspelling of `word` that is no word the replies use: a common misspelling when there is
    /// one, else two letters swapped, a letter doubled or a letter dropped (never the first letter).
    static func misspell(_ word: String, random: inout SplitMix64, known: Set<String>) -> String? {
        func acceptable(_ candidate: String) -> Bool { candidate != word && !known.contains(candidate.lowercased()) }
        if let common = commonMisspellings[word.lowercased()], word.first?.isLowercase == true, acceptable(common) { return common }
        let letters = Array(word)
        let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y"]
        for _ in 0..<6 {
            var candidate = letters
            switch random.below(3) {
            case 0:
                let at = 1 + random.below(letters.count - 2)
                guard candidate[at] != candidate[at + 1] else { continue }
                candidate.swapAt(at, at + 1)
            case 1:
                let at = 1 + random.below(letters.count - 1)
                guard !vowels.contains(candidate[at]), candidate[at - 1] != candidate[at], at + 1 == letters.count || candidate[at + 1] != candidate[at] else { continue }
                candidate.insert(candidate[at], at: at)
            default:
                guard letters.count >= 5 else { continue }
                candidate.remove(at: 1 + random.below(letters.count - 2))
            }
            let text = String(candidate)
            if acceptable(text) { return text }
        }
        return nil
    }

    /// The draft: the answer with each plant's characters replaced, and the errors where they landed.
    static func build(_ material: ProofreadMaterial, answer: String, plants: [Plant]) -> ProofreadDraft {
        let characters = Array(answer)
        var draft = ""
        var errors: [ProofreadError] = []
        var at = 0
        for plant in plants {
            draft += String(characters[at..<plant.answer.lowerBound])
            let start = draft.count
            draft += plant.draftText
            errors.append(ProofreadError(
                kind: plant.kind, draftStart: start, draftText: plant.draftText, answerStart: plant.answer.lowerBound,
                answerText: String(characters[plant.answer]), detail: plant.detail))
            at = plant.answer.upperBound
        }
        draft += String(characters[at...])
        return ProofreadDraft(source: material.source, customer: material.customer, message: material.message, draft: draft, answer: answer, errors: errors)
    }
}
