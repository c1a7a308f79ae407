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

        // Memory: a child that loads the library as the reader does and draws it, against the files' size.
        let me = CommandLine.arguments[0]
        let held = Int(try Measure.run(me, ["--child-library", folder]).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        print(
            String(
                format: "peak memory with every row loaded (VmHWM)       %8.1f MB = %.2fx the files (goal ≤ 2x)",
                Double(held) / 1e6, Double(held) / Double(max(1, total))))

        func state() -> ReaderState {
            var (state, _) = ReaderState.openingLibrary(
                placeholder: CachedDocument(Transcript(source: "", format: .srt, segments: []), id: DocumentID(0)),
                files: entries.map(\.path), size: Size(width: 200, height: 60), colorSupport: .extended)
            for (k, loaded) in loads.enumerated() { _ = state.handle(.libraryFileLoaded(index: k, loaded)) }
            return state
        }
        func measure(_ name: String, setup: (inout ReaderState) -> Void = { _ in }, _ keys: [KeyPress]) {
            var frames: [Double] = []
            var results: [Double] = []
            for _ in 0..<max(1, runs) {
                var library = state()
                setup(&library)
                _ = ReaderScreen.render(library)
                let start = DispatchTime.now().uptimeNanoseconds
                var effects: [Effect] = []
                for key in keys { effects = library.handle(.key(key)) }
                _ = ReaderScreen.render(library)
                frames.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                // Work off the loop, as the runner does it, then its result event and frame.
                guard doWork(effects, on: &library) else { continue }
                _ = ReaderScreen.render(library)
                results.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            let frame = frames.sorted()[frames.count / 2]
            print(
                String(
                    format: "%@ %8.2f ms  %@", name.padding(toLength: 48, withPad: " ", startingAt: 0) as NSString, frame,
                    (frame <= 16 ? "within a 16 ms frame" : "OVER a 16 ms frame") as NSString))
            if !results.isEmpty {
                let done = results.sorted()[results.count / 2]
                print(
                    String(
                        format: "%@ %8.2f ms  (off the loop, every core)",
                        "  … its results on screen".padding(toLength: 48, withPad: " ", startingAt: 0) as NSString, done))
            }
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

    /// The library of `folder` as the reader holds it, every row loaded and
    /// a frame drawn (run in a child, which then reports its peak memory).
    static func holdLibrary(_ folder: String) {
        let entries = entries(folder)
        var (state, _) = ReaderState.openingLibrary(
            placeholder: CachedDocument(Transcript(source: "", format: .srt, segments: []), id: DocumentID(0)),
            files: entries.map(\.path), size: Size(width: 200, height: 60), colorSupport: .extended)
        for (k, loaded) in loadAll(entries).enumerated() { _ = state.handle(.libraryFileLoaded(index: k, loaded)) }
        precondition(ReaderScreen.render(state).text.contains("Library"))
    }

    /// The library's work the effects ask for, done as the runner does it; false if none was asked.
    static func doWork(_ effects: [Effect], on state: inout ReaderState) -> Bool {
        let transcripts = (state.library?.rows.indices ?? 0..<0).compactMap { index in
            state.library?.file(index).map { (file: index, transcript: $0.transcript) }
        }
        var worked = false
        for effect in effects {
            switch effect {
            case .searchLibrary(let generation, let pattern):
                let results = LibraryWork.search(pattern, in: transcripts)
                _ = state.handle(
                    .librarySearched(generation: generation, results: results, searched: Set(transcripts.map(\.file))))
                worked = true
            case .countLibrary(let generation, let words):
                _ = state.handle(
                    .libraryCounted(generation: generation, words: words, strips: LibraryWork.count(words, in: transcripts)))
                worked = true
            default: break
            }
        }
        return worked
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
