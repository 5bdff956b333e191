/// The chat targets in words, the same on the intro screen, an assessment's rules and its report.
extension ChatTargets {
    /// "nobody left unanswered", "at most 1 customer left unanswered".
    public static func abandonedRule(_ limit: Int) -> String {
        limit <= 0 ? "nobody left unanswered" : "at most " + counted(limit, "customer") + " left unanswered"
    }

    /// "no wrong detail", "at most 2 wrong details".
    public static func wrongDetailsRule(_ limit: Int) -> String {
        limit <= 0 ? "no wrong detail" : "at most " + counted(limit, "wrong detail")
    }
}
