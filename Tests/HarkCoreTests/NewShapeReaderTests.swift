import Foundation
import PropertyBased
import Testing

@testable import HarkCore

struct MarkdownTranscriptTests {
    static let episode = """
        ---
        title: Episode 12
        ---
        # Practical AI 12

        **Daniel Whitenack:** Welcome to another episode. I'm Daniel,
        and with me is Chris.

        **Chris Benson:** Hi Daniel \\[laughter\\]. We have a guest, [Sarah](https://example.com/sarah).

        \\[07:18\\] And this continues my turn, with \\[unintelligible 00:07:38.13\\] in it.

        **Daniel Whitenack:** \\[00:08:01.16\\] So, tell us.

        **Sarah**: Well, lots of things.

        """

    @Test func readsTurnsParagraphsAndSparseStamps() throws {
        let t = try TestFiles.load(Self.episode, name: "episode.md")
        #expect(t.format == .markdown)
        #expect(t.speakers == ["Daniel Whitenack", "Chris Benson", "Sarah"])
        #expect(
            t.texts == [
                "Welcome to another episode. I'm Daniel, and with me is Chris.",
                "Hi Daniel [laughter]. We have a guest, Sarah.",
                "And this continues my turn, with [unintelligible 00:07:38.13] in it.",
                "So, tell us.",
                "Well, lots of things.",
            ])
        // A paragraph without a name is the same speaker's.
        #expect(t.segments.map(\.speaker) == ["Daniel Whitenack", "Chris Benson", "Chris Benson", "Daniel Whitenack", "Sarah"])
        #expect(t.segments.map(\.estimated) == [true, true, false, false, true])
        #expect(t.start(of: 2) == 7 * 60_000 + 18_000)
        #expect(t.start(of: 3) == 8 * 60_000 + 1160)
        // Before the first stamp, 150 words a minute counting back from it.
        let wordsBefore = Int64(t.texts[0].split(separator: " ").count + t.texts[1].split(separator: " ").count)
        #expect(t.start(of: 0) == t.start(of: 2) - wordsBefore * TimeEstimator.millisecondsPerWord)
        #expect(t.segments.map(\.line) == [6, 9, 11, 13, 15])
        #expect(t.warnings.map(\.kind) == [.estimatedTimes])
        // The editor's paragraphs stay paragraphs, even one that continues a turn.
        #expect(Paragraphs.of(t).map(\.segments) == t.segments.indices.map { $0..<($0 + 1) })
        #expect(Paragraphs.hardBreak(atOrBefore: 2, in: t) == 2)
    }

    @Test func readsHeadsInEveryForm() {
        func head(_ line: String) -> MarkdownTranscriptReader.Head {
            var line = line
            return line.withUTF8 { MarkdownTranscriptReader.head(of: $0) }
        }
        #expect(head("**Ann:** Hi.").label == .speaker("Ann"))
        #expect(head("**Ann**: Hi.").label == .speaker("Ann"))
        #expect(head("**SPEAKER\\_00:** Hi.").label == .speaker("SPEAKER_00"))
        #expect(head("**\\>\\>** Hi.").label == .change)
        #expect(head("\\[07:18\\] Hi.").time == 438_000)
        #expect(head("[1:07:18] Hi.").time == 4_038_000)
        #expect(head("**[0:00:05]** **Ann:**").time == 5000)
        #expect(head("**Ann:** \\[00:00:07.50\\] Hi.").time == 7500)
        #expect(head("\\[~07:18\\] Hi.").time == nil)
        #expect(head("\\[~07:18\\] Hi.").stamped)
        #expect(head("\\[laughter\\] Hi.").time == nil)
        #expect(!head("\\[laughter\\] Hi.").stamped)
        #expect(head("**Important** point").label == nil)
        #expect(head("**Ann:**Hi").label == .speaker("Ann"))
        #expect(head("**a*b:** x").label == nil)
    }

    @Test func recognisedFromContentWhateverTheName() throws {
        #expect(try TestFiles.load(Self.episode, name: "episode.txt").format == .markdown)
        let stampOnly = "Some words first.\n\n\\[04:30\\] And more words.\n"
        #expect(try TestFiles.load(stampOnly, name: "stamp.md").format == .markdown)
        // Markdown with no names or stamps is not a transcript: a folder's README.
        let readme = "# Notes\n\nSome **bold** words.\n\n- a list\n"
        do {
            _ = try TestFiles.load(readme, name: "README.md")
            Issue.record("a README was read as a transcript")
        } catch let error as LoadError {
            #expect(error.reason == TranscriptLoader.notRecognised)
        }
        #expect(try TestFiles.load(readme, name: "README.md", format: .markdown).texts == ["Some **bold** words.", "- a list"])
    }

    /// A sponsor break: a name and a stamp, no words.
    static let withBreak = """
        **Ann:** \\[02:00\\] Welcome back to the show. Today we talk about how this whole project began.

        **Bob:** So how did it all start, really?

        **Ann:** Honestly, it was an accident.

        **Break:** \\[03:00\\]

        **Bob:** So after the break, what happened next with the project and the team?

        \\[05:00\\] **Ann:** We grew.

        """

    @Test func aBreakWithOnlyAStampBoundsTheEstimatesEitherSide() throws {
        let t = try TestFiles.load(Self.withBreak, name: "break.md")
        #expect(t.format == .markdown)
        #expect(
            t.texts == [
                "Welcome back to the show. Today we talk about how this whole project began.",
                "So how did it all start, really?", "Honestly, it was an accident.",
                "So after the break, what happened next with the project and the team?", "We grew.",
            ])
        #expect(t.segments.map(\.estimated) == [false, true, true, true, false])
        // The minute from 2:00 to the break is shared by the words before it…
        let words = t.texts.map { Int64($0.split(separator: " ").count) }
        let before = words[0] + words[1] + words[2]
        #expect(t.start(of: 1) == 120_000 + 60_000 * words[0] / before)
        #expect(t.start(of: 2) == 120_000 + 60_000 * (words[0] + words[1]) / before)
        #expect(t.end(of: 2) == 180_000)
        // …and the two minutes from the break to 5:00 by the words after it.
        #expect(t.start(of: 3) == 180_000)
        #expect(t.end(of: 3) == 300_000)
        #expect(t.start(of: 4) == 300_000)
        // A time mark, not a problem: no empty segment is warned, and "Break" is no speaker.
        #expect(t.warnings.map(\.kind) == [.estimatedTimes])
        #expect(t.speakers == ["Ann", "Bob"])
        #expect(t.segments.map(\.speaker) == ["Ann", "Bob", "Ann", "Bob", "Ann"])
    }

    @Test func aStampAloneOnItsParagraphIsATimeBetweenParagraphs() throws {
        let text = "**Ann:** \\[01:00\\] One two three four.\n\nFive six seven eight.\n\n\\[02:00\\]\n\nNine ten.\n"
        let t = try TestFiles.load(text, name: "stamp.md")
        #expect(t.texts == ["One two three four.", "Five six seven eight.", "Nine ten."])
        #expect(t.segments.map(\.start) == [60_000, 90_000, 120_000])
        #expect(t.end(of: 1) == 120_000)
        #expect(t.segments.map(\.speaker) == ["Ann", "Ann", "Ann"])
        #expect(t.segments.map(\.line) == [1, 3, 7])
        #expect(t.warnings.map(\.kind) == [.estimatedTimes])
        // hark's mark of an estimate, alone, gives no time: nothing is bounded, nothing warned.
        let estimate = "**Ann:** \\[01:00\\] One two.\n\n\\[~0:05:00\\]\n\nThree.\n"
        let e = try TestFiles.load(estimate, name: "estimate.md")
        #expect(e.segments.map(\.start) == [60_000, 60_000 + 2 * TimeEstimator.millisecondsPerWord])
        #expect(e.warnings.map(\.kind) == [.estimatedTimes])
    }

    @Test func aBreakAtTheStartIsWhereTheWordsStart() throws {
        let text = "**Break:** \\[00:30\\]\n\nWelcome to the show.\n\n**Bob:** Thanks.\n"
        let t = try TestFiles.load(text, name: "start.md")
        #expect(t.texts == ["Welcome to the show.", "Thanks."])
        #expect(t.segments.map(\.start) == [30_000, 30_000 + 4 * TimeEstimator.millisecondsPerWord])
        // The paragraph after the break has no name, and there is no turn before it.
        #expect(t.segments.map(\.speaker) == [nil, "Bob"])
        #expect(t.speakers == ["Bob"])
        #expect(t.warnings.map(\.kind) == [.estimatedTimes])
    }

    @Test func aBreakAtTheEndIsWhereTheWordsEnd() throws {
        let text = "**Ann:** \\[00:00\\] One two three.\n\n**Bob:** Four five six seven eight nine.\n\n**Break:** \\[01:00\\]\n"
        let t = try TestFiles.load(text, name: "end.md")
        #expect(t.texts == ["One two three.", "Four five six seven eight nine."])
        #expect(t.segments.map(\.start) == [0, 20_000])
        #expect(t.segments.map(\.end) == [20_000, 60_000])
        #expect(t.duration == 60_000)
        #expect(t.warnings.map(\.kind) == [.estimatedTimes])
    }

    /// A name over no words is nobody's turn: the paragraph after it, unnamed,
    /// continues the turn before it.
    @Test func aNameWithoutWordsIsNotTheNextParagraphsSpeaker() throws {
        let text = """
            **Ann:** \\[01:00\\] Before the break.

            **Break:** \\[02:00\\]

            And we are back.

            **Bob:** Hi.

            **Sponsor:**

            Still Bob.

            """
        let t = try TestFiles.load(text, name: "turns.md")
        #expect(t.texts == ["Before the break.", "And we are back.", "Hi.", "Still Bob."])
        #expect(t.segments.map(\.speaker) == ["Ann", "Ann", "Bob", "Bob"])
        #expect(t.speakers == ["Ann", "Bob"])
        #expect(t.start(of: 1) == 120_000)
        // Without a stamp a name alone marks no time: it is an empty paragraph, warned.
        #expect(t.warnings.first { $0.kind == .emptySegments }?.line == 9)
    }

    @Test func aBreakOutOfOrderSortsTheFile() throws {
        let text = "**Ann:** \\[05:00\\] One.\n\n**Break:** \\[03:00\\]\n\n**Bob:** Two.\n"
        let t = try TestFiles.load(text, name: "order.md")
        #expect(t.warnings.first { $0.kind == .outOfOrder }?.line == 3)
        #expect(t.texts == ["Two.", "One."])
        #expect(t.segments.map(\.start) == [180_000, 300_000])
    }

    @Test func invalidUTF8IsWarnedAtItsLine() throws {
        // UTF-8 (naïve) with one stray byte: not a Windows-1252 file.
        var bytes = Array("**Ann:** Hello, naïve.\n\n**Bob:** Caf".utf8)
        bytes += [0xFF]
        bytes += Array("\nsecond line.\n".utf8)
        let t = try TestFiles.load(bytes, name: "bad.md")
        #expect(t.texts[1] == "Caf\u{FFFD} second line.")
        #expect(t.warnings.first { $0.kind == .invalidUTF8 }?.line == 3)
    }
}

