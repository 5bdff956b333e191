/// The details chat agents type most carefully, generated fresh for a details drill: a wrong digit in an order
/// number or an amount is a wrong answer to a customer, so they are scored with zero tolerance.
public enum DetailKind: String, CaseIterable, Sendable {
    case orderNumber = "order number"
    case amount
    case date
    case time
    case email = "e-mail"
    case url = "URL"
    case trackingCode = "tracking code"
    case phone = "phone number"

    /// Examples of the format, for docs and the drill's reasons.
    public var examples: [String] {
        switch self {
        case .orderNumber: ["#48213-B"]
        case .amount: ["$1,249.00"]
        case .date: ["Mar 9, 2026", "2026-03-09"]
        case .time: ["14:05", "2:30 PM"]
        case .email: ["maria.lopez@pinecove.shop"]
        case .url: ["https://fernhollow.io/orders/48213"]
        case .trackingCode: ["1Z4F8K2X0312345678"]
        case .phone: ["+1 (415) 555-0132"]
        }
    }

    /// Whether `text` is a well-formed detail of this kind (a real calendar date, a real time of day).
    public func isValid(_ text: String) -> Bool {
        let c = Array(text.utf8)
        switch self {
        case .orderNumber:
            // # five digits - one capital
            return c.count == 8 && c[0] == UInt8(ascii: "#") && c[1...5].allSatisfy(isDigit) && c[6] == UInt8(ascii: "-") && isUpper(c[7])
        case .amount:
            guard c.count >= 5, c[0] == UInt8(ascii: "$") else { return false }
            let parts = text.dropFirst().split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 2, parts[1].count == 2, parts[1].utf8.allSatisfy(isDigit) else { return false }
            let groups = parts[0].split(separator: ",", omittingEmptySubsequences: false)
            guard let first = groups.first, (1...3).contains(first.count), first.utf8.allSatisfy(isDigit) else { return false }
            if first.count > 1 && first.hasPrefix("0") { return false }
            return groups.dropFirst().allSatisfy { $0.count == 3 && $0.utf8.allSatisfy(isDigit) }
        case .date:
            return Details.parseDate(text) != nil
        case .time:
            return Details.parseTime(text)
        case .email:
            let parts = text.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[0].utf8.allSatisfy({ isLower($0) || isDigit($0) || $0 == UInt8(ascii: ".") }),
                  !parts[0].hasPrefix("."), !parts[0].hasSuffix(".") else { return false }
            return Details.isHost(parts[1])
        case .url:
            guard text.hasPrefix("https://") else { return false }
            let rest = text.dropFirst(8)
            let host = rest.prefix { $0 != "/" }
            let path = rest.dropFirst(host.count)
            return Details.isHost(host) && path.utf8.allSatisfy { isLower($0) || isDigit($0) || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "-") }
        case .trackingCode:
            return c.count == 18 && c[0] == UInt8(ascii: "1") && c[1] == UInt8(ascii: "Z") && c[2...7].allSatisfy { isUpper($0) || isDigit($0) }
                && c[8...].allSatisfy(isDigit)
        case .phone:
            // +1 (NXX) 555-01XX: a North American number in the range kept for fiction.
            let pattern = Array("+1 (NDD) 555-01DD".utf8)
            guard c.count == pattern.count else { return false }
            for (byte, expected) in zip(c, pattern) {
                switch expected {
                case UInt8(ascii: "N"): if !(byte >= UInt8(ascii: "2") && byte <= UInt8(ascii: "9")) { return false }
                case UInt8(ascii: "D"): if !isDigit(byte) { return false }
                default: if byte != expected { return false }
                }
            }
            return true
        }
    }
}

