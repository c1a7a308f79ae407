/// The export formats (`hark export --to …`).
public enum ExportFormat: String, CaseIterable, Sendable {
    case json, srt, vtt, txt, md

    /// Writes the whole export; `emit` receives it in pieces of UTF-8 so that
    /// a large transcript streams to stdout instead of building one huge string.
    public func write(_ transcript: Transcript, to emit: @escaping (UnsafeBufferPointer<UInt8>) -> Void) {
        var out = ExportWriter(emit: emit)
        switch self {
        case .json: JSONWriter.write(transcript, to: &out)
        case .srt: SubtitleWriter.writeSRT(transcript, to: &out)
        case .vtt: SubtitleWriter.writeWebVTT(transcript, to: &out)
        case .txt: ReadableTextWriter.write(transcript, style: .plain, to: &out)
        case .md: ReadableTextWriter.write(transcript, style: .markdown, to: &out)
        }
        out.finish()
    }

    public func render(_ transcript: Transcript) -> String {
        final class Collected { var bytes: [UInt8] = [] }
        let collected = Collected()
        write(transcript) { collected.bytes.append(contentsOf: $0) }
        return String(decoding: collected.bytes, as: UTF8.self)
    }
}

extension Transcript {
    /// Calls `body` with the UTF-8 text of segment `index`, without copying it.
    func withText<R>(of index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let range = textRange(of: index)
        return withContinuousText { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }
}

/// JSON export: the schema scripts rely on (see README).
enum JSONWriter {
    static func write(_ transcript: Transcript, to out: inout ExportWriter) {
        out.write("{\"source\": ")
        out.write(JSONText.quote(transcript.source))
        out.write(", \"format\": ")
        out.write(JSONText.quote(transcript.format.rawValue))
        out.write(", \"duration\": ")
        out.write(seconds: transcript.duration)
        out.write(",\n \"speakers\": [")
        out.write(transcript.speakers.map(JSONText.quote).joined(separator: ", "))
        out.write("],\n \"segments\": [")
        for index in transcript.segments.indices {
            out.write(index == 0 ? "\n  {\"index\": " : ",\n  {\"index\": ")
            out.write(number: UInt64(index))
            out.write(", \"start\": ")
            out.write(seconds: transcript.start(of: index))
            out.write(", \"end\": ")
            out.write(seconds: transcript.end(of: index))
            out.write(", \"speaker\": ")
            if let speaker = transcript.speaker(of: index) { out.write(JSONText.quote(speaker)) } else { out.write("null") }
            out.write(", \"text\": \"")
            transcript.withText(of: index) { out.write($0, escaping: JSONText.escape) }
            out.write("\"")
            if transcript.hasSpeakerChange(at: index) { out.write(", \"turn\": true") }
            if transcript.isEstimated(index) { out.write(", \"estimated\": true") }
            out.write("}")
        }
        out.write("],\n \"warnings\": [")
        for (k, warning) in transcript.warnings.enumerated() {
            out.write(k == 0 ? "\n  {\"line\": " : ",\n  {\"line\": ")
            if let line = warning.line { out.write(number: UInt64(line)) } else { out.write("null") }
            out.write(", \"message\": ")
            out.write(JSONText.quote(warning.message))
            out.write("}")
        }
        out.write("]}\n")
    }
}

/// SRT and WebVTT export. Speakers: `Name: ` in SRT (the convention SRT
/// readers know), `<v Name>` in WebVTT; an unnamed change of speaker is `>> `,
/// the broadcast-caption convention, in both. Estimated times are written as
/// times; WebVTT says how many there are in a `NOTE`, SRT cannot say.
enum SubtitleWriter {
    static func writeSRT(_ transcript: Transcript, to out: inout ExportWriter) {
        var changePending = false
        for index in transcript.segments.indices {
            out.write(number: UInt64(index + 1))
            out.write("\n")
            out.write(subtitleTime: transcript.start(of: index), separator: 0x2C)
            out.write(" --> ")
            out.write(subtitleTime: transcript.end(of: index), separator: 0x2C)
            out.write("\n")
            // A cue without text (an empty WebVTT cue) is its number and
            // times alone: a label with nothing after it would be read as
            // text, so a change of speaker marked on it goes to the next text.
            guard transcript.hasText(index) else {
                changePending = changePending || transcript.hasSpeakerChange(at: index)
                out.write("\n")
                continue
            }
            if transcript.hasSpeakerChange(at: index) || changePending { out.write(">> ") }
            changePending = false
            if let speaker = transcript.speaker(of: index) {
                out.write(speaker)
                out.write(": ")
            }
            transcript.withText(of: index) { out.write($0) }
            out.write("\n\n")
        }
    }

