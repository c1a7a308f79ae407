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

/// Files in the new shapes, generated: what was written is what is read.
struct GeneratedShapeTests {
    /// Words as an editor writes them in Markdown, and as they read.
    static let markdownWords: [(written: String, read: String)] = [
        ("the", "the"), ("model", "model"), ("\\[laughter\\]", "[laughter]"), ("a\\*b", "a*b"), ("x\\_y", "x_y"),
        ("back\\\\slash", "back\\slash"), ("café", "café"), ("東京", "東京"), ("10:30", "10:30"), ("end.", "end."),
        ("[site](https://example.com/a_b)", "site"), ("\\[unintelligible 00:07:38.13\\]", "[unintelligible 00:07:38.13]"),
    ]
    static let names = ["Daniel Whitenack", "Chris Benson", "Sarah", "SPEAKER\\_00", "Dr. O'Neil"]

    /// Paragraphs with or without a name, with or without a stamp (before
    /// or after the name, with or without hours and hundredths), over one or
    /// two lines.
    @Test func editedMarkdownReadsAsWritten() async {
        let words = Self.markdownWords
        let names = Self.names
        let paragraph = zip(
            Gen.int(in: -1..<names.count), Gen.int(in: 0...3), Gen.int(in: 1000...900_000), Gen.bool,
            Gen.int(in: 0..<words.count).array(of: 1...12)
        )
        await propertyCheck(count: 150, input: paragraph.array(of: 1...25)) { drafts in
            var file = "# An episode\n\n"
            var time: Int64 = 0
            var speaker: String?
            var expected: [(text: String, speaker: String?, start: Int64?)] = []
            for (name, stampForm, gap, twoLines, wordIndexes) in drafts {
                // At least a second apart, so that stamps written without hundredths stay in order.
                time += Int64(gap) / 10 * 10
                var stamp = ""
                var start: Int64?
                if stampForm > 0 {
                    let (h, m, s, cs) = (time / 3_600_000, time / 60_000 % 60, time / 1000 % 60, time / 10 % 100)
                    func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
                    switch stampForm {
                    case 1 where h == 0:
                        stamp = "\\[\(two(m)):\(two(s))\\]"
                        start = (m * 60 + s) * 1000
                    case 2:
                        stamp = "\\[\(two(h)):\(two(m)):\(two(s)).\(two(cs))\\]"
                        start = ((h * 60 + m) * 60 + s) * 1000 + cs * 10
                    default:
                        stamp = "\\[\(two(h)):\(two(m)):\(two(s))\\]"
                        start = ((h * 60 + m) * 60 + s) * 1000
                    }
                }
                var head = ""
                if name >= 0 {
                    speaker = names[name].replacingOccurrences(of: "\\_", with: "_")
                    head = (stampForm == 3 ? "**\(names[name]):** \(stamp)" : "\(stamp) **\(names[name]):**") + " "
                } else if !stamp.isEmpty {
                    head = stamp + " "
                }
                var written = (["so"] + wordIndexes.map { words[$0].written })
                if twoLines && written.count > 2 { written[written.count / 2] = "\n" + written[written.count / 2] }
                file += head + written.joined(separator: " ") + "\n\n"
                let read = (["so"] + wordIndexes.map { words[$0].read }).joined(separator: " ")
                expected.append((read, speaker, start))
            }
            // Reading, not recognising, is the point here (a file of one named paragraph is not recognised).
            let path = TestFiles.write(file, name: "generated.md")
            guard let t = try? TranscriptLoader.load(path: path, format: .markdown) else {
                Issue.record("could not read \(file)")
                return
            }
            #expect(t.texts == expected.map(\.text))
            #expect(t.segments.map(\.speaker) == expected.map(\.speaker))
            #expect(t.segments.map(\.estimated) == expected.map { $0.start == nil })
            for (k, item) in expected.enumerated() {
                if let start = item.start { #expect(t.start(of: k) == start) }
                if k > 0 { #expect(t.start(of: k) >= t.start(of: k - 1)) }
            }
        }
    }

    /// Lines of prose: every word comes back, in order, in segments of
    /// whole sentences, every time estimated and in order.
    @Test func plainTextKeepsEveryWordInOrder() async {
        let words = ["so", "the", "model", "end.", "why?", "\"quoted.\"", "Mr.", "café", "no!", "it's", "東京"]
        let line = Gen.int(in: 0..<words.count).array(of: 0...90)
        await propertyCheck(count: 150, input: line.array(of: 1...12)) { lines in
            let written = lines.map { $0.map { words[$0] } }
            guard written.contains(where: { !$0.isEmpty }) else { return }
            let path = TestFiles.write(written.map { $0.joined(separator: " ") }.joined(separator: "\n"), name: "prose.txt")
            guard let t = try? TranscriptLoader.load(path: path) else {
                Issue.record("could not read the prose")
                return
            }
            #expect(t.format == .plainText)
            #expect(t.texts.joined(separator: " ") == written.flatMap { $0 }.joined(separator: " "))
            #expect(t.segments.allSatisfy { $0.estimated })
            for k in t.segments.indices {
                let count = t.text(of: k).split(separator: " ").count
                #expect(count <= PlainTextReader.maximumSegmentWords)
                if k > 0 { #expect(t.start(of: k) >= t.start(of: k - 1)) }
            }
        }
    }
}
