import Foundation
import HarkCommands
import HarkCore
import HarkReader
import HarkTopics
import NcursesBackend
import ReaderState

/// Wiring only: load the first file, take the terminal, run the loop, give
/// the terminal back. Each failure before the terminal is taken leaves it
/// untouched and prints one line.
enum ReaderLauncher {
    static func run(paths: [String], format: TranscriptFormat?, topicsFile: String?, options: ReaderOptions) -> Int32 {
        let load: ReaderLoop.Loader = { path, id in
            Result { try TranscriptLoader.load(path: path, format: format) }
                .mapError { $0 as? LoadError ?? LoadError(path: path, reason: "\($0)") }
                .flatMap { withTopics($0, id: id, topicsFile: topicsFile) }
        }
        // A large file opens on its first part while the rest loads (see
        // ReaderState.openingPreview); a smaller one loads before the first frame.
        let preview = TranscriptLoader.loadPreview(path: paths[0], format: format)
        let document: CachedDocument
        switch preview.map({ withTopics($0, id: DocumentID(0), topicsFile: topicsFile) }) ?? load(paths[0], DocumentID(0)) {
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
        // A test hook: proves that a crash in the reader gives the terminal back.
        let crashAfterFirstFrame = ProcessInfo.processInfo.environment["HARK_TEST_CRASH_AFTER_FIRST_FRAME"] != nil
        let ending = ReaderLoop.run(
            backend: terminal, state: state, effects: effects, load: load, pendingSignal: NcursesTerminal.pendingSignal,
            afterFirstFrame: { if crashAfterFirstFrame { fatalError("crash requested by HARK_TEST_CRASH_AFTER_FIRST_FRAME") } })
        terminal.stop()
        switch ending {
        case .quit: return 0
        case .signal(let number): return 128 + number
        }
    }

    /// A transcript with its topics file; a broken one is an error, as in
    /// `hark topics` (before the terminal is taken, for the first file).
    private static func withTopics(_ transcript: Transcript, id: DocumentID, topicsFile: String?) -> Result<
        CachedDocument, LoadError
    > {
        TopicsSetup.definitions(forTranscript: transcript.source, given: topicsFile)
            .map { CachedDocument(transcript, id: id, topicDefinitions: $0) }
            .mapError { LoadError(path: $0.path, reason: $0.problem, line: $0.line) }
    }
}
