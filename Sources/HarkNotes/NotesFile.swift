import HarkCore

/// The notes file: a TOML file beside the transcript (`NAME.hark.toml`)
/// that keeps what the user adds: speaker names, turns, marks and quotes.
///
///     [speakers]
///     SPEAKER_00 = "Sarah Catanzaro"
///
///     [[mark]]
///     segment = 120
///     time = "0:12:03.000"
///     note = "MLOps consolidation"
///
/// People may edit it: saving changes its text only where the change is
/// (see `NotesEditor`), merges with what is on disk at that moment (another
/// process's additions included), and replaces the file atomically (see
/// `NotesStorage`). The transcript is never written.
public enum NotesFile {
    /// `--notes FILE` when given, else `NAME.hark.toml` beside the
    /// transcript, NAME being its file name up to the first dot as for topics
    /// files (`talk` for `talk.whisper.txt`). The file need not exist.
    public static func path(forTranscript transcriptPath: String, given: String?) -> String {
        if let given { return given }
        let folderEnd = transcriptPath.lastIndex(of: "/").map { transcriptPath.index(after: $0) } ?? transcriptPath.startIndex
        var name = transcriptPath[folderEnd...]
        if let dot = name.firstIndex(of: "."), dot != name.startIndex { name = name[..<dot] }
        return String(transcriptPath[..<folderEnd]) + name + ".hark.toml"
    }

    /// The notes in the file at `path` for `transcript`: none when there is
    /// no file; one error (file, line, problem) when it is broken.
    public static func load(path: String, for transcript: Transcript) throws(NotesFileError) -> LoadedNotes {
        guard let bytes = try NotesStorage(path: path).read() else { return LoadedNotes() }
        let document = try NotesDocument(text: bytes, path: path, transcript: transcript)
        return LoadedNotes(notes: document.notes, warnings: document.warnings)
    }

    /// Saves one change: see `update`.
    @discardableResult
    public static func save(_ change: NotesChange, path: String, for transcript: Transcript) throws(NotesFileError)
        -> LoadedNotes
    {
        try update(path: path, for: transcript) { _ throws(NotesFileError) in [change] }
    }

    /// Saves changes together (one lock, one write): `:w`'s whole notes, a command's several renames.
    @discardableResult
    public static func save(_ changes: [NotesChange], path: String, for transcript: Transcript) throws(NotesFileError)
        -> LoadedNotes
    {
        try update(path: path, for: transcript) { _ throws(NotesFileError) in changes }
    }

    /// Under the folder's lock: reads the file as it is now, asks `changes`
    /// what to change given the notes it holds, makes those changes to its
    /// text, checks that the text reads back as exactly those notes with the
    /// changes made, and writes it. Returns what the file now holds. A
    /// broken file is never written over: its error is thrown.
    public static func update(
        path: String, for transcript: Transcript, changes: (Notes) throws(NotesFileError) -> [NotesChange]
    ) throws(NotesFileError) -> LoadedNotes {
        let storage = NotesStorage(path: path)
        return try storage.locked { writer throws(NotesFileError) in
            let old = try storage.read()
            var document = try NotesDocument(
                text: old ?? Array(NotesEntryText.header(forTranscript: transcript.source).utf8), path: path,
                transcript: transcript)
            var expected = document.notes
            var editor = NotesEditor(document, path: path, transcript: transcript)
            for change in try changes(document.notes) {
                let change = try checked(change, in: transcript, path: path)
                if !editor.canMake(change) {
                    document = try readBack(editor.text, expected: expected, path: path, transcript: transcript)
                    editor = NotesEditor(document, path: path, transcript: transcript)
                }
                try editor.make(change)
                expected.apply(change)
            }
            document = try readBack(editor.text, expected: expected, path: path, transcript: transcript)
            let unchanged = old.map { $0 == document.text } ?? document.notes.isEmpty
            if !unchanged { try writer.write(document.text) }
            return LoadedNotes(notes: document.notes, warnings: document.warnings)
        }
    }

    /// The edited text as read again: it must hold exactly the notes expected,
    /// or nothing is written (a change hark cannot make cleanly in this file).
    private static func readBack(
        _ text: [UInt8], expected: Notes, path: String, transcript: Transcript
    ) throws(NotesFileError) -> NotesDocument {
        let document: NotesDocument
        do {
            document = try NotesDocument(text: text, path: path, transcript: transcript)
        } catch {
            throw NotesFileError(
                path: path, line: nil,
                problem: "hark could not make this change to the file (it would read: \(error.problem)); not saved")
        }
        guard document.notes == expected else {
            throw NotesFileError(
                path: path, line: nil,
                problem: "hark could not make this change without changing other notes in the file; not saved")
        }
        return document
    }

    /// The change as it is written: segments in the transcript, a mark's
    /// time its segment's start, an empty name no name.
    private static func checked(_ change: NotesChange, in transcript: Transcript, path: String) throws(NotesFileError)
        -> NotesChange
    {
        let count = transcript.segments.count
        func check(_ segments: ClosedRange<Int>) throws(NotesFileError) {
            guard segments.lowerBound >= 0, segments.upperBound < count else {
                throw NotesFileError(
                    path: path, line: nil, problem: "segment \(segments.upperBound) is not in the transcript (it has \(count))")
            }
        }
        func name(_ name: String?) throws(NotesFileError) -> String? {
            guard let name, !name.isEmpty else { return nil }
            if name.unicodeScalars.contains(where: Escaped.isControl) {
                throw NotesFileError(path: path, line: nil, problem: "a speaker's name cannot hold control characters")
            }
            return name
        }
        switch change {
        case .nameSpeaker(let label, let given):
            return .nameSpeaker(label: label, name: try name(given))
        case .setTurn(let turn):
            try check(turn.segment...turn.segment)
            return .setTurn(TurnEdit(segment: turn.segment, speaker: try name(turn.speaker)))
        case .setMark(let mark):
            try check(mark.segment...mark.segment)
            return .setMark(Mark(segment: mark.segment, start: transcript.start(of: mark.segment), note: mark.note))
        case .setQuote(var quote):
            try check(quote.segments)
            quote.speaker = try name(quote.speaker)
            return .setQuote(quote)
        case .removeTurn, .removeMark, .removeQuote:
            return change
        }
    }
}
