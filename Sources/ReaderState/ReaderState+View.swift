import HarkCore

/// Moving the cursor and the view over wrapped lines.
extension ReaderState {
    func lines(ofBlock block: Int) -> [TimelineLine] {
        document.lines(ofBlock: block, raw: raw, width: textWidth)
    }

    /// The line where `segment` starts.
    public func anchor(ofSegment segment: Int) -> ViewAnchor {
        let block = document.blockIndex(ofSegment: segment, raw: raw)
        let lines = self.lines(ofBlock: block)
        let line = lines.firstIndex { $0.runs.contains { $0.segment == segment } } ?? 0
        return ViewAnchor(block: block, line: line)
    }

    /// `anchor` moved by `count` lines (negative: up), stopping at either end.
    func advance(_ anchor: ViewAnchor, by count: Int) -> ViewAnchor {
        var block = anchor.block
        var line = anchor.line
        var remaining = count
        while remaining > 0 {
            let lineCount = lines(ofBlock: block).count
            if line + remaining < lineCount { return ViewAnchor(block: block, line: line + remaining) }
            guard let next = document.nextBlock(after: block, raw: raw) else {
                return ViewAnchor(block: block, line: max(0, lineCount - 1))
            }
            remaining -= lineCount - line
            block = next
            line = 0
        }
        while remaining < 0 {
            if line + remaining >= 0 { return ViewAnchor(block: block, line: line + remaining) }
            guard let previous = document.previousBlock(before: block, raw: raw) else { return ViewAnchor(block: block, line: 0) }
            remaining += line + 1
            block = previous
            line = lines(ofBlock: block).count - 1
        }
        return ViewAnchor(block: block, line: line)
    }

    /// Lines from `from` to `to` (at most `limit`, to bound the walk).
    func distance(from: ViewAnchor, to: ViewAnchor, limit: Int) -> Int {
        guard from < to else { return 0 }
        var count = 0
        var block = from.block
        var line = from.line
        while count < limit {
            if block == to.block { return count + (to.line - line) }
            count += lines(ofBlock: block).count - line
            guard let next = document.nextBlock(after: block, raw: raw) else { return count }
            block = next
            line = 0
        }
        return limit
    }

    /// The last line of the transcript.
    var lastLine: ViewAnchor {
        let block = document.lastBlockIndex(raw: raw)
        return ViewAnchor(block: block, line: max(0, lines(ofBlock: block).count - 1))
    }

    /// The top that puts the last line at the bottom: scrolling stops there.
    var maximumTop: ViewAnchor { advance(lastLine, by: -(pageLines - 1)) }

    /// The lines on screen now.
    public func visibleLines() -> [TimelineLine] {
        var result: [TimelineLine] = []
        var block = top.block
        var line = top.line
        while result.count < pageLines {
            let lines = self.lines(ofBlock: block)
            if lines.isEmpty { break }
            result.append(contentsOf: lines[min(line, lines.count)...].prefix(pageLines - result.count))
            guard let next = document.nextBlock(after: block, raw: raw) else { break }
            block = next
            line = 0
        }
        return result
    }

    mutating func clampTop() {
        if document.block(top.block, raw: raw) == nil { top = ViewAnchor(block: 0, line: 0) }
        // Only near the end can the view have scrolled too far; finding the
        // last line far from it would mean finding every paragraph first.
        if distance(from: top, to: advance(top, by: pageLines), limit: pageLines) < pageLines - 1, maximumTop < top {
            top = maximumTop
        }
        let count = lines(ofBlock: top.block).count
        if top.line >= count { top.line = max(0, count - 1) }
    }

    /// Scrolls as little as possible to show the cursor's segment, all of it
    /// when it fits.
    mutating func ensureCursorVisible() {
        guard document.segmentCount > 0 else { return }
        cursor = max(0, min(cursor, document.segmentCount - 1))
        let first = anchor(ofSegment: cursor)
        let lines = self.lines(ofBlock: first.block)
        let lastLine = lines.lastIndex { $0.runs.contains { $0.segment == cursor } } ?? first.line
        let last = ViewAnchor(block: first.block, line: lastLine)
        if first < top {
            top = first
        } else if distance(from: top, to: last, limit: pageLines) >= pageLines {
            top = advance(last, by: -(pageLines - 1))
            if first < top { top = first }
        }
        clampTop()
    }

