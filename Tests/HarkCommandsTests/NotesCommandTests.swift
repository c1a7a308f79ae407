import Foundation
import HarkCore
import HarkNotes
import Testing

@testable import HarkCommands

/// A small diarized interview and its notes, in a folder of its own.
enum NotesCommandFiles {
    static let interview = """
        {"segments": [
         {"start": 0.0, "end": 2.5, "speaker": "SPEAKER_00", "text": "Welcome to the show."},
         {"start": 2.5, "end": 6.0, "speaker": "SPEAKER_01", "text": "Thanks for having me, it is great to be here."},
         {"start": 6.0, "end": 8.0, "speaker": "SPEAKER_00", "text": "Tell us about MLOps."},
         {"start": 8.0, "end": 15.0, "speaker": "SPEAKER_01", "text": "MLOps is consolidating into platforms."},
         {"start": 15.0, "end": 17.0, "speaker": "SPEAKER_01", "text": "Point solutions fade."},
         {"start": 17.0, "end": 18.0, "text": "[MUSIC]"}
        ]}
        """

    static let notes = """
        [speakers]
        SPEAKER_00 = "Lukas Biewald"
        SPEAKER_01 = "Sarah Catanzaro"

        [[mark]]
        segment = 3
        time = "0:00:08.000"
        note = "MLOps"

        [[quote]]
        first_segment = 3
        last_segment = 4
        start = "0:00:08.000"
        end = "0:00:17.000"
        speaker = "SPEAKER_01"
        text = "MLOps is consolidating into platforms. Point solutions fade."
        note = "the thesis"

        [[quote]]
        first_segment = 0
        last_segment = 0
        start = "0:00:00.000"
        end = "0:00:02.500"
        text = "Welcome to the show."
        note = ""
        """

    /// The interview with its notes beside it (`talk.hark.toml`), or none.
    static func interview(withNotes notes: String? = Self.notes, _ name: String = #function) -> String {
        let folder = Files.folder.appendingPathComponent("notes-\(name.filter(\.isLetter))-\(UUID().uuidString.prefix(6))")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("talk.json").path
        _ = FileManager.default.createFile(atPath: path, contents: Data(interview.utf8))
        if let notes {
            _ = FileManager.default.createFile(
                atPath: folder.appendingPathComponent("talk.hark.toml").path, contents: Data(notes.utf8))
        }
        return path
    }

    static func notesBeside(_ transcript: String) -> String { NotesFile.path(forTranscript: transcript, given: nil) }
}

struct SpeakersCommandTests {
    func run(_ path: String, json: Bool = false, renames: [String] = [], notesFile: String? = nil) -> CommandRun {
        var options = HarkCommands.NotesOptions()
        options.json = json
        options.notesFile = notesFile
        return CommandRun { out, report in
            HarkCommands.speakers(path: path, renames: renames, options: options, output: out, report: report)
        }
    }

