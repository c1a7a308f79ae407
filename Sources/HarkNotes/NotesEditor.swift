import HarkCore
import HarkTOML

/// Makes a change to a notes file as an edit of its text, so that what the
/// user wrote stays as written: comments, blank lines, the order of keys and
/// tables, and keys and tables hark does not know. A value is replaced in
/// place; an entry is removed with its lines (from the comments right above
/// its header to the next entry); a new entry goes before the first of its
/// kind with a later segment, else after the last of its kind, else at the
/// end; a new name goes at the end of `[speakers]`, which is made before the
/// first table when the file has none.
///
/// Several changes can be made in one pass over the text as it was read,
/// as long as each is about something no other in the pass touches (so a
/// whole set of notes saved at once costs one pass, not one a change).
struct NotesEditor {
    private let document: NotesDocument
    private let transcript: Transcript
    private let path: String
    private let lines: Lines
    private let newline: String
    private var edits = TextEdits()
    /// What the changes made so far are about: a speaker's label, or an entry's kind and segments.
    private var touched: Set<String> = []
    /// A change made so far adds `[speakers]`, which a second one would add again.
    private var addsSpeakers = false
    /// The file's last entry was removed: blank lines left at the end go too.
    private var removesTheEnd = false

    init(_ document: NotesDocument, path: String, transcript: Transcript) {
        self.document = document
        self.transcript = transcript
        self.path = path
        lines = Lines(text: document.text)
        newline = lines.newline
    }

    /// The text with the changes made.
    var text: [UInt8] {
        var text = edits.applied(to: document.text)
        if removesTheEnd { Lines.dropBlankLinesAtTheEnd(of: &text) }
        return text
    }

    /// Whether `change` can be made in this pass: it is about nothing another change in it touched.
    func canMake(_ change: NotesChange) -> Bool {
        if case .nameSpeaker = change, addsSpeakers { return false }
        return !touched.contains(Self.target(of: change))
    }

    private static func target(of change: NotesChange) -> String {
        if case .nameSpeaker(let label, _) = change { return "speaker \(label)" }
        let segments = change.segments.map { "\($0.lowerBound)-\($0.upperBound)" } ?? ""
        return "\(change.entryKind?.rawValue ?? "") \(segments)"
    }

    private var statements: [TOMLStatement] { document.statements }

    /// Makes `change` (which `canMake`) on the text as it was read.
    mutating func make(_ change: NotesChange) throws(NotesFileError) {
        touched.insert(Self.target(of: change))
        if case .nameSpeaker(let label, let name) = change {
            try nameSpeaker(label, name)
            return
        }
        guard let kind = change.entryKind, let segments = change.segments else { return }
        if document.inlineKinds.contains(kind) {
            throw NotesFileError(
                path: path, line: document.table.line(of: kind.rawValue),
                problem: "hark edits \(kind.rawValue)s written as [[\(kind.rawValue)]] tables, and this file writes them inline")
        }
        let matching = document.entries.filter { $0.kind == kind && $0.segments == segments }
        let fields = NotesEntryText.fields(of: change, in: transcript)
        guard !fields.isEmpty else {
            matching.forEach { remove($0) }
            return
        }
        if let last = matching.last {
            // One entry a segment: others for it (written twice by hand) go.
            matching.dropLast().forEach { remove($0) }
            update(last, fields)
        } else {
            insert(NotesEntryText.block(kind, fields, newline: newline), kind: kind, segments: segments)
        }
    }

    // MARK: Speakers

    private mutating func nameSpeaker(_ label: String, _ name: String?) throws(NotesFileError) {
        if let index = statements.indices.first(where: { fullKey(of: $0) == ["speakers", label] }) {
            let written = document.table["speakers"]?.table?[label]?.string
            if let name, name != written, case .keyValue(_, let value) = statements[index].kind {
                edits.replace(value, with: TOMLWriter.string(name))
            } else if name == nil {
                edits.remove(wholeLines(of: index))
            }
            return
        }
        guard let name else { return }
        let line = TOMLWriter.key(label) + " = " + TOMLWriter.string(name) + newline
        if let header = statements.indices.first(where: { statements[$0].kind == .header(path: ["speakers"], isArray: false) }) {
            insertLines(line, after: lastStatement(under: header))
        } else if document.table["speakers"] != nil {
            throw NotesFileError(
                path: path, line: document.table.line(of: "speakers"),
                problem: "hark adds names under a [speakers] header, and this file writes speakers another way")
        } else if let first = statements.indices.first(where: { if case .header = statements[$0].kind { true } else { false } }) {
            insertBlock("[speakers]" + newline + line, at: attachedStart(of: first), first: true)
            addsSpeakers = true
        } else {
            append("[speakers]" + newline + line)
            addsSpeakers = true
        }
    }

