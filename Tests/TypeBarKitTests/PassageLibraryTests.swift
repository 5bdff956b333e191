import Foundation
import PropertyBased
import Testing
import TestSupport
@testable import TypeBarKit

/// The repository's passages/ directory, found from this file's path.
let repositoryPassages = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("passages").path

@Suite("The passage library")
struct PassageLibraryTests {
    static let categories = ["account", "billing", "closings", "empathy", "escalation", "greetings", "policies", "shipping", "troubleshooting"]

    @Test("The embedded passages are exactly the files in passages/ (run scripts/embed-passages.py after editing)")
    func embeddedMatchesDisk() throws {
        let onDisk = try PassageLibrary.passageFiles(in: repositoryPassages)
        #expect(onDisk.map(\.relative) == BuiltInPassages.files.map(\.path))
        for (file, embedded) in zip(onDisk, BuiltInPassages.files) {
            #expect(try String(contentsOfFile: file.path, encoding: .utf8) == embedded.contents, "\(file.relative) differs")
        }
    }

    @Test("Every built-in passage loads")
    func builtInsLoad() {
        #expect(PassageLibrary.builtIn.problems.isEmpty)
        #expect(PassageLibrary.builtIn.passages.count == BuiltInPassages.files.count)
    }

    @Test("The passages parsed at build time are what Passage.parse makes of the embedded files, in id order")
    func preParsedMatchParser() throws {
        let parsed = try BuiltInPassages.files.map { file in
            try Passage.parse(file.contents, id: PassageLibrary.id(forRelativePath: file.path), origin: .builtIn)
        }
        let stored = PassageLibrary.builtIn.passages
        #expect(stored.map(\.id) == parsed.map(\.id).sorted())
        let byID = Dictionary(uniqueKeysWithValues: parsed.map { ($0.id, $0) })
        for passage in stored {
            #expect(byID[passage.id] == passage, "\(passage.id): run python3 scripts/embed-passages.py")
        }
    }

    @Test("Words are counted as the runs between spaces", arguments: ["", "one", "two words", " edge  spaces ", "a b c d"])
    func words(text: String) {
        let passage = Passage(id: "custom/x", title: "X", difficulty: .easy, tags: [], text: text, origin: .builtIn)
        #expect(passage.words == text.split(separator: " ").count)
        for builtIn in PassageLibrary.builtIn.passages {
            #expect(builtIn.words == builtIn.text.split(separator: " ").count)
        }
    }

    @Test("Every shipped passage lints clean")
    func shippedPassagesLintClean() {
        for file in PassageLibrary.builtInFiles {
            let findings = PassageLint.lint(data: Data(file.contents.utf8), path: file.path)
            #expect(findings.isEmpty, "\(findings.map(\.description).joined(separator: "\n"))")
        }
    }

    @Test("At least 80 passages across the nine categories, 8,000+ words, every length band")
    func corpusSize() {
        let library = PassageLibrary.builtIn
        #expect(library.passages.count >= 80)
        #expect(library.categories == Self.categories)
        for category in Self.categories {
            let inCategory = library.passages.filter { $0.category == category }
            #expect(inCategory.count >= 9, "\(category) has \(inCategory.count)")
            #expect(Set(inCategory.map(\.length)) == [.short, .medium, .long], "\(category) lacks a length band")
        }
        let words = library.passages.reduce(0) { $0 + $1.words }
        #expect(words >= 8_000)
        // A 5-minute test at 120 WPM needs 3,000 characters without repeating a passage.
        #expect(library.passages.reduce(0) { $0 + $1.text.count } > 3_000)
        #expect(Set(library.passages.map(\.difficulty)) == [.easy, .medium, .hard])
    }

    @Test("Lookup by id is exact; unknown ids suggest the closest")
    func lookup() throws {
        let library = PassageLibrary.builtIn
        let first = library.passages[0]
        #expect(try library.passage(id: first.id) == first)
        #expect(try library.passage(id: first.id.uppercased()) == first)
        #expect(throws: TypeBarError.self) { try library.passage(id: "billing/nope-nope-nope") }
        do {
            _ = try library.passage(id: String(first.id.dropLast()))
        } catch {
            #expect(error.description.contains("did you mean \(first.id)"))
        }
    }

    @Test("Ids that reach outside the library are refused", arguments: ["../../etc/passwd", "/etc/passwd", "billing/../x", "a/b/c", "billing/", ""])
    func traversal(id: String) {
        #expect(throws: TypeBarError.self) { try PassageLibrary.builtIn.passage(id: id) }
    }

