import Testing

@testable import HarkCore

struct JSONReaderTests {
    @Test func readsOpenAIWhisperJSON() throws {
        let json = """
            {"text": " Hi there. Bye.", "language": "en", "segments": [
              {"id": 0, "seek": 0, "start": 0.0, "end": 7.6000000000000005, "text": " Hi there.",
               "tokens": [50364, 2421], "temperature": 0.0, "avg_logprob": -0.25, "no_speech_prob": 0.01, "words": null},
              {"id": 1, "seek": 760, "start": 7.6, "end": 9.12, "text": " Bye."}]}
            """
        let t = try TestFiles.load(json, name: "whisper.json")
        #expect(t.format == .whisperJSON)
        #expect(
            Array(t.segments) == [
                Segment(start: 0, end: 7600, text: "Hi there."), Segment(start: 7600, end: 9120, text: "Bye."),
            ])
    }

    @Test func readsVerboseJSONWithWords() throws {
        let json = """
            {"task": "transcribe", "language": "english", "duration": 2.5, "text": "Hello.",
             "segments": [{"id": 0, "start": 0, "end": 2, "text": "Hello."}],
             "words": [{"word": "Hello", "start": 0.0, "end": 0.5}]}
            """
        let t = try TestFiles.load(json, name: "verbose.json")
        #expect(Array(t.segments) == [Segment(start: 0, end: 2000, text: "Hello.")])
    }

    @Test func missingEndTakesTheNextStart() throws {
        let json =
            #"{"segments": [{"start": 1.0, "end": null, "text": "a"}, {"start": 3.5, "end": 4.0, "text": "b"}, {"start": 5, "text": "c"}]}"#
        let t = try TestFiles.load(json, name: "noend.json")
        #expect(t.segments.map(\.end) == [3500, 4000, 7000])
        #expect(t.warnings.map(\.kind) == [.missingEnd, .missingEnd])
        #expect(t.warnings[0].detail == "segments[0]")
    }

    @Test func skipsItemsThatAreNotSegments() throws {
        let json = #"{"segments": [{"start": 0, "end": 1, "text": "ok"}, 42, {"start": true, "text": "bool start"}, {"end": 3}]}"#
        let t = try TestFiles.load(json, name: "items.json")
        #expect(t.texts == ["ok"])
        #expect(t.warnings.map(\.kind) == [.invalidItem, .invalidItem, .invalidItem])
    }

    @Test func readsWhisperCppJSON() throws {
        let json = """
            {"systeminfo": "AVX = 1", "model": {"type": "base"}, "transcription": [
              {"timestamps": {"from": "00:00:00,000", "to": "00:00:05,000"}, "offsets": {"from": 0, "to": 5000},
               "text": " Hello.", "speaker_turn_next": true},
              {"timestamps": {"from": "00:00:05,000", "to": "00:00:07,000"}, "text": " World."}]}
            """
        let t = try TestFiles.load(json, name: "cpp.json")
        #expect(t.format == .whisperCppJSON)
        #expect(
            Array(t.segments) == [
                Segment(start: 0, end: 5000, text: "Hello."),
                Segment(start: 5000, end: 7000, text: "World.", speakerChange: true),
            ])
    }

    @Test func readsDiarizedJSON() throws {
        let json = """
            {"segments": [{"start": 0.5, "end": 1.5, "text": " Hi", "speaker": "SPEAKER_00",
                           "words": [{"word": "Hi", "start": 0.5, "end": 1.0, "speaker": "SPEAKER_00"}]},
                          {"start": 1.5, "end": 2.5, "text": " Yo", "speaker": "SPEAKER_01"},
                          {"type": "transcript.text.segment", "start": 2.5, "end": 3, "text": "A", "speaker": "A"}]}
            """
        let t = try TestFiles.load(json, name: "whisperx.json")
        #expect(t.format == .diarizedJSON)
        #expect(t.speakers == ["SPEAKER_00", "SPEAKER_01", "A"])
        #expect(t.segments.map(\.speaker) == ["SPEAKER_00", "SPEAKER_01", "A"])
    }

    @Test func readsPodcastingJSONAndJoinsWordLevelSegments() throws {
        let json = """
            {"version": "1.0.0", "segments": [
              {"speaker": "Alban", "startTime": 0.8, "endTime": 1.2, "body": "Hello"},
              {"speaker": "Alban", "startTime": 1.2, "endTime": 1.5, "body": "there."},
              {"speaker": "Bob", "startTime": 1.6, "endTime": 1.9, "body": "Hi"},
              {"speaker": "Bob", "startTime": 1.9, "endTime": 2.2, "body": "back"}]}
            """
        let t = try TestFiles.load(json, name: "podcast.json")
        #expect(t.format == .podcastJSON)
        #expect(
            Array(t.segments) == [
                Segment(start: 800, end: 1500, speaker: "Alban", text: "Hello there."),
                Segment(start: 1600, end: 2200, speaker: "Bob", text: "Hi back"),
            ])
    }

    @Test func readsPodcastingJSONWithPhraseSegmentsAsTheyAre() throws {
        let json =
            #"{"version": "1.0.0", "segments": [{"speaker": "A", "startTime": 0, "endTime": 2, "body": "A whole phrase here."}]}"#
        #expect(try TestFiles.load(json, name: "phrases.json").texts == ["A whole phrase here."])
    }

    @Test func malformedJSONIsAnErrorNamingTheFile() throws {
        let path = TestFiles.write(#"{"segments": [1,"#, name: "broken.json")
        #expect {
            try TranscriptLoader.load(path: path)
        } throws: { error in
            let error = error as! LoadError
            return error.path == path && error.reason.hasPrefix("not valid JSON")
        }
    }

    @Test func jsonWithoutSegmentsSaysWhatWasExpected() throws {
        let path = TestFiles.write(#"{"results": []}"#, name: "other.json")
        #expect(
            throws: LoadError(
                path: path, reason: "JSON without transcript segments: expected a \"segments\" or \"transcription\" array")
        ) { try TranscriptLoader.load(path: path) }
    }

    /// hark's own JSON export read back: estimated times stay estimated, as written.
    @Test func estimatedTimesSurviveTheJSONExport() throws {
        let markdown = try TestFiles.load("**Host:** Hello there, how are you.\n\n**Guest:** Fine.\n", name: "talk.md")
        #expect(markdown.segments.allSatisfy { $0.estimated })
        let back = try TestFiles.load(ExportFormat.json.render(markdown), name: "talk.json")
        #expect(back.segments.map { $0.estimated } == [true, true])
        #expect(back.segments.map(\.start) == markdown.segments.map(\.start))
        #expect(back.segments.map(\.end) == markdown.segments.map(\.end))
    }

    /// Segments, escapes and numbers that cross the scanner's window edges
    /// read as they would in one piece.
    @Test func aFileLargerThanTheWindowReadsWhole() throws {
        let count = 12_000
        var json = "{\"segments\": ["
        for k in 0..<count {
            json += (k == 0 ? "" : ", ")
            json +=
                #"{"start": \#(Double(k) * 1.5), "end": \#(Double(k) * 1.5 + 1.25), "text": " Line \#(k) \"q\" caf\u00e9 \ud83d\ude00", "#
            json += #""tokens": [\#((0..<40).map { String($0 * 977) }.joined(separator: ", "))]}"#
        }
        json += "]}"
        #expect(json.utf8.count > 2 * JSONScanner.windowSize)
        let t = try TestFiles.load(json, name: "long.json")
        #expect(t.segments.count == count)
        #expect(t.texts.last == "Line \(count - 1) \"q\" café 😀")
        #expect(t.segments.last?.start == Milliseconds((Double(count - 1) * 1500).rounded()))
        #expect(t.warnings.isEmpty)
    }
}

