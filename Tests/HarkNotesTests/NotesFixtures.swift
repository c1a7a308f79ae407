import Foundation
import HarkCore
import HarkNotes
import HarkTestSupport

/// Transcripts and folders for the notes file's tests.
enum NotesFixtures {
    /// `count` segments a second apart (segment k starts at k s), speakers
    /// taking turns by label when `labels` is given.
    static func transcript(count: Int = 50, labels: [String] = [], source: String = "talk.json") -> Transcript {
        Transcript(
            source: source, format: labels.isEmpty ? .whisperJSON : .diarizedJSON,
            segments: (0..<count).map { k in
                Segment(
                    start: Milliseconds(k) * 1000, end: Milliseconds(k) * 1000 + 900,
                    speaker: labels.isEmpty ? nil : labels[k / 5 % labels.count], text: "Words of segment \(k).")
            })
    }

    /// A fresh folder of its own.
    static func folder(_ name: String = #function) -> URL {
        let url = TestSupport.temporaryFolder.appendingPathComponent(
            "notes-\(name.filter { $0.isLetter || $0.isNumber })-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func path(_ name: String = #function) -> String { folder(name).appendingPathComponent("talk.hark.toml").path }

    static func text(at path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? "<no file>"
    }

    static func write(_ text: String, to path: String) {
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    }

    static func mark(_ segment: Int, _ note: String = "", in transcript: Transcript) -> Mark {
        Mark(segment: segment, start: transcript.start(of: segment), note: note)
    }
}
