/// Transcript time is integer milliseconds from the start of the recording.
///
/// `Int64` because a 1,000-hour archive runs past `Int32.max` milliseconds
/// (about 596 hours).
public typealias Milliseconds = Int64

public enum TimeFormat {
    /// `h:mm:ss.mmm`, hours unpadded and unbounded (`0:01:02.500`, `1000:00:00.000`).
    public static func clock(_ ms: Milliseconds) -> String {
        let p = Parts(ms)
        return "\(p.sign)\(p.hours):\(pad2(p.minutes)):\(pad2(p.seconds)).\(pad3(p.millis))"
    }

    /// `hh:mm:ss<sep>mmm`, hours padded to two digits (SRT uses `,`, WebVTT `.`).
    public static func subtitle(_ ms: Milliseconds, separator: Character) -> String {
        let p = Parts(max(0, ms))
        return "\(pad2(p.hours)):\(pad2(p.minutes)):\(pad2(p.seconds))\(separator)\(pad3(p.millis))"
    }

    /// `h:mm:ss` for reading (`0:07:19`), or `m:ss` under an hour when `compact`.
    public static func short(_ ms: Milliseconds, compact: Bool = false) -> String {
        let p = Parts(ms)
        if compact && p.hours == 0 { return "\(p.sign)\(p.minutes):\(pad2(p.seconds))" }
        return "\(p.sign)\(p.hours):\(pad2(p.minutes)):\(pad2(p.seconds))"
    }

    /// `~` before a time hark estimated (`~0:07:42`), nothing before one read from the file.
    public static func mark(estimated: Bool) -> String { estimated ? "~" : "" }

    /// Seconds with millisecond precision and no trailing zeros, as JSON wants
    /// them: `3760` gives `3.76`, `0` gives `0.0`.
    public static func seconds(_ ms: Milliseconds) -> String {
        let magnitude = ms.magnitude
        var fraction = magnitude % 1000
        var fractionDigits = 3
        if fraction == 0 {
            fractionDigits = 1
        } else {
            while fraction % 10 == 0 {
                fraction /= 10
                fractionDigits -= 1
            }
        }
        // Written backwards into a small buffer: this runs twice per segment in exports.
        return String(unsafeUninitializedCapacity: 32) { buffer in
            var k = 32
            func put(_ byte: UInt8) {
                k -= 1
                buffer[k] = byte
            }
            var f = fraction
            for _ in 0..<fractionDigits {
                put(0x30 + UInt8(f % 10))
                f /= 10
            }
            put(0x2E)
            var whole = magnitude / 1000
            repeat {
                put(0x30 + UInt8(whole % 10))
                whole /= 10
            } while whole > 0
            if ms < 0 { put(0x2D) }
            let length = 32 - k
            for i in 0..<length { buffer[i] = buffer[k + i] }
            return length
        }
    }

    /// Rounds seconds given as a floating-point number (JSON's `7.6000000000000005`)
    /// to whole milliseconds.
    public static func milliseconds(fromSeconds seconds: Double) -> Milliseconds? {
        guard seconds.isFinite, abs(seconds) < 9.0e15 else { return nil }
        return Milliseconds((seconds * 1000).rounded())
    }

    private struct Parts {
        let sign: String, hours: UInt64, minutes: UInt64, seconds: UInt64, millis: UInt64
        init(_ ms: Milliseconds) {
            sign = ms < 0 ? "-" : ""
            let m = ms.magnitude
            hours = m / 3_600_000
            minutes = m / 60_000 % 60
            seconds = m / 1000 % 60
            millis = m % 1000
        }
    }

    private static func pad2(_ n: UInt64) -> String { n < 10 ? "0\(n)" : "\(n)" }
    private static func pad3(_ n: UInt64) -> String { n < 10 ? "00\(n)" : n < 100 ? "0\(n)" : "\(n)" }
}
