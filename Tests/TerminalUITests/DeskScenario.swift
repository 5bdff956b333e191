import TypeBarCore
@testable import TerminalUI

/// A help desk's shift for the desk screen's tests, three chats at once, patience 120 s. Sofia (0 s) was charged
/// twice for her last order (best `/dup`, `/refund` acceptable for 6 points), thanks the agent, and expects her
/// chat closed as billing; Omar (2 s) wants $620 back and must be escalated to billing with his order number in the
/// note; Lena (4 s) asks where her order is, with two recent orders on her profile.
func deskScenario(chats: Int = 3, teams: [String] = ChatScenario.standardTeams) -> ChatScenario {
    let macros = [
        ChatMacro(shortcut: "dup", template: ReplyTemplate(parsing: "Sorry about that, [name]. I can see order [order] was charged twice, so I have refunded the extra [amount]."),
                  title: "Refund a double charge", keywords: ["charged twice", "duplicate", "refund"]),
        ChatMacro(shortcut: "refund", template: ReplyTemplate(parsing: "Hi [name], I have refunded [amount] for order [order]. It will show on your card in 3 to 5 working days."),
                  title: "Refund an order", keywords: ["money back", "return"]),
        ChatMacro(shortcut: "track", template: ReplyTemplate(parsing: "Hi [name], order [order] is with the courier and due on [date]."),
                  title: "Where a parcel is", keywords: ["where", "delivery", "late"]),
        ChatMacro(shortcut: "which", template: ReplyTemplate(parsing: "Which order do you mean, [name]? I can see more than one on your account."),
                  title: "Ask which order", keywords: ["clarify", "order"]),
        ChatMacro(shortcut: "passon", template: ReplyTemplate(parsing: "I am sorry, [name]. I have passed order [order] to our billing team, who will call you today."),
                  title: "Pass to the billing team", keywords: ["escalate", "refund", "supervisor"]),
        ChatMacro(shortcut: "bye", template: ReplyTemplate(parsing: "Thanks for chatting with us, [name]. Have a lovely day!"),
                  title: "Close warmly", keywords: ["thanks", "goodbye"]),
    ]
    func macro(_ shortcut: String) -> ReplyTemplate { macros.first { $0.shortcut == shortcut }!.template }
    return ChatScenario(
        id: "desk-test", name: "Desk test", chats: chats, patience: 120, timeLimit: 600,
        customers: [
            ChatCustomer(
                name: "Sofia", arrival: 0, details: ["name": "Sofia", "order": "#58211", "amount": "$24.50"],
                turns: [
                    ChatTurn(message: "I was charged twice for my last order.", reply: macro("dup"), macro: "dup", delay: 5,
                             acceptable: [ScoredReply(reply: macro("refund"), macro: "refund", points: 6)]),
                    ChatTurn(message: "Great, thanks.", reply: macro("bye"), macro: "bye"),
                ],
                profile: ChatProfile(email: "sofia.lindqvist-hernandez@example.com", plan: "Premium", since: "March 2021", orders: [
                    .init(number: "#58211", date: "2 Mar", amount: "$24.50", status: "delivered", item: "Blue kettle"),
                    .init(number: "#57002", date: "10 Feb", amount: "$61.00", status: "delivered", item: "Toaster"),
                ]),
                close: "billing"),
            ChatCustomer(
                name: "Omar", arrival: 2, details: ["name": "Omar", "order": "#59530"],
                turns: [ChatTurn(
                    message: "I was promised a refund of $620 for order #59530 three weeks ago and still nothing!",
                    reply: macro("passon"), macro: "passon", action: .escalate(team: "billing", note: ["order"]))],
                profile: ChatProfile(email: "omar.haddad@example.com", plan: "Basic", orders: [
                    .init(number: "#59530", date: "12 Feb", amount: "$620.00", status: "returned", item: "Espresso machine"),
                ])),
            ChatCustomer(
                name: "Lena", arrival: 4, details: ["name": "Lena", "order": "#60114", "date": "Friday 7 March"],
                turns: [ChatTurn(
                    message: "Where is my order?", reply: macro("track"), macro: "track",
                    clarify: Clarification(ask: macro("which"), macro: "which", answer: "The one I placed on Monday, #60114.", guessPoints: 4))],
                profile: ChatProfile(email: "lena.okafor@example.com", since: "2024", orders: [
                    .init(number: "#60114", date: "3 Mar", amount: "$18.00", status: "shipped"),
                    .init(number: "#60113", date: "3 Mar", amount: "$42.90", status: "processing"),
                ])),
        ],
        macros: macros, teams: teams)
}

/// The frame's rows as text.
func deskRows(_ frame: Frame) -> [String] {
    frame.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
}

/// What a row shows right of the side list's bar (the whole row when there is no side list).
func deskRight(_ row: String) -> String {
    guard let bar = row.firstIndex(of: "│") else { return row }
    return String(row[row.index(after: bar)...])
}

/// A desk session on `deskScenario()` with every customer arrived (5 s in).
func deskSession(mode: ChatShift.Mode = .desk, scenario: ChatScenario = deskScenario()) -> ChatSession {
    var session = ChatSession(shift: ChatShift(scenario: scenario, mode: mode))
    session.advance(to: 5000)
    return session
}

extension ChatSession {
    mutating func type(_ text: String, at time: Double) {
        for character in text { handle(.shift(.type(character)), at: time) }
    }

    /// Ctrl-K, `query`, Tab: the first reply found inserted; then each of `values` into its blanks, a Tab after each.
    mutating func reply(_ query: String, filling values: [String], at time: Double) {
        handle(.search, at: time)
        type(query, at: time)
        handle(.shift(.tab), at: time)
        for value in values {
            type(value, at: time)
            handle(.shift(.tab), at: time)
        }
    }
}
