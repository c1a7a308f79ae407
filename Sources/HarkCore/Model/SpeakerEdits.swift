/// What the user said about who speaks, applied over what the file says.
///
/// Two kinds of edit, both kept in the notes file (HarkNotes):
/// - a name for a label the file uses (`SPEAKER_00` is Sarah Catanzaro),
///   which renames every turn with that label;
/// - a turn the user marked at a segment: a change of speaker there, and,
///   when it has a name, that name from there to the next change of speaker
///   (the file's or another of the user's). A turn without a name only
///   splits: the speaker stays as the file says.
public struct SpeakerEdits: Equatable, Hashable, Sendable {
    /// Label as in the file → the name the user gave it.
    public var names: [String: String]
    /// By segment, ascending, one per segment.
    public var turns: [TurnEdit]

    public init(names: [String: String] = [:], turns: [TurnEdit] = []) {
        self.names = names
        self.turns = turns.sorted { $0.segment < $1.segment }
    }

    public var isEmpty: Bool { names.isEmpty && turns.isEmpty }
}

/// A change of speaker the user marked at `segment`, with who speaks from
/// there (nil: the file's speaker, only the change is new).
public struct TurnEdit: Equatable, Hashable, Sendable {
    public var segment: Int
    public var speaker: String?

    public init(segment: Int, speaker: String?) {
        self.segment = segment
        self.speaker = speaker
    }
}

extension Transcript {
    /// The transcript with the user's speakers: the same text and times
    /// (shared, not copied), new speaker and change-of-speaker columns.
    /// Paragraphs, exports, search output and the reader all read speakers
    /// from these columns, so the names apply everywhere at once.
    public func applying(_ edits: SpeakerEdits) -> Transcript {
        guard !edits.isEmpty, !isEmpty else { return self }
        var store = self.store
        let count = store.count
        store.speakerIDs = RawBuffer(capacity: count)
        store.speakerChanges = RawBuffer(capacity: count)
        var speakers: [String] = []
        var ids: [String: Int32] = [:]
        func id(of name: String?) -> Int32 {
            guard let name, !name.isEmpty else { return -1 }
            if let id = ids[name] { return id }
            let id = Int32(speakers.count)
            speakers.append(name)
            ids[name] = id
            return id
        }
        var turns = edits.turns.makeIterator()
        var nextTurn = turns.next()
        // The user's turn in force: from its segment to the next change.
        var userTurn: TurnEdit?
        for index in 0..<count {
            var change = self.store.speakerChanges[index]
            while let turn = nextTurn, turn.segment < index { nextTurn = turns.next() }
            if let turn = nextTurn, turn.segment == index {
                userTurn = turn
                change = true
                nextTurn = turns.next()
            } else if userTurn != nil && startsTurn(at: index) {
                userTurn = nil  // the file's next change of speaker ends the user's turn
            }
            let label = speaker(of: index)
            let name = userTurn?.speaker ?? label.map { edits.names[$0] ?? $0 }
            store.speakerIDs.append(id(of: name))
            // A change of speaker is marked only where nobody is named: a
            // name says it (a new name starts a turn), and exports would
            // otherwise write `>> Name:`. A split the user made without a
            // name stays marked whatever the name.
            let unnamedSplit = userTurn?.segment == index && userTurn?.speaker == nil
            store.speakerChanges.append(change && (name == nil || unnamedSplit))
        }
        return Transcript(source: source, format: format, speakers: speakers, warnings: warnings, store: store)
    }

}
