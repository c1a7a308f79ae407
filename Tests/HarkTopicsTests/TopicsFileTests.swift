import Foundation
import HarkCore
import HarkTestSupport
import HarkTopics
import Testing

/// Topics files: what they hold, where they are found, and the errors a
/// person sees when one is wrong (always naming the file and the line).
struct TopicsFileTests {
    private func parse(_ text: String) throws(TopicsFileError) -> [TopicDefinition] {
        try TopicsFile.parse(text, path: "talk.topics.toml")
    }

    private func error(_ text: String) -> TopicsFileError? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func readsNamesKeywordsExclusionsAndColours() throws {
        let definitions = try parse(
            """
            # a codebook
            [[topic]]
            name = "Costs"
            keywords = ["price*", "budget"]
            exclude = ["price tag"]
            colour = "Yellow"

            [[topic]]
            name = "Hiring"
            keywords = ["recruit*"]
            color = "cyan"
            """)
        #expect(
            definitions == [
                TopicDefinition(name: "Costs", keywords: ["price*", "budget"], exclusions: ["price tag"], colour: "yellow"),
                TopicDefinition(name: "Hiring", keywords: ["recruit*"], colour: "cyan"),
            ])
    }

    @Test func aSyntaxErrorNamesItsLine() {
        let found = error(
            """
            [[topic]]
            name = "Costs"
            keywords = ["price*", "budget"
            """)
        #expect(found?.line == 3)
        #expect(found?.description.hasPrefix("talk.topics.toml:3: ") == true)
    }

    @Test func errorsOfMeaningNameTheLineOfTheKey() {
        let text = """
            [[topic]]
            name = "Costs"
            keywords = ["price*"]

            [[topic]]
            name = "Hiring"
            keywords = ["recruit*", 3]
            """
        #expect(
            error(text)
                == TopicsFileError(path: "talk.topics.toml", line: 7, problem: "\"keywords\" must hold strings only, not 3"))
    }

    @Test func everyKindOfMistakeIsExplained() {
        let cases: [(String, Int?, String)] = [
            ("[[topic]]\nkeywords = [\"a b\"]", 1, "topic 1 has no name"),
            ("[[topic]]\nname = \"X\"", 1, "the topic \"X\" has no keywords"),
            ("[[topic]]\nname = \"X\"\nkeywords = []", 3, "the topic \"X\" has no keywords"),
            ("[[topic]]\nname = \"X\"\nkeywords = \"cost\"", 3, "\"keywords\" must be a list of strings"),
            ("[[topic]]\nname = \"X\"\nkeywords = [\"con*t\"]", 3, "\"con*t\": * may only end a word (as in consolidat*)"),
            (
                "[[topic]]\nname = \"X\"\nkeywords = [\"a\"]\ncolour = \"pink\"", 4,
                "the colour must be one of red, green, yellow, blue, magenta, cyan, white"
            ),
            (
                "[[topic]]\nname = \"X\"\nkeyword = [\"a\"]", 3,
                "unknown key \"keyword\" (a topic has name, keywords, exclude and colour)"
            ),
            (
                "[[topic]]\nname = \"X\"\nkeywords = [\"a\"]\n[[topic]]\nname = \"x\"\nkeywords = [\"b\"]", 5,
                "the topic \"x\" is defined twice"
            ),
            ("name = \"X\"", 1, "unknown key \"name\" (topics are written as [[topic]] tables)"),
            ("", nil, "no topics: add a [[topic]] table with a name and keywords"),
            ("[topic]\nname = \"X\"", 1, "\"topic\" must be written as [[topic]] tables"),
        ]
        for (text, line, problem) in cases {
            #expect(error(text) == TopicsFileError(path: "talk.topics.toml", line: line, problem: problem), "\(text)")
        }
    }

    @Test func aMissingFileSaysSo() {
        #expect(throws: TopicsFileError(path: "/nonexistent/x.toml", line: nil, problem: "cannot be read")) {
            try TopicsFile.load(path: "/nonexistent/x.toml")
        }
    }

    @Test func theFileIsFoundBesideTheTranscript() throws {
        let folder = TestSupport.temporaryFolder.appendingPathComponent("lookup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let transcript = folder.appendingPathComponent("talk.whisper.txt").path
        #expect(TopicsFile.lookUp(forTranscript: transcript, given: nil) == nil)
        let beside = folder.appendingPathComponent("talk.topics.toml").path
        _ = FileManager.default.createFile(atPath: beside, contents: Data())
        #expect(TopicsFile.lookUp(forTranscript: transcript, given: nil) == beside)
        #expect(TopicsFile.lookUp(forTranscript: transcript, given: "/elsewhere.toml") == "/elsewhere.toml")
    }

    @Test func theSampleInterviewShipsItsTopics() throws {
        let path = try #require(TopicsFile.lookUp(forTranscript: TestSupport.samplePath, given: nil))
        #expect(try TopicsFile.load(path: path).map(\.name) == ["LLM hype", "MLOps consolidation", "structured data"])
    }

    /// Shapes that aborted hark inside the TOML library it used before:
    /// now each is one error naming the file and the line.
    @Test(arguments: [
        ("[.topic]\nname = \"x\"\n", 1), ("[[topic]]\nname = \"x\"\nkeywords = [\"a\"]\n[topic", 4),
        ("[to pic]\n", 1), ("[[topic]]\nkeywords = [\"a\",\u{2028}\"b\"]\n", 2),
        ("[[topic]]\nname = \"a\u{1B}[2J\"\nkeywords = [\"x\"]\n", 2),
    ])
    func malformedFilesAreAnErrorWithALine(text: String, line: Int) {
        let failure = error(text)
        #expect(failure?.line == line, "\(String(describing: failure))")
        #expect(failure?.description.hasPrefix("talk.topics.toml:\(line): ") == true)
    }

    @Test func aTopicsFileThatIsAPipeIsRefusedWithoutWaiting() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fifo-\(UUID().uuidString).topics.toml").path
        #expect(mkfifo(path, 0o600) == 0)
        defer { unlink(path) }
        #expect(throws: TopicsFileError.self) { try TopicsFile.load(path: path) }
    }
}
