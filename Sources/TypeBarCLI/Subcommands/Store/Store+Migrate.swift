import ArgumentParser
import Foundation
import TypeBarKit
import TypeBarStore

extension Store {
    /// `typebar store migrate`.
    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "migrate",
            abstract: "Create or upgrade the store's tables (run it as the owner role).")

        @OptionGroup var options: Options
        @Option(name: .long, help: ArgumentHelp("Migrate only up to this schema version.", valueName: "N")) var to: Int?

        func validate() throws {
            if let to, !(1...StoreSchema.current).contains(to) {
                throw ValidationError("--to must be a schema version from 1 to \(StoreSchema.current).")
            }
        }

        func run() throws {
            let store = try options.open()
            let (from, to) = try store.migrate(to: to ?? StoreSchema.current)
            print(from == to ? "\(store.name): schema version \(to), nothing to do" : "\(store.name): schema version \(from) → \(to)")
        }
    }
}