private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
private func isUpper(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
private func isLower(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }

/// Generates details from a seed: the same seed, the same details.
public enum Details {
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let names = ["maria", "tomas", "yusuf", "esperanza", "pedro", "ana", "li", "kofi", "ines", "sam", "noor", "jonas"]
    static let surnames = ["lopez", "karim", "rios", "alves", "ruiz", "chen", "mensah", "silva", "okafor", "berg"]
    static let hosts = ["pinecove.shop", "fernhollow.io", "cobaltnest.app", "dunemail.com", "solanastudio.mx", "novaterra.com.br"]
    static let paths = ["orders", "returns", "account", "help", "track", "billing"]
    static let alphanumerics = Array("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789")

    /// `count` details, cycling through every kind in an order shuffled per round, so each kind comes up evenly.
    public static func generate(count: Int, seed: UInt64) -> [(kind: DetailKind, text: String)] {
        var random = SplitMix64(seed: seed)
        var out: [(DetailKind, String)] = []
        var round: [DetailKind] = []
        while out.count < count {
            if round.isEmpty { round = DetailKind.allCases.shuffled(using: &random) }
            let kind = round.removeFirst()
            out.append((kind, make(kind, &random)))
        }
        return out
    }

    static func make(_ kind: DetailKind, _ random: inout SplitMix64) -> String {
        func digits(_ count: Int) -> String { String((0..<count).map { _ in Character(String(random.below(10))) }) }
        func pick<T>(_ list: [T]) -> T { list[random.below(list.count)] }
        switch kind {
        case .orderNumber:
            return "#" + String(10_000 + random.below(90_000)) + "-" + String(pick(Array("ABCDEFGHJKLMNPRSTUVWXYZ")))
        case .amount:
            let whole = random.below(3) == 0 ? 1 + random.below(99) : random.below(5) == 0 ? 1_000 + random.below(99_000) : 100 + random.below(900)
            let cents = random.below(4) == 0 ? 0 : random.below(100)
            return "$" + grouped(whole) + "." + (cents < 10 ? "0" : "") + String(cents)
        case .date:
            let year = 2025 + random.below(3)
            let month = 1 + random.below(12)
            let day = 1 + random.below(daysIn(month: month, year: year))
            if random.below(2) == 0 { return "\(months[month - 1]) \(day), \(year)" }
            return "\(year)-\(twoDigits(month))-\(twoDigits(day))"
        case .time:
            let hour = random.below(24), minute = random.below(60)
            if random.below(2) == 0 { return "\(twoDigits(hour)):\(twoDigits(minute))" }
            let twelve = hour % 12 == 0 ? 12 : hour % 12
            return "\(twelve):\(twoDigits(minute)) \(hour < 12 ? "AM" : "PM")"
        case .email:
            let separator = pick([".", ""])
            let local = separator.isEmpty ? pick(names) + digits(2) : pick(names) + "." + pick(surnames)
            return local + "@" + pick(hosts)
        case .url:
            return "https://" + pick(hosts) + "/" + pick(paths) + "/" + digits(5)
        case .trackingCode:
            return "1Z" + String((0..<6).map { _ in pick(alphanumerics) }) + digits(10)
        case .phone:
            return "+1 (" + String(2 + random.below(8)) + digits(2) + ") 555-01" + digits(2)
        }
    }

    static func grouped(_ value: Int) -> String {
        var text = String(value)
        var index = text.count - 3
        while index > 0 {
            text.insert(",", at: text.index(text.startIndex, offsetBy: index))
            index -= 3
        }
        return text
    }

    static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// (year, month, day) of "Mar 9, 2026" or "2026-03-09", when it is a real date.
    static func parseDate(_ text: String) -> (Int, Int, Int)? {
        let dashed = text.split(separator: "-", omittingEmptySubsequences: false)
        if dashed.count == 3, dashed[0].count == 4, dashed[1].count == 2, dashed[2].count == 2,
           let year = Int(dashed[0]), let month = Int(dashed[1]), let day = Int(dashed[2]),
           dashed.allSatisfy({ $0.utf8.allSatisfy(isDigit) }) {
            return (1...12).contains(month) && (1...daysIn(month: month, year: year)).contains(day) ? (year, month, day) : nil
        }
        let words = text.split(separator: " ", omittingEmptySubsequences: false)
        guard words.count == 3, let month = months.firstIndex(of: String(words[0])).map({ $0 + 1 }), words[1].hasSuffix(","),
              case let dayText = words[1].dropLast(), (1...2).contains(dayText.count), !dayText.hasPrefix("0"),
              dayText.utf8.allSatisfy(isDigit), let day = Int(dayText),
              words[2].count == 4, words[2].utf8.allSatisfy(isDigit), let year = Int(words[2]) else { return nil }
        return (1...daysIn(month: month, year: year)).contains(day) ? (year, month, day) : nil
    }

    /// "14:05" (24-hour) or "2:30 PM" (12-hour).
    static func parseTime(_ text: String) -> Bool {
        let words = text.split(separator: " ", omittingEmptySubsequences: false)
        guard (1...2).contains(words.count) else { return false }
        let parts = words[0].split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 2, parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy(isDigit) }),
              let hour = Int(parts[0]), let minute = Int(parts[1]), minute < 60 else { return false }
        if words.count == 1 { return parts[0].count == 2 && hour < 24 }
        return (words[1] == "AM" || words[1] == "PM") && !parts[0].hasPrefix("0") && (1...12).contains(hour)
    }

    static func isHost<S: StringProtocol>(_ host: S) -> Bool {
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { label in
            !label.isEmpty && label.utf8.allSatisfy { isLower($0) || isDigit($0) || $0 == UInt8(ascii: "-") } && !label.hasPrefix("-")
        } && labels.last!.utf8.allSatisfy(isLower)
    }
}

/// How a details drill went, with zero tolerance: a detail with any error left in it is wrong, however small.
public struct DetailScore: Equatable, Sendable {
    /// Details typed all the way, and how many of them are exact.
    public var typed: Int
    public var exact: Int
    /// Every detail in the drill.
    public var total: Int
    /// Keystrokes per hour: character keystrokes over the elapsed time, the data-entry measure.
    public var keystrokesPerHour: Double

    /// Scores `result` on a details drill whose text is the details joined by single spaces.
    public init(details: [String], result: ScoreResult) {
        total = details.count
        let errors = Set(result.alignment.errorPositions)
        let reached = result.matchedPrefixLength
        var start = 0
        var typed = 0, exact = 0
        for detail in details {
            let end = start + detail.count
            if end <= reached {
                typed += 1
                // The space after a detail belongs to it too: a missing space runs two details together.
                let last = min(end, reached - 1)
                if !(start...last).contains(where: errors.contains) { exact += 1 }
            }
            start = end + 1
        }
        self.typed = typed
        self.exact = exact
        let keystrokes = Double(result.keystrokes?.characters ?? result.characters)
        keystrokesPerHour = result.elapsedSeconds > 0 ? keystrokes * 3600 / result.elapsedSeconds : 0
    }
}
