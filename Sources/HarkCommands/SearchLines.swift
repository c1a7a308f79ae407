import HarkCore

/// Groups matches, as they arrive in order, into printed lines: one per
/// segment where matches start. A match that straddles into later segments
/// takes them into its line, and a match starting in one of those joins the
/// same line, so no segment's text is printed twice. A line's matches are
/// bounded by its segments' text, so grouping keeps little in memory.
struct SearchLines {
    private var pending: [SearchMatch] = []

    /// Adds the next match; returns the line it ends, if it starts a new one.
    mutating func add(_ match: SearchMatch) -> [SearchMatch]? {
        if let last = pending.last, match.segment > last.lastSegment {
            let line = pending
            pending = [match]
            return line
        }
        pending.append(match)
        return nil
    }

    /// The last line, if any match is left.
    mutating func finish() -> [SearchMatch]? {
        defer { pending = [] }
        return pending.isEmpty ? nil : pending
    }
}
