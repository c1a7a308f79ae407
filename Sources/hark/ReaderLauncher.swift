import Foundation
import HarkCommands
import HarkCore
import HarkReader
import NcursesBackend
import ReaderState

/// Wiring only: load the first file, take the terminal, run the loop, give
/// the terminal back. Each failure before the terminal is taken leaves it
/// untouched and prints one line.
enum ReaderLauncher {
    static func run(paths: [String], format: TranscriptFormat?, options: ReaderLoop.Options) -> Int32 {
        let load: (String) -> Result<Transcript, LoadError> = { path in
            Result { try TranscriptLoader.load(path: path, format: format) }.mapError { error in
                error as? LoadError ?? LoadError(path: path, reason: "\(error)")
            }
        }
        let transcript: Transcript
        switch load(paths[0]) {
        case .success(let loaded): transcript = loaded
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
            document: ReaderDocument(transcript), files: paths, size: terminal.size, colors: terminal.colors, options: options)
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
