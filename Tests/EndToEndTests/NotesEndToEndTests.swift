import Foundation
import HarkTOML
import HarkTestSupport
import Testing

/// Issue 11's "done when", as a user does it: name the two speakers of the
/// sample, mark three passages with notes, keep two quotes, quit, reopen and
/// find all of it; the quotes go to the clipboard and print as Markdown.
@Suite(.serialized)
struct NotesEndToEndTests {
    let hark = Tmux.binary

    /// The sample in a folder of its own, so that its notes file is new.
    func freshSample() throws -> (transcript: String, notes: String) {
        let folder = TestSupport.temporaryFolder.appendingPathComponent("notes-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let source = URL(fileURLWithPath: TestSupport.samplePath)
        let transcript = folder.appendingPathComponent(source.lastPathComponent)
        try FileManager.default.copyItem(at: source, to: transcript)
        let topics = source.deletingLastPathComponent().appendingPathComponent("gradient-dissent-sarah-catanzaro.topics.toml")
        try FileManager.default.copyItem(at: topics, to: folder.appendingPathComponent(topics.lastPathComponent))
        return (transcript.path, folder.appendingPathComponent("gradient-dissent-sarah-catanzaro.hark.toml").path)
    }

    @Test func speakersMarksAndQuotesAreKeptAcrossARestart() throws {
        let (transcript, notesPath) = try freshSample()
        let tmux = try Tmux("\(hark) '\(transcript)'")
        try tmux.run(["set-option", "-s", "set-clipboard", "on"])
        try tmux.waitFor(text: "Chapters")

        // Who speaks: the host opens; the guest's answer is split off and named.
        try tmux.send("s")
        try tmux.waitFor(text: "who speaks?")
        try tmux.type("Lukas Biewald")
        try tmux.send("Enter")
        try tmux.waitFor(text: "Lukas Biewald speaks from 0:00:00")
        try tmux.send("j", "j", "S")
        try tmux.waitFor(text: "1 Lukas Biewald")
        try tmux.type("Sarah Catanzaro")
        try tmux.send("Enter")
        try tmux.waitFor(text: "Sarah Catanzaro:")
        // The next turn: one key names it.
        try tmux.send("}", "}", "S")
        try tmux.waitFor(text: "2 Sarah Catanzaro")
        try tmux.send("1")
        try tmux.waitFor(text: "Lukas Biewald speaks from")

        // Three marks with notes.
        for note in ["why the hype", "consolidation", "tabular data"] {
            try tmux.send("}", "}", "}", "m")
            try tmux.waitFor(text: "mark, with a note")
            try tmux.type(note)
            try tmux.send("Enter")
            try tmux.waitFor(text: "marked at")
        }
        try tmux.waitFor(text: "3 marks")

        // Two quotes: a selection, then a whole paragraph.
        try tmux.send("}", "v", "j", "j")
        try tmux.waitFor(text: "selecting 3 segments")
        try tmux.send("y")
        try tmux.waitFor(text: "quote kept")
        let clipboard = try tmux.run(["show-buffer"])
        #expect(clipboard.hasPrefix("“"), "\(clipboard)")
        #expect(clipboard.contains("” — "), "\(clipboard)")
        try tmux.send("}", "}", "y")
        try tmux.waitFor(text: "3 marks, 2 quotes")
        try tmux.send("q")
        #expect(try tmux.ending().status == 0)

        // The notes file is plain TOML, with everything in it.
        let text = try String(contentsOfFile: notesPath, encoding: .utf8)
        let table = try TOML.parse(text)
        #expect(table.keys.count >= 3, "\(text)")
        #expect(text.contains("Sarah Catanzaro") && text.contains("tabular data"), "\(text)")

        // The quotes, ready to paste into an article.
        let markdown = try Tmux.spawn([hark, "quotes", transcript, "--to", "md"], captureOutput: true)
        #expect(markdown.status == 0)
        #expect(markdown.output.hasPrefix("> "), "\(markdown.output)")
        #expect(markdown.output.components(separatedBy: "\n\n— ").count == 3, "\(markdown.output)")

        // Reopened: the names, marks and quotes are all there.
        let again = try Tmux("\(hark) '\(transcript)'")
        let screen = try again.waitFor(text: "3 marks, 2 quotes")
        #expect(screen.contains("Lukas Biewald:"), "\(screen)")
        #expect(screen.contains("Sarah Catanzaro"), "\(screen)")
        try again.send("]")
        try again.waitFor(text: "mark 1 of 5: why the hype")
        try again.send("q")
        #expect(try again.ending().restored)
    }
}
