import HarkCore
import HarkTOML

/// Times in the notes file: written as `TimeFormat.clock` writes them
/// (`0:12:03.000`), for people reading the file; read back in any form a
/// transcript's timestamps take (`12:03`, `0:12:03,5`) or as a number of
/// seconds (`723`, `723.5`), for people writing it.
enum NotesTime {
    static func text(_ time: Milliseconds) -> String { TOMLWriter.string(TimeFormat.clock(time)) }

    /// The time `value` holds, or nil when it is no time.
    static func read(_ value: TOMLValue) -> Milliseconds? {
        switch value {
        case .integer(let seconds):
            guard seconds >= 0, seconds <= Int64.max / 1000 else { return nil }
            return seconds * 1000
        case .float(let seconds):
            guard seconds >= 0 else { return nil }
            return TimeFormat.milliseconds(fromSeconds: seconds)
        case .string(let text):
            var body = Substring(text)
            let negative = body.first == "-"
            if negative { body = body.dropFirst() }
            guard case .success(let time) = TimestampParser.parse(String(body)) else { return nil }
            return negative ? -time : time
        default:
            return nil
        }
    }
}
