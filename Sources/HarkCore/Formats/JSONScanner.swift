import Glibc

/// Reads JSON by pulling the values a reader asks for and skipping the rest
/// without building them: a transcript's `words` arrays, tokens and log
/// probabilities cost a pass over their bytes, not a tree of objects (with
/// Foundation's parser, a 200 MB openai-whisper file took 3.3 GB).
///
/// The bytes stream through a window of `windowSize` refilled from the
/// source, so a file of any size is read in the same small memory; nothing
/// the scanner hands out points into the window. Every byte is read after a
/// bounds check; skipping nests without recursion, so no input can crash it
/// or exhaust the stack.
struct JSONScanner {
    enum Kind { case object, array, string, number, boolean, null }

    struct Failure: Error {
        var message: String
        var line: Int
    }

    /// Fills the buffer with the next bytes; returns how many (0 at the end).
    typealias Source = (UnsafeMutableRawBufferPointer) throws -> Int

    static let windowSize = 1 << 20

    private let windowSize: Int
    private let storage: WindowStorage
    private let source: Source
    private var window: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var position = 0
    /// How many bytes of the source came before the window.
    private var windowStart = 0
    private var atEnd = false
    /// Line counting: the line at `lineCursor` in the window.
    private var lineCursor = 0
    private var lineAtCursor = 1

    /// `windowSize`: tests make it tiny, to cross window edges everywhere.
    init(windowSize: Int = Self.windowSize, source: @escaping Source) {
        self.windowSize = max(1, windowSize)
        storage = WindowStorage(capacity: self.windowSize)
        window = storage.base
        self.source = source
    }

