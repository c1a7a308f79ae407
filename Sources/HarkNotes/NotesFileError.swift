import HarkCore

/// What is wrong with a notes file, or why a change could not be saved.
public typealias NotesFileError = FileProblem

/// Notes as read from their file, with what the reader should be told:
/// entries found again by their time in a transcript that changed, or
/// left out because they could not be.
public struct LoadedNotes: Equatable, Sendable {
    public var notes: Notes
    /// Each `path:line: what happened`, escaped for printing.
    public var warnings: [String]

    public init(notes: Notes = Notes(), warnings: [String] = []) {
        self.notes = notes
        self.warnings = warnings
    }
}
