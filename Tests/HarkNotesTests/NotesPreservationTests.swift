import Foundation
import HarkCore
import HarkNotes
import Testing

/// Saving edits the text where the change is: the user's comments, blank
/// lines, order and what hark does not know stay as written.
@Suite struct NotesPreservationTests {
    static let transcript = NotesFixtures.transcript(labels: ["SPEAKER_00", "SPEAKER_01"])

    static let handWritten = """
        # Interview one: my coding.
        title = "Interview one"   # hark does not know this key

        [speakers]
        # the host first
        SPEAKER_00 = "Lukas"  # host
        SPEAKER_01 = 'Sarah'

        # a good bit
        [[mark]]
        time = 20      # seconds, typed by hand
        note = "first"
        tags = ["mlops", "platforms"]

        [mark.extra]
        colour = "red"

        [[turn]]
        segment = 12
        time = "0:00:12.000"

        [[quote]]
        first_segment = 30
        last_segment = 31
        start = "0:00:30.000"
        end = "0:00:31.900"
        speaker = "SPEAKER_01"
        text = \"\"\"
        Words of segment 30. \\
        Words of segment 31.\"\"\"

        [[mark]]
        segment = 40
        time = "0:00:40.000"
        note = "last"

        [other]
        x = 1  # kept
        """

    /// Every change hark makes, one at a time on the hand-written file.
    static let changes: [NotesChange] = [
        .nameSpeaker(label: "SPEAKER_00", name: "Lukas Biewald"),
        .nameSpeaker(label: "SPEAKER_01", name: nil),
        .nameSpeaker(label: "Speaker 3", name: "Guest \"3\""),
        .setTurn(TurnEdit(segment: 12, speaker: "Sarah")),
        .setTurn(TurnEdit(segment: 5, speaker: nil)),
        .removeTurn(segment: 12),
        .setMark(Mark(segment: 20, start: 20000, note: "edited")),
        .setMark(Mark(segment: 25, start: 25000, note: "between")),
        .setMark(Mark(segment: 45, start: 45000, note: "after")),
        .setMark(Mark(segment: 1, start: 1000, note: "before")),
        .removeMark(segment: 20),
        .removeMark(segment: 40),
        .setQuote(Quote(segments: 30...31, in: transcript, note: "with a note")),
        .setQuote(Quote(segments: 2...3, in: transcript)),
        .removeQuote(segments: 30...31),
    ]

    /// Lines that are the user's own, outside any entry a change could remove:
    /// comments and what hark does not own.
    static let usersLines = [
        "# Interview one: my coding.", "title = \"Interview one\"   # hark does not know this key", "# the host first",
        "[other]", "x = 1  # kept",
    ]

    @Test(arguments: changes)
    func everyChangeKeepsWhatTheUserWrote(change: NotesChange) throws {
        let path = NotesFixtures.path()
        NotesFixtures.write(Self.handWritten, to: path)
        let before = try NotesFile.load(path: path, for: Self.transcript)
        #expect(before.warnings.isEmpty)
        let saved = try NotesFile.save(change, path: path, for: Self.transcript)
        #expect(saved.notes == before.notes.applying(change))
        let lines = NotesFixtures.text(at: path).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // In the same order, and nothing of the file lost but what the change is about.
        var next = lines.startIndex
        for line in Self.usersLines {
            guard let found = lines[next...].firstIndex(of: line) else {
                Issue.record("lost \(line.debugDescription):\n\(lines.joined(separator: "\n"))")
                return
            }
            next = found + 1
        }
        #expect(try NotesFile.load(path: path, for: Self.transcript) == saved)
    }

    func saved(_ change: NotesChange) throws -> String {
        let path = NotesFixtures.path()
        NotesFixtures.write(Self.handWritten, to: path)
        try NotesFile.save(change, path: path, for: Self.transcript)
        return NotesFixtures.text(at: path)
    }

    /// The lines of the result that differ from the hand-written file, as a unified diff would show them.
    func difference(_ text: String) -> [String] {
        let old = Self.handWritten.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let new = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return new.difference(from: old).map { change in
            switch change {
            case .insert(_, let line, _): "+" + line
            case .remove(_, let line, _): "-" + line
            }
        }
    }

