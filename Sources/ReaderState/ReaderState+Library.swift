import HarkCore
import TerminalKit

/// What loading one file of the library gave.
public enum LibraryLoad: Sendable {
    case transcript(LibraryTranscript)
    case failed(String)
    /// Found in a folder and not a transcript.
    case skipped
}

extension ReaderState {
    /// The library screen, first: its rows loading in the background
    /// (`.loadLibrary`), no file open yet. `placeholder` is an empty
    /// document, shown by nothing until a file is opened.
    public static func openingLibrary(
        placeholder: any ReaderDocument, files: [String], size: Size, colorSupport: ColorSupport,
        options: ReaderOptions = ReaderOptions()
    ) -> (ReaderState, [Effect]) {
        var state = ReaderState(document: placeholder, files: files, fileIndex: 0, size: size, colorSupport: colorSupport)
        state.fileIsOpen = false
        state.library = LibraryState(files: files)
        for word in options.highlights.prefix(maximumHighlights) where !state.highlights.contains(word) {
            state.highlights.append(word)
        }
        state.library?.counted = state.highlights
        var effects: [Effect] = [.loadLibrary(counting: state.highlights)]
        if !options.mouse {
            state.mouseCaptured = false
            effects.append(.captureMouse(false))
        }
        return (state, effects)
    }

    /// Whether keys go to the library screen now.
    var libraryHasKeys: Bool { library?.showing == true && overlay == nil && prompt == nil }

    /// `3/12`: the open file's place among those listed (what the library
    /// found not to be a transcript does not count).
    public var fileCounter: String {
        guard let library else { return "\(fileIndex + 1)/\(files.count)" }
        let listed = library.rows.indices.filter { if case .skipped = library.rows[$0] { false } else { true } }
        return "\((listed.firstIndex(of: fileIndex) ?? fileIndex) + 1)/\(listed.count)"
    }

    mutating func libraryLoaded(_ index: Int, _ load: LibraryLoad) {
        guard var library, library.rows.indices.contains(index) else { return }
        switch load {
        case .transcript(var file):
            file.count(library.counted)
            library.rows[index] = .loaded(file)
        case .failed(let message): library.rows[index] = .failed(message)
        case .skipped: library.rows[index] = .skipped
        }
        // A row left out, or a sort by what the row now knows, changes the order.
        if case .skipped = load { library.reorder() } else if library.sort != .given { library.reorder() }
        self.library = library
    }

    // MARK: Keys

    mutating func handleLibraryKey(_ key: KeyPress) -> [Effect] {
        message = nil
        guard let command = Keymap.library.command(for: key) else {
            message = "\(key.displayName) is not bound to anything here: ? lists the keys"
            return []
        }
        switch command {
        case .selectNext: moveLibrarySelection(by: 1)
        case .selectPrevious: moveLibrarySelection(by: -1)
        case .pageDown: moveLibrarySelection(by: max(1, libraryPageRows - 1))
        case .pageUp: moveLibrarySelection(by: -max(1, libraryPageRows - 1))
        case .first: moveLibrarySelection(by: -Int.max / 2)
        case .last: moveLibrarySelection(by: Int.max / 2)
        case .openLibraryRow: return openLibrarySelection()
        case .sortLibrary:
            guard var sorted = library else { return [] }
            if sorted.search != nil || sorted.topicList != nil {
                message = "o sorts the list of transcripts: Esc goes back to it"
                return []
            }
            sorted.sort = sorted.sort.next
            sorted.reorder()
            library = sorted
            message = "sorted by \(sorted.sort.rawValue)"
        case .closeLibrary:
            if library?.search != nil {
                library?.search = nil
                message = library?.topicList == nil ? "every transcript" : "every topic"
            } else if library?.topicList?.opened != nil {
                library?.topicList?.opened = nil
                message = "every topic"
            } else if library?.topicList != nil {
                toggleLibraryTopics()
            } else if fileIsOpen {
                library?.showing = false
            } else {
                message = "Enter opens a transcript; q quits"
            }
        case .startSearch: openPrompt(.librarySearch)
        case .libraryTopics: toggleLibraryTopics()
        case .toggleTopicStrip: toggleTopicStrip()
        case .clearHighlights: return perform(command) + recountLibrary()
        default: return perform(command)  // highlight, help, quit, suspend: as in a file
        }
        keepLibrarySelectionInView()
        return []
    }

