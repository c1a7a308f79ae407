import Testing

@testable import HarkCore

struct WebVTTReaderTests {
    @Test func readsHeaderBlocksAndCues() throws {
        let text = """
            WEBVTT - This file has a title
            Kind: captions
            Language: en
            X-TIMESTAMP-MAP=LOCAL:00:00:00.000,MPEGTS:900000

            NOTE a comment
            that spans lines

            STYLE
            ::cue { color: yellow }

            REGION
            id:fred width:40%

            intro
            00:00.000 --> 00:02.000 align:start position:10%
            Hello.

            00:00:02.000 --> 00:00:04.000 line:0
            Second.
            """
        let t = try TestFiles.load(text, name: "full.vtt")
        #expect(t.format == .webvtt)
        #expect(
            Array(t.segments) == [
                Segment(start: 0, end: 2000, text: "Hello.", line: 16),
                Segment(start: 2000, end: 4000, text: "Second.", line: 19),
            ])
        #expect(t.warnings.isEmpty)
    }

    @Test func signatureMayBeFollowedByTabOrBOM() throws {
        #expect(try TestFiles.load("WEBVTT\tx\n\n00:01.000 --> 00:02.000\nTab.\n", name: "tab.vtt").texts == ["Tab."])
        let bom = [0xEF, 0xBB, 0xBF] + Array("WEBVTT\n\n00:01.000 --> 00:02.000\nBOM.\n".utf8)
        #expect(try TestFiles.load(bom, name: "bom.vtt").texts == ["BOM."])
    }

    @Test func voiceSpansNameTheSpeaker() throws {
        let text = """
            WEBVTT

            00:00.000 --> 00:01.000
            <v Sarah Catanzaro>Hello.</v>

            00:01.000 --> 00:02.000
            <v.loud.first Lukas>Hi!

            00:02.000 --> 00:03.000
            <v Speaker0> whisper.cpp style

            00:03.000 --> 00:04.000
            No voice.
            """
        let t = try TestFiles.load(text, name: "voices.vtt")
        #expect(t.segments.map(\.speaker) == ["Sarah Catanzaro", "Lukas", "Speaker0", nil])
        #expect(t.texts == ["Hello.", "Hi!", "whisper.cpp style", "No voice."])
    }

    @Test func stripsTagsAndDecodesCharacterReferences() throws {
        let text = """
            WEBVTT

            00:00.000 --> 00:01.000
            <c.yellow>Class</c> <i>italic</i> <00:00:00.500>timed &amp; &lt;tagged&gt; &nbsp;x&lrm;y&rlm; &#233;&#x4E2D; &bogus;
            """
        let t = try TestFiles.load(text, name: "tags.vtt")
        #expect(t.texts == ["Class italic timed & <tagged> x\u{200E}y\u{200F} é中 &bogus;"])
    }

    /// A cue id that contains `-->` is read as a timing line, as the
    /// specification says; it fails, and the next line starts a new cue.
    @Test func cueIdWithArrowIsATimingLine() throws {
        let text = "WEBVTT\n\nbad-->id\n00:01.000 --> 00:02.000\nKept.\n"
        let t = try TestFiles.load(text, name: "arrowid.vtt")
        #expect(t.texts == ["Kept."])
        #expect(t.warnings == [LoadWarning(.malformedTimestamp, line: 3)])
    }

    @Test func blankLineEndsACueAndStrayTextIsNotACue() throws {
        let text = "WEBVTT\n\n00:01.000 --> 00:02.000\nOne.\n\nstray text\nmore\n\n00:03.000 --> 00:04.000\nTwo.\n"
        let t = try TestFiles.load(text, name: "stray.vtt")
        #expect(t.texts == ["One.", "Two."])
        #expect(t.warnings == [LoadWarning(.notACue, line: 6)])
    }

    @Test func missingHeaderIsReadWithAWarning() throws {
        let t = try TestFiles.load("00:01.000 --> 00:02.000\nNo header.\n", name: "noheader.vtt")
        #expect(t.format == .webvtt)
        #expect(t.texts == ["No header."])
        #expect(t.warnings == [LoadWarning(.missingHeader, line: 1)])
    }

    @Test func nonStandardTimestampsAreReadWithOneWarning() throws {
        let text = "WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nComma.\n\n1:02.5 --> 1:03.0\nShort.\n"
        let t = try TestFiles.load(text, name: "lenient.vtt")
        #expect(t.texts == ["Comma.", "Short."])
        #expect(t.warnings.map(\.kind) == [.nonStandardTimestamp])
        #expect(t.warnings[0].line == 3)
    }

    @Test func rollingYouTubeCaptionsLoseOnlyTheRepeatedLines() throws {
        let text = """
            WEBVTT
            Kind: captions

            00:00:00.000 --> 00:00:02.000
            so today we are going

            00:00:02.000 --> 00:00:02.010
            so today we are going

            00:00:02.010 --> 00:00:04.000
            so today we are going
            to talk<00:00:02.500><c> about</c> models

            00:00:04.000 --> 00:00:06.000
            to talk about models
            yeah yeah so today we are going
            """
        let t = try TestFiles.load(text, name: "rolling.vtt")
        #expect(t.texts == ["so today we are going", "to talk about models", "yeah yeah so today we are going"])
        #expect(t.warningKinds == [.rollingCaptions])
    }

    /// Speech that repeats itself in ordinary captions stays.
    @Test func ordinaryRepeatsAreKept() throws {
        let text =
            "WEBVTT\n\n00:00.000 --> 00:01.000\nYeah.\n\n00:01.000 --> 00:02.000\nYeah.\n\n00:02.000 --> 00:03.000\nRight.\n\n00:03.000 --> 00:04.000\nOkay.\n"
        #expect(try TestFiles.load(text, name: "repeat.vtt").texts == ["Yeah.", "Yeah.", "Right.", "Okay."])
    }
}
