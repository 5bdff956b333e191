import TypeBarCore

/// Drawing a scenario's details with a seed: the names, numbers, amounts and profiles a shift plays with.
extension ScenarioFile {
    /// The address a profile gets when the file gives none: the customer's name, three digits, example.com.
    static let standardEmail = DetailSource.pattern("[name].###@example.com")

    /// The scenario with every detail drawn by `seed`. Customers get different values from the same list where
    /// the list has enough (two customers are not both called Maya). A customer's details are drawn in the
    /// file's order, then their profile (its e-mail from their name), then the details taken from the profile.
    public func draw(seed: UInt64) -> ChatScenario {
        var generator = SplitMix64(seed: seed)
        var used: [[String]: Set<String>] = [:]
        var customers: [ChatCustomer] = []
        for spec in self.customers {
            var details: [String: String] = [:]
            for (name, source) in spec.details {
                if case .profile = source { continue }
                details[name] = ScenarioFile.value(of: source, using: &generator, avoiding: &used)
            }
            // The name may come after an address that holds it, so `[name]` is filled once every detail is drawn.
            let name = details["name"] ?? "Customer"
            let form = ScenarioFile.emailForm(of: name)
            func named(_ value: String, _ source: DetailSource) -> String {
                if case .pattern = source { return value.replacing(ScenarioFile.nameBlank, with: form) }
                return value
            }
            for (detail, source) in spec.details { if let value = details[detail] { details[detail] = named(value, source) } }
            func draw(_ source: DetailSource) -> String {
                named(ScenarioFile.value(of: source, using: &generator, avoiding: &used), source)
            }
            let profile = spec.profile.map { profile in
                ChatProfile(
                    email: draw(profile.email ?? ScenarioFile.standardEmail), plan: profile.plan.map(draw), since: profile.since.map(draw),
                    orders: profile.orders.map { order in
                        ChatProfile.Order(
                            number: draw(order[.number]!), date: draw(order[.date]!), amount: draw(order[.amount]!),
                            status: draw(order[.status]!), item: order[.item].map(draw))
                    })
            }
            for (detail, source) in spec.details {
                if case .profile(let field) = source, let profile { details[detail] = ScenarioFile.value(of: field, in: profile) }
            }
            let turns = spec.turns.map { turn in
                var drawn = ChatTurn(
                    message: turn.message.filled(with: details), reply: turn.reply, macro: turn.macro, delay: turn.delay,
                    acceptable: turn.acceptable,
                    clarify: turn.clarify.map { clarify in
                        Clarification(ask: clarify.ask, macro: clarify.macro, answer: clarify.answer.filled(with: details), guessPoints: clarify.guessPoints, delay: clarify.delay)
                    },
                    wrongReaction: turn.wrongReaction?.filled(with: details),
                    // `[detail]` and `[value]` stay for the shift to fill with the detail the reply got wrong.
                    detailReaction: turn.detailReaction?.filled(with: details),
                    action: turn.action)
                drawn.rubric = turn.rubric.map { rubric(of: drawn, as: $0, details: details) }
                return drawn
            }
            customers.append(ChatCustomer(
                name: name, arrival: spec.arrival, patience: spec.patience, details: details, turns: turns,
                profile: profile, close: spec.close, nudge: spec.nudge?.filled(with: details)))
        }
        var scenario = ChatScenario(
            id: id, name: name, summary: summary, chats: chats, patience: patience, timeLimit: timeLimit,
            customers: customers, macros: macros, teams: teams, tags: tags)
        scenario.knownWords = knownWords
        scenario.jargon = jargon
        return scenario
    }

    /// A declared rubric made whole: each field it leaves out as the turn would derive it, the scenario's jargon
    /// refused besides the turn's own.
    func rubric(of turn: ChatTurn, as spec: RubricSpec, details: [String: String]) -> ReplyRubric {
        let answer = turn.macro.flatMap { shortcut in macros.first { $0.shortcut == shortcut }?.answer } ?? []
        var rubric = ReplyRubric.derived(from: turn.reply, details: details, answer: answer, jargon: jargon)
        if let must = spec.must { rubric.must = must }
        if let answer = spec.answer { rubric.answer = answer }
        if let should = spec.should { rubric.should = should }
        rubric.jargon += spec.mustNot.filter { phrase in !rubric.jargon.contains { $0.lowercased() == phrase.lowercased() } }
        if let minimum = spec.minimumWords { rubric.minimumWords = minimum }
        return rubric
    }

    static func value(of field: ProfileField, in profile: ChatProfile) -> String {
        switch field {
        case .email: return profile.email
        case .plan: return profile.plan ?? ""
        case .since: return profile.since ?? ""
        case .order(let index, let field):
            let order = profile.orders[index]
            switch field {
            case .number: return order.number
            case .date: return order.date
            case .amount: return order.amount
            case .status: return order.status
            case .item: return order.item ?? ""
            }
        }
    }

    static func value(of source: DetailSource, using generator: inout SplitMix64, avoiding used: inout [[String]: Set<String>]) -> String {
        func draw(_ count: Int) -> Int { Int(generator.next() % UInt64(count)) }
        switch source {
        case .fixed(let value):
            return value
        case .profile:
            // Taken from the profile once it is drawn.
            return ""
        case .list(let values):
            var seen = used[values] ?? []
            if seen.count >= Set(values).count { seen = [] }
            var choice = values[draw(values.count)]
            while seen.contains(choice) { choice = values[draw(values.count)] }
            seen.insert(choice)
            used[values] = seen
            return choice
        case .pattern(let pattern):
            let letters = Array("ABCDEFGHJKLMNPQRSTUVWXYZ")
            var result = ""
            var escaped = false
            for character in pattern {
                if escaped {
                    result.append(character)
                    escaped = false
                    continue
                }
                switch character {
                case "\\": escaped = true
                case "#": result += String(draw(10))
                case "?": result.append(letters[draw(letters.count)])
                default: result.append(character)
                }
            }
            return result
        case .money(let low, let high):
            let lowCents = Int((low * 100).rounded()), highCents = Int((high * 100).rounded())
            let cents = lowCents + draw(highCents - lowCents + 1)
            let fraction = cents % 100
            return "$\(cents / 100).\(fraction < 10 ? "0" : "")\(fraction)"
        }
    }
}
