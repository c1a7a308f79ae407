import Dispatch
import HarkAudio
import HarkCore
import HarkNotes
import ReaderState

/// Carries out what the state asks (`Effect`) that is not the terminal's:
/// loading a file, folding text for search, finding topics, driving the
/// audio player. The work runs on one serial queue off the loop; each
/// result comes back through the mailbox and is turned into a
/// `ReaderEvent` on the loop's thread. The player reports the same way.
final class EffectRunner {
    /// What work off the loop hands back.
    enum Delivery {
        case event(ReaderEvent)
        /// Folded text for the document's search, which the runner keeps.
        case folded(DocumentID, FoldedText)
    }

    let mailbox = Mailbox<Delivery>()
    private let queue = DispatchQueue(label: "hark.reader.work", qos: .userInitiated)
    /// Saves have their own queue: a mark is saved at once, never behind
    /// the topics of a long file.
    private let notesQueue = DispatchQueue(label: "hark.reader.notes", qos: .userInitiated)
    private let scratch = Scratch()
    /// The library's transcripts as they load, for searching and counting off the loop.
    private let shelf = LibraryShelf()
    private let load: ReaderLoop.Loader
    private let save: ReaderLoop.NotesSaver
    private var nextID: Int
    /// Makes the audio player; nil where there is none (most tests).
    private let makePlayer: AudioPlayerFactory?
    /// Loads one file of the library (off the loop, several at once).
    private let loadLibraryFile: ReaderLoop.LibraryLoader?
    /// Finds a library file's topics, once every row is loaded.
    private let findLibraryTopics: ReaderLoop.LibraryTopicsFinder?
    /// The one player, and the document and file it plays.
    private var player: (player: any AudioPlayer, document: DocumentID, path: String)?
    /// Players being ended off the loop (ending mpv can take a second).
    private let closingPlayers = DispatchGroup()

    /// Runs on the work queue before each piece of work: tests hold work
    /// back with it to make results arrive when they choose.
    private let beforeWork: @Sendable () -> Void

    init(
        firstFreeID: Int, load: @escaping ReaderLoop.Loader, save: @escaping ReaderLoop.NotesSaver,
        player: AudioPlayerFactory? = nil, loadLibraryFile: ReaderLoop.LibraryLoader? = nil,
        findLibraryTopics: ReaderLoop.LibraryTopicsFinder? = nil, beforeWork: @escaping @Sendable () -> Void = {}
    ) {
        self.loadLibraryFile = loadLibraryFile
        self.findLibraryTopics = findLibraryTopics
        nextID = firstFreeID
        self.load = load
        self.save = save
        self.makePlayer = player
        self.beforeWork = beforeWork
    }

