import HarkCore
import HarkTopics

/// What the side pane lists about the subject of the conversation.
public struct FoundTopics: Sendable {
    public var topics: [Topic]
    public var chapters: [Chapter]
    /// Whether the topics came from a topics file (else hark found them).
    public var fromFile: Bool

    public init(topics: [Topic], chapters: [Chapter], fromFile: Bool) {
        self.topics = topics
        self.chapters = chapters
        self.fromFile = fromFile
    }

    /// Finds them: a pure function of the transcript, taking most of a second
    /// on 1,000 hours, which the runner calls off the loop. `folded` is the
    /// search's folded text, lent so that the text is not folded twice.
    public static func find(in transcript: Transcript, folded: FoldedText, definitions: [TopicDefinition]?) -> FoundTopics {
        let analysis = TopicAnalysis(transcript)
        if let definitions {
            return FoundTopics(
                topics: TopicFinder.topics(definitions, source: .file, in: transcript, folded: folded),
                chapters: analysis.chapters,
                fromFile: true)
        }
        return FoundTopics(topics: analysis.automaticTopics(), chapters: analysis.chapters, fromFile: false)
    }

    /// The topic named `name`, with its position in the list (for its colour).
    public func topic(named name: String) -> (index: Int, topic: Topic)? {
        guard let index = topics.firstIndex(where: { $0.name == name }) else { return nil }
        return (index, topics[index])
    }
}
