import HarkCore

/// Everything a user adds to a transcript: names for its speakers, turns
/// they marked, marks with notes, and quotes. Kept in the notes file
/// (`NotesFile`); the transcript itself is never written.
///
/// A value: the reader holds one and changes it with `apply(_:)` at once,
/// and the runner saves the same `NotesChange` to the file, merged with
/// whatever another process wrote there meanwhile.
public struct Notes: Equatable, Sendable {
    /// Names for the file's labels, in the order they were given.
    public var speakerNames: [SpeakerName] = []
    /// Changes of speaker the user marked, ascending by segment.
    public var turns: [TurnEdit] = []
    /// Ascending by segment, one per segment.
    public var marks: [Mark] = []
    /// Ascending by first segment (then last), one per range.
    public var quotes: [Quote] = []

    public init() {}

    public var isEmpty: Bool { speakerNames.isEmpty && turns.isEmpty && marks.isEmpty && quotes.isEmpty }

    /// What the notes say about speakers, to apply to the transcript.
    public var speakerEdits: SpeakerEdits {
        SpeakerEdits(
            names: Dictionary(speakerNames.map { ($0.label, $0.name) }, uniquingKeysWith: { _, last in last }), turns: turns)
    }

    /// The names the user has given so far, each once, in the order given:
    /// what the reader offers when asked who speaks.
    public var namesUsed: [String] {
        var seen = Set<String>()
        var names: [String] = []
        for name in speakerNames.map(\.name) + turns.compactMap(\.speaker) where seen.insert(name).inserted {
            names.append(name)
        }
        return names
    }

    public func mark(at segment: Int) -> Mark? { marks.first { $0.segment == segment } }

    /// Makes one change. Adding what is there already replaces it (a mark's
    /// note, a turn's speaker); removing what is not there does nothing.
    public mutating func apply(_ change: NotesChange) {
        switch change {
        case .nameSpeaker(let label, let name):
            if let index = speakerNames.firstIndex(where: { $0.label == label }) {
                if let name { speakerNames[index].name = name } else { speakerNames.remove(at: index) }
            } else if let name {
                speakerNames.append(SpeakerName(label: label, name: name))
            }
        case .setTurn(let turn):
            turns.removeAll { $0.segment == turn.segment }
            turns.insert(turn, at: turns.firstIndex { $0.segment > turn.segment } ?? turns.count)
        case .removeTurn(let segment):
            turns.removeAll { $0.segment == segment }
        case .setMark(let mark):
            marks.removeAll { $0.segment == mark.segment }
            marks.insert(mark, at: marks.firstIndex { $0.segment > mark.segment } ?? marks.count)
        case .removeMark(let segment):
            marks.removeAll { $0.segment == segment }
        case .setQuote(let quote):
            quotes.removeAll { $0.segments == quote.segments }
            let key = (quote.segments.lowerBound, quote.segments.upperBound)
            quotes.insert(
                quote, at: quotes.firstIndex { ($0.segments.lowerBound, $0.segments.upperBound) > key } ?? quotes.count)
        case .removeQuote(let segments):
            quotes.removeAll { $0.segments == segments }
        }
    }

    public func applying(_ change: NotesChange) -> Notes {
        var notes = self
        notes.apply(change)
        return notes
    }
}

/// A name the user gave one of the file's speaker labels.
public struct SpeakerName: Equatable, Sendable {
    /// As in the file: `SPEAKER_00`.
    public var label: String
    public var name: String

    public init(label: String, name: String) {
        self.label = label
        self.name = name
    }
}

/// A segment the user marked, with an optional note.
public struct Mark: Equatable, Sendable {
    public var segment: Int
    /// The segment's start: written for people, and checked when the notes
    /// are read against a transcript that may have changed.
    public var start: Milliseconds
    /// Empty when the user typed none.
    public var note: String

    public init(segment: Int, start: Milliseconds, note: String = "") {
        self.segment = segment
        self.start = start
        self.note = note
    }
}

/// Segments kept as a quote: the exact text, its times and its speaker,
/// as they were when the user kept it.
public struct Quote: Equatable, Sendable {
    public var segments: ClosedRange<Int>
    public var start: Milliseconds
    public var end: Milliseconds
    public var speaker: String?
    public var text: String
    public var note: String

    public init(
        segments: ClosedRange<Int>, start: Milliseconds, end: Milliseconds, speaker: String?, text: String, note: String = ""
    ) {
        self.segments = segments
        self.start = start
        self.end = end
        self.speaker = speaker
        self.text = text
        self.note = note
    }
}

/// One thing the user did to their notes. Saving applies it to the file as
/// it is on disk at that moment, so two processes keep each other's changes.
public enum NotesChange: Equatable, Sendable {
    /// Names a label everywhere; nil takes the name away.
    case nameSpeaker(label: String, name: String?)
    case setTurn(TurnEdit)
    case removeTurn(segment: Int)
    /// Adds a mark, or replaces the note of the mark on that segment.
    case setMark(Mark)
    case removeMark(segment: Int)
    case setQuote(Quote)
    case removeQuote(segments: ClosedRange<Int>)
}

extension Quote {
    /// A quote of `segments` as the transcript (with the user's speakers)
    /// has them. A quote that runs across a change of speaker is nobody's
    /// alone: its speaker is nil and each turn in its text opens with its
    /// speaker's name (`Name: `, or `>> ` where nobody is named), so that
    /// no one is quoted saying what another said.
    public init(segments: ClosedRange<Int>, in transcript: Transcript, note: String = "") {
        var turns: [Range<Int>] = []
        var start = segments.lowerBound
        for index in segments where index > segments.lowerBound && transcript.startsTurn(at: index) {
            turns.append(start..<index)
            start = index
        }
        turns.append(start..<(segments.upperBound + 1))
        let speakers = turns.map { transcript.speaker(of: $0.lowerBound) }
        let text: String
        let speaker: String?
        if turns.count == 1 || (speakers[0] != nil && speakers.allSatisfy { $0 == speakers[0] }) {
            speaker = speakers[0]
            text = transcript.string(ofBytes: transcript.textRange(of: segments.lowerBound..<(segments.upperBound + 1)))
        } else {
            speaker = nil
            text = zip(turns, speakers).enumerated().map { k, turn in
                let label = turn.1.map { $0 + ": " } ?? (k == 0 ? "" : ">> ")
                return label + transcript.string(ofBytes: transcript.textRange(of: turn.0))
            }.joined(separator: " ")
        }
        self.init(
            segments: segments, start: transcript.start(of: segments.lowerBound), end: transcript.end(of: segments.upperBound),
            speaker: speaker, text: text, note: note)
    }
}
