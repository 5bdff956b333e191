import CHunspell
import Synchronization
import TypeBarCore
#if canImport(Glibc)
import Glibc
#endif

/// A spell checker over a Hunspell dictionary (Debian's hunspell-en-us by default): what free mode and the
/// proofreading drill check words with. The dictionary is read once; a word is checked in microseconds.
public final class HunspellChecker: SpellChecker, @unchecked Sendable {
    /// Hunspell is not safe to call from two threads at once: every call goes through the lock.
    private let handle: Mutex<OpaquePointer>
    /// The dictionary read, as `…/en_US` (its .aff and .dic beside each other).
    public let dictionary: String

    /// Where a dictionary is looked for, in order: `TYPEBAR_DICTIONARY` (a .dic file, or its path without the
    /// extension), then Debian's and other distributions' folders.
    public static let folders = ["/usr/share/hunspell", "/usr/share/myspell", "/usr/share/myspell/dicts", "/usr/local/share/hunspell"]

    /// Opens the `language` dictionary (`en_US`), or the one `override` names; a clear error when none is there.
    public init(language: String = "en_US", override: String? = nil) throws(SpellingError) {
        var searched: [String] = []
        var found: String?
        if let override, !override.isEmpty {
            let base = override.hasSuffix(".dic") ? String(override.dropLast(4)) : override
            searched.append(base + ".dic")
            if HunspellChecker.exists(base) { found = base }
        } else {
            for folder in HunspellChecker.folders {
                let base = folder + "/" + language
                searched.append(base + ".dic")
                if HunspellChecker.exists(base) { found = base; break }
            }
        }
        guard let base = found else { throw .missingDictionary(language: language, searched: searched) }
        guard let created = Hunspell_create(base + ".aff", base + ".dic") else { throw .unreadable(path: base + ".dic") }
        handle = Mutex(created)
        dictionary = base
    }

    deinit {
        handle.withLock { Hunspell_destroy($0) }
    }

    private static func exists(_ base: String) -> Bool {
        access(base + ".aff", R_OK) == 0 && access(base + ".dic", R_OK) == 0
    }

    public func isCorrect(_ word: String) -> Bool {
        // The curly apostrophe reads as the straight one; a word of digits is no word to check.
        let plain = word.replacing("’", with: "'")
        guard plain.contains(where: \.isLetter) else { return true }
        return handle.withLock { Hunspell_spell($0, plain) != 0 }
    }
}

/// Why spelling cannot be checked.
public enum SpellingError: Error, CustomStringConvertible, Equatable, Sendable {
    case missingDictionary(language: String, searched: [String])
    case unreadable(path: String)

    public var description: String {
        switch self {
        case .missingDictionary(let language, let searched):
            "free-written replies are spell-checked with Hunspell's \(language) dictionary, which is not installed (looked for "
                + searched.joined(separator: ", ") + "); install it (apt-get install hunspell-en-us) or point TYPEBAR_DICTIONARY at a .dic file"
        case .unreadable(let path):
            "\(path): Hunspell could not read this dictionary; check that its .aff file sits beside it"
        }
    }
}