    /// `L` in a file: the library, where it was left.
    mutating func showLibrary() -> [Effect] {
        guard library != nil else {
            message = "no library: hark DIR, or hark with several files, opens one"
            return []
        }
        library?.showing = true
        keepLibrarySelectionInView()
        // The strips count the highlights of the file the reader comes from.
        return recountLibrary()
    }

    /// Rows the library shows at once (a row a transcript, or a result).
    var libraryPageRows: Int { max(1, size.height - 4) }

    private mutating func moveLibrarySelection(by step: Int) {
        guard var library else { return }
        func moved(_ selected: Int, among count: Int) -> Int {
            max(0, min(count - 1, selected.addingReportingOverflow(step).partialValue))
        }
        if var search = library.search {
            search.selected = moved(search.selected, among: search.results.count)
            library.search = search
        } else if var list = library.topicList {
            if var opened = list.opened {
                opened.selected = moved(opened.selected, among: opened.passages.count)
                list.opened = opened
            } else {
                list.selected = moved(list.selected, among: library.topics.count)
            }
            library.topicList = list
        } else {
            library.selected = max(0, min(library.order.count - 1, library.selected.addingReportingOverflow(step).partialValue))
        }
        self.library = library
    }

    mutating func keepLibrarySelectionInView() {
        guard var library else { return }
        let rows = libraryPageRows
        func scrolled(_ top: Int, showing selected: Int) -> Int {
            min(selected, max(top, selected - rows + 1))
        }
        if var search = library.search {
            search.top = scrolled(search.top, showing: search.selected)
            library.search = search
        } else if var list = library.topicList {
            if var opened = list.opened {
                opened.top = scrolled(opened.top, showing: opened.selected)
                list.opened = opened
            } else {
                list.top = scrolled(list.top, showing: list.selected)
            }
            library.topicList = list
        } else {
            if library.selected < library.top { library.top = library.selected }
            if library.selected >= library.top + rows { library.top = library.selected - rows + 1 }
        }
        self.library = library
    }

    /// Enter: the transcript selected, or the file of the match selected at that match.
    private mutating func openLibrarySelection() -> [Effect] {
        guard let library else { return [] }
        if let search = library.search {
            guard search.results.indices.contains(search.selected) else { return [] }
            let result = search.results[search.selected]
            landing = Landing(file: result.file, target: .match(pattern: search.pattern, result.match))
            return openFromLibrary(result.file)
        }
        if library.topicList != nil { return openLibraryTopicSelection() }
        guard let index = library.selectedFile else { return [] }
        switch library.rows[index] {
        case .loaded: return openFromLibrary(index)
        case .loading: message = "\(library.names[index]) is still loading"
        case .failed(let why): message = why
        case .skipped: break
        }
        return []
    }

    mutating func openFromLibrary(_ index: Int) -> [Effect] {
        if fileIsOpen && index == fileIndex {
            library?.showing = false
            land()
            return []
        }
        return openFile(index)
    }