struct PlainTextTests {
    @Test func linesAreCutIntoSentences() {
        func pieces(_ line: String) -> [String] {
            var line = line
            var found: [String] = []
            line.withUTF8 { bytes in PlainTextReader.forEachSegment(in: bytes) { found.append($0.string) } }
            return found
        }
        #expect(
            pieces("So this is one. And this is two? Yes. No. Maybe so.") == [
                "So this is one.", "And this is two?", "Yes. No. Maybe so.",
            ])
        #expect(pieces("  a line without an end  ") == ["a line without an end"])
        #expect(pieces("He said “go home.” Then we all left.") == ["He said “go home.”", "Then we all left."])
        // Titles and initials end no sentence; a plain "no." does.
        #expect(
            pieces("I think the main thing is that Mr. Smith and Dr. J. Doe said it best. I said no. Then we left.") == [
                "I think the main thing is that Mr. Smith and Dr. J. Doe said it best.", "I said no.", "Then we left.",
            ])
        #expect(pieces("He said \"this is it.\" Then left.") == ["He said \"this is it.\"", "Then left."])
        let long = (1...150).map { "w\($0)" }.joined(separator: " ")
        let cut = pieces(long)
        #expect(cut.map { $0.split(separator: " ").count } == [60, 60, 30])
        #expect(cut.joined(separator: " ") == long)
    }

    @Test func proseInATextFileIsReadWithEstimatedTimes() throws {
        let text = "So this is the first sentence. And here is the second one.\n\nA new paragraph\n"
        let t = try TestFiles.load(text, name: "whisper-otxt.txt")
        #expect(t.format == .plainText)
        #expect(t.texts == ["So this is the first sentence.", "And here is the second one.", "A new paragraph"])
        #expect(t.segments.map(\.line) == [1, 1, 3])
        #expect(t.segments.allSatisfy { $0.estimated })
        let perWord = TimeEstimator.millisecondsPerWord
        #expect(t.segments.map(\.start) == [0, 6 * perWord, 12 * perWord])
        #expect(t.duration == 15 * perWord)
        #expect(t.warnings.first { $0.kind == .estimatedTimes }?.detail == "3 of 3 segments")
    }

    @Test func onlyTextFilesNamedSoAreProse() throws {
        let prose = "Just some prose, nothing more.\n"
        for name in ["notes.text", "NOTES.TXT"] {
            #expect(try TestFiles.load(prose, name: name).format == .plainText)
        }
        for name in ["notes.log", "notes", "notes.md"] {
            #expect(throws: LoadError.self) { try TestFiles.load(prose, name: name) }
        }
        #expect(try TestFiles.load(prose, name: "notes.log", format: .plainText).texts == ["Just some prose, nothing more."])
        // Not text: NUL bytes, or mostly control characters.
        #expect(throws: LoadError.self) { try TestFiles.load(Array("text\u{0}more text\n".utf8), name: "binary.txt") }
        #expect(!Array("a\u{1}\u{2}\u{3}\u{4}".utf8).withUnsafeBufferPointer(PlainTextReader.looksLikeText))
        #expect(Array("café, naïve\n".utf8).withUnsafeBufferPointer(PlainTextReader.looksLikeText))
    }
}

