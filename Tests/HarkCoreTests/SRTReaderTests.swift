import Testing

@testable import HarkCore

struct SRTReaderTests {
    @Test func readsPlainSRT() throws {
        let text = "1\n00:00:01,540 --> 00:00:07,399\nHello there,\nsecond line.\n\n2\n00:00:08,000 --> 00:00:09,000\nBye.\n"
        let t = try TestFiles.load(text, name: "plain.srt")
        #expect(t.format == .srt)
        #expect(
            Array(t.segments) == [
                Segment(start: 1540, end: 7399, text: "Hello there, second line.", line: 2),
                Segment(start: 8000, end: 9000, text: "Bye.", line: 7),
            ])
    }

    @Test func toleratesMissingAndOddIndexesAndBlankLines() throws {
        let text = """


            00:00:01,000 --> 00:00:02,000
            no index

            7
            00:00:03,000 --> 00:00:04,000
            index out of order

            blank line inside a cue
            3
            00:00:05,000 --> 00:00:06,000
            no blank line before the next cue
            4
            00:00:07,000 --> 00:00:08,000
            42
            """
        let t = try TestFiles.load(text, name: "odd.srt")
        #expect(
            t.texts == [
                "no index", "index out of order blank line inside a cue", "no blank line before the next cue", "42",
            ])
    }

    @Test func readsTimingVariants() throws {
        let text = """
            1
            00:00:01.000 --> 00:00:02.000
            dots
            2
            00:00:03,000-->00:00:04,000
            no spaces
            3
            00:00:05,000\t-->\t00:00:06,000
            tabs
            4
            00:00:07,000 --> 00:00:08,000 X1:100 X2:200 Y1:10 Y2:20
            coordinates
            5
            00:00:09 --> 00:00:10
            no milliseconds
            6
            00:00:11,46 --> 00:00:12,5
            short fractions
            """
        let t = try TestFiles.load(text, name: "timings.srt")
        #expect(t.texts == ["dots", "no spaces", "tabs", "coordinates", "no milliseconds", "short fractions"])
        #expect(t.segments.map(\.start) == [1000, 3000, 5000, 7000, 9000, 11460])
        #expect(t.segments.last?.end == 12500)
    }

    @Test func stripsMarkupAndKeepsOtherAngleBrackets() throws {
        let text = "1\n00:00:01,000 --> 00:00:02,000\n{\\an8}<i>Italic</i> <b>bold</b> <font color=\"#fff\">font</font> a <3 b\n"
        #expect(try TestFiles.load(text, name: "tags.srt").texts == ["Italic bold font a <3 b"])
    }

    @Test func readsSpeakerPrefixes() throws {
        let text = """
            1
            00:00:01,000 --> 00:00:02,000
            SARAH: Hello.

            2
            00:00:02,000 --> 00:00:03,000
            - Who's there?

            3
            00:00:03,000 --> 00:00:04,000
            >> Dr. Lukas Biewald: Me.

            4
            00:00:04,000 --> 00:00:05,000
            so: not a name, and 10:30 is a time
            """
        let t = try TestFiles.load(text, name: "speakers.srt")
        #expect(t.texts == ["Hello.", "Who's there?", "Me.", "so: not a name, and 10:30 is a time"])
        #expect(t.segments.map(\.speaker) == ["SARAH", nil, "Dr. Lukas Biewald", nil])
        #expect(t.segments.map(\.speakerChange) == [false, true, true, false])
    }

    @Test func skipsCuesWithBadTimesAndKeepsTheRest() throws {
        let text =
            "1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\n00:01:70,000 --> 00:01:71,000\nbad\n\n3\n00:00:05,000 --> junk\nworse\n\n4\n00:00:06,000 --> 00:00:07,000\nfine\n"
        let t = try TestFiles.load(text, name: "bad.srt")
        #expect(t.texts == ["ok", "fine"])
        #expect(t.warnings == [LoadWarning(.timeOutOfRange, line: 6), LoadWarning(.malformedTimestamp, line: 10)])
    }

    @Test func repairsEndBeforeStartAndSortsOutOfOrderCues() throws {
        let text = "1\n00:00:05,000 --> 00:00:04,000\nbackwards\n\n2\n00:00:01,000 --> 00:00:02,000\nearlier\n"
        let t = try TestFiles.load(text, name: "order.srt")
        #expect(t.texts == ["earlier", "backwards"])
        #expect(t.segments[1].end == 5000)
        #expect(t.warningKinds == [.endBeforeStart, .outOfOrder])
    }

    @Test func invalidBytesAreReplacedAndWarnedAtTheirOwnLine() throws {
        // UTF-8 (café) with a broken sequence: not a Windows-1252 file.
        let bytes = Array("1\n00:00:01,000 --> 00:00:02,000\nCafé\nna".utf8) + [0xEF, 0xBB] + Array("ve\n".utf8)
        let t = try TestFiles.load(bytes, name: "bad.srt")
        #expect(t.texts == ["Café na\u{FFFD}ve"])
        #expect(t.warnings.map(\.kind) == [.invalidUTF8])
        #expect(t.warnings.map(\.line) == [4])
    }

    /// A large file is read as two halves at once, cut at a cue: the result
    /// is the same as reading it whole, wherever the cut falls.
    @Test func readingInHalvesGivesTheSameTranscript() throws {
        var text = ""
        for k in 0..<400 {
            let start = TimeFormat.subtitle(Milliseconds(k) * 1000, separator: ",")
            let end = TimeFormat.subtitle(Milliseconds(k) * 1000 + 900, separator: ",")
            text += "\(k + 1)\r\n\(start) --> \(end)\r\n<i>Line \(k)</i>\r\n\(k % 7 == 0 ? "- Second speaker\r\n" : "")\r\n"
        }
        let path = TestFiles.write(text, name: "halves.srt")
        let whole = try TranscriptLoader.load(path: path, format: nil, parallelThreshold: .max)
        for threshold in [1, 100, 5000] {
            let halves = try TranscriptLoader.load(path: path, format: nil, parallelThreshold: threshold)
            #expect(halves.segments.map { $0 } == whole.segments.map { $0 })
            #expect(halves.warnings == whole.warnings)
        }
    }

    /// A cue of two speakers, each line opened by a dash (with or without
    /// its space) or `>>`, is two turns: the cue's time shared by their text.
    @Test func aDialogueCueIsOneTurnPerSpeaker() throws {
        let text = """
            1
            00:00:01,000 --> 00:00:03,000
            <i>- Where?</i>
            <i>- Right here, now.</i>

            2
            00:00:04,000 --> 00:00:06,000
            -Why?
            -Because.

            3
            00:00:07,000 --> 00:00:09,000
            Yes, I agree.
            >> No, you do not.

            4
            00:00:10,000 --> 00:00:11,000
            It is -5 degrees
            - and falling
            """
        let t = try TestFiles.load(text, name: "dialogue.srt")
        #expect(
            t.texts == [
                "Where?", "Right here, now.", "Why?", "Because.", "Yes, I agree.", "No, you do not.", "It is -5 degrees",
                "and falling",
            ])
        #expect(t.segments.map(\.speakerChange) == [true, true, true, true, false, true, false, true])
        // Each cue's time is shared by the length of its turns' text.
        for cue in 0..<4 {
            let (first, second) = (t.segments[2 * cue], t.segments[2 * cue + 1])
            let share = Milliseconds(first.text.utf8.count) * (second.end - first.start)
            #expect(first.end == first.start + share / Milliseconds(first.text.utf8.count + second.text.utf8.count))
            #expect(second.start == first.end)
            #expect(first.start == Milliseconds(cue) * 3000 + 1000)
        }
    }

    /// Turns in one cue: each may name its speaker, times never overflow, and
    /// a cue that ends before it starts is repaired once.
    @Test func turnsInACueNameTheirSpeakersAndKeepTheirTimesSane() throws {
        let text = """
            1
            00:00:01,000 --> 00:00:03,000
            - JOHN: Where?
            - MARY: Here.

            2
            00:00:05,000 --> 00:00:02,000
            - Hi
            - Yo

            3
            999999999999:00:00,000 --> 999999999999:00:00,500
            - \(String(repeating: "long ", count: 2000))
            - end
            """
        let t = try TestFiles.load(text, name: "turns.srt")
        #expect(t.segments.prefix(2).map(\.speaker) == ["JOHN", "MARY"])
        #expect(t.texts.prefix(4) == ["Where?", "Here.", "Hi", "Yo"])
        #expect(t.segments.allSatisfy { $0.end >= $0.start })
        #expect(t.segments[2].start == 5000 && t.segments[3].end == 5000)
        #expect(t.warnings.filter { $0.kind == .endBeforeStart }.count == 1)
        #expect(t.segments.count == 6)
    }

    /// A line of digits right after a timing line is text, in halves too.
    @Test func digitsAfterATimingLineAreTextWhereverTheFileIsCut() throws {
        let text = (0..<300).map { k in
            "\(TimeFormat.subtitle(Milliseconds(k) * 1000, separator: ",")) --> "
                + "\(TimeFormat.subtitle(Milliseconds(k) * 1000 + 900, separator: ","))\n\(1900 + k)\n"
        }.joined()
        let path = TestFiles.write("stray line\n" + text + "another stray\n", name: "digits.srt")
        let whole = try TranscriptLoader.load(path: path, format: nil, parallelThreshold: .max)
        #expect(whole.segments.count == 300)
        let halves = try TranscriptLoader.load(path: path, format: nil, parallelThreshold: 1)
        #expect(halves.segments.map { $0 } == whole.segments.map { $0 })
        #expect(halves.warnings == whole.warnings)
    }

    /// Subtitles for the deaf qualify a speaker in brackets: the speaker is the name before them.
    @Test func aQualifiedLabelNamesItsSpeaker() throws {
        let text = """
            1
            00:00:01,000 --> 00:00:02,000
            NARRATOR (V.O.): It was late.

            2
            00:00:03,000 --> 00:00:04,000
            MAN (ON TV): Breaking news.

            3
            00:00:05,000 --> 00:00:06,000
            so (maybe): not a name
            """
        let t = try TestFiles.load(text, name: "sdh.srt")
        #expect(t.segments.map(\.speaker) == ["NARRATOR", "MAN", nil])
        #expect(t.texts == ["It was late.", "Breaking news.", "so (maybe): not a name"])
    }
}
