import HarkCore
import HarkNotes
import TerminalKit

/// The whole state of the reader, as one value. `handle(_:)` is the only way
/// it changes (every field is read-only outside this module's extensions);
/// screens only read it. What it derives from the transcript it asks of its
/// `document`; the runner owns the document and its caches (see
/// ARCHITECTURE.md, "The reader's event flow").
public struct ReaderState {
    public internal(set) var document: any ReaderDocument
    /// The files given on the command line, and which one is open.
    public internal(set) var files: [String]
    public internal(set) var fileIndex: Int
    public internal(set) var size: Size
    public internal(set) var colorSupport: ColorSupport

    /// The segment the cursor is on.
    public internal(set) var cursor = 0
    /// The first line shown in the timeline.
    public internal(set) var top = ViewAnchor(block: 0, line: 0)
    public internal(set) var raw = false
    public internal(set) var sidePaneWanted = true
    public internal(set) var focus: KeyContext = .timeline
    /// Topics and chapters, once found off the loop (nil until then).
    public internal(set) var topics: FoundTopics?
    /// The side pane's rows, rebuilt when what they show changes (topics
    /// found, a topic opened, highlights), not for every frame.
    public internal(set) var sidePaneEntries: [SidePaneEntry] = []
    /// What the user selected in the side pane, by identity: entries that
    /// arrive later (topics found) cannot change it. Nil until the user
    /// selects something.
    public internal(set) var selection: SidePaneEntry.ID?
    /// Where `selection` is in `sidePaneEntries`, kept in step with both.
    public internal(set) var selectedIndex: Int?
    /// The topic whose passages the side pane lists under it.
    public internal(set) var expandedTopic: String?
    public internal(set) var search: ActiveSearch?
    public internal(set) var prompt: Prompt?
    /// Keywords highlighted with `h`, each in its own colour (six at most).
    public internal(set) var highlights: [String] = []
    public internal(set) var message: String?
    /// Help or the load warnings, drawn over the timeline and scrolled.
    public internal(set) var overlay: Overlay?
    /// Whether the reader takes the mouse (else the terminal keeps it, for selecting text).
    public internal(set) var mouseCaptured = true
    /// A file asked for with `:n`/`:p` that is loading.
    public internal(set) var opening: Int?
    /// A large file's first part is shown while all of it loads.
    public internal(set) var loadingRest: LoadingRest?

    /// What the user added: speaker names, marks, quotes (see ReaderState+Notes).
    public internal(set) var notes = Notes()
    /// Where changes to the notes are saved as they are made.
    public internal(set) var notesPath: String?
    /// Why changes are kept in memory only (the notes file is broken, or
    /// its folder cannot be written); nil while they are saved as made.
    public internal(set) var notesNotSaved: String?
    /// What reading the notes file noticed (entries found again by time).
    public internal(set) var notesWarnings: [String] = []
    /// Changes made since the notes stopped being saved.
    public internal(set) var unsavedChanges = 0
    /// Saves asked for whose answer has not come back.
    var savesInFlight = 0
    /// A `q` or `:n` was refused once because of unsaved notes: the next goes.
    var warnedOfUnsavedNotes = false
    /// `v`: the segment the selection started at; the cursor is its other end.
    public internal(set) var selectionAnchor: Int?
    /// The transcript's audio, when it has some (see ReaderState+Audio).
    public internal(set) var audio: AudioState?
    /// Where each file given was left, by its index in `files` (see ReaderState+Places).
    public internal(set) var places: [Int: FilePlace] = [:]
    /// A side-pane entry to select once the topics are found (a file's place restored).
    var awaitedSelection: SidePaneEntry.ID?
    /// The library screen, when the reader was given a folder or several files.
    public internal(set) var library: LibraryState?
    /// False while the library has opened no file yet (`document` is then an empty placeholder).
    public internal(set) var fileIsOpen = true
    /// A file opened from a library search, to land at its match.
    var landing: Landing?

    public static let maximumHighlights = 6

    public init(document: any ReaderDocument, files: [String], fileIndex: Int = 0, size: Size, colorSupport: ColorSupport) {
        self.document = document
        self.files = files
        self.fileIndex = fileIndex
        self.size = size
        self.colorSupport = colorSupport
        // On the first segment with text: empty WebVTT cues show nowhere.
        if document.segmentCount > 0 { cursor = segmentShown(0, forward: true) }
        audio = document.audioPath.map(AudioState.init(path:))
        rebuildSidePane()
    }

    public var transcript: Transcript { document.transcript }
    public var layout: ScreenLayout { ScreenLayout(size: size, sidePaneWanted: sidePaneWanted, gutterWidth: gutter.width) }
    public var gutter: Gutter { Gutter(duration: transcript.duration, estimatedTimes: transcript.estimatedCount > 0) }

    /// Columns for timeline text: the pane less the gutter (dropped when the
    /// pane is too narrow) and a column of margin before the side pane, and
    /// never more than a comfortable reading measure.
    public var textWidth: Int {
        let pane = layout.timeline.width
        let margin = layout.showsSidePane ? 1 : 0
        let available = (gutter.fits(in: pane) ? pane - gutter.width : pane) - margin
        return max(1, min(ScreenLayout.readingMeasure, available))
    }

    public var pageLines: Int { max(1, layout.timeline.height) }
}

/// A line of the timeline: the `line`-th line of block `block`.
public struct ViewAnchor: Equatable, Comparable, Sendable {
    public var block: Int
    public var line: Int

    public init(block: Int, line: Int) {
        self.block = block
        self.line = line
    }

    public static func < (a: ViewAnchor, b: ViewAnchor) -> Bool { (a.block, a.line) < (b.block, b.line) }
}

public struct ActiveSearch: Equatable, Sendable {
    public var pattern: String
    /// The match the cursor was last taken to, as an index into the matches.
    public var current: Int?
    public var query: SearchQuery { SearchQuery(pattern) }
}

public struct Prompt: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case search, jump, highlight
        /// `/` in the library: every transcript.
        case librarySearch
        /// A mark's note; `editing` when the segment is marked already.
        case markNote(segment: Int, editing: Bool)
        case quoteNote(segments: ClosedRange<Int>)
        case speaker(SpeakerQuestion)
        public var symbol: String {
            switch self {
            case .search: "/"
            case .librarySearch: "search every transcript: "
            case .jump: ":"
            case .highlight: "highlight: "
            case .markNote(_, let editing): editing ? "note for this mark: " : "mark, with a note (Enter: none): "
            case .quoteNote: "note for this quote: "
            case .speaker(let question): question.prompt
            }
        }
    }

    public var kind: Kind
    public var text = ""
    /// Where the view was when the prompt opened: `Esc` goes back there.
    var origin: Origin

    struct Origin: Equatable, Sendable {
        var cursor: Int
        var top: ViewAnchor
        var search: ActiveSearch?
    }
}
