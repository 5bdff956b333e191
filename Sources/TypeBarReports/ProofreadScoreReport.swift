import TypeBarKit

extension ProofreadResult {
    /// The `proofread` object of `typebar score --json` (docs/drills.md lists every field): the figures a history
    /// record keeps, then each submitted draft with its errors, fixed or not, and the changes introduced.
    public func writeJSON(to writer: inout JSONWriter, seed: UInt64) {
        writer.beginObject()
        writer.key("seed"); writer.string(String(seed))
        writer.key("drafts"); writer.int(total)
        writer.key("submitted"); writer.int(drafts.count)
        writer.key("planted"); writer.int(planted)
        writer.key("fixed"); writer.int(fixed)
        writer.key("missed"); writer.int(missed)
        writer.key("introduced"); writer.int(introduced)
        writer.key("fixed_percent"); writer.number(fixedPercent)
        writer.key("seconds"); writer.number(seconds)
        writer.key("seconds_per_draft"); writer.number(secondsPerDraft)
        writer.key("target_seconds"); writer.number(targetSeconds)
        writer.key("completed"); writer.bool(completed)
        writer.key("meets_target"); writer.bool(meetsTarget)
        writer.key("verdict"); writer.string(verdict)
        writer.key("draft_details"); writer.beginArray()
        for draft in drafts {
            writer.beginObject()
            writer.key("source"); writer.string(draft.draft.source)
            writer.key("seconds"); writer.number(draft.seconds)
            writer.key("final"); writer.string(draft.final)
            writer.key("answer"); writer.string(draft.draft.answer)
            writer.key("planted"); writer.int(draft.planted)
            writer.key("fixed"); writer.int(draft.fixed)
            writer.key("introduced"); writer.int(draft.introduced)
            writer.key("errors"); writer.beginArray()
            for (error, fixed) in zip(draft.draft.errors, draft.marking.fixed) {
                writer.beginObject()
                writer.key("kind"); writer.string(error.kind.rawValue)
                if let detail = error.detail { writer.key("detail"); writer.string(detail) }
                writer.key("draft_text"); writer.string(error.draftText)
                writer.key("answer_text"); writer.string(error.answerText)
                writer.key("fixed"); writer.bool(fixed)
                writer.endObject()
            }
            writer.endArray()
            writer.key("changes_introduced"); writer.beginArray()
            for change in draft.marking.introduced {
                writer.beginObject()
                writer.key("answer"); writer.string(change.answer)
                writer.key("final"); writer.string(change.final)
                writer.key("words"); writer.int(change.words)
                writer.endObject()
            }
            writer.endArray()
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
    }
}
