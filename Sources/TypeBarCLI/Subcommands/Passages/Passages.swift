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
