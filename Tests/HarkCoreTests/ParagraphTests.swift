import Testing

@testable import HarkCore

struct ParagraphTests {
    private func segment(_ start: Int64, _ end: Int64, _ text: String, speaker: String? = nil, change: Bool = false) -> Segment {
        Segment(start: start, end: end, speaker: speaker, text: text, speakerChange: change)
    }

    @Test func breaksOnSpeakerChangesAndPauses() {
        let t = Transcript(
            source: "t", format: .srt,
            segments: [
                segment(0, 1000, "One."), segment(1000, 2000, "Two."),
                segment(2000, 3000, "Marked change.", change: true),
                segment(5500, 6000, "After a 2.5 s pause."),
                segment(6000, 7000, "Named.", speaker: "Ann"), segment(7000, 8000, "Still Ann.", speaker: "Ann"),
                segment(8000, 9000, "Bob now.", speaker: "Bob"),
            ])
        let paragraphs = Paragraphs.of(t)
        #expect(paragraphs.map(\.segments) == [0..<2, 2..<3, 3..<4, 4..<6, 6..<7])
        #expect(paragraphs.map(\.startsTurn) == [false, true, false, true, true])
        #expect(paragraphs.map(\.speaker) == [nil, nil, nil, "Ann", "Bob"])
        #expect(paragraphs[3].start == 6000 && paragraphs[3].end == 8000)
    }

    @Test func aPauseJustUnderTheLimitDoesNotBreak() {
        let t = Transcript(source: "t", format: .srt, segments: [segment(0, 1000, "a"), segment(3499, 4000, "b")])
        #expect(Paragraphs.of(t).count == 1)
    }

    @Test func endsAfterTheSentenceThatPassesEightyWords() {
        let tenWords = "one two three four five six seven eight nine ten"
        var segments: [Segment] = []
        for k in 0..<8 { segments.append(segment(Int64(k) * 1000, Int64(k + 1) * 1000, tenWords)) }  // 80 words, no full stop
        segments.append(segment(8000, 9000, "and the sentence ends here."))
        segments.append(segment(9000, 10000, "A new paragraph."))
        let paragraphs = Paragraphs.of(Transcript(source: "t", format: .srt, segments: segments))
        #expect(paragraphs.map(\.segments) == [0..<9, 9..<10])
    }

    @Test func unpunctuatedTextStillBreaks() {
        let twenty = Array(repeating: "word", count: 20).joined(separator: " ")
        let segments = (0..<20).map { segment(Int64($0) * 1000, Int64($0 + 1) * 1000, twenty) }
        let paragraphs = Paragraphs.of(Transcript(source: "t", format: .srt, segments: segments))
        #expect(paragraphs.map(\.segments.count) == [8, 8, 4])
    }

    @Test func nonSpeechStandsAlone() {
        let t = Transcript(
            source: "t", format: .srt,
            segments: [
                segment(0, 1000, "[MUSIC]"), segment(1000, 2000, "Hello."), segment(2000, 3000, "(upbeat music)"),
            ])
        #expect(Paragraphs.of(t).map(\.segments) == [0..<1, 1..<2, 2..<3])
    }

    @Test func everySegmentOfTheSampleIsInExactlyOneParagraph() throws {
        let t = try TranscriptLoader.load(path: TestFiles.samplePath)
        let paragraphs = Paragraphs.of(t)
        #expect(paragraphs.first?.segments.lowerBound == 0)
        #expect(paragraphs.last?.segments.upperBound == t.segments.count)
        for (a, b) in zip(paragraphs, paragraphs.dropFirst()) { #expect(a.segments.upperBound == b.segments.lowerBound) }
        #expect(paragraphs.filter(\.startsTurn).count == 6)
    }

    @Test(arguments: [
        ("[MUSIC]", true), ("(upbeat music)", true), ("[LAUGH] [APPLAUSE]", true), ("♪ ♪", true),
        ("[LAUGH] Yeah, yeah.", false), ("Hello.", false), ("[]", false),
    ])
    func recognisesNonSpeech(text: String, expected: Bool) {
        #expect(NonSpeech.isMarker(text) == expected)
    }
}
