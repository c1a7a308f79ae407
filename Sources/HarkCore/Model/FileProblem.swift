/// What is wrong with a file hark reads besides the transcript (a topics
/// file, a notes file), or why it could not be written: one message naming
/// the file and, when it is about the text, the line.
public struct FileProblem: Error, CustomStringConvertible, Equatable, Sendable {
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
