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
        // A transcript and its topics file (a broken one is an error, as in `hark topics`).
        let load: ReaderLoop.Loader = { path, id in
            Result {
                let transcript = try TranscriptLoader.load(path: path, format: format)
                switch TopicsSetup.definitions(forTranscript: path, given: topicsFile) {
                case .success(let definitions): return CachedDocument(transcript, id: id, topicDefinitions: definitions)
                case .failure(let error): throw LoadError(path: error.path, reason: error.problem, line: error.line)
                }
            }.mapError { error in
                error as? LoadError ?? LoadError(path: path, reason: "\(error)")
            }
        }
        // A large file opens on its first part while the rest loads (see
        // ReaderState.openingPreview); a smaller one loads before the first frame.
        let document: CachedDocument
        var preview = false
        if let first = TranscriptLoader.loadPreview(path: paths[0], format: format) {
            // A broken topics file is still an error before the terminal is taken.
            switch TopicsSetup.definitions(forTranscript: paths[0], given: topicsFile) {
            case .success(let definitions): document = CachedDocument(first, id: DocumentID(0), topicDefinitions: definitions)
            case .failure(let error):
                Diagnostics.write("hark: \(LoadError(path: error.path, reason: error.problem, line: error.line))")
                return 1
            }
            preview = true
        } else {
            switch load(paths[0], DocumentID(0)) {
            case .success(let loaded): document = loaded
            case .failure(let error):
                Diagnostics.write("hark: \(error)")
                return 1
            }
        }
        let terminal: NcursesTerminal
        do {
            terminal = try NcursesTerminal()
        } catch {
            Diagnostics.write("hark: " + Escaped.message("\(error)"))  // it may quote TERM
            return 1
        }
        let (state, effects) =
            preview
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
}
