import Foundation
import HarkCommands
import Testing

struct LibraryCommandTests {
    @Test func infoDescribesEachTranscriptInAFolderAndReportsTheBrokenOne() throws {
        let root = try LibraryFixture.make()
        var options = (json: true, quiet: true)
        let run = CommandRun {
            HarkCommands.info(paths: [root], format: nil, json: options.json, quiet: options.quiet, output: $0, report: $1)
        }
        #expect(run.status == 1)
        #expect(run.errors.count == 1 && run.errors[0].hasPrefix("hark: \(root)/c-broken.json"))
        let files = try run.output.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])["source"] as? String
        }
        #expect(files == ["\(root)/a-talk.srt", "\(root)/b-talk.vtt", "\(root)/season-2/d-talk.whisper.txt"])
        options.json = false
        let text = CommandRun {
            HarkCommands.info(paths: [root], format: nil, json: options.json, quiet: options.quiet, output: $0, report: $1)
        }
        #expect(text.output.components(separatedBy: "\n\n").count == 3)
    }

    @Test func topicsRankTheFolderByMinutesWithTheirPassages() throws {
        let root = try LibraryFixture.make()
        // The same topics for every transcript: the way to compare them.
        let topicsFile = root + "/library.topics.toml"
        try Data("[[topic]]\nname = \"Models\"\nkeywords = [\"model\"]\n".utf8).write(to: URL(fileURLWithPath: topicsFile))
        var options = HarkCommands.TopicOptions()
        options.topicsFile = topicsFile
        options.json = true
        let run = CommandRun { HarkCommands.topics(path: root, options: options, output: $0, report: $1) }
        #expect(run.status == 1)
        #expect(run.errors.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        let topics = try #require(object["topics"] as? [[String: Any]])
        #expect(topics.map { $0["name"] as? String } == ["Models"])
        let transcripts = try #require(topics[0]["transcripts"] as? [[String: Any]])
        let minutes = transcripts.compactMap { $0["minutes"] as? Double }
        #expect(minutes.count == transcripts.count && minutes == minutes.sorted(by: >))
        #expect(transcripts.allSatisfy { !(($0["passages"] as? [Any]) ?? []).isEmpty })
        #expect(transcripts.allSatisfy { ($0["file"] as? String)?.hasPrefix(root) == true })
        options.json = false
        let plain = CommandRun { HarkCommands.topics(path: root, options: options, output: $0, report: $1) }
        #expect(plain.output.hasPrefix("Models (\(transcripts.count) transcript"))
    }

    @Test func topicsOfAFolderThroughTheBinary() throws {
        let root = try LibraryFixture.make()
        let result = try BinaryTests.run(["topics", "--json", root])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("hark: \(root)/c-broken.json"))
        #expect(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) is [String: Any])
    }
}
