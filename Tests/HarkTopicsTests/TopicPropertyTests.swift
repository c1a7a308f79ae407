import HarkCore
import HarkTestSupport
import Testing

@testable import HarkTopics

/// Chapters and themes of random talk made of the words the person, detail
/// and title rules look at, set against the text's ends and punctuation
/// (a name as the very first or last byte, "Mr." before nothing): nothing
/// traps, and every title and theme name keeps the rules.
struct TopicPropertyTests {
    static let vocabulary = [
        "Mr.", "Mr", "Dr.", "Mrs", "miss", "MS", "Wally,", "Wally.", "Wally?", "Sue's", "'s", "Oh,", "said,", "says",
        "herself", "and", "Jim", "Hollinshead", "Market", "Road", "the", "a", "our", "flood", "weir", "cottage", "boats",
        "coal", "1968", "3D", "thirty", "years", "March", "Monday", "é", "Zoë", "you", "I", "please", ",", ".", "?", "!",
        "machine", "learning", "ML", "large", "language", "models", "LLMs", "Street", "Level", "Why", "Rust?", "The",
        "Board", "lock", "gates", "paddles", "winter", "ice", "-", "end-to-end", "\"", "'",
    ]

    static func transcript(_ generator: inout SeededGenerator) -> Transcript {
        let count = Int.random(in: 1...400, using: &generator)
        let segments = (0..<count).map { i in
            let words = (0..<Int.random(in: 1...14, using: &generator)).map { _ in
                vocabulary.randomElement(using: &generator)!
            }
            let start = Milliseconds(i) * 3000
            return Segment(start: start, end: start + 2500, text: words.joined(separator: " "))
        }
        return Transcript(source: "random", format: .srt, segments: segments)
    }

    @Test func randomTalkKeepsTheRules() {
        var generator = SeededGenerator(seed: 14)
        for _ in 0..<150 {
            let transcript = Self.transcript(&generator)
            let analysis = TopicAnalysis(transcript)
            for chapter in analysis.chapters {
                #expect(chapter.title.count <= TitleRules.maximumLength, "\(chapter.title)")
                let words = chapter.title.split(separator: " ").map(String.init)
                #expect(!["Mr", "Dr", "Mrs", "Mr,", "Dr,", "Mrs,"].contains(words.first ?? ""), "\(chapter.title)")
            }
            let topics = analysis.automaticTopics()
            #expect(topics.count <= 6)
            for topic in topics {
                #expect(!topic.name.isEmpty && topic.name.count <= TitleRules.maximumLength, "\(topic.name)")
                #expect(!topic.passages.isEmpty)
                // Whatever is said around them: titles, dates and numbers are details.
                for phrase in topic.name.components(separatedBy: ", ") {
                    let words = phrase.split(separator: " ").map(String.init)
                    #expect(!["Mr", "Dr", "Mrs"].contains(words[0]), "\(topic.name)")
                    #expect(!words.contains { ["March", "Monday", "thirty", "1968"].contains($0) }, "\(topic.name)")
                }
            }
        }
    }
}