struct SpeakerTextReaderTests {
    @Test func readsOtterExports() throws {
        let text = """
            Sarah Catanzaro  0:00
            Hello there, this is Otter.

            Lukas Biewald  0:49
            And this is me.
            Still me.

            Sarah Catanzaro  1:02:03
            Later.
            """
        let t = try TestFiles.load(text, name: "otter.txt")
        #expect(t.format == .speakerText)
        #expect(
            Array(t.segments) == [
                Segment(start: 0, end: 49_000, speaker: "Sarah Catanzaro", text: "Hello there, this is Otter.", line: 1),
                Segment(start: 49_000, end: 3_723_000, speaker: "Lukas Biewald", text: "And this is me. Still me.", line: 4),
                Segment(start: 3_723_000, end: 3_723_400, speaker: "Sarah Catanzaro", text: "Later.", line: 8),
            ])
    }

    @Test func readsRevStyleTurns() throws {
        let text = "Speaker 1 (00:00):\nHi.\n\nSpeaker 2 (00:05): Hello.\nMore.\n"
        let t = try TestFiles.load(text, name: "rev.txt")
        #expect(t.segments.map(\.speaker) == ["Speaker 1", "Speaker 2"])
        #expect(t.texts == ["Hi.", "Hello. More."])
        #expect(t.segments.map(\.start) == [0, 5000])
    }

    @Test func readsBracketedTimes() throws {
        let text = "[00:01:23] Ann: One.\n[00:01:30] Bob: Two.\n[00:01:31] No name here.\n"
        let t = try TestFiles.load(text, name: "bracket.txt")
        #expect(t.segments.map(\.speaker) == ["Ann", "Bob", nil])
        #expect(t.segments.map(\.start) == [83_000, 90_000, 91_000])
    }

    @Test func estimatesTimesWhenThereAreNone() throws {
        let text = "Ann: One two three.\nBob: Four.\nAnn: Five six.\n"
        let t = try TestFiles.load(text, name: "plain.txt")
        #expect(t.segments.map(\.start) == [0, 1200, 1600])
        #expect(t.warningKinds == [.estimatedTimes])
        #expect(t.speakers == ["Ann", "Bob"])
    }
}