    /// Starts `effect`'s work for the state's current document.
    func start(_ effect: Effect, files: [String], document: any ReaderDocument) {
        let mailbox = self.mailbox
        let scratch = self.scratch
        let beforeWork = self.beforeWork
        switch effect {
        case .openFile(let index):
            let id = DocumentID(nextID)
            nextID += 1
            let path = files[index]
            let load = self.load
            queue.async {
                beforeWork()
                switch load(path, id) {
                case .success(let loaded): mailbox.post(.event(.fileOpened(index: index, loaded)))
                case .failure(let error): mailbox.post(.event(.fileFailed(index: index, error)))
                }
            }
        case .prepareSearch(let id):
            guard id == document.id else { return }  // asked for a file since replaced
            if let folded = (document as? CachedDocument)?.foldedText {
                // A search on the loop folded it already: lend that to the topics, fold nothing again.
                queue.async {
                    scratch.folded = (id, folded)
                    mailbox.post(.event(.searchReady(id)))
                }
                return
            }
            let transcript = document.transcript
            queue.async {
                beforeWork()
                let folded = FoldedText(transcript, caseSensitive: false)
                scratch.folded = (id, folded)
                mailbox.post(.folded(id, folded))
            }
        case .findTopics(let id):
            guard id == document.id else { return }
            let transcript = document.transcript
            let definitions = (document as? CachedDocument)?.topicDefinitions
            queue.async {
                beforeWork()
                // The queue is serial: a `.prepareSearch` asked for first has folded the text.
                let folded =
                    scratch.folded.flatMap { $0.id == id ? $0.text : nil } ?? FoldedText(transcript, caseSensitive: false)
                scratch.folded = nil
                let found = FoundTopics.find(in: transcript, folded: folded, definitions: definitions)
                mailbox.post(.event(.topicsFound(id, found)))
            }
        case .saveNotes(let id, let path, let changes):
            let transcript = document.fileTranscript
            let save = self.save
            notesQueue.async {
                do {
                    let saved = try save(changes, path, transcript)
                    mailbox.post(.event(.notesSaved(id, path: path, saved)))
                } catch {
                    mailbox.post(.event(.notesNotSaved(id, path: path, reason: "\(error)")))
                }
            }
        case .player(let id, let path, let command):
            playerFor(id, path: path)?.perform(command)
        case .closePlayer:
            closePlayer()
        case .loadLibrary(let words):
            guard let loadLibraryFile else { return }
            let paths = files
            let shelf = self.shelf
            let findLibraryTopics = self.findLibraryTopics
            shelf.count(words)
            // Every core: the first rows fill while the rest load (each file is posted as it is done).
            DispatchQueue.global(qos: .userInitiated).async {
                DispatchQueue.concurrentPerform(iterations: paths.count) { k in
                    beforeWork()
                    var load = loadLibraryFile(paths[k])
                    if case .transcript(var file) = load {
                        file.count(shelf.words)
                        shelf.add(k, file.transcript)
                        load = .transcript(file)
                    }
                    mailbox.post(.event(.libraryFileLoaded(index: k, load)))
                }
                // Then, every row there, each file's topics: a few files a message.
                guard let findLibraryTopics else { return }
                let loaded = shelf.transcripts
                let batch = LibraryTopicsBatch(mailbox: mailbox, size: 16)
                DispatchQueue.concurrentPerform(iterations: loaded.count) { k in
                    beforeWork()
                    let (file, transcript) = loaded[k]
                    batch.add(file, findLibraryTopics(paths[file], transcript))
                }
                batch.flush()
            }
        case .searchLibrary(let generation, let pattern):
            let transcripts = shelf.transcripts
            DispatchQueue.global(qos: .userInitiated).async {
                beforeWork()
                let results = LibraryWork.search(pattern, in: transcripts)
                mailbox.post(
                    .event(.librarySearched(generation: generation, results: results, searched: Set(transcripts.map(\.file)))))
            }
        case .countLibrary(let generation, let words):
            shelf.count(words)
            let transcripts = shelf.transcripts
            DispatchQueue.global(qos: .userInitiated).async {
                beforeWork()
                let strips = LibraryWork.count(words, in: transcripts)
                mailbox.post(.event(.libraryCounted(generation: generation, words: words, strips: strips)))
            }
        case .quit, .suspend, .captureMouse, .copyToClipboard:
            break  // the loop's own
        }
    }

    /// The player for `path`, started now if none plays it. Called on the
    /// loop's thread, which starts mpv (see `MPVPlayer.Configuration.diesWithParent`).
    private func playerFor(_ id: DocumentID, path: String) -> (any AudioPlayer)? {
        if let player, player.document == id, player.path == path { return player.player }
        closePlayer()
        guard let makePlayer else {
            mailbox.post(.event(.player(id, .failed("no audio player in this build"))))
            return nil
        }
        let mailbox = self.mailbox
        let made = makePlayer(path) { event in mailbox.post(.event(.player(id, event))) }
        player = (made, id, path)
        return made
    }

    /// Ends the player off the loop; `closePlayers` waits for it.
    private func closePlayer() {
        guard let closing = player?.player else { return }
        player = nil
        DispatchQueue.global(qos: .userInitiated).async(group: closingPlayers) { closing.close() }
    }

    /// Ends every player and waits until they are gone: called as the reader ends, however it ends.
    func closePlayers() {
        player?.player.close()
        player = nil
        closingPlayers.wait()
    }

    /// Waits for every save asked for: called as the reader ends, so that
    /// nothing the user added is lost to a quick `q` (or a signal).
    func finishSaves() { notesQueue.sync {} }

    /// A delivery as the event the state handles, after the runner took
    /// its part (folded text goes into the document it was made for).
    func receive(_ delivery: Delivery, document: any ReaderDocument) -> ReaderEvent {
        switch delivery {
        case .event(let event):
            // A player that failed does nothing more: the next command makes a new one.
            if case .player(let id, .failed) = event, player?.document == id { closePlayer() }
            return event
        case .folded(let id, let folded):
            if id == document.id, let cached = document as? CachedDocument { cached.adopt(folded: folded) }
            return .searchReady(id)
        }
    }

    /// What one piece of work leaves for the next, touched only on the queue.
    private final class Scratch: @unchecked Sendable {
        var folded: (id: DocumentID, text: FoldedText)?
    }
}
