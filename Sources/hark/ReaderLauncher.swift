import FoundationEssentials
import HarkAudio
import HarkCommands
import HarkCore
import HarkNotes
import HarkReader
import HarkTopics
import MPVBackend
import NcursesBackend
import ReaderState

/// Wiring only: load the first file, take the terminal, run the loop, give
/// the terminal back. Each failure before the terminal is taken leaves it
/// untouched and prints one line.
enum ReaderLauncher {
    static func run(
        paths: [String], format: TranscriptFormat?, topicsFile: String?, notesFile: String?, audioFile: String?,
        options: ReaderOptions
    ) -> Int32 {
        // A folder, or several files: the library screen first (ReaderState+Library).
        let found = TranscriptFiles(paths: paths)
        let isLibrary = found.hasFolder || found.entries.count > 1
        if notesFile != nil && isLibrary {
            Diagnostics.write("hark: --notes names the notes of one transcript: give one file with it")
            return 2
        }
        if audioFile != nil && isLibrary {
            Diagnostics.write("hark: --audio names the audio of one transcript: give one file with it")
            return 2
        }
        if let audioFile, !AudioFile.fileExists(audioFile) {
            Diagnostics.write("hark: " + Escaped.message("\(audioFile): no such audio file"))
            return 1
        }
        let load: ReaderLoop.Loader = { path, id in
            Result { try TranscriptLoader.load(path: path, format: format) }
                .mapError { $0 as? LoadError ?? LoadError(path: path, reason: "\($0)") }
                .flatMap {
                    makeDocument(
                        $0, id: id, topicsFile: topicsFile, notes: openNotes(for: $0, given: notesFile),
                        audio: AudioFile.find(forTranscript: path, given: audioFile))
                }
        }
        if isLibrary {
            return runLibrary(found, paths: paths, format: format, topicsFile: topicsFile, load: load, options: options)
        }
        // A large file opens on its first part while the rest loads (see
        // ReaderState.openingPreview); a smaller one loads before the first frame.
        // The preview has no notes: they are read against the whole file.
        let preview = TranscriptLoader.loadPreview(path: paths[0], format: format)
        let first: Result<CachedDocument, LoadError> =
            preview.map {
                makeDocument(
                    $0, id: DocumentID(0), topicsFile: topicsFile, notes: OpenedNotes(path: nil),
                    audio: AudioFile.find(forTranscript: paths[0], given: audioFile))
            }
            ?? load(paths[0], DocumentID(0))
        let document: CachedDocument
        switch first {
        case .success(let opened): document = opened
        case .failure(let error):
            Diagnostics.write("hark: \(error)")
            return 1
        }
        let terminal: NcursesTerminal
        do {
            terminal = try NcursesTerminal()
        } catch {
            Diagnostics.write("hark: " + Escaped.message("\(error)"))  // it may quote TERM
            return 1
        }
        let (state, effects) =
            preview != nil
            ? ReaderState.openingPreview(
                document, files: paths, size: terminal.size, colorSupport: terminal.colorSupport, options: options)
            : ReaderState.opening(
                document, files: paths, size: terminal.size, colorSupport: terminal.colorSupport, options: options)
        return run(terminal, state: state, effects: effects, load: load)
    }

