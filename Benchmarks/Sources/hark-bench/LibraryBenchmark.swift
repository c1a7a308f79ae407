import Foundation
import HarkCommands
import HarkCore
import HarkReader
import ReaderScreens
import ReaderState
import TerminalKit

/// The library screen on the folder of 1,000 episodes: every row loaded on
/// every core (against reading the same files' bytes, on every core), then
/// keys on the full library, each with its 200×60 frame (against the 16 ms
/// of a frame), and the memory the loaded library holds (against the files' size).
enum LibraryBenchmark {
    static func entries(_ folder: String) -> [TranscriptFiles.Entry] { TranscriptFiles(paths: [folder]).entries }

    /// Every row, loaded as the reader's runner loads them.
    static func loadAll(_ entries: [TranscriptFiles.Entry]) -> [LibraryLoad] {
        let results = Results(count: entries.count)
        DispatchQueue.concurrentPerform(iterations: entries.count) { k in
            let load: LibraryLoad
            switch LibraryFile.load(entries[k], format: nil) {
            case .transcript(let transcript): load = .transcript(LibraryTranscript(transcript))
            case .skipped: load = .skipped
            case .failed(let why): load = .failed(why)
            }
            results.set(k, load)
        }
        return results.all
    }

    static func run(folder: String, runs: Int) throws {
        let entries = entries(folder)
        let total = entries.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1.path)[.size] as? Int) ?? 0) }
        print("\n== library: \(entries.count) episodes (\(String(format: "%.1f", Double(total) / 1e6)) MB), median of \(runs) ==")
        let scan = Measure.median(runs) {
            DispatchQueue.concurrentPerform(iterations: entries.count) { k in _ = try? Measure.byteScan(entries[k].path) }
        }
        var loads: [LibraryLoad] = []
        let load = Measure.median(runs) { loads = loadAll(entries) }
        print(String(format: "read every file's bytes, every core (baseline)  %8.1f ms", scan * 1000))
        print(
            String(
                format:
                    "every row loaded, every core                    %8.1f ms  = %.1fx the read (goal: every row within a second)",
                load * 1000, load / scan))

        func state() -> ReaderState {
            var (state, _) = ReaderState.openingLibrary(
                placeholder: CachedDocument(Transcript(source: "", format: .srt, segments: []), id: DocumentID(0)),
                files: entries.map(\.path), size: Size(width: 200, height: 60), colorSupport: .extended)
            for (k, loaded) in loads.enumerated() { _ = state.handle(.libraryFileLoaded(index: k, loaded)) }
            return state
        }
        func measure(_ name: String, setup: (inout ReaderState) -> Void = { _ in }, _ keys: [KeyPress]) {
            var times: [Double] = []
            for _ in 0..<max(1, runs) {
                var library = state()
                setup(&library)
                _ = ReaderScreen.render(library)
                let start = DispatchTime.now().uptimeNanoseconds
                for key in keys { _ = library.handle(.key(key)) }
                _ = ReaderScreen.render(library)
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            let median = times.sorted()[times.count / 2]
            print(
                String(
                    format: "%@ %8.2f ms  %@", name.padding(toLength: 48, withPad: " ", startingAt: 0) as NSString, median,
                    (median <= 16 ? "within a 16 ms frame" : "OVER a 16 ms frame") as NSString))
        }
        measure("first frame of the full library", [])
        measure("j (next row)", [.character("j")])
        measure("o (sorted by name)", [.character("o")])
        measure("G (last row)", [.character("G")])
        let typing = "language model".map { KeyPress.character($0) }
        measure("h language model Enter (every row counted)", setup: { _ = $0.handle(.key(.character("h"))) }, typing + [.enter])
        measure(
            "/ language model Enter (every transcript searched)", setup: { _ = $0.handle(.key(.character("/"))) },
            typing + [.enter])
    }

    /// Results filled from several threads, each slot once.
    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [LibraryLoad?]
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func set(_ k: Int, _ load: LibraryLoad) { lock.withLock { slots[k] = load } }
        var all: [LibraryLoad] { lock.withLock { slots.map { $0 ?? .skipped } } }
    }
}
