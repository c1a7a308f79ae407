import Foundation
import HarkCore
import HarkReader
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
        // What the runner computes off the loop, made once here.
        let folded = FoldedText(transcript, caseSensitive: false)
        let topics = FoundTopics.find(in: transcript, folded: folded, definitions: nil)
        var lastID = 0
        /// `events` (made for the state after `setup`), then a frame (or a
        /// frame after each, as the loop draws after each position); per event.
        func measureEvents(
            _ name: String, audio: Bool = false, framePerEvent: Bool = false, setup: (inout ReaderState) -> Void = { _ in },
            _ events: (ReaderState) -> [ReaderEvent]
        ) {
            var times: [Double] = []
            for _ in 0..<max(1, runs) {
                // A fresh document each run: nothing found in an earlier run helps.
                lastID += 1
                var (state, _) = ReaderState.opening(
                    CachedDocument(transcript, id: DocumentID(lastID), audioPath: audio ? "interview.mp3" : nil), files: [path],
                    size: Size(width: 200, height: 60), colorSupport: .extended)
                setup(&state)
                let inputs = events(state)
                if !inputs.isEmpty { _ = ReaderScreen.render(state) }
                let start = DispatchTime.now().uptimeNanoseconds
                for input in inputs {
                    _ = state.handle(input)
                    if framePerEvent { _ = ReaderScreen.render(state) }
                }
                if !framePerEvent { _ = ReaderScreen.render(state) }
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 / Double(max(1, inputs.count)))
            }
            rows.append(Row(name: name, milliseconds: times.sorted()[times.count / 2]))
        }
        func measure(_ name: String, audio: Bool = false, setup: (inout ReaderState) -> Void = { _ in }, _ keys: [KeyPress]) {
            measureEvents(name, audio: audio, setup: setup) { _ in keys.map { .key($0) } }
        }
        measure("first frame (render only)", [])
        measure("j (next segment)", [.character("j")])
        measure("Space (page down)", [.character(" ")])
        measure("G (end)", [.character("G")])
        measure("g after G", setup: { state in _ = state.handle(.key(.character("G"))) }, [.character("g")])
        measure(":50% Enter", [.character(":"), .character("5"), .character("0"), .character("%"), .enter])
        measure("/ typing \"so check\" (per key)", [.character("/")] + "so check".map { .character($0) })
        // The runner hands the document the text it folded off the loop.
        func foldedInTheBackground(_ state: inout ReaderState) {
            (state.document as? CachedDocument)?.adopt(folded: folded)
            _ = state.handle(.searchReady(state.document.id))
        }
        measure(
            "/ typing, text folded in the background (per key)", setup: foldedInTheBackground,
            [.character("/")] + "so check".map { .character($0) })
        measure(
            "/so, then the third key (search starts there)",
            setup: { state in
                foldedInTheBackground(&state)
                for key in "/so" { _ = state.handle(.key(.character(key))) }
            }, [.character(" ")])
        measure(
            "/s Enter (one letter, searched at once)",
            setup: { state in
                foldedInTheBackground(&state)
                for key in "/s" { _ = state.handle(.key(.character(key))) }
            }, [.enter])
        measure(
            "n (next match)",
            setup: { state in
                for key in "/language model" { _ = state.handle(.key(.character(key))) }
                _ = state.handle(.key(.enter))
            }, [.character("n")])
        // What the user adds: each changes the state at once; the save runs off the loop (not measured here).
        measure("m, then Enter (a mark, no note)", setup: { _ = $0.handle(.key(.character("m"))) }, [.enter])
        measure("y (the paragraph kept as a quote)", [.character("y")])
        // A name for a turn rebuilds the document's speaker columns over every segment.
        measure(
            "s Sarah, then Enter (a turn named: speakers applied)",
            setup: { state in for key in "sSarah" { _ = state.handle(.key(.character(key))) } }, [.enter])
        // With topics found: the pane lists every chapter (14,149 here).
        func withTopics(_ state: inout ReaderState) {
            foldedInTheBackground(&state)
            _ = state.handle(.topicsFound(state.document.id, topics))
            _ = ReaderScreen.render(state)
        }
        measure("j, topics and chapters in the pane", setup: withTopics, [.character("j")])
        measure("Tab j Enter: a topic opens (786 passages)", setup: withTopics, [.tab, .character("j"), .enter])
        measure(
            "] (next passage of the selected topic)",
            setup: { state in
                withTopics(&state)
                _ = state.handle(.key(.tab))  // selects the first topic
                _ = state.handle(.key(.tab))  // and back to the timeline
            }, [.character("]")])
        // Listening: the player's position, 25 times a second while it plays, moves the highlight.
        func playing(_ state: inout ReaderState) {
            _ = state.handle(.key(.character("p")))
            _ = state.handle(.player(state.document.id, .paused(false)))
        }
        measure("j, audio playing (the view stops following)", audio: true, setup: playing, [.character("j")])
        measureEvents("a position 40 ms on, and its frame (the view follows)", audio: true, framePerEvent: true, setup: playing) {
            state in (1...25).map { .player(state.document.id, .position(Int64($0) * 40)) }
        }
        measureEvents(
            "a position 30 s on, and its frame (scrolled to the voice)", audio: true, framePerEvent: true, setup: playing
        ) {
            state in (1...25).map { .player(state.document.id, .position(Int64($0) * 30_000)) }
        }
        return rows
    }
}
