import TypeBarKit

extension ChatResult {
    /// The `chat` object of `typebar score --json` (docs/chat.md lists every field): the figures a history record
    /// keeps, written by the record's own writer, then the shift's details.
    public func writeJSON(to writer: inout JSONWriter, seed: UInt64) {
        writer.beginObject()
        ChatSummary(self, seed: seed).writeFields(to: &writer)
        writer.key("ending"); writer.string(ending.rawValue)
        writer.key("shift_seconds"); writer.number(shiftSeconds)
        writer.key("first_response_seconds"); writer.beginArray()
        for value in firstResponses { writer.number(value) }
        writer.endArray()
        writer.key("handle_seconds"); writer.beginArray()
        for customer in self.customers { writer.number(customer.handleTime) }
        writer.endArray()
        writer.key("uncorrected_errors"); writer.int(uncorrectedErrors)
        writer.key("typing_seconds"); writer.number(typingSeconds)
        writer.key("net_wpm"); writer.number(netWPM)
        writer.key("min_reply_accuracy"); writer.number(targets.minReplyAccuracy)
        writer.key("bar"); writer.number(targets.bar)
        writer.key("meets_targets"); writer.bool(meetsTargets)
        writer.key("missed_target_details"); writer.beginArray()
        for missed in missedTargets {
            writer.beginObject()
            writer.key("target"); writer.string(missed.kind.rawValue)
            writer.key("actual"); writer.number(missed.actual)
            writer.key("allowed"); writer.number(missed.target)
            writer.key("detail"); writer.string(missed.description)
            writer.endObject()
        }
        writer.endArray()
        writer.key("customer_details"); writer.beginArray()
        for customer in self.customers {
            writer.beginObject()
            writer.key("name"); writer.string(customer.name)
            writer.key("outcome"); writer.string(customer.outcome.rawValue)
            writer.key("first_response_seconds"); writer.number(customer.firstResponse)
            writer.key("handle_seconds"); writer.number(customer.handleTime)
            writer.key("replies"); writer.int(customer.replies)
            writer.key("turns"); writer.int(customer.turns)
            writer.key("resolved"); writer.bool(customer.resolved)
            writer.key("rating"); if let rating = customer.rating { writer.int(rating) } else { writer.null() }
            writer.key("reasons"); writer.value(.array(customer.reasons.map { .string($0) }))
            writer.key("wrong_replies"); writer.int(customer.wrongReplies)
            writer.key("corrections"); writer.int(customer.corrections)
            writer.key("nudges"); writer.int(customer.nudges)
            writer.key("tag"); if let tag = customer.tag { writer.string(tag) } else { writer.null() }
            writer.endObject()
        }
        writer.endArray()
        writer.key("reply_details"); writer.beginArray()
        for reply in replies {
            writer.beginObject()
            writer.key("customer"); writer.string(customers[reply.customer].name)
            writer.key("turn"); writer.int(reply.turn + 1)
            writer.key("sent_seconds"); writer.number(reply.sentAt / 1000)
            writer.key("text"); writer.string(reply.text)
            writer.key("expected"); writer.string(reply.expected)
            writer.key("errors"); writer.int(reply.errors)
            writer.key("accuracy"); writer.number(reply.accuracy)
            writer.key("wrong_details"); writer.value(.array(reply.wrongDetails.map { .string($0) }))
            writer.key("mismatches"); writer.beginArray()
            for mismatch in reply.mismatches {
                writer.beginObject()
                writer.key("detail"); writer.string(mismatch.name)
                writer.key("expected"); writer.string(mismatch.expected)
                writer.key("sent"); writer.string(mismatch.sent)
                writer.endObject()
            }
            writer.endArray()
            writer.key("keystrokes"); writer.int(reply.keystrokes)
            writer.key("keystrokes_saved"); writer.int(reply.keystrokesSaved)
            if let choice = reply.choice {
                writer.key("choice"); writer.string(choice.name)
                if case .wrong(let shortcut?) = choice { writer.key("chosen"); writer.string(shortcut) }
                writer.key("points"); if let points = reply.points { writer.int(points) } else { writer.null() }
            }
            if let rubric = reply.rubric {
                writer.key("rubric_points"); writer.int(rubric.points)
                writer.key("deductions"); writer.beginArray()
                for deduction in rubric.deductions {
                    writer.beginObject()
                    writer.key("kind"); writer.string(deduction.kind.rawValue)
                    writer.key("points"); writer.int(deduction.points)
                    writer.key("text"); writer.string(deduction.text)
                    writer.endObject()
                }
                writer.endArray()
                writer.key("misspelt"); writer.value(.array(rubric.misspelt.map { .string($0) }))
            }
            writer.endObject()
        }
        writer.endArray()
        writer.key("actions"); writer.beginArray()
        for action in actions {
            writer.beginObject()
            writer.key("customer"); writer.string(customers[action.customer].name)
            writer.key("expected"); if let expected = action.expected { writer.string(expected) } else { writer.null() }
            writer.key("done"); if let done = action.done { writer.string(done) } else { writer.null() }
            writer.key("right"); writer.bool(action.right)
            writer.key("problems"); writer.value(.array(action.problems.map { .string($0) }))
            writer.key("seconds"); writer.number(action.time.map { $0 / 1000 })
            writer.endObject()
        }
        writer.endArray()
        writer.key("transcripts"); writer.beginArray()
        for (index, messages) in transcripts.enumerated() {
            writer.beginObject()
            writer.key("customer"); writer.string(customers[index].name)
            writer.key("messages"); writer.beginArray()
            for message in messages {
                writer.beginObject()
                writer.key("kind"); writer.string(message.kind.rawValue)
                writer.key("seconds"); writer.number(message.time / 1000)
                writer.key("text"); writer.string(message.text)
                writer.endObject()
            }
            writer.endArray()
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
    }
}
