import ArgumentParser
import Foundation
import TypeBarKit
import TypeBarStore

extension Store {
    /// `typebar store migrate`.
    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "migrate",
            abstract: "Create or upgrade the store's tables, and give roles their rights (run it as the owner role).",
            discussion: """
                A machine role may add results, take attempts and learn what assessing a candidate needs (their \
                attempts and earlier net WPM), and cannot read any result; a reader role reads everything and writes \
                nothing. See docs/store.md, "Roles".
                """)

        @OptionGroup var options: Options
        @Option(name: .long, help: ArgumentHelp("Migrate only up to this schema version.", valueName: "N")) var to: Int?
        @Option(name: .customLong("machine"), help: ArgumentHelp("Give this role what a candidate's machine needs (repeatable).", valueName: "ROLE"))
        var machines: [String] = []
        @Option(name: .customLong("reader"), help: ArgumentHelp("Give this role what a reader needs: every result, read only (repeatable).", valueName: "ROLE"))
        var readers: [String] = []

        func validate() throws {
            if let to, !(1...StoreSchema.current).contains(to) {
                throw ValidationError("--to must be a schema version from 1 to \(StoreSchema.current).")
            }
            if to != nil && to != StoreSchema.current && !(machines.isEmpty && readers.isEmpty) {
                throw ValidationError("--machine and --reader need the current schema (\(StoreSchema.current)); leave out --to.")
            }
            if let both = Set(machines).intersection(readers).sorted().first {
                throw ValidationError("\(both) is given as both --machine and --reader; give each role one of them.")
            }
        }

        func run() throws {
            let store = try options.open()
            let (from, to) = try store.migrate(to: to ?? StoreSchema.current)
            print(from == to ? "\(store.name): schema version \(to), nothing to do" : "\(store.name): schema version \(from) → \(to)")
            try store.grant(machines: machines, readers: readers)
            for role in machines { print("\(role): a machine: adds results and takes attempts, reads no result") }
            for role in readers { print("\(role): a reader: reads every result, writes nothing") }
        }
    }
}
