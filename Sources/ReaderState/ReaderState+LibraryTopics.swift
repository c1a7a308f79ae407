import HarkCore
import HarkTopics

/// The library's topics: each transcript's, found off the loop once every
/// row is loaded, gathered by name (as `hark topics DIR` gathers them); a
/// strip in each row for the topics with the most time, and `t`, the list
/// of every topic, whose Enter lists a topic's passages in every transcript
/// and opens a file at the passage chosen, with the topic selected.
extension ReaderState {
    mutating func libraryTopicsFound(_ found: [Int: LibraryFileTopics]) {
        guard var library else { return }
        for (index, topics) in found where library.rows.indices.contains(index) {
            if case .loaded(var file) = library.rows[index] {
                file.topics = topics
                library.rows[index] = .loaded(file)
            }
        }
        library.gatherTopics()
        self.library = library
    }

    /// `t`: the topics list, or back from it.
    mutating func toggleLibraryTopics() {
        guard var library else { return }
        if library.topicList != nil {
            library.topicList = nil
            message = "every transcript"
        } else {
            library.search = nil
            library.topicList = LibraryTopicList()
            let progress = library.topicsProgress
            if progress.isFinding {
                message = "finding topics: \(progress.done) of \(progress.done + progress.waiting) transcripts so far"
            } else {
                message = library.topics.isEmpty ? "no topics found in any transcript" : "Enter lists a topic's passages"
            }
        }
        self.library = library
    }

    /// `s` in the topics list: the topic selected gets a strip in every row,
    /// or loses it (the strips are then those chosen, or the topics with
    /// the most time when none is).
    mutating func toggleTopicStrip() {
        guard var library, let list = library.topicList, list.opened == nil else {
            message = "s gives a topic a strip: t lists the topics"
            return
        }
        guard library.topics.indices.contains(list.selected) else { return }
        let name = library.topics[list.selected].name
        if let k = library.stripped.firstIndex(of: name) {
            library.stripped.remove(at: k)
            message =
                library.stripped.isEmpty
                ? "\(name): no strip of its own; the strips are the topics with the most time"
                : "\(name): no strip"
        } else {
            library.stripped.append(name)
            message = "\(name): a strip in every row (\(library.stripped.count) chosen; as many as fit are shown)"
        }
        self.library = library
    }

    /// Enter on a topic: its passages in every transcript; on a passage: its file, there.
    mutating func openLibraryTopicSelection() -> [Effect] {
        guard var library, var list = library.topicList else { return [] }
        if let opened = list.opened {
            guard opened.passages.indices.contains(opened.selected) else { return [] }
            let chosen = opened.passages[opened.selected]
            landing = Landing(
                file: chosen.file, target: .passage(topic: opened.name, firstSegment: chosen.passage.segments.lowerBound))
            return openFromLibrary(chosen.file)
        }
        guard library.topics.indices.contains(list.selected) else { return [] }
        let topic = library.topics[list.selected]
        let passages = library.passages(of: topic.name)
        list.opened = LibraryTopicList.Opened(name: topic.name, passages: passages)
        library.topicList = list
        self.library = library
        let files = Set(passages.map(\.file)).count
        message =
            "\(topic.name): \(passages.count) passage\(passages.count == 1 ? "" : "s") in \(files) transcript\(files == 1 ? "" : "s")"
        return []
    }
}

extension LibraryState {
    /// The topics of every transcript whose topics are found, one a name,
    /// most time first (then by name); the list's selection kept in range.
    mutating func gatherTopics() {
        var byName: [String: LibraryTopic] = [:]
        for row in rows {
            guard case .loaded(let file) = row, case .found(let topics)? = file.topics else { continue }
            for topic in topics where !topic.passages.isEmpty {
                var gathered =
                    byName[topic.name]
                    ?? LibraryTopic(name: topic.name, source: topic.source, colour: nil, transcripts: 0, duration: 0)
                gathered.transcripts += 1
                gathered.duration += topic.duration
                gathered.colour = gathered.colour ?? topic.colour
                byName[topic.name] = gathered
            }
        }
        topics = byName.values.sorted { ($0.duration, $1.name) > ($1.duration, $0.name) }
        if var list = topicList {
            list.selected = max(0, min(list.selected, topics.count - 1))
            topicList = list
        }
    }

    /// The passages of the topic named so in every transcript, in file then time order.
    func passages(of name: String) -> [LibraryTopicList.Passage] {
        rows.indices.flatMap { index -> [LibraryTopicList.Passage] in
            guard case .loaded(let file) = rows[index], case .found(let topics)? = file.topics,
                let topic = topics.first(where: { $0.name == name })
            else { return [] }
            return topic.passages.map { LibraryTopicList.Passage(file: index, passage: $0) }
        }
    }

    /// How far finding the transcripts' topics has got.
    public struct TopicsProgress {
        /// Transcripts with topics found, and those whose topics file could not be read.
        public var found = 0
        public var failed: [Int] = []
        /// Transcripts loaded whose topics are still being found.
        public var waiting = 0
        /// Rows still loading, whose topics are found after them.
        public var isLoading = false

        public var done: Int { found + failed.count }
        public var isFinding: Bool { waiting > 0 || isLoading }
    }

    public var topicsProgress: TopicsProgress {
        var progress = TopicsProgress(isLoading: isLoading)
        for (index, row) in rows.enumerated() {
            guard case .loaded(let file) = row else { continue }
            switch file.topics {
            case .found?: progress.found += 1
            case .failed?: progress.failed.append(index)
            case nil: progress.waiting += 1
            }
        }
        return progress
    }

    /// The topics whose strips the rows show, at most `count`: those the
    /// user chose, else those with the most time.
    public func stripTopics(_ count: Int) -> [LibraryTopic] {
        guard !stripped.isEmpty else { return Array(topics.prefix(count)) }
        return Array(stripped.compactMap { name in topics.first { $0.name == name } }.prefix(count))
    }
}
