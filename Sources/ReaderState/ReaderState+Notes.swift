import HarkCore
import HarkNotes

/// What the user adds: marks with notes, quotes, speaker names. Each change
/// is made to `notes` at once (the screen shows it in the same frame) and
/// asked of the runner as `.saveNotes`, which merges it into the notes file
/// as it is on disk; the file's answer replaces `notes` once no other save
/// is on its way. When the file cannot be written, changes stay in memory
/// and the user is told, once, how to save them (`:w FILE`).
extension ReaderState {
    /// On opening a file: its notes, and the document with its speaker names.
    mutating func adoptOpenedNotes() {
        let opened = document.openedNotes
        notes = opened.notes
        notesPath = opened.path
        notesNotSaved = opened.readOnlyReason
        notesWarnings = opened.warnings
        if let problem = notesNotSaved {
            // What to do first: the end of a long message is cut on a narrow terminal.
            message = "notes not saved, :w FILE saves them (W says why): " + problem
        } else if let warning = opened.warnings.first {
            message = "notes: " + warning + (opened.warnings.count > 1 ? " (and \(opened.warnings.count - 1) more: W)" : "")
        }
        if notes.speakerEdits != SpeakerEdits() { document = document.withSpeakers(notes.speakerEdits) }
        rebuildSidePane()
    }

    /// Makes a change and asks for it to be saved.
    mutating func record(_ change: NotesChange) -> [Effect] {
        let before = notes.speakerEdits
        notes.apply(change)
        if notes.speakerEdits != before { applySpeakers() }
        rebuildSidePane()
        warnedOfUnsavedNotes = false
        guard notesNotSaved == nil, let path = notesPath else {
            unsavedChanges += 1
            return []
        }
        savesInFlight += 1
        return [.saveNotes(document.id, path: path, changes: [change])]
    }

    /// The file holds the change now, and maybe another process's too.
    mutating func notesSaved(_ saved: Notes, at path: String) {
        savesInFlight = max(0, savesInFlight - 1)
        guard path == notesPath else { return }
        if unsavedChanges > 0 && notesNotSaved == nil {
            // `:w FILE` wrote everything kept in memory.
            message = "notes saved to \(path); changes from now on are saved there too"
            unsavedChanges = 0
        }
        // Another save on its way would bring back a file without its change yet.
        guard savesInFlight == 0, notesNotSaved == nil, saved != notes else { return }
        let before = notes.speakerEdits
        notes = saved
        if notes.speakerEdits != before { applySpeakers() }
        rebuildSidePane()
    }

    mutating func notesNotSaved(at path: String, reason: String) {
        savesInFlight = max(0, savesInFlight - 1)
        guard path == notesPath, notesNotSaved == nil else { return }
        // Said once; from now on changes stay in memory until `:w FILE`.
        notesNotSaved = reason
        unsavedChanges = max(1, unsavedChanges + 1)
        message = "notes not saved, kept in memory: :w FILE saves them (W says why): " + reason
    }

    /// Quitting or leaving the file with notes only in memory: refused
    /// once, with how to save them; asked again, it goes.
    mutating func refuseToLeaveUnsavedNotes(doing action: String) -> String? {
        guard notesNotSaved != nil, unsavedChanges > 0, !warnedOfUnsavedNotes else { return nil }
        warnedOfUnsavedNotes = true
        let count = unsavedChanges == 1 ? "1 change" : "\(unsavedChanges) changes"
        return "notes not saved (\(count)): :w FILE saves them; again, \(action) without"
    }

    /// `:w FILE`: everything in the notes, into FILE (merged with it if it
    /// exists), and later changes there too.
    mutating func writeNotes(to path: String) -> [Effect] {
        guard !path.isEmpty else {
            message = ":w FILE saves the notes in FILE (give a file name)"
            return []
        }
        notesPath = path
        notesNotSaved = nil
        unsavedChanges = max(1, unsavedChanges)
        savesInFlight += 1
        message = "saving notes to \(path)…"
        return [.saveNotes(document.id, path: path, changes: notes.asChanges)]
    }

    /// `w FILE` typed at `:`, if that is what it is ("" for a `w` with no file).
    static func notesTarget(ofJumpText text: String) -> String? {
        let trimmed = text.trimmingSpaces()
        if trimmed == "w" { return "" }
        guard trimmed.hasPrefix("w ") else { return nil }
        return String(trimmed.dropFirst(2)).trimmingSpaces()
    }

    /// The notes file's problems, for `W`: why nothing is saved, what reading it noticed.
    public var notesProblems: [String] {
        (notesNotSaved.map { ["not saved: " + $0 + " (:w FILE saves the notes elsewhere)"] } ?? []) + notesWarnings
    }

    /// Says what a change did, and that it is in memory only when it is.
    mutating func say(_ text: String) {
        message = text + (notesNotSaved != nil ? " (in memory only: :w FILE saves)" : "")
    }

