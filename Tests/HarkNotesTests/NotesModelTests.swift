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
}
