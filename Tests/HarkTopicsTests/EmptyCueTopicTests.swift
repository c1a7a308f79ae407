import Foundation
import HarkCore
import HarkTestSupport
import Testing

@testable import HarkTopics

/// WebVTT cues with no text hold no words: chapters and topics are those of
/// the same file without them.
struct EmptyCueTopicTests {
    /// The sample as WebVTT, and the same with a cue without text after every
    /// third cue (at the time the cue ends) and two at the end.
    static let files: (plain: Transcript, withEmpty: Transcript) = {
        let vtt = ExportFormat.vtt.render(try! TestSupport.sample())
        var blocks = vtt.components(separatedBy: "\n\n").filter { !$0.isEmpty }
        let header = blocks.removeFirst()
        var withEmpty = [header]
        for (k, block) in blocks.enumerated() {
            withEmpty.append(block)
            let end = block.split(separator: "\n")[0].components(separatedBy: " --> ")[1]
            if k % 3 == 0 { withEmpty.append("\(end) --> \(end)") }
        }
        withEmpty += ["01:20:00.000 --> 01:20:01.000", "01:20:01.000 --> 01:20:02.000\n<i></i>"]
        let plain = try! TranscriptLoader.load(path: TestSupport.write(vtt, name: "sample-plain.vtt"))
        let empty = try! TranscriptLoader.load(
            path: TestSupport.write(withEmpty.joined(separator: "\n\n") + "\n", name: "sample-empty.vtt"))
        return (plain, empty)
    }()

    @Test func theFileHasCuesWithoutText() {
        let (plain, withEmpty) = Self.files
        #expect(withEmpty.segments.count > plain.segments.count + 300)
        #expect(withEmpty.segments.filter { $0.text.isEmpty }.count == withEmpty.segments.count - plain.segments.count)
    }

    @Test func chaptersAreTheSameWithoutTheCues() {
        let (plain, withEmpty) = Self.files
        let expected = TopicAnalysis(plain).chapters
        let chapters = TopicAnalysis(withEmpty).chapters
        #expect(expected.count > 5)
        #expect(chapters.map(\.start) == expected.map(\.start))
        #expect(chapters.map(\.title) == expected.map(\.title))
        // Each chapter opens on a cue with text.
        #expect(chapters.allSatisfy { withEmpty.hasText($0.segments.lowerBound) })
    }

    @Test func topicPassagesKeepTheirTimes() throws {
        let (plain, withEmpty) = Self.files
        let definitions = try TopicsFile.load(
            path: TestSupport.samplePath.replacingOccurrences(of: ".whisper.txt", with: ".topics.toml"))
        func times(_ t: Transcript) -> [[Milliseconds]] {
            TopicFinder.topics(definitions, source: .file, in: t).map { $0.passages.flatMap { [$0.start, $0.end] } }
        }
        #expect(times(withEmpty) == times(plain))
    }

    @Test func aPassageEndsWithItsLastTextNotWithASilentCueAfterIt() throws {
        let text = """
            WEBVTT

            00:00.000 --> 00:05.000
            We made risotto with warm stock.

            00:05.000 --> 00:10.000
            Risotto needs the stock warm.

            00:10.000 --> 01:10.000

            01:10.000 --> 01:15.000
            Something else entirely.
            """
        let t = try TranscriptLoader.load(path: TestSupport.write(text, name: "silence.vtt"))
        let topics = TopicFinder.topics(
            [TopicDefinition(name: "risotto", keywords: ["risotto", "stock"])], source: .file, in: t)
        let passages = topics[0].passages
        #expect(passages.count == 1)
        #expect(passages.first?.segments == 0...1)
        #expect(passages.first?.end == 10_000)
    }
}
