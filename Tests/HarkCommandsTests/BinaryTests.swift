import Foundation
import Testing

/// The real `hark` binary, as a script would run it.
struct BinaryTests {
    /// `swift test` builds `hark` beside the test bundle.
    static var binary: String? {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("hark").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder.deleteLastPathComponent()
        }
        return nil
    }

    struct Result {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(binary, "the hark binary was not built"))
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.currentDirectoryURL = URL(fileURLWithPath: Files.sample).deletingLastPathComponent().deletingLastPathComponent()
        // Output goes to files, not pipes: a tmux server started by a test
        // running alongside would inherit a pipe and keep it from ending.
        let folder = Files.folder
        let outURL = folder.appendingPathComponent("binary-\(UUID().uuidString).out")
        let errURL = folder.appendingPathComponent("binary-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Result(
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self),
            status: process.terminationStatus)
    }

    @Test func withNoArgumentsAndAPipeItPrintsTheSampleText() throws {
        let result = try Self.run([])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("[0:00:00]\n[MUSIC]\n\n[0:00:03]\nI think people see the output models"))
    }

    @Test func aMissingFileIsOneLineAndStatusOne() throws {
        let result = try Self.run(["info", "no-such-file.srt"])
        #expect(result.status == 1)
        #expect(result.stderr == "hark: no-such-file.srt: no such file\n")
        #expect(result.stdout.isEmpty)
    }

    @Test func searchCountOnTheSample() throws {
        let result = try Self.run([
            "search", "--count", "language model", "sample-data/gradient-dissent-sarah-catanzaro.whisper.txt",
        ])
        #expect(result.stdout == "4\n")
    }

    @Test func exportStreamsJSONThatParses() throws {
        let result = try Self.run(["export", "sample-data/gradient-dissent-sarah-catanzaro.srt"])
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect((object?["segments"] as? [Any])?.count == 925)
        #expect(object?["format"] as? String == "srt")
    }

    @Test func badArgumentsExplainThemselves() throws {
        let result = try Self.run(["export", "--to", "docx", "x.srt"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("docx"))
    }

    @Test func helpListsTheCommands() throws {
        let result = try Self.run(["--help"])
        for command in ["search", "info", "export"] { #expect(result.stdout.contains(command)) }
    }

    @Test func versionIsPrinted() throws {
        let result = try Self.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.range(of: #"^hark \d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil, "\(result.stdout)")
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func shellCompletionIsGenerated(shell: String) throws {
        let result = try Self.run(["--generate-completion-script", shell])
        #expect(result.status == 0)
        for word in ["search", "topics", "chapters", "export", "no-mouse"] { #expect(result.stdout.contains(word), "\(word)") }
    }

    @Test func anEmptyPatternIsOneLineAndStatusTwo() throws {
        let result = try Self.run(["search", "", "sample-data/gradient-dissent-sarah-catanzaro.whisper.txt"])
        #expect(result.status == 2)
        #expect(result.stderr == "hark: search: the pattern is empty; give the text to find\n")
    }

    @Test func aBrokenTopicsFileBesideTheTranscriptIsAnErrorNotACrash() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hark-beside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let transcript = folder.appendingPathComponent("talk.srt").path
        _ = FileManager.default.createFile(atPath: transcript, contents: Data("1\n00:00:01,000 --> 00:00:02,000\nHello.\n".utf8))
        _ = FileManager.default.createFile(
            atPath: folder.appendingPathComponent("talk.topics.toml").path, contents: Data("[.topic]\nname = 1\n".utf8))
        let result = try Self.run(["topics", transcript])
        #expect(result.status == 1)
        #expect(result.stderr.hasSuffix("talk.topics.toml:1: expected a key, found '.'\n"), "\(result.stderr)")
    }
}
