import HarkCore
import HarkNotes
import HarkTopics
import TerminalKit

/// A row or two of the side pane. Topics come first (with the passages of
/// an expanded topic under it), then the user's marks and quotes, then
/// chapters, then named speakers, marked changes of speaker and highlighted
/// keywords; a heading opens each group.
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
        case marks
        case mark(Int)
        case quote(first: Int, last: Int)
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
        /// All marks and quotes: their count and where they are.
        case marks
        case mark(segment: Int)
        case quote(ClosedRange<Int>)
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
        case .topic, .speaker, .speakerChanges, .keyword, .marks: 2
        case .heading, .passage, .chapter, .mark, .quote: 1
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
        case .marks: .marks
        case .mark(let segment): .mark(segment)
        case .quote(let segments): .quote(first: segments.lowerBound, last: segments.upperBound)
        }
    }

    public var isSelectable: Bool { kind != .heading }

    /// One of the user's marks or quotes, or the entry for them all.
    public var isNotes: Bool {
        switch kind {
        case .marks, .mark, .quote: true
        default: false
        }
    }

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
        document: any ReaderDocument, topics: FoundTopics?, expandedTopic: String?, highlights: [String], notes: Notes
    ) -> [SidePaneEntry] {
        let transcript = document.transcript
        var entries: [SidePaneEntry] = []
        if let topics {
            entries = topicEntries(topics, expandedTopic: expandedTopic, transcript: transcript)
            // The user's own work comes before what hark found about the chapters.
            let chapters = entries.firstIndex { $0.kind == .heading && $0.title == chaptersHeading } ?? entries.count
            entries.insert(contentsOf: markEntries(notes, transcript: transcript), at: chapters)
        } else {
            entries.append(.heading("Finding topics…"))
            entries += markEntries(notes, transcript: transcript)
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

    static let chaptersHeading = "Chapters"

    /// The marks and quotes, in time order, under one entry for them all.
    static func markEntries(_ notes: Notes, transcript: Transcript) -> [SidePaneEntry] {
        let count = transcript.segments.count
        let marks = notes.marks.filter { $0.segment < count }
        let quotes = notes.quotes.filter { $0.segments.upperBound < count }
        guard !marks.isEmpty || !quotes.isEmpty else { return [] }
        func time(_ segment: Int) -> String {
            TimeFormat.mark(estimated: transcript.isEstimated(segment))
                + TimeFormat.short(transcript.start(of: segment), compact: true)
        }
        var rows: [(segment: Int, entry: SidePaneEntry)] = []
        for mark in marks {
            let title = time(mark.segment) + " " + (mark.note.isEmpty ? "•" : mark.note)
            rows.append(
                (
                    mark.segment,
                    SidePaneEntry(
                        kind: .mark(segment: mark.segment), title: title, segments: [], count: nil, target: mark.segment)
                ))
        }
        for quote in quotes {
            let note = quote.note.isEmpty ? "" : quote.note + " "
            let title = time(quote.segments.lowerBound) + " " + note + "“" + quote.text
            rows.append(
                (
                    quote.segments.lowerBound,
                    SidePaneEntry(
                        kind: .quote(quote.segments), title: title, segments: [], count: nil, target: quote.segments.lowerBound)
                ))
        }
        rows.sort { $0.segment < $1.segment }
        let places = rows.map(\.segment).reduce(into: [Int]()) { if $0.last != $1 { $0.append($1) } }
        var entries: [SidePaneEntry] = [.heading("Marks & quotes")]
        let title = [
            marks.isEmpty ? nil : "\(marks.count) mark\(marks.count == 1 ? "" : "s")",
            quotes.isEmpty ? nil : "\(quotes.count) quote\(quotes.count == 1 ? "" : "s")",
        ].compactMap { $0 }.joined(separator: ", ")
        entries.append(SidePaneEntry(kind: .marks, title: title, segments: places, count: nil, target: places.first))
        for row in rows {
            var entry = row.entry
            entry.segments = places  // ] and [ from any of them step through them all
            entries.append(entry)
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
        if !chapters.isEmpty { entries.append(.heading(chaptersHeading)) }
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
