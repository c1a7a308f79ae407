/// Changes to a file's bytes, made together: each replaces a range of the
/// original text (an insertion replaces an empty one). Ranges do not overlap;
/// insertions at the same place keep the order they were added in (but for
/// `insertFirst`).
struct TextEdits {
    private var edits: [(range: Range<Int>, bytes: [UInt8], order: Int)] = []

    var isEmpty: Bool { edits.isEmpty }

    mutating func replace(_ range: Range<Int>, with text: String) {
        edits.append((range, Array(text.utf8), edits.count))
    }

    mutating func insert(_ text: String, at offset: Int) { replace(offset..<offset, with: text) }

    /// An insertion that goes before the others at the same place (a table that heads the file's tables).
    mutating func insertFirst(_ text: String, at offset: Int) { edits.append((offset..<offset, Array(text.utf8), -1)) }

    mutating func remove(_ range: Range<Int>) { replace(range, with: "") }

    func applied(to text: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count + edits.reduce(0) { $0 + $1.bytes.count })
        var position = 0
        let ordered = edits.sorted {
            ($0.range.lowerBound, $0.range.upperBound, $0.order) < ($1.range.lowerBound, $1.range.upperBound, $1.order)
        }
        for edit in ordered {
            // An edit inside one already made (a key of an entry being removed) is moot.
            guard edit.range.lowerBound >= position else { continue }
            out.append(contentsOf: text[position..<edit.range.lowerBound])
            out.append(contentsOf: edit.bytes)
            position = edit.range.upperBound
        }
        out.append(contentsOf: text[position...])
        return out
    }
}

/// Where lines start and end in a file's bytes, for edits that take or
/// add whole lines.
struct Lines {
    let text: [UInt8]

    /// `\r\n` when the file's first line ends so, else `\n`: what added lines end with.
    var newline: String {
        guard let first = text.firstIndex(of: 0x0A) else { return "\n" }
        return first > 0 && text[first - 1] == 0x0D ? "\r\n" : "\n"
    }

    /// The start of the line `offset` is on.
    func start(of offset: Int) -> Int {
        var position = min(offset, text.count)
        while position > 0 && text[position - 1] != 0x0A { position -= 1 }
        return position
    }

    /// The start of the next line after `offset` (past its line end), or the end of the text.
    func end(of offset: Int) -> Int {
        var position = offset
        while position < text.count && text[position] != 0x0A { position += 1 }
        return min(position + 1, text.count)
    }

    /// The start of the line before the one starting at `lineStart`; nil at the top.
    func previousLine(before lineStart: Int) -> Int? {
        lineStart > 0 ? start(of: lineStart - 1) : nil
    }

    /// Whether the line starting at `lineStart` holds only spaces and tabs.
    func isBlank(_ lineStart: Int) -> Bool { firstNonSpace(lineStart) == nil }

    /// Whether the line starting at `lineStart` holds only a comment.
    func isComment(_ lineStart: Int) -> Bool {
        firstNonSpace(lineStart).map { text[$0] == 0x23 } ?? false
    }

    private func firstNonSpace(_ lineStart: Int) -> Int? {
        var position = lineStart
        while position < text.count {
            switch text[position] {
            case 0x20, 0x09, 0x0D: position += 1
            case 0x0A: return nil
            default: return position
            }
        }
        return nil
    }

    /// Where the comment lines written right above the line at `lineStart`
    /// (no blank line between) start: they belong to what follows them.
    func commentsAbove(_ lineStart: Int) -> Int {
        var start = lineStart
        while let previous = previousLine(before: start), isComment(previous) { start = previous }
        return start
    }

    /// Removes blank lines at the end of `text`, keeping the line end of the last line with something on it.
    static func dropBlankLinesAtTheEnd(of text: inout [UInt8]) {
        while text.last == 0x0A, let lastLine = Lines(text: text).blankLastLine { text.removeSubrange(lastLine...) }
    }

    /// Where the last line starts, when it is blank.
    private var blankLastLine: Int? {
        let lastLine = start(of: text.count - 1)
        return isBlank(lastLine) ? lastLine : nil
    }

    /// Whether the text ends with a blank line (or is empty): a new block needs no blank line before it.
    var endsWithBlankLine: Bool {
        guard let last = text.last else { return true }
        guard last == 0x0A else { return false }
        return isBlank(start(of: text.count - 1))
    }
}
