/// What `:` accepts: a clock time (`1:02:03`, `62:03`), a number with a unit
/// (`3723s`, `90m`, `2h`), a percentage (`45%`), or any of those relative with
/// `+` or `-` (`+30s`, `-2m`). `n` and `p` switch files, as in less.
/// The reader's `:` and `--at` take it, and so do the commands that take a
/// time (`hark marks --add`).
public enum TimeJump: Equatable, Sendable {
    case absolute(Milliseconds)
    case relative(Milliseconds)
    case percent(Double)
    case nextFile
    case previousFile

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case empty
        case needsUnit(String)
        case notATime(String)

        public var description: String {
            switch self {
            case .empty: "no time given"
            case .needsUnit(let text): "\(text): give a unit (\(text)s, \(text)m) or a clock time (\(text):00)"
            case .notATime(let text): "\(text): not a time (try 1:02:03, 90m, 45% or +30s)"
            }
        }
    }

    public static func parse(_ input: String) -> Result<TimeJump, Failure> {
        let text = trimmed(input)
        guard !text.isEmpty else { return .failure(.empty) }
        if text == "n" { return .success(.nextFile) }
        if text == "p" || text == "N" { return .success(.previousFile) }
        var body = Substring(text)
        var sign: Int64 = 0
        if body.first == "+" {
            sign = 1
            body = body.dropFirst()
        } else if body.first == "-" {
            sign = -1
            body = body.dropFirst()
        }
        body = body.drop { $0 == " " }
        guard !body.isEmpty else { return .failure(.notATime(text)) }

        if body.last == "%" {
            guard sign == 0, let value = Double(body.dropLast()), value >= 0, value <= 100 else {
                return .failure(.notATime(text))
            }
            return .success(.percent(value))
        }
        let milliseconds: Milliseconds
        if body.contains(":") {
            guard case .success(let ms) = TimestampParser.parse(String(body)) else { return .failure(.notATime(text)) }
            milliseconds = ms
        } else if let unit = body.last, "smh".contains(unit) {
            guard let value = Double(body.dropLast()), value >= 0, value.isFinite else { return .failure(.notATime(text)) }
            let scale: Double = unit == "s" ? 1000 : unit == "m" ? 60_000 : 3_600_000
            milliseconds = Milliseconds((value * scale).rounded())
        } else if Double(body) != nil {
            return .failure(.needsUnit(String(body)))
        } else {
            return .failure(.notATime(text))
        }
        return .success(sign == 0 ? .absolute(milliseconds) : .relative(sign * milliseconds))
    }

    private static func trimmed(_ input: String) -> String {
        var text = Substring(input)
        while text.first == " " || text.first == "\t" { text = text.dropFirst() }
        while text.last == " " || text.last == "\t" { text = text.dropLast() }
        return String(text)
    }

    /// The time a jump names in a transcript of `duration`, if it names one
    /// by itself: an absolute time, or a percentage of the duration.
    public func time(inDuration duration: Milliseconds) -> Milliseconds? {
        switch self {
        case .absolute(let time): time
        case .percent(let percent): Milliseconds((Double(duration) * percent / 100).rounded())
        case .relative, .nextFile, .previousFile: nil
        }
    }
}
