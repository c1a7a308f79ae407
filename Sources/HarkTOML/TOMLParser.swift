/// A TOML 1.0 parser that cannot crash: every input gives a document or one
/// `TOMLError` with the line and column of the problem. It reads bytes with
/// bounds-checked access only, nests at most `maximumDepth` arrays and inline
/// tables, and keeps no state between calls.
///
/// Written for hark because the TOML library it used before (TOMLKit over
/// toml++) aborted the process on some malformed files (a header starting
/// with a dot, an unclosed header at the end of a file), and a hand-edited
/// topics or notes file must never stop hark.
public enum TOML {
    public static let maximumDepth = 100

    public static func parse(_ text: String) throws(TOMLError) -> TOMLTable {
        var parser = Parser(Array(text.utf8))
        return try parser.document()
    }

    /// Parses bytes, which must be UTF-8 (a BOM is allowed).
    public static func parse(bytes: [UInt8]) throws(TOMLError) -> TOMLTable {
        try parseDocument(bytes: bytes).table
    }

    /// Parses bytes (UTF-8, a BOM allowed) and says where each statement
    /// is in them, so that a program can edit the text of a file a person
    /// also edits (the notes file) and keep everything else as written.
    public static func parseDocument(bytes: [UInt8]) throws(TOMLError) -> TOMLDocument {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        if let bad = firstInvalidUTF8(bytes[start...]) {
            let line = 1 + bytes[start..<bad].filter { $0 == 0x0A }.count
            throw TOMLError(line: line, column: nil, message: "the file is not valid UTF-8")
        }
        var parser = Parser(bytes)
        parser.position = start
        parser.lineStart = start
        let table = try parser.document()
        return TOMLDocument(table: table, statements: parser.statements)
    }

    private static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = bytes.startIndex
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += String(scalar).utf8.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}

public struct TOMLError: Error, Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int?
    public var message: String

    public var description: String { message }
}

/// The document as it is built: tables are references while headers and
/// dotted keys add to them, then become values.
private final class TableNode {
    enum Child {
        case table(TableNode)
        /// A reference, so that each `[[header]]` appends in place (a file of many is linear).
        case tableArray(TableArray)
        case value(TOMLValue)
    }

    var keys: [String] = []
    var children: [String: (child: Child, line: Int)] = [:]
    var headerLine: Int?
    /// Defined by a `[header]` of its own: a second header for it is an error.
    var definedByHeader = false
    /// Made by dotted keys (`a.b = 1`): a header may not define it again.
    var madeByDottedKeys = false

    func set(_ key: String, _ child: Child, line: Int) {
        if children[key] == nil { keys.append(key) }
        children[key] = (child, line)
    }

    var value: TOMLTable {
        var table = TOMLTable()
        table.headerLine = headerLine
        for key in keys {
            guard let (child, line) = children[key] else { continue }
            switch child {
            case .table(let node): table.set(key, .table(node.value), line: line)
            case .tableArray(let array): table.set(key, .array(array.nodes.map { .table($0.value) }), line: line)
            case .value(let value): table.set(key, value, line: line)
            }
        }
        return table
    }
}

/// The tables of a `[[header]]`, in order.
private final class TableArray {
    var nodes: [TableNode]
    init(_ first: TableNode) { nodes = [first] }
}

private struct Parser {
    let bytes: [UInt8]
    var position = 0
    var line = 1
    var lineStart = 0
    var depth = 0
    /// The document's headers and keys, in order, where they are written.
    var statements: [TOMLStatement] = []
    /// Set by `keyValue`: the key and where its value was written.
    var lastKey: [String] = []
    var lastValueRange = 0..<0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    // MARK: Bytes

    var current: UInt8? { position < bytes.count ? bytes[position] : nil }
    func peek(_ offset: Int) -> UInt8? { position + offset < bytes.count ? bytes[position + offset] : nil }
    var atEnd: Bool { position >= bytes.count }

    func error(_ message: String) -> TOMLError {
        TOMLError(line: line, column: position - lineStart + 1, message: message)
    }

    /// What the current byte is, for messages.
    var found: String {
        guard let byte = current else { return "the end of the file" }
        switch byte {
        case 0x0A, 0x0D: return "the end of the line"
        case 0x20...0x7E: return "'\(Character(Unicode.Scalar(byte)))'"
        default:
            // The whole character, named by its code point.
            var end = position + 1
            while end < bytes.count && bytes[end] & 0xC0 == 0x80 && end - position < 4 { end += 1 }
            let scalar = String(decoding: bytes[position..<end], as: UTF8.self).unicodeScalars.first
            return scalar.map { "U+" + String($0.value, radix: 16, uppercase: true).leftPadded(to: 4) } ?? "a byte"
        }
    }

