import Foundation
import TypeBarCore

/// One thing wrong with a passage file, at a line and (when it is about a character) a column.
public struct LintFinding: Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int?
    public var message: String
    /// Whether the loader skips the file for it (the text could not be typed or scored fairly), rather than the
    /// finding being advice on style.
    public var refuses = false

    public var description: String {
        "\(path):\(line):\(column.map { "\($0):" } ?? "") \(message)"
    }
}

/// Checks passage files for what makes them untypeable or unfair on a US keyboard, and fixes the typographic
/// characters that have an obvious keyboard form.
public enum PassageLint {
    /// A passage shorter than this (after normalising whitespace) is over before a speed means anything.
    public static let minimumCharacters = 25

    /// Typographic characters and the keyboard characters `--fix` writes instead.
    public static let keyboardForms: [Character: String] = [
        "\u{2018}": "'", "\u{2019}": "'", "\u{201A}": "'", "\u{201B}": "'", "\u{2032}": "'",
        "\u{201C}": "\"", "\u{201D}": "\"", "\u{201E}": "\"", "\u{201F}": "\"", "\u{2033}": "\"",
        "\u{2010}": "-", "\u{2011}": "-", "\u{2012}": "-", "\u{2013}": "-", "\u{2014}": "-", "\u{2015}": "-", "\u{2212}": "-",
        "\u{2026}": "...",
    ]

    /// Every problem in the file at `path`. Throws only when the file cannot be read at all.
    public static func lintFile(at path: String) throws(TypeBarError) -> [LintFinding] {
        do {
            return lint(data: try PassageLibrary.readPassageBytes(path), path: path)
        } catch {
            // A file too large to read is a finding about that file, not a failure to lint.
            if case .badFile(_, let problem) = error { return [LintFinding(path: path, line: 1, column: nil, message: problem)] }
            throw error
        }
    }

