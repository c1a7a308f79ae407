import Foundation
import HarkCommands
import HarkCore
import Testing

struct LibrarySearchTests {
    @Test func aFolderIsWalkedInNameOrderSkippingHiddenAndCompanionFiles() throws {
        let root = try LibraryFixture.make()
        let files = TranscriptFiles(paths: [root])
        #expect(files.hasFolder)
        #expect(
            files.entries.map { String($0.path.dropFirst(root.count + 1)) } == [
                "a-talk.srt", "b-talk.vtt", "c-broken.json", "cover.png", "notes.txt", "season-2/d-talk.whisper.txt",
            ])
        #expect(files.entries.allSatisfy { $0.inFolder })
    }

    @Test func aFolderIsSearchedInFileThenTimeOrderAndTheBrokenFileIsReported() throws {
        let root = try LibraryFixture.make()
        let run = CommandRun { HarkCommands.search(pattern: "model", paths: [root], options: .init(), output: $0, report: $1) }
        #expect(run.status == 2)
        #expect(run.errors.count == 1)
        #expect(run.errors[0].hasPrefix("hark: \(root)/c-broken.json"))
        #expect(
            run.output == """
                \(root)/a-talk.srt:0:00:01.000: A model of a model.
                \(root)/b-talk.vtt:0:00:06.000: model again.
                \(root)/season-2/d-talk.whisper.txt:0:00:09.000: A model in season two.

                """)
    }

    @Test func countsAreForTranscriptsOnly() throws {
        let root = try LibraryFixture.make()
        var options = HarkCommands.SearchOptions()
        options.count = true
        let run = CommandRun { HarkCommands.search(pattern: "model", paths: [root], options: options, output: $0, report: $1) }
        #expect(run.output == "\(root)/a-talk.srt:2\n\(root)/b-talk.vtt:1\n\(root)/season-2/d-talk.whisper.txt:1\n")
        #expect(run.status == 2)
    }

    @Test func aFileNamedIsReadEvenWhenAFolderWouldPassItOver() throws {
        let root = try LibraryFixture.make()
        let run = CommandRun {
            HarkCommands.search(pattern: "model", paths: [root + "/notes.txt"], options: .init(), output: $0, report: $1)
        }
        #expect(run.status == 0)
        #expect(run.output.contains("Things to ask about the model"))
        let binary = CommandRun {
            HarkCommands.search(pattern: "model", paths: [root + "/cover.png"], options: .init(), output: $0, report: $1)
        }
        #expect(binary.status == 2)
        #expect(binary.errors.count == 1)
    }

    @Test func theExitStatusIsGrepsThroughTheBinary() throws {
        let root = try LibraryFixture.make()
        let good = "\(root)/a-talk.srt"
        let matched = try BinaryTests.run(["search", "model", good])
        #expect(matched.status == 0)
        #expect(matched.stdout == "0:00:01.000: A model of a model.\n")
        let none = try BinaryTests.run(["search", "zebra", good])
        #expect(none.status == 1)
        #expect(none.stdout.isEmpty && none.stderr.isEmpty)
        let noneCounted = try BinaryTests.run(["search", "--count", "zebra", good])
        #expect(noneCounted.status == 1)
        #expect(noneCounted.stdout == "0\n")
        // An error wins over a match, as in rg; the other files are still searched.
        let folder = try BinaryTests.run(["search", "model", root])
        #expect(folder.status == 2)
        #expect(folder.stdout.split(separator: "\n").count == 3)
        #expect(folder.stderr.hasPrefix("hark: \(root)/c-broken.json"))
        let missing = try BinaryTests.run(["search", "zebra", good, root + "/no-such.srt"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "hark: \(root)/no-such.srt: no such file\n")
    }
}
