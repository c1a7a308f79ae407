import Foundation
import PropertyBased
import Testing

@testable import HarkCore

/// Export, then import what was exported: the segments must come back the
/// same, for every transcript the generator makes.
struct RoundTripTests {
    /// Words with the characters that need care in each format: markup
    /// characters, entities, quotes, non-ASCII, a colon inside the text.
    static let words = [
        "the", "model", "R&D", "a<b", "x>y", "&amp;", "\"quoted\"", "café", "東京", "👍", "naïve", "it's",
        "10:30", "well,", "end.", "why?", "{curly}", "back\\slash", "tab", "déjà-vu", "5%", "-->", "e\u{301}",
    ]
    static let speakers: [String?] = [nil, nil, "Sarah", "Lukas Biewald", "Speaker 1", "SPEAKER_00", "Dr. O'Neil"]

    /// Transcripts of 1 to 30 segments with increasing start times, any
    /// length (zero too), speakers named, unnamed or absent, are exported,
    /// reloaded and compared.
    @Test(arguments: [ExportFormat.json, .srt, .vtt])
    func exportThenImportGivesTheSameSegments(format: ExportFormat) async {
        let words = Self.words
        let speakers = Self.speakers
        let segment = zip(
            Gen.int(in: 0...5_000), Gen.int(in: 0...20_000), Gen.int(in: 0..<speakers.count), Gen.bool,
            Gen.int(in: 0..<words.count).array(of: 1...8)
        ).map { gap, length, speaker, change, wordIndexes in
            // Text never begins with what a caption reader takes for a mark
            // (`>>`, `- `, `Name:`): those are how SRT and WebVTT write speakers.
            let text = (["so"] + wordIndexes.map { words[$0] }).joined(separator: " ")
            return Segment(
                start: Int64(gap), end: Int64(gap + length), speaker: speakers[speaker], text: text, speakerChange: change)
        }
        let transcripts = segment.array(of: 1...30).map { drafts -> [Segment] in
            var time: Int64 = 0
            return drafts.map { draft in
                var segment = draft
                time += draft.start
                segment.start = time
                segment.end = time + draft.end - draft.start
                return segment
            }
        }
        await propertyCheck(count: 150, input: transcripts) { segments in
            let original = Transcript(source: "generated", format: .whisperJSON, segments: segments)
            let path = TestFiles.write(format.render(original), name: "roundtrip.\(format.rawValue)")
            guard let reloaded = try? TranscriptLoader.load(path: path) else {
                Issue.record("could not reload the \(format.rawValue) export")
                return
            }
            #expect(reloaded.warnings == [])
            #expect(reloaded.segments.map(\.start) == original.segments.map(\.start))
            #expect(reloaded.segments.map(\.end) == original.segments.map(\.end))
            #expect(reloaded.texts == original.texts)
            #expect(reloaded.segments.map(\.speaker) == original.segments.map(\.speaker))
            #expect(reloaded.segments.map(\.speakerChange) == original.segments.map(\.speakerChange))
        }
    }

    /// The readable exports read back as the new shapes: `--to txt` as
    /// speaker-labelled text, `--to md` as an edited Markdown transcript. Each
    /// paragraph comes back as one segment, with its text, its speaker, its
    /// time to the second where the time was read, and estimated where it was.
    @Test(arguments: [(ExportFormat.txt, TranscriptFormat.speakerText), (.md, .markdown)])
    func readableExportsReadBackParagraphByParagraph(format: ExportFormat, shape: TranscriptFormat) async {
        let words = Self.words
        let speakers = Self.speakers
        let segment = zip(
            Gen.int(in: 0...5_000), Gen.int(in: 0..<speakers.count), Gen.bool, Gen.bool,
            Gen.int(in: 0..<words.count).array(of: 1...8)
        ).map { gap, speaker, change, estimated, wordIndexes in
            let text = (["so"] + wordIndexes.map { words[$0] }).joined(separator: " ")
            return Segment(
                start: Int64(gap), end: Int64(gap) + 1000, speaker: speakers[speaker], text: text, speakerChange: change,
                estimated: estimated)
        }
        let transcripts = segment.array(of: 1...30).map { drafts -> [Segment] in
            var time: Int64 = 0
            return drafts.map { draft in
                var segment = draft
                time += draft.start + 1000
                segment.start = time
                segment.end = time + 1000
                return segment
            }
        }
        await propertyCheck(count: 100, input: transcripts) { segments in
            let original = Transcript(source: "generated", format: .whisperJSON, segments: segments)
            let paragraphs = Paragraphs.of(original)
            let path = TestFiles.write(format.render(original), name: "readable.\(format.rawValue)")
            guard let reloaded = try? TranscriptLoader.load(path: path) else {
                Issue.record("could not reload the \(format.rawValue) export")
                return
            }
            #expect(reloaded.format == shape)
            #expect(reloaded.segments.count == paragraphs.count)
            guard reloaded.segments.count == paragraphs.count else { return }
            var speaker: String?
            for (k, paragraph) in paragraphs.enumerated() {
                let first = paragraph.segments.lowerBound
                let text = (paragraph.segments.map { original.text(of: $0) }).joined(separator: " ")
                #expect(reloaded.text(of: k) == text)
                #expect(reloaded.isEstimated(k) == original.isEstimated(first))
                if !original.isEstimated(first) { #expect(reloaded.start(of: k) == paragraph.start / 1000 * 1000) }
                // Markdown names a speaker once a turn: a paragraph without a name is the last named speaker's.
                speaker = paragraph.speaker ?? (shape == .markdown && !paragraph.startsTurn ? speaker : nil)
                #expect(reloaded.speaker(of: k) == speaker)
                // A change of speaker with no name is written `>>`, and read back as one.
                #expect(reloaded.hasSpeakerChange(at: k) == (paragraph.speaker == nil && paragraph.startsTurn))
            }
        }
    }

    @Test func theSampleSurvivesEveryRoundTrip() throws {
        let sample = try TranscriptLoader.load(path: TestFiles.samplePath)
        for format in [ExportFormat.json, .srt, .vtt] {
            let path = TestFiles.write(format.render(sample), name: "sample.\(format.rawValue)")
            let reloaded = try TranscriptLoader.load(path: path)
            #expect(reloaded.segments.map { $0.with(line: 0) } == sample.segments.map { $0.with(line: 0) })
        }
    }
}

extension Segment {
    func with(line: Int) -> Segment {
        var copy = self
        copy.line = line
        return copy
    }
}
