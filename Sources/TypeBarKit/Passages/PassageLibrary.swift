import Foundation
import TypeBarCore

/// The passages typebar can use: the built-in set embedded in the binary, overlaid by a trainer's own directory.
public struct PassageLibrary: Sendable {
    /// A passage file larger than this is refused: no support reply is a megabyte long.
    public static let maximumFileBytes = 1 << 20

    /// Passages by id, sorted by id.
    public private(set) var passages: [Passage]
    /// User passages that could not be loaded; the rest of the library is still there.
    public private(set) var problems: [TypeBarError]

    public init(passages: [Passage], problems: [TypeBarError] = []) {
        self.passages = passages.sorted { $0.id < $1.id }
        self.problems = problems
    }

    /// The embedded passage files, as `(path relative to passages/, contents)`.
    public static var builtInFiles: [(path: String, contents: String)] { BuiltInPassages.files }

    /// The built-in passages alone: parsed when the binary was built (scripts/embed-passages.py), so nothing is
    /// parsed here, and already in id order.
    public static let builtIn = PassageLibrary(sortedPassages: BuiltInPassages.passages)

    private init(sortedPassages: [Passage]) {
        passages = sortedPassages
        problems = []
    }

    /// The built-in passages with `userDirectory`'s on top (same id: the user's wins).
    /// A missing or unreadable directory is an error; a broken file in it is a problem noted and skipped.
    public static func load(userDirectory: String?) throws(TypeBarError) -> PassageLibrary {
        guard let userDirectory, !userDirectory.isEmpty else { return builtIn }
        let user = try loadDirectory(userDirectory)
        var byID = Dictionary(builtIn.passages.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for passage in user.passages { byID[passage.id] = passage }
        return PassageLibrary(passages: Array(byID.values), problems: builtIn.problems + user.problems)
    }

    /// Every `*.txt` passage in `directory`: `<category>/<slug>.txt`, or `<slug>.txt` at the top for category "custom".
    public static func loadDirectory(_ directory: String) throws(TypeBarError) -> PassageLibrary {
        let files = try passageFiles(in: directory)
        var passages: [Passage] = []
        var problems: [TypeBarError] = []
        var seen: [String: String] = [:]
        for file in files {
            if let problem = file.problem {
                problems.append(.badFile(path: file.path, problem: problem))
                continue
            }
            let id = id(forRelativePath: file.relative)
            if let duplicate = duplicateProblem(id, seen: seen) {
                problems.append(.badFile(path: file.path, problem: duplicate))
                continue
            }
            do {
                let contents = try readPassageFile(file.path)
                // What lint refuses does not load, in lint's words.
                if let refusal = PassageLint.lint(data: Data(contents.utf8), path: file.path).first(where: \.refuses) {
                    throw TypeBarError.badLine(path: file.path, line: refusal.line, problem: refusal.message)
                }
                let passage: Passage
                do {
                    passage = try Passage.parse(contents, id: id, origin: .file(file.path))
                } catch {
                    throw TypeBarError.badLine(path: file.path, line: error.line, problem: error.message)
                }
                seen[id] = file.path
                passages.append(passage)
            } catch let error as TypeBarError {
                problems.append(error)
            } catch {
                problems.append(.cannotRead(path: file.path, reason: "\(error)"))
            }
        }
        return PassageLibrary(passages: passages, problems: problems)
    }

    // MARK: - Finding passages

    /// The passage with `id`; an unknown id names the closest ones.
    public func passage(id rawID: String) throws(TypeBarError) -> Passage {
        let id = rawID.lowercased()
        guard PassageLibrary.isWellFormedID(id) else {
            throw .notFound("\(quoted(rawID)) is not a passage id: ids look like billing/charged-twice (see typebar passages list)")
        }
        if let found = passages.first(where: { $0.id == id }) { return found }
        let suggestions = closestIDs(to: id)
        var message = "no passage \(quoted(rawID))"
        if !suggestions.isEmpty { message += "; did you mean \(suggestions.joined(separator: ", "))?" }
        throw .notFound(message + " (typebar passages list shows them all)")
    }

    public var categories: [String] {
        Array(Set(passages.map(\.category))).sorted()
    }

    /// Passages matching the filters, in id order.
    public func passages(category: String? = nil, difficulty: Passage.Difficulty? = nil) throws(TypeBarError) -> [Passage] {
        let wanted = category?.lowercased()
        if let category, !passages.contains(where: { $0.category == wanted }) {
            throw .notFound("no category \(quoted(category)); the categories are \(categories.joined(separator: ", "))")
        }
        return passages.filter { passage in
            (wanted == nil || passage.category == wanted) && (difficulty == nil || passage.difficulty == difficulty)
        }
    }

    /// The same passages in an order fixed by `seed`: the same seed gives every candidate the same order.
    public static func shuffled(_ passages: [Passage], seed: UInt64) -> [Passage] {
        var generator = SplitMix64(seed: seed)
        return passages.shuffled(using: &generator)
    }

    /// Continuous text for a timed test: passages in seeded order, joined by spaces, until the text is at least
    /// `minimumCharacters` long (starting over in a new order when the set runs out). Returns the text and the
    /// ids used, in order.
    public static func continuousText(from passages: [Passage], seed: UInt64, minimumCharacters: Int) -> (text: String, ids: [String]) {
        guard !passages.isEmpty else { return ("", []) }
        var generator = SplitMix64(seed: seed)
        var text = ""
        var ids: [String] = []
        while text.count < minimumCharacters {
            for passage in passages.shuffled(using: &generator) {
                if !text.isEmpty { text += " " }
                text += passage.text
                ids.append(passage.id)
                if text.count >= minimumCharacters { break }
            }
        }
        return (text, ids)
    }

    // MARK: - Helpers

    static func id(forRelativePath path: String) -> String {
        var parts = path.split(separator: "/").map(String.init)
        if parts.count == 1 { parts.insert("custom", at: 0) }
        let category = parts[parts.count - 2]
        var slug = parts[parts.count - 1]
        if slug.lowercased().hasSuffix(".txt") { slug = String(slug.dropLast(4)) }
        return "\(normalisedName(category))/\(normalisedName(slug))"
    }

    /// Lowercase, with spaces and underscores as hyphens: "Late Orders" → "late-orders".
    static func normalisedName(_ name: String) -> String {
        name.lowercased().map { $0 == " " || $0 == "_" ? "-" : $0 }.reduce(into: "") { $0.append($1) }
    }

    static func isWellFormedID(_ id: String) -> Bool {
        // ASCII, as ids nearly always are, decided over bytes: Unicode's letter and number tables cost 40,000
        // instructions of a start for twenty characters.
        let ascii = id.withASCIIBytes { bytes -> Bool in
            var parts = 0
            var start = 0
            for end in 0...bytes.count where end == bytes.count || bytes[end] == UInt8(ascii: "/") {
                parts += 1
                let part = bytes[start..<end]
                guard parts <= 2, let first = part.first, first != UInt8(ascii: "."),
                      part.allSatisfy({ isIDByte($0) }) else { return false }
                start = end + 1
            }
            return parts == 2
        }
        return ascii ?? isWellFormedIDByCharacter(id)
    }

    /// A letter, digit, `-`, `_` or `.` of ASCII.
    private static func isIDByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
            true
        default:
            false
        }
    }

    /// The rule over characters: each of the two parts between slashes non-empty, not starting with a dot, and
    /// made of letters, numbers, `-`, `_` and `.`.
    static func isWellFormedIDByCharacter(_ id: String) -> Bool {
        let parts = id.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        return parts.allSatisfy { part in
            !part.isEmpty && part != "." && part != ".." && part.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }
                && !part.hasPrefix(".")
        }
    }

    private func closestIDs(to id: String) -> [String] {
        let slug = id.split(separator: "/").last.map(String.init) ?? id
        let scored = passages.map { passage -> (String, Int) in
            let passageSlug = passage.id.split(separator: "/").last.map(String.init) ?? passage.id
            let distance = min(editDistance(id, passage.id), editDistance(slug, passageSlug))
            let bonus = passage.id.contains(slug) && slug.count >= 3 ? -3 : 0
            return (passage.id, distance + bonus)
        }
        let limit = max(3, slug.count / 2)
        return scored.filter { $0.1 <= limit }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(3).map(\.0)
    }

    struct FoundFile {
        var path: String
        var relative: String
        /// Why the file cannot be a passage although it sits in the folder (a symlink out of it, a folder too deep);
        /// lint reports it and the loader skips the file with the same words.
        var problem: String?
    }

    /// `*.txt` files in `directory` and its immediate subdirectories, sorted, with those that cannot be passages
    /// marked: a symlink whose target lies outside the folder, and `.txt` files in folders one level too deep.
    /// Why a file cannot give passage `id` when `seen` (id to path) holds the files before it; nil when it can.
    static func duplicateProblem(_ id: String, seen: [String: String]) -> String? {
        seen[id].map { "duplicate passage id \(id): \($0) has it too; rename one file" }
    }

    static func passageFiles(in directory: String) throws(TypeBarError) -> [FoundFile] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw .cannotRead(path: directory, reason: "no such directory")
        }
        guard isDirectory.boolValue else { throw .cannotRead(path: directory, reason: "not a directory; give the folder that holds <category>/<slug>.txt files") }
        let top: [String]
        do {
            top = try manager.contentsOfDirectory(atPath: directory)
        } catch {
            throw .cannotRead(path: directory, reason: "the directory cannot be listed")
        }
        let root = URL(fileURLWithPath: directory).resolvingSymlinksInPath().path
        /// Why `path` cannot be read as a passage of this folder, if it cannot.
        func outside(_ path: String) -> String? {
            let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            guard resolved != root, !resolved.hasPrefix(root + "/") else { return nil }
            return "a symlink to \(resolved), outside the passages folder; copy the file in instead"
        }
        var files: [FoundFile] = []
        for entry in top.sorted() where !entry.hasPrefix(".") {
            let path = (directory as NSString).appendingPathComponent(entry)
            var entryIsDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &entryIsDirectory) else { continue }
            if entryIsDirectory.boolValue {
                let folderOutside = outside(path)
                let inner = (try? manager.contentsOfDirectory(atPath: path)) ?? []
                for name in inner.sorted() where !name.hasPrefix(".") {
                    let innerPath = (path as NSString).appendingPathComponent(name)
                    var innerIsDirectory: ObjCBool = false
                    guard manager.fileExists(atPath: innerPath, isDirectory: &innerIsDirectory) else { continue }
                    if innerIsDirectory.boolValue {
                        // One level too deep: say so for each passage-like file rather than ignoring it.
                        let deeper = (try? manager.contentsOfDirectory(atPath: innerPath)) ?? []
                        for deep in deeper.sorted() where deep.lowercased().hasSuffix(".txt") && !deep.hasPrefix(".") {
                            files.append(FoundFile(
                                path: (innerPath as NSString).appendingPathComponent(deep), relative: "\(entry)/\(name)/\(deep)",
                                problem: "too deep: passages sit at <category>/<slug>.txt; move it up to \(entry)/\(deep) or \(name)/\(deep)"))
                        }
                    } else if name.lowercased().hasSuffix(".txt") {
                        files.append(FoundFile(path: innerPath, relative: "\(entry)/\(name)", problem: folderOutside ?? outside(innerPath)))
                    }
                }
            } else if entry.lowercased().hasSuffix(".txt") {
                files.append(FoundFile(path: path, relative: entry, problem: outside(path)))
            }
        }
        return files
    }

    /// A passage file's text: refused when huge, binary or not UTF-8.
    static func readPassageFile(_ path: String) throws(TypeBarError) -> String {
        let data = try readPassageBytes(path)
        if data.contains(0) { throw .badFile(path: path, problem: "the file is binary (it holds NUL bytes), not a text passage") }
        guard let text = String(data: data, encoding: .utf8) else {
            let line = firstInvalidUTF8Line(data)
            throw .badLine(path: path, line: line, problem: "the text is not valid UTF-8; save the file as UTF-8")
        }
        return text
    }

    static func readPassageBytes(_ path: String) throws(TypeBarError) -> Data {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let size = attributes?[.size] as? NSNumber, size.intValue > maximumFileBytes {
            throw .badFile(path: path, problem: "the file is \(size.intValue / 1024) KiB; a passage file may be at most 1 MiB")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .cannotRead(path: path, reason: FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file")
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: maximumFileBytes + 1)) ?? Data()
        if data.count > maximumFileBytes {
            throw .badFile(path: path, problem: "the file is over 1 MiB; a passage file may be at most 1 MiB")
        }
        return data
    }

    /// The 1-based line holding the first byte that breaks UTF-8.
    static func firstInvalidUTF8Line(_ data: Data) -> Int {
        var line = 1
        var start = data.startIndex
        for index in data.indices where data[index] == 0x0A {
            if String(data: data[start..<index], encoding: .utf8) == nil { return line }
            line += 1
            start = index + 1
        }
        return line
    }
}

/// Levenshtein distance between two short strings, for suggestions.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var previous = Array(0...b.count)
    var current = previous
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
