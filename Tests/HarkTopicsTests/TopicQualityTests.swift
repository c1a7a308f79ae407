import HarkCore
import HarkTestSupport
import HarkTopics
import Testing

/// hark's topics and chapters for the sample interview against a careful
/// human reading of it (`sample-data/annotations/`). The goals are the
/// issue's: F1 of 0.8 or more for each topic, Pk of 0.25 or less.
@Suite struct TopicQualityTests {
    @Test func topicPassagesAgreeWithTheReading() throws {
        let transcript = try TestSupport.sample()
        let topicsPath = TestSupport.repositoryRoot.appendingPathComponent(
            "sample-data/gradient-dissent-sarah-catanzaro.topics.toml"
        ).path
        let definitions = try TopicsFile.load(path: topicsPath)
        #expect(definitions.map(\.name) == ["LLM hype", "MLOps consolidation", "structured data"])
        let marked = Evaluation.markedSegments(try Evaluation.annotation("topics.txt"))
        for topic in TopicFinder.topics(definitions, source: .file, in: transcript) {
            let reading = try #require(marked[topic.name])
            let agreement = Evaluation.agreement(topic.passages, reading)
            // The baseline: the segments with a keyword hit, with no passages built.
            let hitsOnly = Evaluation.agreement(
                topic.hitSegments.map { Passage(segments: $0...$0, start: 0, end: 0, score: 0, hits: 1) }, reading)
            print("topic \(topic.name): \(agreement); segments with a hit alone: \(hitsOnly)")
            #expect(agreement.f1 >= 0.8, "\(topic.name): \(agreement)")
        }
    }

    @Test func chaptersFallWhereAnEditorWouldPutThem() throws {
        let transcript = try TestSupport.sample()
        let reference = Evaluation.chapterStarts(try Evaluation.annotation("chapters.txt"))
        let chapters = TopicAnalysis(transcript).chapters
        let pk = Evaluation.pk(
            reference: reference, hypothesis: chapters.map(\.segments.lowerBound), count: transcript.segments.count)
        // The baseline: as many chapters, evenly spaced.
        let count = transcript.segments.count
        let even = (0..<chapters.count).map { $0 * count / chapters.count }
        let evenPk = Evaluation.pk(reference: reference, hypothesis: even, count: count)
        print("chapters: \(chapters.count) against \(reference.count) in the reading, Pk \(pk); evenly spaced: Pk \(evenPk)")
        #expect(pk <= 0.25)
    }
}
