/// One chat shift as the response-time section of `typebar stats` sees it.
public struct ChatShiftPoint: Equatable, Sendable {
    public var time: Double
    public var scenario: String
    public var medianFirstResponse: Double?
    public var worstFirstResponse: Double?
    public var served: Int
    public var customers: Int
    public var abandoned: Int
    public var meetsTargets: Bool
    /// Desk mode's judgement and free mode's writing (0-100), and the share of customers rated 4 or 5 (percent);
    /// nil where the shift has none.
    public var judgement: Double?
    public var writing: Double?
    public var satisfied: Double?

    public init(time: Double, scenario: String, medianFirstResponse: Double?, worstFirstResponse: Double?, served: Int, customers: Int, abandoned: Int, meetsTargets: Bool) {
        self.time = time
        self.scenario = scenario
        self.medianFirstResponse = medianFirstResponse
        self.worstFirstResponse = worstFirstResponse
        self.served = served
        self.customers = customers
        self.abandoned = abandoned
        self.meetsTargets = meetsTargets
    }
}
