import ArgumentParser
import Foundation
import TypeBarKit
import TypeBarStore

extension Store {
    /// `typebar store sync`.
    struct Sync: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sync",
            abstract: "Send the results kept on this machine while the store was out of reach (each once).")

        @OptionGroup var options: Options

        func run() throws {
            let store = try options.open()
            let pending = store.outbox.pending().count
            let sent = try store.sync()
            for warning in sent.warnings { printError("typebar: warning: \(warning)") }
            print(pending == 0 ? "nothing to send: every result kept here is in \(store.name)"
                : "sent \(sent.added) result\(sent.added == 1 ? "" : "s") to \(store.name)" + (sent.already > 0 ? "; \(sent.already) it had already" : ""))
        }
    }
}
