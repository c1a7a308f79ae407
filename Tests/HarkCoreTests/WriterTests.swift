import Testing

@testable import HarkCore

struct WriterTests {
    private let transcript = Transcript(
        source: "talk.srt", format: .srt,
        segments: [
            Segment(start: 0, end: 3760, text: "[MUSIC]"),
            Segment(start: 3760, end: 7900, speaker: "Sarah", text: "Say \"hi\" & <wave>"),
            Segment(start: 7900, end: 9000, text: "Who's next?", speakerChange: true),
        ])

    @Test func jsonFollowsTheDocumentedSchema() {
        let expected = """
            {"source": "talk.srt", "format": "srt", "duration": 9.0,
             "speakers": ["Sarah"],
             "segments": [
              {"index": 0, "start": 0.0, "end": 3.76, "speaker": null, "text": "[MUSIC]"},
              {"index": 1, "start": 3.76, "end": 7.9, "speaker": "Sarah", "text": "Say \\"hi\\" & <wave>"},
              {"index": 2, "start": 7.9, "end": 9.0, "speaker": null, "text": "Who's next?", "turn": true}],
             "warnings": []}

            """
        #expect(ExportFormat.json.render(transcript) == expected)
    }

    @Test func srtWritesSpeakersAsLabels() {
        let expected = """
            1
            00:00:00,000 --> 00:00:03,760
            [MUSIC]

            2
            00:00:03,760 --> 00:00:07,900
            Sarah: Say "hi" & <wave>

            3
            00:00:07,900 --> 00:00:09,000
            >> Who's next?


            """
        #expect(ExportFormat.srt.render(transcript) == expected)
    }

    @Test func webvttWritesVoiceSpansAndEscapes() {
        let expected = """
            WEBVTT

            00:00:00.000 --> 00:00:03.760
            [MUSIC]

            00:00:03.760 --> 00:00:07.900
            <v Sarah>Say "hi" &amp; &lt;wave&gt;

            00:00:07.900 --> 00:00:09.000
            &gt;&gt; Who's next?


            """
        #expect(ExportFormat.vtt.render(transcript) == expected)
    }

    @Test func textAndMarkdownAreReadableParagraphs() {
        #expect(
            ExportFormat.txt.render(transcript) == """
                [0:00:00]
                [MUSIC]

                [0:00:03] Sarah:
                Say "hi" & <wave>

                [0:00:07] >>
                Who's next?


                """)
        #expect(
            ExportFormat.md.render(transcript) == """
                # talk.srt

                **[0:00:00]**
                \\[MUSIC\\]

                **[0:00:03]** **Sarah:**
                Say "hi" & \\<wave\\>

                **[0:00:07]** **\\>\\>**
                Who's next?


                """)
    }

    @Test func jsonEscapesEverythingThatNeedsIt() {
        #expect(JSONText.quote("a\"b\\c\nd\u{1}") == #""a\"b\\c\nd\u0001""#)
        #expect(JSONText.quote("café \u{85}") == "\"café \\u0085\"")
    }

    @Test func warningsAreExported() throws {
        let t = try TestFiles.load("1\n00:00:02,000 --> 00:00:01,000\nBackwards.\n", name: "w.srt")
        #expect(
            ExportFormat.json.render(t).hasSuffix(
                """
                 "warnings": [
                  {"line": 2, "message": "end before start; end set to start"}]}

                """))
    }
}