    static func writeWebVTT(_ transcript: Transcript, to out: inout ExportWriter) {
        out.write("WEBVTT\n\n")
        if transcript.estimatedCount > 0 {
            // SRT has no comments; WebVTT says it once, in a note players skip.
            out.write("NOTE\nhark estimated the times of ")
            out.write(number: UInt64(transcript.estimatedCount))
            out.write(" of ")
            out.write(number: UInt64(transcript.segments.count))
            out.write(" cues: the source gives none for them.\n\n")
        }
        for index in transcript.segments.indices {
            out.write(subtitleTime: transcript.start(of: index), separator: 0x2E)
            out.write(" --> ")
            out.write(subtitleTime: transcript.end(of: index), separator: 0x2E)
            out.write("\n")
            if let speaker = transcript.speaker(of: index) {
                out.write("<v ")
                var name = speaker
                name.withUTF8 { out.write($0, escaping: escape) }
                out.write(">")
            }
            if transcript.hasSpeakerChange(at: index) { out.write(transcript.hasText(index) ? "&gt;&gt; " : "&gt;&gt;") }
            transcript.withText(of: index) { out.write($0, escaping: escape) }
            // A cue without text and voice has no payload line: the blank
            // line after its timing ends it.
            if transcript.hasText(index) || transcript.speaker(of: index) != nil || transcript.hasSpeakerChange(at: index) {
                out.write("\n")
            }
            out.write("\n")
        }
    }

    /// WebVTT text may not hold a raw `&`, `<` or `>`; a `-->` would end the cue.
    static let escape = EscapeTable([0x26: "&amp;", 0x3C: "&lt;", 0x3E: "&gt;"])
}

/// Plain text and Markdown: the transcript as readable paragraphs, each headed
/// by its time (`[~0:07:42]` when estimated) and, at a change of speaker, the speaker.
enum ReadableTextWriter {
    enum Style { case plain, markdown }

    static func write(_ transcript: Transcript, style: Style, to out: inout ExportWriter) {
        if style == .markdown {
            out.write("# ")
            var name = Escaped.name(String(transcript.source.split(separator: "/").last ?? Substring(transcript.source)))
            name.withUTF8 { out.write($0, escaping: markdownEscape) }
            out.write("\n\n")
        }
        for paragraph in Paragraphs.of(transcript) {
            // The paragraph's segments are contiguous in the continuous text.
            let bytes = transcript.textRange(of: paragraph.segments)
            // Only a transcript whose every segment is empty has a paragraph
            // with no text: there is nothing to read.
            if bytes.isEmpty { continue }
            // A named speaker shows as `Name:`; an unnamed change of speaker
            // as `>>`, the caption convention.
            let label = paragraph.speaker.map { $0 + ":" } ?? (paragraph.startsTurn ? ">>" : nil)
            let time =
                "["
                + TimeFormat.mark(
                    estimated: transcript.isEstimated(transcript.nearestSegmentWithText(from: paragraph.segments.lowerBound)))
                + TimeFormat.short(paragraph.start) + "]"
            switch style {
            case .plain:
                out.write(time)
                if let label { out.write(" " + label) }
            case .markdown:
                // `[0:01:02]` with nothing after it in brackets is not a link: no escapes.
                out.write("**" + time + "**")
                if var label {
                    out.write(" **")
                    label.withUTF8 { out.write($0, escaping: markdownEscape) }
                    out.write("**")
                }
            }
            out.write("\n")
            transcript.withContinuousText { text in
                let slice = UnsafeBufferPointer(rebasing: text[bytes])
                switch style {
                case .plain: out.write(slice)
                case .markdown: out.write(slice, escaping: markdownEscape)
                }
            }
            out.write("\n\n")
        }
    }

    /// Keeps transcript text from turning into Markdown markup.
    static let markdownEscape = EscapeTable([
        0x5C: "\\\\", 0x60: "\\`", 0x2A: "\\*", 0x5F: "\\_", 0x5B: "\\[", 0x5D: "\\]", 0x3C: "\\<", 0x3E: "\\>",
        0x23: "\\#", 0x7C: "\\|",
    ])
}

/// JSON string literals, escaped so that no control character survives.
public enum JSONText {
    public static func quote(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            var out: [UInt8] = [0x22]
            out.reserveCapacity(bytes.count + 2)
            var k = 0
            while k < bytes.count {
                let byte = bytes[k]
                if byte == 0xC2, k + 1 < bytes.count, bytes[k + 1] >= 0x80, bytes[k + 1] <= 0x9F {
                    out.append(contentsOf: Array("\\u00\(hex(bytes[k + 1]))".utf8))  // a C1 control
                    k += 2
                    continue
                }
                if let escaped = escape.escapes[Int(byte)] {
                    out.append(contentsOf: UnsafeBufferPointer(start: escaped.utf8Start, count: escaped.utf8CodeUnitCount))
                } else if byte < 0x20 {
                    out.append(contentsOf: Array("\\u00\(hex(byte))".utf8))
                } else {
                    out.append(byte)
                }
                k += 1
            }
            out.append(0x22)
            return String(decoding: out, as: UTF8.self)
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
    }

    /// The escapes of a JSON string. Text in the model has no control
    /// characters; these are the ones that could remain.
    static let escape = EscapeTable([0x22: "\\\"", 0x5C: "\\\\", 0x0A: "\\n", 0x09: "\\t", 0x0D: "\\r"])
}
