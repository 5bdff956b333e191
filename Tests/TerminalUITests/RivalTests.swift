import Testing
@testable import TerminalUI
import TypeBarCore

@Suite("A pace caret and a ghost on the typing screen")
struct RivalTests {
    static let text = "the cat sat on the mat"

    func session(rival: Rival?) -> TypingSession {
        var configuration = TypingSession.Configuration(mode: .practice, text: Self.text, passageIDs: [], title: "race")
        configuration.rival = rival
        return TypingSession(configuration: configuration)
    }

    @Test("A 60 WPM pace caret is 5 characters in after a second, and the typing cursor stays where the typist is")
    func paceAtATime() {
        // 60 WPM: 300 characters a minute, one every 200 ms.
        let rival = Rival(pace: 60, name: "the 60 WPM pace", length: Self.text.count)
        #expect(rival.position(at: 0) == 0)
        #expect(rival.position(at: 199.9) == 0)
        #expect(rival.position(at: 1000) == 5)
        #expect(rival.position(at: 1_000_000) == Self.text.count)
        #expect(rival.nextMove(after: 1000) == 1200)
        #expect(rival.finishTime == Double(Self.text.count) * 200)

        var session = session(rival: rival)
        _ = session.handle(.type("t"), at: 5_000)          // the race starts with the typist's first key
        var view = TypingView(text: Self.text)
        let before = view.frame(for: session, rows: 12, columns: 60, now: 5_000)
        #expect(!before.roles(row: 2).contains("R") || before.roles(row: 2).dropFirst(2).first == "R")
        let frame = view.frame(for: session, rows: 12, columns: 60, now: 6_000)
        let roles = Array(frame.roles(row: 2))
        #expect(roles[2 + 5] == "R", "\(frame.roles(row: 2))")
        #expect(roles.filter { $0 == "R" }.count == 1)
        #expect(roles[2 + 1] == "_")                     // the typist's cursor, unmoved
        #expect(frame.cursor?.row == 2 && frame.cursor?.column == 3)
        #expect(frame.text == view.frame(for: session, rows: 12, columns: 60, now: 6_000).text)
        // Before the first key the pace waits.
        var idle = TypingView(text: Self.text)
        #expect(!idle.frame(for: self.session(rival: rival), rows: 12, columns: 60, now: 9_000).roles(row: 2).contains("R"))
    }

    @Test("A ghost replays a recorded log exactly: at each of its keystrokes, where the log's buffer was")
    func ghostReplaysExactly() {
        // "the cxt" with a backspace and a word deletion along the way, at uneven times from 3,000 ms.
        let keys: [Keystroke] = [
            .character("t", at: 3_000), .character("h", at: 3_150), .character("e", at: 3_420), .character(" ", at: 3_500),
            .character("c", at: 3_800), .character("x", at: 3_990), .backspace(at: 4_300), .character("a", at: 4_450),
            .character("t", at: 4_610), .wordBackspace(at: 5_000), .character("c", at: 5_300),
        ]
        let ghost = Rival(ghost: keys, target: TargetText(Self.text), name: "the ghost of abc")
        var attempt = Attempt(target: TargetText(Self.text))
        for key in keys {
            attempt.apply(key)
            #expect(ghost.position(at: key.time - 3_000) == attempt.typedCount, "at \(key.time)")
        }
        #expect(ghost.position(at: -1) == 0)
        #expect(ghost.position(at: 1_999) == 7)            // "the cat", just before the word deletion
        #expect(ghost.position(at: 2_100) == 4)            // the word deletion took it back to "the "
        #expect(ghost.position(at: 2_300) == 5)            // and the c
        #expect(ghost.nextMove(after: 1_000) == 1_300)
        #expect(ghost.finishTime == nil)                   // it never finished the text

        var session = session(rival: ghost)
        _ = session.handle(.type("t"), at: 0)
        var view = TypingView(text: Self.text)
        let roles = Array(view.frame(for: session, rows: 12, columns: 60, now: 810).roles(row: 2))
        #expect(roles[2 + 5] == "R")                       // at 810 ms the ghost had typed "the c"
    }

    @Test("Who finished first, and by how much")
    func race() {
        let pace = Rival(pace: 60, name: "the 60 WPM pace", length: 22)   // finishes at 4.4 s
        #expect(pace.race(typed: 22, elapsed: 4_000, finished: true) == "you finished 0.4 s ahead of the 60 WPM pace")
        #expect(pace.race(typed: 22, elapsed: 5_500, finished: true) == "the 60 WPM pace finished 1.1 s ahead of you")
        #expect(pace.race(typed: 10, elapsed: 3_000, finished: false) == "the 60 WPM pace was 5 characters ahead when you stopped")
        #expect(pace.race(typed: 20, elapsed: 3_000, finished: false) == "you were 5 characters ahead of the 60 WPM pace when you stopped")
    }
}