    mutating func skipSpaces() {
        while let byte = current, byte == 0x20 || byte == 0x09 { position += 1 }
    }

    /// A comment, if one starts here: to the end of the line, no control characters.
    mutating func skipComment() throws(TOMLError) {
        guard current == 0x23 else { return }
        while let byte = current, byte != 0x0A {
            if byte == 0x0D && peek(1) == 0x0A { break }
            if Self.isControl(byte) && byte != 0x09 { throw error("a control character in a comment") }
            position += 1
        }
    }

    /// A line end (LF or CRLF) if one is here; a lone CR is an error.
    mutating func lineEnd() throws(TOMLError) -> Bool {
        if current == 0x0A {
            position += 1
        } else if current == 0x0D {
            guard peek(1) == 0x0A else { throw error("a carriage return not followed by a line feed") }
            position += 2
        } else {
            return false
        }
        line += 1
        lineStart = position
        return true
    }

    /// Spaces, comments and line ends (inside arrays).
    mutating func skipSpacesCommentsAndLines() throws(TOMLError) {
        while true {
            skipSpaces()
            try skipComment()
            if try !lineEnd() { return }
        }
    }

    /// After a key/value or a header: spaces, a comment, then the end of the line or file.
    mutating func endOfStatement() throws(TOMLError) {
        skipSpaces()
        try skipComment()
        if atEnd { return }
        if try !lineEnd() { throw error("expected the end of the line after the value, found \(found)") }
    }

    static func isControl(_ byte: UInt8) -> Bool { byte < 0x20 || byte == 0x7F }

    // MARK: Document

    mutating func document() throws(TOMLError) -> TOMLTable {
        let root = TableNode()
        var current = root
        while true {
            try skipSpacesCommentsAndLines()
            guard let byte = self.current else { break }
            if byte == 0x5B {  // [
                current = try header(root)
            } else {
                let start = position
                let startLine = line
                try keyValue(into: current)
                statements.append(
                    TOMLStatement(
                        kind: .keyValue(key: lastKey, value: lastValueRange), range: start..<position, line: startLine))
                try endOfStatement()
            }
        }
        return root.value
    }

    /// `[a.b]` or `[[a.b]]`: the table that the following keys go into.
    mutating func header(_ root: TableNode) throws(TOMLError) -> TableNode {
        let headerLine = line
        let start = position
        position += 1
        let isArray = current == 0x5B
        if isArray { position += 1 }
        skipSpaces()
        let path = try key()
        skipSpaces()
        guard current == 0x5D else { throw error("expected ']' to close the table header, found \(found)") }
        position += 1
        if isArray {
            guard current == 0x5D else { throw error("expected ']]' to close the array-of-tables header, found \(found)") }
            position += 1
        }
        statements.append(
            TOMLStatement(kind: .header(path: path, isArray: isArray), range: start..<position, line: headerLine))
        try endOfStatement()
        var table = root
        for (k, name) in path.dropLast().enumerated() {
            table = try descend(table, into: name, path: path.prefix(k + 1), line: headerLine)
        }
        let name = path[path.count - 1]
        let shown = path.joined(separator: ".")
        if isArray {
            let new = TableNode()
            new.headerLine = headerLine
            new.definedByHeader = true
            switch table.children[name]?.child {
            case nil:
                table.set(name, .tableArray(TableArray(new)), line: headerLine)
            case .tableArray(let existing):
                existing.nodes.append(new)
            case .table:
                throw TOMLError(
                    line: headerLine, column: nil, message: "[[\(shown)]]: \(shown) is already a table, not an array of tables")
            case .value:
                throw TOMLError(line: headerLine, column: nil, message: "[[\(shown)]]: \(shown) already has a value")
            }
            return new
        }
        switch table.children[name]?.child {
        case nil:
            let new = TableNode()
            new.headerLine = headerLine
            new.definedByHeader = true
            table.set(name, .table(new), line: headerLine)
            return new
        case .table(let existing):
            guard !existing.definedByHeader, !existing.madeByDottedKeys else {
                throw TOMLError(line: headerLine, column: nil, message: "[\(shown)] is defined twice")
            }
            existing.definedByHeader = true
            existing.headerLine = headerLine
            return existing
        case .tableArray:
            throw TOMLError(line: headerLine, column: nil, message: "[\(shown)]: \(shown) is an array of tables ([[\(shown)]])")
        case .value:
            throw TOMLError(line: headerLine, column: nil, message: "[\(shown)]: \(shown) already has a value")
        }
    }

