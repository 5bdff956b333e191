import ArgumentParser
import Foundation
import TerminalUI
import TerminalScreen
import TypeBarKit
import TypeBarStore

extension Assess {
    /// An assessment with `mode: chat`: the same scenario and seed for every candidate, one shift per attempt,
    /// each kept (signed with a key) with its log, judged by the config's targets.
    func runChatAssessment(path: String) throws {
        let assessment = try ChatAssessment.load(path: path)
        if printText {
            throw ValidationError("A chat assessment has no single text; typebar chat --check \(assessment.scenario.id) --seed \(assessment.seed) prints its replies.")
        }
        if check {
            print("\(assessment.name): \(assessment.summary)")
            print("config_sha256: \(assessment.configHash)")
            print(assessment.scenario.draw(seed: assessment.seed).describe(seed: assessment.seed))
            if !assessment.instructions.isEmpty {
                print("instructions:")
                for line in assessment.instructions.split(separator: "\n", omittingEmptySubsequences: false) { print("  " + line) }
            }
            return
        }
        let name = try candidateName(candidate)
        let key = try signing.key()
        let settings = try historyOptions.inForce()
        let history = try openResults(settings)
        // A candidate's machine reads no records from a store: there the attempts table counts (below).
        var used = history is PostgresStore ? 0 : try historyOptions.records(HistoryQuery(candidate: name), from: history)
            .filter { $0.assessment == assessment.name && $0.configHash == assessment.configHash }.count
        let attempts = (history as? PostgresStore).map {
            AttemptCounter(store: $0, candidate: name, assessment: assessment.name, configHash: assessment.configHash, allowed: assessment.attempts, retake: retake)
        }
        // In a store the attempts table counts, as every machine sees it, as for typing assessments.
        if let attempts { used = try attempts.counted().used }
        if used >= assessment.attempts && !retake {
            throw TypeBarError.usage("\(name) has already taken \(assessment.name) \(used) time\(used == 1 ? "" : "s") (the rules allow \(assessment.attempts)). Use --retake to give a fresh set of attempts.")
        }
        // Free mode's dictionary first: a missing one is a message before any screen.
        let speller = try SpellerSource.hunspell.speller(for: assessment.mode)
        guard Terminal.isInteractive else { throw TypeBarError.usage(Terminal.StartError.notATerminal.description) }
        if key == nil {
            printError("typebar: warning: no signing key (--key-file or TYPEBAR_SIGNING_KEY): results are kept unsigned, and typebar verify cannot tell whether they were changed")
        }
        try MainActor.assumeIsolated {
            try sitChat(assessment, candidate: name, firstAttempt: retake ? 1 : used + 1, attempts: attempts, history: history, key: key,
                        colours: settings.colours.value, speller: speller)
        }
        if let refusal = attempts?.refusal { throw TypeBarError.usage(refusal) }
    }

    @MainActor
    private func sitChat(
        _ assessment: ChatAssessment, candidate: String, firstAttempt: Int, attempts: AttemptCounter?, history: any ResultStore, key: [UInt8]?,
        colours: PersonalSettings.Colours, speller: (any SpellChecker)?
    ) throws {
        let keeper = SessionKeeper(results: history, signingKey: key)
        let screen = try openChatScreen(colours: colours)
        let scenario = assessment.scenario.draw(seed: assessment.seed)
        var attempt = firstAttempt
        func setup() -> ChatScreen.Setup {
            var setup = ChatScreen.Setup(scenario: scenario, seed: assessment.seed, mode: assessment.mode, chats: assessment.chats, targets: assessment.targets)
            setup.heading = "\(assessment.name) · \(candidate) · attempt \(attempt) of \(assessment.attempts)"
            setup.instructions = assessment.instructions
            setup.speller = speller
            // In a store, the attempt is taken there as the shift begins, under the lock typing assessments take.
            if let attempts { setup.begin = { [attempt] in attempts.begin(attempt) != nil } }
            return setup
        }
        let header = ChatLog.Header(
            scenario: assessment.scenario.id,
            scenarioText: assessment.scenarioReference == assessment.scenario.id && !assessment.scenario.id.contains("/") ? nil : assessment.scenario.sourceText,
            mode: assessment.mode, seed: assessment.seed, chats: assessment.chats,
            metadata: ["candidate": candidate, "assessment": assessment.name, "config_sha256": assessment.configHash])
        let exit = screen.run(first: setup(), again: {
            guard attempt < assessment.attempts else { return nil }
            attempt += 1
            return setup()
        }, finished: { finished in
            let kept = keeper.keep(
                .chatAssessment(finished.result, assessment: assessment, candidate: candidate, attempt: attempts?.granted ?? attempt),
                log: ChatLog.text(header: header, events: finished.session.events))
            return [kept.record.verdict, kept.note]
        })
        try keeper.finish(exit, sitting: true)
    }
}
