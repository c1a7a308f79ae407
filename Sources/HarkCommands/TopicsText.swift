import HarkCore
import HarkTopics

/// How `hark topics` prints: a heading per topic, a line per passage.
enum TopicsText {
    static func plain(_ topics: [Topic], transcript: Transcript) -> String {
        guard !topics.isEmpty else { return "No topics found.\n" }
        var out = ""
        for (k, topic) in topics.enumerated() {
            if k > 0 { out += "\n" }
            let count = topic.passages.count
            out +=
                "\(topic.name) (\(topic.source == .file ? "from the topics file" : "found by hark"), "
                + "\(count) passage\(count == 1 ? "" : "s"), \(topic.hitSegments.count) mention\(topic.hitSegments.count == 1 ? "" : "s"))\n"
            for passage in topic.passages {
                let mark = TimeFormat.mark(estimated: transcript.isEstimated(passage.segments.lowerBound))
                out +=
                    "  \(mark)\(TimeFormat.short(passage.start))–\(TimeFormat.short(passage.end))"
                    + "  segments \(passage.segments.lowerBound)–\(passage.segments.upperBound)"
                    + "  score \(score(passage.score))\n"
            }
        }
        return out
    }

    static func json(_ topics: [Topic]) -> String {
        let items = topics.map { topic in
            let passages = topic.passages.map { p in
                "{\"start\": \(TimeFormat.seconds(p.start)), \"end\": \(TimeFormat.seconds(p.end)), "
                    + "\"first_segment\": \(p.segments.lowerBound), \"last_segment\": \(p.segments.upperBound), "
                    + "\"score\": \(score(p.score))}"
            }
            return "{\"name\": \(JSONText.quote(topic.name)), \"source\": \"\(topic.source.rawValue)\", "
                + "\"passages\": [\(passages.joined(separator: ", "))]}"
        }
        return "{\"topics\": [\(items.joined(separator: ", "))]}"
    }

    static func score(_ value: Double) -> String { Fixed.decimals(value, 2) }
}

/// How `hark chapters` prints.
enum ChaptersText {
    static func plain(_ chapters: [Chapter], transcript: Transcript) -> String {
        chapters.map { chapter in
            let mark = TimeFormat.mark(estimated: transcript.isEstimated(chapter.segments.lowerBound))
            return "\(mark)\(TimeFormat.short(chapter.start))  \(chapter.title)\n"
        }.joined()
    }

    static func json(_ chapters: [Chapter]) -> String {
        let items = chapters.map { c in
            "{\"start\": \(TimeFormat.seconds(c.start)), \"end\": \(TimeFormat.seconds(c.end)), "
                + "\"first_segment\": \(c.segments.lowerBound), \"title\": \(JSONText.quote(c.title)), "
                + "\"keyphrases\": [\(c.keyPhrases.map(JSONText.quote).joined(separator: ", "))]}"
        }
        return "{\"chapters\": [\(items.joined(separator: ", "))]}"
    }
}