    /// The table `name` inside `table` on the way along a header's path,
    /// made if it is not there (the last table of an array of tables).
    func descend(_ table: TableNode, into name: String, path: ArraySlice<String>, line: Int) throws(TOMLError) -> TableNode {
        switch table.children[name]?.child {
        case nil:
            let new = TableNode()
            table.set(name, .table(new), line: line)
            return new
        case .table(let existing):
            return existing
        case .tableArray(let tables):
            guard let last = tables.nodes.last else {
                throw TOMLError(line: line, column: nil, message: "an empty array of tables")
            }
            return last
        case .value(let value):
            let shown = path.joined(separator: ".")
            throw TOMLError(line: line, column: nil, message: Self.notExtendable(shown, value))
        }
    }

    /// `key = value` (the key may be dotted) into `table`.
    mutating func keyValue(into table: TableNode) throws(TOMLError) {
        let keyLine = line
        let path = try key()
        skipSpaces()
        guard current == 0x3D else { throw error("expected '=' after the key \(path.joined(separator: ".")), found \(found)") }
        position += 1
        skipSpaces()
        let valueStart = position
        let value = try self.value()
        lastKey = path
        lastValueRange = valueStart..<position
        var target = table
        for (k, name) in path.dropLast().enumerated() {
            let shown = path.prefix(k + 1).joined(separator: ".")
            switch target.children[name]?.child {
            case nil:
                let new = TableNode()
                new.madeByDottedKeys = true
                target.set(name, .table(new), line: keyLine)
                target = new
            case .table(let existing):
                guard !existing.definedByHeader else {
                    throw TOMLError(
                        line: keyLine, column: nil, message: "\(shown) is a table with a header; add keys under its header")
                }
                target = existing
            case .tableArray:
                throw TOMLError(
                    line: keyLine, column: nil, message: "\(shown) is an array of tables; dotted keys cannot add to it")
            case .value(let existing):
                throw TOMLError(line: keyLine, column: nil, message: Self.notExtendable(shown, existing))
            }
        }
        let name = path[path.count - 1]
        guard target.children[name] == nil else {
            throw TOMLError(line: keyLine, column: nil, message: "the key \(path.joined(separator: ".")) is defined twice")
        }
        target.set(name, .value(value), line: keyLine)
    }

    /// Why keys cannot be added under `key`, which holds `value`.
    static func notExtendable(_ key: String, _ value: TOMLValue) -> String {
        if case .table = value { return "\(key) is an inline table, which cannot be added to" }
        return "\(key) is \(value.kindDescription), not a table"
    }

    // MARK: Keys

    /// A key, dotted or not: its parts.
    mutating func key() throws(TOMLError) -> [String] {
        var parts = [try simpleKey()]
        while true {
            let before = position
            skipSpaces()
            guard current == 0x2E else {
                position = before
                return parts
            }
            position += 1
            skipSpaces()
            parts.append(try simpleKey())
        }
    }

    mutating func simpleKey() throws(TOMLError) -> String {
        switch current {
        case 0x22:
            if peek(1) == 0x22 && peek(2) == 0x22 { throw error("a key cannot be a multi-line string") }
            return try basicString()
        case 0x27:
            if peek(1) == 0x27 && peek(2) == 0x27 { throw error("a key cannot be a multi-line string") }
            return try literalString()
        default:
            let start = position
            while let byte = current, Self.isBareKeyByte(byte) { position += 1 }
            guard position > start else { throw error("expected a key, found \(found)") }
            return String(decoding: bytes[start..<position], as: UTF8.self)
        }
    }

    static func isBareKeyByte(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x5F
            || byte == 0x2D
    }

    // MARK: Values

    mutating func value() throws(TOMLError) -> TOMLValue {
        guard let byte = current else { throw error("expected a value, found the end of the file") }
        switch byte {
        case 0x22:
            if peek(1) == 0x22 && peek(2) == 0x22 { return .string(try multilineBasicString()) }
            return .string(try basicString())
        case 0x27:
            if peek(1) == 0x27 && peek(2) == 0x27 { return .string(try multilineLiteralString()) }
            return .string(try literalString())
        case 0x5B: return try nested { (p: inout Parser) throws(TOMLError) in try p.array() }
        case 0x7B: return try nested { (p: inout Parser) throws(TOMLError) in try p.inlineTable() }
        case 0x74 where matches("true"):
            position += 4
            return .boolean(true)
        case 0x66 where matches("false"):
            position += 5
            return .boolean(false)
        default:
            return try numberOrDateTime()
        }
    }