@Suite("The typing screen redraws only what changed")
struct IncrementalFrameTests {
    @Test("Frame after frame, one view gives what a new view gives at every step: the screen before the first key, keys, corrections, pastes and their notice, a pace caret, a resize, several keys between frames, a spare frame made while waiting")
    func incrementalMatchesFresh() {
        let text = "Hi Sam, your refund of $24.99 is on its way; it should reach your card within 3 to 5 days. Thanks!"
        var random = SplitMix64(seed: 11)
        for round in 0..<20 {
            var configuration = TypingSession.Configuration(mode: .practice, text: text, passageIDs: [], title: "race")
            if round % 2 == 0 { configuration.rival = Rival(pace: 45, name: "the 45 WPM pace", length: text.count) }
            var session = TypingSession(configuration: configuration)
            var view = TypingView(text: text)
            var now = 1_000.0
            var size = (rows: 12, columns: 40)
            // The screen before the first key, with its "Start when ready" hint, is what the first key draws over.
            var before = TypingView(text: text)
            #expect(view.frame(for: session, rows: size.rows, columns: size.columns, now: now) == before.frame(for: session, rows: size.rows, columns: size.columns, now: now))
            if round % 4 < 2 { view.prepareNextFrame() }
            for step in 0..<150 {
                let roll = Int.random(in: 0..<100, using: &random)
                let event: InputEvent
                switch roll {
                case 0..<8: event = .backspace
                case 8..<11: event = .wordBackspace
                case 11..<13: event = .pasted(characters: 5)
                case 13..<20: event = .type("x")
                default:
                    let typed = session.attempt.typedCount
                    let index = text.index(text.startIndex, offsetBy: min(typed, text.count - 1))
                    event = .type(text[index])
                }
                if roll == 99 { size = (rows: Int.random(in: 10...14, using: &random), columns: Int.random(in: 40...60, using: &random)) }
                now += Double(Int.random(in: 20...400, using: &random))
                if session.handle(event, at: now) != .keepTyping { break }
                // Now and then several keys land between two frames, as when keys come faster than the screen.
                if roll % 7 == 0 { continue }
                // While waiting for a key the screen has the view make its spare frame.
                if roll % 3 == 0 { view.prepareNextFrame() }
                var fresh = TypingView(text: text)
                let expected = fresh.frame(for: session, rows: size.rows, columns: size.columns, now: now)
                let frame = view.frame(for: session, rows: size.rows, columns: size.columns, now: now)
                #expect(frame == expected, "round \(round), step \(step)")
                if frame != expected { return }
            }
        }
    }

    @Test("While keys come, the rival's moves wait for the next key's frame, never more than 0.1 s after the last key")
    func movesRideOnKeys() {
        // No key yet, or the last one 0.1 s ago or more: wake at the move itself.
        #expect(RivalPacing.wait(untilMove: 30, sinceKey: nil) == 30)
        #expect(RivalPacing.wait(untilMove: 30, sinceKey: 100) == 30)
        #expect(RivalPacing.wait(untilMove: 30, sinceKey: 250) == 30)
        // A key 20 ms ago and the move 30 ms away: wait until 100 ms after the key (80 ms), unless a key comes first.
        #expect(RivalPacing.wait(untilMove: 30, sinceKey: 20) == 80)
        // A move further off than that window is woken for as it is.
        #expect(RivalPacing.wait(untilMove: 150, sinceKey: 20) == 150)
        // A move already due (the screen was busy) is shown by the window's end at the latest.
        #expect(RivalPacing.wait(untilMove: 0, sinceKey: 99) == 1)
    }

    @Test("A typist keying every 60 ms against a 40 WPM caret: no frame of the rival's own, and it is shown at most 0.1 s late")
    func fastTypistDrawsAFrameAKey() {
        let rival = Rival(pace: 40, name: "the 40 WPM pace", length: 10_000)
        var now = 0.0, lastKey: Double? = nil, nextKey = 0.0, rivalFrames = 0, shown = 0, latest = 0.0
        while now < 6_000 {
            let due = rival.nextMove(after: now).map { RivalPacing.wait(untilMove: $0 - now, sinceKey: lastKey.map { now - $0 }) }
            let wake = min(nextKey, now + (due ?? .infinity))
            if wake < nextKey { rivalFrames += 1 }
            now = wake
            if now == nextKey { lastKey = now; nextKey += 60 }
            // How late the frame drawn now shows the rival's latest move (40 WPM: a move every 300 ms).
            let position = rival.position(at: now)
            if position > shown {
                latest = max(latest, now - Double(position) * 300)
                shown = position
            }
        }
        #expect(rivalFrames == 0)
        #expect(latest <= 60)
        // When the keys stop, the rival's move is drawn on its own, 0.1 s after the last key at the latest.
        let stopped = RivalPacing.wait(untilMove: 10, sinceKey: 0)
        #expect(stopped == 100)
    }
}
