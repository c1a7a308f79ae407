import HarkCore

/// A topic as a person (or hark) defines it: a name and the words that
/// show it is being discussed.
public struct TopicDefinition: Equatable, Sendable {
    public var name: String
    /// Words and phrases, matched case-insensitively as whole words; a `*`
    /// at the end of a word matches any ending (`consolidat*`).
    public var keywords: [String]
    /// Phrases whose words do not count: a keyword hit inside one is ignored
    /// (`"data"` with the exclusion `"big data"`).
    public var exclusions: [String]
    /// A colour name from the reader's palette, when the file gives one.
    public var colour: String?

    public init(name: String, keywords: [String], exclusions: [String] = [], colour: String? = nil) {
        self.name = name
        self.keywords = keywords
        self.exclusions = exclusions
        self.colour = colour
    }
}

/// Where a topic came from.
public enum TopicSource: String, Sendable {
    case file
    case auto
}

/// A stretch of conversation about a topic.
public struct Passage: Equatable, Sendable {
    public var segments: ClosedRange<Int>
    public var start: Milliseconds
    public var end: Milliseconds
    /// How much the passage discusses the topic: each keyword's hits count
    /// 1, 1/2, 1/3… so varied vocabulary weighs more than one word repeated.
    public var score: Double
    public var hits: Int

    public init(segments: ClosedRange<Int>, start: Milliseconds, end: Milliseconds, score: Double, hits: Int) {
        self.segments = segments
        self.start = start
        self.end = end
        self.score = score
        self.hits = hits
    }
}

/// A topic with its passages in one transcript.
public struct Topic: Equatable, Sendable {
    public var definition: TopicDefinition
    public var source: TopicSource
    public var passages: [Passage]
    /// Every keyword hit, passing mentions included, as segment indexes.
    public var hitSegments: [Int]

    public var name: String { definition.name }
}
