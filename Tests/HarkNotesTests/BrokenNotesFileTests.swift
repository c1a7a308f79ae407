import Foundation
import HarkCore
import HarkNotes
import Testing

/// A broken notes file is one error naming its line, and is never written over.
@Suite struct BrokenNotesFileTests {
    let transcript = NotesFixtures.transcript(labels: ["SPEAKER_00"])

    @Test(arguments: [
        ("[speakers]\nSPEAKER_00 = \"Sarah\n", 2, "the string is not closed"),
        ("[[mark]]\nsegment = 1\nsegment = 2\n", 3, "the key segment is defined twice"),
        ("speakers = 3\n", 1, "\"speakers\" must be a table of names"),
        ("[speakers]\nSPEAKER_00 = 7\n", 2, "the name of \"SPEAKER_00\" must be a string, not the number 7"),
        ("[mark]\nsegment = 1\n", 1, "mark must be written as [[mark]] tables"),
        ("mark = [1, 2]\n", 1, "mark must be written as [[mark]] tables, not the number 1"),
        ("\n[[mark]]\nsegment = \"twelve\"\n", 3, "segment must be a segment's number (0 or more), not a string"),
        ("[[mark]]\nsegment = -1\n", 2, "segment must be a segment's number"),
        ("[[mark]]\nsegment = 1\ntime = \"soon\"\n", 3, "time must be a time"),
        ("[[mark]]\nsegment = 1\nnote = 5\n", 3, "note must be a string, not the number 5"),
        ("[[mark]]\nnote = \"no place\"\n", 1, "a mark needs its segment or its time"),
        ("[[turn]]\nsegment = 1\nspeaker = true\n", 3, "speaker must be a string, not true"),
        ("[[quote]]\nfirst_segment = 1\nlast_segment = 2\n", 1, "a quote needs its text"),
        ("[[quote]]\nfirst_segment = 3\nlast_segment = 2\ntext = \"x\"\n", 3, "last_segment 2 is before first_segment 3"),
        ("[[quote]]\ntext = \"x\"\nend = 3\n", 1, "a quote needs first_segment or start"),
    ])
    func isOneErrorOnItsLine(text: String, line: Int, words: String) throws {
        let path = NotesFixtures.path()
        NotesFixtures.write(text, to: path)
        do {
            _ = try NotesFile.load(path: path, for: transcript)
            Issue.record("no error for \(text.debugDescription)")
        } catch {
            #expect(error.path == path)
            #expect(error.line == line, "\(error)")
            #expect(error.problem.contains(words), "\(error)")
            #expect(error.description.hasPrefix("\(path):\(line): "))
        }
        // Saving refuses with the same error and leaves the file as it was.
        do {
            try NotesFile.save(.setMark(NotesFixtures.mark(1, in: transcript)), path: path, for: transcript)
            Issue.record("saved over a broken file")
        } catch {
            #expect(error.line == line)
        }
        #expect(NotesFixtures.text(at: path) == text)
    }

    @Test func invalidUTF8IsAnErrorWithItsLine() throws {
        let path = NotesFixtures.path()
        _ = FileManager.default.createFile(
            atPath: path, contents: Data("# ok\n# bad \u{FF}".utf8.dropLast(2)) + Data([0xFF, 0x0A]))
        #expect(throws: NotesFileError(path: path, line: 2, problem: "the file is not valid UTF-8")) {
            try NotesFile.load(path: path, for: transcript)
        }
    }

    @Test func aFolderWhereTheFileShouldBeIsAnError() throws {
        let path = NotesFixtures.path()
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        #expect(throws: NotesFileError(path: path, line: nil, problem: "is not a regular file")) {
            try NotesFile.load(path: path, for: transcript)
        }
    }

    @Test func aControlCharacterInTheFileIsEscapedInTheMessage() throws {
        let path = NotesFixtures.path()
        NotesFixtures.write("[[mark]]\nsegment = \"\\u001B[2J\"\n", to: path)
        do {
            _ = try NotesFile.load(path: path, for: transcript)
            Issue.record("no error")
        } catch {
            #expect(!error.description.unicodeScalars.contains { $0.value == 0x1B }, "\(error)")
        }
    }
}
