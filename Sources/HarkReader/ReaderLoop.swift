import HarkCore
import ReaderScreens
import ReaderState
import TerminalKit

/// The reader's one loop: event in, state changed, screen drawn. Knows no
/// terminal library; the executable hands it the ncurses backend, tests a
/// `FakeTerminal`.
public enum ReaderLoop {
    public enum Ending: Equatable, Sendable {
        case quit
        /// A termination signal (SIGINT, SIGTERM, SIGHUP) arrived.
        case signal(Int32)
    }

    /// What the command line asked for besides the files.
    public struct Options: Sendable {
        public var highlights: [String] = []
        public var at: String?
        public var search: String?
        /// `--topics FILE`: the topics file for every file opened.
        public var topicsFile: String?
        public init() {}
    }

    /// Runs until quit. `load` opens another file (`:n`, `:p`) with its topics;
    /// `pendingSignal` reports a termination signal; `afterFirstFrame`
    /// runs once the first screen is up.
    public static func run(
        backend: TerminalBackend, state initial: ReaderState,
        load: (String) -> Result<ReaderDocument, LoadError>,
        pendingSignal: () -> Int32 = { 0 },
        afterFirstFrame: () -> Void = {}
    ) -> Ending {
        var state = initial
        var needsDraw = true
        var drewFirstFrame = false
        var backgroundWorkLeft = true
        var backgroundStarted = false
        while true {
            let signal = pendingSignal()
            if signal != 0 { return .signal(signal) }
            if needsDraw {
                if state.size != backend.size { _ = state.handle(.resize(backend.size)) }
                backend.draw(ReaderScreen.render(state), cursor: ReaderScreen.cursorPosition(state))
                needsDraw = false
                if !drewFirstFrame {
                    drewFirstFrame = true
                    afterFirstFrame()
                }
            }
            // Start the work that can wait as soon as the first frame is up,
            // then look in on it every 20 ms, and draw again when it is done.
            let timeout = backgroundWorkLeft ? (backgroundStarted ? 20 : 0) : 100
            guard let event = backend.nextEvent(timeoutMilliseconds: timeout) else {
                if backgroundWorkLeft {
                    backgroundStarted = true
                    backgroundWorkLeft = state.document.doBackgroundWork()
                    if !backgroundWorkLeft { needsDraw = true }
                }
                continue
            }
            needsDraw = true
            for effect in state.handle(event) {
                switch effect {
                case .quit:
                    return .quit
                case .suspend:
                    backend.suspend()
                case .openFile(let index):
                    switch load(state.files[index]) {
                    case .success(let document):
                        state = state.replacingDocument(document, fileIndex: index)
                        backgroundWorkLeft = true
                        backgroundStarted = false
                    case .failure(let error):
                        state.message = "\(error)"
                    }
                }
            }
        }
    }
}

extension ReaderState {
    /// A state for another file, keeping what the reader chose (highlights,
    /// raw mode, side pane).
    func replacingDocument(_ document: ReaderDocument, fileIndex: Int) -> ReaderState {
        var next = ReaderState(document: document, files: files, fileIndex: fileIndex, size: size, colors: colors)
        next.highlights = highlights
        next.raw = raw
        next.sidePaneWanted = sidePaneWanted
        next.message = "\(fileIndex + 1)/\(files.count): \(files[fileIndex])"
        return next
    }

    /// The state the reader starts in: options from the command line applied.
    public static func start(
        document: ReaderDocument, files: [String], fileIndex: Int = 0, size: Size, colors: Bool, options: ReaderLoop.Options
    ) -> ReaderState {
        var state = ReaderState(document: document, files: files, fileIndex: fileIndex, size: size, colors: colors)
        for word in options.highlights.prefix(maximumHighlights) where !state.highlights.contains(word) {
            state.highlights.append(word)
        }
        if let at = options.at {
            state.submit(.jump, text: at)
        }
        if let search = options.search {
            state.submit(.search, text: search)
        }
        return state
    }
}
