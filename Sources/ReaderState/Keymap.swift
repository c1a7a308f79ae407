import TerminalKit

/// Where keys are read: each context has its own keymap.
public enum KeyContext: String, CaseIterable, Sendable {
    case timeline, sidePane, overlay, library
}

/// Keys to commands, as data: help, hints and the README's key table are all
/// generated from these tables, so they cannot drift from what keys do.
public struct Keymap: Sendable {
    public struct Binding: Sendable, Equatable {
        public var keys: [KeyPress]
        public var command: Command
    }

    public let context: KeyContext
    public let bindings: [Binding]

    public func command(for key: KeyPress) -> Command? {
        bindings.first { $0.keys.contains(key) }?.command
    }

    public func keys(for command: Command) -> [KeyPress] {
        bindings.first { $0.command == command }?.keys ?? []
    }

    /// Keys that work everywhere the timeline's do.
    static let shared: [Binding] = [
        Binding(keys: [.character("/")], command: .startSearch),
        Binding(keys: [.character("n")], command: .nextMatch),
        Binding(keys: [.character("N")], command: .previousMatch),
        Binding(keys: [.character(":")], command: .startJump),
        Binding(keys: [.character("h")], command: .startHighlight),
        Binding(keys: [.character("H")], command: .clearHighlights),
        Binding(keys: [.character("r")], command: .toggleRaw),
        Binding(keys: [.character("T")], command: .toggleSidePane),
        Binding(keys: [.tab], command: .switchFocus),
        Binding(keys: [.character("]")], command: .nextOccurrence),
        Binding(keys: [.character("[")], command: .previousOccurrence),
        Binding(keys: [.character("m")], command: .mark),
        Binding(keys: [.character("x")], command: .removeMark),
        Binding(keys: [.character("p")], command: .togglePlay),
        Binding(keys: [.character("P")], command: .replaySegment),
        Binding(keys: [.character("f")], command: .followPlayback),
        Binding(keys: [.character("<")], command: .slower),
        Binding(keys: [.character(">")], command: .faster),
        Binding(keys: [.character("L")], command: .showLibrary),
        Binding(keys: [.character("M")], command: .toggleMouse),
        Binding(keys: [.character("W")], command: .showWarnings),
        Binding(keys: [.character("?"), .function(1)], command: .help),
        Binding(keys: [.character("q"), .control("c")], command: .quit),
        Binding(keys: [.control("z")], command: .suspend),
    ]

    public static let timeline = Keymap(
        context: .timeline,
        bindings: [
            Binding(keys: [.character("j"), .down], command: .nextSegment),
            Binding(keys: [.character("k"), .up], command: .previousSegment),
            Binding(keys: [.character(" "), .pageDown, .control("f")], command: .pageDown),
            Binding(keys: [.character("b"), .pageUp, .control("b")], command: .pageUp),
            Binding(keys: [.control("d")], command: .halfPageDown),
            Binding(keys: [.control("u")], command: .halfPageUp),
            Binding(keys: [.character("g"), .home], command: .first),
            Binding(keys: [.character("G"), .end], command: .last),
            Binding(keys: [.character("}")], command: .nextParagraph),
            Binding(keys: [.character("{")], command: .previousParagraph),
            Binding(keys: [.character("v")], command: .startSelection),
            Binding(keys: [.escape], command: .cancelSelection),
            Binding(keys: [.character("y")], command: .keepQuote),
            Binding(keys: [.character("s")], command: .nameSpeaker),
            Binding(keys: [.character("S")], command: .splitTurn),
        ] + shared)

    public static let sidePane = Keymap(
        context: .sidePane,
        bindings: [
            Binding(keys: [.character("j"), .down], command: .selectNext),
            Binding(keys: [.character("k"), .up], command: .selectPrevious),
            Binding(keys: [.enter], command: .openSelection),
            Binding(keys: [.character(" "), .pageDown, .control("f")], command: .pageDown),
            Binding(keys: [.character("b"), .pageUp, .control("b")], command: .pageUp),
        ] + shared)

