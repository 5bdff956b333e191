import ArgumentParser
import Foundation
import TerminalUI
import TypeBarKit

extension DrillKind: ExpressibleByArgument {}

/// `typebar drill`: practice aimed at the keys and pairs that keep a candidate under the bar.
struct Drill: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drill",
        abstract: "Drill your weakest keys on real support words, or the details agents type most carefully.",
        discussion: """
            The focus is your weakest key (or pair) by confidence: the target time at the target speed over your \
            smoothed time, with errors counted against it. A first drill with no history is a placement drill. \
            --print shows the drill and why each word was chosen, without a screen. The formulas are in docs/drills.md.
            Keys: type the text; Tab restarts; Esc leaves; on the results, n draws the next drill.
            --kind proofread: fix drafted replies in place (arrows, Home, End and Ctrl-arrows move; Backspace and \
            Delete remove; Enter submits), scored on errors fixed and introduced against a pace of 30 s a draft.
            """
    )

    @OptionGroup var screen: ScreenOptions
    @Option(name: .long, help: ArgumentHelp("The speed a key must reach to be at target (default: 40, the bar).", valueName: "WPM"))
    var target: Double = ConfidenceModel.defaultTargetWPM
    @Option(name: .long, help: ArgumentHelp("Drill these keys (b, or b,v) or this pair (th) instead of the weakest.", valueName: "KEYS|BIGRAM"))
    var focus: String?
    @Option(name: .long, help: ArgumentHelp("Length: what the target speed types in this many minutes.", valueName: "N"))
    var minutes: Double = 1
    @Option(name: .long, help: ArgumentHelp("letters (words holding the focus), details (order numbers, amounts, ...), words, or proofread (fix drafted replies).", valueName: "KIND"))
    var kind: DrillKind = .letters
    @Flag(name: .long, help: "Print the drill and why each word was chosen, without the typing screen.")
    var print = false
    @Option(name: .long, help: ArgumentHelp("With --print: this many words (default 30).", valueName: "N"))
    var words: Int?
    @Flag(name: .long, help: "With --print: one JSON object (focus, target_wpm, words with why, confidence; or the drafts).")
    var json = false
    @Option(name: .long, help: ArgumentHelp("With --kind proofread: drafts in the drill, 1 to 20 (default 5).", valueName: "N"))
    var drafts: Int?
    @Option(name: .customLong("draft-seconds"), help: ArgumentHelp("With --kind proofread: the target seconds a draft, 5 to 600 (default 30).", valueName: "S"))
    var draftSeconds: Double?

    var settings: DrillSettings {
        DrillSettings(
            screen: screen.settings, target: target, focus: focus, minutes: minutes, kind: kind, print: print, words: words, json: json,
            drafts: drafts, draftSeconds: draftSeconds)
    }

    func validate() throws { try settings.check() }

    func run() throws { try settings.run() }

    /// The drill for a person: the title, the text, and each word with why.
    static func describe(_ plan: DrillPlan, model: ConfidenceModel, seed: UInt64) -> [String] {
        var lines = ["drill · " + plan.title(model: model) + " · target \(formatDecimal(plan.targetWPM, places: 0)) WPM · seed \(seed)"]
        let (atTarget, known) = model.lettersAtTarget
        if plan.isPlacement {
            lines.append("No history yet: this placement drill brings in every letter so the next drill knows where to start.")
        } else if plan.kind != .details {
            lines.append("\(atTarget) of \(known) letters at target" + (plan.lettersLearned ? "; capitals, punctuation and digits are in" : ""))
        }
        lines.append("")
        lines.append(contentsOf: wrapWords(plan.text, width: 78))
        lines.append("")
        let width = min(24, plan.words.map(\.text.count).max() ?? 0)
        for (index, word) in plan.words.enumerated() {
            let number = String(index + 1).leftPadded(to: 3)
            lines.append("\(number)  \(word.text.padding(toLength: max(width, word.text.count), withPad: " ", startingAt: 0))  \(word.why)")
        }
        return lines
    }

    /// 12,480 for 12480.
    static func grouped(_ value: Int) -> String {
        let digits = String(value)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return out
    }
}

