import Testing
@testable import TerminalUI

@Suite("The reply box's kept layout: measured and laid out again only from the change")
struct ReplyLayoutTests {
    /// What measuring and laying out the whole draft gives.
    private func whole(_ pieces: [ReplyLayout.Piece], width: Int) -> (glyphs: [Glyph], roles: [Role], layout: TextLayout) {
        let characters = pieces.flatMap(\.shown)
        let glyphs = characters.map(Glyph.init)
        let roles = pieces.flatMap { piece in piece.shown.map { _ in piece.role } }
        return (glyphs, roles, TextLayout(glyphs: glyphs, width: width))
    }

    private func expectSame(_ kept: ReplyLayout, _ pieces: [ReplyLayout.Piece], width: Int) -> Bool {
        let expected = whole(pieces, width: width)
        let characters = pieces.flatMap(\.shown)
        let clusters = expected.glyphs.indices.filter { expected.glyphs[$0].isCluster }
        let same = kept.glyphs == expected.glyphs && kept.roles == expected.roles && kept.columns == expected.layout.columns
            && Array(kept.lines) == Array(expected.layout.lines)
            && clusters.allSatisfy { kept.character(at: $0) == characters[$0] }
            && pieces.indices.allSatisfy { kept.start(of: $0) == pieces[..<$0].reduce(0) { $0 + $1.shown.count } }
        #expect(same, "\(pieces.map { String($0.text) }) at width \(width): lines \(Array(kept.lines)) against \(Array(expected.layout.lines))")
        return same
    }

    @Test("A word shortened by Backspace goes back up to the line before; typed on, it goes down again")
    func wordMovesBetweenLines() {
        var kept = ReplyLayout()
        var text = Array("Sorry about the wait, your refund is on its way")
        kept.update([ReplyLayout.Piece(text: text, role: .plain)], width: 20)
        // "Sorry about the " (16) then "wait, your refund " (18) then "is on its way".
        #expect(Array(kept.lines) == [0..<16, 16..<34, 34..<47])
        // Down to "Sorry about the wai": "wai" fits after the 16 columns of the first line (19 <= 20).
        text = Array("Sorry about the wai")
        kept.update([ReplyLayout.Piece(text: text, role: .plain)], width: 20)
        #expect(Array(kept.lines) == [0..<19])
        text = Array("Sorry about the wait,")
        kept.update([ReplyLayout.Piece(text: text, role: .plain)], width: 20)
        #expect(Array(kept.lines) == [0..<16, 16..<21])
        #expect(expectSame(kept, [ReplyLayout.Piece(text: text, role: .plain)], width: 20))
    }

    @Test("\"é\" and \"e\" with a combining accent, equal as Swift compares characters, are measured as what they are")
    func accentsWrittenTwoWays() {
        var kept = ReplyLayout()
        kept.update([ReplyLayout.Piece(text: Array("caf\u{E9} ok"), role: .plain)], width: 10)
        #expect(!kept.glyphs[3].isCluster)
        let decomposed = ReplyLayout.Piece(text: Array("cafe\u{301} ok"), role: .plain)
        kept.update([decomposed], width: 10)
        #expect(kept.glyphs[3].isCluster)
        #expect(kept.character(at: 3) == "e\u{301}")
        #expect(expectSame(kept, [decomposed], width: 10))
    }

