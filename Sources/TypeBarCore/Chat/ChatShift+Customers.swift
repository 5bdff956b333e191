/// The customers' side of a shift: arrivals, messages, nudges, leaving, the queue, and the end.
extension ChatShift {
    /// A customer kept waiting this share of their patience writes again (desk mode), once a wait.
    public static let nudgeShare = 0.5

    /// When a waiting customer nudges, if they still will.
    func nudgeTime(of index: Int) -> Double? {
        guard mode.judgesChoices, !customers[index].nudged, case .waiting(let since) = customers[index].status else { return nil }
        return since + patience(of: index) * ChatShift.nudgeShare
    }

    /// The next time something happens on the customers' side (an arrival, a message, a nudge, a customer
    /// leaving, the time limit), or nil when the shift is over. The screen sleeps until then (or the next second
    /// of a wait).
    public var nextHappening: Double? {
        guard ending == nil else { return nil }
        var next = deadline
        // Read in place: asked at every key and every wake-up, over every customer of the shift.
        for index in customers.indices {
            switch customers[index].status {
            case .expected: next = min(next, customers[index].arrival)
            case .queued(let since), .waiting(let since): next = min(next, since + patience(of: index))
            case .typing(let until): next = min(next, until)
            case .holding, .served, .left, .transferred, .closed: break
            }
            if let nudge = nudgeTime(of: index) { next = min(next, nudge) }
        }
        return next
    }

    /// Plays the customers' side up to `time`: everything due at or before it happens, in time order.
    public mutating func advance(to time: Double) {
        while ending == nil, let next = nextHappening, next <= time {
            now = max(now, next)
            happen(at: next)
        }
        if ending == nil { now = max(now, time) }
    }

    /// Everything due at `time`, in a fixed order: customers leave, messages arrive, customers nudge, customers
    /// arrive, the time limit ends the shift.
    private mutating func happen(at time: Double) {
        revision += 1
        for index in customers.indices {
            switch customers[index].status {
            case .queued(let since) where since + patience(of: index) <= time:
                queue.removeAll { $0 == index }
                leave(index, at: time)
            case .waiting(let since) where since + patience(of: index) <= time:
                leave(index, at: time)
            default: break
            }
        }
        for index in customers.indices {
            if case .typing(let until) = customers[index].status, until <= time {
                deliver(index, at: time)
            }
        }
        for index in customers.indices {
            if let nudge = nudgeTime(of: index), nudge <= time { self.nudge(index, at: time) }
        }
        for index in customers.indices where customers[index].status == .expected && customers[index].arrival <= time {
            arrive(index, at: time)
        }
        if customers.indices.allSatisfy(isDone) {
            end(.allDone, at: time)
        } else if time >= deadline {
            end(.timeLimit, at: time)
        }
    }

    private mutating func arrive(_ index: Int, at time: Double) {
        if let chat = freeChat() {
            seat(index, in: chat, at: time, since: customers[index].arrival)
        } else {
            customers[index].status = .queued(since: customers[index].arrival)
            queue.append(index)
            announce("\(customers[index].script.name) is in the queue: every chat is taken", chat: nil, at: time)
        }
    }

    /// The chat a new customer takes: an empty one, else the one whose customer was done first.
    private func freeChat() -> Int? {
        if let empty = chats.firstIndex(where: { $0 == nil }) { return empty }
        let done = chats.indices.compactMap { chat -> (Int, Double)? in
            guard let customer = chats[chat], isDone(customer) else { return nil }
            return (chat, ChatShift.finishTime(customers[customer].status) ?? 0)
        }
        return done.min { $0.1 < $1.1 }?.0
    }

    static func finishTime(_ status: Status) -> Double? {
        switch status {
        case .served(let at), .left(let at), .transferred(let at), .closed(let at): at
        default: nil
        }
    }

    private mutating func seat(_ index: Int, in chat: Int, at time: Double, since: Double) {
        chats[chat] = index
        customers[index].status = .waiting(since: since)
        customers[index].nudged = false
        let turn = customers[index].script.turns[0]
        customers[index].messages.append(Message(kind: .message, text: turn.message, time: time))
        announce("\(customers[index].script.name) wrote in chat \(chat + 1)", chat: chat, at: time)
    }

    /// The customer's next message arrives: a reaction or an answer they were writing, else their turn's message.
    private mutating func deliver(_ index: Int, at time: Double) {
        let customer = customers[index]
        customers[index].status = .waiting(since: time)
        customers[index].nudged = false
        var message = customer.pending ?? Message(kind: .message, text: customer.script.turns[customer.turn].message, time: time)
        message.time = time
        customers[index].pending = nil
        customers[index].messages.append(message)
        announce("\(customer.script.name) wrote in chat \((chat(of: index) ?? 0) + 1)", chat: chat(of: index), at: time)
    }

    /// The standard nudge, when the scenario gives the customer none of their own.
    public static let standardNudge = "Hello? Is anyone there?"

    private mutating func nudge(_ index: Int, at time: Double) {
        customers[index].nudged = true
        customers[index].nudges += 1
        customers[index].messages.append(Message(kind: .nudge, text: customers[index].script.nudge ?? ChatShift.standardNudge, time: time))
        announce("\(customers[index].script.name) is still waiting in chat \((chat(of: index) ?? 0) + 1)", chat: chat(of: index), at: time)
    }

    private mutating func leave(_ index: Int, at time: Double) {
        if let since = customers[index].waitingSince {
            waits.append(Wait(customer: index, start: since, end: time, answered: false))
        }
        customers[index].status = .left(at: time)
        if let chat = chat(of: index) {
            announce("\(customers[index].script.name) left chat \(chat + 1) after waiting too long", chat: chat, at: time)
            freed(chat, at: time)
        } else {
            announce("\(customers[index].script.name) left the queue after waiting too long", chat: nil, at: time)
        }
    }

    /// A chat's customer is done: the first in the queue takes it.
    mutating func freed(_ chat: Int, at time: Double) {
        guard !queue.isEmpty else { return }
        let next = queue.removeFirst()
        seat(next, in: chat, at: time, since: customers[next].arrival)
    }

    mutating func end(_ reason: Ending, at time: Double) {
        guard ending == nil else { return }
        for index in customers.indices {
            if let since = customers[index].waitingSince {
                waits.append(Wait(customer: index, start: since, end: time, answered: false))
            }
            if case .holding(let since) = customers[index].status { customers[index].heldFor += time - since }
        }
        ending = (reason, time)
        now = time
    }

    /// Ends the shift if it is not over yet: at its time limit when `leftEarly` is nil, else then.
    public mutating func finish(leftEarly time: Double? = nil) {
        if let time {
            advance(to: time)
            end(.leftEarly, at: max(time, now))
        } else {
            advance(to: .infinity)
        }
    }
}
