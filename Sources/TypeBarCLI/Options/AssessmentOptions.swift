import ArgumentParser
import TypeBarKit

/// `--config FILE` or `--preset NAME`: the assessment whose rules `assess` runs and `score` applies.
struct AssessmentOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("An assessment config file (YAML or JSON; docs/assessments.md).", valueName: "FILE"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("A built-in assessment: chat-40, chat-50 or federal-40.", valueName: "NAME"))
    var preset: String?

    /// Whether either was given.
    var isGiven: Bool { config != nil || preset != nil }

    func validate() throws {
        if config != nil && preset != nil { throw ValidationError("Give --config or --preset, not both.") }
    }

    /// The assessment named; an error when neither option was given.
    func definition() throws -> AssessmentDefinition {
        switch (config, preset) {
        case (let path?, _): return try AssessmentDefinition.load(path: path)
        case (nil, let name?): return try AssessmentDefinition.preset(name)
        case (nil, nil): throw ValidationError("Give --config FILE or --preset NAME (typebar assess --list-presets shows the presets).")
        }
    }
}

/// The candidate's name from `--candidate`, trimmed: up to 100 characters, without control characters.
func candidateName(_ candidate: String?) throws -> String {
    guard let name = candidate?.trimmingCharacters(in: .whitespaces), !name.isEmpty else {
        throw ValidationError("Give the candidate's name: --candidate NAME.")
    }
    guard name.count <= 100, !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
        throw ValidationError("--candidate must be a name of up to 100 characters, without control characters.")
    }
    return name
}
