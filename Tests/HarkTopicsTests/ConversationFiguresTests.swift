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
    static let conversations = ["bakery", "cycling", "archive", "clinic"]

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

    /// How many of each conversation's themes in the reading were found
    /// (segment F1 0.35 or more, named by a phrase a reader knows them by)
    /// when its figures were first taken: a floor against regressions, not
    /// a goal. The clinic was written after the rules and tried once, as
    /// they stood (issue 14's held-out check); its 2 of 5 is that figure.
    static let themesFound = ["bakery": 4, "cycling": 4, "archive": 3, "clinic": 2]

    /// The floor above, at the chosen settings; then the spread over the
    /// sample's 18 settings, printed.
    @Test(arguments: conversations) func themesOfAConversationAcrossSettings(_ name: String) throws {
        let analysis = TopicAnalysis(try Self.load(name))
        let reading = try Evaluation.annotation("\(name).themes.txt", folder: Self.folder)
        let (marked, names) = (Evaluation.markedSegments(reading), Evaluation.recognisableNames(reading))
        let topics = analysis.automaticTopics()
        let found = marked.filter { theme, segments in
            let match = Evaluation.bestMatch(topics, marked: segments, names: names[theme] ?? [])
            return (match?.agreement.f1 ?? 0) >= 0.35
        }
        #expect(found.count >= Self.themesFound[name]!, "\(name): \(found.keys.sorted()) of \(marked.keys.sorted())")
        var figures: [String: [Double]] = [:]
        for unitTokens in [60, 80, 100, 120, 150, 200] {
            var parameters = ThemeClusters.Parameters()
            parameters.unitTokens = unitTokens
            for keywords in [6, 8, 12] {
                let topics = analysis.automaticTopics(parameters, keywords: keywords)
                for (theme, segments) in marked {
                    let match = Evaluation.bestMatch(topics, marked: segments, names: names[theme] ?? [])
                    figures[theme, default: []].append(match?.agreement.f1 ?? 0)
                }
            }
        }
        for (theme, values) in figures.sorted(by: { $0.key < $1.key }) {
            let mean = values.reduce(0, +) / Double(values.count)
            print(
                String(
                    format: "%@ theme %@ over 18 settings: F1 %.2f to %.2f, mean %.2f", name, theme, values.min()!,
                    values.max()!, mean))
        }
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
