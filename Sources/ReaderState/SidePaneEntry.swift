import HarkCore
import HarkTopics
import TerminalKit

/// A row or two of the side pane. Topics come first (with the passages of
/// an expanded topic under it), then chapters, then named speakers, marked
/// changes of speaker and highlighted keywords; a heading opens each group.
public struct SidePaneEntry: Equatable, Sendable {
    /// What an entry stands for, independent of where it is in the list:
    /// the selection is kept by this, so that a list rebuilt (topics found,
    /// a topic opened, a keyword added) does not move it to something else.
    public enum ID: Hashable, Sendable {
        case topic(String)
        case passage(topic: String, firstSegment: Int)
        case chapter(firstSegment: Int)
        case speaker(String)
        case speakerChanges
        case keyword(String)
    }

    public enum Kind: Equatable, Sendable {
        case heading
        /// `index`: the topic's place in the found topics (its colour).
        case topic(index: Int, name: String)
        case passage(topic: Int, name: String, index: Int)
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

    /// Nil for a heading, which cannot be selected.
    public var id: ID? {
        switch kind {
        case .heading: nil
        case .topic(_, let name): .topic(name)
        case .passage(_, let name, _): .passage(topic: name, firstSegment: target ?? 0)
        case .chapter: .chapter(firstSegment: target ?? 0)
        case .speaker(let name): .speaker(name)
        case .speakerChanges: .speakerChanges
        case .keyword: .keyword(title)
        }
    }

    public var isSelectable: Bool { kind != .heading }

    /// The topic whose passages this entry stands for, if any: its place and name.
    public var topic: (index: Int, name: String)? {
        switch kind {
        case .topic(let index, let name), .passage(let index, let name, _): (index, name)
        default: nil
        }
    }
}

extension SidePaneEntry {
    /// The side pane's entries for what the state shows.
    static func all(
        document: any ReaderDocument, topics: FoundTopics?, expandedTopic: String?, highlights: [String]
    ) -> [SidePaneEntry] {
        let transcript = document.transcript
        var entries: [SidePaneEntry] = []
        if let topics {
            entries = topicEntries(topics, expandedTopic: expandedTopic, transcript: transcript)
        } else {
            entries.append(.heading("Finding topics…"))
        }
        let changes = document.speakerChangeSegments
        let hasPeople = !transcript.speakers.isEmpty || !changes.isEmpty || !highlights.isEmpty
        if hasPeople {
            let title =
                highlights.isEmpty
                ? "Speakers" : transcript.speakers.isEmpty && changes.isEmpty ? "Keywords" : "Speakers & keywords"
            entries.append(.heading(title))
        }
        if !transcript.speakers.isEmpty {
            for (name, turns) in document.speakerTurns {
                entries.append(
                    SidePaneEntry(kind: .speaker(name), title: name, segments: turns, count: turns.count, target: turns.first))
            }
        }
        if !changes.isEmpty {
            entries.append(
                SidePaneEntry(
                    kind: .speakerChanges, title: "speaker changes", segments: changes, count: changes.count,
                    target: changes.first))
        }
        for (k, keyword) in highlights.enumerated() {
            let query = SearchQuery(keyword)
            let segments = document.matchingSegments(of: query)
            entries.append(
                SidePaneEntry(
                    kind: .keyword(k), title: keyword, segments: segments, count: document.matches(of: query).count,
                    target: segments.first))
        }
        return entries
    }

    /// Topics (with the passages of the open one) and chapters.
    static func topicEntries(_ found: FoundTopics, expandedTopic: String?, transcript: Transcript) -> [SidePaneEntry] {
        func mark(_ segment: Int) -> String { TimeFormat.mark(estimated: transcript.isEstimated(segment)) }
        var entries: [SidePaneEntry] = []
        if !found.topics.isEmpty { entries.append(.heading(found.fromFile ? "Topics" : "Topics found by hark")) }
        for (t, topic) in found.topics.enumerated() {
            let starts = topic.passages.map(\.segments.lowerBound)
            entries.append(
                SidePaneEntry(
                    kind: .topic(index: t, name: topic.name), title: topic.name, segments: starts, marks: topic.hitSegments,
                    count: topic.passages.count, target: nil))
            guard expandedTopic == topic.name else { continue }
            for (p, passage) in topic.passages.enumerated() {
                let times =
                    mark(passage.segments.lowerBound) + TimeFormat.short(passage.start, compact: true) + "–"
                    + TimeFormat.short(passage.end, compact: true)
                entries.append(
                    SidePaneEntry(
                        kind: .passage(topic: t, name: topic.name, index: p), title: times, segments: starts, count: nil,
                        target: starts[p]))
            }
        }
        // One chapter is no news: the pane lists chapters only where the subject changes.
        let chapters = found.chapters.count > 1 ? found.chapters : []
        if !chapters.isEmpty { entries.append(.heading("Chapters")) }
        let chapterStarts = chapters.map(\.segments.lowerBound)
        for (c, chapter) in chapters.enumerated() {
            entries.append(
                SidePaneEntry(
                    kind: .chapter(c),
                    title: mark(chapter.segments.lowerBound) + TimeFormat.short(chapter.start, compact: true) + " "
                        + chapter.title,
                    segments: chapterStarts, count: nil, target: chapterStarts[c]))
        }
        return entries
    }
}