    /// Every problem in a passage file's bytes; `path` names it in findings.
    public static func lint(data: Data, path: String) -> [LintFinding] {
        func finding(_ line: Int, _ column: Int?, _ message: String, refuses: Bool = false) -> LintFinding {
            LintFinding(path: path, line: line, column: column, message: message, refuses: refuses)
        }
        if data.count > PassageLibrary.maximumFileBytes {
            return [finding(1, nil, "the file is \(data.count / 1024) KiB; a passage file may be at most 1 MiB", refuses: true)]
        }
        if data.contains(0) { return [finding(1, nil, "the file is binary (it holds NUL bytes), not a text passage", refuses: true)] }
        guard let text = String(data: data, encoding: .utf8) else {
            return [finding(PassageLibrary.firstInvalidUTF8Line(data), nil, "the text is not valid UTF-8; save the file as UTF-8", refuses: true)]
        }
        var findings: [LintFinding] = []
        let file = PassageFile(text)
        findings += file.problems.map { finding($0.line, nil, $0.message, refuses: true) }

        // "\r\n" is one Character to Swift: split on either ending, and name the Windows one.
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            let lineNumber = index + 1
            let line = rawLine
            if rawLine.endIndex < text.endIndex, text[rawLine.endIndex] == "\r\n" {
                findings.append(finding(lineNumber, nil, "Windows line ending (CR LF); save with LF line endings (typebar passages lint --fix does this)"))
            }
            var column = 0
            var previousWasSpace = false
            for character in line {
                column += 1
                defer { previousWasSpace = character == " " }
                if character == " " {
                    if previousWasSpace { findings.append(finding(lineNumber, column, "two spaces in a row; use one")) }
                    continue
                }
                if character == "\t" {
                    findings.append(finding(lineNumber, column, "a tab; use a single space"))
                } else if let ascii = character.asciiValue, ascii >= 0x20, ascii < 0x7F {
                    continue
                } else if character.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .control }) {
                    findings.append(finding(lineNumber, column, "control character \(describe(character)); remove it", refuses: true))
                } else if character.unicodeScalars.count > 1 {
                    // An emoji with a skin tone or a joiner, a letter with a separate accent: one character on
                    // screen, several keys to type, so it cannot be scored as the one character a person sees.
                    findings.append(finding(lineNumber, column, "\(describe(character)) is one character on screen but \(character.unicodeScalars.count) to type; use a single character (a precomposed letter, an emoji without tone or joiner)", refuses: true))
                } else if let form = keyboardForms[character] {
                    findings.append(finding(lineNumber, column, "\(describe(character)) is not on a US keyboard; use \(form) (typebar passages lint --fix does this)"))
                } else {
                    findings.append(finding(lineNumber, column, "\(describe(character)) is not on a US keyboard; rewrite it with keyboard characters"))
                }
            }
            if line.last == " " { findings.append(finding(lineNumber, column, "trailing space at the end of the line")) }
        }

        if file.problems.isEmpty {
            let body = TargetText.normaliseWhitespace(file.body)
            if body.isEmpty {
                findings.append(finding(file.bodyStartLine, nil, "the passage is empty: there is no text to type", refuses: true))
            } else if body.count < minimumCharacters {
                findings.append(finding(file.bodyStartLine, nil, "too short to score: \(body.count) characters; a passage needs at least \(minimumCharacters)", refuses: true))
            }
        }
        return findings.sorted { ($0.line, $0.column ?? 0) < ($1.line, $1.column ?? 0) }
    }

    /// Every problem in the passage files of `directory`, duplicate ids included.
    public static func lintDirectory(_ directory: String) throws(TypeBarError) -> (files: Int, findings: [LintFinding]) {
        let files = try PassageLibrary.passageFiles(in: directory)
        var findings: [LintFinding] = []
        var seen: [String: String] = [:]
        for file in files {
            let id = PassageLibrary.id(forRelativePath: file.relative)
            if let duplicate = PassageLibrary.duplicateProblem(id, seen: seen) {
                findings.append(LintFinding(path: file.path, line: 1, column: nil, message: duplicate))
            }
            seen[id] = file.path
            if let problem = file.problem {
                findings.append(LintFinding(path: file.path, line: 1, column: nil, message: problem, refuses: true))
                continue
            }
            do {
                findings += try lintFile(at: file.path)
            } catch {
                findings.append(LintFinding(path: file.path, line: 1, column: nil, message: error.description))
            }
        }
        return (files.count, findings)
    }

    /// Applies `fixed(_:)` to every passage file in `directory` that needs it; returns each file changed and how many
    /// characters were. Files that cannot be read as UTF-8 are left for lint to report.
    public static func fixDirectory(_ directory: String) throws(TypeBarError) -> [(path: String, changes: Int)] {
        var changed: [(path: String, changes: Int)] = []
        for file in try PassageLibrary.passageFiles(in: directory) where file.problem == nil {
            guard let text = try? String(contentsOfFile: file.path, encoding: .utf8) else { continue }
            let (fixedText, changes) = fixed(text)
            guard changes > 0 else { continue }
            do {
                try fixedText.write(toFile: file.path, atomically: true, encoding: .utf8)
            } catch {
                throw .cannotWrite(path: file.path, reason: "the fixed passage: \(error.localizedDescription)")
            }
            changed.append((file.path, changes))
        }
        return changed
    }

    /// The text with typographic quotes, dashes and ellipses in their keyboard forms and Windows line endings made
    /// LF, and how many characters were changed.
    public static func fixed(_ text: String) -> (text: String, changes: Int) {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var changes = 0
        for character in text {
            if character == "\r\n" {
                // CRs just before it belong to the same line ending (CR CR LF: a Windows file converted once more);
                // one left in place would make a CR LF again with this LF.
                while result.unicodeScalars.last == "\r" { result.unicodeScalars.removeLast() }
                result += "\n"
                changes += 1
            } else if let form = keyboardForms[character] {
                result += form
                changes += 1
            } else {
                result.append(character)
            }
        }
        return (result, changes)
    }

    /// "'’' (U+2019 RIGHT SINGLE QUOTATION MARK)".
    static func describe(_ character: Character) -> String {
        let codes = character.unicodeScalars.map { scalar in
            let hex = String(scalar.value, radix: 16, uppercase: true)
            let name = scalar.properties.name.map { " \($0)" } ?? ""
            return "U+\(String(repeating: "0", count: max(0, 4 - hex.count)))\(hex)\(name)"
        }.joined(separator: ", ")
        let shown = character.unicodeScalars.allSatisfy { $0.properties.generalCategory == .control } ? "" : "'\(character)' "
        return "\(shown)(\(codes))"
    }
}
