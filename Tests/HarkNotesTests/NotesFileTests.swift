import Foundation
import HarkCore
import HarkNotes
import Testing

@Suite struct NotesFilePathTests {
    @Test(arguments: [
        ("talk.whisper.txt", "talk.hark.toml"), ("dir/talk.srt", "dir/talk.hark.toml"),
        ("/a/b/sample-interview.txt", "/a/b/sample-interview.hark.toml"), (".hidden.srt", ".hidden.srt.hark.toml"),
        ("noextension", "noextension.hark.toml"),
    ])
    func theFileIsBesideTheTranscriptNamedAsTopicsFilesAre(transcript: String, notes: String) {
        #expect(NotesFile.path(forTranscript: transcript, given: nil) == notes)
    }

    @Test func aGivenFileIsUsedAsGiven() {
        #expect(NotesFile.path(forTranscript: "dir/talk.srt", given: "elsewhere/mine.toml") == "elsewhere/mine.toml")
    }
}

@Suite struct NotesFileTests {
    let transcript = NotesFixtures.transcript(labels: ["SPEAKER_00", "SPEAKER_01"])

    @Test func noFileIsNoNotes() throws {
        let loaded = try NotesFile.load(path: NotesFixtures.path(), for: transcript)
        #expect(loaded == LoadedNotes())
    }

