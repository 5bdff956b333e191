import TypeBarCore

/// The replies a proofreading drill drafts from: every turn of the built-in chat scenarios, its best reply (a
/// canned reply or the scenario's own) filled with the customer's details as the seed draws them, beside the
/// customer's message it answers.
public enum ProofreadMaterials {
    /// Every built-in scenario drawn with `seed`, each turn a material. The same seed draws the same names, order
    /// numbers and amounts, so a drill replays.
    public static func builtIn(seed: UInt64) throws(TypeBarError) -> [ProofreadMaterial] {
        drawn(try ScenarioCatalog.all(), seed: seed)
    }

    /// The turns of `scenarios`, each drawn with its own seed from `seed`.
    public static func drawn(_ scenarios: [ScenarioFile], seed: UInt64) -> [ProofreadMaterial] {
        var materials: [ProofreadMaterial] = []
        for (index, file) in scenarios.enumerated() {
            // Each scenario drawn with its own seed from the drill's, so two scenarios do not draw alike.
            var mixer = SplitMix64(seed: seed &+ UInt64(index))
            materials += self.materials(of: file.draw(seed: mixer.next()))
        }
        return materials
    }

    /// The turns of a drawn scenario as materials; a turn whose reply has a blank with no value is left out.
    public static func materials(of scenario: ChatScenario) -> [ProofreadMaterial] {
        var materials: [ProofreadMaterial] = []
        for (number, customer) in scenario.customers.enumerated() {
            for (turnNumber, turn) in customer.turns.enumerated() {
                var pieces: [ProofreadMaterial.Piece] = []
                var complete = true
                for piece in turn.reply.pieces {
                    switch piece {
                    case .text(let text): pieces.append(.text(text))
                    case .blank(let name):
                        guard let value = customer.details[name] else {
                            complete = false
                            continue
                        }
                        // Details (the name among them) are never misspelt; those with digits may be made wrong.
                        pieces.append(.detail(name: name, value: value))
                    }
                }
                guard complete else { continue }
                materials.append(ProofreadMaterial(
                    source: "\(scenario.id), customer \(number + 1), turn \(turnNumber + 1)", customer: customer.name,
                    message: turn.message, reply: pieces))
            }
        }
        return materials
    }
}
