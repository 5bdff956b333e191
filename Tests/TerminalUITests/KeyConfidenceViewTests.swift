import Testing
@testable import TerminalUI
import TypeBarCore

@Suite("Stats: the keyboard map of key confidence")
struct KeyConfidenceViewTests {
    @Test("Weak keys are bracketed on the map and listed weakest first, with their pairs")
    func map() {
        var model = ConfidenceModel()
        for _ in 0..<3 {
            var keys = ConfidenceModel.letters.map { TimingObservation(key: $0, typed: 10, meanMilliseconds: 200) }
            keys[1] = TimingObservation(key: "b", typed: 10, errors: 1, meanMilliseconds: 400)    // 300 / (400 × 1.2) = 0.625
            keys[21] = TimingObservation(key: "v", typed: 10, meanMilliseconds: 350)              // 300 / 350 = 0.857
            model.add(SessionTimings(keys: keys, bigrams: [TimingObservation(key: "th", typed: 6, meanMilliseconds: 330)]))
        }
        let text = KeyConfidenceView(model: model).frame(columns: 80).text
        #expect(text.contains("24 of 26 letters at target"))
        #expect(text.contains("z  x  c [v][b] n  m"), "\(text)")
        #expect(text.contains(" q  w  e  r  t  y  u  i  o  p"))
        #expect(text.contains("Weakest keys     'b' 0.62, 'v' 0.85"))
        #expect(text.contains("Weakest pairs    'th' 0.90"))
        let roles = KeyConfidenceView(model: model).frame(columns: 80)
        let zRow = roles.text.split(separator: "\n").firstIndex { $0.contains("[v]") }!
        #expect(roles.roles(row: zRow).contains("bbb"))
        #expect(roles.roles(row: zRow).contains("ggg"))
    }

    @Test("Letters at target over time: one mark per session, and where the count went")
    func overTime() {
        var model = ConfidenceModel()
        model.add(SessionTimings(keys: ConfidenceModel.letters.map { TimingObservation(key: $0, typed: 10, meanMilliseconds: 200) }))
        let text = KeyConfidenceView(model: model, atTargetOverTime: [0, 13, 26]).frame(columns: 80).text
        #expect(text.contains("At target        ▁▄█  0 -> 26 letters over 3 sessions"), "\(text)")
        #expect(!KeyConfidenceView(model: model, atTargetOverTime: [26]).frame(columns: 80).text.contains("At target"))
    }

    @Test("No keystrokes yet: the map says where to start")
    func empty() {
        #expect(KeyConfidenceView(model: ConfidenceModel()).frame(columns: 60).text.contains("No keystrokes yet: start with typebar drill."))
    }
}

@Suite("Stats: the trend of weak keys and pairs")
struct KeyTrendTests {
    @Test("Each weak key and pair shows where it stood some sessions ago")
    func trend() {
        var earlier = ConfidenceModel()
        earlier.add(SessionTimings(keys: [TimingObservation(key: "b", typed: 10, meanMilliseconds: 600)],
                                   bigrams: [TimingObservation(key: "th", typed: 6, meanMilliseconds: 500)]))
        // b: 300 / 600 = 0.5 then; one session at 400 later: S = 580, 300 / 580 = 0.517.
        let now = earlier.adding(SessionTimings(keys: [TimingObservation(key: "b", typed: 10, meanMilliseconds: 400)]))
        let text = KeyConfidenceView(model: now, earlier: earlier, earlierSessions: 10).frame(columns: 80).text
        #expect(text.contains("Weakest keys     'b' 0.51 (0.50)"), "\(text)")
        #expect(text.contains("Weakest pairs    'th' 0.60 (0.60)"))
        #expect(text.contains("(in brackets: 10 sessions ago)"))
    }
}

@Suite("The drill screen: the keyboard map under the text")
struct DrillPanelTests {
    @Test("The map shows under the text when the window has room, and gives way when it has not")
    func panel() {
        var model = ConfidenceModel()
        model.add(SessionTimings(keys: ConfidenceModel.letters.map {
            TimingObservation(key: $0, typed: 10, meanMilliseconds: $0 == "b" ? 500 : 200)
        }))
        var configuration = TypingSession.Configuration(mode: .practice, text: "bill about book debit label", passageIDs: [], title: "focus b 0.60")
        configuration.logMetadata["mode"] = "drill"
        configuration.panel = KeyConfidenceView(model: model).frame(columns: 60)
        let session = TypingSession(configuration: configuration)
        var view = TypingView(text: configuration.text)
        let tall = view.frame(for: session, rows: 24, columns: 80, now: 0).text
        #expect(tall.contains("typebar · drill · focus b 0.60"))
        #expect(tall.contains("z  x  c  v [b] n  m"), "\(tall)")
        #expect(tall.contains("bill about book debit label"))
        var small = TypingView(text: configuration.text)
        let short = small.frame(for: session, rows: 12, columns: 80, now: 0).text
        #expect(!short.contains("[b]"))
        #expect(short.contains("bill about book debit label"))
    }
}
