import Testing
import TestSupport
@testable import TypeBarCore
@testable import TypeBarKit

@Suite("Chat wording in the rules and the built-in scenarios")
struct ChatRulesWordingTests {
    @Test("An assessment's rules line says nobody, one customer or two, never \"at most 0\"", arguments: 0...2)
    func rulesLine(allowed: Int) throws {
        let assessment = try ChatAssessment.parse(
            "name: D\nmode: chat\nscenario: late-parcels\nmax_abandoned: \(allowed)\nmax_wrong_details: \(allowed)\n", path: "desk.yaml")
        let summary = assessment.summary
        #expect(!summary.contains("at most 0"), "\(summary)")
        #expect(summary.contains(["nobody left unanswered", "at most 1 customer left unanswered", "at most 2 customers left unanswered"][allowed]), "\(summary)")
        #expect(summary.contains(["no wrong detail,", "at most 1 wrong detail,", "at most 2 wrong details,"][allowed]), "\(summary)")
    }

    @Test("The warm-up's summary says how far apart its customers come")
    func warmUpSpacing() throws {
        let file = try ScenarioCatalog.builtIn("warm-up-double-charge")
        let scenario = file.draw(seed: 1)
        let apart = Int(scenario.customers[1].arrival - scenario.customers[0].arrival)
        #expect(apart == 45)
        #expect(scenario.summary.contains("\(apart) seconds apart"), "\(scenario.summary)")
    }
}
