/// The shared lexicon the writing rubric reads replies with: phrase classes for what a good reply has, and the
/// phrases no customer should read. Every list is documented in docs/chat.md ("The lexicon"); matching is on whole
/// words, case-insensitive.
public enum WritingLexicon {
    public static let greetings = [
        "hi", "hello", "hey", "good morning", "good afternoon", "good evening", "dear", "welcome",
        "thanks for waiting", "thank you for waiting", "thanks for getting in touch", "thank you for getting in touch",
        "thanks for contacting", "thank you for contacting", "thanks for reaching out", "thank you for reaching out",
    ]
    public static let empathy = [
        "sorry", "apologise", "apologize", "apologies", "i understand", "i can see how", "i can imagine", "that must be",
        "frustrating", "i know how", "thank you for your patience", "thanks for your patience",
    ]
    /// A next step is a sentence holding an action and a time: what happens, and when.
    public static let actions = [
        "will", "i have", "i've", "we have", "we've", "you'll", "you will", "i'm sending", "i am sending", "expect",
        "is on its way", "due", "arrives", "should", "i'll", "we'll",
    ]
    public static let times = [
        "today", "tomorrow", "tonight", "within", "by", "day", "days", "hour", "hours", "minute", "minutes", "week",
        "weeks", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "soon", "now",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december",
    ]
    public static let closings = [
        "anything else", "let me know", "happy to help", "glad to help", "have a lovely day", "have a great day",
        "have a nice day", "have a good day", "take care", "feel free", "if you need anything", "thanks for chatting",
    ]
    public static let blame = [
        "you should have", "your fault", "you failed to", "you were supposed to", "as you should know", "you forgot to",
        "you didn't read", "you did not read",
    ]
    public static let dismissive = [
        "calm down", "as i already said", "as i said", "like i said", "i already told you", "obviously", "not my problem",
        "nothing i can do", "whatever", "you need to understand",
    ]

    /// The element's name in a deduction: "next step".
    public static func name(of element: ReplyRubric.Element) -> String {
        switch element {
        case .greeting: "greeting with the customer's name"
        case .empathy: "acknowledgement or empathy"
        case .nextStep: "next step (what happens and when)"
        case .closing: "closing or offer of more help"
        }
    }

    /// Whether `text` shows `element`; a greeting needs the customer's `name` too, when there is one.
    public static func shows(_ element: ReplyRubric.Element, in text: String, name: String?) -> Bool {
        let lower = text.lowercased()
        switch element {
        case .greeting:
            let named = name.map { ChatShift.contains(text, detail: $0) } ?? true
            return named && greetings.contains { holds(lower, phrase: $0) }
        case .empathy:
            return empathy.contains { holds(lower, phrase: $0) }
        case .nextStep:
            return sentences(lower).contains { sentence in
                actions.contains { holds(sentence, phrase: $0) } && times.contains { holds(sentence, phrase: $0) }
            }
        case .closing:
            return closings.contains { holds(lower, phrase: $0) }
        }
    }

    /// Whether lowercased `text` holds `phrase` as whole words.
    public static func holds(_ text: String, phrase: String) -> Bool {
        let haystack = Array(text), needle = Array(phrase)
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        func isWord(_ character: Character) -> Bool { character.isLetter || character.isNumber || character == "'" }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            guard Array(haystack[start..<(start + needle.count)]) == needle else { continue }
            if start > 0, isWord(haystack[start - 1]) { continue }
            if start + needle.count < haystack.count, isWord(haystack[start + needle.count]) { continue }
            return true
        }
        return false
    }

    /// The words of `text`: runs of letters, digits, apostrophes and inner hyphens, without the punctuation around.
    public static func words(in text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for character in text {
            if character.isLetter || character.isNumber || character == "'" || character == "’" || character == "-" {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words.map { String($0.drop { $0 == "-" || $0 == "'" }.reversed().drop { $0 == "-" || $0 == "'" }.reversed()) }.filter { !$0.isEmpty }
    }

    /// The sentences of `text`: split after `.`, `!` or `?` followed by a space (so "$24.50" stays whole).
    public static func sentences(_ text: String) -> [String] {
        var sentences: [String] = []
        var current = ""
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            current.append(character)
            let ends = character == "." || character == "!" || character == "?"
            if ends, index + 1 == characters.count || characters[index + 1] == " " {
                let trimmed = current.drop { $0 == " " }
                if !trimmed.isEmpty { sentences.append(String(trimmed)) }
                current = ""
            }
        }
        let rest = current.drop { $0 == " " }
        if !rest.isEmpty { sentences.append(String(rest)) }
        return sentences
    }

    /// What in `text` reads as shouting: a word of four or more capital letters (not one of the customer's own
    /// details, like an invoice code), or two exclamation marks in a row; nil when nothing does.
    public static func shouting(_ text: String, allowed: Set<String>) -> String? {
        if text.contains("!!") { return "'!!' reads as shouting" }
        for word in words(in: text) where word.count >= 4 && word.allSatisfy({ $0.isLetter && $0.isUppercase }) && !allowed.contains(word) {
            return "'\(word)' reads as shouting"
        }
        return nil
    }

    /// British spellings and their American forms, for a dictionary of one kind: each part of a word on the left
    /// tried as the right (`colour` as `color`, `apologise` as `apologize`, `cancelled` as `canceled`).
    public static let americanForms: [(british: String, american: String)] = [
        ("our", "or"), ("ise", "ize"), ("isation", "ization"), ("yse", "yze"), ("lled", "led"), ("lling", "ling"),
        ("ller", "ler"), ("tre", "ter"), ("ogue", "og"), ("ence", "ense"), ("gement", "gment"), ("eing", "ing"),
        ("grey", "gray"), ("cheque", "check"), ("programme", "program"), ("tyre", "tire"), ("kerb", "curb"),
        ("jewellery", "jewelry"), ("aluminium", "aluminum"), ("enquir", "inquir"), ("enrol", "enroll"),
        ("fulfil", "fulfill"), ("instalment", "installment"), ("despatch", "dispatch"),
    ]

    /// The American forms a British spelling of `word` may have, lowercased: a dictionary that knows one of them
    /// knows the word. "cancelled" gives "canceled"; a word with no British part gives none.
    public static func americanSpellings(of word: String) -> [String] {
        let lower = word.lowercased()
        var forms: [String] = []
        for (british, american) in americanForms where lower.contains(british) {
            let form = lower.replacing(british, with: american)
            if !forms.contains(form) { forms.append(form) }
        }
        return forms
    }

    /// The first word written twice in a row ("the the"), if any.
    public static func doubledWord(_ text: String) -> String? {
        let list = words(in: text.lowercased()).filter { $0.allSatisfy(\.isLetter) }
        for index in list.indices.dropFirst() where list[index] == list[index - 1] { return list[index] }
        return nil
    }
}
