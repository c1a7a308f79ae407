import HarkCore
import TerminalKit

/// The whole state of the reader, as one value. `handle(_:)` is the only way
/// it changes; screens only read it.
public struct ReaderState {
    public let document: ReaderDocument
    /// The files given on the command line, and which one is open.
    public var files: [String]
    public var fileIndex: Int
    public var size: Size
    public var colors: Bool

    /// The segment the cursor is on.
    public var cursor = 0
    /// The first line shown in the timeline.
    public var top = ViewAnchor(block: 0, line: 0)
    public var raw = false
    public var sidePaneWanted = true
    public var focus: KeyContext = .timeline
    public var sideSelection = 0
    /// The topic whose passages the side pane lists under it.
    public var expandedTopic: Int?
    public var search: ActiveSearch?
    public var prompt: Prompt?
    /// Keywords highlighted with `h`, each in its own colour (six at most).
    public var highlights: [String] = []
    public var message: String?
    public var showsHelp = false

    public static let maximumHighlights = 6

    public init(document: ReaderDocument, files: [String], fileIndex: Int = 0, size: Size, colors: Bool) {
        self.document = document
        self.files = files
        self.fileIndex = fileIndex
        self.size = size
        self.colors = colors
    }

    public var transcript: Transcript { document.transcript }
    public var layout: ScreenLayout { ScreenLayout(size: size, sidePaneWanted: sidePaneWanted) }
    public var gutter: Gutter { Gutter(duration: transcript.duration) }

    /// Columns for timeline text: the pane less the gutter (dropped when the
    /// pane is too narrow) and a column of margin before the side pane.
    public var textWidth: Int {
        let pane = layout.timeline.width
        let margin = layout.showsSidePane ? 1 : 0
        return max(1, (gutter.fits(in: pane) ? pane - gutter.width : pane) - margin)
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
        public var symbol: String {
            switch self {
            case .search: "/"
            case .jump: ":"
            case .highlight: "mark: "
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

/// What the reader asks its loop to do; compared in tests, so no closures.
public enum Effect: Equatable, Sendable {
    case quit
    case suspend
    /// Open `files[index]` in place of the current one.
    case openFile(Int)
}
