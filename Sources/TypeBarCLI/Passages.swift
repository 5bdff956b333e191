import ArgumentParser
import Foundation
import TerminalUI
import TerminalScreen
import TypeBarKit

/// `typebar passages`: browse the support-reply library and check a trainer's own passages.
struct Passages: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passages",
        abstract: "List, show and lint the support-reply passages.",
        subcommands: [List.self, Show.self, Lint.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List passages: id, category, difficulty, words.")

        @OptionGroup var library: LibraryOptions
        @Option(name: .long, help: "Only this category.") var category: String?
        @Option(name: .long, help: "Only this difficulty (easy, medium, hard).") var difficulty: Passage.Difficulty?
        @Flag(name: .long, help: "One JSON array of every passage's details.") var json = false

        func run() throws {
            let passages = try library.load().passages(category: category, difficulty: difficulty)
            if json {
                print(JSONValue.array(passages.map(\.summaryJSON)).rendered)
                return
            }
            let width = max(2, passages.map(\.id.count).max() ?? 2)
            print("ID".padded(to: width) + "  CATEGORY         DIFFICULTY  LENGTH  WORDS")
            for passage in passages {
                print("\(passage.id.padded(to: width))  \(passage.category.padded(to: 15))  \(passage.difficulty.rawValue.padded(to: 10))  \(passage.length.rawValue.padded(to: 6))  \(String(passage.words).leftPadded(to: 5))")
            }
            let words = passages.reduce(0) { $0 + $1.words }
            print("\(passages.count) passages, \(words) words")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one passage and its details.")

        @OptionGroup var library: LibraryOptions
        @Argument(help: "Passage id, e.g. billing/charged-twice.") var id: String

        func run() throws {
            let passage = try library.load().passage(id: id)
            print(passage.title)
            var details = "\(passage.id) · \(passage.difficulty.rawValue) · \(passage.length.rawValue), \(passage.words) words, \(passage.text.count) characters"
            if !passage.tags.isEmpty { details += " · tags: " + passage.tags.joined(separator: ", ") }
            if case .file(let path) = passage.origin { details += " · from \(path)" }
            print(details)
            print("")
            print(wrapWords(passage.text, width: 78).joined(separator: "\n"))
        }
    }

    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lint",
            abstract: "Check passage files: encoding, characters off a US keyboard, spacing, length, front matter, duplicate ids.",
            discussion: "Exit status: 0 clean, 1 problems found, 2 unreadable input. Without DIR, checks the built-in passages."
        )

        @Argument(help: "Directory of <category>/<slug>.txt files (default: $TYPEBAR_PASSAGES, else the built-in set).")
        var directory: String?

        @Flag(name: .long, help: "Rewrite typographic quotes, dashes and ellipses to their keyboard forms; leave the rest to you.")
        var fix = false

        func run() throws {
            let directory = self.directory ?? Environment.value("TYPEBAR_PASSAGES").flatMap { $0.isEmpty ? nil : $0 }
            guard let directory else {
                if fix { throw ValidationError("--fix needs a DIR: the built-in passages are part of typebar.") }
                var findings: [LintFinding] = []
                for file in PassageLibrary.builtInFiles {
                    findings += PassageLint.lint(data: Data(file.contents.utf8), path: "passages/" + file.path)
                }
                try report(findings, files: PassageLibrary.builtInFiles.count, in: "the built-in passages")
                return
            }
            if fix {
                let fixed = try PassageLint.fixDirectory(directory)
                for (path, changes) in fixed { print("fixed \(path): \(changes) character\(changes == 1 ? "" : "s")") }
                if fixed.isEmpty { print("nothing to fix") }
            }
            let (files, findings) = try PassageLint.lintDirectory(directory)
            try report(findings, files: files, in: directory)
        }

        private func report(_ findings: [LintFinding], files: Int, in place: String) throws {
            for finding in findings { print(finding.description) }
            let troubled = Set(findings.map(\.path)).count
            if findings.isEmpty {
                print("\(files) passage file\(files == 1 ? "" : "s") in \(place): all clean")
            } else {
                print("\(findings.count) problem\(findings.count == 1 ? "" : "s") in \(troubled) of \(files) file\(files == 1 ? "" : "s")")
                throw ExitCode(1)
            }
        }
    }
}

/// `--passages DIR`, shared by every command that picks passages.
struct LibraryOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Directory of your own passages, added to the built-in set (also TYPEBAR_PASSAGES).", valueName: "DIR"))
    var passages: String?

    /// The library, with a warning on standard error for each user passage that could not be loaded.
    func load() throws -> PassageLibrary { try LibraryOptions.load(folder: passages) }

    /// The built-in passages and those of `folder` (else of TYPEBAR_PASSAGES), warning about the ones skipped.
    static func load(folder: String?) throws -> PassageLibrary {
        let directory = folder ?? Environment.value("TYPEBAR_PASSAGES")
        let library = try PassageLibrary.load(userDirectory: directory)
        for problem in library.problems { printError("typebar: warning: \(problem.description) (skipped)") }
        return library
    }
}

extension Passage.Difficulty: ExpressibleByArgument {}

extension Passage {
    var summaryJSON: JSONValue {
        var fields: [(String, JSONValue)] = [
            ("id", .string(id)), ("category", .string(category)), ("title", .string(title)),
            ("difficulty", .string(difficulty.rawValue)), ("length", .string(length.rawValue)), ("words", .int(words)),
            ("characters", .int(text.count)), ("tags", .array(tags.map { .string($0) })),
        ]
        if case .file(let path) = origin { fields.append(("file", .string(path))) }
        return .object(fields)
    }
}
