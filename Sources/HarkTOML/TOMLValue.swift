/// A TOML document as values, with the line each key was written on, so
/// that errors of meaning (a number where a keyword should be) can name it.
public indirect enum TOMLValue: Equatable, Sendable {
    case string(String)
    case integer(Int64)
    case float(Double)
    case boolean(Bool)
    /// An offset or local date-time, date or time, kept as written (validated).
    case dateTime(String)
    case array([TOMLValue])
    case table(TOMLTable)

    public var string: String? { if case .string(let s) = self { s } else { nil } }
    public var array: [TOMLValue]? { if case .array(let a) = self { a } else { nil } }
    public var table: TOMLTable? { if case .table(let t) = self { t } else { nil } }

    /// The value as a message quotes it: `3`, `true`, `"text"`, "an array".
    public var quoted: String {
        switch self {
        case .string(let s): "\"\(s)\""
        case .integer(let n): "\(n)"
        case .float(let x): "\(x)"
        case .boolean(let b): "\(b)"
        case .dateTime(let d): d
        case .array: "an array"
        case .table: "a table"
        }
    }

    /// What the value is, for messages: "a string", "an array"…
    public var kindDescription: String {
        switch self {
        case .string: "a string"
        case .integer(let n): "the number \(n)"
        case .float(let x): "the number \(x)"
        case .boolean(let b): "\(b)"
        case .dateTime(let d): "the date \(d)"
        case .array: "an array"
        case .table: "a table"
        }
    }
}

/// A table: keys in the order written, each with its value and line.
public struct TOMLTable: Equatable, Sendable {
    public private(set) var keys: [String] = []
    private var entries: [String: Entry] = [:]
    /// The line of the table's `[header]` (or `[[header]]`), if it has one.
    public internal(set) var headerLine: Int?

    struct Entry: Equatable, Sendable {
        var value: TOMLValue
        var line: Int
    }

    public init() {}

    public subscript(key: String) -> TOMLValue? { entries[key]?.value }

    /// The line the key was written on (for a table made by a header, the header's).
    public func line(of key: String) -> Int? { entries[key]?.line }

    mutating func set(_ key: String, _ value: TOMLValue, line: Int) {
        if entries[key] == nil { keys.append(key) }
        entries[key] = Entry(value: value, line: line)
    }
}