    @Test func aTableOfWhoTalksHowMuch() {
        let run = run(NotesCommandFiles.interview())
        #expect(run.status == 0)
        #expect(
            run.output == """
                speaker                       turns  words  talk time  share  longest turn
                Sarah Catanzaro (SPEAKER_01)      2     18    0:00:12  69.4%       0:00:09
                Lukas Biewald (SPEAKER_00)        2      8    0:00:04  25.0%       0:00:02
                (no speaker)                      1      1    0:00:01   5.6%       0:00:01

                """)
    }

    @Test func json() {
        let run = run(NotesCommandFiles.interview(withNotes: nil), json: true)
        #expect(
            run.output
                == "{\"speakers\": [{\"label\": \"SPEAKER_01\", \"name\": null, \"turns\": 2, \"words\": 18, \"seconds\": 12.5, "
                + "\"share\": 0.694, \"longest_turn_seconds\": 9.0}, {\"label\": \"SPEAKER_00\", \"name\": null, \"turns\": 2, "
                + "\"words\": 8, \"seconds\": 4.5, \"share\": 0.25, \"longest_turn_seconds\": 2.5}, {\"label\": null, \"name\": null, "
                + "\"turns\": 1, \"words\": 1, \"seconds\": 1.0, \"share\": 0.056, \"longest_turn_seconds\": 1.0}]}\n")
    }

    @Test func renamingSavesTheNameAndPrintsTheTable() throws {
        let path = NotesCommandFiles.interview(withNotes: nil)
        let run = run(path, json: true, renames: ["SPEAKER_00=Lukas", "SPEAKER_01=Sarah=C"])
        #expect(run.status == 0)
        #expect(run.output.contains("{\"label\": \"SPEAKER_00\", \"name\": \"Lukas\""))
        #expect(run.output.contains("{\"label\": \"SPEAKER_01\", \"name\": \"Sarah=C\""))
        let transcript = try TranscriptLoader.load(path: path)
        let notes = try NotesFile.load(path: NotesCommandFiles.notesBeside(path), for: transcript).notes
        #expect(
            notes.speakerNames == [
                SpeakerName(label: "SPEAKER_00", name: "Lukas"), SpeakerName(label: "SPEAKER_01", name: "Sarah=C"),
            ])
        // A name given may be renamed in turn (LABEL ends at the first `=`), and `LABEL=` takes a name away.
        #expect(self.run(path, renames: ["SPEAKER_01=Sarah", "Sarah=Sarah Catanzaro", "SPEAKER_00="]).status == 0)
        let renamed = try NotesFile.load(path: NotesCommandFiles.notesBeside(path), for: transcript).notes
        #expect(renamed.speakerNames == [SpeakerName(label: "SPEAKER_01", name: "Sarah Catanzaro")])
    }

    @Test func renamingTurnsTheUserNamedRenamesEachOfThem() throws {
        let notes = "[[turn]]\nsegment = 0\nspeaker = \"Lukas\"\n\n[[turn]]\nsegment = 2\nspeaker = \"Lukas\"\n"
        let path = NotesCommandFiles.interview(withNotes: notes)
        let run = run(path, renames: ["Lukas=Lukas Biewald"])
        #expect(run.status == 0, "\(run.errors)")
        let transcript = try TranscriptLoader.load(path: path)
        let saved = try NotesFile.load(path: NotesCommandFiles.notesBeside(path), for: transcript).notes
        #expect(saved.turns == [TurnEdit(segment: 0, speaker: "Lukas Biewald"), TurnEdit(segment: 2, speaker: "Lukas Biewald")])
    }

    @Test func aCorrectedNameReachesTheQuotesCreditedToIt() throws {
        let notes = """
            [[turn]]
            segment = 0
            speaker = "Sarah Catanzaro"

            [[quote]]
            first_segment = 0
            last_segment = 0
            start = "0:00:00.000"
            end = "0:00:01.000"
            speaker = "Sarah Catanzaro"
            text = "Kept."
            note = ""

            """
        let path = NotesCommandFiles.interview(withNotes: notes)
        #expect(run(path, renames: ["Sarah Catanzaro=Sarah C."]).status == 0)
        let transcript = try TranscriptLoader.load(path: path)
        let saved = try NotesFile.load(path: NotesCommandFiles.notesBeside(path), for: transcript).notes
        #expect(saved.quotes.map(\.speaker) == ["Sarah C."])
        // Taking a name away leaves the quote as kept.
        #expect(run(path, renames: ["Sarah C.="]).status == 0)
        let unnamed = try NotesFile.load(path: NotesCommandFiles.notesBeside(path), for: transcript).notes
        #expect(unnamed.quotes.map(\.speaker) == ["Sarah C."])
    }

    @Test func anUnknownLabelIsStatusTwoAndSavesNothing() {
        let path = NotesCommandFiles.interview(withNotes: nil)
        let run = run(path, renames: ["SPEAKER_00=Lukas", "SPEAKER_07=Nobody"])
        #expect(run.status == 2)
        #expect(
            run.errors == [
                "hark: speakers: SPEAKER_07 is not a speaker in \(path) (its labels: SPEAKER_00, SPEAKER_01; names given: Lukas)"
            ])
        #expect(!FileManager.default.fileExists(atPath: NotesCommandFiles.notesBeside(path)))
        #expect(run.output.isEmpty)
    }

    @Test func aRenameWithoutAnEqualsSignIsStatusTwo() {
        let run = run(NotesCommandFiles.interview(withNotes: nil), renames: ["SPEAKER_00"])
        #expect(run.status == 2)
        #expect(run.errors == ["hark: speakers: --rename takes LABEL=Name, not SPEAKER_00"])
    }

    @Test func theSampleWithTurnsTheUserNamed() throws {
        let notes = Files.write(
            """
            [[turn]]
            segment = 7
            speaker = "Lukas Biewald"
            [[turn]]
            segment = 23
            speaker = "Sarah Catanzaro"
            [[turn]]
            segment = 33
            speaker = "Lukas Biewald"
            [[turn]]
            segment = 99
            speaker = "Sarah Catanzaro"
            """, name: "sample-turns.hark.toml")
        let run = run(Files.sample, json: true, notesFile: notes)
        let object = try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: [[String: Any]]]
        let rows = try #require(object?["speakers"])
        #expect(rows.map { $0["name"] as? String } == ["Sarah Catanzaro", "Lukas Biewald", nil])
        #expect(rows.allSatisfy { $0["label"] is NSNull })
        // Every word is someone's (or nobody's), counted as `hark info` counts them.
        #expect(rows.map { $0["words"] as? Int ?? 0 }.reduce(0, +) == 10227)
        #expect(abs(rows.map { $0["share"] as? Double ?? 0 }.reduce(0, +) - 1) < 0.002)
        #expect(rows.map { $0["turns"] as? Int } == [2, 2, 3])
    }

    @Test func theSampleWithoutNotesIsOneRowOfNobody() {
        let run = run(Files.sample)
        #expect(
            run.output == """
                speaker       turns  words  talk time   share  longest turn
                (no speaker)      7  10227    1:16:21  100.0%       1:00:04

                """)
    }
}

