import ArgumentParser
import TypeBarKit

/// `--since DATE`, shared by the commands that filter results by date.
struct SinceOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Only results on or after this day (YYYY-MM-DD, local time) or time (ISO 8601).", valueName: "DATE"))
    var since: String?

    func validate() throws {
        if let since, Timestamp.start(of: since, offset: 0) == nil { throw ValidationError("--since must be a day like 2026-11-23 or a time like 2026-11-23T09:30:00Z.") }
    }

    /// The start of the day or the time given, in seconds since 1970.
    var seconds: Double? { since.flatMap { Timestamp.start(of: $0, offset: StandardOutput.utcOffset) } }
}
