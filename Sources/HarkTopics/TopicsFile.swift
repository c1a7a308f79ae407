import FoundationEssentials
import HarkCore
import HarkTOML

/// A topics file (a codebook) in TOML:
///
///     [[topic]]
///     name = "MLOps consolidation"
///     keywords = ["consolidat*", "bundling", "point solution*"]
///     exclude = ["data consolidation"]     # optional
///     colour = "cyan"                      # optional
///
/// TOML is read by `HarkTOML`, which gives every error and every key its
/// line, so errors of meaning (a missing name, a number where a keyword
/// should be) name the line too.
public enum TopicsFile {
    public static let colourNames = ["red", "green", "yellow", "blue", "magenta", "cyan", "white"]
    static let knownKeys: Set<String> = ["name", "keywords", "exclude", "colour", "color"]

    public static func load(path: String) throws(TopicsFileError) -> [TopicDefinition] {
        // Only a regular file: a FIFO would block the read for ever.
        if let type = try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType, type != .typeRegular {
            throw TopicsFileError(path: path, line: nil, problem: "is not a regular file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TopicsFileError(path: path, line: nil, problem: "cannot be read")
        }
        return try parse(bytes: Array(data), path: path)
    }

    /// A topics file's bytes (UTF-8), as read from `path`.
    public static func parse(bytes: [UInt8], path: String) throws(TopicsFileError) -> [TopicDefinition] {
        let table: TOMLTable
        do {
            table = try TOML.parse(bytes: bytes)
        } catch {
            throw TopicsFileError(path: path, line: error.line, problem: error.message)
        }
        return try definitions(in: table, path: path)
    }

    /// The file to use for a transcript: the one given, else
    /// `NAME.topics.toml` beside `interview.srt` (NAME = `interview`), else none.
    public static func lookUp(forTranscript transcriptPath: String, given: String?) -> String? {
        if let given { return given }
        let url = URL(fileURLWithPath: transcriptPath)
        var name = url.lastPathComponent
        // `talk.whisper.txt` has the name `talk`: drop every extension.
        if let dot = name.firstIndex(of: "."), dot != name.startIndex { name = String(name[..<dot]) }
        let candidate = url.deletingLastPathComponent().appendingPathComponent(name + ".topics.toml").path
        return FileManager.default.fileExists(atPath: candidate) ? candidate : nil
    }

    public static func parse(_ text: String, path: String) throws(TopicsFileError) -> [TopicDefinition] {
        let table: TOMLTable
        do {
            table = try TOML.parse(text)
        } catch {
            throw TopicsFileError(path: path, line: error.line, problem: error.message)
        }
        return try definitions(in: table, path: path)
    }

    private static func definitions(in table: TOMLTable, path: String) throws(TopicsFileError) -> [TopicDefinition] {
        for key in table.keys where key != "topic" {
            throw TopicsFileError(
                path: path, line: table.line(of: key), problem: "unknown key \"\(key)\" (topics are written as [[topic]] tables)")
        }
        guard let topicValue = table["topic"] else {
            throw TopicsFileError(path: path, line: nil, problem: "no topics: add a [[topic]] table with a name and keywords")
        }
        guard let topics = topicValue.array else {
            throw TopicsFileError(
                path: path, line: table.line(of: "topic"), problem: "\"topic\" must be written as [[topic]] tables")
        }
        var definitions: [TopicDefinition] = []
        var names = Set<String>()
        for (n, value) in topics.enumerated() {
            guard let topic = value.table else {
                throw TopicsFileError(path: path, line: table.line(of: "topic"), problem: "topic \(n + 1) is not a table")
            }
            let definition = try readTopic(topic, number: n, path: path)
            guard names.insert(definition.name.lowercased()).inserted else {
                throw TopicsFileError(
                    path: path, line: topic.line(of: "name"), problem: "the topic \"\(definition.name)\" is defined twice")
            }
            definitions.append(definition)
        }
        return definitions
    }

    private static func readTopic(_ topic: TOMLTable, number n: Int, path: String) throws(TopicsFileError) -> TopicDefinition {
        func fail(_ key: String?, _ problem: String) -> TopicsFileError {
            TopicsFileError(path: path, line: key.flatMap { topic.line(of: $0) } ?? topic.headerLine, problem: problem)
        }
        for key in topic.keys where !knownKeys.contains(key) {
            throw fail(key, "unknown key \"\(key)\" (a topic has name, keywords, exclude and colour)")
        }
        guard let nameValue = topic["name"] else { throw fail(nil, "topic \(n + 1) has no name") }
        guard let name = nameValue.string?.trimmingWhitespace(), !name.isEmpty else {
            throw fail("name", "the name must be a non-empty string")
        }
        guard !name.unicodeScalars.contains(where: Escaped.isControl) else {
            throw fail("name", "the name has a control character in it")
        }
        guard topic["keywords"] != nil else { throw fail(nil, "the topic \"\(name)\" has no keywords") }
        let keywords = try strings(topic, "keywords", fail)
        guard !keywords.isEmpty else { throw fail("keywords", "the topic \"\(name)\" has no keywords") }
        let exclusions = topic["exclude"] == nil ? [] : try strings(topic, "exclude", fail)
        for (key, values) in [("keywords", keywords), ("exclude", exclusions)]
        where values.contains(where: { $0.unicodeScalars.contains(where: Escaped.isControl) }) {
            throw fail(key, "a keyword has a control character in it")
        }
        var colour: String?
        for key in ["colour", "color"] {
            guard let value = topic[key] else { continue }
            guard let given = value.string?.lowercased(), colourNames.contains(given) else {
                throw fail(key, "the colour must be one of \(colourNames.joined(separator: ", "))")
            }
            colour = given
        }
        return TopicDefinition(name: name, keywords: keywords, exclusions: exclusions, colour: colour)
    }

    private static func strings(
        _ topic: TOMLTable, _ key: String, _ fail: (String?, String) -> TopicsFileError
    ) throws(TopicsFileError) -> [String] {
        guard let array = topic[key]?.array else { throw fail(key, "\"\(key)\" must be a list of strings") }
        var result: [String] = []
        for value in array {
            guard let string = value.string else {
                throw fail(key, "\"\(key)\" must hold strings only, not \(value.quoted)")
            }
            do {
                try TopicKeyword.validate(string)
            } catch {
                throw fail(key, error.description)
            }
            result.append(string)
        }
        return result
    }
}

/// What is wrong with a topics file, and on which line.
public typealias TopicsFileError = FileProblem
