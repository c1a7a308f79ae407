import Foundation
import HarkCore
import HarkTestSupport
import Testing

@testable import HarkTopics

/// hark's own topics, themes, on the sample without its topics file,
/// against my reading of its themes (`sample-data/annotations/themes.txt`,
/// written before the themes were tried): the MLOps consolidation and the
/// structured data discussions must be among them, named so that a reader
/// knows them, over a range of settings and not only the chosen one.
@Suite struct ThemeQualityTests {
    static let required = ["MLOps consolidation", "structured data"]
    /// A theme counts as found when its passages agree with the reading at
    /// least this well (segment F1). The old automatic topics (single
    /// phrases) reached 0 for the MLOps consolidation: none was named for it.
    static let minimumF1 = 0.5

    static func reading() throws -> (marked: [String: Set<Int>], names: [String: [String]]) {
        let text = try Evaluation.annotation("themes.txt")
        return (Evaluation.markedSegments(text), Evaluation.recognisableNames(text))
    }

    @Test func theThemesAReaderWouldNameAreAmongTheAutomaticTopics() throws {
        let transcript = try TestSupport.sample()
        let topics = TopicAnalysis(transcript).automaticTopics()
        #expect((1...6).contains(topics.count))
        #expect(topics.allSatisfy { $0.source == .auto && !$0.passages.isEmpty })
        print("themes: " + topics.map(\.name).joined(separator: " / "))
        let (marked, names) = try Self.reading()
        for (theme, segments) in marked.sorted(by: { $0.key < $1.key }) {
            let match = Evaluation.bestMatch(topics, marked: segments, names: names[theme] ?? [])
            print("theme \(theme): " + (match.map { "\"\($0.topic.name)\", \($0.agreement)" } ?? "not found"))
            if Self.required.contains(theme) {
                let f1 = try #require(match, "\(theme) is not among \(topics.map(\.name))").agreement.f1
                #expect(f1 >= Self.minimumF1, "\(theme)")
            }
        }
    }

    /// Units of 60 to 200 content words, 6 to 12 keywords a theme: the two
    /// themes are found at every setting, named first by a phrase a reader
    /// knows them by, and the spread is printed.
    @Test func theThemesHoldAcrossSettings() throws {
        let analysis = TopicAnalysis(try TestSupport.sample())
        let (marked, names) = try Self.reading()
        var figures: [String: [Double]] = [:]
        for unitTokens in [60, 80, 100, 120, 150, 200] {
            for keywords in [6, 8, 12] {
                var parameters = ThemeClusters.Parameters()
                parameters.unitTokens = unitTokens
                let topics = analysis.automaticTopics(parameters, keywords: keywords)
                for theme in marked.keys {
                    let match = Evaluation.bestMatch(topics, marked: marked[theme]!, names: names[theme] ?? [])
                    let f1 = match?.agreement.f1 ?? 0
                    figures[theme, default: []].append(f1)
                    if Self.required.contains(theme) {
                        #expect(f1 >= Self.minimumF1, "\(theme) with units of \(unitTokens) words, \(keywords) keywords")
                        let first = match?.topic.name.components(separatedBy: ", ")[0] ?? ""
                        #expect(names[theme]!.contains { Evaluation.holds(first, $0) }, "\(theme): \(match?.topic.name ?? "-")")
                    }
                }
            }
        }
        for (theme, values) in figures.sorted(by: { $0.key < $1.key }) {
            let mean = values.reduce(0, +) / Double(values.count)
            print(
                String(format: "theme %@ over 18 settings: F1 %.2f to %.2f, mean %.2f", theme, values.min()!, values.max()!, mean)
            )
        }
    }

    /// No theme is named by a person's first name alone ("Peter", who calls
    /// in to the bakery talk), in the sample or the conversations, at any
    /// unit size; their names are the ones the chapter titles are checked for.
    @Test(arguments: ChapterTitleTests.transcripts.indices) func noThemeIsNamedByAFirstNameAlone(_ index: Int) throws {
        let (path, firstNames) = ChapterTitleTests.transcripts[index]
        let transcript = try TranscriptLoader.load(path: TestSupport.repositoryRoot.appendingPathComponent(path).path)
        let analysis = TopicAnalysis(transcript)
        for unitTokens in [60, 80, 100, 120, 150, 200] {
            var parameters = ThemeClusters.Parameters()
            parameters.unitTokens = unitTokens
            for topic in analysis.automaticTopics(parameters, keywords: 8) {
                for phrase in topic.name.components(separatedBy: ", ") {
                    let words = Evaluation.words(phrase)
                    #expect(!(words.count == 1 && firstNames.contains(words[0])), "\(topic.name), units of \(unitTokens) words")
                }
            }
        }
    }
}
