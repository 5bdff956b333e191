import ArgumentParser
import Foundation
import TerminalUI
import TypeBarKit

/// `--pace` and `--ghost`: a second caret racing the typist (docs/typing-screen.md, "A pace caret and ghost races").
struct RaceOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Race a caret at this pace: 40, 50, pb (your best), avg (your last 10), last (your last result), or a WPM from 5 to 300.", valueName: "PACE"))
    var pace: String?

    @Option(name: .long, help: ArgumentHelp("Race a recorded session on its own text: a result's id from typebar history, or a keystroke log file.", valueName: "ID|FILE"))
    var ghost: String?

    var choice: RaceChoice { RaceChoice(pace: pace, ghost: ghost) }

    func validate() throws { try choice.check() }
}

extension RaceChoice {
    /// A pace's speed and name, reading the history for pb, avg and last.
    func paceSpeed(history: HistoryFile) throws -> (wpm: Double, name: String)? {
        guard let text = pace, let pace = Pace(text) else { return nil }
        if case .wpm(let wpm) = pace { return (wpm, "the \(formatDecimal(wpm, places: 0)) WPM pace") }
        var progress = ProgressSummary()
        try history.read(detail: .summary) { record, _ in
            progress.add(ProgressSummary.Session(time: record.time, netWPM: record.netWPM, accuracy: record.accuracy), group: record.group)
        }
        guard let last = progress.sessions.last?.netWPM, let recent = progress.recent else {
            throw TypeBarError.usage("--pace \(text): there are no results in \(history.path) yet; give a speed, like --pace 40")
        }
        let wpm: Double
        let name: String
        switch pace {
        case .best: wpm = progress.bests.map(\.session.netWPM).max() ?? last; name = "your best"
        case .average: wpm = recent.netWPM; name = "your average"
        case .last, .wpm: wpm = last; name = "your last result"
        }
        guard wpm >= 1 else { throw TypeBarError.usage("--pace \(text): that result is under 1 WPM, too slow to race") }
        return (wpm, "\(name) (\(formatDecimal(wpm, places: 0)) WPM)")
    }

    /// The ghost's session: its text, time limit and keystrokes, from a log file or a result's saved log.
    func ghostSession(history: HistoryFile) throws -> (configuration: TypingSession.Configuration, keystrokes: [Keystroke], target: TargetText)? {
        guard let ghost else { return nil }
        let path: String
        let name: String
        if FileManager.default.fileExists(atPath: ghost) {
            path = ghost
            name = "the ghost of " + URL(fileURLWithPath: ghost).lastPathComponent
        } else {
            let record = try history.record(id: ghost)
            guard let saved = history.logPath(of: record) else {
                throw TypeBarError.usage("result \(HistoryTable.shortID(record.id)) has no saved keystroke log, so it cannot race as a ghost")
            }
            path = saved
            name = "the ghost of " + HistoryTable.shortID(record.id)
        }
        let log = try KeystrokeLog.score(path: path, keepingKeystrokes: true)
        let configuration = TypingSession.Configuration(
            mode: log.timeLimit.map { .timedTest(seconds: $0) } ?? .practice, text: log.target.text, passageIDs: log.header.passage.map { [$0] } ?? [],
            title: "race against " + name.dropFirst(4))
        var raced = configuration
        raced.rival = Rival(ghost: log.keystrokes, target: log.target, timeLimit: log.timeLimit, name: name)
        return (raced, log.keystrokes, log.target)
    }
}
