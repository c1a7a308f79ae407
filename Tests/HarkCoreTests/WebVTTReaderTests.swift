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

    // MARK: The specification's rules that parsers get wrong

    @Test func formFeedIsWhitespaceInATimingLine() throws {
        let t = try TestFiles.load("WEBVTT\n\n\u{0C}00:00:01.000\u{0C}-->\t00:00:02.500\u{0C}align:start\nFed.\n", name: "ff.vtt")
        #expect(t.texts == ["Fed."])
        #expect(t.segments.map(\.start) == [1000])
        #expect(t.segments.map(\.end) == [2500])
        #expect(t.warnings.isEmpty)
    }

    @Test func settingsGluedToTheEndTimeAreSettingsAndTheCueIsKept() throws {
        let text =
            "WEBVTT\n\n00:00:01.000 --> 00:00:02.000align:start line:0%\nGlued.\n\n00:03.000 --> 00:04.000size:50%\nShort form.\n"
        let t = try TestFiles.load(text, name: "glued.vtt")
        #expect(t.texts == ["Glued.", "Short form."])
        #expect(t.segments.map(\.end) == [2000, 4000])
        #expect(t.warnings.isEmpty)
    }

    @Test func aTagRunsAcrossLineBreaksAndToTheEndOfTheCue() throws {
        let text =
            "WEBVTT\n\n00:01.000 --> 00:02.000\nBefore <c.loud\nclass>after</c> and\nnext line <i\n\n00:03.000 --> 00:04.000\n<b>Bold</b>\n"
        let t = try TestFiles.load(text, name: "tags.vtt")
        #expect(t.texts == ["Before after and next line", "Bold"])
    }

    /// HTML's rules, not a short list: the whole named table, names
    /// without `;`, the longest name that fits, Windows-1252 numbers.
    @Test func characterReferencesFollowHTMLsRules() throws {
        let text =
            "WEBVTT\n\n00:01.000 --> 00:02.000\nR&amp;D &amp fish &notit; &notin; &#128;5 &eacute;t&eacute; &frac12; &bogus; &#x1F600;\n"
        let t = try TestFiles.load(text, name: "refs.vtt")
        #expect(t.texts == ["R&D & fish ¬it; ∉ €5 été ½ &bogus; 😀"])
    }

    @Test func voiceNamesHaveTheirReferencesDecodedAndSpacesCollapsed() throws {
        let text = "WEBVTT\n\n00:01.000 --> 00:02.000\n<v.loud   Ann &amp;\tBo >Hi &lt;3</v>\n"
        let t = try TestFiles.load(text, name: "voice.vtt")
        #expect(t.segments.map(\.speaker) == ["Ann & Bo"])
        #expect(t.texts == ["Hi <3"])
    }

    @Test func cuesWithEmptyTextStayInTheModelAndTheExports() throws {
        let text = """
            WEBVTT

            00:01.000 --> 00:02.000
            One.

            00:02.000 --> 00:03.000

            00:03.000 --> 00:04.000
            <c.music></c>

            00:04.000 --> 00:05.000
            Four.
            """
        let t = try TestFiles.load(text, name: "empty.vtt")
        #expect(t.texts == ["One.", "", "", "Four."])
        #expect(t.segments.map(\.start) == [1000, 2000, 3000, 4000])
        #expect(t.warnings.isEmpty)
        // Search and word counts see only the text.
        #expect(t.wordCount == 2)
        #expect(TextSearch.matches(of: SearchQuery("one. four"), in: t).map(\.lastSegment) == [3])
        let back = try TestFiles.load(ExportFormat.vtt.render(t), name: "again.vtt")
        #expect(back.texts == t.texts)
        #expect(back.segments.map(\.start) == t.segments.map(\.start))
    }

    @Test func invalidBytesAreReplacedAndWarnedAtTheirOwnLine() throws {
        // UTF-8 (café) with a stray byte: not a Windows-1252 file.
        let bytes = Array("WEBVTT\n\n00:01.000 --> 00:02.000\nGood café\nbad ".utf8) + [0xFF] + Array(" here\n".utf8)
        let t = try TestFiles.load(bytes, name: "bad.vtt")
        #expect(t.texts == ["Good café bad \u{FFFD} here"])
        #expect(t.warnings.map(\.kind) == [.invalidUTF8])
        #expect(t.warnings.map(\.line) == [5])
    }

    // MARK: YouTube's rolling captions

    /// As yt-dlp writes YouTube's automatic captions: a line of spaces
    /// before the first words, inline timestamps, 10 ms hold cues.
    @Test func youTubeCaptionsKeepTheirFirstWordsAtTheirOwnTime() throws {
        let text = """
            WEBVTT
            Kind: captions
            Language: en

            00:00:00.160 --> 00:00:02.070 align:start position:0%
             
            hey<00:00:00.480><c> everyone</c>

            00:00:02.070 --> 00:00:02.080 align:start position:0%
            hey everyone
             

            00:00:02.080 --> 00:00:04.950 align:start position:0%
            hey everyone
            welcome<00:00:02.399><c> back</c>

            00:00:04.950 --> 00:00:04.960 align:start position:0%
            welcome back
             

            00:00:04.960 --> 00:00:07.000 align:start position:0%
            welcome back
            welcome<00:00:05.300><c> back</c>
            """
        let t = try TestFiles.load(text, name: "youtube.vtt")
        #expect(t.texts == ["hey everyone", "welcome back", "welcome back"])
        #expect(t.segments.map(\.start) == [160, 2080, 4960])
        #expect(t.warningKinds == [.rollingCaptions])
    }

    /// In a rolling file, a cue of ordinary length that says again what the
    /// cue before it said is speech: only the short hold cues go.
    @Test func aRollingFileKeepsACueThatRepeatsThePreviousWhole() throws {
        let text = """
            WEBVTT

            00:00.000 --> 00:02.000
            no

            00:02.000 --> 00:02.010
            no

            00:02.010 --> 00:04.000
            no
            no way

            00:04.000 --> 00:06.000
            no way

            00:06.000 --> 00:08.000
            no way
            really
            """
        let t = try TestFiles.load(text, name: "repeat-rolling.vtt")
        #expect(t.texts == ["no", "no way", "no way", "really"])
        #expect(t.segments.map(\.start) == [0, 2010, 4000, 6000])
    }

    /// A large file is read as two halves at once, cut where a cue's block
    /// starts: the same transcript as reading it whole.
    @Test func readingInHalvesGivesTheSameTranscript() throws {
        var text = "WEBVTT\nKind: captions\n\n"
        for k in 0..<300 {
            let start = TimeFormat.subtitle(Milliseconds(k) * 1000, separator: ".")
            let end = TimeFormat.subtitle(Milliseconds(k) * 1000 + 900, separator: ".")
            if k % 5 == 0 { text += "cue-\(k)\n" }
            if k % 11 == 0 { text += "NOTE a note\n\n" }
            // A timestamp WebVTT does not allow now and then, in both halves: one warning, counted whole.
            let lenient = k % 17 == 0 ? start.replacingOccurrences(of: ".", with: ",") : start
            text += "\(lenient) --> \(end) align:start\n\(k % 13 == 0 ? "" : "<v Ann>Line \(k)\n")\n"
        }
        let path = TestFiles.write(text, name: "halves.vtt")
        let whole = try TranscriptLoader.load(path: path, format: nil, parallelThreshold: .max)
        #expect(whole.segments.count == 300)
        #expect(whole.warnings.filter { $0.kind == .nonStandardTimestamp }.map(\.detail) == ["18 timing lines"])
        for threshold in [1, 100, 5000] {
            let halves = try TranscriptLoader.load(path: path, format: nil, parallelThreshold: threshold)
            #expect(halves.segments.map { $0 } == whole.segments.map { $0 })
            #expect(halves.warnings == whole.warnings)
        }
    }

    /// Two voices in one cue are two turns, each with its speaker.
    @Test func twoVoicesInOneCueAreTwoTurns() throws {
        let text = "WEBVTT\n\n00:01.000 --> 00:03.000\n<v Mary>No way!</v>\n<v Esme>Yes way!</v>\n"
        let t = try TestFiles.load(text, name: "voices.vtt")
        #expect(t.texts == ["No way!", "Yes way!"])
        #expect(t.segments.map(\.speaker) == ["Mary", "Esme"])
        // The two seconds shared by the length of each turn's text.
        let split = 1000 + 2000 * Milliseconds("No way!".utf8.count) / Milliseconds("No way!Yes way!".utf8.count)
        #expect(t.segments.map(\.start) == [1000, split])
        #expect(t.segments.map(\.end) == [split, 3000])
    }

    /// Ruby text annotates the base text; it is not what was said.
    @Test func rubyTextIsLeftOut() throws {
        let text = "WEBVTT\n\n00:01.000 --> 00:02.000\n<ruby>漢<rt>kan</rt>字<rt>ji</rt></ruby> and <rtc>not</rtc> more\n"
        #expect(try TestFiles.load(text, name: "ruby.vtt").texts == ["漢字 and not more"])
    }
}
