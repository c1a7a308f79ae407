import HarkCore
import TerminalKit

extension ReaderState {
    /// The state a file opens in, and the work to start for it (search
    /// folding, topics), which the runner does off the loop.
    public static func opening(
        _ document: any ReaderDocument, files: [String], fileIndex: Int = 0, size: Size, colorSupport: ColorSupport,
        options: ReaderOptions = ReaderOptions()
    ) -> (ReaderState, [Effect]) {
        var state = ReaderState(document: document, files: files, fileIndex: fileIndex, size: size, colorSupport: colorSupport)
        state.sayWarnings()
        state.adoptOpenedNotes()
        var effects: [Effect] = [.prepareSearch(document.id), .findTopics(document.id)]
        for word in options.highlights.prefix(maximumHighlights) where !state.highlights.contains(word) {
            state.highlights.append(word)
        }
        if !state.highlights.isEmpty { state.rebuildSidePane() }
        if let at = options.at { state.submit(.jump, text: at) }
        if let search = options.search { state.submit(.search, text: search) }
        if !options.mouse {
            state.mouseCaptured = false
            effects.append(.captureMouse(false))
        }
        return (state, effects)
    }

    /// Applies one event; returns what the runner must do. The one way in.
    public mutating func handle(_ event: ReaderEvent) -> [Effect] {
        switch event {
        case .terminal(let terminalEvent):
            return handleTerminal(terminalEvent)
        case .searchReady:
            // The runner keeps the folded text; searches are simply quicker now.
            return []
        case .topicsFound(let id, let found):
            guard id == document.id else { return [] }  // for a file no longer open
            topics = found
            rebuildSidePane()
            selectAwaitedEntry()
            return []
        case .fileOpened(let index, let newDocument):
            guard opening == index else { return [] }  // superseded by another :n/:p
            if loadingRest != nil { return finishLoading(with: .success(newDocument)) }
            return replaceDocument(with: newDocument, fileIndex: index)
        case .fileFailed(let index, let error):
            guard opening == index else { return [] }
            if loadingRest != nil { return finishLoading(with: .failure(error)) }
            opening = nil
            message = "\(error)"
            return []
        case .notesSaved(let id, let path, let saved):
            guard id == document.id else { return [] }
            notesSaved(saved, at: path)
            return []
        case .notesNotSaved(let id, let path, let reason):
            guard id == document.id else { return [] }
            notesNotSaved(at: path, reason: reason)
            return []
        case .player(let id, let event):
            return heard(event, for: id)
        case .libraryFileLoaded(let index, let load):
            libraryLoaded(index, load)
            return []
        case .librarySearched(let generation, let results, let searched):
            librarySearched(generation: generation, results: results, searched: searched)
            return []
        case .libraryCounted(let generation, let words, let strips):
            libraryCounted(generation: generation, words: words, strips: strips)
            return []
        case .libraryTopicsFound(let found):
            libraryTopicsFound(found)
            return []
        }
    }

    private mutating func handleTerminal(_ event: TerminalEvent) -> [Effect] {
        if let waiting = waitForTheRest(event) { return waiting }
        switch event {
        case .resize(let newSize):
            size = newSize
            if !layout.showsSidePane && focus == .sidePane { focus = .timeline }
            relayOutOverlay()
            clampTop()
            ensureCursorVisible()
            keepLibrarySelectionInView()
            return []
        case .mouse(let button, let column, let row):
            message = nil
            if overlay != nil {
                scrollOverlay(button)
                return []
            }
            if libraryHasKeys {
                if button != .left { _ = handleLibraryKey(.character(button == .wheelDown ? "j" : "k")) }
                return []
            }
            let before = cursor
            handleMouse(button, column: column, row: row)
            return audioAfterMove(nil, from: before)
        case .key(let key):
            return handleKey(key)
        }
    }

    mutating func handleKey(_ key: KeyPress) -> [Effect] {
        if overlay != nil { return handleOverlayKey(key) }
        if prompt != nil { return handlePromptKey(key) }
        if libraryHasKeys { return handleLibraryKey(key) }
        message = nil
        guard let command = Keymap.of(focus).command(for: key) else {
            message = "\(key.displayName) is not bound to anything here: ? lists the keys"
            return []
        }
        let before = cursor
        let effects = perform(command)
        let audioEffects = audioAfterMove(command, from: before)
        return audioEffects.isEmpty ? effects : effects + audioEffects
    }