    func matches(_ word: String) -> Bool {
        let utf8 = Array(word.utf8)
        guard position + utf8.count <= bytes.count, Array(bytes[position..<position + utf8.count]) == utf8 else { return false }
        // The word must end there: `trueish` is not `true`.
        return (peek(utf8.count).map { !Self.isBareKeyByte($0) } ?? true)
    }

    /// Arrays and inline tables nest: not deeper than `TOML.maximumDepth`.
    mutating func nested(_ body: (inout Parser) throws(TOMLError) -> TOMLValue) throws(TOMLError) -> TOMLValue {
        guard depth < TOML.maximumDepth else { throw error("arrays and tables nested more than \(TOML.maximumDepth) deep") }
        depth += 1
        defer { depth -= 1 }
        return try body(&self)
    }

    mutating func array() throws(TOMLError) -> TOMLValue {
        let openingLine = line
        position += 1  // [
        var values: [TOMLValue] = []
        while true {
            try skipSpacesCommentsAndLines()
            if atEnd { throw TOMLError(line: openingLine, column: nil, message: "the array is not closed: expected ']'") }
            if current == 0x5D {
                position += 1
                return .array(values)
            }
            values.append(try value())
            try skipSpacesCommentsAndLines()
            if atEnd { throw TOMLError(line: openingLine, column: nil, message: "the array is not closed: expected ']'") }
            switch current {
            case 0x2C: position += 1
            case 0x5D:
                position += 1
                return .array(values)
            default: throw error("expected ',' or ']' in the array, found \(found)")
            }
        }
    }

    mutating func inlineTable() throws(TOMLError) -> TOMLValue {
        position += 1  // {
        let table = TableNode()
        skipSpaces()
        if current == 0x7D {
            position += 1
            return .table(table.value)
        }
        while true {
            skipSpaces()
            if current == 0x0A || current == 0x0D { throw error("an inline table stays on one line: expected a key") }
            try keyValue(into: table)
            skipSpaces()
            switch current {
            case 0x2C: position += 1
            case 0x7D:
                position += 1
                return .table(table.value)
            default: throw error("expected ',' or '}' in the inline table (which stays on one line), found \(found)")
            }
        }
    }

    // MARK: Strings

    /// `"…"` with escapes.
    mutating func basicString() throws(TOMLError) -> String {
        position += 1
        var out: [UInt8] = []
        while true {
            guard let byte = current else { throw error("the string is not closed: expected '\"'") }
            switch byte {
            case 0x22:
                position += 1
                return String(decoding: out, as: UTF8.self)
            case 0x5C:
                try escape(into: &out)
            case 0x0A, 0x0D:
                throw error("the string is not closed before the end of the line (use \"\"\" for more lines)")
            default:
                if Self.isControl(byte) && byte != 0x09 { throw error("a control character in a string (write it as an escape)") }
                out.append(byte)
                position += 1
            }
        }
    }

    /// `"""…"""`: escapes, line ends, and a backslash that joins lines.
    mutating func multilineBasicString() throws(TOMLError) -> String {
        let openingLine = line
        position += 3
        _ = try lineEnd()  // a line end right after the opening quotes is not part of the string
        var out: [UInt8] = []
        while true {
            guard let byte = current else {
                throw TOMLError(line: openingLine, column: nil, message: "the multi-line string is not closed: expected '\"\"\"'")
            }
            if byte == 0x22 && peek(1) == 0x22 && peek(2) == 0x22 {
                // Up to two more quotes belong to the string.
                var quotes = 3
                while quotes < 5 && peek(quotes) == 0x22 { quotes += 1 }
                out.append(contentsOf: [UInt8](repeating: 0x22, count: quotes - 3))
                position += quotes
                return String(decoding: out, as: UTF8.self)
            }
            if byte == 0x5C {
                // A backslash at the end of a line joins it to the next, dropping the spaces between.
                var look = position + 1
                while look < bytes.count && (bytes[look] == 0x20 || bytes[look] == 0x09) { look += 1 }
                if look < bytes.count && (bytes[look] == 0x0A || bytes[look] == 0x0D) {
                    position = look
                    while true {
                        skipSpaces()
                        if try !lineEnd() { break }
                    }
                    continue
                }
                try escape(into: &out)
                continue
            }
            if byte == 0x0A || byte == 0x0D {
                let start = position
                _ = try lineEnd()
                out.append(contentsOf: bytes[start..<position])
                continue
            }
            if Self.isControl(byte) && byte != 0x09 { throw error("a control character in a string (write it as an escape)") }
            out.append(byte)
            position += 1
        }
    }

