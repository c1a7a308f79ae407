import Testing

@testable import HarkCore

/// WebVTT cues with no text are kept as segments with empty text: every
/// reader of the model must take them (ranges, paragraphs, turns, exports).
struct EmptyCueTests {
    /// Voices, a cue with no text lines, one with only tags, one with only a
    /// voice, and two empty cues at the end.
    static let voices = """
        WEBVTT

        00:00:00.000 --> 00:00:03.000
        <v Ana>Welcome back.

        00:00:03.000 --> 00:00:05.000

        00:00:05.000 --> 00:00:08.000
        <v Ben>Thanks for having me.

        00:00:08.000 --> 00:00:09.000
        <v Ben></v>

        00:00:09.000 --> 00:00:10.000
        <i> </i>

        00:00:10.000 --> 00:00:14.000
        <v Ana>So tell me about it.

        00:01:00.000 --> 00:01:05.000

        00:01:05.000 --> 00:01:09.000
        <v Ana>And then it grew?

        00:01:12.000 --> 00:01:13.000

        00:01:13.000 --> 00:01:14.000

        """

    @Test func everyRangeLiesInsideTheTextEvenAfterTheLastText() throws {
        let t = try TestFiles.load(Self.voices, name: "voices.vtt")
        #expect(t.segments.count == 10)
        let length = t.withContinuousText { $0.count }
        for index in t.segments.indices {
            let range = t.textRange(of: index)
            #expect(range.lowerBound >= 0 && range.upperBound <= length, "segment \(index): \(range) of \(length)")
            if index > 0 { #expect(range.lowerBound >= t.textRange(of: index - 1).lowerBound) }
        }
        #expect(
            t.segments.map(\.text) == [
                "Welcome back.", "", "Thanks for having me.", "", "", "So tell me about it.", "", "And then it grew?", "", "",
            ])
        #expect(t.segments.indices.filter { t.hasText($0) } == [0, 2, 5, 7])
    }

    @Test func everyExportOfAFileEndingInEmptyCuesIsWritten() throws {
        let t = try TestFiles.load(Self.voices, name: "voices.vtt")
        for format in ExportFormat.allCases {
            #expect(!format.render(t).isEmpty, "\(format)")
        }
    }

    @Test func theTextOfSegmentsStopsAtTheLastOneWithText() throws {
        let t = try TestFiles.load(Self.voices, name: "voices.vtt")
        #expect(t.string(ofBytes: t.textRange(of: 0..<2)) == "Welcome back.")
        #expect(t.string(ofBytes: t.textRange(of: 2..<5)) == "Thanks for having me.")
        #expect(t.textRange(of: 8..<10).isEmpty)
        #expect(t.string(ofBytes: t.textRange(of: 1..<3)) == "Thanks for having me.")
    }

    @Test func anEmptyCueNeverMakesAParagraphOfItsOwn() throws {
        let t = try TestFiles.load(Self.voices, name: "voices.vtt")
        let paragraphs = Paragraphs.of(t)
        // Empty cues join the paragraph before them; the 46 s from "So tell
        // me about it." to "And then it grew?" is a pause, though the empty
        // cue between ends when the next begins.
        #expect(paragraphs.map(\.segments) == [0..<2, 2..<5, 5..<7, 7..<10])
        #expect(paragraphs.allSatisfy { !t.textRange(of: $0.segments).isEmpty })
        #expect(paragraphs.map(\.speaker) == ["Ana", "Ben", "Ana", "Ana"])
    }

    @Test func aParagraphFoundFromAnySegmentIsTheOneFoundFromTheStart() throws {
        let t = try TestFiles.load(Self.voices, name: "voices.vtt")
        let paragraphs = Paragraphs.of(t)
        for index in t.segments.indices {
            let start = Paragraphs.hardBreak(atOrBefore: index, in: t)
            let holding = paragraphs.first { $0.segments.contains(index) }!
            #expect(start == holding.segments.lowerBound, "segment \(index)")
        }
    }