struct MarksAndQuotesCommandTests {
    func options(json: Bool = false) -> HarkCommands.NotesOptions {
        var options = HarkCommands.NotesOptions()
        options.json = json
        return options
    }

    @Test func marksAndQuotesInTimeOrder() {
        let path = NotesCommandFiles.interview()
        let run = CommandRun { HarkCommands.marks(path: path, options: options(), output: $0, report: $1) }
        #expect(
            run.output == """
                0:00:00  quote  “Welcome to the show.”
                0:00:08  mark   MLOps  (“MLOps is consolidating into platforms.”)
                0:00:08  quote  “MLOps is consolidating into platforms. Point solutions fade.” — Sarah Catanzaro  (the thesis)

                """)
    }

    @Test func marksAsJSON() {
        let path = NotesCommandFiles.interview()
        let run = CommandRun { HarkCommands.marks(path: path, options: options(json: true), output: $0, report: $1) }
        #expect(
            run.output
                == "{\"marks\": [{\"kind\": \"quote\", \"start\": 0.0, \"end\": 2.5, \"first_segment\": 0, \"last_segment\": 0, "
                + "\"speaker\": null, \"text\": \"Welcome to the show.\", \"note\": \"\"}, {\"kind\": \"mark\", \"start\": 8.0, "
                + "\"end\": 15.0, \"first_segment\": 3, \"last_segment\": 3, \"speaker\": \"Sarah Catanzaro\", "
                + "\"text\": \"MLOps is consolidating into platforms.\", \"note\": \"MLOps\"}, {\"kind\": \"quote\", \"start\": 8.0, "
                + "\"end\": 17.0, \"first_segment\": 3, \"last_segment\": 4, \"speaker\": \"Sarah Catanzaro\", "
                + "\"text\": \"MLOps is consolidating into platforms. Point solutions fade.\", \"note\": \"the thesis\"}]}\n")
    }

    @Test(arguments: [
        (
            QuoteFormat.md,
            "> Welcome to the show.\n\n— 0:00:00\n\n> MLOps is consolidating into platforms. Point solutions fade.\n\n"
                + "— Sarah Catanzaro, 0:00:08\n"
        ),
        (
            .txt,
            "“Welcome to the show.” — 0:00:00\n“MLOps is consolidating into platforms. Point solutions fade.” — Sarah Catanzaro, 0:00:08\n"
        ),
        (
            .json,
            "{\"quotes\": [{\"start\": 0.0, \"end\": 2.5, \"first_segment\": 0, \"last_segment\": 0, \"speaker\": null, "
                + "\"text\": \"Welcome to the show.\", \"note\": \"\"}, {\"start\": 8.0, \"end\": 17.0, \"first_segment\": 3, "
                + "\"last_segment\": 4, \"speaker\": \"Sarah Catanzaro\", "
                + "\"text\": \"MLOps is consolidating into platforms. Point solutions fade.\", \"note\": \"the thesis\"}]}\n"
        ),
    ])
    func quotes(format: QuoteFormat, expected: String) {
        let path = NotesCommandFiles.interview()
        let run = CommandRun { HarkCommands.quotes(path: path, to: format, options: options(), output: $0, report: $1) }
        #expect(run.status == 0)
        #expect(run.output == expected)
    }

    @Test func quotedTextOfSeveralLinesIsQuotedLineByLineAndEscaped() {
        let notes = "[[quote]]\nstart = 0\nend = 2.5\ntext = \"one\\ntwo \\u001B[2J\"\n"
        let path = NotesCommandFiles.interview(withNotes: notes)
        let run = CommandRun { HarkCommands.quotes(path: path, to: .md, options: options(), output: $0, report: $1) }
        #expect(run.output == "> one\n> two \\x1B[2J\n\n— 0:00:00\n")
    }

    @Test func addingAndRemovingAMark() throws {
        let path = NotesCommandFiles.interview(withNotes: nil)
        var run = CommandRun {
            HarkCommands.addMark(path: path, at: "0:09", note: "platforms", options: options(), output: $0, report: $1)
        }
        #expect(run.status == 0)
        #expect(run.output == "marked segment 3 at 0:00:08.000\n")
        // Again without a note: the mark keeps its note.
        run = CommandRun { HarkCommands.addMark(path: path, at: "50%", note: nil, options: options(), output: $0, report: $1) }
        #expect(run.output == "marked segment 3 at 0:00:08.000\n")
        let transcript = try TranscriptLoader.load(path: path)
        #expect(
            try NotesFile.load(path: NotesCommandFiles.notesBeside(path), for: transcript).notes.marks == [
                Mark(segment: 3, start: 8000, note: "platforms")
            ])
        run = CommandRun { HarkCommands.removeMark(path: path, at: "0:08", options: options(), output: $0, report: $1) }
        #expect(run.output == "removed the mark on segment 3 at 0:00:08.000\n")
        run = CommandRun { HarkCommands.removeMark(path: path, at: "0:08", options: options(), output: $0, report: $1) }
        #expect(run.status == 1)
        #expect(run.errors == ["hark: marks: no mark at 0:08 (segment 3); nothing removed"])
    }

    @Test(arguments: [
        ("+30s", "hark: marks: --add takes a time in the transcript"), ("soon", "hark: marks: --add: soon: not a time"),
    ])
    func aTimeThatIsNoTimeIsStatusTwo(time: String, message: String) {
        let path = NotesCommandFiles.interview(withNotes: nil)
        let run = CommandRun { HarkCommands.addMark(path: path, at: time, note: nil, options: options(), output: $0, report: $1) }
        #expect(run.status == 2)
        #expect(run.errors.first?.hasPrefix(message) == true, "\(run.errors)")
    }

    @Test func aBrokenNotesFileIsAnErrorForTheNotesCommands() {
        let path = NotesCommandFiles.interview(withNotes: "[[mark]]\nsegment = \"x\"\n")
        let run = CommandRun { HarkCommands.marks(path: path, options: options(), output: $0, report: $1) }
        #expect(run.status == 1)
        #expect(
            run.errors == [
                "hark: \(NotesCommandFiles.notesBeside(path)):2: segment must be a segment's number (0 or more), not a string"
            ])
    }
}

