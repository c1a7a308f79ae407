import Glibc

/// HTML character references decoded as HTML decodes them in text content
/// (WHATWG HTML, "character reference state"; not the rules for attributes):
///
/// - named references from the whole table (`HTMLEntityTable.swift`, made by
///   `Scripts/generate-html-entities.py`), case-sensitive; some give two code
///   points;
/// - the longest name in the table that the text starts with wins, so the
///   legacy names HTML reads without `;` (`&amp`, `&lt`, `&not`, …) decode
///   bare, and `&notit;` is `¬it;` while `&notin;` is `∉`;
/// - `&#…;` and `&#x…;` with the `;` optional: 0, surrogates and anything
///   past U+10FFFF become U+FFFD, and 128–159 are read as Windows-1252
///   (`&#128;` is `€`);
/// - an `&` that starts no reference stays as it is.
///
/// Bytes that are not ASCII pass through untouched, valid UTF-8 or not.
enum HTMLCharacterReferences {
    /// Appends `text` to `output`, character references decoded as HTML decodes them in text content.
    static func decode(_ text: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        guard let base = text.baseAddress else { return }
        let n = text.count
        var copied = 0
        var searchFrom = 0
        while searchFrom < n, let hit = memchr(base + searchFrom, 0x26 /* & */, n - searchFrom) {
            let ampersand = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
            let afterAmpersand = ampersand + 1
            output.append(contentsOf: UnsafeBufferPointer(rebasing: text[copied..<ampersand]))
            if let used = decodeReference(text, from: afterAmpersand, into: &output) {
                copied = afterAmpersand + used
            } else {
                output.append(0x26)
                copied = afterAmpersand
            }
            searchFrom = copied
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: text[copied..<n]))
    }

    /// `text` with its character references decoded: the same string when it has no `&`.
    static func decode(_ text: String) -> String {
        var text = text
        let decoded: [UInt8]? = text.withUTF8 { bytes in
            guard let base = bytes.baseAddress, memchr(base, 0x26, bytes.count) != nil else { return nil }
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count)
            decode(bytes, into: &output)
            return output
        }
        return decoded.map { String(decoding: $0, as: UTF8.self) } ?? text
    }

    /// Decodes the reference whose `&` is just before `start`, appending what
    /// it stands for; returns how many bytes after the `&` it used, or nil
    /// when the `&` starts no reference.
    private static func decodeReference(
        _ text: UnsafeBufferPointer<UInt8>, from start: Int, into output: inout [UInt8]
    ) -> Int? {
        guard start < text.count else { return nil }
        if text[start] == 0x23 /* # */ { return decodeNumeric(text, from: start + 1, into: &output).map { $0 + 1 } }
        // Names are letters and digits, with or without a final `;`: the
        // longest match is the whole run with its `;`, or a bare legacy name
        // that the run starts with.
        var end = start
        while end < text.count, end - start < longestName, isAlphanumeric(text[end]) { end += 1 }
        guard end > start else { return nil }
        let table = NamedTable.shared
        if end < text.count, text[end] == 0x3B /* ; */,
            let value = table.value(of: UnsafeBufferPointer(rebasing: text[start...end]))
        {
            output.append(contentsOf: value)
            return end + 1 - start
        }
        var length = min(end - start, longestBareName)
        while length >= shortestBareName {
            if let value = table.value(of: UnsafeBufferPointer(rebasing: text[start..<(start + length)])) {
                output.append(contentsOf: value)
                return length
            }
            length -= 1
        }
        return nil
    }

    /// A numeric reference after its `#`: decimal digits, or `x`/`X` and hex
    /// digits, then an optional `;`. Returns the bytes used, or nil with no digit.
    private static func decodeNumeric(
        _ text: UnsafeBufferPointer<UInt8>, from start: Int, into output: inout [UInt8]
    ) -> Int? {
        var i = start
        let hex = i < text.count && (text[i] == 0x78 || text[i] == 0x58)
        if hex { i += 1 }
        let radix: UInt32 = hex ? 16 : 10
        let digitsStart = i
        var value: UInt32 = 0
        while i < text.count, let digit = digitValue(text[i], hex: hex) {
            // Past U+10FFFF the value only needs to stay past it.
            value = min(value * radix + digit, 0x11_0000)
            i += 1
        }
        guard i > digitsStart else { return nil }
        if i < text.count && text[i] == 0x3B { i += 1 }
        output.append(contentsOf: UTF8.encode(scalar(forNumericReference: value))!)
        return i - start
    }

    /// What `&#value;` stands for.
    static func scalar(forNumericReference value: UInt32) -> Unicode.Scalar {
        switch value {
        case 0, 0xD800...0xDFFF, 0x11_0000...: "\u{FFFD}"
        case 0x80...0x9F: Unicode.Scalar(Windows1252.highControlRange[Int(value - 0x80)])!
        default: Unicode.Scalar(value)!
        }
    }

    @inline(__always)
    private static func isAlphanumeric(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A)
    }

    @inline(__always)
    private static func digitValue(_ b: UInt8, hex: Bool) -> UInt32? {
        if b >= 0x30 && b <= 0x39 { return UInt32(b - 0x30) }
        guard hex else { return nil }
        let lower = b | 0x20
        return lower >= 0x61 && lower <= 0x66 ? UInt32(lower - 0x61 + 10) : nil
    }

    /// The named references, parsed once from `namedSource` at first use:
    /// names sorted bytewise for binary search, each with its UTF-8.
    struct NamedTable: Sendable {
        static let shared = NamedTable(source: namedSource)

        /// All names end to end; name `k` ends at `nameEnds[k]`.
        private var names: [UInt8] = []
        private var nameEnds: [Int32] = []
        /// All values (UTF-8) end to end; value `k` ends at `valueEnds[k]`.
        private var values: [UInt8] = []
        private var valueEnds: [Int32] = []

        init(source: String) {
            for line in source.split(separator: "\n") {
                let fields = line.split(separator: " ")
                guard fields.count == 2 else { preconditionFailure("malformed named reference line: \(line)") }
                names += fields[0].utf8
                nameEnds.append(Int32(names.count))
                for hex in fields[1].split(separator: ",") {
                    guard let scalar = UInt32(hex, radix: 16).flatMap(Unicode.Scalar.init) else {
                        preconditionFailure("malformed code point in named reference line: \(line)")
                    }
                    values += UTF8.encode(scalar)!
                }
                valueEnds.append(Int32(values.count))
            }
        }

        var count: Int { nameEnds.count }

        /// Name `k` and its value, in table order.
        func entry(_ k: Int) -> (name: ArraySlice<UInt8>, value: ArraySlice<UInt8>) {
            (names[range(k, nameEnds)], values[range(k, valueEnds)])
        }

        /// The UTF-8 of the reference named exactly `name`, if there is one.
        func value(of name: UnsafeBufferPointer<UInt8>) -> ArraySlice<UInt8>? {
            var low = 0
            var high = nameEnds.count
            while low < high {
                let middle = (low + high) / 2
                let order = names.withUnsafeBufferPointer {
                    compare(UnsafeBufferPointer(rebasing: $0[range(middle, nameEnds)]), name)
                }
                if order == 0 { return values[range(middle, valueEnds)] }
                if order < 0 { low = middle + 1 } else { high = middle }
            }
            return nil
        }

        private func range(_ k: Int, _ ends: [Int32]) -> Range<Int> {
            (k == 0 ? 0 : Int(ends[k - 1]))..<Int(ends[k])
        }

        /// Bytewise order, a prefix first.
        private func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
            let common = min(a.count, b.count)
            if common > 0, let pa = a.baseAddress, let pb = b.baseAddress {
                let order = memcmp(pa, pb, common)
                if order != 0 { return Int(order) }
            }
            return a.count - b.count
        }
    }
}
