import HarkCore

/// A stretch of the conversation on one subject, found by hark.
public struct Chapter: Equatable, Sendable {
    public var segments: Range<Int>
    public var start: Milliseconds
    public var end: Milliseconds
    public var title: String
    public var keyPhrases: [String]
}

/// What hark finds on its own, for a transcript with no topics file:
/// chapters where the subject changes, each titled by its key phrases, and
/// the transcript's own key phrases as topics with passages.
public struct TopicAnalysis: Sendable {
    public let transcript: Transcript
    public let chapters: [Chapter]
    private let words: ContentWords
    private let phrases: KeyPhrases

    public init(_ transcript: Transcript) {
        self.transcript = transcript
        let words = ContentWords(transcript)
        self.words = words
        let starts = [0] + TextTiling.boundaries(words, in: transcript)
        let count = transcript.segments.count
        let segmentRanges = zip(starts, starts.dropFirst() + [count]).map { $0..<$1 }.filter { !$0.isEmpty }
        let phrases = KeyPhrases(words, chapters: segmentRanges.map { words.tokenRange(ofSegments: $0) })
        self.phrases = phrases
        // Titles in two halves at once.
        let halves = Parallel.halves(of: segmentRanges.count, if: segmentRanges.count > 64)
        chapters = Parallel.map(halves.count) { h in
            halves[h].map { c in
                let range = segmentRanges[c]
                let best = phrases.best(inChapter: c, limit: 5).map { phrases.text(of: $0, in: transcript) }
                return Chapter(
                    segments: range, start: transcript.start(of: range.lowerBound),
                    end: transcript.end(of: range.upperBound - 1), title: Self.title(best), keyPhrases: best)
            }
        }.flatMap { $0 }
    }

    private static func title(_ phrases: [String]) -> String {
        guard let first = phrases.first else { return "(no key phrases)" }
        let title = phrases.prefix(2).joined(separator: ", ")
        return first.prefix(1).uppercased() + title.dropFirst()
    }

    /// The transcript's key phrases as topics: each phrase (singular and
    /// plural of its last word) becomes a topic's keywords. A topic is a
    /// phrase of two or three words or a name ("Rust", "LLMs"): single
    /// common words ("problem", "models") run all through a conversation
    /// without being its subject. Of the best phrases, those most discussed
    /// (the most hits inside passages) are kept; passing mentions do not count.
    public func automaticTopics(limit: Int = 6) -> [Topic] {
        let candidates = phrases.bestOverall(limit: limit * 3, minimumCount: 4) {
            $0.length > 1 || phrases.isName($0, in: transcript)
        }
        let definitions = candidates.map { phrase -> TopicDefinition in
            let name = phrases.text(of: phrase, in: transcript)
            let variant = name.lowercased().hasSuffix("s") ? String(name.dropLast()) : name + "s"
            return TopicDefinition(name: name, keywords: [name, variant])
        }
        // The phrases are found again among the content words, stem for stem
        // (so singular and plural alike), without a second pass over the text.
        let hits = phrases.occurrences(of: candidates).map { tokens in
            tokens.map { PassageBuilder.Hit(segment: words.segment(ofToken: $0), keyword: 0) }
        }
        // Ranked by the hits in their clusters (what passages will hold), so
        // that only the topics kept are widened to paragraphs.
        let rules = PassageBuilder.Rules()
        let discussion: [Int] = hits.map { topicHits in
            PassageBuilder.clusters(topicHits, in: transcript, rules: rules).reduce(0) { $0 + $1.count }
        }
        let discussed = hits.indices.filter { discussion[$0] > 0 }
            .sorted { discussion[$0] != discussion[$1] ? discussion[$0] > discussion[$1] : $0 < $1 }
            .prefix(limit)
        return TopicFinder.assemble(
            discussed.map { definitions[$0] }, discussed.map { hits[$0] }, source: .auto, in: transcript, rules: rules)
    }
}