    /// A key's whole name: the header's path and the key's own parts.
    private func fullKey(of index: Int) -> [String]? {
        guard case .keyValue(let key, _) = statements[index].kind else { return nil }
        guard let header = document.headerOfStatement[index], case .header(let path, _) = statements[header].kind else {
            return key
        }
        return path + key
    }

    // MARK: Entries

    /// Sets an entry's keys to `fields`, leaving those already meaning the same as written.
    private mutating func update(_ entry: NotesEntry, _ fields: [(key: String, value: NotesEntryText.Field?)]) {
        var own: [String: Int] = [:]
        for index in statements.indices where document.headerOfStatement[index] == entry.header {
            if case .keyValue(let key, _) = statements[index].kind, key.count == 1 { own[key[0]] = index }
        }
        var missing = ""
        for (key, value) in fields {
            if let index = own[key] {
                guard case .keyValue(_, let range) = statements[index].kind else { continue }
                if let value {
                    if !value.matches(entry.table[key]) { edits.replace(range, with: value.text) }
                } else {
                    edits.remove(wholeLines(of: index))
                }
            } else if let value {
                missing += NotesEntryText.line(key, value, newline: newline)
            }
        }
        if !missing.isEmpty { insertLines(missing, after: lastStatement(under: entry.header)) }
    }

    private mutating func remove(_ entry: NotesEntry) {
        let end = regionEnd(of: entry)
        if end == document.text.count { removesTheEnd = true }
        edits.remove(attachedStart(of: entry.header)..<end)
    }

    private mutating func insert(_ block: String, kind: NotesEntry.Kind, segments: ClosedRange<Int>) {
        let sameKind = document.entries.filter { $0.kind == kind }
        func isAfter(_ entry: NotesEntry) -> Bool {
            guard let other = entry.segments else { return false }
            return (other.lowerBound, other.upperBound) > (segments.lowerBound, segments.upperBound)
        }
        if let next = sameKind.first(where: isAfter) {
            insertBlock(block, at: attachedStart(of: next.header))
        } else if let last = sameKind.last, regionEnd(of: last) < document.text.count {
            insertBlock(block, at: regionEnd(of: last))
        } else {
            append(block)
        }
    }

    /// Where an entry's lines end: at the next header that is not one of its
    /// own sub-tables (`[mark.extra]`), before the comments right above it.
    private func regionEnd(of entry: NotesEntry) -> Int {
        var next = entry.header + 1
        while next < statements.count {
            if case .header(let path, _) = statements[next].kind, !(path.count > 1 && path[0] == entry.kind.rawValue) { break }
            next += 1
        }
        return next < statements.count ? attachedStart(of: next) : document.text.count
    }

    // MARK: Lines

    /// The start of a header's line, or of the comment lines right above it
    /// (never above the end of the statement before it).
    private func attachedStart(of header: Int) -> Int {
        let comments = lines.commentsAbove(lines.start(of: statements[header].range.lowerBound))
        return header > 0 ? max(comments, lines.end(of: statements[header - 1].range.upperBound)) : comments
    }

    /// The last statement under a header (the header itself when it has none).
    private func lastStatement(under header: Int) -> Int {
        statements.indices.last { document.headerOfStatement[$0] == header } ?? header
    }

    /// A statement's lines: from its line's start to the end of the line its value ends on (a comment there too).
    private func wholeLines(of index: Int) -> Range<Int> {
        lines.start(of: statements[index].range.lowerBound)..<lines.end(of: statements[index].range.upperBound)
    }

    /// Lines (each ended) after the line a statement ends on.
    private mutating func insertLines(_ text: String, after index: Int) {
        let at = lines.end(of: statements[index].range.upperBound)
        let needsLineEnd = at == document.text.count && document.text.last != 0x0A
        edits.insert((needsLineEnd ? newline : "") + text, at: at)
    }

    /// A block of lines at a line's start, with a blank line before (unless
    /// one is there) and after.
    private mutating func insertBlock(_ block: String, at offset: Int, first: Bool = false) {
        let blankBefore = lines.previousLine(before: offset).map(lines.isBlank) ?? true
        let text = (blankBefore ? "" : newline) + block + newline
        if first { edits.insertFirst(text, at: offset) } else { edits.insert(text, at: offset) }
    }

    /// A block at the end of the file, after a blank line.
    private mutating func append(_ block: String) {
        let text = document.text
        let before = text.isEmpty ? "" : text.last != 0x0A ? newline + newline : lines.endsWithBlankLine ? "" : newline
        edits.insert(before + block, at: text.count)
    }
}