    /// The library of `found`'s files; each row is loaded in the background
    /// as `hark search` loads a folder's files (what is not a transcript is
    /// passed over, what cannot be read is listed with why).
    private static func runLibrary(
        _ found: TranscriptFiles, paths: [String], format: TranscriptFormat?, topicsFile: String?,
        load: @escaping ReaderLoop.Loader, options: ReaderOptions
    ) -> Int32 {
        for error in found.errors { Diagnostics.write("hark: \(error)") }
        guard !found.entries.isEmpty else {
            Diagnostics.write("hark: no transcript found in " + Escaped.name(paths.joined(separator: ", ")))
            return 1
        }
        let terminal: NcursesTerminal
        do {
            terminal = try NcursesTerminal()
        } catch {
            Diagnostics.write("hark: " + Escaped.message("\(error)"))
            return 1
        }
        let entries = Dictionary(found.entries.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let loadRow: ReaderLoop.LibraryLoader = { path in
            guard let entry = entries[path] else { return .failed("not found") }
            switch LibraryFile.load(entry, format: format) {
            case .transcript(let transcript): return .transcript(LibraryTranscript(transcript))
            case .skipped: return .skipped
            case .failed(let message): return .failed(message)
            }
        }
        // As `hark topics DIR`: --topics for every file, else each one's topics file, else hark's own.
        let findTopics: ReaderLoop.LibraryTopicsFinder = { path, transcript in
            switch TopicsSetup.topics(for: transcript, path: path, given: topicsFile) {
            case .success(let topics):
                return .found(
                    topics.map {
                        LibraryFileTopic(name: $0.name, source: $0.source, colour: $0.definition.colour, passages: $0.passages)
                    })
            case .failure(let error): return .failed(error.description)
            }
        }
        let placeholder = CachedDocument(Transcript(source: "", format: .srt, segments: []), id: DocumentID(0))
        let (state, effects) = ReaderState.openingLibrary(
            placeholder: placeholder, files: found.entries.map(\.path), size: terminal.size,
            colorSupport: terminal.colorSupport, options: options)
        return run(terminal, state: state, effects: effects, load: load, loadLibraryFile: loadRow, findLibraryTopics: findTopics)
    }

    private static func run(
        _ terminal: NcursesTerminal, state: ReaderState, effects: [Effect], load: @escaping ReaderLoop.Loader,
        loadLibraryFile: ReaderLoop.LibraryLoader? = nil, findLibraryTopics: ReaderLoop.LibraryTopicsFinder? = nil
    ) -> Int32 {
        // A test hook: proves that a crash in the reader gives the terminal back.
        let crashAfterFirstFrame = ProcessInfo.processInfo.environment["HARK_TEST_CRASH_AFTER_FIRST_FRAME"] != nil
        let ending = ReaderLoop.run(
            backend: terminal, state: state, effects: effects, load: load, save: saveNotes, player: playMPV,
            loadLibraryFile: loadLibraryFile, findLibraryTopics: findLibraryTopics, pendingSignal: NcursesTerminal.pendingSignal,
            afterFirstFrame: { if crashAfterFirstFrame { fatalError("crash requested by HARK_TEST_CRASH_AFTER_FIRST_FRAME") } })
        terminal.stop()
        switch ending {
        case .quit: return 0
        case .signal(let number): return 128 + number
        }
    }

    /// A transcript with its topics file and notes; a broken topics file is
    /// an error, as in `hark topics` (before the terminal is taken, for the
    /// first file).
    private static func makeDocument(
        _ transcript: Transcript, id: DocumentID, topicsFile: String?, notes: OpenedNotes, audio: String?
    ) -> Result<CachedDocument, LoadError> {
        TopicsSetup.definitions(forTranscript: transcript.source, given: topicsFile)
            .map { CachedDocument(transcript, id: id, topicDefinitions: $0, notes: notes, audioPath: audio) }
            .mapError { LoadError(path: $0.path, reason: $0.problem, line: $0.line) }
    }

    /// The audio plays in mpv, started by the loop on the main thread (so
    /// that the kernel ends it with hark, however hark ends).
    private static let playMPV: AudioPlayerFactory = { path, events in
        MPVPlayer(path: path, configuration: .reader(), events: events)
    }

    /// Saves the reader's changes to a notes file, in one write.
    private static let saveNotes: ReaderLoop.NotesSaver = { changes, path, transcript in
        try NotesFile.save(changes, path: path, for: transcript).notes
    }

    /// The transcript's notes. A broken notes file is not an error: the
    /// reader opens, says what is wrong, and never writes over it.
    private static func openNotes(for transcript: Transcript, given: String?) -> OpenedNotes {
        let path = NotesFile.path(forTranscript: transcript.source, given: given)
        do {
            let loaded = try NotesFile.load(path: path, for: transcript)
            return OpenedNotes(path: path, notes: loaded.notes, warnings: loaded.warnings)
        } catch {
            return OpenedNotes(path: path, readOnlyReason: "\(error)")
        }
    }
}
