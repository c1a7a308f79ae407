import HarkAudio
import HarkCore
import HarkNotes
import ReaderScreens
import ReaderState
import TerminalKit

/// The reader's one loop: an event in (from the terminal, or from work off
/// the loop), the state's `handle` applied, its effects carried out, the
/// screen drawn. It waits on the terminal and the mailbox at once, so no
/// result waits for a timer. Knows no terminal library; the executable
/// hands it the ncurses backend, tests a `FakeTerminal`. ARCHITECTURE.md
/// ("The reader's event flow") draws the whole path.
public enum ReaderLoop {
    public enum Ending: Equatable, Sendable {
        case quit
        /// A termination signal (SIGINT, SIGTERM, SIGHUP) arrived.
        case signal(Int32)
    }

    /// Loads a file as a document with the given id, for `:n` and `:p`
    /// (called off the loop).
    public typealias Loader = @Sendable (_ path: String, _ id: DocumentID) -> Result<CachedDocument, LoadError>

    /// Loads one file of the library, as the library lists it (called off
    /// the loop, on several threads at once).
    public typealias LibraryLoader = @Sendable (_ path: String) -> LibraryLoad

    /// Finds the topics of one file of the library, loaded (called off the
    /// loop once every row is loaded, on several threads at once).
    public typealias LibraryTopicsFinder = @Sendable (_ path: String, _ transcript: Transcript) -> LibraryFileTopics

    /// Applies changes to the notes file at `path` (merged with what is
    /// there) and returns what it holds now; throws why it cannot (called
    /// off the loop, one save at a time). The executable passes `NotesFile.save`.
    public typealias NotesSaver = @Sendable (_ changes: [NotesChange], _ path: String, _ transcript: Transcript) throws -> Notes

    /// Runs until quit. `effects` are the opening state's (see
    /// `ReaderState.opening`), started once the first frame is up;
    /// `player` makes the audio player (the executable's drives mpv);
    /// `pendingSignal` reports a termination signal; `afterFirstFrame` runs
    /// once the first screen is up; `beforeWork` runs off the loop before
    /// each piece of background work (tests hold work back with it).
    public static func run(
        backend: TerminalBackend, state initial: ReaderState, effects initialEffects: [Effect],
        load: @escaping Loader,
        save: @escaping NotesSaver,
        player: AudioPlayerFactory? = nil,
        loadLibraryFile: LibraryLoader? = nil,
        findLibraryTopics: LibraryTopicsFinder? = nil,
        pendingSignal: () -> Int32 = { 0 },
        afterFirstFrame: () -> Void = {},
        beforeWork: @escaping @Sendable () -> Void = {}
    ) -> Ending {
        var state = initial
        let runner = EffectRunner(
            firstFreeID: initial.document.id.value + 1, load: load, save: save, player: player,
            loadLibraryFile: loadLibraryFile, findLibraryTopics: findLibraryTopics, beforeWork: beforeWork)
        // However the reader ends, what the user added is in the file first, and no player is left.
        defer {
            runner.finishSaves()
            runner.closePlayers()
        }
        var pending = initialEffects
        var needsDraw = true
        var drewFirstFrame = false
        /// Applies an event; false when it asks to quit.
        func apply(_ event: ReaderEvent) -> Bool {
            let effects = state.handle(event)
            needsDraw = true
            if effects.contains(.quit) { return false }
            pending += effects
            return true
        }
        while true {
            let signal = pendingSignal()
            if signal != 0 { return .signal(signal) }
            for delivery in runner.mailbox.take() {
                guard apply(runner.receive(delivery, document: state.document)) else { return .quit }
            }
            if needsDraw {
                if state.size != backend.size {
                    guard apply(.resize(backend.size)) else { return .quit }
                }
                backend.draw(ReaderScreen.render(state), cursor: ReaderScreen.cursorPosition(state))
                needsDraw = false
                if !drewFirstFrame {
                    drewFirstFrame = true
                    afterFirstFrame()
                }
            }
            // Effects start after the frame that shows their cause is up.
            let effects = pending
            pending = []
            for effect in effects {
                switch effect {
                case .quit: return .quit
                case .suspend:
                    backend.suspend()
                    needsDraw = true
                case .captureMouse(let captured):
                    backend.setMouseCapture(captured)
                case .copyToClipboard(let text):
                    backend.copyToClipboard(text)
                case .openFile, .prepareSearch, .findTopics, .saveNotes, .player, .closePlayer, .loadLibrary, .searchLibrary,
                    .countLibrary:
                    runner.start(effect, files: state.files, document: state.document)
                }
            }
            if needsDraw { continue }  // back from a suspend: draw before waiting
            guard let event = backend.nextEvent(timeoutMilliseconds: 1000, wakeDescriptor: runner.mailbox.wakeDescriptor) else {
                continue
            }
            guard apply(.terminal(event)) else { return .quit }
        }
    }
}