    /// The library screen: its rows (or the results of a search of every transcript).
    public static let library = Keymap(
        context: .library,
        bindings: [
            Binding(keys: [.character("j"), .down], command: .selectNext),
            Binding(keys: [.character("k"), .up], command: .selectPrevious),
            Binding(keys: [.character(" "), .pageDown, .control("f")], command: .pageDown),
            Binding(keys: [.character("b"), .pageUp, .control("b")], command: .pageUp),
            Binding(keys: [.character("g"), .home], command: .first),
            Binding(keys: [.character("G"), .end], command: .last),
            Binding(keys: [.enter], command: .openLibraryRow),
            Binding(keys: [.character("o")], command: .sortLibrary),
            Binding(keys: [.character("t")], command: .libraryTopics),
            Binding(keys: [.character("s")], command: .toggleTopicStrip),
            Binding(keys: [.escape], command: .closeLibrary),
            Binding(keys: [.character("/")], command: .startSearch),
            Binding(keys: [.character("h")], command: .startHighlight),
            Binding(keys: [.character("H")], command: .clearHighlights),
            Binding(keys: [.character("?"), .function(1)], command: .help),
            Binding(keys: [.character("q"), .control("c")], command: .quit),
            Binding(keys: [.control("z")], command: .suspend),
        ])

    /// Help and the warnings list, which scroll.
    public static let overlay = Keymap(
        context: .overlay,
        bindings: [
            Binding(keys: [.character("j"), .down, .enter], command: .overlayDown),
            Binding(keys: [.character("k"), .up], command: .overlayUp),
            Binding(keys: [.character(" "), .pageDown, .control("f")], command: .overlayPageDown),
            Binding(keys: [.character("b"), .pageUp, .control("b")], command: .overlayPageUp),
            Binding(keys: [.character("g"), .home], command: .overlayTop),
            Binding(keys: [.character("G"), .end], command: .overlayBottom),
            Binding(keys: [.character("q"), .escape, .character("?")], command: .closeOverlay),
            Binding(keys: [.control("c")], command: .quit),
        ])

    public static func of(_ context: KeyContext) -> Keymap {
        switch context {
        case .timeline: timeline
        case .sidePane: sidePane
        case .overlay: overlay
        case .library: library
        }
    }

    /// Status-bar hints (`? help  q quit  / search …`) from a context's
    /// keymap, most needed first.
    public static func hints(for context: KeyContext) -> [(keys: String, word: String, command: Command)] {
        let hinted = of(context).bindings.compactMap { binding -> (keys: String, word: String, rank: Int, Command)? in
            guard let hint = binding.command.hint, let key = binding.keys.first else { return nil }
            return (key.displayName, hint.word, hint.rank, binding.command)
        }
        return hinted.sorted { $0.rank < $1.rank }.map { ($0.keys, $0.word, $0.3) }
    }
}

extension Keymap {
    /// Every binding once, with where it works: the help screen and the
    /// README's key table are both made from this.
    public static func helpRows() -> [(keys: String, place: String, summary: String)] {
        func keys(_ binding: Binding) -> String { binding.keys.map(\.displayName).joined(separator: " ") }
        var rows: [(String, String, String)] = []
        for binding in timeline.bindings {
            rows.append((keys(binding), shared.contains(binding) ? "anywhere" : "timeline", binding.command.summary))
        }
        for binding in sidePane.bindings where !timeline.bindings.contains(binding) {
            rows.append((keys(binding), "side pane", binding.command.summary))
        }
        for binding in library.bindings where !timeline.bindings.contains(binding) {
            rows.append((keys(binding), "library", binding.command.summary))
        }
        for binding in overlay.bindings where binding.command != .quit {
            rows.append((keys(binding), "help, warnings", binding.command.summary))
        }
        return rows
    }

    /// The README's table of keys; a test keeps the README equal to it.
    public static func markdownTable() -> String {
        let rows = helpRows().map { row in
            let keys = row.keys.split(separator: " ").map { "`\($0)`" }.joined(separator: " ")
            return "| \(keys) | \(row.place) | \(row.summary) |"
        }
        return (["| keys | where | what |", "|---|---|---|"] + rows).joined(separator: "\n")
    }
}
