/// Reads JSON by pulling the values a reader asks for and skipping the rest
/// without building them: a transcript's `words` arrays, tokens and log
/// probabilities cost a pass over their bytes, not a tree of objects (with
/// Foundation's parser, a 200 MB openai-whisper file took 3.3 GB).
///
/// Bytes are read with bounds-checked access only; skipping nests without
/// recursion, so no input can crash it or exhaust the stack.
struct JSONScanner {
    enum Kind { case object, array, string, number, boolean, null }

    struct Failure: Error {
        var message: String
        var offset: Int
    }

    private let bytes: [UInt8]
    private(set) var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The 1-based line of a byte offset, for messages.
    func line(of offset: Int) -> Int { 1 + bytes[..<min(offset, bytes.count)].lazy.filter { $0 == 0x0A }.count }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private func fail(_ message: String) -> Failure { Failure(message: message, offset: position) }

    private var found: String {
        guard let byte = current else { return "the end of the file" }
        return (0x21...0x7E).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
    }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
    }

    /// What the next value is.
    mutating func kind() throws(Failure) -> Kind {
        skipWhitespace()
        guard let byte = current else { throw fail("expected a value, found the end of the file") }
        switch byte {
        case 0x7B: return .object
        case 0x5B: return .array
        case 0x22: return .string
        case 0x74, 0x66: return .boolean
        case 0x6E: return .null
        case 0x2D, 0x30...0x39: return .number
        default: throw fail("expected a value, found \(found)")
        }
    }

    /// After the document: nothing but whitespace.
    mutating func end() throws(Failure) {
        skipWhitespace()
        if current != nil { throw fail("unexpected \(found) after the JSON value") }
    }

    // MARK: Objects and arrays

    /// Calls `body` with each key of the object here; `body` must read or
    /// skip the key's value.
    mutating func members(_ body: (inout JSONScanner, String) throws(Failure) -> Void) throws(Failure) {
        skipWhitespace()
        guard current == 0x7B else { throw fail("expected an object, found \(found)") }
        position += 1
        skipWhitespace()
        if current == 0x7D {
            position += 1
            return
        }
        while true {
            skipWhitespace()
            guard current == 0x22 else { throw fail("expected a key in quotes, found \(found)") }
            let key = try string()
            skipWhitespace()
            guard current == 0x3A else { throw fail("expected ':' after a key, found \(found)") }
            position += 1
            try body(&self, key)
            skipWhitespace()
            switch current {
            case 0x2C: position += 1
            case 0x7D:
                position += 1
                return
            default: throw fail("expected ',' or '}' in an object, found \(found)")
            }
        }
    }

    /// Calls `body` with the index of each element of the array here;
    /// `body` must read or skip the element.
    mutating func elements(_ body: (inout JSONScanner, Int) throws(Failure) -> Void) throws(Failure) {
        skipWhitespace()
        guard current == 0x5B else { throw fail("expected an array, found \(found)") }
        position += 1
        skipWhitespace()
        if current == 0x5D {
            position += 1
            return
        }
        var index = 0
        while true {
            try body(&self, index)
            index += 1
            skipWhitespace()
            switch current {
            case 0x2C: position += 1
            case 0x5D:
                position += 1
                return
            default: throw fail("expected ',' or ']' in an array, found \(found)")
            }
        }
    }

    /// Steps over the value here, however deep, checking its syntax.
    mutating func skip() throws(Failure) {
        // Nesting is a stack of closers, not recursion.
        var closers: [UInt8] = []
        var expectingValue = true
        while true {
            skipWhitespace()
            if expectingValue {
                switch try kind() {
                case .object:
                    position += 1
                    skipWhitespace()
                    if current == 0x7D {
                        position += 1
                    } else {
                        closers.append(0x7D)
                        try keyAndColon()
                        continue
                    }
                case .array:
                    position += 1
                    skipWhitespace()
                    if current == 0x5D {
                        position += 1
                    } else {
                        closers.append(0x5D)
                        continue
                    }
                case .string: _ = try string()
                case .number: _ = try number()
                case .boolean, .null: try literal()
                }
            }
            guard let closer = closers.last else { return }
            skipWhitespace()
            if current == 0x2C {
                position += 1
                if closer == 0x7D { try keyAndColon() }
                expectingValue = true
            } else if current == closer {
                position += 1
                closers.removeLast()
                expectingValue = false
            } else {
                throw fail("expected ',' or '\(Character(Unicode.Scalar(closer)))', found \(found)")
            }
        }
    }

    private mutating func keyAndColon() throws(Failure) {
        skipWhitespace()
        guard current == 0x22 else { throw fail("expected a key in quotes, found \(found)") }
        _ = try string()
        skipWhitespace()
        guard current == 0x3A else { throw fail("expected ':' after a key, found \(found)") }
        position += 1
    }

    // MARK: Scalars

    /// A scalar value here as what readers care about; objects and arrays are skipped.
    enum Scalar: Equatable {
        case string(String)
        case number(Double)
        case boolean(Bool)
        case other
    }

    mutating func scalar() throws(Failure) -> Scalar {
        switch try kind() {
        case .string: return .string(try string())
        case .number: return .number(try number())
        case .boolean:
            let isTrue = current == 0x74
            try literal()
            return .boolean(isTrue)
        case .null:
            try literal()
            return .other
        case .object, .array:
            try skip()
            return .other
        }
    }

    private mutating func literal() throws(Failure) {
        for word in ["true", "false", "null"] {
            let utf8 = Array(word.utf8)
            if position + utf8.count <= bytes.count && Array(bytes[position..<position + utf8.count]) == utf8 {
                position += utf8.count
                return
            }
        }
        throw fail("expected true, false or null, found \(found)")
    }

    mutating func number() throws(Failure) -> Double {
        skipWhitespace()
        let start = position
        if current == 0x2D { position += 1 }
        func digits() -> Int {
            let from = position
            while let byte = current, (0x30...0x39).contains(byte) { position += 1 }
            return position - from
        }
        let integerStart = position
        let integerDigits = digits()
        guard integerDigits > 0, !(integerDigits > 1 && bytes[integerStart] == 0x30) else { throw fail("a malformed number") }
        if current == 0x2E {
            position += 1
            guard digits() > 0 else { throw fail("a malformed number") }
        }
        if current == 0x65 || current == 0x45 {
            position += 1
            if current == 0x2B || current == 0x2D { position += 1 }
            guard digits() > 0 else { throw fail("a malformed number") }
        }
        guard let value = Double(String(decoding: bytes[start..<position], as: UTF8.self)) else {
            throw fail("a malformed number")
        }
        return value
    }

    /// A string, its escapes decoded (a lone surrogate becomes U+FFFD).
    mutating func string() throws(Failure) -> String {
        skipWhitespace()
        guard current == 0x22 else { throw fail("expected a string, found \(found)") }
        position += 1
        let start = position
        // The common case: no escapes, one copy.
        while let byte = current, byte != 0x22, byte != 0x5C, byte >= 0x20 { position += 1 }
        if current == 0x22 {
            let text = String(decoding: bytes[start..<position], as: UTF8.self)
            position += 1
            return text
        }
        var out = Array(bytes[start..<position])
        while true {
            guard let byte = current else { throw fail("a string is not closed") }
            switch byte {
            case 0x22:
                position += 1
                return String(decoding: out, as: UTF8.self)
            case 0x5C:
                position += 1
                guard let escape = current else { throw fail("a string is not closed") }
                position += 1
                switch escape {
                case 0x22, 0x5C, 0x2F: out.append(escape)
                case 0x62: out.append(0x08)
                case 0x66: out.append(0x0C)
                case 0x6E: out.append(0x0A)
                case 0x72: out.append(0x0D)
                case 0x74: out.append(0x09)
                case 0x75:
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar), current == 0x5C, position + 1 < bytes.count,
                        bytes[position + 1] == 0x75
                    {
                        let save = position
                        position += 2
                        let low = try hex4()
                        if (0xDC00...0xDFFF).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            position = save
                        }
                    }
                    out.append(contentsOf: Array(String(Unicode.Scalar(scalar) ?? "\u{FFFD}").utf8))
                default:
                    position -= 1
                    throw fail("\\\(found) is not a JSON escape")
                }
            default:
                guard byte >= 0x20 else { throw fail("a control character inside a string") }
                out.append(byte)
                position += 1
            }
        }
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current else { throw fail("\\u needs four hexadecimal digits") }
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x41...0x46: digit = byte - 0x41 + 10
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: throw fail("\\u needs four hexadecimal digits")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }
}