    /// The transcript with the notes' speakers, the view kept where it was.
    private mutating func applySpeakers() {
        let firstShown = visibleLines().first?.firstSegment
        document = document.withSpeakers(notes.speakerEdits)
        if let firstShown { top = anchor(ofSegment: firstShown) }
        clampTop()
        ensureCursorVisible()
    }

    // MARK: Marks

    /// `m`: a note for a new mark on the cursor's segment, or for the mark
    /// or quote selected in the side pane, or the cursor's mark.
    mutating func askForMarkNote() {
        if focus == .sidePane, let id = selection {
            switch id {
            case .quote(let first, let last):
                if let quote = notes.quotes.first(where: { $0.segments == first...last }) {
                    openPrompt(.quoteNote(segments: quote.segments), text: quote.note)
                }
                return
            case .mark(let segment):
                openPrompt(.markNote(segment: segment, editing: true), text: notes.mark(at: segment)?.note ?? "")
                return
            default: break
            }
        }
        guard !transcript.isEmpty else { return }
        let existing = notes.mark(at: cursor)
        openPrompt(.markNote(segment: cursor, editing: existing != nil), text: existing?.note ?? "")
    }

    mutating func saveMark(on segment: Int, note: String) -> [Effect] {
        guard segment < transcript.segments.count else { return [] }
        let editing = notes.mark(at: segment) != nil
        let effects = record(.setMark(Mark(segment: segment, start: transcript.start(of: segment), note: note)))
        let count = "\(notes.marks.count) mark\(notes.marks.count == 1 ? "" : "s")"
        say("\(editing ? "note changed" : "marked") at \(timeText(segment)) (\(count); ] and [ step through them)")
        return effects
    }

    mutating func saveQuoteNote(_ segments: ClosedRange<Int>, note: String) -> [Effect] {
        guard var quote = notes.quotes.first(where: { $0.segments == segments }) else { return [] }
        quote.note = note
        let effects = record(.setQuote(quote))
        say("note changed on the quote at \(timeText(segments.lowerBound))")
        return effects
    }

    /// `x`: the mark or quote selected in the side pane, else the cursor's
    /// mark, else a quote the cursor is in.
    mutating func removeMarkOrQuote() -> [Effect] {
        var target: NotesChange?
        if focus == .sidePane, let id = selection {
            if case .mark(let segment) = id { target = .removeMark(segment: segment) }
            if case .quote(let first, let last) = id { target = .removeQuote(segments: first...last) }
        }
        if target == nil, notes.mark(at: cursor) != nil { target = .removeMark(segment: cursor) }
        if target == nil, let quote = notes.quotes.last(where: { $0.segments.contains(cursor) }) {
            target = .removeQuote(segments: quote.segments)
        }
        guard let target else {
            message = "no mark or quote here to remove"
            return []
        }
        let selectedRow = focus == .sidePane ? selectedIndex : nil
        let effects = record(target)
        switch target {
        case .removeMark(let segment): say("mark at \(timeText(segment)) removed")
        case .removeQuote(let segments): say("quote at \(timeText(segments.lowerBound)) removed")
        default: break
        }
        // In the pane, the selection goes on to the row that took the removed one's place.
        if let selectedRow, selection == nil, !sidePaneEntries.isEmpty {
            var row = min(selectedRow, sidePaneEntries.count - 1)
            while row > 0 && !sidePaneEntries[row].isSelectable { row -= 1 }
            select(entryAt: row)
        }
        return effects
    }

    // MARK: Quotes

    /// `v`: starts a selection at the cursor, or cancels the one there is.
    mutating func toggleSelection() {
        if selectionAnchor != nil {
            selectionAnchor = nil
            message = "selection cancelled"
        } else if !transcript.isEmpty {
            selectionAnchor = cursor
            message = "selecting: move to extend, y keeps it as a quote, Esc cancels"
        }
    }

    /// The segments selected with `v`, if a selection is on.
    public var selectedSegments: ClosedRange<Int>? {
        guard let anchor = selectionAnchor else { return nil }
        return min(anchor, cursor)...max(anchor, cursor)
    }

    /// `y`: the selection, or the cursor's paragraph, kept as a quote and
    /// copied to the clipboard.
    mutating func keepQuote() -> [Effect] {
        guard !transcript.isEmpty else { return [] }
        var segments: ClosedRange<Int>
        if let selected = selectedSegments {
            segments = selected
        } else {
            let paragraph = document.blockIndex(ofSegment: cursor, raw: false)
            let range = document.block(paragraph, raw: false) ?? cursor..<(cursor + 1)
            segments = range.lowerBound...(range.upperBound - 1)
        }
        // Empty cues at either end add nothing to a quote.
        let first = transcript.nearestSegmentWithText(from: segments.lowerBound)
        let last =
            transcript.hasText(segments.upperBound)
            ? segments.upperBound : transcript.previousSegmentWithText(before: segments.upperBound) ?? first
        segments = min(first, last)...max(first, last)
        selectionAnchor = nil
        let quote = Quote(segments: segments, in: transcript)
        var effects = record(.setQuote(quote))
        let citation = quote.citation(estimated: transcript.isEstimated(segments.lowerBound))
        let words = transcript.wordCount(in: transcript.textRange(of: segments.lowerBound..<(segments.upperBound + 1)))
        let what =
            "quote kept (\(timeText(segments.lowerBound))–\(TimeFormat.short(quote.end)), \(words) word\(words == 1 ? "" : "s"))"
        if citation.utf8.count <= Self.clipboardLimit {
            effects.append(.copyToClipboard(citation))
            say(what + " and copied")
        } else {
            say(what + ", too long to copy (hark quotes prints it)")
        }
        return effects
    }