struct SpeakerTextShapeTests {
    @Test func readsBracketedNames() throws {
        let text = "[Sarah]: Hello there.\n[SPEAKER_00]: Hi.\nStill speaker zero.\n[Dr. Smith]: Bye.\n"
        let t = try TestFiles.load(text, name: "ctranslate2.txt")
        #expect(t.format == .speakerText)
        #expect(t.segments.map(\.speaker) == ["Sarah", "SPEAKER_00", "Dr. Smith"])
        #expect(t.texts == ["Hello there.", "Hi. Still speaker zero.", "Bye."])
        #expect(t.segments.allSatisfy { $0.estimated })
    }

    @Test func bracketedTimesKeepTheirMeaning() throws {
        let text = "[00:01:23] Ann: One.\n[00:01:30] [Bob]: Two.\n[00:01:31] [laughter] three.\n"
        let t = try TestFiles.load(text, name: "times.txt")
        #expect(t.segments.map(\.speaker) == ["Ann", "Bob", nil])
        #expect(t.texts == ["One.", "Two.", "[laughter] three."])
        #expect(t.segments.map(\.start) == [83_000, 90_000, 91_000])
        #expect(t.estimatedCount == 0)
    }

    @Test func turnsWithoutATimeShareTheTimeBetweenStamps() throws {
        let text = "[00:00:00] Ann: One two three four.\nBob: Five six seven eight.\n[00:01:00] Ann: Nine.\n"
        let t = try TestFiles.load(text, name: "mixed.txt")
        #expect(t.segments.map(\.start) == [0, 30_000, 60_000])
        #expect(t.segments.map(\.estimated) == [false, true, false])
    }

