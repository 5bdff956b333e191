import Foundation
import TypeBarCore

/// One canned support reply to practise on: a file `passages/<category>/<slug>.txt` with optional front matter
/// (docs/passages.md), whose body, whitespace-normalised, is the typing target.
public struct Passage: Equatable, Sendable {
    public enum Difficulty: String, CaseIterable, Sendable, Comparable {
        case easy, medium, hard

        public static func < (lhs: Difficulty, rhs: Difficulty) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// Length bands by word count: short under 40 words, medium 40-100, long over 100.
    public enum Length: String, Sendable {
        case short, medium, long

        init(words: Int) {
            self = words < 40 ? .short : (words <= 100 ? .medium : .long)
        }
    }

    /// Where a passage came from.
    public enum Origin: Equatable, Sendable {
        case builtIn
        case file(String)
    }

    /// `category/slug`.
    public var id: String
    public var title: String
    public var difficulty: Difficulty
    public var tags: [String]
    /// The typing target: the body, whitespace-normalised.
    public var text: String
    public var origin: Origin

    /// The id up to its `/`, found on the bytes: every start asks each passage its category.
    public var category: String {
        guard let slash = id.utf8.firstIndex(of: UInt8(ascii: "/")) else { return id }
        return String(id[..<slash])
    }
    /// Runs of characters between spaces, counted on the bytes: `passages list` asks every passage.
    public var words: Int {
        var count = 0
        var inWord = false
        for byte in text.utf8 {
            if byte == 0x20 {
                inWord = false
            } else if !inWord {
                inWord = true
                count += 1
            }
        }
        return count
    }
    public var length: Length { Length(words: words) }

    /// Parses a passage file's contents. Fails on bad front matter or an empty body; lint finds the rest.
    public static func parse(_ contents: String, id: String, origin: Origin) throws(PassageFileProblem) -> Passage {
        let file = PassageFile(contents)
        if let first = file.problems.first { throw first }
        let text = TargetText.normaliseWhitespace(file.body)
        guard !text.isEmpty else { throw PassageFileProblem(line: file.bodyStartLine, message: "the passage has no text to type") }
        let slug = id.split(separator: "/").last.map(String.init) ?? id
        return Passage(
            id: id,
            title: file.fields["title"] ?? Passage.title(fromSlug: slug),
            difficulty: file.fields["difficulty"].flatMap(Difficulty.init(rawValue:)) ?? Passage.estimatedDifficulty(of: text),
            tags: file.fields["tags"].map(Passage.tags(from:)) ?? [],
            text: text,
            origin: origin)
    }

    /// "charged-twice" → "Charged twice".
    static func title(fromSlug slug: String) -> String {
        let words = slug.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    static func tags(from field: String) -> [String] {
        field.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Without a `difficulty:` field: how much of the text is digits and symbols, the keys that slow typists most.
    /// Over 12 % is hard, over 5 % medium, else easy.
    static func estimatedDifficulty(of text: String) -> Difficulty {
        var awkward = 0
        var total = 0
        for character in text where character != " " {
            total += 1
            if !character.isLetter && character != "," && character != "." { awkward += 1 }
        }
        guard total > 0 else { return .easy }
        let share = Double(awkward) / Double(total)
        return share > 0.12 ? .hard : (share > 0.05 ? .medium : .easy)
    }
}

/// A problem at a line of a passage file.
public struct PassageFileProblem: Error, Equatable, Sendable {
    public var line: Int
    public var message: String
}

/// A passage file split into front matter and body, with any front-matter problems found on the way.
struct PassageFile {
    static let fieldNames = ["title", "difficulty", "tags"]

    var fields: [String: String] = [:]
    var body: String
    /// The 1-based line the body starts on.
    var bodyStartLine = 1
    var problems: [PassageFileProblem] = []

    init(_ contents: String) {
        let lines = contents.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---" else {
            body = contents
            return
        }
        guard let close = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" }) else {
            problems.append(PassageFileProblem(line: 1, message: "front matter opened with '---' is never closed; end it with a line '---'"))
            body = ""
            return
        }
        for index in 1..<close {
            let line = lines[index]
            let lineNumber = index + 1
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            guard let colon = line.firstIndex(of: ":") else {
                problems.append(PassageFileProblem(line: lineNumber, message: "front matter lines are 'name: value'; found \(quoted(line))"))
                continue
            }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard PassageFile.fieldNames.contains(name) else {
                problems.append(PassageFileProblem(line: lineNumber, message: "unknown front matter field \(quoted(name)); the fields are title, difficulty and tags"))
                continue
            }
            guard fields[name] == nil else {
                problems.append(PassageFileProblem(line: lineNumber, message: "\(quoted(name)) is given twice"))
                continue
            }
            if name == "difficulty" && Passage.Difficulty(rawValue: value) == nil {
                problems.append(PassageFileProblem(line: lineNumber, message: "difficulty \(quoted(value)) is not easy, medium or hard"))
                continue
            }
            fields[name] = value
        }
        bodyStartLine = close + 2
        body = lines[(close + 1)...].joined(separator: "\n")
    }
}
