import ArgumentParser
import TypeBarKit

/// The rival asked for, as plain values: `--pace`, `--ghost` or neither.
struct RaceChoice: Equatable {
    var pace: String?
    var ghost: String?

    /// What `--pace` asks for.
    enum Pace: Equatable {
        case wpm(Double)
        case best, average, last

        init?(_ text: String) {
            switch text.lowercased() {
            case "pb", "best": self = .best
            case "avg", "average": self = .average
            case "last": self = .last
            default:
                guard let value = Double(text), value.isFinite, (5...300).contains(value) else { return nil }
                self = .wpm(value)
            }
        }
    }

    /// Refuses a pace that is not one, and two rivals at once.
    func check() throws {
        if let pace, Pace(pace) == nil {
            throw ValidationError("--pace must be 40, 50, pb, avg, last or a speed from 5 to 300 WPM, not \"\(pace)\".")
        }
        if pace != nil && ghost != nil { throw ValidationError("Give --pace or --ghost, not both: one rival at a time.") }
    }
}
