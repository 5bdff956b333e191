/// The minimum string distance between the typed buffer and the best-matching prefix of the target
/// (Soukoreff & MacKenzie's MSD with the target's end left free), kept up to date one keystroke at a time.
///
/// Row `i` of the edit-distance table holds, for each target prefix length `j`, the Levenshtein distance between
/// the first `i` typed characters and the first `j` target characters. Appending a typed character adds a row;
/// deleting one drops a row. Two things keep this linear in the length of the log:
///
/// - Only a band of `drift` cells either side of the diagonal is kept. A cell off the band is at least `drift`
///   away (a distance is never below `|i - j|`), so every error count up to `drift` is exact, and larger counts are
///   an upper bound. Typing that wanders more than `drift` characters from the target is not a score anyone reads.
/// - Rows are kept densely for the last stretch of the buffer and as checkpoints every `checkpointSpacing` rows
///   before it. Deleting back past the dense stretch recomputes at most one stretch from its checkpoint, and the
///   final alignment walks back one stretch at a time, so memory stays at a few bytes per typed character.
struct PrefixAligner: Sendable {
    static let drift = 64
    static let width = 2 * drift + 1
    static let checkpointSpacing = 32
    /// Stands for "off the band": larger than any distance that can occur, small enough never to overflow.
    static let offBand: Int32 = Int32.max / 4

    let target: [UInt32]
    private(set) var typed: [UInt32] = []
    /// Rows 0, S, 2S, … for S = `checkpointSpacing`, each `width` cells, for the current buffer.
    private var checkpoints: [Int32]
    /// Rows `denseBase + 1 ... typed.count`, each `width` cells.
    private var dense: [Int32] = []
    /// A multiple of S no greater than `typed.count`.
    private var denseBase = 0

    init(target: [UInt32]) {
        self.target = target
        var first = [Int32](repeating: Self.offBand, count: Self.width)
        for k in 0..<Self.width {
            let j = k - Self.drift
            if j >= 0 && j <= target.count { first[k] = Int32(j) }
        }
        checkpoints = first
    }

    var typedCount: Int { typed.count }

    /// Adds one typed character (by its code) to the end of the buffer.
    mutating func append(_ code: UInt32) {
        typed.append(code)
        let row = typed.count
        appendDenseRow(row)
        if row % Self.checkpointSpacing == 0 {
            checkpoints.append(contentsOf: dense[(dense.count - Self.width)...])
        }
        // Keep at most two stretches densely; older rows live on as checkpoints.
        if dense.count > 2 * Self.checkpointSpacing * Self.width {
            dense.removeFirst(Self.checkpointSpacing * Self.width)
            denseBase += Self.checkpointSpacing
        }
    }

    /// Deletes the last typed character; nothing happens when the buffer is empty.
    mutating func removeLast() {
        guard !typed.isEmpty else { return }
        typed.removeLast()
        let length = typed.count
        let keptCheckpoints = (length / Self.checkpointSpacing + 1) * Self.width
        if checkpoints.count > keptCheckpoints {
            checkpoints.removeLast(checkpoints.count - keptCheckpoints)
        }
        if length >= denseBase {
            dense.removeLast(Self.width)
        } else {
            // The buffer now ends inside the stretch before the dense one: rebuild that stretch from its checkpoint.
            denseBase -= Self.checkpointSpacing
            dense.removeAll(keepingCapacity: true)
            if denseBase < length {
                for row in (denseBase + 1)...length { appendDenseRow(row) }
            }
        }
    }

    /// The fewest errors over every target prefix, and the longest prefix reaching it (`E` and `K` in docs/scoring.md).
    var best: (errors: Int, prefixLength: Int) {
        withTopRow { row in
            var errors = Self.offBand
            var bestK = 0
            for k in 0..<Self.width where row[k] <= errors {
                errors = row[k]
                bestK = k
            }
            return (Int(errors), typed.count - Self.drift + bestK)
        }
    }

    /// One optimal alignment of the buffer against the best prefix, walked back from its end.
    func alignment() -> Alignment {
        let (errors, prefixLength) = best
        var result = Alignment(errors: errors, prefixLength: prefixLength)
        let spacing = Self.checkpointSpacing
        var i = typed.count
        var j = prefixLength
        var rows: [Int32] = []
        while i > 0 {
            let start = ((i - 1) / spacing) * spacing
            rows.removeAll(keepingCapacity: true)
            rows.append(contentsOf: checkpoints[(start / spacing * Self.width)..<((start / spacing + 1) * Self.width)])
            for row in (start + 1)...i {
                rows.append(contentsOf: repeatElement(0, count: Self.width))
                rows.withUnsafeMutableBufferPointer { buffer in
                    let base = buffer.baseAddress!
                    Self.fillRow(
                        row, code: typed[row - 1], target: target,
                        from: base + (row - start - 1) * Self.width, into: base + (row - start) * Self.width)
                }
            }
            while i > start {
                let r = (i - start) * Self.width
                let above = r - Self.width
                let k = j - i + Self.drift
                let value = rows[r + k]
                if j > 0 {
                    let cost: Int32 = typed[i - 1] == target[j - 1] ? 0 : 1
                    if rows[above + k] + cost == value {
                        if cost == 1 { result.record(.substitution, at: j - 1) }
                        i -= 1
                        j -= 1
                        continue
                    }
                }
                if k + 1 < Self.width && rows[above + k + 1] + 1 == value {
                    result.record(.insertion, at: j < prefixLength ? j : j - 1)
                    i -= 1
                    continue
                }
                if j > 0 && k > 0 && rows[r + k - 1] + 1 == value {
                    result.record(.omission, at: j - 1)
                    j -= 1
                    continue
                }
                // Unreachable for a table built by `fillRow`; step diagonally rather than loop forever.
                i -= 1
                j = max(0, j - 1)
            }
        }
        while j > 0 {
            result.record(.omission, at: j - 1)
            j -= 1
        }
        return result
    }