/// The user's names apply to what the other commands print.
struct NamesEverywhereTests {
    @Test(arguments: [
        (ExportFormat.json, "\"speaker\": \"Sarah Catanzaro\""), (.vtt, "<v Sarah Catanzaro>Thanks"),
        (.srt, "Sarah Catanzaro: Thanks"), (.txt, "Sarah Catanzaro:\nThanks"), (.md, "**Sarah Catanzaro:**"),
    ])
    func exportsUseTheNames(format: ExportFormat, expected: String) {
        let path = NotesCommandFiles.interview()
        let run = CommandRun { HarkCommands.export(path: path, format: nil, to: format, quiet: false, output: $0, report: $1) }
        #expect(run.output.contains(expected), "\(run.output)")
        #expect(!run.output.contains("SPEAKER_01"))
        #expect(run.errors.isEmpty)
    }

    @Test func searchUsesTheNames() {
        let path = NotesCommandFiles.interview()
        var options = HarkCommands.SearchOptions()
        options.json = true
        let run = CommandRun {
            HarkCommands.search(pattern: "platforms", paths: [path], options: options, output: $0, report: $1)
        }
        #expect(run.output.contains("\"speaker\": \"Sarah Catanzaro\""))
    }

    @Test func printedTextUsesTheNames() {
        let path = NotesCommandFiles.interview()
        let run = CommandRun { HarkCommands.printText(paths: [path], format: nil, output: $0, report: $1) }
        #expect(run.output.hasPrefix("[0:00:00] Lukas Biewald:\nWelcome to the show."))
    }

