/// A parsed document with where each statement was written: what a
/// program needs to change one value in a file a person also edits while
/// keeping their comments, blank lines, order and everything else.
public struct TOMLDocument: Equatable, Sendable {
    public var table: TOMLTable
    /// Every header and every key/value outside inline tables, in the order written.
    public var statements: [TOMLStatement]
}

/// One `[header]`, `[[header]]` or `key = value` of a document.
public struct TOMLStatement: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case header(path: [String], isArray: Bool)
        /// A key (its dotted parts) under the header before it, or at the top;
        /// `value` is the bytes of its value as written.
        case keyValue(key: [String], value: Range<Int>)
    }

    public var kind: Kind
    /// From the statement's first byte to the end of its header or value:
    /// neither a comment after it nor the line end.
    public var range: Range<Int>
    /// The line it starts on.
    public var line: Int
}