    /// `'…'`: no escapes.
    mutating func literalString() throws(TOMLError) -> String {
        position += 1
        let start = position
        while true {
            guard let byte = current else { throw error("the string is not closed: expected \"'\"") }
            if byte == 0x27 {
                let text = String(decoding: bytes[start..<position], as: UTF8.self)
                position += 1
                return text
            }
            if byte == 0x0A || byte == 0x0D { throw error("the string is not closed before the end of the line") }
            if Self.isControl(byte) && byte != 0x09 { throw error("a control character in a string") }
            position += 1
        }
    }

    /// `'''…'''`: no escapes, line ends kept.
    mutating func multilineLiteralString() throws(TOMLError) -> String {
        let openingLine = line
        position += 3
        _ = try lineEnd()
        var out: [UInt8] = []
        while true {
            guard let byte = current else {
                throw TOMLError(line: openingLine, column: nil, message: "the multi-line string is not closed: expected \"'''\"")
            }
            if byte == 0x27 && peek(1) == 0x27 && peek(2) == 0x27 {
                var quotes = 3
                while quotes < 5 && peek(quotes) == 0x27 { quotes += 1 }
                out.append(contentsOf: [UInt8](repeating: 0x27, count: quotes - 3))
                position += quotes
                return String(decoding: out, as: UTF8.self)
            }
            if byte == 0x0A || byte == 0x0D {
                let start = position
                _ = try lineEnd()
                out.append(contentsOf: bytes[start..<position])
                continue
            }
            if Self.isControl(byte) && byte != 0x09 { throw error("a control character in a string") }
            out.append(byte)
            position += 1
        }
    }

    /// A backslash escape, appended as UTF-8.
    mutating func escape(into out: inout [UInt8]) throws(TOMLError) {
        position += 1
        guard let byte = current else { throw error("the string ends in the middle of an escape") }
        position += 1
        switch byte {
        case 0x62: out.append(0x08)
        case 0x74: out.append(0x09)
        case 0x6E: out.append(0x0A)
        case 0x66: out.append(0x0C)
        case 0x72: out.append(0x0D)
        case 0x22: out.append(0x22)
        case 0x5C: out.append(0x5C)
        case 0x75, 0x55:
            let count = byte == 0x75 ? 4 : 8
            var value: UInt32 = 0
            for _ in 0..<count {
                guard let digit = current.flatMap(Self.hexValue) else {
                    throw error("\\\(byte == 0x75 ? "u" : "U") needs \(count) hexadecimal digits")
                }
                value = value << 4 | UInt32(digit)
                position += 1
            }
            guard let scalar = Unicode.Scalar(value) else { throw error("\\u escape of a value that is not a character") }
            out.append(contentsOf: Array(String(scalar).utf8))
        default:
            position -= 1
            throw error("\\\(found) is not an escape TOML knows (\\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX)")
        }
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }

    // MARK: Numbers and dates

    mutating func numberOrDateTime() throws(TOMLError) -> TOMLValue {
        let start = position
        while let byte = current, Self.isBareKeyByte(byte) || byte == 0x2B || byte == 0x2E || byte == 0x3A { position += 1 }
        // A date and a time may be separated by one space.
        if position - start == 10, current == 0x20, let next = peek(1), (0x30...0x39).contains(next),
            peek(3) == 0x3A
        {
            position += 1
            while let byte = current, Self.isBareKeyByte(byte) || byte == 0x2B || byte == 0x2E || byte == 0x3A { position += 1 }
        }
        let token = String(decoding: bytes[start..<position], as: UTF8.self)
        guard !token.isEmpty else { throw error("expected a value, found \(found)") }
        if let value = Self.number(token) { return value }
        if Self.isDateTime(token) { return .dateTime(token) }
        position = start
        throw error("\(token.count > 40 ? String(token.prefix(40)) + "…" : token) is not a TOML value (strings are quoted)")
    }