    /// Over bytes already in memory (tests, small documents).
    init(_ bytes: [UInt8], windowSize: Int = Self.windowSize) {
        var offset = 0
        self.init(windowSize: windowSize) { buffer in
            let n = min(buffer.count, bytes.count - offset)
            bytes.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[offset..<offset + n])) }
            offset += n
            return n
        }
    }

    /// The 1-based line the scanner is on. Asked in order, it costs one pass
    /// over the bytes in all.
    mutating func line() -> Int {
        lineAtCursor += Self.newlines(window + lineCursor, position - lineCursor)
        lineCursor = position
        return lineAtCursor
    }

    private static func newlines(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int {
        var lines = 0
        var k = 0
        while k < n, let hit = memchr(p + k, 0x0A, n - k) {
            lines += 1
            k = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - p + 1
        }
        return lines
    }

    /// How many bytes of the source come before the scanner's place.
    var offset: Int { windowStart + position }

    /// Goes on from `offset` of the source, with `newlines` line ends
    /// between here and there; the source must hand out the bytes from
    /// `offset` on from now (a reader that had another read the bytes
    /// between, see `JSONTranscriptReader`).
    mutating func jump(to offset: Int, newlines: Int) {
        _ = line()
        lineAtCursor += newlines
        windowStart = offset
        count = 0
        position = 0
        lineCursor = 0
        atEnd = false
    }

    // MARK: Bytes

    /// The byte here, reading more when the window is used up; nil at the end.
    private var current: UInt8? {
        @inline(__always) mutating get { position < count ? window[position] : currentAfterRefill() }
    }

    @inline(never)
    private mutating func currentAfterRefill() -> UInt8? {
        guard refill() else { return nil }
        return window[position]
    }

    /// Replaces the used-up window with the next bytes of the source.
    private mutating func refill() -> Bool {
        guard !atEnd else { return false }
        _ = line()
        let n: Int
        do {
            n = try source(UnsafeMutableRawBufferPointer(start: window, count: windowSize))
        } catch {
            n = 0
            readError = error
        }
        windowStart += count
        count = n
        position = 0
        lineCursor = 0
        if n == 0 { atEnd = true }
        return n > 0
    }

    /// A read error from the source, reported where the scanner stopped.
    private var readError: Error?

    private mutating func fail(_ message: String) -> Failure {
        if let readError { return Failure(message: "could not read the file: \(readError)", line: line()) }
        return Failure(message: message, line: line())
    }

    private mutating func found() -> String {
        guard let byte = current else { return "the end of the file" }
        return (0x21...0x7E).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
    }

    @inline(__always)
    private mutating func skipWhitespace() {
        while true {
            while position < count {
                let byte = window[position]
                guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
                position += 1
            }
            guard refill() else { return }
        }
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
        default: throw fail("expected a value, found \(found())")
        }
    }

    /// After the document: nothing but whitespace.
    mutating func end() throws(Failure) {
        skipWhitespace()
        if current != nil { throw fail("unexpected \(found()) after the JSON value") }
    }

    // MARK: Objects and arrays

    /// A key of an object, held in the scanner's value: its length and its
    /// first `capacity` bytes, three words. A longer key is no key a reader
    /// asks for (each is shorter), so it is told apart only from those.
    struct Key: CustomStringConvertible {
        static let capacity = 24
        private var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
        private(set) var length = 0

        init(_ utf8: [UInt8]) { self = utf8.withUnsafeBufferPointer { Key($0) } }

        init(_ utf8: UnsafeBufferPointer<UInt8>) {
            length = utf8.count
            withUnsafeMutableBytes(of: &words) {
                $0.copyMemory(from: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: utf8.prefix(Self.capacity))))
            }
        }

        /// The `length` bytes at `p`, which may be read `capacity` bytes on
        /// (the window has room after its end): loaded as words, not copied
        /// byte by byte (a copy then read as words waits for the copy).
        @inline(__always)
        fileprivate init(padded p: UnsafePointer<UInt8>, length: Int) {
            self.length = length
            let raw = UnsafeRawPointer(p)
            @inline(__always) func word(_ k: Int) -> UInt64 {
                let kept = min(max(length - 8 * k, 0), 8)
                let mask: UInt64 = kept == 8 ? ~0 : (1 << (8 * UInt64(kept))) &- 1
                return raw.loadUnaligned(fromByteOffset: 8 * k, as: UInt64.self) & mask
            }
            words = (word(0), word(1), word(2))
        }

        private func byte(_ k: Int) -> UInt8 {
            let word = k < 8 ? words.0 : k < 16 ? words.1 : words.2
            return UInt8(truncatingIfNeeded: word >> (8 * UInt64(k % 8)))
        }

        /// Inlined, so that a name's words are worked out as the program is compiled.
        @inline(__always)
        static func == (key: Key, name: StaticString) -> Bool {
            let n = name.utf8CodeUnitCount
            guard key.length == n, n <= capacity else { return false }
            var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
            let p = name.utf8Start
            for k in 0..<n {
                let byte = UInt64(p[k]) << (8 * UInt64(k % 8))
                switch k / 8 {
                case 0: words.0 |= byte
                case 1: words.1 |= byte
                default: words.2 |= byte
                }
            }
            return key.words == words
        }

        var description: String {
            let bytes = (0..<min(length, Self.capacity)).map(byte)
            return String(decoding: bytes, as: UTF8.self) + (length > Self.capacity ? "…" : "")
        }
    }

    /// Calls `body` with each key of the object here; `body` must read or
    /// skip the key's value.
    mutating func members(_ body: (inout JSONScanner, Key) throws(Failure) -> Void) throws(Failure) {
        skipWhitespace()
        guard current == 0x7B else { throw fail("expected an object, found \(found())") }
        position += 1
        skipWhitespace()
        if current == 0x7D {
            position += 1
            return
        }
        var keyBytes: [UInt8] = []
        while true {
            skipWhitespace()
            guard current == 0x22 else { throw fail("expected a key in quotes, found \(found())") }
            let key: Key
            if let plain = plainStringEnd() {
                // The usual key: no escape, all in the window.
                key = Key(padded: window + position + 1, length: plain - position - 1)
                position = plain + 1
            } else {
                keyBytes.removeAll(keepingCapacity: true)
                try string(into: &keyBytes)
                key = Key(keyBytes)
            }
            skipWhitespace()
            guard current == 0x3A else { throw fail("expected ':' after a key, found \(found())") }
            position += 1
            try body(&self, key)
            skipWhitespace()
            switch current {
            case 0x2C: position += 1
            case 0x7D:
                position += 1
                return
            default: throw fail("expected ',' or '}' in an object, found \(found())")
            }
        }
    }

    /// Calls `body` with the index of each element of the array here;
    /// `body` must read or skip the element (or leave the scanner at the
    /// array's end).
    mutating func elements(_ body: (inout JSONScanner, Int) throws(Failure) -> Void) throws(Failure) {
        skipWhitespace()
        guard current == 0x5B else { throw fail("expected an array, found \(found())") }
        position += 1
        skipWhitespace()
        if current == 0x5D {
            position += 1
            return
        }
        try elementsFromHere(body)
    }

    /// As `elements(_:)`, from an element of an array (not its opening
    /// bracket) on; indexes count from there.
    mutating func elementsFromHere(_ body: (inout JSONScanner, Int) throws(Failure) -> Void) throws(Failure) {
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
            default: throw fail("expected ',' or ']' in an array, found \(found())")
            }
        }
    }

    /// Steps over the value here, however deep, checking its syntax.
    mutating func skip() throws(Failure) {
        skipWhitespace()
        // Most values skipped are a number, a string or an item's tokens (numbers in an array).
        switch current ?? 0 {
        case 0x2D, 0x30...0x39: try skipNumber()
        case 0x22: try skipString()
        case 0x5B where skipNumbersInWindow(): return
        default: try skipAnyValue()
        }
    }

    /// Steps over the array here if it holds only numbers and ends in the
    /// window (its syntax checked as `skipAnyValue` checks it); false,
    /// having moved nowhere, for anything else, errors included.
    private mutating func skipNumbersInWindow() -> Bool {
        let end = count
        let p = window
        var k = position + 1
        @inline(__always) func whitespace() {
            while k < end, p[k] == 0x20 || p[k] == 0x0A || p[k] == 0x0D || p[k] == 0x09 { k += 1 }
        }
        @inline(__always) func digits() -> Int {
            let from = k
            while k < end, p[k] &- 0x30 < 10 { k += 1 }
            return k - from
        }
        whitespace()
        if k < end && p[k] == 0x5D {
            position = k + 1
            return true
        }
        while true {
            if k < end && p[k] == 0x2D { k += 1 }
            let integerStart = k
            let integerDigits = digits()
            guard integerDigits > 0, integerDigits == 1 || p[integerStart] != 0x30 else { return false }
            if k < end && p[k] == 0x2E {
                k += 1
                guard digits() > 0 else { return false }
            }
            if k < end && p[k] | 0x20 == 0x65 {
                k += 1
                if k < end && (p[k] == 0x2B || p[k] == 0x2D) { k += 1 }
                guard digits() > 0 else { return false }
            }
            whitespace()
            guard k < end else { return false }
            switch p[k] {
            case 0x2C:
                k += 1
                whitespace()
            case 0x5D:
                position = k + 1
                return true
            default: return false
            }
        }
    }

    private mutating func skipAnyValue() throws(Failure) {
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
                case .string: try skipString()
                case .number: try skipNumber()
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
                throw fail("expected ',' or '\(Character(Unicode.Scalar(closer)))', found \(found())")
            }
        }
    }

    private mutating func keyAndColon() throws(Failure) {
        skipWhitespace()
        guard current == 0x22 else { throw fail("expected a key in quotes, found \(found())") }
        try skipString()
        skipWhitespace()
        guard current == 0x3A else { throw fail("expected ':' after a key, found \(found())") }
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
        let word: StaticString
        switch current {
        case 0x74: word = "true"
        case 0x66: word = "false"
        default: word = "null"
        }
        for k in 0..<word.utf8CodeUnitCount {
            guard current == word.utf8Start[k] else { throw fail("expected true, false or null, found \(found())") }
            position += 1
        }
    }

    /// A number, as the double nearest to it.
    mutating func number() throws(Failure) -> Double {
        skipWhitespace()
        if let end = try numberEndInWindow() {
            defer { position = end }
            return Self.parseDouble(UnsafeBufferPointer(start: window + position, count: end - position))
        }
        var text: [UInt8] = []
        try numberBytes { text.append($0) }
        return text.withUnsafeBufferPointer { Self.parseDouble($0) }
    }

    private mutating func skipNumber() throws(Failure) {
        if let end = try numberEndInWindow() {
            position = end
        } else {
            try numberBytes { _ in }
        }
    }

    /// Where the number here ends, when it ends inside the window (checked
    /// as `numberBytes` checks it); nil when it runs to the window's end.
    @inline(__always)
    private mutating func numberEndInWindow() throws(Failure) -> Int? {
        var k = position
        @inline(__always) func digits() -> Int {
            let from = k
            while k < count, ByteClass.isDigit(window[k]) { k += 1 }
            return k - from
        }
        if k < count && window[k] == 0x2D { k += 1 }
        let integerStart = k
        let integerDigits = digits()
        if k < count && window[k] == 0x2E {
            k += 1
            if digits() == 0 && k < count { throw fail("a malformed number") }
        }
        if k < count && (window[k] == 0x65 || window[k] == 0x45) {
            k += 1
            if k < count && (window[k] == 0x2B || window[k] == 0x2D) { k += 1 }
            if digits() == 0 && k < count { throw fail("a malformed number") }
        }
        guard k < count else { return nil }
        if integerDigits == 0 || (integerDigits > 1 && window[integerStart] == 0x30) { throw fail("a malformed number") }
        return k
    }

    /// Checks the grammar of the number here and hands over its bytes.
    private mutating func numberBytes(_ take: (UInt8) -> Void) throws(Failure) {
        skipWhitespace()
        if current == 0x2D {
            take(0x2D)
            position += 1
        }
        var integerDigits = 0
        var leadingZero = false
        while let byte = current, ByteClass.isDigit(byte) {
            if integerDigits == 0 && byte == 0x30 { leadingZero = true }
            integerDigits += 1
            take(byte)
            position += 1
        }
        guard integerDigits > 0, !(integerDigits > 1 && leadingZero) else { throw fail("a malformed number") }
        if current == 0x2E {
            take(0x2E)
            position += 1
            var digits = 0
            while let byte = current, ByteClass.isDigit(byte) {
                digits += 1
                take(byte)
                position += 1
            }
            guard digits > 0 else { throw fail("a malformed number") }
        }
        if let e = current, e == 0x65 || e == 0x45 {
            take(e)
            position += 1
            if let sign = current, sign == 0x2B || sign == 0x2D {
                take(sign)
                position += 1
            }
            var digits = 0
            while let byte = current, ByteClass.isDigit(byte) {
                digits += 1
                take(byte)
                position += 1
            }
            guard digits > 0 else { throw fail("a malformed number") }
        }
    }

    /// The double nearest to a JSON number's text: exact, without a string,
    /// for the usual `-12.345` of up to 15 digits; the C library for the rest.
    static func parseDouble(_ text: UnsafeBufferPointer<UInt8>) -> Double {
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var negative = false
        var simple = true
        var afterPoint = false
        for byte in text {
            switch byte {
            case 0x2D: negative = true
            case 0x2E: afterPoint = true
            case 0x30...0x39:
                if mantissa == 0 && byte == 0x30 && !afterPoint { continue }
                mantissa = mantissa &* 10 &+ UInt64(byte - 0x30)
                digits += 1
                if afterPoint { fractionDigits += 1 }
            default: simple = false
            }
        }
        // Below 2^53 the mantissa is exact, and so is a power of ten up to
        // 10^22: one correctly rounded division.
        if simple && digits <= 15 && fractionDigits <= 22 {
            let value = Double(mantissa) / Self.powersOfTen[fractionDigits]
            return negative ? -value : value
        }
        var terminated = Array(text)
        terminated.append(0)
        return terminated.withUnsafeBufferPointer {
            strtod(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), nil)
        }
    }

    private static let powersOfTen: [Double] = (0...22).map { pow(10, Double($0)) }

    /// With a string starting here: the index of its closing quote when
    /// the string has no escape and no control byte and ends in the window.
    @inline(__always)
    private func plainStringEnd() -> Int? {
        var k = position + 1
        while k < count {
            let byte = window[k]
            if byte == 0x22 { return k }
            if byte == 0x5C || byte < 0x20 { return nil }
            k += 1
        }
        return nil
    }

    // MARK: Strings

    /// A string, its escapes decoded (a lone surrogate becomes U+FFFD).
    mutating func string() throws(Failure) -> String {
        var out: [UInt8] = []
        try string(into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the string here to `out` as UTF-8, escapes decoded. Bytes
    /// that are not valid UTF-8 are passed on as they are, for the
    /// transcript's cleaner to replace and report.
    mutating func string(into out: inout [UInt8]) throws(Failure) {
        skipWhitespace()
        guard current == 0x22 else { throw fail("expected a string, found \(found())") }
        try scanString(into: &out, keeping: true)
    }

    /// Steps over the string here, checking its escapes.
    private mutating func skipString() throws(Failure) {
        var escapes: [UInt8] = []  // what escapes decode to, thrown away
        try scanString(into: &escapes, keeping: false)
    }

    /// From the opening quote to past the closing one; the text goes to
    /// `out` when `keeping` (decoded escapes always do).
    private mutating func scanString(into out: inout [UInt8], keeping: Bool) throws(Failure) {
        position += 1
        while true {
            // The run up to the next quote, backslash or control byte, at once.
            let start = position
            while position < count {
                let byte = window[position]
                if byte == 0x22 || byte == 0x5C || byte < 0x20 { break }
                position += 1
            }
            if keeping && position > start {
                out.append(contentsOf: UnsafeBufferPointer(start: window + start, count: position - start))
            }
            guard let byte = current else { throw fail("a string is not closed") }
            switch byte {
            case 0x22:
                position += 1
                return
            case 0x5C:
                position += 1
                try escape(into: &out)
            case 0x00..<0x20:
                throw fail("a control character inside a string")
            default:
                continue  // the window was refilled
            }
        }
    }

    /// The escape after a backslash.
    private mutating func escape(into out: inout [UInt8]) throws(Failure) {
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
            if (0xD800...0xDBFF).contains(scalar), current == 0x5C {
                position += 1
                guard current == 0x75 else {
                    // Another escape follows the lone high surrogate.
                    out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                    try self.escape(into: &out)
                    return
                }
                position += 1
                let low = try hex4()
                if (0xDC00...0xDFFF).contains(low) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                    scalar = low
                }
            }
            out.append(contentsOf: UTF8.encode(Unicode.Scalar(scalar) ?? "\u{FFFD}")!)
        default:
            position -= 1
            throw fail("\\\(found()) is not a JSON escape")
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

/// The scanner's window, freed with the last copy of the scanner.
private final class WindowStorage {
    let base: UnsafeMutablePointer<UInt8>

    /// Room for `capacity` bytes and a key's words read past them (see `JSONScanner.Key`).
    init(capacity: Int) {
        base = .allocate(capacity: capacity + JSONScanner.Key.capacity)
        (base + capacity).initialize(repeating: 0, count: JSONScanner.Key.capacity)
    }

    deinit { base.deallocate() }
}
