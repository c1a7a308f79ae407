import HarkCore
import HarkNotes

/// Marks and quotes as `hark marks` and `hark quotes` print them.
struct NotesItem: Equatable {
    enum Kind: String {
        case mark, quote
    }

    var kind: Kind
    var start: Milliseconds
    var end: Milliseconds
    var segments: ClosedRange<Int>
    var speaker: String?
    var text: String
    var note: String
    /// The first segment's time was estimated (the file gave none).
    var estimated: Bool

    /// Marks and quotes in time order (a mark before a quote at the same
    /// time). A mark's end, text and speaker are its segment's, in `named`
    /// (the transcript with the user's speakers); a quote's are as kept,
    /// its speaker under the name the user has given that label since.
    static func all(_ notes: Notes, named: Transcript) -> [NotesItem] {
        let marks = notes.marks.map { mark in
            NotesItem(
                kind: .mark, start: mark.start, end: named.end(of: mark.segment), segments: mark.segment...mark.segment,
                speaker: named.speaker(of: mark.segment), text: named.text(of: mark.segment), note: mark.note,
                estimated: named.isEstimated(mark.segment))
        }
        return (marks + quotes(notes, named: named)).sorted {
            ($0.start, $0.kind == .quote ? 1 : 0, $0.segments.lowerBound) < (
                $1.start, $1.kind == .quote ? 1 : 0, $1.segments.lowerBound
            )
        }
    }

    static func quotes(_ notes: Notes, named: Transcript) -> [NotesItem] {
        let names = notes.speakerEdits.names
        return notes.quotes.map { quote in
            NotesItem(
                kind: .quote, start: quote.start, end: quote.end, segments: quote.segments,
                speaker: quote.speaker.map { names[$0] ?? $0 }, text: quote.text, note: quote.note,
                estimated: named.isEstimated(quote.segments.lowerBound))
        }
    }

    /// The item as JSON; `hark marks` gives its kind, `hark quotes` (all quotes) does not.
    func json(withKind: Bool) -> String {
        var out = withKind ? "{\"kind\": \"\(kind.rawValue)\", " : "{"
        out += "\"start\": \(TimeFormat.seconds(start)), \"end\": \(TimeFormat.seconds(end)), "
        out += "\"first_segment\": \(segments.lowerBound), \"last_segment\": \(segments.upperBound), "
        out += "\"speaker\": \(speaker.map(JSONText.quote) ?? "null"), "
        if estimated { out += "\"estimated\": true, " }
        return out + "\"text\": \(JSONText.quote(text)), \"note\": \(JSONText.quote(note))}"
    }

    /// `Sarah Catanzaro, 0:39:16`, or the time alone when nobody is named.
    var attribution: String {
        let time = TimeFormat.mark(estimated: estimated) + TimeFormat.short(start)
        return speaker.map { "\(Escaped.message($0)), \(time)" } ?? time
    }

    /// One line of `hark marks`: the time, the kind, the note, the text cut short.
    var line: String {
        let time = TimeFormat.mark(estimated: estimated) + TimeFormat.short(start)
        let excerpt = "“\(Self.cut(text, to: 60))”" + (kind == .quote ? speaker.map { " — \($0)" } ?? "" : "")
        let about = note.isEmpty ? excerpt : kind == .mark ? "\(note)  (\(excerpt))" : "\(excerpt)  (\(note))"
        let kindColumn = Fixed.padded(kind.rawValue, to: 5)
        return "\(time)  \(kindColumn)  \(Escaped.message(about.replacingNewlines))\n"
    }

    private static func cut(_ text: String, to length: Int) -> String {
        text.count <= length ? text : text.prefix(length).trimmingWhitespace() + "…"
    }
}

extension String {
    /// Text of several lines on one line (a note typed with line breaks), for a list.
    var replacingNewlines: String {
        split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }.joined(separator: " ")
    }
}

/// The formats `hark quotes` writes.
public enum QuoteFormat: String, CaseIterable, Sendable {
    /// `> text`, a blank line, `— Speaker, 0:39:16`; a blank line between quotes.
    case md
    /// `“text” — Speaker, 0:39:16`, a line each.
    case txt
    case json

    func write(_ quotes: [NotesItem]) -> String {
        switch self {
        case .md:
            return quotes.map { quote in
                let lines = quote.text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
                return lines.map { "> " + Escaped.message(String($0)) }.joined(separator: "\n") + "\n\n— \(quote.attribution)\n"
            }.joined(separator: "\n")
        case .txt:
            return quotes.map { "“\(Escaped.message($0.text.replacingNewlines))” — \($0.attribution)\n" }.joined()
        case .json:
            return "{\"quotes\": [\(quotes.map { $0.json(withKind: false) }.joined(separator: ", "))]}\n"
        }
    }
}
