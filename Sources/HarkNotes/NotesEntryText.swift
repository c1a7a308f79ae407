import HarkCore
import HarkTOML

/// How hark writes an entry: its header, then its keys in this order.
///
///     [[mark]]
///     segment = 120
///     time = "0:12:03.000"
///     note = "MLOps consolidation"
///
/// The segment's number is how hark finds it; its time is for people, and
/// finds the segment again when the transcript changed.
enum NotesEntryText {
    /// A value hark writes, and whether a value in the file already means it.
    enum Field: Equatable {
        case segment(Int)
        case time(Milliseconds)
        case string(String)

        var text: String {
            switch self {
            case .segment(let number): TOMLWriter.integer(number)
            case .time(let time): NotesTime.text(time)
            case .string(let string): TOMLWriter.string(string)
            }
        }

        /// Same meaning, however written (`723` and `"0:12:03"` are one time).
        func matches(_ value: TOMLValue?) -> Bool {
            guard let value else { return false }
            switch self {
            case .segment(let number): return value == .integer(Int64(number))
            case .time(let time): return NotesTime.read(value) == time
            case .string(let string): return value.string == string
            }
        }
    }

    /// The keys of the entry a change sets, in the order written; a nil value is a key the entry does not have.
    static func fields(of change: NotesChange, in transcript: Transcript) -> [(key: String, value: Field?)] {
        switch change {
        case .setTurn(let turn):
            return [
                ("segment", .segment(turn.segment)), ("time", .time(transcript.start(of: turn.segment))),
                ("speaker", turn.speaker.map(Field.string)),
            ]
        case .setMark(let mark):
            return [("segment", .segment(mark.segment)), ("time", .time(mark.start)), ("note", .string(mark.note))]
        case .setQuote(let quote):
            return [
                ("first_segment", .segment(quote.segments.lowerBound)), ("last_segment", .segment(quote.segments.upperBound)),
                ("start", .time(quote.start)), ("end", .time(quote.end)), ("speaker", quote.speaker.map(Field.string)),
                ("text", .string(quote.text)), ("note", .string(quote.note)),
            ]
        case .nameSpeaker, .removeTurn, .removeMark, .removeQuote:
            return []
        }
    }

    static func line(_ key: String, _ field: Field, newline: String) -> String {
        TOMLWriter.key(key) + " = " + field.text + newline
    }

    /// A whole new entry: `[[kind]]` and its keys, each line ended by `newline`.
    static func block(_ kind: NotesEntry.Kind, _ fields: [(key: String, value: Field?)], newline: String) -> String {
        fields.reduce("[[\(kind.rawValue)]]" + newline) { text, field in
            field.value.map { text + line(field.key, $0, newline: newline) } ?? text
        }
    }

    /// What a new file starts with: what it is, and that it may be edited.
    static func header(forTranscript transcriptPath: String) -> String {
        let name = transcriptPath.split(separator: "/").last.map(String.init) ?? transcriptPath
        return """
            # Notes on \(Escaped.name(name)) kept by hark: speaker names, marks and quotes.
            # Edit freely; hark keeps your comments and anything it does not know.

            """
    }
}