    @Test func aNotesFileGivenIsUsedInsteadOfTheOneBeside() {
        let path = NotesCommandFiles.interview()
        let other = Files.write("[speakers]\nSPEAKER_01 = \"Someone Else\"\n", name: "other-notes.toml")
        let run = CommandRun {
            HarkCommands.export(path: path, format: nil, to: .txt, quiet: false, notesFile: other, output: $0, report: $1)
        }
        #expect(run.output.contains("Someone Else:"))
        #expect(!run.output.contains("Sarah Catanzaro"))
    }

    @Test func aBrokenNotesFileIsAWarningAndTheFileAsItIs() {
        let path = NotesCommandFiles.interview(withNotes: "[speakers\n")
        let run = CommandRun { HarkCommands.export(path: path, format: nil, to: .txt, quiet: false, output: $0, report: $1) }
        #expect(run.status == 0)
        #expect(run.output.contains("SPEAKER_01:"))
        #expect(
            run.errors == [
                "hark: warning: \(NotesCommandFiles.notesBeside(path)):1: expected ']' to close the table header, found the end of the line; "
                    + "the notes are not used"
            ])
    }

    @Test func notesForSeveralFilesAreRefused() {
        var options = HarkCommands.SearchOptions()
        options.notesFile = "x.toml"
        let run = CommandRun {
            HarkCommands.search(pattern: "a", paths: [Files.sample, Files.sample], options: options, output: $0, report: $1)
        }
        #expect(run.status == 2)
        #expect(run.errors == ["hark: --notes names one transcript's notes file; give one transcript with it"])
    }
}