    mutating func perform(_ command: Command) -> [Effect] {
        switch command {
        case .mark: askForMarkNote()
        case .removeMark: return removeMarkOrQuote()
        case .startSelection: toggleSelection()
        case .cancelSelection:
            if selectionAnchor != nil {
                selectionAnchor = nil
                message = "selection cancelled"
            }
        case .keepQuote: return keepQuote()
        case .nameSpeaker: askWhoSpeaks(splitting: false)
        case .splitTurn: askWhoSpeaks(splitting: true)
        case .nextSegment: moveCursor(to: cursor + 1)
        case .previousSegment: moveCursor(to: cursor - 1)
        case .pageDown: scrollPage(by: pageLines - 1)
        case .pageUp: scrollPage(by: -(pageLines - 1))
        case .halfPageDown: scrollKeepingRow(by: max(1, pageLines / 2))
        case .halfPageUp: scrollKeepingRow(by: -max(1, pageLines / 2))
        case .first: moveCursor(to: 0)
        case .last: moveCursor(to: document.segmentCount - 1)
        case .nextParagraph: moveToParagraph(offset: 1)
        case .previousParagraph: moveToParagraph(offset: -1)
        case .startSearch: openPrompt(.search)
        case .nextMatch: return stepMatch(forward: true)
        case .previousMatch: return stepMatch(forward: false)
        case .startJump: openPrompt(.jump)
        case .startHighlight: openPrompt(.highlight)
        case .clearHighlights:
            highlights = []
            rebuildSidePane()
            message = "highlights cleared"
        case .toggleRaw:
            raw.toggle()
            cursor = segmentShown(cursor, forward: true)
            top = anchor(ofSegment: cursor)
            top = advance(top, by: -(pageLines / 3))
            clampTop()
            message = raw ? "raw mode: one segment a line" : "paragraphs"
        case .toggleSidePane:
            sidePaneWanted.toggle()
            if sidePaneWanted && !layout.showsSidePane {
                message = "the side pane needs a terminal \(ScreenLayout.sidePaneMinimumTerminalWidth) columns wide"
            }
            if !layout.showsSidePane { focus = .timeline }
            ensureCursorVisible()
        case .switchFocus:
            if layout.showsSidePane {
                focus = focus == .timeline ? .sidePane : .timeline
                if focus == .sidePane && selection == nil { moveSelection(by: 1) }
            } else {
                message = "no side pane: T shows it (it needs \(ScreenLayout.sidePaneMinimumTerminalWidth) columns)"
            }
        case .nextOccurrence: return stepOccurrence(forward: true)
        case .previousOccurrence: return stepOccurrence(forward: false)
        case .selectNext: moveSelection(by: 1)
        case .selectPrevious: moveSelection(by: -1)
        case .openSelection: openSelection()
        case .toggleMouse:
            mouseCaptured.toggle()
            message =
                mouseCaptured
                ? "mouse on: the wheel scrolls, a click selects (M: off)"
                : "mouse off: the terminal selects text to copy (M: on)"
            return [.captureMouse(mouseCaptured)]
        case .help: openOverlay(.help)
        case .showWarnings:
            if transcript.warnings.isEmpty && notesProblems.isEmpty {
                message = "no warnings: the file loaded cleanly"
            } else {
                openOverlay(.warnings)
            }
        case .quit:
            if let refusal = refuseToLeaveUnsavedNotes(doing: "q quits") { message = refusal } else { return [.quit] }
        case .suspend: return suspendEffects()
        case .togglePlay: return togglePlay()
        case .replaySegment: return replaySegment()
        case .followPlayback: followAgain()
        case .slower: return changeSpeed(by: -1)
        case .faster: return changeSpeed(by: 1)
        case .showLibrary: return showLibrary()
        case .sortLibrary, .closeLibrary, .openLibraryRow, .libraryTopics, .toggleTopicStrip: return []  // the library's own keys
        case .overlayDown, .overlayUp, .overlayPageDown, .overlayPageUp, .overlayTop, .overlayBottom, .closeOverlay:
            return []  // overlay keys, handled while it shows
        }
        return []
    }

    // MARK: Files

    /// `:n`, `:p`: the runner loads the file and answers with `.fileOpened`.
    mutating func openFile(_ index: Int) -> [Effect] {
        if index != fileIndex, let refusal = refuseToLeaveUnsavedNotes(doing: "opening another file") {
            message = refusal
            return []
        }
        if index == fileIndex && fileIsOpen {
            // Back to the file that is open: the one loading is no longer wanted.
            opening = nil
            message = "\(index + 1)/\(files.count): \(files[index])"
            return []
        }
        opening = index
        message = "opening \(files[index])…"
        return [.openFile(index: index)]
    }

