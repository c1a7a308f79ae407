/// Each file keeps its own place when the reader moves to another with
/// `:n`/`:p` and back: where it was, its search, its highlights and what
/// was selected in the side pane.
public struct FilePlace: Equatable, Sendable {
    var cursor: Int
    var top: ViewAnchor
    var search: ActiveSearch?
    var highlights: [String]
    var selection: SidePaneEntry.ID?
    var expandedTopic: String?
}

extension ReaderState {
    /// What the open file leaves behind, for when the reader comes back to it.
    var place: FilePlace {
        FilePlace(
            cursor: cursor, top: top, search: search, highlights: highlights, selection: selection, expandedTopic: expandedTopic)
    }

    /// Back in a file: where it was. The side pane's selection waits for the
    /// topics (found again off the loop) when it is a topic or a chapter.
    mutating func restore(_ place: FilePlace) {
        highlights = place.highlights
        search = place.search
        expandedTopic = place.expandedTopic
        selection = place.selection
        rebuildSidePane()
        if selection == nil { awaitedSelection = place.selection }
        guard document.segmentCount > 0 else { return }
        cursor = segmentShown(min(max(0, place.cursor), document.segmentCount - 1), forward: true)
        top = place.top
        clampTop()
        ensureCursorVisible()
    }

    /// Topics arrived: a selection that waited for them is made now, unless
    /// the user selected something meanwhile.
    /// A passage awaited from the library (whose passages were found apart
    /// from the file's) is the file's passage of that topic where its
    /// segment is, when none starts at the same segment.
    mutating func selectAwaitedEntry() {
        guard let awaited = awaitedSelection else { return }
        awaitedSelection = nil
        guard selection == nil else { return }
        if let index = sidePaneEntries.firstIndex(where: { $0.id == awaited }) {
            select(entryAt: index)
        } else if case .passage(let topic, let segment) = awaited {
            let passages = sidePaneEntries.indices.filter {
                if case .passage(_, let name, _) = sidePaneEntries[$0].kind { name == topic } else { false }
            }
            if let index = passages.last(where: { (sidePaneEntries[$0].target ?? 0) <= segment }) ?? passages.first {
                select(entryAt: index)
            }
        }
    }
}
