import ArgumentParser
import Foundation
import TypeBarKit
import TypeBarStore

extension Store {
    /// `typebar store status`.
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Show the store, its schema, its results, and what waits to be sent.")

        @OptionGroup var options: Options

        func run() throws {
            let store = try options.open()
            let pending = store.outbox.pending().count
            print("store: \(store.name)")
            do {
                let version = try store.schemaVersion()
                print("schema: version \(version) (this typebar: \(StoreSchema.current))")
                if version == StoreSchema.current {
                    do {
                        print("results: \(try store.count())")
                    } catch let error as StoreError where error.isNotAllowed {
                        // A candidate's machine adds results and reads none, not even how many there are.
                        print("results: not readable by this role (it may add results, not read them)")
                    }
                }
            } catch let error as StoreError where error.isUnreachable {
                print("reachable: no (\(error))")
            }
            print("unsent on this machine: \(pending)" + (pending > 0 ? " (in \(store.outbox.folder); typebar store sync sends them)" : ""))
        }
    }
}