    static func number(_ token: String) -> TOMLValue? {
        switch token {
        case "inf", "+inf": return .float(.infinity)
        case "-inf": return .float(-.infinity)
        case "nan", "+nan", "-nan": return .float(.nan)
        default: break
        }
        let chars = Array(token)
        var body = chars[...]
        var negative = false
        if body.first == "+" || body.first == "-" {
            negative = body.first == "-"
            body = body.dropFirst()
        }
        if body.count > 2, body.first == "0", let radixCharacter = body.dropFirst().first, "xob".contains(radixCharacter) {
            // 0x, 0o, 0b: no sign allowed.
            guard chars.first != "+" && chars.first != "-" else { return nil }
            let radix = radixCharacter == "x" ? 16 : radixCharacter == "o" ? 8 : 2
            guard let digits = digits(body.dropFirst(2), radix: radix) else { return nil }
            return Int64(digits, radix: radix).map(TOMLValue.integer)
        }
        // Decimal integer or float: no leading zero before more digits.
        let integerPart = body.prefix { $0 != "." && $0 != "e" && $0 != "E" }
        guard let integerDigits = digits(integerPart, radix: 10) else { return nil }
        if integerDigits.count > 1 && integerDigits.first == "0" { return nil }
        let rest = body.dropFirst(integerPart.count)
        if rest.isEmpty {
            return Int64((negative ? "-" : "") + integerDigits).map(TOMLValue.integer)
        }
        var text = (negative ? "-" : "") + integerDigits
        var tail = rest
        if tail.first == "." {
            let fraction = tail.dropFirst().prefix { $0 != "e" && $0 != "E" }
            guard let fractionDigits = digits(fraction, radix: 10) else { return nil }
            text += "." + fractionDigits
            tail = tail.dropFirst(1 + fraction.count)
        }
        if let e = tail.first {
            guard e == "e" || e == "E" else { return nil }
            var exponent = tail.dropFirst()
            var sign = ""
            if exponent.first == "+" || exponent.first == "-" {
                sign = String(exponent.first!)
                exponent = exponent.dropFirst()
            }
            guard let exponentDigits = digits(exponent, radix: 10) else { return nil }
            text += "e" + sign + exponentDigits
        }
        return Double(text).map(TOMLValue.float)
    }

    /// The digits with their underscores taken out, if every underscore is
    /// between two digits and there is at least one digit.
    static func digits(_ characters: ArraySlice<Character>, radix: Int) -> String? {
        guard let first = characters.first, let last = characters.last, first != "_", last != "_" else { return nil }
        var out = ""
        var previousWasUnderscore = false
        for character in characters {
            if character == "_" {
                if previousWasUnderscore { return nil }
                previousWasUnderscore = true
                continue
            }
            guard character.isASCII, let digit = character.hexDigitValue, digit < radix else { return nil }
            previousWasUnderscore = false
            out.append(character)
        }
        return out
    }

    /// An offset or local date-time (`1979-05-27T07:32:00Z`), a local date
    /// (`1979-05-27`) or a local time (`07:32:00.999`), checked field by field.
    static func isDateTime(_ token: String) -> Bool {
        let chars = Array(token)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= chars.count else { return nil }
            let part = chars[range]
            guard part.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int(String(part))
        }
        func time(from start: Int) -> Int? {  // returns where the time ends
            guard let hour = number(start..<start + 2), hour < 24, chars.count > start + 2, chars[start + 2] == ":",
                let minute = number(start + 3..<start + 5), minute < 60, chars.count > start + 5, chars[start + 5] == ":",
                let second = number(start + 6..<start + 8), second <= 60
            else { return nil }
            var end = start + 8
            if end < chars.count && chars[end] == "." {
                let digitsStart = end + 1
                end = digitsStart
                while end < chars.count && chars[end].isASCII && chars[end].isNumber { end += 1 }
                guard end > digitsStart else { return nil }
            }
            return end
        }
        if let end = time(from: 0) { return end == chars.count }
        guard let year = number(0..<4), chars.count >= 10, chars[4] == "-", let month = number(5..<7), chars[7] == "-",
            let day = number(8..<10), (1...12).contains(month), day >= 1
        else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard day <= days else { return false }
        if chars.count == 10 { return true }
        guard "Tt ".contains(chars[10]), var end = time(from: 11) else { return false }
        if end == chars.count { return true }
        if chars[end] == "Z" || chars[end] == "z" { return end + 1 == chars.count }
        guard chars[end] == "+" || chars[end] == "-", let offsetHour = number(end + 1..<end + 3), offsetHour < 24,
            chars.count > end + 3, chars[end + 3] == ":", let offsetMinute = number(end + 4..<end + 6), offsetMinute < 60
        else { return false }
        end += 6
        return end == chars.count
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
