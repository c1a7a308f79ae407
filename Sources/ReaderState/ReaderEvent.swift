import HarkAudio
import HarkCore
import HarkNotes
import TerminalKit

/// Which open document a piece of background work was for: results that
/// arrive after the user moved to another file are dropped by it.
public struct DocumentID: Hashable, Sendable, CustomStringConvertible {
    public let value: Int
    public init(_ value: Int) { self.value = value }
    public var description: String { "document \(value)" }
}

/// Everything that can happen to the reader. The terminal's events and the
/// results of work started by an `Effect` all come in here, one at a time,
/// on the loop's thread.
public enum ReaderEvent {
    case terminal(TerminalEvent)
    /// The text of the document is folded for searching (the runner keeps it).
    case searchReady(DocumentID)
    case topicsFound(DocumentID, FoundTopics)
    /// `files[index]` is loaded, as the document to show.
    case fileOpened(index: Int, any ReaderDocument)
    case fileFailed(index: Int, LoadError)
    /// A change to the notes is in the file at `path`, which now holds
    /// `notes` (with what another process saved there meanwhile).
    case notesSaved(DocumentID, path: String, Notes)
    /// The notes file could not be written: why, for the user.
    case notesNotSaved(DocumentID, path: String, reason: String)
    /// What the audio player of the document said.
    case player(DocumentID, PlayerEvent)
    /// A file of the library, loaded in the background (`files[index]`).
    case libraryFileLoaded(index: Int, LibraryLoad)
    /// The matches of `.searchLibrary(generation, pattern)` in every file
    /// the runner had loaded; `searched` says which those were.
    case librarySearched(generation: Int, results: [LibrarySearch.Result], searched: Set<Int>)
    /// The strips of `.countLibrary(generation, words)`, by file.
    case libraryCounted(generation: Int, words: [String], strips: [Int: [[Int]]])
    /// Some library files' topics, found off the loop once every row is loaded.
    case libraryTopicsFound([Int: LibraryFileTopics])

    public static func key(_ key: KeyPress) -> ReaderEvent { .terminal(.key(key)) }
    public static func resize(_ size: Size) -> ReaderEvent { .terminal(.resize(size)) }
    public static func mouse(_ button: MouseButton, column: Int, row: Int) -> ReaderEvent {
        .terminal(.mouse(button, column: column, row: row))
    }
}

/// What the reader asks its runner to do; compared in tests, so no closures.
/// Work that takes time reports back with a `ReaderEvent`.
public enum Effect: Equatable, Sendable {
    case quit
    case suspend
    /// Load `files[index]` → `.fileOpened` or `.fileFailed`.
    case openFile(index: Int)
    /// Fold the document's text for searching, off the loop → `.searchReady`.
    case prepareSearch(DocumentID)
    /// Find the document's topics and chapters, off the loop → `.topicsFound`.
    case findTopics(DocumentID)
    /// Take the mouse, or leave it to the terminal.
    case captureMouse(Bool)
    /// Apply changes to the notes file at `path`, merged with what is there
    /// now → `.notesSaved` or `.notesNotSaved`. The runner finishes every
    /// save before the reader exits.
    case saveNotes(DocumentID, path: String, changes: [NotesChange])
    /// Put text on the terminal's clipboard (OSC 52).
    case copyToClipboard(String)
    /// Give the audio player of the document a command, starting the
    /// player for the file at `path` if none plays it → `.player` events.
    case player(DocumentID, path: String, PlayerCommand)
    /// End the audio player (another file opens).
    case closePlayer
    /// Load every file of the library in the background, counting these
    /// words in each → one `.libraryFileLoaded` per file; then find each
    /// one's topics → `.libraryTopicsFound`, a few files at a time.
    case loadLibrary(counting: [String])
    /// Search every library file loaded, off the loop → `.librarySearched`.
    case searchLibrary(generation: Int, pattern: String)
    /// Count these words in every library file loaded, by stretch of time,
    /// off the loop → `.libraryCounted`; files loaded from now on count them too.
    case countLibrary(generation: Int, words: [String])
}
