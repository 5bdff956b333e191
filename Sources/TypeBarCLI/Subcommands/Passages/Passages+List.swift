import ArgumentParser
import TerminalUI
import TypeBarKit

extension Passages {
    /// `typebar passages list`.
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
}
