import HarkCore
import HarkTopics
import TerminalKit

/// A row or two of the side pane. Topics come first (with the passages of
/// an expanded topic under it), then chapters, then named speakers, marked
/// changes of speaker and highlighted keywords; a heading opens each group.
public struct SidePaneEntry: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case heading
        case topic(Int)
        case passage(topic: Int, index: Int)
        case chapter(Int)
        case speaker(String)
        case speakerChanges
        case keyword(Int)  // index into the highlights
    }

    public var kind: Kind
    public var title: String
    /// The places `]` and `[` step through, ascending.
    public var segments: [Int]
    /// What the density strip shows (keyword hits for a topic), ascending.
    public var marks: [Int]
    /// The number shown beside the title, if any.
    public var count: Int?
    /// Where Enter jumps; nil for a topic, where Enter opens its passages.
    public var target: Int?

    public init(kind: Kind, title: String, segments: [Int], marks: [Int]? = nil, count: Int?, target: Int?) {
        self.kind = kind
        self.title = title
        self.segments = segments
        self.marks = marks ?? segments
        self.count = count
        self.target = target
    }

    /// A group's heading, which cannot be selected.
    static func heading(_ title: String) -> SidePaneEntry {
        SidePaneEntry(kind: .heading, title: title, segments: [], count: nil, target: nil)
    }

    /// Topics, speakers and keywords take two rows (the second is the strip).
    public var rows: Int {
        switch kind {
        case .topic, .speaker, .speakerChanges, .keyword: 2
        case .heading, .passage, .chapter: 1
        }
    }

    public var isSelectable: Bool { kind != .heading }

    /// The topic whose passages this entry stands for, if any.
    public var topic: Int? {
        switch kind {
        case .topic(let t), .passage(let t, _): t
        default: nil
        }
    }
}

/// What the side pane's entries depend on, besides the document.
struct SidePaneEntriesKey: Equatable {
    var topicsFound: Bool
    var expandedTopic: Int?
    var highlights: [String]
}

extension ReaderState {
    /// The side pane's entries for this state.
    public var sidePaneEntries: [SidePaneEntry] {
        let topics = document.topics
        let key = SidePaneEntriesKey(topicsFound: topics != nil, expandedTopic: expandedTopic, highlights: highlights)
        if let cached = document.cachedEntries, cached.key == key { return cached.entries }
        let transcript = document.transcript
        var entries: [SidePaneEntry] = []
        if let topics {
            entries = Self.topicEntries(topics, expandedTopic: expandedTopic)
        } else {
            entries.append(.heading("Finding topics…"))
        }
        let changes = document.speakerChangeSegments
        let hasPeople = !transcript.speakers.isEmpty || !changes.isEmpty || !highlights.isEmpty
        if hasPeople {
            let title = highlights.isEmpty ? "Speakers" : transcript.speakers.isEmpty && changes.isEmpty ? "Keywords" : "Speakers & keywords"
            entries.append(.heading(title))
        }
        if !transcript.speakers.isEmpty {
            for (name, turns) in document.speakerTurns {
                entries.append(SidePaneEntry(kind: .speaker(name), title: name, segments: turns, count: turns.count, target: turns.first))
            }
        }
        if !changes.isEmpty {
            entries.append(SidePaneEntry(
                kind: .speakerChanges, title: "speaker changes", segments: changes, count: changes.count, target: changes.first))
        }
        for (k, keyword) in highlights.enumerated() {
            let query = SearchQuery(keyword)
            let segments = document.matchingSegments(of: query)
            entries.append(SidePaneEntry(
                kind: .keyword(k), title: keyword, segments: segments, count: document.matches(of: query).count,
                target: segments.first))
        }
        document.cachedEntries = (key, entries)
        return entries
    }

    /// Topics (with the passages of the open one) and chapters.
    static func topicEntries(_ found: FoundTopics, expandedTopic: Int?) -> [SidePaneEntry] {
        var entries: [SidePaneEntry] = []
        if !found.topics.isEmpty { entries.append(.heading(found.fromFile ? "Topics" : "Topics found by hark")) }
        for (t, topic) in found.topics.enumerated() {
            let starts = topic.passages.map(\.segments.lowerBound)
            entries.append(SidePaneEntry(
                kind: .topic(t), title: topic.name, segments: starts, marks: topic.hitSegments, count: topic.passages.count,
                target: nil))
            guard expandedTopic == t else { continue }
            for (p, passage) in topic.passages.enumerated() {
                let times = TimeFormat.short(passage.start, compact: true) + "–" + TimeFormat.short(passage.end, compact: true)
                entries.append(SidePaneEntry(
                    kind: .passage(topic: t, index: p), title: times, segments: starts, count: nil, target: starts[p]))
            }
        }
        // One chapter is no news: the pane lists chapters only where the subject changes.
        let chapters = found.chapters.count > 1 ? found.chapters : []
        if !chapters.isEmpty { entries.append(.heading("Chapters")) }
        let chapterStarts = chapters.map(\.segments.lowerBound)
        for (c, chapter) in chapters.enumerated() {
            entries.append(SidePaneEntry(
                kind: .chapter(c), title: TimeFormat.short(chapter.start, compact: true) + " " + chapter.title,
                segments: chapterStarts, count: nil, target: chapterStarts[c]))
        }
        return entries
    }

    /// The passages of the selected topic (or of the topic of the selected
    /// passage), for the timeline's gutter.
    public var markedPassages: (topic: Int, passages: [Passage])? {
        let entries = sidePaneEntries
        let selected = selectedEntry(in: entries)
        guard selected < entries.count, let t = entries[selected].topic, let found = document.topics,
            t < found.topics.count
        else { return nil }
        return (t, found.topics[t].passages)
    }
}

extension ReaderDocument {
    /// Segments that open a turn, per named speaker, in order of first appearance.
    public var speakerTurns: [(String, [Int])] {
        if let cached = cachedSpeakerTurns { return cached }
        let transcript = self.transcript
        var turns: [String: [Int]] = [:]
        for index in 0..<transcript.segments.count where transcript.startsTurn(at: index) || index == 0 {
            if let name = transcript.speaker(of: index) { turns[name, default: []].append(index) }
        }
        let result = transcript.speakers.map { ($0, turns[$0] ?? []) }
        cachedSpeakerTurns = result
        return result
    }

    /// Segments where the source marks a change of speaker without a name.
    public var speakerChangeSegments: [Int] {
        if let cached = cachedChanges { return cached }
        let result = (0..<transcript.segments.count).filter { transcript.hasSpeakerChange(at: $0) && transcript.speaker(of: $0) == nil }
        cachedChanges = result
        return result
    }
}
