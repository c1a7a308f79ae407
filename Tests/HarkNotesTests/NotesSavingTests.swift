import Foundation
import HarkCore
import HarkNotes
import Testing

/// Where saving cannot happen it says why, and nothing is left behind.
@Suite struct NotesSavingTests {
    let transcript = NotesFixtures.transcript()
    var aMark: NotesChange { .setMark(NotesFixtures.mark(1, in: transcript)) }

    @Test(.disabled(if: geteuid() == 0, "root writes in any folder"))
    func aFolderThatCannotBeWrittenSaysSo() throws {
        let folder = NotesFixtures.folder()
        let path = folder.appendingPathComponent("talk.hark.toml").path
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path) }
        #expect(throws: NotesFileError(path: path, line: nil, problem: "cannot save notes in \(folder.path): permission denied"))
        {
            try NotesFile.save(aMark, path: path, for: transcript)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    /// Fails for root too: nothing can be made inside a regular file.
    @Test func aFolderThatIsAFileSaysSo() throws {
        let file = NotesFixtures.folder().appendingPathComponent("not-a-folder").path
        NotesFixtures.write("x", to: file)
        let path = file + "/talk.hark.toml"
        #expect(try NotesFile.load(path: path, for: transcript) == LoadedNotes())
        #expect(throws: NotesFileError(path: path, line: nil, problem: "cannot save notes in \(file): not a directory")) {
            try NotesFile.save(aMark, path: path, for: transcript)
        }
        #expect(NotesFixtures.text(at: file) == "x")
    }

    @Test func aMissingFolderSaysSo() throws {
        let folder = NotesFixtures.folder().appendingPathComponent("gone").path
        #expect(
            throws: NotesFileError(
                path: folder + "/n.toml", line: nil, problem: "cannot save notes in \(folder): no such file or directory")
        ) {
            try NotesFile.save(aMark, path: folder + "/n.toml", for: transcript)
        }
    }

    @Test func aFIFOIsRefusedWithoutWaiting() throws {
        let path = NotesFixtures.path()
        #expect(mkfifo(path, 0o644) == 0)
        #expect(throws: NotesFileError(path: path, line: nil, problem: "is not a regular file")) {
            try NotesFile.load(path: path, for: transcript)
        }
    }

    @Test func aLinkStaysALinkAndTheFileItNamesIsWritten() throws {
        let folder = NotesFixtures.folder()
        let target = folder.appendingPathComponent("kept-elsewhere.toml").path
        let link = folder.appendingPathComponent("talk.hark.toml").path
        NotesFixtures.write("# mine\n", to: target)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        try NotesFile.save(aMark, path: link, for: transcript)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
        #expect(NotesFixtures.text(at: target).hasPrefix("# mine\n\n[[mark]]\nsegment = 1\n"))
    }

    @Test func savingKeepsTheFilesPermissionsAndLeavesNoTemporaryFile() throws {
        let folder = NotesFixtures.folder()
        let path = folder.appendingPathComponent("talk.hark.toml").path
        NotesFixtures.write("", to: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        try NotesFile.save(aMark, path: path, for: transcript)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["talk.hark.toml"])
    }

    @Test func savesFromManyThreadsAtOnceAreAllKept() async throws {
        let path = NotesFixtures.path()
        let transcript = self.transcript
        try await withThrowingTaskGroup(of: Void.self) { group in
            for segment in 0..<40 {
                group.addTask {
                    try NotesFile.save(
                        .setMark(NotesFixtures.mark(segment, "t\(segment)", in: transcript)), path: path, for: transcript)
                }
            }
            try await group.waitForAll()
        }
        #expect(try NotesFile.load(path: path, for: transcript).notes.marks.map(\.segment) == Array(0..<40))
    }
}
