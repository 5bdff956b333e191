import TypeBarCore
import TypeBarFormats

extension HistoryRecord {
    /// The record of a typing result under `bar`, saved at `time`, typed against `targetText` (kept as its SHA-256).
    public init(id: String, time: Double, mode: Mode, result: ScoreResult, bar: HiringBar, targetText: String, passages: [String], timeLimit: Double?) {
        self.init()
        let verdict = bar.verdict(for: result)
        self.id = id
        self.time = time
        self.mode = mode
        self.passages = passages
        textHash = HistoryRecord.sha256(targetText)
        textCharacters = result.targetLength
        self.timeLimit = timeLimit
        elapsedSeconds = result.elapsedSeconds
        completed = result.completed
        characters = result.characters
        grossWPM = result.grossWPM
        netWPM = result.netWPM
        accuracy = result.accuracy
        keystrokeAccuracy = result.keystrokes?.accuracy
        uncorrectedErrors = result.uncorrectedErrors
        correctedErrors = result.keystrokes?.correctedErrors
        wordErrors = result.wordErrors
        substitutions = result.substitutions
        insertions = result.insertions
        omissions = result.omissions
        errorsExact = result.errorsAreExact
        kspc = result.keystrokes?.kspc
        consistency = result.keystrokes?.consistency
        keystrokes = result.keystrokes?.applied
        barWPM = bar.netWPM
        minimumAccuracy = bar.minimumAccuracy
        meetsBar = verdict.meetsBar
        self.verdict = verdict.summary
        flags = result.flags.map { Flag(name: $0.kind.rawValue, atSeconds: $0.atSeconds, detail: $0.detail) }
        // Times and the timeline to a tenth: finer says nothing more, and the file stays small.
        keys = result.keystrokes?.keys.map {
            Key(character: String($0.character), typed: $0.typed, errors: $0.errors, meanMilliseconds: $0.meanMilliseconds.map(HistoryRecord.tenths))
        } ?? []
        bigrams = result.keystrokes?.slowestBigrams.map { Bigram(bigram: $0.bigram, count: $0.count, meanMilliseconds: HistoryRecord.tenths($0.meanMilliseconds)) } ?? []
        timeline = result.keystrokes?.timeline.map { HistoryRecord.tenths($0.netWPM) } ?? []
        timelineStep = result.keystrokes?.timelineStep ?? 1
        typebarVersion = TypeBarVersion.current
    }

    /// The record of a chat shift: the chat figures in `chat`, and in the shared fields what they mean for any
    /// result (net WPM while typing, reply accuracy, the targets as the bar, the verdict). The text hash names the
    /// exact shift: the SHA-256 of "chat SCENARIO seed N".
    public init(id: String, time: Double, chat result: ChatResult, seed: UInt64, scenarioName: String) {
        self.init()
        self.id = id
        self.time = time
        mode = .chat
        passages = [result.scenario]
        textHash = HistoryRecord.sha256("chat \(result.scenario) seed \(seed)")
        textCharacters = result.replies.reduce(0) { $0 + $1.expectedCharacters }
        timeLimit = nil
        elapsedSeconds = result.shiftSeconds
        completed = !result.leftEarly
        characters = result.sentCharacters
        netWPM = result.netWPM ?? 0
        grossWPM = result.grossWPM ?? 0
        accuracy = result.replyAccuracy ?? 0
        uncorrectedErrors = result.uncorrectedErrors
        barWPM = result.targets.bar
        minimumAccuracy = result.targets.minReplyAccuracy
        meetsBar = result.meetsTargets
        let missed = result.missedTargets
        verdict = "\(scenarioName): \(result.served)/\(result.customers.count) served, first reply median "
            + (result.medianFirstResponse.map { "\(ChatResult.shownSeconds($0)) s" } ?? "–")
            + (missed.isEmpty ? ": meets every target" : "; missed: " + missed.map(\.description).joined(separator: "; "))
        if result.leftEarly {
            flags = [Flag(name: "left_early", atSeconds: result.shiftSeconds, detail: "ended the shift early; customers still waiting count as not served")]
        }
        chat = ChatSummary(result, seed: seed)
        typebarVersion = TypeBarVersion.current
    }
}

extension ChatSummary {
    /// The figures of `result` that a history record keeps.
    public init(_ result: ChatResult, seed: UInt64) {
        self.init(
            scenario: result.scenario, mode: result.mode.rawValue, seed: String(seed), customers: result.customers.count,
            served: result.served, abandoned: result.abandoned, notServed: result.unserved, replies: result.replyCount,
            wrongDetails: result.wrongDetails, effectiveWPM: result.effectiveWPM, keystrokesSaved: result.keystrokesSaved,
            leftEarly: result.leftEarly, missedTargets: result.missedTargets.map(\.kind.rawValue))
        medianFirstResponse = result.medianFirstResponse
        worstFirstResponse = result.worstFirstResponse
        averageWait = result.averageWait
        worstWait = result.worstWait
        replyAccuracy = result.replyAccuracy
        maxFirstResponse = result.targets.maxFirstResponse
        maxAbandoned = result.targets.maxAbandoned
        maxWrongDetails = result.targets.maxWrongDetails
        minJudgement = result.targets.minJudgement
        minSatisfaction = result.targets.minSatisfaction
        maxMissedActions = result.targets.maxMissedActions
        minWriting = result.targets.minWriting
        judgement = result.judgement
        writing = result.writing
        satisfaction = result.meanRating
        satisfied = result.positiveRating
        resolution = result.resolutionRate
        transferred = result.transferred
        actionsExpected = result.actionsExpected
        actionsRight = result.actionsRight
    }
}

extension HistoryRecord {
    /// The desk's targets a chat shift was judged against (judgement, satisfaction, missed actions, writing): those
    /// its record keeps, else its mode's defaults; nil for a record that is not a chat shift.
    public var chatTargetsInForce: (judgement: Double?, satisfaction: Double?, missedActions: Int?, writing: Double?)? {
        guard let chat else { return nil }
        return chat.targets(bar: barWPM, minReplyAccuracy: minimumAccuracy).inForce(for: ChatShift.Mode(rawValue: chat.mode) ?? .guided)
    }
}

extension ChatShiftPoint {
    /// A kept shift as a point on the stats screen's response-time chart.
    public init(time: Double, _ chat: ChatSummary) {
        self.init(
            time: time, scenario: chat.scenario, medianFirstResponse: chat.medianFirstResponse,
            worstFirstResponse: chat.worstFirstResponse, served: chat.served, customers: chat.customers,
            abandoned: chat.abandoned, meetsTargets: chat.missedTargets.isEmpty)
        judgement = chat.judgement
        writing = chat.writing
        // Ratings are computed in every mode; only where the agent chooses (desk, free) do they say something of them.
        satisfied = chat.mode == ChatShift.Mode.desk.rawValue || chat.mode == ChatShift.Mode.free.rawValue ? chat.satisfied : nil
    }
}
