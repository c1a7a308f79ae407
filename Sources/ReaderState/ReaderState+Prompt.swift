import HarkCore
import TerminalKit

/// The prompt line: search, jump to a time, highlight a keyword.
extension ReaderState {
    mutating func openPrompt(_ kind: Prompt.Kind, text: String = "") {
        message = nil
        prompt = Prompt(kind: kind, text: text, origin: Prompt.Origin(cursor: cursor, top: top, search: search))
    }

    mutating func handlePromptKey(_ key: KeyPress) -> [Effect] {
        guard var prompt else { return [] }
        switch key {
        case .escape, .control("c"), .control("g"):
            cancelPrompt(prompt)
            return []
        case .enter:
            self.prompt = nil
            return commit(prompt) + audioAfterPrompt(prompt.kind, from: prompt.origin.cursor)
        case .backspace, .delete:
            if prompt.text.isEmpty {
                cancelPrompt(prompt)
                return []
            }
            prompt.text.removeLast()
        case .control("u"):
            prompt.text = ""
        case .character(let character):
            // A digit picks a name used before, `-` undoes: each answers at once.
            if case .speaker(let question) = prompt.kind, prompt.text.isEmpty,
                let answer = character == "-" ? "-" : question.offered(character)
            {
                self.prompt = nil
                return self.answer(question, with: answer)
            }
            prompt.text.append(character)
        default:
            return []
        }
        self.prompt = prompt
        if prompt.kind == .search { searchIncrementally(prompt) }
        return []
    }

    private mutating func cancelPrompt(_ prompt: Prompt) {
        cursor = prompt.origin.cursor
        top = prompt.origin.top
        search = prompt.origin.search
        self.prompt = nil
        clampTop()
    }

    private mutating func commit(_ prompt: Prompt) -> [Effect] {
        switch prompt.kind {
        case .search:
            if prompt.text.isEmpty {
                search = prompt.origin.search
                return []
            }
            searchIncrementally(prompt, committing: true)
            let count = document.matches(of: SearchQuery(prompt.text)).count
            message = count == 0 ? "pattern not found: \(prompt.text)" : nil
            return []
        case .librarySearch:
            return searchLibrary(prompt.text)
        case .highlight:
            let word = prompt.text.trimmingSpaces()
            guard !word.isEmpty else { return [] }
            if highlights.contains(word) {
                message = "\(word) is already highlighted"
            } else if highlights.count >= Self.maximumHighlights {
                message = "\(Self.maximumHighlights) keywords at most: H clears them"
            } else {
                highlights.append(word)
                rebuildSidePane()
                if library?.showing == true {
                    message = "\(word): counting in every transcript…"
                    return recountLibrary()
                }
                let count = document.matches(of: SearchQuery(word)).count
                message = "\(word): \(count) match\(count == 1 ? "" : "es")"
            }
            return []
        case .markNote(let segment, _):
            return saveMark(on: segment, note: prompt.text.trimmingSpaces())
        case .quoteNote(let segments):
            return saveQuoteNote(segments, note: prompt.text.trimmingSpaces())
        case .speaker(let question):
            return answer(question, with: prompt.text.trimmingSpaces())
        case .jump:
            if let path = Self.notesTarget(ofJumpText: prompt.text) { return writeNotes(to: path) }
            switch TimeJump.parse(prompt.text) {
            case .failure(let failure):
                message = failure.description
            case .success(.absolute(let time)):
                jump(to: time)
            case .success(.relative(let delta)):
                jump(to: transcript.start(of: cursor) + delta)
            case .success(.percent(let percent)):
                jump(to: Int64((Double(transcript.duration) * percent / 100).rounded()))
            case .success(.nextFile):
                // From the file on its way, if one is loading: `:n :n` goes two files on.
                guard let next = openableFile(after: opening ?? fileIndex, step: 1) else {
                    message = "no next file"
                    return []
                }
                return openFile(next)
            case .success(.previousFile):
                guard let previous = openableFile(after: opening ?? fileIndex, step: -1) else {
                    message = "no previous file"
                    return []
                }
                return openFile(previous)
            }
            return []
        }
    }

    /// As the pattern changes: every match highlighted, the cursor on the
    /// first match at or after where the search started.
    /// On a long transcript, a one- or two-letter pattern matches millions of
    /// times: searching as you type waits for this many characters there
    /// (Enter searches at once).
    static let incrementalMinimumOnLongTranscripts = 3
    static let longTranscriptTextBytes = 8 << 20