    /// A file opened from a search result: at its match, with the search
    /// on. From a topic's passage: there, with the topic open in the side
    /// pane and the passage selected once the file's topics are found.
    mutating func land() {
        guard let landing, landing.file == fileIndex else { return }
        self.landing = nil
        switch landing.target {
        case .match(let pattern, let match):
            let matches = document.matches(of: SearchQuery(pattern))
            let current = matches.firstIndex { $0.range.lowerBound >= match.range.lowerBound } ?? 0
            search = ActiveSearch(pattern: pattern, current: matches.isEmpty ? nil : current)
            jumpCursor(to: match.segment)
            if landing.wrapped { message = "search wrapped round the library" }
        case .passage(let topic, let firstSegment):
            expandedTopic = topic
            selection = nil
            rebuildSidePane()
            awaitedSelection = .passage(topic: topic, firstSegment: firstSegment)
            // A file seen before has its topics; else they are being found.
            if topics != nil { selectAwaitedEntry() }
            jumpCursor(to: firstSegment)
            if landing.wrapped { message = "\(topic): passages wrapped round the library" }
        }
    }

    // MARK: Counting and searching every transcript (off the loop)

    /// The words the strips count are the highlights: counted again off the
    /// loop (each row keeps its old strips, drawn as counting, until then).
    mutating func recountLibrary() -> [Effect] {
        guard var library, library.counted != highlights else { return [] }
        library.counted = highlights
        library.generation += 1
        library.counting = library.generation
        if highlights.isEmpty {
            // Nothing to count: every row at once.
            for index in library.rows.indices {
                if case .loaded(var file) = library.rows[index] {
                    file.count([])
                    library.rows[index] = .loaded(file)
                }
            }
            library.counting = nil
            library.reorder()
            self.library = library
            return []
        }
        self.library = library
        return [.countLibrary(generation: library.generation, words: highlights)]
    }

    mutating func libraryCounted(generation: Int, words: [String], strips: [Int: [[Int]]]) {
        guard var library, library.counting == generation, words == library.counted else { return }
        library.counting = nil
        if message?.hasSuffix("counting in every transcript…") == true { message = nil }
        for (index, counted) in strips where library.rows.indices.contains(index) {
            if case .loaded(var file) = library.rows[index] {
                file.take(words, strips: counted)
                library.rows[index] = .loaded(file)
            }
        }
        // A row the runner had not loaded yet when it counted arrives counted for these words,
        // or is counted as it arrives (`libraryLoaded`).
        library.reorder()
        self.library = library
    }

    /// `/` in the library: every match in every transcript loaded, found off the loop.
    mutating func searchLibrary(_ pattern: String) -> [Effect] {
        guard var library, !pattern.isEmpty else { return [] }
        library.generation += 1
        library.searching = (library.generation, pattern)
        self.library = library
        message = "searching every transcript for \(pattern)…"
        return [.searchLibrary(generation: library.generation, pattern: pattern)]
    }

    mutating func librarySearched(generation: Int, results found: [LibrarySearch.Result], searched: Set<Int>) {
        guard var library, let searching = library.searching, searching.generation == generation else { return }
        library.searching = nil
        // Only rows the state has loaded are listed: the rest are counted as not searched.
        let shown = Set(library.rows.indices.filter { library.file($0) != nil })
        let results = found.filter { shown.contains($0.file) }
        let unsearched = library.rows.indices.count { index in
            if case .loading = library.rows[index] { return true }
            return library.file(index) != nil && !searched.contains(index)
        }
        library.search = LibrarySearch(pattern: searching.pattern, results: results, unsearched: unsearched)
        self.library = library
        keepLibrarySelectionInView()
        let files = Set(results.map(\.file)).count
        message =
            results.isEmpty
            ? "pattern not found in any transcript: \(searching.pattern)"
            : "\(results.count) match\(results.count == 1 ? "" : "es") in \(files) transcript\(files == 1 ? "" : "s")"
        if unsearched > 0 { message! += " (\(unsearched) still loading, not searched)" }
    }
}

/// Where a file opened from the library lands: at a search's match, or at
/// a topic's passage.
struct Landing: Equatable, Sendable {
    enum Target: Equatable, Sendable {
        case match(pattern: String, SearchMatch)
        case passage(topic: String, firstSegment: Int)
    }

    var file: Int
    var target: Target
    /// Reached by `n` from the last file (or `N` from the first).
    var wrapped = false
}