    /// Whether the cursor's first line is on screen.
    var cursorIsVisible: Bool {
        let first = anchor(ofSegment: cursor)
        return !(first < top) && distance(from: top, to: first, limit: pageLines) < pageLines
    }

    /// Moves the cursor far (a search match, a time, an occurrence): when it
    /// leaves the screen, it lands a quarter of the way down, with context above.
    mutating func jumpCursor(to segment: Int) {
        guard document.segmentCount > 0 else { return }
        cursor = segmentShown(max(0, min(segment, document.segmentCount - 1)), forward: true)
        if !cursorIsVisible {
            top = advance(anchor(ofSegment: cursor), by: -(pageLines / 4))
            clampTop()
        }
        ensureCursorVisible()
    }

    /// After the view scrolled under it, puts the cursor on a visible segment.
    mutating func keepCursorInView() {
        let visible = visibleLines()
        let segments = visible.flatMap { $0.runs.map(\.segment) }
        guard let first = segments.first, let last = segments.last else { return }
        if cursor < first { cursor = firstSegmentStarting(in: visible) ?? first }
        if cursor > last { cursor = last }
    }

    /// The segment of the first of `lines` that begins with the start of a segment.
    func firstSegmentStarting(in lines: [TimelineLine]) -> Int? {
        for line in lines {
            if let run = line.runs.first, run.bytes.lowerBound == transcript.textRange(of: run.segment).lowerBound {
                return run.segment
            }
        }
        return nil
    }

    mutating func moveCursor(to segment: Int) {
        guard document.segmentCount > 0 else { return }
        let target = max(0, min(segment, document.segmentCount - 1))
        cursor = segmentShown(target, forward: target >= cursor)
        ensureCursorVisible()
    }

    /// A segment without text (an empty WebVTT cue) has no line in the
    /// paragraphs, so the cursor never rests on one there: it goes on to the
    /// next segment with text the way it was moving, or back the other way
    /// when there is none. Raw mode shows every segment, empty or not.
    public func segmentShown(_ segment: Int, forward: Bool) -> Int {
        guard !raw, !transcript.hasText(segment) else { return segment }
        if !forward, let previous = transcript.previousSegmentWithText(before: segment) { return previous }
        return transcript.nearestSegmentWithText(from: segment)
    }

    /// Space and b: the view moves a page (less one line, kept for context);
    /// the cursor goes to the first segment starting on screen.
    mutating func scrollPage(by lines: Int) {
        let before = top
        top = advance(top, by: lines)
        clampTop()
        if top == before {
            // Already at an end: the cursor goes the rest of the way.
            moveCursor(to: lines > 0 ? document.segmentCount - 1 : 0)
            return
        }
        let visible = visibleLines()
        cursor = firstSegmentStarting(in: visible) ?? visible.first?.firstSegment ?? cursor
        ensureCursorVisible()
    }

    /// Ctrl-D and Ctrl-U: view and cursor move together, as in vim.
    mutating func scrollKeepingRow(by lines: Int) {
        let row = distance(from: top, to: anchor(ofSegment: cursor), limit: pageLines)
        top = advance(top, by: lines)
        clampTop()
        let target = advance(top, by: row)
        let targetLines = self.lines(ofBlock: target.block)
        if target.line < targetLines.count, let segment = targetLines[target.line].firstSegment ?? targetLines.first?.firstSegment
        {
            cursor = segment
        } else {
            cursor = max(0, min(document.segmentCount - 1, cursor + lines.signum()))
        }
        cursor = segmentShown(cursor, forward: lines > 0)
        ensureCursorVisible()
    }

    /// `}` and `{`: the first segment of the next or previous paragraph.
    mutating func moveToParagraph(offset: Int) {
        let paragraph = document.blockIndex(ofSegment: cursor, raw: false)
        guard let current = document.block(paragraph, raw: false) else { return }
        if offset < 0 && cursor > current.lowerBound {
            moveCursor(to: current.lowerBound)
        } else if let target = offset > 0
            ? document.nextBlock(after: paragraph, raw: false) : document.previousBlock(before: paragraph, raw: false)
        {
            moveCursor(to: target)
        } else {
            moveCursor(to: offset > 0 ? document.segmentCount - 1 : 0)
        }
    }

    /// Jumps to a time: the segment being spoken then.
    mutating func jump(to time: Int64) {
        let clamped = max(0, min(time, transcript.duration))
        guard let segment = transcript.segmentIndex(at: clamped) else { return }
        jumpCursor(to: segment)
    }
}