    mutating func searchIncrementally(_ prompt: Prompt, committing: Bool = false) {
        guard !prompt.text.isEmpty else {
            search = prompt.origin.search
            cursor = prompt.origin.cursor
            top = prompt.origin.top
            return
        }
        let long = transcript.continuousTextLength >= Self.longTranscriptTextBytes
        if long && !committing && prompt.text.count < Self.incrementalMinimumOnLongTranscripts {
            message =
                "keep typing: on a transcript this long, search starts at \(Self.incrementalMinimumOnLongTranscripts) characters (Enter searches now)"
            return
        }
        message = nil
        let matches = document.matches(of: SearchQuery(prompt.text))
        guard !matches.isEmpty else {
            search = ActiveSearch(pattern: prompt.text, current: nil)
            cursor = prompt.origin.cursor
            top = prompt.origin.top
            return
        }
        let index = matches.firstIndex(atOrAfter: transcript.textRange(of: prompt.origin.cursor).lowerBound) ?? 0
        search = ActiveSearch(pattern: prompt.text, current: index)
        // Each keystroke starts again from where the search began.
        cursor = prompt.origin.cursor
        top = prompt.origin.top
        jumpCursor(to: matches[index].segment)
    }

    /// `n` and `N`, wrapping around with a message; in a search of the
    /// library, going on to the next (or previous) file's matches at the ends.
    mutating func stepMatch(forward: Bool) -> [Effect] {
        guard var active = search else {
            message = "no search yet: / searches"
            return []
        }
        let matches = document.matches(of: active.query)
        guard !matches.isEmpty else {
            if let onward = stepIntoAnotherFile(forward: forward, pattern: active.pattern) { return onward }
            message = "pattern not found: \(active.pattern)"
            return []
        }
        var next: Int
        if let current = active.current, current < matches.count, matches[current].segment == cursor {
            next = current + (forward ? 1 : -1)
        } else if forward {
            next = matches.firstIndex(atOrAfter: transcript.textRange(of: cursor).upperBound) ?? matches.count
        } else {
            next = matches.lastIndex(before: transcript.textRange(of: cursor).lowerBound) ?? -1
        }
        if next >= matches.count || next < 0,
            let onward = stepIntoAnotherFile(forward: forward, pattern: active.pattern)
        {
            return onward
        }
        if next >= matches.count {
            next = 0
            message = "search wrapped to the start"
        } else if next < 0 {
            next = matches.count - 1
            message = "search wrapped to the end"
        }
        active.current = next
        search = active
        jumpCursor(to: matches[next].segment)
        return []
    }

    /// `n` past a file's last match of the library's search: the first match
    /// of the next file that has one (`N`: the last of the previous), round
    /// to the first file after the last. Nil when no other file matched, or
    /// the file's search is not the library's.
    private mutating func stepIntoAnotherFile(forward: Bool, pattern: String) -> [Effect]? {
        guard let results = library?.search, results.pattern == pattern else { return nil }
        let here = fileIndex
        let found =
            forward
            ? results.results.firstIndex { $0.file > here } ?? results.results.firstIndex { $0.file != here }
            : results.results.lastIndex { $0.file < here } ?? results.results.lastIndex { $0.file != here }
        guard let found else { return nil }
        let target = results.results[found]
        let effects = openFile(target.file)
        guard !effects.isEmpty else { return [] }  // refused (unsaved notes): the message says why
        let wrapped = forward ? target.file < here : target.file > here
        landing = Landing(file: target.file, target: .match(pattern: pattern, target.match), wrapped: wrapped)
        library?.search?.selected = found
        return effects
    }

    /// `3/17`: the current match and how many there are.
    public var matchCounter: String? {
        guard let search else { return nil }
        let count = document.matches(of: search.query).count
        guard count > 0 else { return "0/0" }
        return "\((search.current ?? 0) + 1)/\(count)"
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s = s.dropFirst() }
        while s.last == " " || s.last == "\t" { s = s.dropLast() }
        return String(s)
    }
}

extension ReaderState {
    /// The next file `:n` (or `:p`, step -1) opens from `index`: a file the
    /// library found not to be a transcript, or could not load, is passed over.
    func openableFile(after index: Int, step: Int) -> Int? {
        var next = index + step
        while files.indices.contains(next) {
            switch library?.rows[next] {
            case .skipped, .failed: next += step
            default: return next
            }
        }
        return nil
    }

    /// Types `text` into a prompt of `kind` and presses Enter: what the
    /// command line's `--at` and `--search` do.
    mutating func submit(_ kind: Prompt.Kind, text: String) {
        openPrompt(kind)
        for character in text { _ = handlePromptKey(.character(character)) }
        _ = handlePromptKey(.enter)
    }
}