extension DrillSettings {
    func run() throws {
        let settings = try screen.inForce()
        try MainActor.assumeIsolated { try drill(settings) }
    }

    @MainActor
    private func drill(_ settings: PersonalSettings) throws {
        if kind == .proofread { return try proofread(settings) }
        // The latest sessions of the history file, or of the team's store when one is named.
        let (history, warnings) = try DrillHistory.gather(from: openResults(settings), candidate: nil, targetWPM: target)
        for warning in warnings { printError("typebar: warning: \(warning)") }
        let pool = WordPool(library: try screen.library())
        let request = DrillRequest(
            kind: kind, focus: focus.flatMap(DrillFocus.init(parsing:)),
            length: print ? .words(words ?? 30) : .minutes(minutes, at: target),
            seed: screen.seed ?? .random(in: 0...999_999))
        let plan = DrillBuilder.plan(request, model: history.model, pool: pool)
        guard !plan.words.isEmpty else { throw TypeBarError.usage("no words to drill: the passages hold none") }
        if print {
            if json {
                Swift.print(DrillReport.json(plan, model: history.model, seed: request.seed, history: history).rendered)
            } else {
                for line in Drill.describe(plan, model: history.model, seed: request.seed) { StandardOutput.print(line) }
                if !plan.isPlacement && plan.kind != .details {
                    // Where the focus came from: every key's confidence on the keyboard map.
                    StandardOutput.print("")
                    let map = KeyConfidenceView(model: history.model, atTargetOverTime: history.lettersAtTarget, earlier: history.earlier, earlierSessions: DrillHistory.trendSessions)
                    StandardOutput.print(map.frame(columns: min(StandardOutput.columns, 120)).styledText(style: StandardOutput.style(settings.colours.value)))
                }
            }
            return
        }
        try practise(settings, first: plan, request: request, model: history.model, pool: pool)
    }

    /// The typing screen on the drill; `n` draws the next drill from the figures as they stand after this one.
    @MainActor
    private func practise(_ settings: PersonalSettings, first: DrillPlan, request: DrillRequest, model: ConfidenceModel, pool: WordPool) throws {
        var model = model
        var plan = first
        var request = request
        let bar = settings.hiringBar
        let hide = settings.liveFigures.value == .hidden
        func configuration(_ plan: DrillPlan) -> TypingSession.Configuration {
            var configuration = TypingSession.Configuration(
                mode: .practice, text: plan.text, passageIDs: [], title: plan.title(model: model) + " · seed \(request.seed)",
                hideLiveFigures: hide, bar: bar)
            configuration.logMetadata = ["mode": "drill", "drill_kind": plan.kind.rawValue, "drill_seed": String(request.seed)]
            if let focus = plan.focus { configuration.logMetadata["drill_focus"] = focus.description }
            // Where the focus comes from, under the text when the window has room.
            if !plan.isPlacement && plan.kind != .details { configuration.panel = KeyConfidenceView(model: model).frame(columns: 60) }
            return configuration
        }
        try screen.runScreen(settings, first: configuration(plan), next: {
            request.seed &+= 1
            plan = DrillBuilder.plan(request, model: model, pool: pool)
            return configuration(plan)
        }) { finished in
            // The drill just typed joins the figures, with every pair it timed.
            let target = TargetText(finished.configuration.text)
            let session = SessionTimings(finished.result, bigrams: PairTimings.measure(target: target, keystrokes: finished.keystrokes))
            let after = model.adding(session)
            defer { model = after }
            // Practice of missed or slowest words (m, s) joins the figures but is not a drill to report on.
            guard finished.configuration.logMetadata["mode"] == "drill" else { return nil }
            if plan.kind == .details {
                let score = DetailScore(details: plan.words.map(\.text), result: finished.result)
                return "details: \(score.exact) of \(score.typed) typed exact (zero tolerance), \(score.total) in the drill; "
                    + "\(Drill.grouped(Int(clampingFigure: score.keystrokesPerHour))) KPH"
            }
            let line = model.progressLine(to: after, focus: plan.focus)
            guard plan.isPlacement else { return line }
            return "placement: " + line + (DrillBuilder.automaticFocus(after).map { "; the next drill works on \($0)" } ?? "")
        }
    }
}