    /// Shows another file, keeping what the reader chose (raw mode, side
    /// pane, focus, mouse) and what the user is in the middle of: a prompt
    /// being typed (a search runs again in the new file) or help. A file seen
    /// before comes back as it was left (place, search, highlights, side-pane
    /// selection); a file opened for the first time takes the highlights.
    private mutating func replaceDocument(with newDocument: any ReaderDocument, fileIndex index: Int) -> [Effect] {
        var kept = ReaderOptions()
        kept.highlights = highlights
        var (next, effects) = Self.opening(
            newDocument, files: files, fileIndex: index, size: size, colorSupport: colorSupport, options: kept)
        next.raw = raw
        next.sidePaneWanted = sidePaneWanted
        next.mouseCaptured = mouseCaptured
        next.places = places
        if fileIsOpen { next.places[fileIndex] = place }
        // The library stays the reader's, behind the file.
        next.library = library
        next.library?.showing = false
        if let place = places[index] { next.restore(place) }
        next.landing = landing
        next.land()
        if next.layout.showsSidePane { next.focus = focus }
        next.message = "\(next.fileCounter): \(files[index])" + (next.message.map { "; " + $0 } ?? "")
        if var prompt {
            prompt.origin = Prompt.Origin(cursor: next.cursor, top: next.top, search: next.search)
            next.prompt = prompt
            if prompt.kind == .search { next.searchIncrementally(prompt) }
        }
        if let overlay, overlay.kind == .help || !next.transcript.warnings.isEmpty {
            next.openOverlay(overlay.kind)
        }
        // The audio was this file's: its player ends (the next file's starts on its first p).
        if audio?.started == true { effects.insert(.closePlayer, at: 0) }
        next.audio?.speed = audio?.speed ?? 1
        self = next
        return effects
    }

    /// On opening a file with load warnings, say so once.
    mutating func sayWarnings() {
        let count = transcript.warnings.count
        guard count > 0 else { return }
        message = "\(count) warning\(count == 1 ? "" : "s") while loading: W lists them"
    }

    // MARK: Mouse

    mutating func handleMouse(_ button: MouseButton, column: Int, row: Int) {
        let layout = self.layout
        switch button {
        case .wheelUp, .wheelDown:
            let lines = button == .wheelDown ? 3 : -3
            if layout.sidePane.contains(column: column, row: row) {
                moveSelection(by: lines.signum())
                return
            }
            top = advance(top, by: lines)
            clampTop()
            keepCursorInView()
        case .left:
            if layout.timeline.contains(column: column, row: row) {
                focus = .timeline
                if let segment = segmentAt(column: column - layout.timeline.x, row: row - layout.timeline.y) {
                    cursor = segment
                }
            } else if layout.sidePane.contains(column: column, row: row) {
                focus = .sidePane
                let first = SidePaneGeometry.firstVisible(
                    sidePaneEntries, selected: selectedIndex, height: layout.sidePane.height)
                if let entry = SidePaneGeometry.entry(atRow: row - layout.sidePane.y, in: sidePaneEntries, first: first) {
                    select(entryAt: entry)
                }
            }
        }
    }

    /// The segment drawn at a position of the timeline pane, if any.
    func segmentAt(column: Int, row: Int) -> Int? {
        let lines = visibleLines()
        guard row >= 0, row < lines.count else { return nil }
        let line = lines[row]
        guard !line.runs.isEmpty, line.runs[0].bytes.count > 0 || line.runs.count > 1 else { return nil }
        let textColumn = column - (gutter.fits(in: layout.timeline.width) ? gutter.width : 0)
        var x = line.label.map { DisplayWidth.of(TimelineWrapper.labelText($0)) } ?? 0
        for run in line.runs {
            let width = DisplayWidth.of(transcript.string(ofBytes: run.bytes))
            if textColumn < x + width + 1 { return run.segment }
            x += width + 1
        }
        return line.runs.last?.segment
    }
}

/// Where the side pane's entries fall: each takes one or two rows, and the
/// list scrolls as little as keeps the selected entry in view.
public enum SidePaneGeometry {
    /// The first entry drawn in a pane `height` rows high.
    public static func firstVisible(_ entries: [SidePaneEntry], selected: Int?, height: Int) -> Int {
        guard let selected, selected < entries.count else { return 0 }
        var first = 0
        var rows = entries[...selected].reduce(0) { $0 + $1.rows }
        while rows > height, first < selected {
            rows -= entries[first].rows
            first += 1
        }
        return first
    }

    /// The entry drawn at `row` of the pane, if any.
    public static func entry(atRow row: Int, in entries: [SidePaneEntry], first: Int) -> Int? {
        guard row >= 0 else { return nil }
        var top = 0
        for index in first..<entries.count {
            if row < top + entries[index].rows { return index }
            top += entries[index].rows
        }
        return nil
    }
}
