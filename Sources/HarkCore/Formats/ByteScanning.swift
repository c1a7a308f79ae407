import Glibc

/// Small helpers over UTF-8 byte slices, shared by the line readers.
typealias Bytes = UnsafeBufferPointer<UInt8>

extension UnsafeBufferPointer where Element == UInt8 {
    func trimmingSpaces() -> Bytes {
        var start = 0
        var end = count
        while start < end, ByteClass.isSpace(self[start]) { start += 1 }
        while end > start, ByteClass.isSpace(self[end - 1]) { end -= 1 }
        return Bytes(rebasing: self[start..<end])
    }

    var isBlank: Bool { trimmingSpaces().isEmpty }

    func hasPrefix(_ prefix: StaticString) -> Bool {
        let p = prefix.utf8Start
        let m = prefix.utf8CodeUnitCount
        guard count >= m else { return false }
        for k in 0..<m where self[k] != p[k] { return false }
        return true
    }

    func hasSuffix(_ suffix: StaticString) -> Bool {
        let p = suffix.utf8Start
        let m = suffix.utf8CodeUnitCount
        guard count >= m else { return false }
        for k in 0..<m where self[count - m + k] != p[k] { return false }
        return true
    }

    func dropFirst(_ k: Int) -> Bytes { Bytes(rebasing: self[Swift.min(k, count)...]) }
    func dropLast(_ k: Int) -> Bytes { Bytes(rebasing: self[..<Swift.max(0, count - k)]) }

    /// The first index of `needle`, searching from `start`.
    func firstIndex(of needle: StaticString, from start: Int = 0) -> Int? {
        let p = needle.utf8Start
        let m = needle.utf8CodeUnitCount
        guard m > 0, count >= m else { return nil }
        var i = start
        while i + m <= count {
            if self[i] == p[0] {
                var k = 1
                while k < m && self[i + k] == p[k] { k += 1 }
                if k == m { return i }
            }
            i += 1
        }
        return nil
    }

    var string: String { String(decoding: self, as: UTF8.self) }

    var isAllDigits: Bool { !isEmpty && allSatisfy(ByteClass.isDigit) }
}

/// A timing line's two times: `start --> end`, also `-->` without spaces,
/// tabs around it, and whisper-jax's `->`.
struct TimingLine {
    var start: Milliseconds
    var end: Milliseconds
    /// The two timestamps as written, for format-specific checks.
    var startText: Bytes
    var endText: Bytes
    /// What follows the end time (cue settings, SRT coordinates).
    var rest: Bytes

    enum Outcome {
        case timing(TimingLine)
        case notTiming
        case invalid(TimestampParser.Failure)
    }

    static func parse(_ line: Bytes) -> Outcome {
        guard let (arrowAt, arrowLength) = findArrow(line) else { return .notTiming }
        let left = Bytes(rebasing: line[..<arrowAt]).trimmingSpaces()
        let afterArrow = Bytes(rebasing: line[(arrowAt + arrowLength)...])
        var k = 0
        while k < afterArrow.count, ByteClass.isSpace(afterArrow[k]) { k += 1 }
        var e = k
        while e < afterArrow.count, !ByteClass.isSpace(afterArrow[e]) { e += 1 }
        let right = Bytes(rebasing: afterArrow[k..<e])
        // Text that merely contains an arrow ("so --> then") is not a timing line.
        guard let first = left.first, ByteClass.isDigit(first) else { return .notTiming }
        guard !right.isEmpty else { return .invalid(.malformed) }
        switch (TimestampParser.parse(left), TimestampParser.parse(right)) {
        case (.success(let start), .success(let end)):
            return .timing(
                TimingLine(start: start, end: end, startText: left, endText: right, rest: Bytes(rebasing: afterArrow[e...])))
        case (.failure(.outOfRange), _), (_, .failure(.outOfRange)):
            return .invalid(.outOfRange)
        default:
            return .invalid(.malformed)
        }
    }

    /// The first `-->` (or, failing that, `->`): where it starts and its length.
    static func findArrow(_ line: Bytes) -> (Int, Int)? {
        guard let base = line.baseAddress else { return nil }
        var from = 0
        var short: Int?
        while from < line.count, let hit = memchr(base + from, 0x3E /* > */, line.count - from) {
            let k = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
            if k >= 1 && line[k - 1] == 0x2D /* - */ {
                if k >= 2 && line[k - 2] == 0x2D { return (k - 2, 3) }
                if short == nil { short = k - 1 }
            }
            from = k + 1
        }
        return short.map { ($0, 2) }
    }
}
