import Testing

@testable import HarkCore

struct SearchTests {
    private let transcript = Transcript(
        source: "t", format: .srt,
        segments: [
            Segment(start: 0, end: 1000, text: "We trained a large language"),
            Segment(start: 1000, end: 2000, text: "model on a Language Model benchmark."),
            Segment(start: 2000, end: 3000, text: "Meet me at the café, Zoë."),
            Segment(start: 3000, end: 4000, text: "Modeling and remodel and model."),
        ])

    private func matches(_ pattern: String, caseSensitive: Bool = false, word: Bool = false) -> [SearchMatch] {
        TextSearch.matches(of: SearchQuery(pattern, forceCaseSensitive: caseSensitive, wholeWord: word), in: transcript)
    }

    private func matched(_ match: SearchMatch) -> String {
        transcript.withContinuousText { String(decoding: UnsafeBufferPointer(rebasing: $0[match.range]), as: UTF8.self) }
    }

    @Test func findsPhrasesAcrossSegmentsAtTheSegmentWhereTheyStart() {
        let found = matches("language model")
        #expect(found.map(\.segment) == [0, 1])
        #expect(found.map(\.lastSegment) == [1, 1])
        #expect(found.map(matched) == ["language model", "Language Model"])
    }

    @Test func smartCase() {
        #expect(matches("model").count == 5)
        #expect(matches("Model").map(matched) == ["Model", "Model"])
        #expect(matches("model", caseSensitive: true).count == 3)
    }

    @Test func ignoresDiacriticsBothWays() {
        #expect(matches("cafe").map(matched) == ["café"])
        #expect(matches("zoe").map(matched) == ["Zoë"])
        #expect(matches("café").map(matched) == ["café"])
        #expect(matches("Zoe").map(matched) == ["Zoë"])
    }

    @Test func aWordWrittenWithACombiningAccentIsAWholeWord() {
        let decomposed = Transcript(
            source: "t", format: .srt, segments: [Segment(start: 0, end: 1000, text: "a cafe\u{301} here")])
        let found = TextSearch.matches(of: SearchQuery("cafe", wholeWord: true), in: decomposed)
        #expect(found.count == 1)
        #expect(TextSearch.matches(of: SearchQuery("café", wholeWord: true), in: decomposed).count == 1)
    }

    @Test func spacesInThePatternMatchOneSpace() {
        #expect(matches("large   language").count == 1)
    }

    @Test func wholeWords() {
        #expect(matches("model", word: true).map(\.segment) == [1, 1, 3])
        #expect(matches("remodel", word: true).count == 1)
        #expect(matches("odel", word: true).isEmpty)
    }

    @Test func countsMatchTheMatches() {
        for pattern in ["model", "language model", "a", "e", "zzz"] {
            #expect(TextSearch.count(of: SearchQuery(pattern), in: transcript) == matches(pattern).count)
        }
    }

    @Test func emptyPatternFindsNothing() {
        #expect(matches("").isEmpty)
    }

    @Test func matchesDoNotOverlap() {
        let t = Transcript(source: "t", format: .srt, segments: [Segment(start: 0, end: 1, text: "aaaa")])
        #expect(TextSearch.count(of: SearchQuery("aa"), in: t) == 2)
    }

    @Test func findsLanguageModelsInTheSampleIncludingAcrossSegments() throws {
        let t = try TranscriptLoader.load(path: TestFiles.samplePath)
        let found = TextSearch.matches(of: SearchQuery("language model"), in: t)
        #expect(found.count == 4)
        #expect(found.filter { $0.lastSegment > $0.segment }.count == 1)
    }

    @Test func findsTheSegmentForATime() throws {
        #expect(transcript.segmentIndex(at: -5) == 0)
        #expect(transcript.segmentIndex(at: 1500) == 1)
        #expect(transcript.segmentIndex(at: 2000) == 2)
        #expect(transcript.segmentIndex(at: 99_999) == 3)
    }
}
