import Foundation
import HarkCore
import Testing

@testable import HarkCommands

/// `hark topics` and `hark chapters`: their JSON, where topics come from,
/// and what a broken topics file does.
struct TopicCommandTests {
    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    private func topics(_ path: String, file: String? = nil) -> CommandRun {
        var options = HarkCommands.TopicOptions()
        options.json = true
        options.topicsFile = file
        return CommandRun { HarkCommands.topics(path: path, options: options, output: $0, report: $1) }
    }

    @Test func theSampleUsesTheTopicsFileBesideIt() throws {
        let run = topics(Files.sample)
        #expect(run.status == 0)
        let topics = try #require(try json(run.output)["topics"] as? [[String: Any]])
        #expect(topics.map { $0["name"] as? String } == ["LLM hype", "MLOps consolidation", "structured data"])
        for topic in topics {
            #expect(topic["source"] as? String == "file")
            let passages = try #require(topic["passages"] as? [[String: Any]])
            #expect(!passages.isEmpty)
            for passage in passages {
                #expect(Set(passage.keys) == ["start", "end", "first_segment", "last_segment", "score"])
                let first = try #require(passage["first_segment"] as? Int)
                let last = try #require(passage["last_segment"] as? Int)
                #expect(first <= last)
                #expect((passage["start"] as? Double ?? -1) < (passage["end"] as? Double ?? -1))
            }
        }
    }

    @Test func withoutAFileHarkFindsTopics() throws {
        let copy = Files.write(try String(contentsOfFile: Files.sample, encoding: .utf8), name: "interview.whisper.txt")
        let topics = try #require(try json(topics(copy).output)["topics"] as? [[String: Any]])
        #expect(!topics.isEmpty)
        #expect(topics.allSatisfy { $0["source"] as? String == "auto" })
    }

    @Test func givenFileWinsAndABrokenOneIsAnError() throws {
        let good = Files.write("[[topic]]\nname = \"Rust\"\nkeywords = [\"Rust\"]\n", name: "rust.toml")
        let run = topics(Files.sample, file: good)
        let topics = try #require(try json(run.output)["topics"] as? [[String: Any]])
        #expect(topics.map { $0["name"] as? String } == ["Rust"])
        let broken = Files.write("[[topic]]\nname = \"Rust\"\nkeywords = [\"Rust\"\n", name: "broken.toml")
        let failed = self.topics(Files.sample, file: broken)
        #expect(failed.status == 1)
        #expect(failed.output.isEmpty)
        #expect(failed.errors.count == 1)
        #expect(failed.errors.first == "hark: \(broken):3: the array is not closed: expected ']'")
    }

    @Test func chaptersAsJSON() throws {
        let run = CommandRun { HarkCommands.chapters(path: Files.sample, json: true, format: nil, output: $0, report: $1) }
        let chapters = try #require(try json(run.output)["chapters"] as? [[String: Any]])
        #expect(chapters.count > 5)
        #expect(chapters.first?["first_segment"] as? Int == 0)
        for chapter in chapters {
            #expect(Set(chapter.keys) == ["start", "end", "first_segment", "title", "keyphrases"])
            #expect(!(chapter["title"] as? String ?? "").isEmpty)
        }
        let plain = CommandRun { HarkCommands.chapters(path: Files.sample, json: false, format: nil, output: $0, report: $1) }
        #expect(plain.output.hasPrefix("0:00:00  "))
    }
}
