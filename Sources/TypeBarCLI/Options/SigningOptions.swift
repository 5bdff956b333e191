import ArgumentParser
import TypeBarKit

/// `--key-file FILE`, shared by the commands that sign results or check signatures.
struct SigningOptions: ParsableArguments {
    @Option(name: .customLong("key-file"), help: ArgumentHelp("The trainer's signing key, to sign results or check signatures (default: $TYPEBAR_SIGNING_KEY).", valueName: "FILE"))
    var keyFile: String?

    /// The key from --key-file or TYPEBAR_SIGNING_KEY; nil when neither is given.
    func key() throws -> [UInt8]? {
        try SigningKey.load(file: keyFile, environment: Environment.pick("TYPEBAR_SIGNING_KEY"))
    }
}