    @Test func hintsOfEstimatesAreEstimatedAgain() throws {
        let text = "[0:00:00] Ann:\nOne two.\n\n[~0:00:04] >>\nThree.\n\n[~0:00:09]\nFour.\n"
        let t = try TestFiles.load(text, name: "export.txt")
        #expect(t.texts == ["One two.", "Three.", "Four."])
        #expect(t.segments.map(\.speakerChange) == [false, true, false])
        #expect(t.segments.map(\.estimated) == [false, true, true])
        #expect(t.start(of: 1) == 2 * TimeEstimator.millisecondsPerWord)
    }

    @Test func invalidUTF8IsWarnedAtItsLine() throws {
        // UTF-8 (naïve), then "tw", a broken two-byte sequence, "(", on line 3: not Windows-1252.
        var bytes = Array("Ann: Hello, naïve.\nBob: One\n".utf8)
        bytes += [0x74, 0x77, 0xC3, 0x28, 0x0A]
        let t = try TestFiles.load(bytes, name: "broken.txt")
        #expect(t.texts == ["Hello, naïve.", "One tw\u{FFFD}("])
        #expect(t.warnings.first { $0.kind == .invalidUTF8 }?.line == 3)
    }
}

struct FormatListTests {
    /// Every `--format` name is in the README's table of formats.
    @Test func theREADMEListsEveryFormat() throws {
        let root = URL(fileURLWithPath: TestFiles.samplePath).deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        for format in TranscriptFormat.allCases {
            #expect(readme.contains("| `\(format.rawValue)` |"), "\(format.rawValue) is missing from README's formats")
        }
    }
}

