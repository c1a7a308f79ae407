import Testing

@testable import HarkCore

struct WhisperTextReaderTests {
    @Test func readsTheSampleInterview() throws {
        let t = try TranscriptLoader.load(path: TestFiles.samplePath)
        #expect(t.format == .whisperText)
        #expect(t.segments.count == 925)
        #expect(t.duration == 4_582_520)
        #expect(t.warnings.isEmpty)
        #expect(t.segments[0] == Segment(start: 0, end: 3760, text: "[MUSIC]", line: 2))
        // `>>` opens six segments: changes of speaker, names unknown.
        #expect(t.segments.indices.filter { t.hasSpeakerChange(at: $0) }.count == 6)
        #expect(t.segments[7].text == "You're listening to Gradient Dissent,")
        #expect(t.segments[7].speakerChange)
        #expect(t.speakers.isEmpty)
    }

    @Test func readsOpenAIWhisperAndWhisperJaxShapes() throws {
        let text = """
            [00:00.000 --> 00:02.500]  First.
            [00:02.500 -> 00:04.000]   Second, with a single arrow.
            [59:59.000 --> 1:00:01.000]   Hours appear past an hour.
            """
        let t = try TestFiles.load(text, name: "openai.txt")
        #expect(t.texts == ["First.", "Second, with a single arrow.", "Hours appear past an hour."])
        #expect(t.segments.map(\.start) == [0, 2500, 3_599_000])
        #expect(t.segments[2].end == 3_601_000)
    }

    @Test func skipsLogLinesWithOneSummaryWarning() throws {
        let text = """
            whisper_init_from_file_with_params_no_state: loading model from 'models/ggml-base.en.bin'
            whisper_model_load: n_vocab = 51864
            [00:00:00.000 --> 00:00:02.000]   Hello.
            system_info: n_threads = 4
            """
        let t = try TestFiles.load(text, name: "log.txt")
        #expect(t.texts == ["Hello."])
        let summary = t.warnings.summarized()
        #expect(summary.count == 1)
        #expect(summary[0].first == LoadWarning(.notASegment, line: 1))
        #expect(summary[0].count == 3)
    }

    @Test func dropsEmptySegmentsAndKeepsNonSpeech() throws {
        let text = "[00:00:00.000 --> 00:00:01.000]  \n[00:00:01.000 --> 00:00:02.000]   (upbeat music)\n"
        let t = try TestFiles.load(text, name: "empty.txt")
        #expect(t.texts == ["(upbeat music)"])
        #expect(t.warningKinds == [.emptySegments])
    }

    @Test func readsSpeakerMarks() throws {
        let text = """
            [00:00:00.000 --> 00:00:01.000]   (speaker 0) Hi, I'm the host. [SPEAKER_TURN]
            [00:00:01.000 --> 00:00:02.000]   (speaker 1) And I'm the guest.
            [00:00:02.000 --> 00:00:03.000]   (speaker ?) Who said that?
            [00:00:03.000 --> 00:00:04.000]   >> Me.
            """
        let t = try TestFiles.load(text, name: "speakers.txt")
        #expect(t.texts == ["Hi, I'm the host.", "And I'm the guest.", "Who said that?", "Me."])
        #expect(t.segments.map(\.speaker) == ["Speaker 0", "Speaker 1", nil, nil])
        #expect(t.segments.map(\.speakerChange) == [false, true, false, true])
        #expect(t.speakers == ["Speaker 0", "Speaker 1"])
    }

    @Test func rejectsCuesWithMinutesPast59AndKeepsTheFile() throws {
        let text = "[00:00:00.000 --> 00:00:01.000]   Good.\n[00:61:00.000 --> 00:62:00.000]   Bad.\n"
        let t = try TestFiles.load(text, name: "range.txt")
        #expect(t.texts == ["Good."])
        #expect(t.warnings == [LoadWarning(.timeOutOfRange, line: 2)])
    }

    @Test func thousandsOfHoursDoNotOverflow() throws {
        let t = try TestFiles.load("[1000:00:00.000 --> 1000:00:01.500]   Late.\n", name: "long.txt")
        #expect(t.segments[0].start == 3_600_000_000)
        #expect(t.duration == 3_600_001_500)
    }

    /// Large files are read in two halves at once; the result must be the
    /// same as reading them in one go, line numbers and warnings included.
    @Test func readingInPartsGivesTheSameTranscript() throws {
        var lines: [String] = []
        for k in 0..<400 {
            let start = TimeFormat.subtitle(Int64(k) * 1000, separator: ".")
            let end = TimeFormat.subtitle(Int64(k) * 1000 + 900, separator: ".")
            switch k % 50 {
            case 7: lines.append("log line \(k)")
            case 13: lines.append("[\(start) --> \(end)]   (speaker \(k % 3)) Turn \(k). [SPEAKER_TURN]")
            case 21: lines.append("[\(start) --> \(end)]  ")
            default: lines.append("[\(start) --> \(end)]   Segment number \(k), café.")
            }
        }
        let path = TestFiles.write(lines.joined(separator: "\r\n"), name: "parts.txt")
        let whole = try TranscriptLoader.load(path: path, format: nil, parallelThreshold: .max)
        let parts = try TranscriptLoader.load(path: path, format: nil, parallelThreshold: 1)
        #expect(Array(parts.segments) == Array(whole.segments))
        #expect(parts.speakers == whole.speakers)
        #expect(parts.warnings == whole.warnings)
        #expect(parts.duration == whole.duration)
        #expect(parts.withContinuousText { Array($0) } == whole.withContinuousText { Array($0) })
    }
}
