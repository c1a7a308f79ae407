import HarkCore
import HarkTopics

/// The side pane: its entries, the selection (by identity), Enter, `]` and `[`.
extension ReaderState {
    /// Lists the entries again for what they depend on, and finds the
    /// selected one among them by identity. If it is gone (a keyword
    /// cleared, a topic closed), a passage gives way to its topic, and
    /// anything else to no selection: never to something the user did not choose.
    mutating func rebuildSidePane() {
        sidePaneEntries = SidePaneEntry.all(
            document: document, topics: topics, expandedTopic: expandedTopic, highlights: highlights, notes: notes)
        guard let selection else {
            selectedIndex = nil
            return
        }
        if let index = sidePaneEntries.firstIndex(where: { $0.id == selection }) {
            selectedIndex = index
            return
        }
        if case .passage(let topic, _) = selection, let index = sidePaneEntries.firstIndex(where: { $0.id == .topic(topic) }) {
            select(entryAt: index)
            return
        }
        self.selection = nil
        selectedIndex = nil
    }

    /// Selects the entry at `index`, if it can be selected.
    mutating func select(entryAt index: Int) {
        guard sidePaneEntries.indices.contains(index), let id = sidePaneEntries[index].id else { return }
        selection = id
        selectedIndex = index
    }

    /// The selected entry, if any.
    public var selectedEntry: SidePaneEntry? { selectedIndex.map { sidePaneEntries[$0] } }

    mutating func moveSelection(by step: Int) {
        var index = selectedIndex ?? (step > 0 ? -1 : sidePaneEntries.count)
        repeat { index += step } while index >= 0 && index < sidePaneEntries.count && !sidePaneEntries[index].isSelectable
        if index >= 0 && index < sidePaneEntries.count { select(entryAt: index) }
    }

    /// Enter in the side pane: a topic opens (or closes) its list of passages;
    /// anything else is jumped to.
    mutating func openSelection() {
        guard let entry = selectedEntry else {
            message = "nothing selected: j and k select an entry"
            return
        }
        if case .topic(_, let name) = entry.kind {
            expandedTopic = expandedTopic == name ? nil : name
            rebuildSidePane()
            if expandedTopic == name, entry.segments.isEmpty { message = "\(entry.title): no passages, only passing mentions" }
            return
        }
        guard let target = entry.target else {
            message = "\(entry.title): no occurrences"
            return
        }
        jumpCursor(to: target)
    }

    /// `]` and `[`: the next or previous place of the selected side-pane
    /// entry: a topic's passages, the chapters, a keyword's matches… Past a
    /// file's last passage of a topic the library knows, the next
    /// transcript that discusses it opens at its first.
    mutating func stepOccurrence(forward: Bool) -> [Effect] {
        // With nothing selected, ] and [ go through the marks and quotes.
        let marks = sidePaneEntries.first { $0.kind == .marks }
        guard let entry = selectedEntry ?? marks else {
            message = "nothing selected in the side pane: Tab goes there, j and k select"
            return []
        }
        let name = entry.topic?.name ?? entry.title
        let places = entry.segments
        guard !places.isEmpty else {
            message = "\(name): \(entry.topic == nil ? "no occurrences" : "no passages")"
            return []
        }
        let onward = forward ? places.first { $0 > cursor } : places.last { $0 < cursor }
        if onward == nil, let topic = entry.topic, let opened = stepIntoAnotherFile(topic: topic.name, forward: forward) {
            return opened
        }
        var wrapped: String?
        if let onward {
            jumpCursor(to: onward)
        } else if forward {
            jumpCursor(to: places[0])
            wrapped = "back to the first"
        } else {
            jumpCursor(to: places[places.count - 1])
            wrapped = "on to the last"
        }
        if entry.isNotes {
            message = describeNoteAtCursor(among: places) + (wrapped.map { " (\($0))" } ?? "")
            return []
        }
        var parts = [String]()
        if let topic = entry.topic, let passage = places.lastIndex(where: { $0 <= cursor }) {
            parts.append("passage \(passage + 1) of \(places.count)")
            if expandedTopic == topic.name,
                let row = sidePaneEntries.firstIndex(where: {
                    $0.id == .passage(topic: topic.name, firstSegment: places[passage])
                })
            {
                select(entryAt: row)
            }
        }
        if let wrapped { parts.append(wrapped) }
        message = parts.isEmpty ? nil : "\(name): " + parts.joined(separator: "; ")
        return []
    }

    /// `]` past a file's last passage of a topic the library knows: the
    /// first passage of the next transcript that has one (`[`: the last of
    /// the previous), round the library at its ends. Nil when no other
    /// transcript discusses it.
    private mutating func stepIntoAnotherFile(topic: String, forward: Bool) -> [Effect]? {
        guard let passages = library?.passages(of: topic) else { return nil }
        let here = fileIndex
        let found =
            forward
            ? passages.firstIndex { $0.file > here } ?? passages.firstIndex { $0.file != here }
            : passages.lastIndex { $0.file < here } ?? passages.lastIndex { $0.file != here }
        guard let found else { return nil }
        let target = passages[found]
        let effects = openFile(target.file)
        guard !effects.isEmpty else { return [] }  // refused (unsaved notes): the message says why
        landing = Landing(
            file: target.file, target: .passage(topic: topic, firstSegment: target.passage.segments.lowerBound),
            wrapped: forward ? target.file < here : target.file > here)
        return effects
    }

    /// `mark 2 of 5: consolidation`, for `]` and `[` among marks and quotes
    /// (places, so a mark and a quote on one segment are said together:
    /// `mark and quote 2 of 5: …`).
    private func describeNoteAtCursor(among places: [Int]) -> String {
        let position = places.firstIndex(of: cursor).map { "\($0 + 1) of \(places.count)" } ?? ""
        let mark = notes.mark(at: cursor)
        let quote = notes.quotes.first { $0.segments.lowerBound == cursor }
        let kind = [mark.map { _ in "mark" }, quote.map { _ in "quote" }].compactMap { $0 }.joined(separator: " and ")
        let said = [mark?.note, quote.map { "“" + $0.text.prefix(40) + ($0.text.count > 40 ? "…" : "") + "”" }]
            .compactMap { $0 }.filter { !$0.isEmpty }
        return (kind.isEmpty ? "" : kind + " ") + position + (said.isEmpty ? "" : ": " + said.joined(separator: "; "))
    }

    /// The passages of the selected topic (or of the topic of the selected
    /// passage), for the timeline's gutter: only once the user selected one.
    public var markedPassages: (topic: Int, passages: [Passage])? {
        guard let topic = selectedEntry?.topic, let found = topics?.topic(named: topic.name) else { return nil }
        return (found.index, found.topic.passages)
    }
}