    @Test func aNewFileReadsAsTheLayoutSays() throws {
        let path = NotesFixtures.path()
        try NotesFile.save(.nameSpeaker(label: "SPEAKER_00", name: "Sarah Catanzaro"), path: path, for: transcript)
        try NotesFile.save(.setTurn(TurnEdit(segment: 12, speaker: "Lukas Biewald")), path: path, for: transcript)
        try NotesFile.save(.setMark(NotesFixtures.mark(20, "MLOps consolidation", in: transcript)), path: path, for: transcript)
        let quote = Quote(segments: 30...32, in: transcript, note: "")
        let saved = try NotesFile.save(.setQuote(quote), path: path, for: transcript)
        #expect(
            NotesFixtures.text(at: path) == """
                # Notes on talk.json kept by hark: speaker names, marks and quotes.
                # Edit freely; hark keeps your comments and anything it does not know.

                [speakers]
                SPEAKER_00 = "Sarah Catanzaro"

                [[turn]]
                segment = 12
                time = "0:00:12.000"
                speaker = "Lukas Biewald"

                [[mark]]
                segment = 20
                time = "0:00:20.000"
                note = "MLOps consolidation"

                [[quote]]
                first_segment = 30
                last_segment = 32
                start = "0:00:30.000"
                end = "0:00:32.900"
                speaker = "SPEAKER_00"
                text = "Words of segment 30. Words of segment 31. Words of segment 32."
                note = ""

                """)
        var expected = Notes()
        expected.apply(.nameSpeaker(label: "SPEAKER_00", name: "Sarah Catanzaro"))
        expected.apply(.setTurn(TurnEdit(segment: 12, speaker: "Lukas Biewald")))
        expected.apply(.setMark(NotesFixtures.mark(20, "MLOps consolidation", in: transcript)))
        expected.apply(.setQuote(quote))
        #expect(saved.notes == expected)
        #expect(try NotesFile.load(path: path, for: transcript).notes == expected)
    }

    @Test func aChangeThatChangesNothingWritesNothing() throws {
        let path = NotesFixtures.path()
        try NotesFile.save(.removeMark(segment: 3), path: path, for: transcript)
        #expect(!FileManager.default.fileExists(atPath: path), "removing nothing makes no file")
        try NotesFile.save(.setMark(NotesFixtures.mark(3, "x", in: transcript)), path: path, for: transcript)
        let before = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
        try NotesFile.save(.setMark(NotesFixtures.mark(3, "x", in: transcript)), path: path, for: transcript)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int == before)
    }

    @Test func savingMergesWithWhatIsOnDiskNow() throws {
        let path = NotesFixtures.path()
        try NotesFile.save(.setMark(NotesFixtures.mark(1, in: transcript)), path: path, for: transcript)
        // Another process adds a mark meanwhile.
        NotesFixtures.write(
            NotesFixtures.text(at: path) + "\n[[mark]]\nsegment = 7\ntime = \"0:00:07.000\"\nnote = \"theirs\"\n", to: path)
        let saved = try NotesFile.save(.setMark(NotesFixtures.mark(4, "mine", in: transcript)), path: path, for: transcript)
        #expect(saved.notes.marks.map(\.segment) == [1, 4, 7])
        #expect(saved.notes.mark(at: 7)?.note == "theirs")
    }

    @Test func aMarksTimeIsItsSegmentsStart() throws {
        let path = NotesFixtures.path()
        let saved = try NotesFile.save(.setMark(Mark(segment: 5, start: 123, note: "n")), path: path, for: transcript)
        #expect(saved.notes.marks == [Mark(segment: 5, start: 5000, note: "n")])
    }

    @Test func aSegmentOutsideTheTranscriptIsNotSaved() throws {
        let path = NotesFixtures.path()
        #expect(throws: NotesFileError(path: path, line: nil, problem: "segment 50 is not in the transcript (it has 50)")) {
            try NotesFile.save(.setMark(Mark(segment: 50, start: 0)), path: path, for: transcript)
        }
    }

    @Test func namesWithControlCharactersAreRefused() throws {
        let path = NotesFixtures.path()
        #expect(throws: NotesFileError(path: path, line: nil, problem: "a speaker's name cannot hold control characters")) {
            try NotesFile.save(.nameSpeaker(label: "SPEAKER_00", name: "\u{1B}[2J"), path: path, for: transcript)
        }
        NotesFixtures.write("[speakers]\nSPEAKER_00 = \"a\\u001Bb\"\n", to: path)
        #expect(throws: NotesFileError(path: path, line: 2, problem: "a speaker's name cannot hold control characters")) {
            try NotesFile.load(path: path, for: transcript)
        }
    }

    @Test func anEmptyNameIsNoName() throws {
        let path = NotesFixtures.path()
        try NotesFile.save(.nameSpeaker(label: "SPEAKER_00", name: "Sarah"), path: path, for: transcript)
        let saved = try NotesFile.save(.nameSpeaker(label: "SPEAKER_00", name: ""), path: path, for: transcript)
        #expect(saved.notes.speakerNames.isEmpty)
        #expect(!NotesFixtures.text(at: path).contains("SPEAKER_00"))
    }

    @Test func severalChangesAreOneWrite() throws {
        let path = NotesFixtures.path()
        let changes: [NotesChange] = (0..<5).map { .setMark(NotesFixtures.mark($0 * 3, "m\($0)", in: transcript)) }
        let saved = try NotesFile.save(changes, path: path, for: transcript)
        #expect(saved.notes.marks.map(\.segment) == [0, 3, 6, 9, 12])
        #expect(try NotesFile.load(path: path, for: transcript) == saved)
    }
}

@Suite struct NotesAgainstAChangedTranscriptTests {
    let transcript = NotesFixtures.transcript()

    func load(_ text: String) throws -> (LoadedNotes, String) {
        let path = NotesFixtures.path()
        NotesFixtures.write(text, to: path)
        return (try NotesFile.load(path: path, for: transcript), path)
    }

