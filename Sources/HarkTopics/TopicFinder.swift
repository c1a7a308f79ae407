import HarkCore

/// Finds where each topic is discussed: every keyword is matched over the
/// continuous text (so a phrase split between two segments counts), hits
/// inside an exclusion are dropped, and the rest become passages.
public enum TopicFinder {
    public static func topics(
        _ definitions: [TopicDefinition], source: TopicSource, in transcript: Transcript,
        rules: PassageBuilder.Rules = PassageBuilder.Rules()
    ) -> [Topic] {
        topics(definitions, source: source, in: transcript, folded: FoldedText(transcript, caseSensitive: false), rules: rules)
    }

    /// The same, with the text folded already for case-insensitive search
    /// (the reader's search has it), so that it is not folded twice.
    public static func topics(
        _ definitions: [TopicDefinition], source: TopicSource, in transcript: Transcript, folded: FoldedText,
        rules: PassageBuilder.Rules = PassageBuilder.Rules()
    ) -> [Topic] {
        // One matcher for every keyword and exclusion of every topic.
        var patterns: [KeywordPattern] = []
        var owners: [(topic: Int, keyword: Int, isExclusion: Bool)] = []
        for (t, definition) in definitions.enumerated() {
            for (k, keyword) in definition.keywords.enumerated() {
                guard let pattern = try? KeywordPattern(keyword) else { continue }  // the file reader reports these
                patterns.append(pattern)
                owners.append((t, k, false))
            }
            for exclusion in definition.exclusions {
                guard let pattern = try? KeywordPattern(exclusion) else { continue }
                patterns.append(pattern)
                owners.append((t, -1, true))
            }
        }
        let hits = folded.bytes.withUnsafeBufferPointer { KeywordMatcher(patterns).hits(in: $0) }

        var keywordHits = [[KeywordMatcher.Hit]](repeating: [], count: definitions.count)
        var excluded = [[Range<Int>]](repeating: [], count: definitions.count)
        for hit in hits {
            let owner = owners[hit.pattern]
            if owner.isExclusion {
                excluded[owner.topic].append(hit.start..<hit.end)
            } else {
                keywordHits[owner.topic].append(hit)
            }
        }

        let hitsByTopic = definitions.indices.map { t in
            withoutOverlaps(keywordHits[t], excluding: excluded[t]).map { hit in
                PassageBuilder.Hit(
                    segment: transcript.segmentIndex(atTextOffset: folded.originalOffset(hit.start, roundingUp: false)),
                    keyword: owners[hit.pattern].keyword)
            }
        }
        return assemble(definitions, hitsByTopic, source: source, in: transcript, rules: rules)
    }

    /// Topics from each one's hits; every topic's clusters widen to
    /// paragraphs found in one walk.
    static func assemble(
        _ definitions: [TopicDefinition], _ hitsByTopic: [[PassageBuilder.Hit]], source: TopicSource, in transcript: Transcript,
        rules: PassageBuilder.Rules
    ) -> [Topic] {
        let clusters = hitsByTopic.map { PassageBuilder.clusters($0, in: transcript, rules: rules) }
        let paragraphs = ParagraphLookup.paragraphs(around: clusters.flatMap(PassageBuilder.endpoints), in: transcript)
        return definitions.indices.map { t in
            Topic(
                definition: definitions[t], source: source,
                passages: PassageBuilder.widened(clusters[t], paragraphs, transcript),
                hitSegments: hitsByTopic[t].map(\.segment))
        }
    }

    /// One topic's hits, in order, with no two overlapping (where two
    /// keywords match at the same place, as "language model*" inside "large
    /// language models", the longer counts) and none inside an exclusion.
    static func withoutOverlaps(_ hits: [KeywordMatcher.Hit], excluding exclusions: [Range<Int>]) -> [KeywordMatcher.Hit] {
        let ordered = hits.sorted { $0.start != $1.start ? $0.start < $1.start : $0.end > $1.end }
        let exclusions = exclusions.sorted { $0.lowerBound < $1.lowerBound }
        var kept: [KeywordMatcher.Hit] = []
        var nextExclusion = 0
        for hit in ordered {
            if let last = kept.last, hit.start < last.end { continue }
            while nextExclusion < exclusions.count, exclusions[nextExclusion].upperBound <= hit.start { nextExclusion += 1 }
            var e = nextExclusion
            var isExcluded = false
            while e < exclusions.count, exclusions[e].lowerBound < hit.end {
                if exclusions[e].overlaps(hit.start..<hit.end) {
                    isExcluded = true
                    break
                }
                e += 1
            }
            if !isExcluded { kept.append(hit) }
        }
        return kept
    }
}
