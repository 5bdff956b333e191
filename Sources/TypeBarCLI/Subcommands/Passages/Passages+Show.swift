import ArgumentParser
import TerminalUI
import TypeBarKit

extension Passages {
    /// `typebar passages show`.
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
}