    @Test func aValueIsReplacedInPlaceWithItsComment() throws {
        #expect(
            difference(try saved(.nameSpeaker(label: "SPEAKER_00", name: "Lukas Biewald")))
                == ["-SPEAKER_00 = \"Lukas\"  # host", "+SPEAKER_00 = \"Lukas Biewald\"  # host"])
    }

    @Test func aNewNameGoesAtTheEndOfSpeakers() throws {
        #expect(difference(try saved(.nameSpeaker(label: "Speaker 3", name: "Guest"))) == ["+\"Speaker 3\" = \"Guest\""])
        let text = try saved(.nameSpeaker(label: "Speaker 3", name: "Guest"))
        #expect(text.contains("SPEAKER_01 = 'Sarah'\n\"Speaker 3\" = \"Guest\"\n\n# a good bit"))
    }

    @Test func aMarksNoteIsReplacedAndItsHandWrittenTimeKept() throws {
        // The mark was found by its time alone; its segment is added, and the time as typed stays.
        #expect(
            difference(try saved(.setMark(Mark(segment: 20, start: 20000, note: "edited"))))
                == ["-note = \"first\"", "+note = \"edited\"", "+segment = 20"])
    }

    @Test func aNewMarkGoesBeforeTheFirstMarkAfterIt() throws {
        let text = try saved(.setMark(Mark(segment: 5, start: 5000, note: "early")))
        #expect(
            text.contains(
                """
                SPEAKER_01 = 'Sarah'

                [[mark]]
                segment = 5
                time = "0:00:05.000"
                note = "early"

                # a good bit
                [[mark]]
                """))
    }

    @Test func aNewMarkAfterTheLastGoesAfterIt() throws {
        let text = try saved(.setMark(Mark(segment: 45, start: 45000, note: "late")))
        #expect(
            text.contains(
                """
                note = "last"

                [[mark]]
                segment = 45
                time = "0:00:45.000"
                note = "late"

                [other]
                """))
    }

    @Test func aRemovedEntryTakesItsLinesItsSubTablesAndTheCommentAboveIt() throws {
        let entry = """
            # a good bit
            [[mark]]
            time = 20      # seconds, typed by hand
            note = "first"
            tags = ["mlops", "platforms"]

            [mark.extra]
            colour = "red"


            """
        #expect(try saved(.removeMark(segment: 20)) == Self.handWritten.replacingOccurrences(of: entry, with: ""))
    }

    @Test func theLastEntryRemovedTakesTheBlankLinesBeforeIt() throws {
        let path = NotesFixtures.path()
        NotesFixtures.write("[[mark]]\nsegment = 1\n\n\n[[mark]]\nsegment = 2\n", to: path)
        try NotesFile.save(.removeMark(segment: 2), path: path, for: Self.transcript)
        #expect(NotesFixtures.text(at: path) == "[[mark]]\nsegment = 1\n")
    }

    @Test func aTurnWithoutASpeakerLosesItsSpeakerLine() throws {
        var text = try saved(.setTurn(TurnEdit(segment: 12, speaker: "Sarah")))
        #expect(difference(text) == ["+speaker = \"Sarah\""])
        let path = NotesFixtures.path()
        NotesFixtures.write(text, to: path)
        try NotesFile.save(.setTurn(TurnEdit(segment: 12, speaker: nil)), path: path, for: Self.transcript)
        text = NotesFixtures.text(at: path)
        #expect(text == Self.handWritten)
    }

    @Test func windowsLineEndsStayWindowsLineEnds() throws {
        let path = NotesFixtures.path()
        NotesFixtures.write(Self.handWritten.replacingOccurrences(of: "\n", with: "\r\n"), to: path)
        try NotesFile.save(.setMark(Mark(segment: 45, start: 45000, note: "late")), path: path, for: Self.transcript)
        let text = NotesFixtures.text(at: path)
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(try NotesFile.load(path: path, for: Self.transcript).notes.mark(at: 45)?.note == "late")
    }

    @Test func aFileWithoutAFinalLineEndGetsOneBeforeWhatIsAdded() throws {
        let path = NotesFixtures.path()
        NotesFixtures.write("[speakers]\nSPEAKER_00 = \"Lukas\"", to: path)
        try NotesFile.save(.nameSpeaker(label: "SPEAKER_01", name: "Sarah"), path: path, for: Self.transcript)
        #expect(NotesFixtures.text(at: path) == "[speakers]\nSPEAKER_00 = \"Lukas\"\nSPEAKER_01 = \"Sarah\"\n")
        try NotesFile.save(.setMark(Mark(segment: 1, start: 1000)), path: path, for: Self.transcript)
        #expect(
            NotesFixtures.text(at: path)
                == "[speakers]\nSPEAKER_00 = \"Lukas\"\nSPEAKER_01 = \"Sarah\"\n\n[[mark]]\nsegment = 1\ntime = \"0:00:01.000\"\nnote = \"\"\n"
        )
    }

    @Test func speakersAreAddedBeforeTheFirstTable() throws {
        let path = NotesFixtures.path()
        NotesFixtures.write("# mine\n\n# about the mark\n[[mark]]\nsegment = 1\n", to: path)
        try NotesFile.save(.nameSpeaker(label: "SPEAKER_00", name: "Lukas"), path: path, for: Self.transcript)
        #expect(
            NotesFixtures.text(at: path)
                == "# mine\n\n[speakers]\nSPEAKER_00 = \"Lukas\"\n\n# about the mark\n[[mark]]\nsegment = 1\n")
    }

    @Test func marksWrittenInlineAreReadButNotEdited() throws {
        let path = NotesFixtures.path()
        let text = "mark = [{ segment = 1, note = \"inline\" }]\n"
        NotesFixtures.write(text, to: path)
        #expect(try NotesFile.load(path: path, for: Self.transcript).notes.marks.map(\.note) == ["inline"])
        #expect(throws: NotesFileError.self) {
            try NotesFile.save(.setMark(Mark(segment: 2, start: 2000)), path: path, for: Self.transcript)
        }
        #expect(NotesFixtures.text(at: path) == text)
        // Names can still be added: that part is written as hark writes it.
        try NotesFile.save(.nameSpeaker(label: "SPEAKER_00", name: "Lukas"), path: path, for: Self.transcript)
        #expect(try NotesFile.load(path: path, for: Self.transcript).notes.speakerNames.count == 1)
    }

    @Test func aMarkWrittenTwiceByHandBecomesOne() throws {
        let path = NotesFixtures.path()
        NotesFixtures.write("[[mark]]\nsegment = 3\nnote = \"a\"\n\n[[mark]]\nsegment = 3\nnote = \"b\"\n", to: path)
        #expect(try NotesFile.load(path: path, for: Self.transcript).notes.mark(at: 3)?.note == "b")
        try NotesFile.save(.setMark(Mark(segment: 3, start: 3000, note: "c")), path: path, for: Self.transcript)
        #expect(NotesFixtures.text(at: path) == "[[mark]]\nsegment = 3\nnote = \"c\"\ntime = \"0:00:03.000\"\n")
        try NotesFile.save(.removeMark(segment: 3), path: path, for: Self.transcript)
        #expect(NotesFixtures.text(at: path) == "")
    }
}