/// Mutations of files in the new shapes: each reads or is refused with a
/// `LoadError`, and what reads keeps the model's promises about time.
struct MutatedShapeTests {
    static let seeds = [
        MarkdownTranscriptTests.episode,
        "[Sarah]: Hello there.\n[00:00:05] [Bob]: Times too.\nMore.\n[~0:00:09] >> Again.\nAnn  1:02\nText.\n",
        "So this is one. And two? Yes.\nA line without an end\n\nMr. Smith said so.\n",
        MarkdownTranscriptTests.withBreak,
    ].map { Array($0.utf8) }
    static let alphabet = Array("*\\[]:~>#-_() \n\r\t0159.,!?aZ".utf8) + [0x00, 0x1B, 0xC3, 0xA9, 0xFF]

    @Test(arguments: [TranscriptFormat.markdown, .speakerText, .plainText, nil])
    func mutatedFilesReadOrAreRefused(format: TranscriptFormat?) async {
        let edit = zip(Gen.int(in: 0...10_000), Gen.int(in: 0...2), Gen.int(in: 0..<Self.alphabet.count))
        let input = zip(Gen.int(in: 0..<Self.seeds.count), edit.array(of: 1...6))
        await propertyCheck(count: 200, input: input) { seedIndex, edits in
            var bytes = Self.seeds[seedIndex]
            for (position, kind, letter) in edits {
                let at = position % (bytes.count + 1)
                switch kind {
                case 0: bytes.insert(Self.alphabet[letter], at: at)
                case 1: if at < bytes.count { bytes.remove(at: at) }
                default: if at < bytes.count { bytes[at] = Self.alphabet[letter] }
                }
            }
            let path = TestFiles.write(bytes, name: "mutated.\(["md", "txt", "txt", "md"][seedIndex])")
            let transcript: Transcript
            do {
                transcript = try TranscriptLoader.load(path: path, format: format)
            } catch {
                #expect(error is LoadError)
                return
            }
            #expect(!transcript.isEmpty)
            #expect(transcript.estimatedCount == transcript.segments.filter(\.estimated).count)
            #expect(transcript.warnings.contains { $0.kind == .estimatedTimes } == (transcript.estimatedCount > 0))
            for k in transcript.segments.indices {
                #expect(transcript.start(of: k) >= 0)
                #expect(transcript.end(of: k) >= transcript.start(of: k))
                #expect(!transcript.text(of: k).isEmpty)
                if k > 0 { #expect(transcript.start(of: k) >= transcript.start(of: k - 1)) }
            }
        }
    }
}
