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