    @Test func aSegmentThatNoLongerStartsAtItsTimeIsFoundByTheTime() throws {
        let (loaded, path) = try load("[[mark]]\nsegment = 3\ntime = \"0:00:09.200\"\nnote = \"moved\"\n")
        #expect(loaded.notes.marks == [Mark(segment: 9, start: 9000, note: "moved")])
        #expect(
            loaded.warnings == [
                "\(path):1: the mark at 0:00:09.200 was on segment 3, but segment 3 now starts at 0:00:03.000: "
                    + "it is put on segment 9, which starts nearest that time"
            ])
    }

    @Test func aSegmentPastTheEndIsFoundByTheTime() throws {
        let (loaded, _) = try load("[[turn]]\nsegment = 80\ntime = \"0:00:48.700\"\nspeaker = \"Sarah\"\n")
        #expect(loaded.notes.turns == [TurnEdit(segment: 49, speaker: "Sarah")])
        #expect(loaded.warnings.count == 1)
        #expect(loaded.warnings.first?.contains("segment 80 is past the end (the transcript has 50)") == true)
    }

    @Test func anEntryThatCannotBeFoundIsLeftOutWithAWarning() throws {
        let (loaded, path) = try load("[[mark]]\nsegment = 80\n")
        #expect(loaded.notes.marks.isEmpty)
        #expect(loaded.warnings == ["\(path):1: the mark is left out: segment 80 is past the end (the transcript has 50)"])
    }

    @Test func handWrittenTimesMayBeSecondsOrShortClocks() throws {
        let (loaded, _) = try load(
            """
            [[mark]]
            time = 12.5
            [[mark]]
            time = "0:20"
            [[mark]]
            segment = 30
            time = 30
            [[quote]]
            start = "0:00:40"
            end = 43.9
            text = "by hand"
            """)
        #expect(loaded.warnings.isEmpty)
        #expect(loaded.notes.marks.map(\.segment) == [12, 20, 30])
        #expect(loaded.notes.quotes == [Quote(segments: 40...43, start: 40000, end: 43900, speaker: nil, text: "by hand")])
    }

    @Test func aQuoteWhoseSegmentsMovedIsFoundByItsTimes() throws {
        let (loaded, _) = try load(
            """
            [[quote]]
            first_segment = 2
            last_segment = 4
            start = "0:00:10.000"
            end = "0:00:12.900"
            text = "kept"
            """)
        #expect(loaded.notes.quotes.map(\.segments) == [10...12])
        #expect(loaded.warnings.count == 1)
    }
}

@Suite struct NotesSavedTogetherTests {
    let transcript = NotesFixtures.transcript(labels: ["SPEAKER_00", "SPEAKER_01"])

    /// Changes saved together are made in as few passes over the text as
    /// can be, and come out as the same changes saved one at a time.
    @Test func removingTheLastEntryAndAddingAroundItInOneSave() throws {
        let path = NotesFixtures.path()
        NotesFixtures.write("# mine\n\n[[mark]]\nsegment = 30\n\n", to: path)
        let changes: [NotesChange] = [
            .removeMark(segment: 30), .setMark(NotesFixtures.mark(10, "before", in: transcript)),
            .setMark(NotesFixtures.mark(40, "after", in: transcript)),
            .nameSpeaker(label: "SPEAKER_00", name: "Lukas"), .nameSpeaker(label: "SPEAKER_01", name: "Sarah"),
        ]
        let saved = try NotesFile.save(changes, path: path, for: transcript)
        var expected = Notes()
        for change in changes.dropFirst() { expected.apply(change) }
        #expect(saved.notes == expected)
        #expect(
            NotesFixtures.text(at: path) == """
                # mine

                [speakers]
                SPEAKER_00 = "Lukas"
                SPEAKER_01 = "Sarah"

                [[mark]]
                segment = 10
                time = "0:00:10.000"
                note = "before"

                [[mark]]
                segment = 40
                time = "0:00:40.000"
                note = "after"

                """)
    }

    @Test func aChangeToWhatAnotherJustChangedWaitsForIt() throws {
        let path = NotesFixtures.path()
        let saved = try NotesFile.save(
            [
                .setMark(NotesFixtures.mark(3, "one", in: transcript)), .setMark(NotesFixtures.mark(3, "two", in: transcript)),
                .removeMark(segment: 3), .setMark(NotesFixtures.mark(3, "three", in: transcript)),
            ], path: path, for: transcript)
        #expect(saved.notes.marks == [NotesFixtures.mark(3, "three", in: transcript)])
        #expect(NotesFixtures.text(at: path).components(separatedBy: "[[mark]]").count == 2)
    }
}
