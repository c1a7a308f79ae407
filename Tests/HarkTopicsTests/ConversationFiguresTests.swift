import Foundation
import HarkCore
import HarkTestSupport
import Testing

@testable import HarkTopics

/// The figures for the conversations written for checking
/// (`sample-data/conversations/`, made by its make.py with my reading of
/// each) and the spread of the chapters' Pk around the chosen settings on
/// them and on the sample. The settings were chosen on the sample alone:
/// these are held-out checks, printed for the notes.
@Suite struct ConversationFiguresTests {
    static let folder = "sample-data/conversations"
    static let conversations = ["bakery", "cycling"]

    static func load(_ name: String) throws -> Transcript {
        try TranscriptLoader.load(path: TestSupport.repositoryRoot.appendingPathComponent("\(folder)/\(name).whisper.txt").path)
    }

    @Test(arguments: conversations) func themesAndChaptersOfAConversation(_ name: String) throws {
        let transcript = try Self.load(name)
        let analysis = TopicAnalysis(transcript)
        let topics = analysis.automaticTopics()
        #expect(!topics.isEmpty && topics.count <= 6)
        #expect(topics.allSatisfy { $0.source == .auto && !$0.passages.isEmpty && $0.name.count <= 40 })
        let reading = try Evaluation.annotation("\(name).themes.txt", folder: Self.folder)
        let names = Evaluation.recognisableNames(reading)
        print("\(name) themes: " + topics.map(\.name).joined(separator: " / "))
        for (theme, marked) in Evaluation.markedSegments(reading).sorted(by: { $0.key < $1.key }) {
            let match = Evaluation.bestMatch(topics, marked: marked, names: names[theme] ?? [])
            print("\(name) theme \(theme): " + (match.map { "\"\($0.topic.name)\", \($0.agreement)" } ?? "not found"))
        }
        let reference = Evaluation.chapterStarts(try Evaluation.annotation("\(name).chapters.txt", folder: Self.folder))
        let count = transcript.segments.count
        let pk = Evaluation.pk(reference: reference, hypothesis: analysis.chapters.map(\.segments.lowerBound), count: count)
        print("\(name) chapters: \(analysis.chapters.count) against \(reference.count) in the reading, Pk \(pk)")
    }

    /// Blocks of 60 to 120 words, smoothing over 4 to 8 boundaries: Pk at
    /// each, on the sample and on the conversations.
    @Test func chapterPkAcrossSettings() throws {
        let sample = try TestSupport.sample()
        let transcripts =
            [("sample", sample, try Evaluation.annotation("chapters.txt"))]
            + (try Self.conversations.map {
                ($0, try Self.load($0), try Evaluation.annotation("\($0).chapters.txt", folder: Self.folder))
            })
        for (name, transcript, reading) in transcripts {
            let reference = Evaluation.chapterStarts(reading)
            var values: [Double] = []
            for block in [60, 75, 90, 105, 120] {
                for smoothing in [4, 6, 8] {
                    var tiling = TextTiling.Parameters()
                    tiling.blockTokens = block
                    tiling.smoothing = smoothing
                    let chapters = TopicAnalysis(transcript, tiling: tiling).chapters
                    values.append(
                        Evaluation.pk(
                            reference: reference, hypothesis: chapters.map(\.segments.lowerBound),
                            count: transcript.segments.count))
                }
            }
            #expect(values.allSatisfy { (0...1).contains($0) })
            let sorted = values.sorted()
            print(
                String(
                    format: "%@ chapters Pk over 15 settings: %.2f to %.2f, median %.2f", name, sorted.first!, sorted.last!,
                    sorted[sorted.count / 2]))
        }
    }
}
