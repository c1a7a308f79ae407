import Foundation
import Testing

@testable import HarkCore

/// The first part of a large file, read so the reader can show it while the
/// whole file loads: the same segments as the whole file begins with.
struct PreviewTests {
    private static func cues(_ count: Int, vtt: Bool) -> String {
        var text = vtt ? "WEBVTT\n\n" : ""
        for k in 0..<count {
            let start = TimeFormat.subtitle(Milliseconds(k) * 2000, separator: vtt ? "." : ",")
            let end = TimeFormat.subtitle(Milliseconds(k) * 2000 + 1500, separator: vtt ? "." : ",")
            text += "\(k + 1)\n\(start) --> \(end)\nCue number \(k) says something\nover two lines \(k)\n\n"
        }
        return text
    }

    private func expectPrefix(_ text: String, name: String) throws {
        let path = TestFiles.write(text, name: name)
        let whole = try TranscriptLoader.load(path: path)
        let preview = try #require(TranscriptLoader.loadPreview(path: path, bytes: 4096, threshold: 0))
        #expect(preview.format == whole.format)
        #expect(preview.segments.count > 10)
        #expect(preview.segments.count < whole.segments.count / 2)
        // All but the last, which the cut may have shortened.
        let shown = preview.segments.count - 1
        #expect(Array(preview.segments.prefix(shown)) == Array(whole.segments.prefix(shown)))
    }

    @Test func anSRTPreviewIsTheFilesBeginning() throws { try expectPrefix(Self.cues(2000, vtt: false), name: "long.srt") }

    @Test func aWebVTTPreviewIsTheFilesBeginning() throws { try expectPrefix(Self.cues(2000, vtt: true), name: "long.vtt") }

    @Test func aWhisperTextPreviewIsTheFilesBeginning() throws {
        let lines = (0..<3000).map { k in
            "[\(TimeFormat.clock(Milliseconds(k) * 3000)).000 --> \(TimeFormat.clock(Milliseconds(k) * 3000 + 2500)).000]   Line \(k)."
        }
        try expectPrefix(lines.joined(separator: "\n"), name: "long.txt")
    }

    /// openai-whisper writes the whole text before the segments: a JSON
    /// preview is its first items, however far into the file they start.
    @Test func aJSONPreviewIsTheFirstItemsAfterALongText() throws {
        let items = (0..<3000).map { k in #"{"start": \#(k * 2), "end": \#(k * 2 + 1), "text": " Item \#(k)."}"# }
        let text = String(repeating: "word ", count: 20_000)
        try expectPrefix(
            #"{"text": "\#(text)", "segments": [\#(items.joined(separator: ", "))], "language": "en"}"#, name: "long.json")
    }

    @Test func smallOrUnreadableFilesHaveNoPreview() throws {
        let small = TestFiles.write(Self.cues(20, vtt: false), name: "small.srt")
        #expect(TranscriptLoader.loadPreview(path: small) == nil)
        #expect(TranscriptLoader.loadPreview(path: "/no/such/file.srt", threshold: 0) == nil)
        let prose = TestFiles.write(String(repeating: "no times here at all\n", count: 5000), name: "prose.log")
        #expect(TranscriptLoader.loadPreview(path: prose, bytes: 4096, threshold: 0) == nil)
    }

    /// A Windows-1252 file is read right only by the whole load, which transcodes it.
    @Test func aWindows1252FileHasNoPreview() throws {
        var bytes: [UInt8] = []
        for k in 0..<3000 {
            bytes += Array("\(k + 1)\n\(TimeFormat.subtitle(Milliseconds(k) * 1000, separator: ",")) --> ".utf8)
            bytes +=
                Array("\(TimeFormat.subtitle(Milliseconds(k) * 1000 + 900, separator: ","))\nCaf".utf8) + [0xE9] + [0x0A, 0x0A]
        }
        let path = TestFiles.write(bytes, name: "cp1252.srt")
        #expect(TranscriptLoader.loadPreview(path: path, bytes: 4096, threshold: 0) == nil)
        #expect(try TranscriptLoader.load(path: path).texts.first == "Café")
    }
}