    @Test("Seeded order is stable; continuous text never runs out")
    func ordering() {
        let passages = PassageLibrary.builtIn.passages
        #expect(PassageLibrary.shuffled(passages, seed: 42).map(\.id) == PassageLibrary.shuffled(passages, seed: 42).map(\.id))
        #expect(PassageLibrary.shuffled(passages, seed: 42).map(\.id) != PassageLibrary.shuffled(passages, seed: 43).map(\.id))
        let short = Array(passages.prefix(2))
        let joined = PassageLibrary.continuousText(from: short, seed: 1, minimumCharacters: 5_000)
        #expect(joined.text.count >= 5_000)
        #expect(joined.ids.count > 2)
    }

    @Test("A user directory adds and overrides passages; a broken file hides nothing else")
    func userDirectory() throws {
        let scratch = Scratch()
        let builtIn = PassageLibrary.builtIn.passages[0]
        scratch.write("\(builtIn.category)/\(builtIn.id.split(separator: "/")[1]).txt", "My own version of this reply, typed my way today.")
        scratch.write("returns/label-help.txt", "---\ntitle: Label help\ndifficulty: easy\ntags: returns, label\n---\nHi Sam, your return label is attached.\n")
        scratch.write("returns/broken.txt", "---\ntitle: no end\n")
        scratch.write("returns/binary.txt", Data([0x48, 0x00, 0x49]))
        scratch.write("returns/huge.txt", String(repeating: "word ", count: 220_000))
        scratch.write("loose.txt", "A top-level passage lands in the custom category.")
        let library = try PassageLibrary.load(userDirectory: scratch.url.path)
        #expect(try library.passage(id: builtIn.id).text == "My own version of this reply, typed my way today.")
        let added = try library.passage(id: "returns/label-help")
        #expect(added.title == "Label help")
        #expect(added.difficulty == .easy)
        #expect(added.tags == ["returns", "label"])
        #expect(try library.passage(id: "custom/loose").words == 8)
        #expect(library.passages.count == PassageLibrary.builtIn.passages.count + 2)
        let problems = library.problems.map(\.description).joined(separator: "\n")
        #expect(problems.contains("broken.txt:1: front matter opened with '---' is never closed"))
        #expect(problems.contains("binary.txt: the file is binary"))
        #expect(problems.contains("huge.txt: the file is 1074 KiB; a passage file may be at most 1 MiB"))
    }

    @Test("A missing user directory is an error")
    func missingDirectory() {
        #expect(throws: TypeBarError.cannotRead(path: "/nonexistent/passages", reason: "no such directory")) {
            try PassageLibrary.load(userDirectory: "/nonexistent/passages")
        }
    }

    @Test("Front matter is optional; difficulty is estimated without it")
    func frontMatter() throws {
        let plain = try Passage.parse("Hi Ana, thanks for writing in.", id: "custom/plain", origin: .builtIn)
        #expect(plain.title == "Plain")
        #expect(plain.difficulty == .easy)
        let dense = try Passage.parse("Order #4821-B: $24.99 + $3.50 (TK-2093) at 14:30 UTC.", id: "custom/dense", origin: .builtIn)
        #expect(dense.difficulty == .hard)
        #expect(throws: PassageFileProblem(line: 2, message: #"difficulty "extreme" is not easy, medium or hard"#)) {
            try Passage.parse("---\ndifficulty: extreme\n---\nText here.", id: "custom/x", origin: .builtIn)
        }
    }

    static let idPieces = Gen.oneOf(Gen.always("a"), Gen.always("Zq"), Gen.always("7"), Gen.always("-"), Gen.always("_"), Gen.always("."),
                                    Gen.always("/"), Gen.always(" "), Gen.always("!"), Gen.always("é"))

    @Test("An id's bytes are judged as its characters are: two parts, no leading dot, letters, digits, - _ and .")
    func wellFormedIDProperty() async {
        #expect(PassageLibrary.isWellFormedID("billing/charged-twice"))
        #expect(!PassageLibrary.isWellFormedID("billing/.hidden"))
        #expect(!PassageLibrary.isWellFormedID("a/b/c"))
        #expect(!PassageLibrary.isWellFormedID("billing/"))
        await propertyCheck(count: 500, input: Self.idPieces.array(of: 0...12)) { pieces in
            let id = pieces.joined()
            #expect(PassageLibrary.isWellFormedID(id) == PassageLibrary.isWellFormedIDByCharacter(id), "\(id.debugDescription)")
        }
    }
}
