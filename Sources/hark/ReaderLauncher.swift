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
    static func run(paths: [String], format: TranscriptFormat?, options: ReaderLoop.Options) -> Int32 {
        // A transcript and its topics file (a broken one is an error, as in `hark topics`).
        let load: (String) -> Result<ReaderDocument, LoadError> = { path in
            Result {
                let transcript = try TranscriptLoader.load(path: path, format: format)
                switch TopicsSetup.definitions(forTranscript: path, given: options.topicsFile) {
                case .success(let definitions): return ReaderDocument(transcript, topicDefinitions: definitions)
                case .failure(let error): throw LoadError(path: error.path, reason: error.problem, line: error.line)
                }
            }.mapError { error in
                error as? LoadError ?? LoadError(path: path, reason: "\(error)")
            }
        }
        let document: ReaderDocument
        switch load(paths[0]) {
        case .success(let loaded): document = loaded
        case .failure(let error):
            Diagnostics.write("hark: \(error)")
            return 1
        }
        let terminal: NcursesTerminal
        do {
            terminal = try NcursesTerminal()
        } catch {
            Diagnostics.write("hark: \(error)")
            return 1
        }
        let state = ReaderState.start(
            document: document, files: paths, size: terminal.size, colors: terminal.colors, options: options)
        // A test hook: proves that a crash in the reader gives the terminal back.
        let crashAfterFirstFrame = ProcessInfo.processInfo.environment["HARK_TEST_CRASH_AFTER_FIRST_FRAME"] != nil
        let ending = ReaderLoop.run(
            backend: terminal, state: state, load: load, pendingSignal: NcursesTerminal.pendingSignal,
            afterFirstFrame: { if crashAfterFirstFrame { fatalError("crash requested by HARK_TEST_CRASH_AFTER_FIRST_FRAME") } })
        terminal.stop()
        switch ending {
        case .quit: return 0
        case .signal(let number): return 128 + number
        }
    }
}