    /// Terminals cap what OSC 52 may carry; past this a quote is kept but not copied.
    static let clipboardLimit = 64 * 1024

    func timeText(_ segment: Int) -> String {
        TimeFormat.mark(estimated: transcript.isEstimated(segment)) + TimeFormat.short(transcript.start(of: segment))
    }

    // MARK: Speakers

    /// `s` and `S`: who speaks from the cursor's paragraph (or, splitting,
    /// from the cursor) to the next change of speaker.
    mutating func askWhoSpeaks(splitting: Bool) {
        guard !transcript.isEmpty else { return }
        let target: SpeakerQuestion.Target
        if splitting {
            target = .turn(segment: cursor, splitting: true)
        } else {
            let start = document.blockIndex(ofSegment: cursor, raw: false)
            if !isInUsersTurn(start), let label = document.fileTranscript.speaker(of: start) {
                target = .label(label)
            } else {
                target = .turn(segment: start, splitting: false)
            }
        }
        let current: String? =
            switch target {
            case .label(let label): notes.speakerNames.first { $0.label == label }?.name
            case .turn(let segment, _): notes.turns.first { $0.segment == segment }?.speaker
            }
        let offered = Array(notes.namesUsed.prefix(9))
        // Not typed in for the user: a digit must still pick a name at once.
        openPrompt(
            .speaker(
                SpeakerQuestion(target: target, offered: offered, current: current)))
    }

    /// Whether `segment` is in a turn the user marked (which a label name would not change).
    private func isInUsersTurn(_ segment: Int) -> Bool {
        guard let turn = notes.turns.last(where: { $0.segment <= segment }) else { return false }
        if turn.segment == segment { return true }
        let file = document.fileTranscript
        return !((turn.segment + 1)...segment).contains { file.startsTurn(at: $0) }
    }

    mutating func answer(_ question: SpeakerQuestion, with text: String) -> [Effect] {
        let name: String? = text == "-" ? nil : text.isEmpty ? nil : text
        let effects: [Effect]
        switch question.target {
        case .label(let label):
            if name == nil && text.isEmpty { return [] }
            effects = record(.nameSpeaker(label: label, name: name))
            say(name.map { "\(label) is \($0), everywhere" } ?? "\(label) has no name now")
        case .turn(let segment, let splitting):
            if text.isEmpty && !splitting { return [] }
            let alreadyTheirs = !splitting && name != nil && transcript.speaker(of: segment) == name
            if alreadyTheirs && !notes.turns.contains(where: { $0.segment == segment }) {
                // The turn they named before runs on here: no new turn is needed.
                message = "\(name ?? "") speaks here already"
                return []
            }
            if text == "-" {
                effects = record(.removeTurn(segment: segment))
                say("turn at \(timeText(segment)) as the file has it again")
            } else {
                effects = record(.setTurn(TurnEdit(segment: segment, speaker: name)))
                say(
                    name.map { "\($0) speaks from \(timeText(segment)) to the next change of speaker" }
                        ?? "new turn at \(timeText(segment))")
            }
        }
        return effects
    }
}

/// "Who speaks here?": a label to name everywhere, or a turn to name.
public struct SpeakerQuestion: Equatable, Sendable {
    public enum Target: Equatable, Sendable {
        /// A label the file gives (`SPEAKER_00`): naming it names every turn it has.
        case label(String)
        /// A turn from `segment` to the next change of speaker (`splitting`: a new one).
        case turn(segment: Int, splitting: Bool)
    }

    public var target: Target
    /// Names already used, picked with 1 to 9 before anything is typed.
    public var offered: [String]
    /// The name the user gave it before, if any.
    public var current: String?

    /// Short enough for 80 columns with two names: the time is on the status bar.
    public var prompt: String {
        let question =
            switch target {
            case .label(let label): "who is \(label)?"
            case .turn(_, let splitting): splitting ? "new turn, who speaks?" : "who speaks?"
            }
        let now = current.map { " (now \($0))" } ?? ""
        let picks = offered.enumerated().map { "\($0.offset + 1) \($0.element)" }.joined(separator: " ")
        return question + now + (picks.isEmpty ? "" : " [\(picks)]") + " -:undo "
    }

    /// The name a digit picks, if it picks one.
    func offered(_ character: Character) -> String? {
        guard let digit = character.wholeNumberValue, digit >= 1, digit <= offered.count else { return nil }
        return offered[digit - 1]
    }
}