    @Test func aSpeakerIsComparedWithTheLastSegmentWithText() throws {
        let text = """
            WEBVTT

            00:00.000 --> 00:02.000
            <v Ana>One.

            00:02.000 --> 00:03.000

            00:03.000 --> 00:05.000
            <v Ana>Two.

            00:05.000 --> 00:06.000
            &gt;&gt;

            00:06.000 --> 00:08.000
            Three.
            """
        let t = try TestFiles.load(text, name: "turns.vtt")
        #expect(t.segments.map(\.text) == ["One.", "", "Two.", "", "Three."])
        // No new turn for Ana after a cue that says nothing; the change
        // marked on a cue without text passes to the next text.
        #expect(t.hasSpeakerChange(at: 3))
        #expect(t.segments.indices.map { t.startsTurn(at: $0) } == [false, false, false, false, true])
        #expect(Paragraphs.of(t).map(\.segments) == [0..<4, 4..<5])
        #expect(ExportFormat.txt.render(t) == "[0:00:00] Ana:\nOne. Two.\n\n[0:00:06] >>\nThree.\n\n")
        // SRT cannot say it on a cue without text, so it says it on the next.
        #expect(
            ExportFormat.srt.render(t).hasSuffix(
                "4\n00:00:05,000 --> 00:00:06,000\n\n5\n00:00:06,000 --> 00:00:08,000\n>> Three.\n\n"))
        #expect(ExportFormat.vtt.render(t).contains("00:00:05.000 --> 00:00:06.000\n&gt;&gt;\n\n"))
    }

    @Test func aLeadingEmptyCueGivesTheFirstParagraphNeitherItsTimeNorItsSpeaker() throws {
        let text = """
            WEBVTT

            00:00.000 --> 00:04.000

            00:04.000 --> 00:06.000
            <v Ana>Hello.
            """
        let t = try TestFiles.load(text, name: "leading.vtt")
        let paragraphs = Paragraphs.of(t)
        #expect(paragraphs.count == 1)
        #expect(paragraphs[0].start == 4000)
        #expect(paragraphs[0].speaker == "Ana")
        #expect(ExportFormat.txt.render(t) == "[0:00:04] Ana:\nHello.\n\n")
    }

    @Test func subtitleExportsKeepEmptyCuesAsTimesAlone() throws {
        let t = try TestFiles.load(Self.voices, name: "voices.vtt")
        let srt = ExportFormat.srt.render(t)
        #expect(srt.contains("1\n00:00:00,000 --> 00:00:03,000\nAna: Welcome back.\n\n2\n00:00:03,000 --> 00:00:05,000\n\n3\n"))
        #expect(srt.contains("4\n00:00:08,000 --> 00:00:09,000\n\n5\n"))
        #expect(srt.hasSuffix("10\n00:01:13,000 --> 00:01:14,000\n\n"))
        #expect(!srt.contains("\n\n\n"))
        let vtt = ExportFormat.vtt.render(t)
        #expect(vtt.contains("\n00:00:03.000 --> 00:00:05.000\n\n00:00:05.000"))
        #expect(vtt.contains("\n00:00:08.000 --> 00:00:09.000\n<v Ben>\n\n"))
        #expect(!vtt.contains("\n\n\n"))
        // And WebVTT reads back cue for cue.
        let back = try TestFiles.load(vtt, name: "back.vtt")
        #expect(Array(back.segments).map(\.text) == Array(t.segments).map(\.text))
        #expect(Array(back.segments).map(\.start) == Array(t.segments).map(\.start))
        #expect(
            ExportFormat.json.render(t).contains(
                "{\"index\": 1, \"start\": 3.0, \"end\": 5.0, \"speaker\": null, \"text\": \"\"}"))
    }

    @Test func readableExportsShowNoEmptyParagraphAndNoTrailingSpace() throws {
        let t = try TestFiles.load(Self.voices, name: "voices.vtt")
        let txt = ExportFormat.txt.render(t)
        #expect(
            txt == """
                [0:00:00] Ana:
                Welcome back.

                [0:00:05] Ben:
                Thanks for having me.

                [0:00:10] Ana:
                So tell me about it.

                [0:01:05] Ana:
                And then it grew?


                """)
        #expect(!ExportFormat.md.render(t).contains(" \n"))
    }

    @Test func aTranscriptOfEmptyCuesOnlyExportsNoParagraph() throws {
        let t = try TestFiles.load("WEBVTT\n\n00:01.000 --> 00:02.000\n\n00:02.000 --> 00:03.000\n<i></i>\n", name: "nothing.vtt")
        #expect(t.segments.count == 2)
        #expect(ExportFormat.txt.render(t) == "")
        #expect(ExportFormat.srt.render(t) == "1\n00:00:01,000 --> 00:00:02,000\n\n2\n00:00:02,000 --> 00:00:03,000\n\n")
    }
}

struct EmptyCueOrderTests {
    @Test func cuesOutOfOrderAreSortedWithTheirEmptyTexts() throws {
        let text = """
            WEBVTT

            00:05.000 --> 00:06.000
            Five.

            00:01.000 --> 00:02.000

            00:03.000 --> 00:04.000
            Three.

            00:07.000 --> 00:08.000

            00:00.000 --> 00:01.000

            """
        let t = try TestFiles.load(text, name: "order.vtt")
        #expect(t.segments.map(\.start) == [0, 1000, 3000, 5000, 7000])
        #expect(t.segments.map(\.text) == ["", "", "Three.", "Five.", ""])
        #expect(t.string(ofBytes: t.textRange(of: 0..<5)) == "Three. Five.")
        #expect(Paragraphs.of(t).map(\.segments) == [0..<5])
        #expect(ExportFormat.txt.render(t) == "[0:00:03]\nThree. Five.\n\n")
    }
}

struct EmptyCuePartTests {
    /// A file read in two halves at once gives the segments it gives read
    /// whole, whichever half holds the cues without text.
    @Test(arguments: [
        "text text empty empty empty empty empty empty",
        "empty empty empty empty empty empty text text",
        "empty text empty empty text empty empty empty",
        "empty empty empty empty empty empty empty empty",
    ])
    func halvesMeetWhereverTheEmptyCuesAre(_ shape: String) throws {
        var file = "WEBVTT\n\n"
        for (k, kind) in shape.split(separator: " ").enumerated() {
            file += "00:00:\(10 + k).000 --> 00:00:\(11 + k).000\n"
            file += kind == "text" ? "Cue number \(k) has text.\n\n" : "\n"
        }
        let path = TestFiles.write(file, name: "halves.vtt")
        let whole = try TranscriptLoader.load(path: path, format: nil, parallelThreshold: 1 << 30)
        let halves = try TranscriptLoader.load(path: path, format: nil, parallelThreshold: 16)
        #expect(Array(halves.segments) == Array(whole.segments))
        let length = halves.withContinuousText { $0.count }
        for index in halves.segments.indices {
            #expect(halves.textRange(of: index).upperBound <= length)
            #expect(halves.textRange(of: index) == whole.textRange(of: index))
        }
        for format in ExportFormat.allCases { #expect(format.render(halves) == format.render(whole)) }
    }
}
