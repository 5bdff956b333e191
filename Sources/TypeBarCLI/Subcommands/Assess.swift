import ArgumentParser
import Foundation
import TerminalUI
import TerminalScreen
import TypeBarKit
import TypeBarStore

/// `typebar assess`: a timed assessment for one candidate, from a config file or a preset.
struct Assess: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assess",
        abstract: "Run a timed assessment for a candidate: instructions, a countdown, the test, the verdict.",
        discussion: """
            The rules come from a config file (YAML or JSON, see docs/assessments.md) or a preset:
              typebar assess --preset chat-40 --candidate "Ana Ruiz"
              typebar assess --config acme.yaml --candidate "Ana Ruiz" --key-file typebar.key
              typebar assess --config acme.yaml --check
            Each attempt goes to the history with the candidate, the assessment, a hash of its rules and the
            keystroke log; with a signing key (--key-file or TYPEBAR_SIGNING_KEY) the record is signed.
            During the test, Tab does nothing and leaving takes Esc twice; an attempt left early still counts.
            """
    )

    @OptionGroup var assessment: AssessmentOptions

    @Option(name: .long, help: ArgumentHelp("The candidate's name, as the reports will show it.", valueName: "NAME"))
    var candidate: String?

    @Flag(name: .customLong("list-presets"), help: "List the built-in assessments and their rules.")
    var listPresets = false

    @Flag(name: .long, help: "Check the config and show its rules, hash and text, without running it.")
    var check = false

    @Flag(name: .customLong("print-text"), help: "Print the assessment's text alone (to script a keystroke log for typebar score).")
    var printText = false

    @Flag(name: .long, help: "Give a candidate who has used all their attempts a fresh set.")
    var retake = false

    @OptionGroup var signing: SigningOptions

    @OptionGroup var historyOptions: HistoryOptions

    func run() throws {
        if listPresets {
            for preset in AssessmentDefinition.presets {
                print("\(preset.rules.name.padded(to: 11))  \(preset.rules.summary)")
            }
            return
        }
        if let config = assessment.config, assessment.preset == nil, ChatAssessment.isChatConfig(path: config) {
            return try runChatAssessment(path: config)
        }
        // Everything that can be wrong is found here, before the candidate sees a screen.
        let definition = try assessment.definition()
        let (text, ids) = try definition.text()
        if printText {
            print(text)
            return
        }
        if check {
            printCheck(definition, text: text, ids: ids)
            return
        }
        let name = try candidateName(candidate)
        let key = try signing.key()
        let settings = try historyOptions.inForce()
        let history = try openResults(settings)
        // A candidate's machine reads no records from a store (docs/store.md, "Roles"): there the attempts table
        // counts, and the candidate's earlier net WPM figures come on their own.
        let store = history as? PostgresStore
        let earlier = store == nil ? try historyOptions.records(HistoryQuery(candidate: name), from: history) : []
        let earlierNetWPM = try store?.earlierNetWPM(candidate: name) ?? earlier.map(\.netWPM)
        var used = earlier.filter { $0.assessment == definition.rules.name && $0.configHash == definition.configHash }.count
        var lastTaken = earlier.last { $0.assessment == definition.rules.name && $0.configHash == definition.configHash }.map { ($0.time, Optional(HistoryTable.shortID($0.id))) }
        let attempts = store.map {
            AttemptCounter(store: $0, candidate: name, assessment: definition.rules.name, configHash: definition.configHash, allowed: definition.rules.attempts, retake: retake)
        }
        if let attempts {
            // In a store the attempts table counts, as every machine sees it (a retake starts a new round there).
            let counted = try attempts.counted()
            used = counted.used
            lastTaken = counted.lastStarted.map { ($0, nil) }
        }
        if used >= definition.rules.attempts && !retake {
            let last = lastTaken.map { "; the last on \(HistoryTable.localTime($0.0, offset: StandardOutput.utcOffset))" + ($0.1.map { ", id \($0)" } ?? "") } ?? ""
            throw TypeBarError.usage("""
                \(name) has already taken \(definition.rules.name) \(used) time\(used == 1 ? "" : "s") \
                (the rules allow \(definition.rules.attempts)\(last)). Use --retake to give a fresh set of attempts.
                """)
        }
        guard Terminal.isInteractive else { throw TypeBarError.usage(Terminal.StartError.notATerminal.description) }
        if key == nil {
            printError("typebar: warning: no signing key (--key-file or TYPEBAR_SIGNING_KEY): results are kept unsigned, and typebar verify cannot tell whether they were changed")
        }

        var configuration = TypingSession.Configuration(
            mode: .timedTest(seconds: definition.rules.seconds), text: text, passageIDs: ids,
            title: "\(definition.rules.name) · \(name)", hideLiveFigures: !definition.rules.showLiveFigures, bar: definition.rules.bar)
        configuration.backspace = definition.rules.backspace
        configuration.isAssessment = true
        configuration.logMetadata = ["candidate": name, "assessment": definition.rules.name, "config_sha256": definition.configHash]
        var sitting = TypingScreen.AssessmentSitting(
            rules: definition.rules, configuration: configuration, candidate: name,
            firstAttempt: retake ? 1 : used + 1, earlierNetWPM: earlierNetWPM)
        if let attempts { sitting.beginAttempt = { number in attempts.begin(number) } }
        try MainActor.assumeIsolated {
            try sit(sitting, definition: definition, history: history, key: key, colours: settings.colours.value)
        }
        if let refusal = attempts?.refusal { throw TypeBarError.usage(refusal) }
    }

    @MainActor
    private func sit(
        _ sitting: TypingScreen.AssessmentSitting, definition: AssessmentDefinition, history: any ResultStore, key: [UInt8]?,
        colours: PersonalSettings.Colours
    ) throws {
        let keeper = SessionKeeper(results: history, signingKey: key)
        let screen = try openTypingScreen(colours: colours, focusReporting: true)
        let exit = screen.assess(sitting) { finished in
            let kept = keeper.keep(
                .typingAssessment(finished.result, definition: definition, candidate: sitting.candidate, attempt: finished.attempt ?? 1,
                                  text: finished.configuration.text, passages: finished.configuration.passageIDs),
                log: finished.log)
            return [kept.note]
        }
        try keeper.finish(exit, sitting: true)
    }

    private func printCheck(_ definition: AssessmentDefinition, text: String, ids: [String]) {
        let rules = definition.rules
        print("\(rules.name): \(rules.summary)")
        print("live figures: \(rules.showLiveFigures ? "shown" : "hidden (the time left shows)")")
        print("config_sha256: \(definition.configHash)")
        print("passages: \(ids.joined(separator: " "))")
        print("text: \(text.count) characters, enough for \(formatDecimal(Double(text.count) / 5 / (rules.seconds / 60), places: 0)) WPM over the whole test")
        print("instructions:")
        for line in rules.instructions.split(separator: "\n", omittingEmptySubsequences: false) { print("  " + line) }
    }
}
