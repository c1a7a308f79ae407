import Foundation
import HarkCore
import ReaderScreens
import ReaderState
import TerminalKit

/// Update and render of a 200×60 screen on the 1,000-hour transcript: each
/// key press as the reader handles it (state change, then the whole frame
/// rendered into cells). The frame budget is 16 ms.
enum ReaderBenchmark {
    struct Row {
        var name: String
        var milliseconds: Double
    }

    static func run(path: String, runs: Int) throws -> [Row] {
        let transcript = try TranscriptLoader.load(path: path)
        var rows: [Row] = []
        func measure(_ name: String, setup: (inout ReaderState) -> Void = { _ in }, _ keys: [KeyPress]) {
            var times: [Double] = []
            for _ in 0..<max(1, runs) {
                // A fresh document each run: nothing found in an earlier run helps.
                var state = ReaderState(
                    document: ReaderDocument(transcript), files: [path], size: Size(width: 200, height: 60), colors: true)
                setup(&state)
                if !keys.isEmpty { _ = ReaderScreen.render(state) }
                let start = DispatchTime.now().uptimeNanoseconds
                for key in keys { _ = state.handle(.key(key)) }
                _ = ReaderScreen.render(state)
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 / Double(max(1, keys.count)))
            }
            rows.append(Row(name: name, milliseconds: times.sorted()[times.count / 2]))
        }
        measure("first frame (render only)", [])
        measure("j (next segment)", [.character("j")])
        measure("Space (page down)", [.character(" ")])
        measure("G (end)", [.character("G")])
        measure("g after G", setup: { state in _ = state.handle(.key(.character("G"))) }, [.character("g")])
        measure(":50% Enter", [.character(":"), .character("5"), .character("0"), .character("%"), .enter])
        measure("/ typing \"so check\" (per key)", [.character("/")] + "so check".map { .character($0) })
        measure("/ typing, text folded in the background (per key)", setup: { state in
            _ = state.document.doBackgroundWork()
            state.document.waitForBackgroundWork()
        }, [.character("/")] + "so check".map { .character($0) })
        measure("/so, then the third key (search starts there)", setup: { state in
            _ = state.document.doBackgroundWork()
            state.document.waitForBackgroundWork()
            for key in "/so" { _ = state.handle(.key(.character(key))) }
        }, [.character(" ")])
        measure("/s Enter (one letter, searched at once)", setup: { state in
            _ = state.document.doBackgroundWork()
            state.document.waitForBackgroundWork()
            for key in "/s" { _ = state.handle(.key(.character(key))) }
        }, [.enter])
        measure("n (next match)", setup: { state in state.submit(.search, text: "language model") }, [.character("n")])
        // With topics found: the pane lists every chapter (14,149 here).
        func withTopics(_ state: inout ReaderState) {
            _ = state.document.doBackgroundWork()
            state.document.waitForBackgroundWork()
            _ = ReaderScreen.render(state)
        }
        measure("j, topics and chapters in the pane", setup: withTopics, [.character("j")])
        measure("Tab j Enter: a topic opens (786 passages)", setup: withTopics, [.tab, .character("j"), .enter])
        measure("] (next passage of the selected topic)", setup: withTopics, [.character("]")])
        return rows
    }
}
