/// Parses the timestamps real transcript files contain, from raw bytes.
///
/// Accepted: `1:02:03.500`, `01:02.500` (hours omitted), `0:0:3.540` (Teams),
/// `00:04:40` (no fraction), `00:29:27,46` (two-digit fraction: 460 ms),
/// `1000:00:00.000` (hours past 999). A field after the first that reaches 60
/// is out of range: the caller rejects that cue and keeps the file.
public enum TimestampParser {
    public enum Failure: Error, Equatable { case malformed, outOfRange }

    public static func parse(_ text: String) -> Result<Milliseconds, Failure> {
        var copy = text
        return copy.withUTF8 { parse($0) }
    }

    /// Parses the whole of `bytes` (no surrounding spaces).
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Milliseconds, Failure> {
        guard let p = bytes.baseAddress, !bytes.isEmpty else { return .failure(.malformed) }
        let n = bytes.count
        if let fixed = parseFullForm(p, n) { return fixed }
        // Up to three colon-separated fields, then an optional fraction.
        var fields: (Int64, Int64, Int64) = (0, 0, 0)
        var fieldCount = 0
        var i = 0
        while true {
            var value: Int64 = 0
            let fieldStart = i
            while i < n, p[i] &- 0x30 < 10, i - fieldStart < 12 {
                value = value &* 10 &+ Int64(p[i] &- 0x30)
                i += 1
            }
            if i == fieldStart { return .failure(.malformed) }
            switch fieldCount {
            case 0: fields.0 = value
            case 1: fields.1 = value
            default: fields.2 = value
            }
            fieldCount += 1
            if i < n, p[i] == 0x3A /* : */, fieldCount < 3 {
                i += 1
                continue
            }
            break
        }
        var fraction: Int64 = 0
        if i < n, p[i] == 0x2E || p[i] == 0x2C /* . or , */ {
            i += 1
            var digits = 0
            while i < n, p[i] &- 0x30 < 10 {
                // Digits past milliseconds carry nothing we keep.
                if digits < 3 { fraction = fraction * 10 + Int64(p[i] &- 0x30) }
                digits += 1
                i += 1
            }
            if digits == 0 { return .failure(.malformed) }
            // `,46` is 460 ms, `.5` is 500 ms.
            for _ in min(digits, 3)..<3 { fraction *= 10 }
        }
        if i != n { return .failure(.malformed) }

        let hours: Int64
        let minutes: Int64
        let seconds: Int64
        switch fieldCount {
        case 3: (hours, minutes, seconds) = fields
        case 2: (hours, minutes, seconds) = (0, fields.0, fields.1)
        default: (hours, minutes, seconds) = (0, 0, fields.0)
        }
        if fieldCount >= 2 && seconds >= 60 { return .failure(.outOfRange) }
        if fieldCount == 3 && minutes >= 60 { return .failure(.outOfRange) }
        return .success(((hours * 60 + minutes) * 60 + seconds) * 1000 + fraction)
    }

    /// The shape nearly every file uses, `h+:mm:ss.mmm` (or `,mmm`), read
    /// without the general parser's loop; `nil` for any other shape.
    @inline(__always)
    private static func parseFullForm(_ p: UnsafePointer<UInt8>, _ n: Int) -> Result<Milliseconds, Failure>? {
        guard n >= 12, n <= 22, p[n - 4] == 0x2E || p[n - 4] == 0x2C, p[n - 7] == 0x3A, p[n - 10] == 0x3A else { return nil }
        @inline(__always) func digit(_ k: Int) -> Int64? {
            let d = p[k] &- 0x30
            return d < 10 ? Int64(d) : nil
        }
        guard let m1 = digit(n - 9), let m2 = digit(n - 8), let s1 = digit(n - 6), let s2 = digit(n - 5),
            let f1 = digit(n - 3), let f2 = digit(n - 2), let f3 = digit(n - 1)
        else { return nil }
        var hours: Int64 = 0
        for k in 0..<(n - 10) {
            guard let d = digit(k) else { return nil }
            hours = hours * 10 + d
        }
        let minutes = m1 * 10 + m2
        let seconds = s1 * 10 + s2
        if minutes >= 60 || seconds >= 60 { return .failure(.outOfRange) }
        return .success(((hours * 60 + minutes) * 60 + seconds) * 1000 + f1 * 100 + f2 * 10 + f3)
    }
}
