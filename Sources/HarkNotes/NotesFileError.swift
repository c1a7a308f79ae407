import HarkCore

/// What is wrong with a notes file, or why a change could not be saved:
/// one message naming the file and, when it is about the text, the line.
public struct NotesFileError: Error, CustomStringConvertible, Equatable, Sendable {
    public var path: String
    public var line: Int?
    public var problem: String

    public init(path: String, line: Int?, problem: String) {
        self.path = path
        self.line = line
        self.problem = problem
    }

    /// `talk.hark.toml:12`, or the path alone; control characters escaped.
    public var place: String { Escaped.name(path) + (line.map { ":\($0)" } ?? "") }

    /// `talk.hark.toml:12: problem`. Control characters in the path or the
    /// problem (which may quote the file) are escaped: see `Escaped`.
    public var description: String { "\(place): \(Escaped.message(problem))" }
}

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
