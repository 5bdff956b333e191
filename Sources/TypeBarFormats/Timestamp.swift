import TypeBarCore
/// Instants as UTC text, "2026-11-23T10:15:02.123Z", converted by arithmetic on the civil calendar rather than
/// with Foundation's date formatters, which cost microseconds per call; a history holds 100,000 of them.
public enum Timestamp {
    /// `seconds` since 1970-01-01 UTC as ISO 8601 text with milliseconds.
    public static func text(_ seconds: Double) -> String {
        // To the microsecond first, then cut to the millisecond: the double read back from this text can fall a
        // hair under its millisecond (after 2038, about one time in a hundred), and must write the same text again,
        // or a signed record read back would no longer match its signature.
        let bounded = min(max(seconds, -Limits.unixSeconds.upperBound), Limits.unixSeconds.upperBound)
        let milliseconds = Int(clampingFigure: ((bounded * 1_000_000).rounded() / 1000).rounded(.down))
        let (days, dayMilliseconds) = floorDivision(milliseconds, 86_400_000)
        let (year, month, day) = civil(fromDays: days)
        let second = dayMilliseconds / 1000
        return digits(year, 4) + "-" + digits(month, 2) + "-" + digits(day, 2) + "T"
            + digits(second / 3600, 2) + ":" + digits(second / 60 % 60, 2) + ":" + digits(second % 60, 2)
            + "." + digits(dayMilliseconds % 1000, 3) + "Z"
    }

    /// The date part alone, "2026-11-23", of `seconds` shifted by `offset` seconds (a time zone).
    public static func date(_ seconds: Double, offset: Int = 0) -> String {
        let (days, _) = floorDivision(Int(clampingFigure: min(max(seconds, -Limits.unixSeconds.upperBound), Limits.unixSeconds.upperBound).rounded(.down)) + offset, 86_400)
        let (year, month, day) = civil(fromDays: days)
        return digits(year, 4) + "-" + digits(month, 2) + "-" + digits(day, 2)
    }

    /// Parses "YYYY-MM-DDTHH:MM:SS", with optional fraction, and "Z" or "±HH:MM"; nil for anything else.
    public static func seconds(_ text: some Collection<UInt8>) -> Double? {
        let bytes = Array(text)
        return seconds(bytes.span)
    }

    /// The same, reading the bytes in place.
    static func seconds(_ bytes: Span<UInt8>) -> Double? {
        guard bytes.count >= 20 else { return nil }
        func number(_ start: Int, _ count: Int) -> Int? {
            var value = 0
            for index in start..<(start + count) {
                let byte = bytes[index]
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0, 4), bytes[4] == UInt8(ascii: "-"), let month = number(5, 2), bytes[7] == UInt8(ascii: "-"),
              let day = number(8, 2), bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
              let hour = number(11, 2), bytes[13] == UInt8(ascii: ":"), let minute = number(14, 2), bytes[16] == UInt8(ascii: ":"),
              let second = number(17, 2),
              (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        var fraction = 0.0
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            let start = index
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                fraction += Double(bytes[index] - 48) * scale
                scale /= 10
                index += 1
            }
            guard index > start, index < bytes.count else { return nil }
        }
        var offset = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"):
            index += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == bytes.count, let hours = number(index + 1, 2), bytes[index + 3] == UInt8(ascii: ":"),
                  let minutes = number(index + 4, 2), hours < 24, minutes < 60 else { return nil }
            offset = (hours * 60 + minutes) * 60 * (bytes[index] == UInt8(ascii: "-") ? -1 : 1)
            index += 6
        default:
            return nil
        }
        guard index == bytes.count else { return nil }
        let days = Self.days(year: year, month: month, day: day)
        return Double(days * 86_400 + hour * 3600 + minute * 60 + second - offset) + fraction
    }

    /// Parses a day, "2026-11-23", as its first second at `offset` seconds from UTC; or a full timestamp.
    public static func start(of text: String, offset: Int) -> Double? {
        let bytes = Array(text.utf8)
        if bytes.count == 10 {
            return seconds(bytes + Array("T00:00:00Z".utf8)).map { $0 - Double(offset) }
        }
        return seconds(bytes)
    }

    // MARK: - The civil calendar (proleptic Gregorian), by whole days from 1970-01-01

    static func days(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = floorDivision(shiftedYear, 400).quotient
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = floorDivision(shifted, 146_097).quotient
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func floorDivision(_ value: Int, _ divisor: Int) -> (quotient: Int, remainder: Int) {
        let quotient = value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
        return (quotient, value - quotient * divisor)
    }

    private static func digits(_ value: Int, _ count: Int) -> String {
        let text = String(value)
        return text.count >= count ? text : String(repeating: "0", count: count - text.count) + text
    }
}
