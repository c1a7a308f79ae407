import HarkCore
import TerminalKit

/// A row of the side pane: something that occurs at places in the
/// transcript. Until topics are detected (their own issue) the entries are
/// the named speakers, the marked changes of speaker, and the highlighted
/// keywords.
public struct SidePaneEntry: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case speaker(String)
        case speakerChanges
        case keyword(Int)  // index into the highlights
    }

    public var kind: Kind
    public var title: String
    /// Segments where it occurs, ascending.
    public var segments: [Int]
    /// How many times it occurs (matches, turns).
    public var count: Int
}

extension ReaderState {
    /// The side pane's entries for this state.
    public var sidePaneEntries: [SidePaneEntry] {
        let transcript = document.transcript
        var entries: [SidePaneEntry] = []
        if !transcript.speakers.isEmpty {
            for (name, turns) in document.speakerTurns {
                entries.append(SidePaneEntry(kind: .speaker(name), title: name, segments: turns, count: turns.count))
            }
        }
        let changes = document.speakerChangeSegments
        if !changes.isEmpty {
            entries.append(SidePaneEntry(kind: .speakerChanges, title: "speaker changes", segments: changes, count: changes.count))
        }
        for (k, keyword) in highlights.enumerated() {
            let query = SearchQuery(keyword)
            entries.append(SidePaneEntry(
                kind: .keyword(k), title: keyword, segments: document.matchingSegments(of: query),
                count: document.matches(of: query).count))
        }
        return entries
    }
}

extension ReaderDocument {
    /// Segments that open a turn, per named speaker, in order of first appearance.
    public var speakerTurns: [(String, [Int])] {
        if let cached = cachedSpeakerTurns { return cached }
        let transcript = self.transcript
        var turns: [String: [Int]] = [:]
        for index in 0..<transcript.segments.count where transcript.startsTurn(at: index) || index == 0 {
            if let name = transcript.speaker(of: index) { turns[name, default: []].append(index) }
        }
        let result = transcript.speakers.map { ($0, turns[$0] ?? []) }
        cachedSpeakerTurns = result
        return result
    }

    /// Segments where the source marks a change of speaker without a name.
    public var speakerChangeSegments: [Int] {
        if let cached = cachedChanges { return cached }
        let result = (0..<transcript.segments.count).filter { transcript.hasSpeakerChange(at: $0) && transcript.speaker(of: $0) == nil }
        cachedChanges = result
        return result
    }
}