    // MARK: - Rows

    /// The current last row of the table (`width` cells), for readers outside this file.
    func withLastRow<R>(_ body: (UnsafeBufferPointer<Int32>) -> R) -> R { withTopRow(body) }

    private func withTopRow<R>(_ body: (UnsafeBufferPointer<Int32>) -> R) -> R {
        if typed.count == denseBase {
            let offset = denseBase / Self.checkpointSpacing * Self.width
            return checkpoints.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[offset..<(offset + Self.width)])) }
        }
        return dense.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[($0.count - Self.width)...])) }
    }

    /// Computes row `row` from the row before it (the last dense row, or the checkpoint at `denseBase`).
    private mutating func appendDenseRow(_ row: Int) {
        let code = typed[row - 1]
        let target = self.target
        dense.append(contentsOf: repeatElement(0, count: Self.width))
        let offset = dense.count - Self.width
        if row - 1 > denseBase {
            dense.withUnsafeMutableBufferPointer { buffer in
                let base = buffer.baseAddress!
                Self.fillRow(row, code: code, target: target, from: base + offset - Self.width, into: base + offset)
            }
        } else {
            let start = denseBase / Self.checkpointSpacing * Self.width
            let checkpoints = self.checkpoints
            checkpoints.withUnsafeBufferPointer { previous in
                dense.withUnsafeMutableBufferPointer { buffer in
                    Self.fillRow(row, code: code, target: target, from: previous.baseAddress! + start, into: buffer.baseAddress! + offset)
                }
            }
        }
    }

    /// The edit-distance recurrence for one banded row. Cell `k` of row `i` stands for target prefix `j = i - drift + k`;
    /// in the row above, the same `k` is `(i-1, j-1)` and `k + 1` is `(i-1, j)`.
    private static func fillRow(
        _ i: Int, code: UInt32, target: [UInt32],
        from previous: UnsafePointer<Int32>, into current: UnsafeMutablePointer<Int32>
    ) {
        let n = target.count
        let lower = max(0, drift - i)             // first k with j >= 0
        let upper = min(width - 1, n - i + drift)  // last k with j <= n
        target.withUnsafeBufferPointer { target in
            var k = 0
            while k < lower { current[k] = offBand; k += 1 }
            var left = offBand
            if k <= upper && i - drift + k == 0 {
                // j = 0: i characters typed against an empty prefix.
                left = Int32(i)
                current[k] = left
                k += 1
            }
            // Two passes, so the first has no dependency from cell to cell and vectorises: the diagonal and the
            // cell above, then the cell to the left as a running minimum.
            // target[j - 1] for cell k is target[k + shift].
            let shift = i - drift - 1
            let start = k
            let last = upper == width - 1 ? upper - 1 : upper
            while k <= last {
                let cost: Int32 = target[k + shift] == code ? 0 : 1
                current[k] = Swift.min(previous[k] &+ cost, previous[k + 1] &+ 1)
                k += 1
            }
            if k <= upper {
                current[k] = previous[k] &+ (target[k + shift] == code ? 0 : 1)
                k += 1
            }
            var index = start
            while index < k {
                let value = Swift.min(current[index], left &+ 1)
                current[index] = value
                left = value
                index += 1
            }
            while k < width { current[k] = offBand; k += 1 }
        }
    }
}

/// An optimal alignment of the typed text against the target prefix it best matches: the error count, the
/// prefix length, the errors by kind (Soukoreff & MacKenzie's taxonomy) and where in the target each one falls.
struct Alignment: Sendable, Equatable {
    enum Kind { case substitution, insertion, omission }

    var errors: Int
    var prefixLength: Int
    var substitutions = 0
    var insertions = 0
    var omissions = 0
    /// Target positions the errors are charged to; an extra character is charged to the target character after it.
    var errorPositions: [Int] = []

    mutating func record(_ kind: Kind, at position: Int) {
        switch kind {
        case .substitution: substitutions += 1
        case .insertion: insertions += 1
        case .omission: omissions += 1
        }
        if position >= 0 { errorPositions.append(position) }
    }
}

extension PrefixAligner {
    /// Errors against the whole target (not its best prefix): what a sent chat reply is judged by, since a reply
    /// that stops short leaves the rest unsaid. Exact while within the band; past it, an upper bound.
    var wholeTargetErrors: Int {
        let (errors, prefixLength) = best
        let k = target.count - typed.count + PrefixAligner.drift
        guard k >= 0 && k < PrefixAligner.width else { return errors + (target.count - prefixLength) }
        let cell = withLastRow { $0[k] }
        return cell >= PrefixAligner.offBand ? errors + (target.count - prefixLength) : Int(cell)
    }
}
