import ArgumentParser
import TypeBarKit

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