    @Test("Edits anywhere in the draft (typed ends, blanks in the middle, canned pieces, widths) keep it as a whole layout gives it")
    func randomEdits() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [Character] = ["a", "b", "c", " ", " ", "é", "e\u{301}", "日", "👍🏽", "-", "x"]
        let canned: [[Character]] = [Array("Hi "), Array(", your café order "), Array(" ships today 👍🏽, sorry for the wait."), Array("Averyveryverylongword ")]
        for _ in 0..<200 {
            var kept = ReplyLayout()
            var pieces: [ReplyLayout.Piece] = []
            var width = Int.random(in: 1...30, using: &generator)
            for _ in 0..<60 {
                switch Int.random(in: 0..<100, using: &generator) {
                case 0..<40:
                    // A character typed at the end, or into a piece in the middle (a blank being filled).
                    let character = alphabet.randomElement(using: &generator)!
                    if let index = pieces.indices.filter({ !pieces[$0].canned }).randomElement(using: &generator) {
                        pieces[index].text.append(character)
                    } else {
                        pieces.append(ReplyLayout.Piece(text: [character], role: .plain))
                    }
                case 40..<55:
                    if let index = pieces.indices.filter({ !pieces[$0].canned && !pieces[$0].text.isEmpty }).randomElement(using: &generator) {
                        pieces[index].text.removeLast()
                    }
                case 55..<65:
                    pieces.append(ReplyLayout.Piece(text: canned.randomElement(using: &generator)!, role: .correct, canned: true))
                case 65..<72:
                    pieces.append(ReplyLayout.Piece(text: [], role: .mark, blank: ["order", "name", "date"].randomElement(using: &generator)!))
                case 72..<74:
                    // Another chat's draft: the same words, an accent written the other way.
                    pieces = pieces.map { piece in
                        var other = piece
                        other.text = piece.text.map { $0 == "é" ? (String($0).unicodeScalars.count == 1 ? "e\u{301}" : "\u{E9}") : $0 }
                        return other
                    }
                case 74..<80:
                    // A blank made active or left: the same text in another role.
                    if let index = pieces.indices.randomElement(using: &generator), !pieces[index].canned {
                        pieces[index].role = pieces[index].role == .key ? .plain : .key
                    }
                case 80..<85:
                    if !pieces.isEmpty { pieces.remove(at: Int.random(in: 0..<pieces.count, using: &generator)) }
                case 85..<90:
                    width = Int.random(in: 1...30, using: &generator)
                case 90..<93:
                    pieces = []
                case 93..<97:
                    // Another chat's draft of the same shape: its typed characters others, each piece as long.
                    let other: [Character: Character] = ["a": "b", "b": "c", "c": "a", "x": "日", "日": "x", "-": "👍🏽", "👍🏽": "-", "é": "e\u{301}"]
                    pieces = pieces.map { piece in
                        var changed = piece
                        if !piece.canned { changed.text = piece.text.map { other[$0] ?? $0 } }
                        return changed
                    }
                default:
                    break
                }
                kept.update(pieces, width: width)
                guard expectSame(kept, pieces, width: width) else { return }
            }
        }
    }
    @Test("A box drawn over the last one copies the rows the update left alone, and reads as a box drawn afresh")
    func unchangedRowsCopied() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [Character] = ["a", "b", " ", " ", " ", "é", "日", "-", "x"]
        let canned: [[Character]] = [Array("Hi "), Array(", your order ships today, sorry for the wait. "), Array("Averyveryverylongword ")]
        var copied = 0
        for _ in 0..<300 {
            var kept = ReplyLayout()
            var pieces: [ReplyLayout.Piece] = [ReplyLayout.Piece(text: canned[1], role: .correct, canned: true)]
            let width = Int.random(in: 6...16, using: &generator)
            let count = Int.random(in: 1...4, using: &generator)
            var last: Frame?
            for _ in 0..<40 {
                switch Int.random(in: 0..<100, using: &generator) {
                case 0..<50:
                    // A character typed into a piece (a blank being filled) or at the end.
                    let character = alphabet.randomElement(using: &generator) ?? "a"
                    if let index = pieces.indices.filter({ !pieces[$0].canned }).randomElement(using: &generator) {
                        pieces[index].text.append(character)
                    } else {
                        pieces.insert(ReplyLayout.Piece(text: [character], role: .key), at: Int.random(in: 0...pieces.count, using: &generator))
                    }
                case 50..<70:
                    if let index = pieces.indices.filter({ !pieces[$0].canned && !pieces[$0].text.isEmpty }).randomElement(using: &generator) {
                        pieces[index].text.removeLast()
                    }
                case 70..<80:
                    pieces.insert(ReplyLayout.Piece(text: canned.randomElement(using: &generator) ?? [], role: .correct, canned: true),
                                  at: Int.random(in: 0...pieces.count, using: &generator))
                case 80..<85:
                    if !pieces.isEmpty { pieces.remove(at: Int.random(in: 0..<pieces.count, using: &generator)) }
                default:
                    break  // the same draft drawn again
                }
                kept.update(pieces, width: width)
                var fresh = ReplyLayout()
                fresh.update(pieces, width: width)
                // The cursor somewhere in the draft, so the box scrolls.
                let cursor = Int.random(in: 0...kept.glyphs.count, using: &generator)
                var frame = Frame(width: width + 4, height: 6)
                var expected = Frame(width: width + 4, height: 6)
                let earlier = last.flatMap { $0.clusters.isEmpty ? $0 : nil } ?? Frame.empty
                let place = kept.draw(into: &frame, cursor: cursor, top: 1, lines: count, left: 2, earlier: earlier)
                let expectedPlace = fresh.draw(into: &expected, cursor: cursor, top: 1, lines: count, left: 2, earlier: .empty)
                let same = frame == expected && place == expectedPlace
                #expect(same, "\(pieces.map { String($0.text) }) at width \(width), \(count) lines:\n\(frame.text)\nagainst\n\(expected.text)")
                if !same { return }
                if earlier.height == frame.height { copied += (1...count).filter { frame.rowStamps[$0] == earlier.rowStamps[$0] }.count }
                last = frame
            }
        }
        #expect(copied > 1000, "\(copied) rows copied")
    }
}
