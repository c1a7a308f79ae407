/// The export formats (`hark export --to …`).
public enum ExportFormat: String, CaseIterable, Sendable {
    case json, srt, vtt, txt, md

    /// Writes the whole export; `emit` receives it in pieces so that a large
    /// transcript streams to stdout instead of building one huge string.
    public func write(_ transcript: Transcript, to emit: (String) -> Void) {
        switch self {
        case .json: JSONWriter.write(transcript, to: emit)
        case .srt: SubtitleWriter.writeSRT(transcript, to: emit)
        case .vtt: SubtitleWriter.writeWebVTT(transcript, to: emit)
        case .txt: ReadableTextWriter.write(transcript, style: .plain, to: emit)
        case .md: ReadableTextWriter.write(transcript, style: .markdown, to: emit)
        }
    }

    public func render(_ transcript: Transcript) -> String {
        var out = ""
        write(transcript) { out += $0 }
        return out
    }
}

/// JSON export: the schema scripts rely on (see README).
enum JSONWriter {
    static func write(_ transcript: Transcript, to emit: (String) -> Void) {
        var head = "{\"source\": \(JSONText.quote(transcript.source)), \"format\": \(JSONText.quote(transcript.format.rawValue)), "
        head += "\"duration\": \(TimeFormat.seconds(transcript.duration)),\n"
        head += " \"speakers\": [" + transcript.speakers.map(JSONText.quote).joined(separator: ", ") + "],\n"
        head += " \"segments\": ["
        emit(head)
        var chunk = ""
        for index in transcript.segments.indices {
            chunk += index == 0 ? "\n  " : ",\n  "
            chunk += "{\"index\": \(index), \"start\": \(TimeFormat.seconds(transcript.start(of: index))), "
            chunk += "\"end\": \(TimeFormat.seconds(transcript.end(of: index))), "
            chunk += "\"speaker\": \(transcript.speaker(of: index).map(JSONText.quote) ?? "null"), "
            chunk += "\"text\": \(JSONText.quote(transcript.text(of: index)))"
            if transcript.hasSpeakerChange(at: index) { chunk += ", \"turn\": true" }
            chunk += "}"
            if chunk.utf8.count > 1 << 16 {
                emit(chunk)
                chunk = ""
            }
        }
        emit(chunk + "],\n \"warnings\": [")
        let warnings = transcript.warnings.map { warning in
            "\n  {\"line\": \(warning.line.map(String.init) ?? "null"), \"message\": \(JSONText.quote(warning.message))}"
        }
        emit(warnings.joined(separator: ",") + "]}\n")
    }
}

/// SRT and WebVTT export. Speakers: `Name: ` in SRT (the convention SRT
/// readers know), `<v Name>` in WebVTT; an unnamed change of speaker is `>> `,
/// the broadcast-caption convention, in both.
enum SubtitleWriter {
    static func writeSRT(_ transcript: Transcript, to emit: (String) -> Void) {
        for index in transcript.segments.indices {
            var cue = "\(index + 1)\n"
            cue += TimeFormat.subtitle(transcript.start(of: index), separator: ",") + " --> "
            cue += TimeFormat.subtitle(transcript.end(of: index), separator: ",") + "\n"
            if transcript.hasSpeakerChange(at: index) { cue += ">> " }
            if let speaker = transcript.speaker(of: index) { cue += speaker + ": " }
            emit(cue + transcript.text(of: index) + "\n\n")
        }
    }

    static func writeWebVTT(_ transcript: Transcript, to emit: (String) -> Void) {
        emit("WEBVTT\n\n")
        for index in transcript.segments.indices {
            var cue = TimeFormat.subtitle(transcript.start(of: index), separator: ".") + " --> "
            cue += TimeFormat.subtitle(transcript.end(of: index), separator: ".") + "\n"
            if let speaker = transcript.speaker(of: index) { cue += "<v \(escape(speaker))>" }
            if transcript.hasSpeakerChange(at: index) { cue += "&gt;&gt; " }
            emit(cue + escape(transcript.text(of: index)) + "\n\n")
        }
    }

    /// WebVTT text may not hold a raw `&`, `<` or `>`; a `-->` would end the cue.
    static func escape(_ text: String) -> String {
        guard text.contains(where: { $0 == "&" || $0 == "<" || $0 == ">" }) else { return text }
        return text.replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}

/// Plain text and Markdown: the transcript as readable paragraphs, each headed
/// by its time and, at a change of speaker, the speaker.
enum ReadableTextWriter {
    enum Style { case plain, markdown }

    static func write(_ transcript: Transcript, style: Style, to emit: (String) -> Void) {
        if style == .markdown {
            emit("# \(markdownEscape(displayName(transcript.source)))\n\n")
        }
        var chunk = ""
        for paragraph in Paragraphs.of(transcript) {
            let time = TimeFormat.short(paragraph.start)
            // A named speaker shows as `Name:`; an unnamed change of speaker
            // as `>>`, the caption convention.
            let label = paragraph.speaker.map { $0 + ":" } ?? (paragraph.startsTurn ? ">>" : nil)
            let text = paragraph.segments.map { transcript.text(of: $0) }.joined(separator: " ")
            switch style {
            case .plain:
                chunk += "[\(time)]" + (label.map { " " + $0 } ?? "") + "\n" + text + "\n\n"
            case .markdown:
                chunk += "**[\(time)]**" + (label.map { " **" + markdownEscape($0) + "**" } ?? "")
                chunk += "\n" + markdownEscape(text) + "\n\n"
            }
            if chunk.utf8.count > 1 << 16 {
                emit(chunk)
                chunk = ""
            }
        }
        emit(chunk)
    }

    private static func displayName(_ path: String) -> String {
        String(path.split(separator: "/").last ?? Substring(path))
    }

    /// Keeps transcript text from turning into Markdown markup.
    static func markdownEscape(_ text: String) -> String {
        var out = ""
        for c in text {
            if "\\`*_[]<>#|".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }
}

/// JSON string literals, escaped so that no control character survives.
public enum JSONText {
    public static func quote(_ text: String) -> String {
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xC2 }) {
            return "\"" + text + "\""  // nothing to escape: the common case
        }
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