struct FormatDetectionTests {
    @Test func contentWinsOverTheExtension() throws {
        let vtt = "WEBVTT\n\n00:01.000 --> 00:02.000\nI am WebVTT.\n"
        #expect(try TestFiles.load(vtt, name: "misnamed.srt").format == .webvtt)
        let srt = "1\n00:00:01,000 --> 00:00:02,000\nI am SRT.\n"
        #expect(try TestFiles.load(srt, name: "misnamed.vtt").format == .srt)
        let whisper = "[00:00:00.000 --> 00:00:01.000]   I am whisper.\n"
        #expect(try TestFiles.load(whisper, name: "misnamed.srt").format == .whisperText)
        let json = #"[{"start": 0, "end": 1, "text": "I am JSON."}]"#
        #expect(try TestFiles.load(json, name: "misnamed.txt").format == .whisperJSON)
    }

    @Test func extensionBreaksATie() throws {
        let cues = "00:00:01.000 --> 00:00:02.000\nNo index, no header.\n"
        #expect(try TestFiles.load(cues, name: "tie.srt").format == .srt)
        #expect(try TestFiles.load(cues, name: "tie.vtt").format == .webvtt)
    }

    @Test func formatOptionOverridesDetection() throws {
        let text = "1\n00:00:01,000 --> 00:00:02,000\nHello.\n"
        #expect(try TestFiles.load(text, name: "forced.txt", format: .webvtt).format == .webvtt)
    }

    @Test func unknownContentAndEmptyFilesAreErrors() throws {
        // Prose is plain text only in a file named so (see PlainTextTests).
        let prose = TestFiles.write("Just some prose.\nNothing timed here.\n", name: "prose.log")
        #expect(throws: LoadError(path: prose, reason: TranscriptLoader.notRecognised)) { try TranscriptLoader.load(path: prose) }
        #expect(TranscriptLoader.notRecognised.contains("--format"))
        let empty = TestFiles.write("", name: "empty.srt")
        #expect(throws: LoadError(path: empty, reason: "the file is empty")) { try TranscriptLoader.load(path: empty) }
        #expect(throws: LoadError(path: "/nonexistent/x.srt", reason: "no such file")) {
            try TranscriptLoader.load(path: "/nonexistent/x.srt")
        }
    }

    @Test func fileWithNoSegmentSaysWhatWasExpected() throws {
        let path = TestFiles.write("1\n00:00:01,000 --> 00:00:02,000\n\n", name: "nothing.srt")
        #expect(
            throws: LoadError(
                path: path,
                reason:
                    "no segment found (read as SRT subtitles: expected cues like 00:00:01,000 --> 00:00:04,000 followed by text): "
                    + "\(LoadWarning.Kind.emptySegments.rawValue) (line 2)")
        ) { try TranscriptLoader.load(path: path) }
    }

    @Test func fileWithNothingLeftSaysWhy() throws {
        let cues =
            "1\n00:00:01,000 --> 00:0x:02,000\nOne.\n\n2\n00:00:03,000 --> 00:00:99,000\nTwo.\n\n3\n00:00:05,000 --> 0a:00:06,000\nThree.\n"
        let path = TestFiles.write(cues, name: "broken.srt")
        do {
            _ = try TranscriptLoader.load(path: path, format: .srt)
            Issue.record("a file with no cue left loaded")
        } catch let error as LoadError {
            let malformed = LoadWarning.Kind.malformedTimestamp.rawValue
            let range = LoadWarning.Kind.timeOutOfRange.rawValue
            #expect(error.reason.hasPrefix("no segment found (read as SRT subtitles"))
            #expect(error.reason.hasSuffix("): \(malformed) (2 times, first at line 2); \(range) (line 6)"))
        }
        // A file with no segment and nothing skipped has nothing to add.
        let indexes = TestFiles.write("1\n2\n", name: "indexes.srt")
        #expect(throws: LoadError(path: indexes, reason: TranscriptLoader.nothingLeft(format: .srt, warnings: []))) {
            try TranscriptLoader.load(path: indexes, format: .srt)
        }
        #expect(!TranscriptLoader.nothingLeft(format: .srt, warnings: []).contains("):"))
    }
}
