/// What the command line asks of the reader besides the files.
public struct ReaderOptions: Equatable, Sendable {
    /// `--highlight WORD`, in order (six at most are kept).
    public var highlights: [String] = []
    /// `--at TIME`: where to start, as `:` takes it.
    public var at: String?
    /// `--search TEXT`: a search to start with.
    public var search: String?
    /// `--no-mouse` makes this false: the terminal keeps the mouse.
    public var mouse = true

    public init() {}
}
