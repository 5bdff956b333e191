import ArgumentParser
import Foundation
import TerminalUI
import TypeBarKit

extension Passages {
    /// `typebar passages lint`.
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
