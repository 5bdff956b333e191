#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A candidate's progress over many sessions: bests, recent form against all-time, the weekly trend and when it
/// reaches the chat-support marks, and where they stand in a large typing study. Fed one session at a time in
/// time order, it keeps three numbers per session, so a history of any length fits in a few megabytes.
/// The formulas are in docs/history.md.
public struct ProgressSummary: Sendable {
    /// The sessions "recent form" averages.
    public static let recentCount = 10
    /// The weekly trend needs this many sessions spread over at least `trendMinimumDays`.
    public static let trendMinimumSessions = 5
    public static let trendMinimumDays = 2.0

    /// Dhakal, Feit, Kristensson and Oulasvirta, "Observations on Typing from 136 Million Keystrokes", CHI 2018:
    /// about 168,000 volunteers typing on a website, mean 51.56 WPM, standard deviation 20.20.
    public static let studyMeanWPM = 51.56
    public static let studyStandardDeviation = 20.20

    public struct Session: Equatable, Sendable {
        /// Seconds since 1970 (UTC).
        public var time: Double
        public var netWPM: Double
        public var accuracy: Double

        public init(time: Double, netWPM: Double, accuracy: Double) {
            self.time = time
            self.netWPM = netWPM
            self.accuracy = accuracy
        }
    }

    public struct Best: Equatable, Sendable {
        public var group: String
        public var session: Session
        public var count: Int
        /// In a group of chat shifts, the best shift's chat figures: a shift is judged by the customers it served
        /// and how soon it answered them, not by net WPM over the little typing it may hold.
        public var chat: ChatShiftPoint?
    }

    public private(set) var sessions: [Session] = []
    private var bestByGroup: [String: Best] = [:]
    private var groupOrder: [String] = []

    public init() {}

    /// Adds a session; `group` is what bests are kept per ("practice", "test 2 min", "chat late-parcels"). A chat
    /// shift comes with its `chat` figures, by which its group's best is chosen (`ChatShiftPoint.isBetterBest`);
    /// every other best is the highest net WPM. On a tie the earlier session stays the best.
    public mutating func add(_ session: Session, group: String, chat: ChatShiftPoint? = nil) {
        sessions.append(session)
        guard var best = bestByGroup[group] else {
            bestByGroup[group] = Best(group: group, session: session, count: 1, chat: chat)
            groupOrder.append(group)
            return
        }
        best.count += 1
        let better = if let chat, let held = best.chat { chat.isBetterBest(than: held) } else { session.netWPM > best.session.netWPM }
        if better {
            best.session = session
            best.chat = chat
        }
        bestByGroup[group] = best
    }

    /// Personal bests, one per group, in the order the groups first appeared.
    public var bests: [Best] { groupOrder.compactMap { bestByGroup[$0] } }

    public struct Average: Equatable, Sendable {
        public var count: Int
        public var netWPM: Double
        public var accuracy: Double
    }

    /// The mean of the last `recentCount` sessions.
    public var recent: Average? { average(of: sessions.suffix(ProgressSummary.recentCount)) }
    public var allTime: Average? { average(of: sessions[...]) }

    private func average(of slice: ArraySlice<Session>) -> Average? {
        guard !slice.isEmpty else { return nil }
        let count = Double(slice.count)
        return Average(count: slice.count, netWPM: slice.reduce(0) { $0 + $1.netWPM } / count, accuracy: slice.reduce(0) { $0 + $1.accuracy } / count)
    }

    /// Net WPM gained per week: the slope of a least-squares line through every session's net WPM against its
    /// time. Nil until there are enough sessions over enough days for a slope to mean something.
    public var weeklyTrend: Double? { trendLine?.perWeek }

    /// The least-squares line through every session's net WPM against its time: net WPM `atFirst` at the first
    /// session's time `start`, rising `perWeek` a week. Nil as `weeklyTrend` is.
    public var trendLine: (start: Double, atFirst: Double, perWeek: Double)? {
        // Records arrive in the order they were appended, which parallel writers can leave slightly out of time order.
        guard sessions.count >= ProgressSummary.trendMinimumSessions, let first = sessions.map(\.time).min(), let last = sessions.map(\.time).max(),
              last - first >= ProgressSummary.trendMinimumDays * 86_400 else { return nil }
        let week = 7 * 86_400.0
        let count = Double(sessions.count)
        var meanX = 0.0, meanY = 0.0
        for session in sessions {
            meanX += (session.time - first) / week
            meanY += session.netWPM
        }
        meanX /= count
        meanY /= count
        var covariance = 0.0, variance = 0.0
        for session in sessions {
            let x = (session.time - first) / week - meanX
            covariance += x * (session.netWPM - meanY)
            variance += x * x
        }
        guard variance > 0 else { return nil }
        let slope = covariance / variance
        return (first, meanY - slope * meanX, slope)
    }

    /// How far recent form is from `mark`, and when the weekly trend gets there.
    public enum Outlook: Equatable, Sendable {
        /// Recent form is at or above the mark.
        case reached
        /// `short` WPM to go, reached about `weeks` weeks after the last session at the current trend.
        case expected(short: Double, weeks: Double)
        /// `short` WPM to go, and the trend is flat or falling (or not known yet).
        case notOnTrend(short: Double)
    }

    public func outlook(for mark: Double) -> Outlook? {
        guard let recent else { return nil }
        let short = mark - recent.netWPM
        if short <= 0 { return .reached }
        guard let trend = weeklyTrend, trend > 0 else { return .notOnTrend(short: short) }
        return .expected(short: short, weeks: short / trend)
    }

    /// The share of the study's typists (in %) slower than `wpm`, taking their speeds as normally distributed.
    public static func studyPercentile(of wpm: Double) -> Double {
        let z = (wpm - studyMeanWPM) / studyStandardDeviation
        return 50 * (1 + erf(z / 2.0.squareRoot()))
    }
}

extension ChatShiftPoint {
    /// Whether this shift makes a better personal best than `other`: a larger share of its customers served, then
    /// (the same share) a quicker median first reply; a shift that answered nobody is never the quicker.
    public func isBetterBest(than other: ChatShiftPoint) -> Bool {
        // Shares compared as cross products: exact, and a shift of no customers serves a share of 0.
        let mine = served * max(other.customers, 1), theirs = other.served * max(customers, 1)
        if mine != theirs { return mine > theirs }
        switch (medianFirstResponse, other.medianFirstResponse) {
        case (let median?, let otherMedian?): return median < otherMedian
        case (.some, nil): return true
        default: return false
        }
    }
}
