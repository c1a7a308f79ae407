import Foundation
import HarkCore

/// The 1,000-hour transcript written again as SRT, WebVTT and openai-whisper
/// JSON: the same cues in each format, so that the formats' loading speeds
/// compare like with like.
enum FormatGenerator {
    enum Shape: String, CaseIterable {
        case srt, vtt, json
        /// The first 100 hours as SRT, for the comparison with Python's `srt`.
        case srt100 = "100-hours.srt"
    }

    static func path(of shape: Shape, data: String) -> String {
        shape == .srt100 ? data + "/" + shape.rawValue : data + "/1000-hours." + shape.rawValue
    }

    /// Writes the files that are missing, from the whisper text at `longPath`.
    static func makeFiles(from longPath: String, data: String) throws {
        let missing = Shape.allCases.filter { !FileManager.default.fileExists(atPath: path(of: $0, data: data)) }
        guard !missing.isEmpty else { return }
        let transcript = try TranscriptLoader.load(path: longPath)
        for shape in missing {
            let writer = try BufferedWriter(path: path(of: shape, data: data))
            switch shape {
            case .srt: writeCues(transcript, to: writer, webVTT: false)
            case .srt100: writeCues(transcript, to: writer, webVTT: false, before: 100 * 3_600_000)
            case .vtt: writeCues(transcript, to: writer, webVTT: true)
            case .json: writeWhisperJSON(transcript, to: writer)
            }
            try writer.close()
        }
    }

    /// SRT (numbered cues, `,` before the milliseconds) or WebVTT (a
    /// header, `.`, YouTube's cue settings), up to `limit`.
    private static func writeCues(
        _ transcript: Transcript, to writer: BufferedWriter, webVTT: Bool, before limit: Milliseconds = .max
    ) {
        if webVTT { writer.write("WEBVTT\nKind: captions\nLanguage: en\n\n") }
        let separator: Character = webVTT ? "." : ","
        for index in 0..<transcript.segments.count where transcript.start(of: index) < limit {
            let times =
                "\(stamp(transcript.start(of: index), separator: separator)) --> "
                + stamp(transcript.end(of: index), separator: separator)
            let cue = webVTT ? "\(times) align:start position:0%" : "\(index + 1)\n\(times)"
            writer.write("\(cue)\n\(lines(of: transcript.text(of: index)))\n\n")
        }
    }

    /// openai-whisper's `-f json`: Python's `json.dump` with its defaults
    /// (`ensure_ascii`, `", "` and `": "` separators), every field a segment has.
    private static func writeWhisperJSON(_ transcript: Transcript, to writer: BufferedWriter) {
        writer.write("{\"text\": \"\", \"segments\": [")
        for index in 0..<transcript.segments.count {
            let text = " " + transcript.text(of: index)
            let words = text.split(separator: " ").count
            let tokens = (0..<(words + 2)).map { String(50_364 + (index * 7 + $0 * 13) % 9_000) }.joined(separator: ", ")
            let start = Double(transcript.start(of: index)) / 1000
            let end = Double(transcript.end(of: index)) / 1000
            writer.write(
                (index == 0 ? "" : ", ")
                    + "{\"id\": \(index), \"seek\": \(Int(start * 100) / 3000 * 3000), \"start\": \(start), \"end\": \(end), "
                    + "\"text\": \(jsonString(text)), \"tokens\": [\(tokens)], \"temperature\": 0.0, "
                    + "\"avg_logprob\": -0.\(200 + index % 700), \"compression_ratio\": 1.\(500 + index % 400), "
                    + "\"no_speech_prob\": 0.0\(100 + index % 800)}")
        }
        writer.write("], \"language\": \"en\"}")
    }

    /// A cue's text on lines of at most 42 characters, as subtitle tools wrap it.
    private static func lines(of text: String) -> String {
        var out = ""
        var width = 0
        for word in text.split(separator: " ") {
            if width > 0 && width + 1 + word.count > 42 {
                out += "\n"
                width = 0
            } else if width > 0 {
                out += " "
                width += 1
            }
            out += word
            width += word.count
        }
        return out
    }

    /// `hh:mm:ss,mmm`, the hours growing past two digits.
    private static func stamp(_ ms: Milliseconds, separator: Character) -> String {
        let hours = ms / 3_600_000
        let minutes = ms / 60_000 % 60
        let seconds = ms / 1000 % 60
        return String(format: "%02lld:%02lld:%02lld%@%03lld", hours, minutes, seconds, String(separator), ms % 1000)
    }

    private static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case _ where scalar.value < 0x20 || scalar.value > 0x7E:
                for unit in String(scalar).utf16 { out += String(format: "\\u%04x", unit) }
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

/// Appends text to a file through a 1 MB buffer.
final class BufferedWriter {
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    init(path: String) throws {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        buffer.reserveCapacity(1 << 20)
    }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { flush() }
    }

    private func flush() {
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        flush()
        try handle.close()
    }
}
