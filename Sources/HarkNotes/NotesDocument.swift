import HarkCore
import HarkTOML

/// A notes file as read against a transcript: the notes it holds, and
/// where each part of them is written, so that `NotesEditor` can change
/// the text and keep the rest of it as the user wrote it.
struct NotesDocument {
    /// The file's bytes as read (a BOM included).
    let text: [UInt8]
    let statements: [TOMLStatement]
    /// For each statement, the index of the header it is under (nil: the top of the file).
    let headerOfStatement: [Int?]
    let table: TOMLTable
    private(set) var notes = Notes()
    private(set) var warnings: [String] = []
    /// Each `[[turn]]`, `[[mark]]` and `[[quote]]`, in the order written.
    private(set) var entries: [NotesEntry] = []
    /// Kinds written as arrays of inline tables (`mark = [{ … }]`) rather than headers: read, never edited.
    private(set) var inlineKinds: Set<NotesEntry.Kind> = []

    /// Reads `text` (the bytes of the file at `path`); a file with a TOML
    /// error or a value of the wrong type is one error with its line.
    init(text: [UInt8], path: String, transcript: Transcript) throws(NotesFileError) {
        let document: TOMLDocument
        do {
            document = try TOML.parseDocument(bytes: text)
        } catch {
            throw NotesFileError(path: path, line: error.line, problem: error.message)
        }
        self.text = text
        statements = document.statements
        table = document.table
        var header: Int?
        headerOfStatement = statements.indices.map { index in
            if case .header = document.statements[index].kind { header = index }
            return header
        }
        var reader = NotesEntryReader(path: path, transcript: transcript)
        try readSpeakers(&reader)
        for kind in NotesEntry.Kind.allCases { try readEntries(of: kind, &reader) }
        warnings = reader.warnings
    }

    /// The index of each `[[kind]]` header, in order.
    func headers(of kind: NotesEntry.Kind) -> [Int] {
        statements.indices.filter { statements[$0].kind == .header(path: [kind.rawValue], isArray: true) }
    }

    private mutating func readSpeakers(_ reader: inout NotesEntryReader) throws(NotesFileError) {
        guard let value = table["speakers"] else { return }
        guard let speakers = value.table else {
            throw reader.error(
                at: table.line(of: "speakers"), "\"speakers\" must be a table of names: [speakers] then LABEL = \"Name\"")
        }
        for label in speakers.keys {
            let line = speakers.line(of: label)
            guard let name = speakers[label]?.string else {
                throw reader.error(at: line, "the name of \"\(label)\" must be a string, not \(speakers[label]!.kindDescription)")
            }
            try reader.checkName(name, line: line)
            if !name.isEmpty { notes.apply(.nameSpeaker(label: label, name: name)) }
        }
    }

    private mutating func readEntries(of kind: NotesEntry.Kind, _ reader: inout NotesEntryReader) throws(NotesFileError) {
        guard let value = table[kind.rawValue] else { return }
        let keyLine = table.line(of: kind.rawValue)
        let written = "[[\(kind.rawValue)]]"
        guard let array = value.array else {
            throw reader.error(
                at: keyLine, "\(kind.rawValue) must be written as \(written) tables, one for each \(kind.rawValue)")
        }
        let headers = headers(of: kind)
        if headers.count != array.count { inlineKinds.insert(kind) }
        for (number, element) in array.enumerated() {
            guard let entry = element.table else {
                throw reader.error(
                    at: keyLine, "\(kind.rawValue) must be written as \(written) tables, not \(element.kindDescription)")
            }
            let change = try reader.read(entry, kind: kind)
            if let change { notes.apply(change) }
            if !inlineKinds.contains(kind) {
                entries.append(NotesEntry(kind: kind, header: headers[number], table: entry, segments: change?.segments))
            }
        }
    }
}

/// One `[[turn]]`, `[[mark]]` or `[[quote]]` table as written.
struct NotesEntry: Equatable {
    enum Kind: String, CaseIterable {
        case turn, mark, quote
    }

    var kind: Kind
    /// The index of its header in the document's statements.
    var header: Int
    var table: TOMLTable
    /// The segments it is about, as found in the transcript; nil when they could not be.
    var segments: ClosedRange<Int>?
}

extension NotesChange {
    /// The segments an entry is about: what tells two entries of a kind apart.
    var segments: ClosedRange<Int>? {
        switch self {
        case .setTurn(let turn): turn.segment...turn.segment
        case .setMark(let mark): mark.segment...mark.segment
        case .setQuote(let quote): quote.segments
        case .removeTurn(let segment), .removeMark(let segment): segment...segment
        case .removeQuote(let segments): segments
        case .nameSpeaker: nil
        }
    }

    /// The kind of entry the change is about; nil for a speaker's name.
    var entryKind: NotesEntry.Kind? {
        switch self {
        case .setTurn, .removeTurn: .turn
        case .setMark, .removeMark: .mark
        case .setQuote, .removeQuote: .quote
        case .nameSpeaker: nil
        }
    }
}
