extension Notes {
    /// The changes that make these notes from none: what `:w FILE` saves
    /// (merged with the notes FILE already holds).
    public var asChanges: [NotesChange] {
        speakerNames.map { NotesChange.nameSpeaker(label: $0.label, name: $0.name) } + turns.map(NotesChange.setTurn)
            + marks.map(NotesChange.setMark) + quotes.map(NotesChange.setQuote)
    }
}
