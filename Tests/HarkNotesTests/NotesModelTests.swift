import HarkCore
import HarkNotes
import Testing

@Suite struct NotesModelTests {
    @Test func marksStayInOrderAndOnePerSegment() {
        var notes = Notes()
        notes.apply(.setMark(Mark(segment: 9, start: 900)))
        notes.apply(.setMark(Mark(segment: 2, start: 200, note: "first")))
        notes.apply(.setMark(Mark(segment: 9, start: 900, note: "edited")))
        #expect(notes.marks == [Mark(segment: 2, start: 200, note: "first"), Mark(segment: 9, start: 900, note: "edited")])
        notes.apply(.removeMark(segment: 2))
        #expect(notes.marks.map(\.segment) == [9])
    }

    @Test func namesUsedComeOnceInTheOrderGiven() {
        var notes = Notes()
        notes.apply(.nameSpeaker(label: "SPEAKER_01", name: "Sarah"))
        notes.apply(.setTurn(TurnEdit(segment: 4, speaker: "Lukas")))
        notes.apply(.setTurn(TurnEdit(segment: 9, speaker: "Sarah")))
        #expect(notes.namesUsed == ["Sarah", "Lukas"])
        notes.apply(.nameSpeaker(label: "SPEAKER_01", name: nil))
        #expect(notes.speakerNames.isEmpty)
    }
}

@Suite struct SpeakerEditTests {
    func transcript(_ speakers: [String?], changes: Set<Int> = []) -> Transcript {
        Transcript(
            source: "t", format: .diarizedJSON,
            segments: speakers.enumerated().map { index, speaker in
                Segment(
                    start: Int64(index) * 1000, end: Int64(index) * 1000 + 900, speaker: speaker, text: "words \(index).",
                    speakerChange: changes.contains(index))
            })
    }

    @Test func aNamedLabelIsRenamedEverywhere() {
        let base = transcript(["SPEAKER_00", "SPEAKER_01", "SPEAKER_00"])
        let named = base.applying(SpeakerEdits(names: ["SPEAKER_00": "Sarah Catanzaro"]))
        #expect((0..<3).map { named.speaker(of: $0) } == ["Sarah Catanzaro", "SPEAKER_01", "Sarah Catanzaro"])
        #expect(named.speakers == ["Sarah Catanzaro", "SPEAKER_01"])
        #expect(named.text(of: 1) == base.text(of: 1))
    }

    @Test func aUserTurnRunsToTheFilesNextChange() {
        // Unnamed changes at 0 and 4 (the sample's `>>`); the user names the turn at 0 and splits at 2.
        let base = transcript([nil, nil, nil, nil, nil, nil], changes: [0, 4])
        let edits = SpeakerEdits(turns: [TurnEdit(segment: 0, speaker: "Lukas"), TurnEdit(segment: 2, speaker: "Sarah")])
        let named = base.applying(edits)
        #expect((0..<6).map { named.speaker(of: $0) } == ["Lukas", "Lukas", "Sarah", "Sarah", nil, nil])
        #expect(named.startsTurn(at: 2))
        #expect(!base.startsTurn(at: 2))
        #expect(named.startsTurn(at: 4))
    }

    @Test func aTurnWithoutANameOnlySplits() {
        let base = transcript(["A", "A", "A"])
        let named = base.applying(SpeakerEdits(turns: [TurnEdit(segment: 1, speaker: nil)]))
        #expect((0..<3).map { named.speaker(of: $0) } == ["A", "A", "A"])
        #expect(named.startsTurn(at: 1))
    }

    @Test func aNamedTurnIsNotAlsoMarkedAsAnUnnamedChange() {
        // Exports write `>> ` for a change nobody is named at: a name replaces it.
        let base = transcript([nil, nil, nil, nil], changes: [0, 2])
        let named = base.applying(
            SpeakerEdits(turns: [TurnEdit(segment: 0, speaker: "Lukas"), TurnEdit(segment: 1, speaker: nil)]))
        #expect(!named.hasSpeakerChange(at: 0))
        #expect(named.hasSpeakerChange(at: 1))  // a split without a name stays marked
        #expect(named.hasSpeakerChange(at: 2))  // nobody named there
        #expect(named.startsTurn(at: 2))
    }

    @Test func aQuoteAcrossAChangeOfSpeakerNamesEachTurn() {
        let base = transcript(["Lukas", "Lukas", "Sarah"])
        let across = Quote(segments: 1...2, in: base)
        #expect(across.speaker == nil)
        #expect(across.text == "Lukas: words 1. Sarah: words 2.")
        let within = Quote(segments: 0...1, in: base)
        #expect(within.speaker == "Lukas")
        #expect(within.text == "words 0. words 1.")
        let unnamed = Quote(segments: 0...2, in: transcript([nil, nil, nil], changes: [2]))
        #expect(unnamed.text == "words 0. words 1. >> words 2.")
    }
}
