import HarkCore
import Testing

@testable import HarkTopics

/// The keyword rules of topics files: whole words, case ignored, `*` as a
/// suffix wildcard, phrases across segments but not across sentences,
/// exclusions, and one hit where keywords overlap.
struct TopicMatchingTests {
    private func transcript(_ texts: [String], secondsApart: Int64 = 5) -> Transcript {
        Transcript(
            source: "t", format: .srt,
            segments: texts.enumerated().map { i, text in
                Segment(start: Int64(i) * secondsApart * 1000, end: Int64(i) * secondsApart * 1000 + 4000, text: text)
            })
    }

    /// The segments hit by one topic with these keywords and exclusions.
    private func hits(_ keywords: [String], exclude: [String] = [], in texts: [String]) -> [Int] {
        let topic = TopicFinder.topics(
            [TopicDefinition(name: "t", keywords: keywords, exclusions: exclude)], source: .file, in: transcript(texts))
        return topic[0].hitSegments
    }

    @Test func wholeWordsOnlyAndCaseIgnored() {
        #expect(hits(["model"], in: ["A Model.", "remodel it", "modeling", "the MODEL", "models"]) == [0, 3])
    }

    @Test func aStarMatchesAnyEndingButOnlyAtTheEnd() {
        let texts = ["consolidate", "Consolidation is here", "unconsolidated", "consol", "consolidating fast"]
        #expect(hits(["consolidat*"], in: texts) == [0, 1, 4])
        #expect(throws: KeywordProblem.wildcardInsideWord("con*dation")) { try TopicKeyword.validate("con*dation") }
        #expect(throws: KeywordProblem.wildcardTooShort("a*")) { try TopicKeyword.validate("a*") }
        #expect(throws: KeywordProblem.empty) { try TopicKeyword.validate(" -- ") }
    }

    @Test func wildcardsWorkInsideAPhrase() {
        #expect(
            hits(["foundation* model*"], in: ["foundational models", "foundation model", "a foundation.", "models"]) == [0, 1])
    }

    @Test func phrasesRunAcrossSegmentsButNotAcrossSentences() {
        let texts = ["we trained a large language", "model yesterday.", "It was large. Language", "models are big."]
        #expect(hits(["large language model*"], in: texts) == [0])
    }

    @Test func hyphensAndSpacesAreTheSameBetweenWords() {
        #expect(hits(["end to end"], in: ["an end-to-end platform", "end to end", "end, to end"]) == [0, 1, 2])
        #expect(hits(["GPT-3"], in: ["GPT-3 and gpt 3", "GPT-4"]) == [0, 0])
    }

    @Test func diacriticsAreIgnored() {
        #expect(hits(["cafe"], in: ["Meet at the café.", "CAFÉ", "cafeteria"]) == [0, 1])
    }

    @Test func exclusionsRemoveHitsInsideThem() {
        let texts = ["big data is dead", "data wins", "Big Data again", "data"]
        #expect(hits(["data"], exclude: ["big data"], in: texts) == [1, 3])
    }

    @Test func overlappingKeywordsCountOnce() {
        let topic = TopicFinder.topics(
            [TopicDefinition(name: "t", keywords: ["language model*", "large language model*", "LLM*"])], source: .file,
            in: transcript(["large language models and LLMs", "a language model"]))[0]
        #expect(topic.hitSegments == [0, 0, 1])
    }

    @Test func eachTopicHasItsOwnExclusions() {
        let topics = TopicFinder.topics(
            [
                TopicDefinition(name: "a", keywords: ["data"], exclusions: ["big data"]),
                TopicDefinition(name: "b", keywords: ["data"]),
            ], source: .file, in: transcript(["big data", "data"]))
        #expect(topics.map(\.hitSegments) == [[1], [0, 1]])
    }

    @Test func findsEveryHitWhenTheTextIsScannedInParallel() {
        // More than 1 MB of text is split into chunks scanned at once; hits at
        // the chunk edges must be found exactly once.
        let line = "filler words about nothing much and a consolidation here"
        let texts = Array(repeating: line, count: 40_000)
        let found = hits(["consolidat*"], in: texts)
        #expect(found == Array(0..<40_000))
    }

    @Test func aSearchIndexLendsItsFoldedTextWithTheSameResult() {
        let t = transcript(["Meet at the café.", "The CAFÉ again", "cafe, and a café", "nothing here"], secondsApart: 5)
        let definitions = [TopicDefinition(name: "cafés", keywords: ["cafe"])]
        let direct = TopicFinder.topics(definitions, source: .file, in: t)
        #expect(
            TopicFinder.topics(definitions, source: .file, in: t, folded: SearchIndex(t).folded(caseSensitive: false)) == direct)
        #expect(direct[0].hitSegments == [0, 1, 2, 2])
    }
}
